"""Linking stored articles' accounts into incidents: incrementally after an ingest, or all over.

The result depends only on which articles the store holds, never on the order they arrived in:
`rebuild` takes every account in canonical order (publication date, then the article's
fingerprint), and `link_new` puts new accounts into that order among the linked ones, replaying
the stored accounts they can influence (replay.py). Each batch is one transaction.

Incident ids: `inc-<first day>-<hash of the first account>`, the incident's first account in
canonical order (earliest published, then lowest fingerprint). An incident keeps its id as long
as that account stays its first: the id changes only when an article that sorts before all of an
incident's articles (published earlier, arriving later) joins it, and `rebuild` gives the same ids.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Optional, Sequence

from sqlalchemy import Connection, delete, insert, select, update

from ..ledger import Ledger
from ..store import Store
from ..store.schema import (articles, incident_accounts, incident_checked, incident_days,
                            incident_figures, incidents)
from .accounts import PRECISION_RANK, accounts_of
from .matching import Profile
from .names import alias_table
from .replay import Cluster, Linker, Member, indexed_days, key_of
from .summary import FigureRow, fatalities, figures_of

BATCH_SIZE = 200


@dataclass
class LinkResult:
    articles: int = 0
    accounts: int = 0
    new_incidents: int = 0
    replayed: int = 0  # stored accounts decided again because an earlier article arrived


def link_new(store: Store, *, aliases: Optional[dict] = None, batch_size: int = BATCH_SIZE) -> LinkResult:
    """Match the accounts of every stored article not matched yet, one transaction per batch
    (a crash loses the batch in flight, which the next call links again)."""
    table = alias_table() if aliases is None else aliases
    result = LinkResult()
    query = (select(articles.c.id)
             .where(~select(incident_checked.c.article_id)
                    .where(incident_checked.c.article_id == articles.c.id).exists())
             .order_by(articles.c.published.asc().nulls_last(), articles.c.fingerprint))
    with store.engine.connect() as connection:
        pending = connection.execute(query).scalars().all()
    for start in range(0, len(pending), batch_size):
        with store.engine.begin() as connection:
            _link_batch(connection, pending[start:start + batch_size], table, result)
    return result


def rebuild(store: Store, *, aliases: Optional[dict] = None) -> LinkResult:
    """Forget every incident and link the whole store again, in the same order as ever."""
    with store.engine.begin() as connection:
        for table in (incident_figures, incident_days, incident_accounts, incident_checked, incidents):
            connection.execute(delete(table))
    return link_new(store, aliases=aliases)


def _link_batch(connection: Connection, article_ids: Sequence[int], aliases: dict, result: LinkResult) -> None:
    ledgers, new = {}, []
    for article_id in article_ids:
        row = connection.execute(select(articles.c.text, articles.c.ledger, articles.c.published,
                                        articles.c.fingerprint).where(articles.c.id == article_id)).one()
        data = json.loads(row.ledger)
        data["text"] = row.text
        ledgers[article_id] = ledger = Ledger.from_dict(data)
        new += [Member(key=key_of(row.published, row.fingerprint, position), article_id=article_id, account=a)
                for position, a in enumerate(accounts_of(ledger, article_id, aliases))]
    linker = Linker(connection)
    linker.run(new)
    _write(connection, linker, ledgers, result)
    if article_ids:
        connection.execute(insert(incident_checked), [{"article_id": a} for a in article_ids])
    result.articles += len(article_ids)
    result.accounts += len(new)


def _write(connection: Connection, linker: Linker, ledgers: dict[int, Ledger], result: LinkResult) -> None:
    """Store what the linker decided: incidents that start, accounts that are new or moved (with
    their figures), incidents that end, and the index and summary of every incident that changed."""
    changed = sorted((linker.clusters[i] for i in linker.dirty), key=lambda c: c.id)
    starting = [c for c in changed if c.members and not c.stored]
    if starting:
        connection.execute(insert(incidents), [
            {"id": c.id, "family": c.family, "date_start": c.members[0].account.start,
             "date_end": c.members[0].account.end, "sources": 0, "profile": "{}"} for c in starting])
        result.new_incidents += len(starting)
    for member in sorted(linker.members.values(), key=lambda m: m.key):
        if member.was is None:
            _insert_account(connection, member, ledgers[member.article_id])
        elif member.now != member.was:
            _move_account(connection, member)
            result.replayed += 1
    for cluster in changed:
        connection.execute(delete(incident_days).where(incident_days.c.incident_id == cluster.id))
        if not cluster.members:
            if cluster.stored:
                connection.execute(delete(incidents).where(incidents.c.id == cluster.id))
            continue
        profile = _profile(cluster)
        _index_days(connection, cluster, profile)
        _update(connection, cluster.id, profile)


def _insert_account(connection: Connection, member: Member, ledger: Ledger) -> None:
    connection.execute(insert(incident_accounts).values(
        incident_id=member.now, article_id=member.article_id, position=member.position,
        events=",".join(member.account.events), account=json.dumps(member.account.to_dict())))
    assert member.now is not None  # the linker placed every account it was given
    rows = figures_of(member.now, member.account, ledger)
    if rows:
        connection.execute(insert(incident_figures), [_figure_values(r, ledger) for r in rows])


def _move_account(connection: Connection, member: Member) -> None:
    connection.execute(update(incident_accounts).where(incident_accounts.c.id == member.row)
                       .values(incident_id=member.now))
    connection.execute(update(incident_figures).where(
        incident_figures.c.article_id == member.article_id, incident_figures.c.incident_id == member.was,
        incident_figures.c.event_id.in_(member.account.events)).values(incident_id=member.now))


def _profile(cluster: Cluster) -> Profile:
    profile = Profile.of(cluster.members[0].account)
    for member in cluster.members[1:]:
        profile.add(member.account)
    return profile


def _index_days(connection: Connection, cluster: Cluster, profile: Profile) -> None:
    countries = profile.countries or [""]
    days = sorted(indexed_days(m.account for m in cluster.members))
    connection.execute(insert(incident_days),
                       [{"incident_id": cluster.id, "day": d, "country": c} for d in days for c in countries])


def _update(connection: Connection, incident_id: str, profile: Profile) -> None:
    """The incident's profile and summary columns after its accounts changed."""
    rows = figure_rows(connection, incident_id)
    reports = connection.execute(
        select(articles.c.published).select_from(incident_accounts.join(articles))
        .where(incident_accounts.c.incident_id == incident_id)).scalars().all()
    place = min(profile.places, key=lambda p: PRECISION_RANK.get(p.precision or "", 4), default=None)
    dated = profile.stated_start is not None
    connection.execute(update(incidents).where(incidents.c.id == incident_id).values(
        country=place.country if place else (profile.countries[0] if profile.countries else None),
        place_name=place.name if place else None,
        latitude=place.lat if place else None, longitude=place.lon if place else None,
        date_start=profile.stated_start if dated else profile.start,
        date_end=profile.stated_end if dated else profile.end,
        sources=len(set(connection.execute(select(incident_accounts.c.article_id)
                                           .where(incident_accounts.c.incident_id == incident_id)).scalars())),
        first_report=min((d for d in reports if d), default=None),
        last_report=max((d for d in reports if d), default=None),
        profile=json.dumps(profile.to_dict()),
        **fatalities(rows, *profile.parties())))


def figure_rows(connection: Connection, incident_id: str, measure: Optional[str] = None) -> list[FigureRow]:
    """The incident's figures in publication order, numbered per measure (the revision order)."""
    query = (select(incident_figures, articles.c.url, articles.c.outlet, articles.c.published)
             .select_from(incident_figures.join(articles))
             .where(incident_figures.c.incident_id == incident_id)
             .order_by(articles.c.published.asc().nulls_last(), articles.c.fingerprint, incident_figures.c.position))
    if measure:
        query = query.where((incident_figures.c.measure == measure)
                            | incident_figures.c.measure.startswith(measure.rstrip("/") + "/"))
    rows: list[FigureRow] = []
    seen: dict[str, int] = {}
    for r in connection.execute(query).mappings():
        row = FigureRow(incident=incident_id, measure=r["measure"], article_id=r["article_id"],
                        article_url=r["url"], outlet=r["outlet"], published=r["published"],
                        claimant=r["claimant"], claimant_text=r["claimant_text"],
                        claimant_kind=r["claimant_kind"],
                        claimant_country=r["claimant_country"], value=r["value"],
                        low=r["low"], high=r["high"], text=r["text"], evidence=r["evidence"],
                        stance=r["stance"], revision=r["revision"], event=r["event_id"],
                        claim_id=r["claim_id"])
        seen[row.measure] = row.order = seen.get(row.measure, 0) + 1
        rows.append(row)
    return rows


def _figure_values(row: FigureRow, ledger: Ledger) -> dict:
    position = next(k for k, c in enumerate(ledger.claims) if c.id == row.claim_id)
    return {"incident_id": row.incident, "article_id": row.article_id, "claim_id": row.claim_id,
            "position": position, "event_id": row.event, "measure": row.measure,
            "claimant": row.claimant, "claimant_text": row.claimant_text,
            "claimant_kind": row.claimant_kind,
            "claimant_country": row.claimant_country, "value": row.value,
            "low": row.low, "high": row.high, "text": row.text, "evidence": row.evidence,
            "stance": row.stance, "revision": row.revision}
