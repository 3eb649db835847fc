"""Lean reads for the chart pages and the dashboard: only the columns a chart draws, newest
first, with the store's own filter conditions (`conditions_for`), so a filter means on a chart
exactly what it means in a list. Building the full typed rows of thousands of events, and paging
to the end of a large table by OFFSET, were most of a chart page's time."""
from __future__ import annotations

from typing import Any

from sqlalchemy import select

from ..store.filters import Filters, conditions_for, needs_article
from ..store.rows import ArticleRow, EventRow, field_names, row_from
from ..store.schema import articles, events

# What views.py reads from an event row.
CHART_COLUMNS = ("article_id", "type", "goldstein", "actor_name", "actor_text", "actor_country",
                 "target_name", "target_text", "target_country", "place_name", "place_text",
                 "place_country", "latitude", "longitude", "date_start", "fatalities_min")


def chart_events(store, filters: dict[str, Any], most: int) -> list:
    """The newest `most` matching events, with only the chart columns (attribute access)."""
    parsed = Filters.parse("events", filters)
    source = events.join(articles, events.c.article_id == articles.c.id) if needs_article("events", parsed) else events
    query = (select(*(events.c[name] for name in CHART_COLUMNS)).select_from(source)
             .where(*conditions_for("events", parsed, store.dialect))
             .order_by(events.c.id.desc()).limit(most))
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
