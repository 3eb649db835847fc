"""Inline SVG for the report: a timeline of event date intervals and a map of geocoded places.

Both are drawn here, in Python, so they show without script and print as they look. The map's
outline is Natural Earth 1:110m (public domain), bundled as assets/world-110m.json.
"""
from __future__ import annotations

import json
import math
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from html import escape
from importlib import resources
from typing import Protocol, Sequence

from ..ledger import Event, Ledger
from . import describe
from .annotate import Annotations, css_token

DAY = timedelta(days=1)


# --- timeline ---------------------------------------------------------------------------------

def _month_ticks(lo: date, hi: date, months: int) -> list[date]:
    ticks: list[date] = []
    year, month = lo.year, lo.month
    while True:
        tick = date(year, month, 1)
        if tick > hi:
            return ticks
        if tick >= lo and (year * 12 + month - 1) % months == 0:
            ticks.append(tick)
        month += 1
        if month > 12:
            year, month = year + 1, 1


TICK_FORMATS = {
    "day": lambda d: f"{d:%b} {d.day}",
    "month": lambda d: f"{d:%b %Y}",
    "year": lambda d: f"{d.year}",
}


def ticks(lo: date, hi: date, most: int = 6) -> tuple[list[date], str]:
    """Round-number dates between lo and hi (days, weeks, months or years) and their label format."""
    days = (hi - lo).days
    for step in (1, 2, 7, 14):
        if days / step <= most:
            return [lo + DAY * n for n in range(0, days + 1, step)], "day"
    for months in (1, 2, 3, 6, 12, 24, 60, 120):
        if days / (30.4 * months) <= most:
            return _month_ticks(lo, hi, months), ("year" if months >= 12 else "month")
    return [lo, hi], "year"


def timeline_svg(ledger: Ledger, annotations: Annotations) -> str:
    dated: list[tuple[int, Event, date, date]] = []
    for index, event in enumerate(ledger.events):
        d = event.date
        start = (d.start or d.end) if d is not None else None
        if d is None or start is None:  # no date, or neither of its ends resolved
            continue
        end = max(d.end or start, start)
        dated.append((index, event, start, end))
    undated = len(ledger.events) - len(dated)
    if not dated:
        note = "No event has a resolved date." if ledger.events else "No events extracted."
        return f'<p class="empty">{note}</p>'
    dated.sort(key=lambda row: (row[2], row[3]))
    published = ledger.article.published
    lo = min(row[2] for row in dated)
    hi = max(row[3] for row in dated) + DAY
    if published:
        lo, hi = min(lo, published), max(hi, published + DAY)
    pad = max((hi - lo) // 20, DAY)
    lo, hi = lo - pad, hi + pad
    width, gutter, right, axis, row_height = 480, 110, 8, 28, 22
    height = axis + row_height * len(dated) + 14
    span_days = (hi - lo).days

    def x(d: date) -> float:
        return round(gutter + (d - lo).days / span_days * (width - gutter - right), 1)

    parts = [f'<svg class="timeline" viewBox="0 0 {width} {height}" role="img" '
             f'aria-label="Timeline of {len(dated)} dated events">']
    tick_dates, label_format = ticks(lo, hi)
    for tick in tick_dates:
        if not gutter + 20 <= x(tick) <= width - 20:  # a label centred on the frame's edge would be cut
            continue
        parts.append(f'<line class="tick" x1="{x(tick)}" x2="{x(tick)}" y1="{axis - 6}" y2="{height}"/>'
                     f'<text class="tick-label" x="{x(tick)}" y="{axis - 10}">{escape(TICK_FORMATS[label_format](tick))}</text>')
    if published:
        px = x(published) + 0.5 * (x(published + DAY) - x(published))
        parts.append(f'<line class="published" x1="{px}" x2="{px}" y1="{axis - 4}" y2="{height}"/>'
                     f'<text class="published-label" x="{px}" y="{height - 3}">published</text>')
    for row, (index, event, start, end) in enumerate(dated):
        y = axis + row * row_height + 2
        x0, x1 = x(start), x(end + DAY)
        who = f" · {event.actor.name or event.actor.text}" if event.actor else ""
        label = describe.clip(f"{event.id} {event.type}", 18)
        parts.append(
            f'<g class="tl-event" data-a="{annotations.event_keys[index]}" tabindex="0">'
            f'<title>{escape(f"{event.id} {event.type}{who}: {describe.when(event.date)}")}</title>'
            f'<text x="6" y="{y + row_height - 11}">{escape(label)}</text>'
            f'<rect class="bar t-{css_token(event.type)}" x="{x0}" y="{y}" width="{max(x1 - x0, 6):.1f}" '
            f'height="{row_height - 8}" rx="3"/></g>')
    parts.append("</svg>")
    if undated:
        parts.append(f'<p class="note">{undated} event(s) without a resolved date are not shown.</p>')
    return "".join(parts)


# --- map --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class CountryShape:
    iso3: str | None
    name: str
    rings: tuple[tuple[tuple[float, float], ...], ...]
    bbox: tuple[float, float, float, float]  # west, south, east, north


@lru_cache(maxsize=1)
def world() -> tuple[CountryShape, ...]:
    raw = json.loads(resources.files(__package__).joinpath("assets/world-110m.json").read_text("utf-8"))
    countries = []
    for entry in raw["countries"]:
        rings = tuple(tuple((flat[i] / 10, flat[i + 1] / 10) for i in range(0, len(flat), 2))
                      for flat in entry["rings"])
        lons = [p[0] for ring in rings for p in ring]
        lats = [p[1] for ring in rings for p in ring]
        countries.append(CountryShape(entry["iso3"], entry["name"] or "", rings,
                                 (min(lons), min(lats), max(lons), max(lats))))
    return tuple(countries)


@dataclass
class MapPoint:
    lon: float
    lat: float
    name: str
    key: str
    events: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        shown = self.events if len(self.events) <= 3 else self.events[:2] + [f"+{len(self.events) - 2}"]
        return f"{self.name}: {', '.join(shown)}" if shown else self.name


def map_points(ledger: Ledger, annotations: Annotations) -> list[MapPoint]:
    """One point per distinct geocoded event place; the label lists the events there."""
    points: dict[tuple[float, float], MapPoint] = {}
    for index, event in enumerate(ledger.events):
        p = event.place
        if p is None or p.lat is None or p.lon is None:
            continue
        where = (round(p.lon, 2), round(p.lat, 2))
        if where not in points:
            key = annotations.place_keys.get(index, annotations.event_keys[index])
            points[where] = MapPoint(p.lon, p.lat, p.name or p.text, key)
        points[where].events.append(event.id)
    return list(points.values())


Box = tuple[float, float, float, float]  # left, top, right, bottom


def place_labels(points: list[tuple[float, float, str]], font: float, gap: float, frame: Box
                 ) -> list[tuple[float, float, str] | None]:
    """Greedy label placement: right of the point, else left, above or below; None where all collide
    or leave the frame.

    Boxes are estimated from the font size (about 0.6 em per character), which is enough to keep
    names apart on a small map; a label left out stays in the point's tooltip.
    """
    taken: list[Box] = [(x - gap, y - gap, x + gap, y + gap) for x, y, _ in points]
    placed: list[tuple[float, float, str] | None] = []
    for x, y, text in points:
        width, height = 0.6 * font * len(text), font
        choices = ((x + gap * 1.3, y + height * 0.35, "start"), (x - gap * 1.3, y + height * 0.35, "end"),
                   (x, y - gap * 1.5, "middle"), (x, y + gap * 1.5 + height * 0.8, "middle"))
        chosen = None
        for tx, ty, anchor in choices:
            left = {"start": tx, "end": tx - width, "middle": tx - width / 2}[anchor]
            box = (left, ty - height * 0.8, left + width, ty + height * 0.2)
            inside = frame[0] <= box[0] and box[2] <= frame[2] and frame[1] <= box[1] and box[3] <= frame[3]
            if inside and not any(_overlap(box, other) for other in taken):
                chosen = (tx, ty, anchor)
                taken.append(box)
                break
        placed.append(chosen)
    return placed


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def mentioned_countries(ledger: Ledger) -> set[str]:
    codes = {m.country for m in ledger.entities}
    for event in ledger.events:
        codes |= {ref.country for ref in (event.actor, event.target, event.place) if ref is not None}
    codes |= {claim.claimant.country for claim in ledger.claims}
    return {c for c in codes if c}


class Located(Protocol):
    """Anything drawn at a longitude and latitude (a report's place, a web map's marker)."""
    @property
    def lon(self) -> float: ...
    @property
    def lat(self) -> float: ...


def view_box(points: Sequence[Located], countries: list[CountryShape]) -> tuple[float, float, float, float]:
    """The area to draw (west, south, east, north): the places, else the countries, with margin."""
    if points:
        west, east = min(p.lon for p in points), max(p.lon for p in points)
        south, north = min(p.lat for p in points), max(p.lat for p in points)
    elif countries:
        west, south = min(c.bbox[0] for c in countries), min(c.bbox[1] for c in countries)
        east, north = max(c.bbox[2] for c in countries), max(c.bbox[3] for c in countries)
    else:
        return -180.0, -60.0, 180.0, 84.0
    lon_pad = max((east - west) * 0.25, 4.0)
    lat_pad = max((north - south) * 0.25, 2.5)
    west, east = max(west - lon_pad, -180.0), min(east + lon_pad, 180.0)
    south, north = max(south - lat_pad, -85.0), min(north + lat_pad, 85.0)
    # Keep a landscape frame between 1.5:1 and 2.4:1 so a single region never becomes a sliver.
    scale = math.cos(math.radians((south + north) / 2))
    ratio = (east - west) * scale / (north - south)
    if ratio < 1.5:
        grow = ((north - south) * 1.5 / scale - (east - west)) / 2
        west, east = max(west - grow, -180.0), min(east + grow, 180.0)
    elif ratio > 2.4:
        grow = ((east - west) * scale / 2.4 - (north - south)) / 2
        south, north = max(south - grow, -85.0), min(north + grow, 85.0)
    return west, south, east, north


def land_paths(frame: tuple[float, float, float, float],
               mentioned: AbstractSet[str] = frozenset()) -> list[str]:
    """SVG paths of the countries inside `frame` (west, south, east, north), in the map's
    coordinates (longitude shrunk by cos of the mid-latitude, y = -latitude); `mentioned` shaded."""
    west, south, east, north = frame
    scale = math.cos(math.radians((south + north) / 2))
    margin = 5.0
    paths = []
    for country in world():
        w, s, e, n = country.bbox
        if e < west - margin or w > east + margin or n < south - margin or s > north + margin:
            continue
        d = "".join("M" + "L".join(f"{lon * scale:.2f} {-lat:.2f}" for lon, lat in ring) + "Z"
                    for ring in country.rings)
        css = "land mentioned" if country.iso3 in mentioned else "land"
        paths.append(f'<path class="{css}" d="{d}"><title>{escape(country.name)}</title></path>')
    return paths


def map_svg(ledger: Ledger, annotations: Annotations) -> str:
    points = map_points(ledger, annotations)
    mentioned = mentioned_countries(ledger)
    outline = world()
    west, south, east, north = view_box(points, [c for c in outline if c.iso3 in mentioned])
    scale = math.cos(math.radians((south + north) / 2))
    vx, vy, vw, vh = west * scale, -north, (east - west) * scale, north - south
    parts = [f'<svg class="map" viewBox="{vx:.2f} {vy:.2f} {vw:.2f} {vh:.2f}" role="img" '
             f'aria-label="Map of {len(points)} geocoded places" preserveAspectRatio="xMidYMid meet">',
             f'<rect class="sea" x="{vx:.2f}" y="{vy:.2f}" width="{vw:.2f}" height="{vh:.2f}"/>']
    parts.extend(land_paths((west, south, east, north), mentioned))
    radius, font = vw * 0.012, vw * 0.026
    centres = [(point.lon * scale, -point.lat, point.label) for point in points]
    labels = place_labels(centres, font, radius, (vx, vy, vx + vw, vy + vh))
    for point, (cx, cy, text), label in zip(points, centres, labels):
        parts.append(f'<g class="pt" data-a="{escape(point.key)}" tabindex="0"><title>{escape(text)}</title>'
                     f'<circle cx="{cx:.2f}" cy="{cy:.2f}" r="{radius:.2f}"/>')
        if label is not None:
            tx, ty, anchor = label
            parts.append(f'<text x="{tx:.2f}" y="{ty:.2f}" text-anchor="{anchor}" '
                         f'style="font-size:{font:.2f}px">{escape(text)}</text>')
        parts.append("</g>")
    parts.append("</svg>")
    if not points:
        note = ("No place was geocoded; shaded: countries named in the article."
                if mentioned else "No place was geocoded.")
        parts.append(f'<p class="note">{note}</p>')
    return "".join(parts)
