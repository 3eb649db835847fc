"""Test helpers for ingest and re-analysis runs: short distinct articles written for the tests,
as inputs and as a JSONL file, and a store's tables dumped for comparing two stores."""
from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import create_engine, select

from newsledger import ArticleInput
from newsledger.store.schema import articles as articles_table
from newsledger.store.schema import (claims, entities, events, incident_accounts, incident_checked,
                                     incident_days, incident_figures, incidents)

PLACES = ["Goma", "Mosul", "Kharkiv", "Marib", "Gao", "Idlib"]
SIDES = ["Rebel fighters", "Government troops", "Armed men", "Militia members"]
TARGETS = ["a checkpoint", "a market", "an army post", "a convoy"]
NOT_COMPARED = {"stored_at"}  # when a row was written differs between any two runs


def articles(count: int) -> list[ArticleInput]:
    """Short distinct articles, each with an attack, a death toll and a claim."""
    items = []
    for number in range(count):
        place, side = PLACES[number % len(PLACES)], SIDES[number % len(SIDES)]
        text = (f"{side} attacked {TARGETS[number % len(TARGETS)]} in {place} on Monday, killing "
                f"{number + 2} people, officials said. The health ministry said {number + 5} "
                f"people were wounded. Residents said the fighting went on for hours.")
        items.append(ArticleInput(text=text, title=f"Attack {number}", origin=f"test:{number}",
                                  published=date(2024, 1, 1) + timedelta(days=number)))
    return items


def jsonl_file(path: Path, items: list[ArticleInput]) -> Path:
    lines = [json.dumps({"text": item.text, "title": item.title,
                         "published": item.published.isoformat()}) for item in items]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def dump(url: str) -> dict[str, list[tuple]]:
    """Every row of the store's tables in id order, ids included, without the write times; and
    the incidents: every row of their tables without the row numbers of accounts and figures
    (which depend on how many articles were linked at a time; what is linked to what does not)."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            tables = {table.name: [tuple(row) for row in connection.execute(
                          select(*[column for column in table.c if column.name not in NOT_COMPARED])
                          .order_by(table.c.id))]
                      for table in (articles_table, events, claims, entities)}
            for table in (incidents, incident_accounts, incident_days, incident_figures,
                          incident_checked):
                rows = connection.execute(select(*[column for column in table.c
                                                   if column.name != "id" or table is incidents]))
                tables[table.name] = sorted((tuple(row) for row in rows), key=repr)
            return tables
    finally:
        engine.dispose()
