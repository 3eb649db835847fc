"""Plain-text renderings of ledger values for tables, tooltips and the details panel.

Everything here returns unescaped text; the caller escapes (html.escape) or hands it to the page
as JSON that the script inserts with textContent.
"""
from __future__ import annotations

from datetime import date
from typing import Optional

from ..ledger import ActorRef, DateRef, Fatalities, PlaceRef, Quantity


def number(value: Optional[float]) -> str:
    if value is None:
        return "?"
    return f"{int(value):,}" if value == int(value) else f"{value:,.2f}".rstrip("0").rstrip(".")


def bounds(low: Optional[float], high: Optional[float]) -> str:
    if low is not None and high is not None:
        return number(low) if low == high else f"{number(low)}–{number(high)}"
    if low is not None:
        return f"≥ {number(low)}"
    if high is not None:
        return f"≤ {number(high)}"
    return "?"


def quantity(q: Quantity) -> str:
    if q.value is not None:
        text = f"≈ {number(q.value)}" if q.approx else number(q.value)
    else:
        text = bounds(q.low, q.high) + (" (approx.)" if q.approx else "")
    return f"{text} {q.unit}" if q.unit else text


def fatalities(f: Optional[Fatalities]) -> str:
    if f is None:
        return ""
    return bounds(f.min, f.max) if (f.min is not None or f.max is not None) else f"“{f.text}”"


def interval(start: Optional[date], end: Optional[date]) -> str:
    if start and end:
        return start.isoformat() if start == end else f"{start.isoformat()} – {end.isoformat()}"
    if start:
        return f"from {start.isoformat()}"
    if end:
        return f"until {end.isoformat()}"
    return "unresolved"


def when(d: Optional[DateRef]) -> str:
    if d is None:
        return ""
    text = interval(d.start, d.end)
    return f"{text} (inferred)" if d.inferred else text


def codes(*values: Optional[str]) -> str:
    present = [v for v in values if v]
    return f" ({', '.join(present)})" if present else ""


def actor(a: Optional[ActorRef]) -> str:
    """Resolved name with country and sector; the article's words follow when they differ."""
    if a is None:
        return ""
    if a.author:
        return "the author"
    label = (a.name or a.text) + codes(a.country, a.kind)
    if a.name and a.text and a.text.strip().lower() != a.name.lower():
        label += f" — “{a.text}”"
    return label


def short_actor(a: Optional[ActorRef]) -> str:
    """Resolved name with country and sector, for tables."""
    if a is None:
        return ""
    return "the author" if a.author else (a.name or a.text) + codes(a.country, a.kind)


def place(p: Optional[PlaceRef]) -> str:
    if p is None:
        return ""
    label = (p.name or p.text) + codes(p.country)
    if p.name and p.text and p.text.strip().lower() != p.name.lower():
        label += f" — “{p.text}”"
    return label


def short_place(p: Optional[PlaceRef]) -> str:
    return "" if p is None else (p.name or p.text) + codes(p.country)


def coordinates(p: PlaceRef) -> str:
    if p.lat is None or p.lon is None:
        return ""
    ns = "N" if p.lat >= 0 else "S"
    ew = "E" if p.lon >= 0 else "W"
    return f"{abs(p.lat):.2f}°{ns} {abs(p.lon):.2f}°{ew}"


def score(value: Optional[float]) -> str:
    return "" if value is None else f"{value:.2f}"


def clip(text: str, limit: int = 280) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
