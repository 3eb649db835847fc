"""SVG drawn on the server for the web pages: map, actor network, escalation series, timeline,
figures over time. Each is a pure function of the values computed in `views`, shows without
script, and escapes every name it prints. The map outline and date ticks are the report's.
"""
from __future__ import annotations

import math
from datetime import date, timedelta
from functools import lru_cache
from html import escape
from typing import Callable, Optional, Sequence

from ..report.charts import TICK_FORMATS, ticks, view_box, world
from .views import Marker, Network, Series, TimelineItem, cluster

DAY = timedelta(days=1)


def goldstein_colour(value: Optional[float]) -> str:
    """Conflict red (-10) through grey (0) to cooperation blue (+10)."""
    if value is None:
        return "#9ca3af"
    t = max(-1.0, min(1.0, value / 10))
    grey, end = (156, 163, 175), ((220, 38, 38) if t < 0 else (37, 99, 235))
    mix = [round(g + (e - g) * abs(t)) for g, e in zip(grey, end)]
    return "#{:02x}{:02x}{:02x}".format(*mix)


def _link(href: Optional[str], inner: str) -> str:
    return f'<a href="{escape(href)}">{inner}</a>' if href else inner


# --- map --------------------------------------------------------------------------------------

def map_svg(markers: Sequence[Marker], cells_across: int = 36,
            place_href: Optional[Callable[[str], str]] = None) -> str:
    """The bundled world outline around the markers; each marker (or cluster of markers closer
    than 1/`cells_across` of the map's width) a circle whose area grows with its fatalities. A
    marker of one place without its own link links to `place_href(its name)`, made only for the
    markers drawn (thousands of places cluster into far fewer circles)."""
    west, south, east, north = view_box(list(markers) + _context(markers), [])
    scale = math.cos(math.radians((south + north) / 2))
    vx, vy, vw, vh = west * scale, -north, (east - west) * scale, north - south
    shown = sorted(cluster(markers, vw / cells_across, scale), key=lambda m: -m.fatalities)
    parts = [f'<svg class="map" viewBox="{vx:.2f} {vy:.2f} {vw:.2f} {vh:.2f}" role="img" '
             f'aria-label="Map of {len(markers)} places with events" preserveAspectRatio="xMidYMid meet">']
    parts.append(_land((west, south, east, north), scale))
    base, font = vw * 0.006, vw * 0.018
    for marker in shown:
        radius = min(base * (1.5 + 0.6 * math.sqrt(marker.fatalities)), vw * 0.035)
        css = "mk dead" if marker.fatalities else "mk"
        cx, cy = marker.lon * scale, -marker.lat
        count = (f'<text x="{cx:.2f}" y="{cy + font * 0.35:.2f}" font-size="{font:.2f}">'
                 f'{marker.events}</text>') if len(marker.names) > 1 else ""
        href = marker.href or (place_href(marker.names[0]) if place_href and len(marker.names) == 1 else None)
        parts.append(_link(href, f'<g class="{css}" tabindex="0"><title>{escape(marker.label)}</title>'
                                         f'<circle cx="{cx:.2f}" cy="{cy:.2f}" r="{radius:.2f}"/>{count}</g>'))
    parts.append("</svg>")
    return "".join(parts)


@lru_cache(maxsize=1)
def _countries() -> tuple[tuple[tuple[float, float, float, float], str], ...]:
    """Each country of the bundled outline as an SVG path in degrees (x = longitude,
    y = -latitude), with its bounding box: formatted once, not on every map drawn."""
    return tuple((country.bbox, f'<path class="land" d="{_rings(country.rings)}"><title>{escape(country.name)}</title></path>')
                 for country in world())


def _rings(rings) -> str:
    return "".join("M" + "L".join(f"{lon:.1f} {-lat:.1f}" for lon, lat in ring) + "Z" for ring in rings)


def _land(frame: tuple[float, float, float, float], scale: float, margin: float = 5.0) -> str:
    """The countries near `frame` (west, south, east, north), their longitudes shrunk by `scale`
    (the map's cos(latitude)) by the group's transform; the strokes do not scale."""
    west, south, east, north = frame
    inside = "".join(path for (w, s, e, n), path in _countries()
                     if not (e < west - margin or w > east + margin or n < south - margin or s > north + margin))
    return f'<g transform="scale({scale:.5f} 1)">{inside}</g>'


def _context(markers: Sequence[Marker], lon: float = 9.0, lat: float = 6.0) -> list[Marker]:
    """Two corners around the markers' middle, so a single town still shows its region."""
    if not markers:
        return []
    mid_lon = (min(m.lon for m in markers) + max(m.lon for m in markers)) / 2
    mid_lat = (min(m.lat for m in markers) + max(m.lat for m in markers)) / 2
    return [Marker(mid_lon - lon, mid_lat - lat, 0, 0), Marker(mid_lon + lon, mid_lat + lat, 0, 0)]


# --- actor network ----------------------------------------------------------------------------

def network_svg(network: Network, size: int = 720) -> str:
    """Parties on a circle, busiest first; an arrow per (actor, target) whose width grows with the
    number of events and whose colour is their mean Goldstein value."""
    if not network.edges:
        return '<p class="empty">No event with both an actor and a target in this selection.</p>'
    centre, radius = size / 2, size / 2 - 190  # room for 22 letters of a name at a phone's larger font
    angle = {name: 2 * math.pi * i / len(network.nodes) - math.pi / 2 for i, name in enumerate(network.nodes)}
    at = {name: (centre + radius * math.cos(a), centre + radius * math.sin(a)) for name, a in angle.items()}
    top, height = centre - radius - 40, 2 * radius + 80  # the circle and its labels, no empty band
    parts = [f'<svg class="network" viewBox="0 {top:.0f} {size} {height:.0f}" role="img" '
             f'aria-label="Network of {len(network.nodes)} parties and {len(network.edges)} relations">',
             '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
             'orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="#6b7280"/></marker></defs>']
    for edge in sorted(network.edges, key=lambda e: e.events):
        (x0, y0), (x1, y1) = at[edge.source], at[edge.target]
        # Bend each edge to its right, so A→B and B→A stay apart; the control point pulls inward.
        mx, my = (x0 + x1) / 2 + (y1 - y0) * 0.15, (y0 + y1) / 2 - (x1 - x0) * 0.15
        back = 9 / (math.hypot(x1 - mx, y1 - my) or 1)  # stop short of the node, so the arrow shows
        x1, y1 = x1 - (x1 - mx) * back, y1 - (y1 - my) * back
        width = 1 + 2 * math.log2(edge.events)
        mean = "no Goldstein value" if edge.goldstein is None else f"mean Goldstein {edge.goldstein:+.1f}"
        parts.append(f'<path class="edge" d="M{x0:.1f} {y0:.1f}Q{mx:.1f} {my:.1f} {x1:.1f} {y1:.1f}" '
                     f'stroke="{goldstein_colour(edge.goldstein)}" stroke-width="{width:.1f}" '
                     f'marker-end="url(#arrow)" data-from="{escape(edge.source)}" data-to="{escape(edge.target)}">'
                     f'<title>{escape(edge.source)} → {escape(edge.target)}: {edge.events} event(s), {mean}</title></path>')
    for name in network.nodes:
        x, y = at[name]
        a = angle[name]
        anchor = "start" if math.cos(a) > 0.1 else "end" if math.cos(a) < -0.1 else "middle"
        tx, ty = x + 10 * math.cos(a), y + 10 * math.sin(a) + 4
        parts.append(f'<g class="node" tabindex="0" data-name="{escape(name)}"><title>{escape(name)}</title>'
                     f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5"/>'
                     f'<text x="{tx:.1f}" y="{ty:.1f}" text-anchor="{anchor}">{escape(_clip(name, 22))}</text></g>')
    parts.append("</svg>")
    return "".join(parts)


def _clip(text: str, most: int) -> str:
    return text if len(text) <= most else text[:most - 1] + "…"


# --- time axes --------------------------------------------------------------------------------

def _axis(lo: date, hi: date, x, top: float, bottom: float) -> list[str]:
    tick_dates, label_format = ticks(lo, hi)
    parts = []
    for tick in tick_dates:
        parts.append(f'<line class="tick" x1="{x(tick):.1f}" x2="{x(tick):.1f}" y1="{top}" y2="{bottom}"/>'
                     f'<text class="tick-label" x="{x(tick):.1f}" y="{bottom + 13}">'
                     f'{escape(TICK_FORMATS[label_format](tick))}</text>')
    return parts


def _scale(lo: date, hi: date, left: float, right: float):
    span = max((hi - lo).days, 1)
    return lambda d: left + (d - lo).days / span * (right - left)


# --- escalation -------------------------------------------------------------------------------

def escalation_svg(series: Sequence[Series], width: int = 720, panel: int = 130) -> str:
    """One panel per country or dyad on a shared week axis: bars are the week's summed Goldstein
    values (down for conflict, up for cooperation), the line is the week's number of events."""
    if not series:
        return '<p class="empty">No dated event in this selection.</p>'
    hi = max(s.weeks[-1].start for s in series) + 7 * DAY
    lo = min(min(s.weeks[0].start for s in series), hi - 8 * 7 * DAY)  # at least eight weeks wide
    left, right = 48, width - 56  # room on the right for the panels' event counts
    x = _scale(lo, hi, left, right)
    bar = max((right - left) / max((hi - lo).days / 7, 1) - 1, 1)
    height = panel * len(series) + 24
    parts = [f'<svg class="escalation" viewBox="0 0 {width} {height}" role="img" '
             f'aria-label="Weekly Goldstein sums and event counts for {len(series)} groups">']
    for row, one in enumerate(series):
        parts.extend(_escalation_panel(one, x, bar, row * panel, panel, left, right))
    parts.extend(_axis(lo, hi, x, 0, height - 24))
    parts.append("</svg>")
    return "".join(parts)


def _escalation_panel(series: Series, x, bar: float, top: float, panel: float, left: float, right: float):
    most_g = max((abs(w.goldstein) for w in series.weeks), default=0) or 1
    most_n = max((w.events for w in series.weeks), default=0) or 1
    zero = top + panel / 2 + 12  # the title has the band above the bars
    half = panel / 2 - 22
    total_g = sum(w.goldstein for w in series.weeks)
    parts = [f'<g class="panel" data-group="{escape(series.name)}">',
             f'<text class="panel-title" x="{left}" y="{top + 14}">{escape(series.name)} · {_events(series.events)} · '
             f'Goldstein sum {total_g:+.0f}</text>',
             f'<line class="zero" x1="{left}" x2="{right}" y1="{zero:.1f}" y2="{zero:.1f}"/>',
             f'<text class="tick-label" x="{left - 4}" y="{zero - half + 4:.1f}" text-anchor="end">+{most_g:.0f}</text>',
             f'<text class="tick-label" x="{left - 4}" y="{zero + half + 4:.1f}" text-anchor="end">−{most_g:.0f}</text>']
    points = []
    for week in series.weeks:
        h = abs(week.goldstein) / most_g * half
        y = zero - h if week.goldstein > 0 else zero
        css = "gs up" if week.goldstein > 0 else "gs down"
        parts.append(f'<rect class="{css}" x="{x(week.start):.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}">'
                     f'<title>week of {week.start.isoformat()}: Goldstein sum {week.goldstein:+.1f}, '
                     f'{week.events} event(s)</title></rect>')
        points.append((x(week.start) + bar / 2, zero + half - week.events / most_n * 2 * half))
    parts.append(f'<polyline class="count" points="{" ".join(f"{px:.1f},{py:.1f}" for px, py in points)}"/>')
    parts.extend(f'<circle class="count-dot" cx="{px:.1f}" cy="{py:.1f}" r="2.2"/>' for px, py in points)
    parts.append(f'<text class="tick-label count-label" x="{right + 4}" y="{zero - half + 4:.1f}">{most_n} ev.</text></g>')
    return parts


def _events(count: int) -> str:
    return f"{count} event" if count == 1 else f"{count} events"


# --- timeline ---------------------------------------------------------------------------------

def timeline_svg(items: Sequence[TimelineItem], width: int = 720, lane: int = 34) -> str:
    """A lane per front or country; each item a dot on its day, its area growing with fatalities."""
    if not items:
        return '<p class="empty">Nothing dated in this selection.</p>'
    lanes = sorted({item.lane for item in items})
    lo, hi = min(i.day for i in items), max(i.day for i in items) + DAY
    pad = max((hi - lo) // 20, DAY)
    lo, hi = lo - pad, hi + pad
    left, right = 120, width - 16
    x = _scale(lo, hi, left, right)
    height = lane * len(lanes) + 30
    parts = [f'<svg class="timeline" viewBox="0 0 {width} {height}" role="img" '
             f'aria-label="Timeline of {len(items)} items in {len(lanes)} lanes">']
    parts.extend(_axis(lo, hi, x, 0, height - 24))
    for row, name in enumerate(lanes):
        y = row * lane + lane / 2
        parts.append(f'<text class="lane" x="{left - 8}" y="{y + 4:.1f}" text-anchor="end">{escape(_clip(name, 18))}</text>'
                     f'<line class="lane-line" x1="{left}" x2="{right}" y1="{y:.1f}" y2="{y:.1f}"/>')
    for item in sorted(items, key=lambda i: -i.size):
        y = lanes.index(item.lane) * lane + lane / 2
        radius = min(3.5 + 1.6 * math.sqrt(item.size), lane / 2)
        css = "dot dead" if item.size else "dot"
        cx = x(item.day) + (x(item.day + DAY) - x(item.day)) / 2
        parts.append(_link(item.href, f'<circle class="{css}" cx="{cx:.1f}" cy="{y:.1f}" r="{radius:.1f}">'
                                      f'<title>{escape(item.day.isoformat())} · {escape(item.label)}</title></circle>'))
    parts.append("</svg>")
    return "".join(parts)
