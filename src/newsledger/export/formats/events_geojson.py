"""`geojson`: events with coordinates as a GeoJSON FeatureCollection (QGIS, Leaflet, geopandas).

Each event with a latitude and longitude is a Point feature whose properties are its flat row
(export.rows); events without coordinates are left out, as a map cannot place them.
"""
from __future__ import annotations

import json
from datetime import date
from typing import Any, Iterable

from ...ledger import Ledger
from ..output import Output
from ..registry import ExportOptions, register
from ..rows import events_of, row


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def feature(properties: dict[str, Any]) -> dict[str, Any]:
    return {"type": "Feature",
            "id": f"{properties['article_id']}:{properties['event_id']}",
            "geometry": {"type": "Point", "coordinates": [properties["longitude"], properties["latitude"]]},
            "properties": {key: _plain(value) for key, value in properties.items()}}


@register("geojson", "events with coordinates as a GeoJSON FeatureCollection of points")
def write_geojson(ledgers: Iterable[Ledger], output: Output, options: ExportOptions) -> int:
    written = 0
    with output.text() as out:
        out.write('{"type": "FeatureCollection", "features": [')
        for item in events_of(ledgers, options.incident_of):
            values = row(item)
            if values["latitude"] is None or values["longitude"] is None:
                continue
            out.write(("," if written else "") + "\n" + json.dumps(feature(values), ensure_ascii=False))
            written += 1
        out.write("\n]}\n")
    return written
