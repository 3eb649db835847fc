"""Downloads of a filtered list in the export formats (CSV with ACLED's columns, Parquet, GeoJSON,
PLOVER, ledger JSONL), chosen from the store and written as `newsledger export` does (the export
registry and its selection), into a temporary file that is sent and then removed."""
from __future__ import annotations

import os
import tempfile
from typing import Any

from fastapi import HTTPException
from fastapi.responses import FileResponse
from starlette.background import BackgroundTask

from ..export import ExportError, ExportOptions, Output, export, get_format
from ..export.selection import selected
from ..incidents import incident_of

# The formats offered per list: events go out as event records, articles as whole ledgers.
FORMATS = {
    "events": {"csv": ("text/csv", "csv"), "parquet": ("application/vnd.apache.parquet", "parquet"),
               "geojson": ("application/geo+json", "geojson"), "plover": ("application/x-ndjson", "jsonl")},
    "articles": {"jsonl": ("application/x-ndjson", "jsonl")},
}


def download(store, kind: str, name: str, filters: dict[str, Any]) -> FileResponse:
    """The export of one list in format `name`, as a file attachment removed once sent."""
    if name not in FORMATS[kind]:
        raise HTTPException(422, f"format: expected one of {', '.join(FORMATS[kind])}")
    media_type, extension = FORMATS[kind][name]
    handle, path = tempfile.mkstemp(prefix="newsledger-download-", suffix=f".{extension}")
    os.close(handle)
    try:
        with selected(store, get_format(name).records, **filters) as ledgers:
            export(name, ledgers, Output(path), ExportOptions(incident_of=incident_of(store), batch=True))
    except ExportError as exc:
        os.unlink(path)
        raise HTTPException(500, f"the export failed ({exc})") from None
    except BaseException:  # a bad filter, a store error: answered elsewhere, the file goes now
        os.unlink(path)
        raise
    return FileResponse(path, media_type=media_type, filename=f"newsledger-{kind}.{extension}",
                        background=BackgroundTask(os.unlink, path))
