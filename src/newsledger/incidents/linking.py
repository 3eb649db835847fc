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
from datetime import date
from typing import Callable, Iterable, Mapping, Optional, Sequence

from sqlalchemy import Connection, RowMapping, Select, bindparam, delete, insert, select, update
from sqlalchemy.sql.expression import Executable

from ..ledger import Ledger
from ..store import Store, fingerprint
from ..store.schema import (articles, incident_accounts, incident_checked, incident_days,
                            incident_figures, incidents)
from .accounts import PRECISION_RANK, accounts_of
from .matching import Profile
from .names import alias_table
from .replay import Cluster, Linker, Member, indexed_days, key_of
from .summary import FigureRow, fatalities, figures_of

BATCH_SIZE = 200
CHUNK = 500  # ids per IN (...) list


@dataclass
class LinkResult:
    articles: int = 0
    accounts: int = 0
    new_incidents: int = 0
    replayed: int = 0  # stored accounts decided again because an earlier article arrived


def link_new(store: Store, *, aliases: Optional[dict] = None, batch_size: int = BATCH_SIZE,
             ledgers: Optional[Mapping[int, Ledger]] = None) -> LinkResult:
    """Match the accounts of every stored article not matched yet, one transaction per batch
    (a crash loses the batch in flight, which the next call links again). `ledgers`: stored
    articles' ledgers by row id that the caller holds (those an ingest just stored), so that
    only the others are read back from the store."""
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
            _link_batch(connection, pending[start:start + batch_size], table, result, ledgers or {})
    return result


def rebuild(store: Store, *, aliases: Optional[dict] = None) -> LinkResult:
    """Forget every incident and link the whole store again, in the same order as ever."""
    with store.engine.begin() as connection:
        for table in (incident_figures, incident_days, incident_accounts, incident_checked, incidents):
            connection.execute(delete(table))
    return link_new(store, aliases=aliases)


def _link_batch(connection: Connection, article_ids: Sequence[int], aliases: dict, result: LinkResult,
                known: Mapping[int, Ledger]) -> None:
    keyed = {a: (known[a], known[a].article.published, fingerprint(known[a])) for a in article_ids if a in known}
    keyed.update(_stored_ledgers(connection, [a for a in article_ids if a not in known]))
    new = []
    for article_id in article_ids:
        ledger, published, key = keyed[article_id]
        new += [Member(key=key_of(published, key, position), article_id=article_id, account=a)
                for position, a in enumerate(accounts_of(ledger, article_id, aliases))]
    linker = Linker(connection)
    linker.run(new)
    _write(connection, linker, {a: ledger for a, (ledger, _, _) in keyed.items()}, result)
    if article_ids:
        connection.execute(insert(incident_checked), [{"article_id": a} for a in article_ids])
    result.articles += len(article_ids)
    result.accounts += len(new)


def _stored_ledgers(connection: Connection, article_ids: list[int]) -> dict[int, tuple[Ledger, Optional[date], str]]:
    """Stored articles' ledgers with the publication date and fingerprint they sort by."""
    found = {}
    for start in range(0, len(article_ids), CHUNK):
        rows = connection.execute(select(articles.c.id, articles.c.text, articles.c.ledger, articles.c.published,
                                         articles.c.fingerprint)
                                  .where(articles.c.id.in_(article_ids[start:start + CHUNK])))
        for row in rows:
            data = json.loads(row.ledger)
            data["text"] = row.text
            found[row.id] = (Ledger.from_dict(data), row.published, row.fingerprint)
    return found


def _write(connection: Connection, linker: Linker, ledgers: dict[int, Ledger], result: LinkResult) -> None:
    """Store what the linker decided, a few statements for the whole batch: incidents that start,
    accounts that are new or moved (with their figures), incidents that end, and the index and
    summary of every incident that changed."""
    changed = sorted((linker.clusters[i] for i in linker.dirty), key=lambda c: c.id)
    starting = [c for c in changed if c.members and not c.stored]
    if starting:
        connection.execute(insert(incidents), [
            {"id": c.id, "family": c.family, "date_start": c.members[0].account.start,
             "date_end": c.members[0].account.end, "sources": 0, "profile": "{}"} for c in starting])
        result.new_incidents += len(starting)
    members = sorted(linker.members.values(), key=lambda m: m.key)
    _insert_accounts(connection, [m for m in members if m.was is None], ledgers)
    moved = [m for m in members if m.was is not None and m.now != m.was]
    _move_accounts(connection, moved)
    result.replayed += len(moved)
    _in_chunks(connection, lambda ids: delete(incident_days).where(incident_days.c.incident_id.in_(ids)),
               [c.id for c in changed])
    _in_chunks(connection, lambda ids: delete(incidents).where(incidents.c.id.in_(ids)),
               [c.id for c in changed if not c.members and c.stored])
    live = [c for c in changed if c.members]
    profiles = {c.id: _profile(c) for c in live}
    days = [{"incident_id": c.id, "day": d, "country": country} for c in live
            for d in sorted(indexed_days(m.account for m in c.members)) for country in profiles[c.id].countries or [""]]
    if days:
        connection.execute(insert(incident_days), days)
    _update(connection, profiles)


def _in_chunks(connection: Connection, statement: Callable[[list[str]], Executable], ids: list[str]) -> None:
    for start in range(0, len(ids), CHUNK):
        connection.execute(statement(ids[start:start + CHUNK]))


def _insert_accounts(connection: Connection, members: list[Member], ledgers: dict[int, Ledger]) -> None:
    """New accounts and their figures, each table in one statement (rows in canonical order)."""
    if not members:
        return
    connection.execute(insert(incident_accounts), [
        {"incident_id": m.now, "article_id": m.article_id, "position": m.position,
         "events": ",".join(m.account.events), "account": json.dumps(m.account.to_dict())} for m in members])
    figures = []
    for member in members:
        assert member.now is not None  # the linker placed every account it was given
        ledger = ledgers[member.article_id]
        figures += [_figure_values(r, ledger) for r in figures_of(member.now, member.account, ledger)]
    if figures:
        connection.execute(insert(incident_figures), figures)


def _move_accounts(connection: Connection, members: list[Member]) -> None:
    """Accounts a replay moved to another incident, with their figures."""
    if not members:
        return
    connection.execute(update(incident_accounts).where(incident_accounts.c.id == bindparam("row"))
                       .values(incident_id=bindparam("now")), [{"row": m.row, "now": m.now} for m in members])
    figures = [{"article": m.article_id, "was": m.was, "event": event, "now": m.now}
               for m in members for event in m.account.events]
    if figures:
        connection.execute(update(incident_figures).where(
            incident_figures.c.article_id == bindparam("article"), incident_figures.c.incident_id == bindparam("was"),
            incident_figures.c.event_id == bindparam("event")).values(incident_id=bindparam("now")), figures)


def _profile(cluster: Cluster) -> Profile:
    profile = Profile.of(cluster.members[0].account)
    for member in cluster.members[1:]:
        profile.add(member.account)
    return profile


def _update(connection: Connection, profiles: dict[str, Profile]) -> None:
    """The profile and summary columns of the incidents whose accounts changed, in one statement."""
    if not profiles:
        return
    figures = _figure_rows_of(connection, list(profiles))
    reports: dict[str, list] = {}
    sources: dict[str, set[int]] = {}
    for start in range(0, len(profiles), CHUNK):
        rows = connection.execute(
            select(incident_accounts.c.incident_id, incident_accounts.c.article_id, articles.c.published)
            .select_from(incident_accounts.join(articles))
            .where(incident_accounts.c.incident_id.in_(list(profiles)[start:start + CHUNK])))
        for row in rows:
            reports.setdefault(row.incident_id, []).append(row.published)
            sources.setdefault(row.incident_id, set()).add(row.article_id)
    values = [_summary(incident_id, profile, figures.get(incident_id, []), reports[incident_id],
                       len(sources[incident_id])) for incident_id, profile in profiles.items()]
    connection.execute(update(incidents).where(incidents.c.id == bindparam("incident"))
                       .values({name: bindparam(f"new_{name}") for name in values[0] if name != "incident"}),
                       [{("incident" if name == "incident" else f"new_{name}"): value for name, value in v.items()}
                        for v in values])


def _summary(incident_id: str, profile: Profile, rows: list[FigureRow], reports: list, sources: int) -> dict:
    place = min(profile.places, key=lambda p: PRECISION_RANK.get(p.precision or "", 4), default=None)
    dated = profile.stated_start is not None
    return {
        "incident": incident_id,
        "country": place.country if place else (profile.countries[0] if profile.countries else None),
        "place_name": place.name if place else None,
        "latitude": place.lat if place else None, "longitude": place.lon if place else None,
        "date_start": profile.stated_start if dated else profile.start,
        "date_end": profile.stated_end if dated else profile.end,
        "sources": sources,
        "first_report": min((d for d in reports if d), default=None),
        "last_report": max((d for d in reports if d), default=None),
        "profile": json.dumps(profile.to_dict()),
        **fatalities(rows, *profile.parties())}


def figure_rows(connection: Connection, incident_id: str, measure: Optional[str] = None) -> list[FigureRow]:
    """The incident's figures in publication order, numbered per measure (the revision order)."""
    query = _figures_query().where(incident_figures.c.incident_id == incident_id)
    if measure:
        query = query.where((incident_figures.c.measure == measure)
                            | incident_figures.c.measure.startswith(measure.rstrip("/") + "/"))
    return _numbered(connection.execute(query).mappings()).get(incident_id, [])


def _figure_rows_of(connection: Connection, incident_ids: list[str]) -> dict[str, list[FigureRow]]:
    """`figure_rows` of many incidents at once."""
    found: dict[str, list[FigureRow]] = {}
    for start in range(0, len(incident_ids), CHUNK):
        query = _figures_query().where(incident_figures.c.incident_id.in_(incident_ids[start:start + CHUNK]))
        found.update(_numbered(connection.execute(query).mappings()))
    return found


def _figures_query() -> Select:
    return (select(incident_figures, articles.c.url, articles.c.outlet, articles.c.published)
            .select_from(incident_figures.join(articles))
            .order_by(articles.c.published.asc().nulls_last(), articles.c.fingerprint, incident_figures.c.position))


def _numbered(mappings: Iterable[RowMapping]) -> dict[str, list[FigureRow]]:
    """Figure rows by incident, each incident's in the query's order, numbered per measure."""
    found: dict[str, list[FigureRow]] = {}
    seen: dict[tuple[str, str], int] = {}
    for r in mappings:
        incident_id = r["incident_id"]
        row = FigureRow(incident=incident_id, measure=r["measure"], article_id=r["article_id"],
                        article_url=r["url"], outlet=r["outlet"], published=r["published"],
                        claimant=r["claimant"], claimant_text=r["claimant_text"],
                        claimant_kind=r["claimant_kind"],
                        claimant_country=r["claimant_country"], value=r["value"],
                        low=r["low"], high=r["high"], text=r["text"], evidence=r["evidence"],
                        stance=r["stance"], revision=r["revision"], event=r["event_id"],
                        claim_id=r["claim_id"])
        seen[incident_id, row.measure] = row.order = seen.get((incident_id, row.measure), 0) + 1
        found.setdefault(incident_id, []).append(row)
    return found


def _figure_values(row: FigureRow, ledger: Ledger) -> dict:
    position = next(k for k, c in enumerate(ledger.claims) if c.id == row.claim_id)
    return {"incident_id": row.incident, "article_id": row.article_id, "claim_id": row.claim_id,
            "position": position, "event_id": row.event, "measure": row.measure,
            "claimant": row.claimant, "claimant_text": row.claimant_text,
            "claimant_kind": row.claimant_kind,
            "claimant_country": row.claimant_country, "value": row.value,
            "low": row.low, "high": row.high, "text": row.text, "evidence": row.evidence,
            "stance": row.stance, "revision": row.revision}
