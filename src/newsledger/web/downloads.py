"""Downloads of a filtered list in the export formats (CSV with ACLED's columns, Parquet, GeoJSON,
PLOVER, ledger JSONL), written by the export registry into a temporary file and sent from there."""
from __future__ import annotations

import dataclasses
import os
import tempfile
from typing import Any, Iterator

from fastapi import HTTPException
from fastapi.responses import FileResponse
from starlette.background import BackgroundTask

from ..export import ExportError, ExportOptions, Output, export
from ..ledger import Ledger

# The formats offered per list: events go out as event records, articles as whole ledgers.
FORMATS = {
    "events": {"csv": ("text/csv", "csv"), "parquet": ("application/vnd.apache.parquet", "parquet"),
               "geojson": ("application/geo+json", "geojson"), "plover": ("application/x-ndjson", "jsonl")},
    "articles": {"jsonl": ("application/x-ndjson", "jsonl")},
}


def matching_events(store, filters: dict[str, Any]) -> Iterator[Ledger]:
    """Each article's ledger keeping only the events the filters match, in the store's order."""
    article_id, chosen = None, set()
    for row in store.events(**filters):
        if row.article_id != article_id and chosen:
            yield _keeping(store.ledger(article_id), chosen)
            chosen = set()
        article_id = row.article_id
        chosen.add(row.event_id)
    if chosen:
        yield _keeping(store.ledger(article_id), chosen)


def _keeping(ledger: Ledger, event_ids: set[str]) -> Ledger:
    return dataclasses.replace(ledger, events=[e for e in ledger.events if e.id in event_ids])


def download(store, kind: str, name: str, filters: dict[str, Any]) -> FileResponse:
    """The export of one list in format `name`, as a file attachment removed once sent."""
    if name not in FORMATS[kind]:
        raise HTTPException(422, f"format: expected one of {', '.join(FORMATS[kind])}")
    media_type, extension = FORMATS[kind][name]
    ledgers = matching_events(store, filters) if kind == "events" else store.ledgers(**filters)
    handle, path = tempfile.mkstemp(prefix="newsledger-download-", suffix=f".{extension}")
    os.close(handle)
    try:
        export(name, ledgers, Output(path), ExportOptions(batch=True))
    except (ExportError, OSError) as exc:
        os.unlink(path)
        raise HTTPException(500, f"the export failed ({exc})") from None
    return FileResponse(path, media_type=media_type, filename=f"newsledger-{kind}.{extension}",
                        background=BackgroundTask(os.unlink, path))
