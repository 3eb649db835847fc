"""Linking stored articles' accounts into incidents: incrementally after an ingest, or all over.

Articles are taken oldest publication first (then by row id), so `rebuild` on a store gives the
same incidents every time, and the same as linking article by article in that order. Each
account is matched only against the incidents indexed on the days its date allows (and its
country, when stated): `incident_days` is the blocking index, so the cost per article depends
on how many incidents share its days and country, not on the size of the store.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import timedelta
from typing import Optional

from sqlalchemy import Connection, delete, insert, select, update

from ..ledger import Ledger
from ..store import Store
from ..store.schema import (articles, incident_accounts, incident_checked, incident_days,
                            incident_figures, incidents)
from .accounts import PRECISION_RANK, Account, accounts_of, settings
from .matching import Profile, score
from .names import alias_table
from .summary import FigureRow, fatalities, figures_of

BATCH_SIZE = 200
MAX_INDEXED_DAYS = 62  # an account dated only to a month or two is indexed on its first days


@dataclass
class LinkResult:
    articles: int = 0
    accounts: int = 0
    new_incidents: int = 0


def link_new(store: Store, *, aliases: Optional[dict] = None, batch_size: int = BATCH_SIZE) -> LinkResult:
    """Match the accounts of every stored article not matched yet, one transaction per batch
    (a crash loses the batch in flight, which the next call links again)."""
    table = alias_table() if aliases is None else aliases
    result = LinkResult()
    query = (select(articles.c.id, articles.c.fingerprint)
             .where(~select(incident_checked.c.article_id)
                    .where(incident_checked.c.article_id == articles.c.id).exists())
             .order_by(articles.c.published.asc().nulls_last(), articles.c.id))
    with store.engine.connect() as connection:
        pending = connection.execute(query).all()
    for start in range(0, len(pending), batch_size):
        batch = pending[start:start + batch_size]
        with store.engine.begin() as connection:
            for article_id, fingerprint in batch:
                ledger = _ledger(connection, article_id)
                _link_article(connection, ledger, article_id, fingerprint, table, result)
    return result


def _ledger(connection: Connection, article_id: int) -> Ledger:
    row = connection.execute(select(articles.c.text, articles.c.ledger).where(articles.c.id == article_id)).one()
    data = json.loads(row.ledger)
    data["text"] = row.text
    return Ledger.from_dict(data)


def rebuild(store: Store, *, aliases: Optional[dict] = None) -> LinkResult:
    """Forget every incident and link the whole store again, in the same order as ever."""
    with store.engine.begin() as connection:
        for table in (incident_figures, incident_days, incident_accounts, incident_checked, incidents):
            connection.execute(delete(table))
    return link_new(store, aliases=aliases)


def _link_article(connection: Connection, ledger: Ledger, article_id: int, fingerprint: str,
                  aliases: dict, result: LinkResult) -> None:
    threshold = settings()["threshold"]
    for position, account in enumerate(accounts_of(ledger, article_id, aliases)):
        candidates = _candidates(connection, account)
        scored = sorted((-s, incident_id) for incident_id, profile in candidates.items()
                        if (s := score(account, profile)) is not None and s >= threshold)
        if scored:
            incident_id = scored[0][1]
            profile = candidates[incident_id]
            profile.add(account)
        else:
            incident_id = _new_id(account, fingerprint, position)
            profile = Profile.of(account)
            connection.execute(insert(incidents).values(
                id=incident_id, family=account.family, date_start=account.start, date_end=account.end,
                sources=0, profile="{}"))
            result.new_incidents += 1
        connection.execute(insert(incident_accounts).values(
            incident_id=incident_id, article_id=article_id, position=position,
            events=",".join(account.events), account=json.dumps(account.to_dict())))
        rows = figures_of(incident_id, account, ledger)
        if rows:
            connection.execute(insert(incident_figures), [_figure_values(r, ledger) for r in rows])
        _index_days(connection, incident_id, profile)
        _update(connection, incident_id, profile)
        result.accounts += 1
    connection.execute(insert(incident_checked).values(article_id=article_id))
    result.articles += 1


def _candidates(connection: Connection, account: Account) -> dict[str, Profile]:
    days = select(incident_days.c.incident_id).where(incident_days.c.day.between(account.start, account.end))
    if account.country and account.place is not None:
        days = days.where(incident_days.c.country.in_([account.country, ""]))
    query = select(incidents.c.id, incidents.c.profile).where(incidents.c.id.in_(days.distinct()))
    return {row.id: Profile.from_dict(json.loads(row.profile)) for row in connection.execute(query)}


def _new_id(account: Account, fingerprint: str, position: int) -> str:
    digest = hashlib.sha1(f"{fingerprint}:{position}".encode()).hexdigest()[:10]
    return f"inc-{account.start:%Y%m%d}-{digest}"


def _index_days(connection: Connection, incident_id: str, profile: Profile) -> None:
    have = {(row.day, row.country) for row in connection.execute(
        select(incident_days.c.day, incident_days.c.country).where(incident_days.c.incident_id == incident_id))}
    countries = profile.countries or [""]
    span = min((profile.end - profile.start).days, MAX_INDEXED_DAYS)
    wanted = {(profile.start + timedelta(days=k), c) for k in range(span + 1) for c in countries}
    new = sorted(wanted - have)
    if new:
        connection.execute(insert(incident_days),
                           [{"incident_id": incident_id, "day": d, "country": c} for d, c in new])


def _update(connection: Connection, incident_id: str, profile: Profile) -> None:
    """The incident's profile and summary columns after an account joined."""
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
             .order_by(articles.c.published.asc().nulls_last(), articles.c.id, incident_figures.c.position))
    if measure:
        query = query.where((incident_figures.c.measure == measure)
                            | incident_figures.c.measure.startswith(measure.rstrip("/") + "/"))
    rows, seen = [], {}
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
