"""Table rows for the list pages: each cell escaped here (Markup.format escapes its arguments),
so a name or an evidence quote from an article can never become markup."""
from __future__ import annotations

from typing import Optional
from urllib.parse import urlencode

from markupsafe import Markup

from .views import party

EVENT_COLUMNS = ("date", "type", "actor → target", "place", "killed", "source", "evidence", "article")
CLAIM_COLUMNS = ("claimant", "claim", "measure", "figures", "stance", "article")
ARTICLE_COLUMNS = ("published", "outlet", "title", "events", "claims")
INCIDENT_COLUMNS = ("dates", "incident", "where", "sources", "killed (low / best / high)", "disagreement")


def clip(text: Optional[str], most: int = 160) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= most else text[:most - 1] + "…"


def link(href: str, text: str) -> Markup:
    return Markup('<a href="{}">{}</a>').format(href, text)


def with_filter(path: str, **params: str) -> str:
    return f"{path}?{urlencode(params)}"


def _side(row, role: str) -> Markup:
    name = party(row, role)
    if not name:
        return Markup("—")
    country = getattr(row, f"{role}_country")
    shown = link(with_filter("/events", **{role: name}), name)
    return shown + (Markup(' <small>{}</small>').format(country) if country else "")


def _when(start, end) -> str:
    if start is None:
        return ""
    return start.isoformat() if end in (None, start) else f"{start.isoformat()} – {end.isoformat()}"


def _article(row) -> Markup:
    label = clip(row.title or row.outlet or f"article {row.article_id}", 60)
    meta = " · ".join(part for part in (row.outlet, row.published and row.published.isoformat()) if part)
    return link(f"/articles/{row.article_id}", label) + (Markup("<br><small>{}</small>").format(meta) if meta else "")


def event_cells(row) -> list:
    kind = Markup('<span class="type t-{}">{}</span>').format(row.type, row.type)
    if row.mode:
        kind += Markup("<br><small>{}</small>").format(row.mode)
    place = row.place_name or row.place_text
    where = link(with_filter("/events", place=place), place) if place else Markup("")
    if row.place_country:
        where += Markup(" <small>{}</small>").format(row.place_country)
    killed = row.fatalities_text or ""
    source = row.status + ("" if not row.source_name or row.source_name == "author" else f" · {row.source_name}")
    return [_when(row.date_start, row.date_end), kind, _side(row, "actor") + Markup(" → ") + _side(row, "target"),
            where, killed, source, clip(row.evidence), _article(row)]


def _figures(quantities: list[dict]) -> str:
    return "; ".join(str(q.get("text") or q.get("value") or "") for q in quantities if q)


def claim_cells(row) -> list:
    claimant = row.claimant_name or row.claimant_text or "the article"
    who = link(with_filter("/claims", claimant=claimant), claimant)
    if row.claimant_country:
        who += Markup(" <small>{}</small>").format(row.claimant_country)
    measure = link(with_filter("/claims", measure=row.measure), row.measure) if row.measure else ""
    stance = Markup('<a class="stance st-{}" href="{}">{}</a>').format(
        row.stance, with_filter("/claims", stance=row.stance), row.stance)
    if row.hedged:
        stance += Markup("<br><small>hedged</small>")
    return [who, clip(row.content, 220), measure, _figures(row.quantities), stance, _article(row)]


def article_cells(row) -> list:
    return [row.published.isoformat() if row.published else "",
            link(with_filter("/articles", outlet=row.outlet), row.outlet) if row.outlet else "",
            link(f"/articles/{row.id}", clip(row.title or row.text, 100) or f"article {row.id}"),
            row.event_count, row.claim_count]


def _figure(value) -> str:
    return "—" if value is None else f"{value:g}"


def incident_cells(summary) -> list:
    where = ", ".join(part for part in (summary.place, summary.country) if part)
    outlets = ", ".join(summary.outlets[:4]) + (f" +{len(summary.outlets) - 4}" if len(summary.outlets) > 4 else "")
    sources = Markup("{}<br><small>{}</small>").format(summary.sources, outlets)
    killed = " / ".join(_figure(v) for v in (summary.fatalities_low, summary.fatalities_best, summary.fatalities_high))
    disagreement = "—" if summary.disagreement is None else f"{summary.disagreement:.0%}"
    return [_when(summary.start, summary.end), link(f"/incidents/{summary.id}", summary.family), where,
            sources, killed, disagreement]
