"""Reading incidents back: summaries with filters, one incident's accounts, one measure's figures.

    incidents(store, country="PSE", since="2024-01-01")  -> list[IncidentSummary]
    incident(store, "inc-20240108-...")                   -> IncidentDetail (summary, reports, figures)
    numbers(store, "inc-20240108-...", measure="killed")  -> list[FigureRow], in revision order

Filters: `country`, `since`, `until` and `place` apply to the incident itself (its place, its
dates); `actor`, `target`, `type`, `claimant`, `outlet` and `text` keep incidents that one of
its articles matches, with the same meaning as for `Store.events`.
"""
from __future__ import annotations

import json
from typing import Any, Callable, Optional

from sqlalchemy import func, select

from ..ledger import Ledger
from ..store import FilterError, Store, fingerprint
from ..store.filters import Filters, article_conditions, event_conditions
from ..store.schema import articles, events, incident_accounts, incidents as incident_table
from .accounts import Account
from .linking import figure_rows
from .summary import FigureRow, IncidentDetail, IncidentSummary, Report, article_tolls, report

OWN_FILTERS = ("country", "since", "until", "place")
ARTICLE_FILTERS = ("actor", "target", "type", "claimant", "outlet", "text")


ORDERS = {"earliest": (incident_table.c.date_start, incident_table.c.id),
          "latest": (incident_table.c.date_start.desc(), incident_table.c.id.desc()),
          "disagreement": (incident_table.c.disagreement.desc().nulls_last(), incident_table.c.id)}


def incidents(store: Store, *, limit: Optional[int] = None, offset: int = 0, min_sources: int = 1,
              order: str = "earliest", **filters: Any) -> list[IncidentSummary]:
    """Incidents matching the filters, the earliest first (or the `latest` first, or the most
    `disagreement` first); `limit` and `offset` select one page."""
    if order not in ORDERS:
        raise FilterError(f"unknown order {order!r} (known: {', '.join(ORDERS)})")
    query = _matching(store, min_sources, filters).order_by(*ORDERS[order]).limit(limit).offset(offset or None)
    with store.engine.connect() as connection:
        return _summaries(connection, query, order)


def counted_incidents(store: Store, *, limit: int, offset: int = 0, min_sources: int = 1, order: str = "earliest",
                      **filters: Any) -> tuple[list[IncidentSummary], int]:
    """One page of `incidents` and how many match in all (`count_incidents`), the matching
    incidents found once: sorting them for the page already goes through every one."""
    if order not in ORDERS:
        raise FilterError(f"unknown order {order!r} (known: {', '.join(ORDERS)})")
    matching = _matching(store, min_sources, filters)
    query = (matching.add_columns(func.count().over().label("total")).order_by(*ORDERS[order])
             .limit(limit).offset(offset or None))
    with store.engine.connect() as connection:
        found = connection.execute(query).all()
        if not found:  # a page past the end: the count alone
            return [], connection.execute(select(func.count()).select_from(matching.subquery())).scalar_one()
        return _summaries(connection, [row.id for row in found], order), found[0].total


def _summaries(connection, ids, order: str) -> list[IncidentSummary]:
    """The summaries of these incidents (ids, or a query of them), in `order`."""
    rows = connection.execute(select(incident_table).where(incident_table.c.id.in_(ids))
                              .order_by(*ORDERS[order])).mappings().all()
    outlets = _outlets(connection, [row["id"] for row in rows])
    return [_summary(row, outlets.get(row["id"], [])) for row in rows]


def count_incidents(store: Store, *, min_sources: int = 1, **filters: Any) -> int:
    """How many incidents match the filters (as `incidents` takes them)."""
    query = _matching(store, min_sources, filters)
    with store.engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(query.subquery())).scalar_one()


def _matching(store: Store, min_sources: int, filters: dict[str, Any]):
    """The ids of the incidents that match: the incident's own filters on its columns, the
    article filters through the events of the articles that tell of it."""
    unknown = sorted(set(filters) - set(OWN_FILTERS) - set(ARTICLE_FILTERS))
    if unknown:
        raise FilterError(f"unknown filter {unknown[0]!r} (known: {', '.join(OWN_FILTERS + ARTICLE_FILTERS)})")
    own = Filters.parse("events", {k: v for k, v in filters.items() if k in OWN_FILTERS})
    query = select(incident_table.c.id)
    if min_sources > 1:  # every incident has a source: no need to read each row for this
        query = query.where(incident_table.c.sources >= min_sources)
    if own.country:
        query = query.where(incident_table.c.country == own.country.upper())
    if own.since:
        query = query.where(incident_table.c.date_end >= own.since)
    if own.until:
        query = query.where(incident_table.c.date_start <= own.until)
    if own.place:
        query = query.where(func.lower(incident_table.c.place_name).contains(own.place.lower()))
    by_article = Filters.parse("events", {k: v for k, v in filters.items() if k in ARTICLE_FILTERS})
    about_events = event_conditions(by_article)
    about_articles = article_conditions(by_article, store.dialect, dated=False)
    told = []  # the articles with such an event, as sets of ids (a join would repeat each account per event)
    if about_events:
        told.append(incident_accounts.c.article_id.in_(select(events.c.article_id).where(*about_events)))
    if about_articles:
        told.append(incident_accounts.c.article_id.in_(select(articles.c.id).where(*about_articles)))
    if told:
        query = query.where(incident_table.c.id.in_(select(incident_accounts.c.incident_id).where(*told)))
    return query


def incident(store: Store, incident_id: str) -> IncidentDetail:
    """One incident: its summary, one report per article's account, and every figure."""
    with store.engine.connect() as connection:
        row = connection.execute(select(incident_table).where(incident_table.c.id == incident_id)).mappings().first()
        if row is None:
            raise KeyError(f"no incident {incident_id!r} in {store.name}")
        summary = _summary(row, _outlets(connection, [incident_id]).get(incident_id, []))
        accounts = [Account.from_dict(json.loads(a)) for a in connection.execute(
            select(incident_accounts.c.account).select_from(incident_accounts.join(articles))
            .where(incident_accounts.c.incident_id == incident_id)
            .order_by(articles.c.published.asc().nulls_last(), articles.c.fingerprint, incident_accounts.c.position)).scalars()]
        rows = figure_rows(connection, incident_id)
    tolls = article_tolls(rows, whole=False)  # as each outlet counts its dead ("30 officials")
    reports: list[Report] = [report(incident_id, a, store.ledger(a.article_id), tolls) for a in accounts]
    return IncidentDetail(summary=summary, reports=reports, figures=rows)


def numbers(store: Store, incident_id: str, measure: Optional[str] = None) -> list[FigureRow]:
    """The incident's figures of one measure ("killed/people", or a class: "killed"), or of all,
    in the order outlets published them."""
    with store.engine.connect() as connection:
        known = connection.scalar(select(incident_table.c.id).where(incident_table.c.id == incident_id))
        if known is None:
            raise KeyError(f"no incident {incident_id!r} in {store.name}")
        return figure_rows(connection, incident_id, measure)


def incident_of(store: Store) -> Callable[[str, str], Optional[str]]:
    """The exporters' hook (export.ExportOptions.incident_of): (the ledger's article id, event id)
    -> the id of the incident the event belongs to, or None. Reads the store's links once."""
    links: dict[tuple[str, str], str] = {}
    query = select(articles.c.text_sha256, incident_accounts.c.events, incident_accounts.c.incident_id) \
        .select_from(incident_accounts.join(articles))
    with store.engine.connect() as connection:
        for article_id, events_of, incident_id in connection.execute(query):
            for event_id in events_of.split(","):
                links[(article_id, event_id)] = incident_id
    return lambda article_id, event_id: links.get((article_id, event_id))


def _outlets(connection, ids: list[str]) -> dict[str, list[str]]:
    """Each incident's outlets, in alphabetical order: one query for a whole page of incidents."""
    found: dict[str, list[str]] = {}
    for start in range(0, len(ids), 500):  # bound the IN list
        query = (select(incident_accounts.c.incident_id, articles.c.outlet).distinct()
                 .select_from(incident_accounts.join(articles))
                 .where(incident_accounts.c.incident_id.in_(ids[start:start + 500]), articles.c.outlet.is_not(None))
                 .order_by(incident_accounts.c.incident_id, articles.c.outlet))
        for incident_id, outlet in connection.execute(query):
            found.setdefault(incident_id, []).append(outlet)
    return found


def _summary(row, outlets: list[str]) -> IncidentSummary:
    return IncidentSummary(
        id=row["id"], family=row["family"], country=row["country"], place=row["place_name"],
        start=row["date_start"], end=row["date_end"], sources=row["sources"], outlets=outlets,
        first_report=row["first_report"], last_report=row["last_report"],
        fatalities_low=row["fatalities_low"], fatalities_best=row["fatalities_best"],
        fatalities_high=row["fatalities_high"], best_source=row["best_source"],
        best_rule=row["best_rule"], disagreement=row["disagreement"])


def article_incident_of(store: Store, ledger: Ledger) -> Optional[Callable[[str, str], Optional[str]]]:
    """The incident hook for one freshly analyzed article, found in the store by its fingerprint;
    None if the store does not have it. Its events are matched to the stored ones by type and
    evidence span, so a report names the incidents even if event ids were numbered differently."""
    try:
        stored = store.ledger(fingerprint(ledger))
    except KeyError:
        return None
    links = incident_of(store)
    stored_ids = {(e.type, e.evidence[0].start, e.evidence[0].end): e.id
                  for e in stored.events if e.evidence}

    def of(article_id: str, event_id: str) -> Optional[str]:
        event = next((e for e in ledger.events if e.id == event_id and e.evidence), None)
        key = (event.type, event.evidence[0].start, event.evidence[0].end) if event else None
        return links(stored.article.id, stored_ids[key]) if key in stored_ids else None
    return of
