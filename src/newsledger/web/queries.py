"""Lean reads for the chart pages and the dashboard: only the columns a chart draws, newest
first, with the store's own filter conditions (`conditions_for`), so a filter means on a chart
exactly what it means in a list. Building the full typed rows of thousands of events, and paging
to the end of a large table by OFFSET, were most of a chart page's time."""
from __future__ import annotations

from typing import Any

from sqlalchemy import select

from ..store.filters import Filters, conditions_for, needs_article
from ..store.rows import ArticleRow, EventRow, field_names, row_from
from ..store.schema import articles, events, incident_accounts
from ..store.schema import incidents as incident_table

# What views.py reads from an event row.
CHART_COLUMNS = ("article_id", "type", "goldstein", "actor_name", "actor_text", "actor_country",
                 "target_name", "target_text", "target_country", "place_name", "place_text",
                 "place_country", "latitude", "longitude", "date_start", "fatalities_min")


def chart_events(store, filters: dict[str, Any], most: int) -> list:
    """The newest `most` matching events, with only the chart columns (attribute access)."""
    parsed = Filters.parse("events", filters)
    source = events.join(articles, events.c.article_id == articles.c.id) if needs_article("events", parsed) else events
    # the ids first, on the filter's indexes alone; then only those rows (sorting the whole
    # matching rows by id read every matching row, 16,000 of them for one country)
    newest = (select(events.c.id).select_from(source).where(*conditions_for("events", parsed, store.dialect))
              .order_by(events.c.id.desc()).limit(most))
    query = (select(*(events.c[name] for name in CHART_COLUMNS)).where(events.c.id.in_(newest))
             .order_by(events.c.id.desc()))
    with store.engine.connect() as connection:
        return connection.execute(query).all()


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
