"""Query rows as a reader sees them: a table for a terminal, CSV or JSONL for tools.

CSV and JSONL carry every field of the row; the table shows the fields a reader scans first.
The evidence (the article's exact words) is added on request: a column in CSV/JSONL, an
indented line under each table row.
"""
from __future__ import annotations

import csv
import dataclasses
import json
from datetime import date, datetime
from typing import IO, Any, Iterable

TABLE_COLUMNS = {  # field, heading, width
    "events": [("id", "id", 7), ("date_start", "date", 10), ("type", "type", 10),
               ("actor_name", "actor", 24), ("target_name", "target", 24),
               ("place_name", "place", 16), ("fatalities_min", "killed", 6),
               ("outlet", "outlet", 16)],
    "claims": [("id", "id", 7), ("published", "published", 10), ("claimant_name", "claimant", 24),
               ("cue", "cue", 12), ("measure", "measure", 18), ("stance", "stance", 8),
               ("content", "content", 48)],
    "articles": [("id", "id", 6), ("published", "published", 10), ("outlet", "outlet", 16),
                 ("event_count", "events", 6), ("claim_count", "claims", 6),
                 ("title", "title", 60)],
    # newsledger.incidents: IncidentSummary and FigureRow
    "incidents": [("id", "id", 24), ("start", "date", 10), ("place", "place", 16),
                  ("country", "ctry", 4), ("sources", "srcs", 4), ("fatalities_low", "low", 5),
                  ("fatalities_best", "best", 5), ("fatalities_high", "high", 5),
                  ("disagreement", "disagr", 6), ("best_source", "best from", 36)],
    "figures": [("order", "#", 3), ("published", "published", 10), ("outlet", "outlet", 18),
                ("claimant", "claimant", 26), ("measure", "measure", 16), ("text", "figure", 22),
                ("revision", "revision", 8), ("stance", "stance", 8)],
}
_FALLBACK = {"actor_name": "actor_text", "target_name": "target_text", "place_name": "place_text",
             "claimant_name": "claimant_text"}  # unresolved: show the article's words


def write_rows(out: IO[str], kind: str, rows: Iterable[Any], output_format: str, *,
               evidence: bool = False) -> int:
    """Write rows as they stream in; returns how many were written."""
    writer = {"table": _table, "csv": _csv, "jsonl": _jsonl}[output_format]
    return writer(out, kind, rows, evidence)


def _fields(row: Any, evidence: bool) -> dict[str, Any]:
    values = dataclasses.asdict(row)
    if kind_has_text(values) and not evidence:
        values.pop("text")
    if not evidence:
        values.pop("evidence", None)
    elif "text" in values:
        values["evidence"] = values.pop("text")
    return values


def kind_has_text(values: dict[str, Any]) -> bool:
    return "text" in values and "fingerprint" in values  # an article row: its evidence is the text


def _plain(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value


def _jsonl(out: IO[str], kind: str, rows: Iterable[Any], evidence: bool) -> int:
    count = 0
    for count, row in enumerate(rows, start=1):
        values = {key: value.isoformat() if isinstance(value, (date, datetime)) else value
                  for key, value in _fields(row, evidence).items()}
        out.write(json.dumps(values, ensure_ascii=False) + "\n")
    return count


def _csv(out: IO[str], kind: str, rows: Iterable[Any], evidence: bool) -> int:
    writer = None
    count = 0
    for count, row in enumerate(rows, start=1):
        values = _fields(row, evidence)
        if writer is None:
            writer = csv.DictWriter(out, fieldnames=list(values), lineterminator="\n")
            writer.writeheader()
        writer.writerow({key: _plain(value) for key, value in values.items()})
    return count


def _cell(value: Any, width: int) -> str:
    text = "" if value is None else " ".join(str(_plain(value)).split())
    return text if len(text) <= width else text[:width - 1] + "…"


def _table(out: IO[str], kind: str, rows: Iterable[Any], evidence: bool) -> int:
    columns = TABLE_COLUMNS[kind]
    out.write("  ".join(heading.ljust(width) for _, heading, width in columns).rstrip() + "\n")
    count = 0
    for count, row in enumerate(rows, start=1):
        cells = []
        for name, _, width in columns:
            value = getattr(row, name)
            if value is None and name in _FALLBACK:
                value = getattr(row, _FALLBACK[name])
            cells.append(_cell(value, width).ljust(width))
        out.write("  ".join(cells).rstrip() + "\n")
        if evidence:
            out.write(f"    “{' '.join(row.evidence.split())}”\n")
    if not count:
        out.write(f"(no {kind})\n")
    return count
