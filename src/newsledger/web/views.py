"""What the charts show: map markers (clustered when dense), the actor network, weekly
escalation series, timeline items.

Pure functions of the sums that queries.py reads (one row per place, per pair, per group and
week, per lane and day), so each is testable alone; nothing here queries anything.
"""
from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Iterable, Optional, Sequence


@dataclass
class Marker:
    """One place on the map, or a cluster of nearby places."""
    lon: float
    lat: float
    events: int
    fatalities: int
    names: list[str] = field(default_factory=list)
    href: Optional[str] = None

    @property
    def label(self) -> str:
        shown = self.names[:3] + ([f"+{len(self.names) - 3} more"] if len(self.names) > 3 else [])
        return (f"{', '.join(shown)}: {self.events} event(s), {self.fatalities} killed")


def event_markers(places: Iterable) -> list[Marker]:
    """One marker per place (queries.map_places: longitude, latitude, name, events, fatalities)."""
    return [Marker(lon, lat, events, fatalities or 0, [name or f"{lat:.2f}, {lon:.2f}"])
            for lon, lat, name, events, fatalities in places]


def cluster(markers: Sequence[Marker], cell: float, scale: float) -> list[Marker]:
    """Merges markers that fall in one grid cell of `cell` degrees (longitude shrunk by `scale`,
    the map's cos(latitude)), so a dense area shows as one sized marker instead of a blot."""
    if cell <= 0:
        return list(markers)
    cells: dict[tuple[int, int], list[Marker]] = defaultdict(list)
    for marker in markers:
        cells[(math.floor(marker.lon * scale / cell), math.floor(marker.lat / cell))].append(marker)
    merged = []
    for group in cells.values():
        if len(group) == 1:
            merged.append(group[0])
            continue
        weight = sum(m.events for m in group)
        group.sort(key=lambda m: -m.events)
        merged.append(Marker(lon=sum(m.lon * m.events for m in group) / weight,
                             lat=sum(m.lat * m.events for m in group) / weight,
                             events=weight, fatalities=sum(m.fatalities for m in group),
                             names=[name for m in group for name in m.names]))
    return merged


def incident_markers(summaries: Iterable, places: dict[str, tuple[float, float]]) -> list[Marker]:
    """One marker per geocoded incident, sized by its best toll, linked to its page."""
    return [Marker(*places[s.id], events=s.sources, fatalities=round(s.fatalities_best or 0),
                   names=[f"{s.family} in {s.place or s.country or '?'}, {s.start}"], href=f"/incidents/{s.id}")
            for s in summaries if s.id in places]


def party(row, role: str) -> Optional[str]:
    """How a side is shown: its resolved name, else the article's words."""
    return getattr(row, f"{role}_name") or getattr(row, f"{role}_text") or None


@dataclass
class Edge:
    source: str
    target: str
    events: int = 0
    goldstein_sum: float = 0.0
    scored: int = 0  # events with a Goldstein value

    @property
    def goldstein(self) -> Optional[float]:
        return self.goldstein_sum / self.scored if self.scored else None


@dataclass
class Network:
    nodes: list[str]
    edges: list[Edge]
    dropped_nodes: int = 0


def actor_network(pairs: Iterable, most: int = 24) -> Network:
    """Who acts on whom: one directed edge per (actor, target) (queries.network_pairs: source,
    target, events, Goldstein sum, values summed), weighted by events and carrying their mean
    Goldstein value; only the `most` busiest parties are kept."""
    edges = {(pair[0], pair[1]): Edge(*pair) for pair in pairs}
    degree: dict[str, int] = defaultdict(int)
    for edge in edges.values():
        degree[edge.source] += edge.events
        degree[edge.target] += edge.events
    ranked = sorted(degree, key=lambda name: (-degree[name], name))
    kept = set(ranked[:most])
    return Network(nodes=[name for name in ranked if name in kept],
                   edges=[e for e in edges.values() if e.source in kept and e.target in kept],
                   dropped_nodes=max(len(ranked) - most, 0))


@dataclass
class Week:
    start: date
    events: int = 0
    goldstein: float = 0.0


@dataclass
class Series:
    name: str
    weeks: list[Week]

    @property
    def events(self) -> int:
        return sum(w.events for w in self.weeks)


def weekly_series(weeks: Iterable, most: int = 6, only: Optional[str] = None) -> list[Series]:
    """Weekly sums of Goldstein values and weekly event counts per country or dyad (queries.
    weekly_sums: the group, a country or an actor and a target, then the week's Monday, events,
    Goldstein sum), the busiest `most` groups first (or just `only`); weeks without events inside
    a series count as zero."""
    groups: dict[str, dict[date, Week]] = defaultdict(dict)
    for *group, start, events, goldstein in weeks:
        name = " → ".join(group)
        if only is None or name == only:
            groups[name][start] = Week(start, events, goldstein or 0.0)
    ranked = sorted(groups, key=lambda name: (-sum(w.events for w in groups[name].values()), name))
    return [Series(name, _filled(groups[name])) for name in ranked[:most]]


def _filled(weeks: dict[date, Week]) -> list[Week]:
    first, last = min(weeks), max(weeks)
    span = (last - first).days // 7
    return [weeks.get(first + timedelta(weeks=n)) or Week(first + timedelta(weeks=n)) for n in range(span + 1)]


@dataclass
class TimelineItem:
    """One dot on a timeline: in a lane (front or country), on a day, sized by fatalities."""
    lane: str
    day: date
    size: int
    label: str
    href: Optional[str] = None


def event_timeline(days: Iterable, most_lanes: int = 8) -> list[TimelineItem]:
    """Dated events, one dot per country and day (queries.timeline_days), the busiest lanes,
    sized by that day's dead; a dot of one event links to its article."""
    items = [TimelineItem(day.lane, day.day, day.fatalities or 0,
                          f"{day.type} {day.actor or '?'} → {day.target or '?'}" if day.events == 1 else f"{day.events} events",
                          f"/articles/{day.article_id}" if day.events == 1 else None)
             for day in days]
    return busiest_lanes(items, most_lanes)


def incident_timeline(summaries: Iterable, most_lanes: int = 8) -> list[TimelineItem]:
    """One dot per incident on its first day, in its country's lane, sized by its best toll."""
    items = [TimelineItem(s.country or "unknown", s.start, round(s.fatalities_best or 0),
                          f"{s.family} in {s.place or s.country or 'an unknown place'}: {s.sources} source(s)",
                          f"/incidents/{s.id}")
             for s in summaries if s.start is not None]
    return busiest_lanes(items, most_lanes)


def busiest_lanes(items: list[TimelineItem], most: int) -> list[TimelineItem]:
    counts: dict[str, int] = defaultdict(int)
    for item in items:
        counts[item.lane] += 1
    kept = set(sorted(counts, key=lambda lane: (-counts[lane], lane))[:most])
    return [item for item in items if item.lane in kept]
