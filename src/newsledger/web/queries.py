"""Lean reads for the chart pages and the dashboard. A chart draws the newest matching events
(the store's own filter conditions, `conditions_for`, so a filter means on a chart exactly what
it means in a list), and the database sums them up: one row per map place, per timeline day, per
actor-target pair, per group and week, never one Python object per event. Building the full rows
of thousands of events in Python was most of a chart page's time.

Names as views.py shows them: a side is its resolved name, else the article's words; an event's
country is its place's, else its target's, else its actor's (empty strings count as missing).
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnClause, Date, Numeric, cast, func, literal_column, select

from ..store.filters import Filters, conditions_for, needs_article
from ..store.rows import ArticleRow, EventRow, field_names, row_from
from ..store.schema import articles, events, incident_accounts
from ..store.schema import incidents as incident_table

NONE: ColumnClause[str] = literal_column("''")  # a literal, not a bound parameter: PostgreSQL must see GROUP BY and SELECT alike


def chosen_events(store, filters: dict[str, Any], most: int):
    """The newest `most` matching events, as a subquery to sum up. Their ids first, on the
    filter's indexes alone, then only those rows: sorting whole matching rows by id read every
    one of them (16,000 for one country)."""
    parsed = Filters.parse("events", filters)
    source = events.join(articles, events.c.article_id == articles.c.id) if needs_article("events", parsed) else events
    newest = (select(events.c.id).select_from(source).where(*conditions_for("events", parsed, store.dialect))
              .order_by(events.c.id.desc()).limit(most))
    return select(events).where(events.c.id.in_(newest)).subquery("chosen")


def _party(chosen, role: str):
    return func.coalesce(func.nullif(chosen.c[f"{role}_name"], NONE), func.nullif(chosen.c[f"{role}_text"], NONE))


def _country(chosen):
    return func.coalesce(*(func.nullif(chosen.c[f"{role}_country"], NONE) for role in ("place", "target", "actor")))


def _read(store, query) -> list:
    with store.engine.connect() as connection:
        return connection.execute(query).all()


def map_places(store, chosen) -> list:
    """One row per place (coordinates rounded to ~1 km), newest place first: the newest event's
    longitude, latitude and place name there, its events and their dead (the low ends)."""
    where = [func.round(cast(chosen.c[name], Numeric), 2) for name in ("longitude", "latitude")]
    newest = func.row_number().over(partition_by=where, order_by=chosen.c.id.desc())
    located = (select(chosen.c.id, chosen.c.longitude, chosen.c.latitude,
                      func.coalesce(func.nullif(chosen.c.place_name, NONE), func.nullif(chosen.c.place_text, NONE)).label("name"),
                      newest.label("rank"), func.count().over(partition_by=where).label("events"),
                      func.sum(func.coalesce(chosen.c.fatalities_min, 0)).over(partition_by=where).label("fatalities"))
               .where(chosen.c.latitude.is_not(None), chosen.c.longitude.is_not(None)).subquery())
    return _read(store, select(located.c.longitude, located.c.latitude, located.c.name, located.c.events,
                               located.c.fatalities).where(located.c.rank == 1).order_by(located.c.id.desc()))


def timeline_days(store, chosen) -> list:
    """One row per country and day, newest first: its events, their dead, and (what a day of one
    event shows) that event's type, sides and article."""
    lane = func.coalesce(_country(chosen), literal_column("'unknown'"))
    return _read(store, select(lane.label("lane"), chosen.c.date_start.label("day"), func.count().label("events"),
                               func.sum(func.coalesce(chosen.c.fatalities_min, 0)).label("fatalities"),
                               func.min(chosen.c.type).label("type"), func.min(_party(chosen, "actor")).label("actor"),
                               func.min(_party(chosen, "target")).label("target"),
                               func.min(chosen.c.article_id).label("article_id"))
                     .where(chosen.c.date_start.is_not(None)).group_by(lane, chosen.c.date_start)
                     .order_by(func.max(chosen.c.id).desc()))


def network_pairs(store, chosen) -> list:
    """One row per (actor, target) of different names: events, and the sum and number of their
    Goldstein values."""
    actor, target = _party(chosen, "actor"), _party(chosen, "target")
    return _read(store, select(actor.label("source"), target.label("target"), func.count().label("events"),
                               func.coalesce(func.sum(chosen.c.goldstein), 0.0).label("goldstein_sum"),
                               func.count(chosen.c.goldstein).label("scored"))
                     .where(actor.is_not(None), target.is_not(None), actor != target).group_by(actor, target))


def weekly_sums(store, chosen, by: str) -> list:
    """One row per group (a country, or an actor and a target) and week (its Monday): events and
    their summed Goldstein values."""
    week = _monday(chosen.c.date_start, store.dialect)
    groups = [_country(chosen)] if by == "country" else [_party(chosen, "actor"), _party(chosen, "target")]
    return _read(store, select(*groups, week.label("week"), func.count().label("events"),
                               func.coalesce(func.sum(chosen.c.goldstein), 0.0).label("goldstein"))
                     .where(chosen.c.date_start.is_not(None), *(group.is_not(None) for group in groups))
                     .group_by(*groups, week))


def _monday(day, dialect: str):
    """The Monday that starts the ISO week of `day`, in the database."""
    if dialect == "sqlite":
        return func.date(day, literal_column("'-6 days'"), literal_column("'weekday 1'"), type_=Date)
    return cast(func.date_trunc(literal_column("'week'"), day), Date)


LATEST = {"events": (events, EventRow), "articles": (articles, ArticleRow)}


def latest(store, kind: str, most: int) -> list:
    """The newest `most` rows of `kind` as the store's typed rows."""
    table, row_type = LATEST[kind]
    columns = [table.c[name] if name in table.c else articles.c[name] for name in field_names(row_type)]
    source = table if table is articles else table.join(articles, table.c.article_id == articles.c.id)
    query = select(*columns).select_from(source).order_by(table.c.id.desc()).limit(most)
    with store.engine.connect() as connection:
        return [row_from(row_type, mapping) for mapping in connection.execute(query).mappings()]


def article_incidents(store, key: int | str) -> dict[str, str]:
    """Which incident each of one article's events belongs to (event id -> incident id); the
    article by row id or by fingerprint."""
    article = articles.c.id if isinstance(key, int) else articles.c.fingerprint
    query = (select(incident_accounts.c.incident_id, incident_accounts.c.events)
             .select_from(incident_accounts.join(articles, incident_accounts.c.article_id == articles.c.id))
             .where(article == key))
    with store.engine.connect() as connection:
        return {event_id: incident_id for incident_id, ids in connection.execute(query)
                for event_id in ids.split(",") if event_id}


def incident_places(store, ids: list[str]) -> dict[str, tuple[float, float]]:
    """Where each of these incidents happened (longitude, latitude), for those geocoded."""
    places: dict[str, tuple[float, float]] = {}
    with store.engine.connect() as connection:
        for start in range(0, len(ids), 500):
            query = (select(incident_table.c.id, incident_table.c.longitude, incident_table.c.latitude)
                     .where(incident_table.c.id.in_(ids[start:start + 500]), incident_table.c.latitude.is_not(None),
                            incident_table.c.longitude.is_not(None)))
            places.update({row.id: (row.longitude, row.latitude) for row in connection.execute(query)})
    return places
