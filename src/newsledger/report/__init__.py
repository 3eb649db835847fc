"""A self-contained HTML report of one analyzed article: `render_html(ledger) -> str`.

The page carries everything inline (CSS, script, SVG map outline) and opens offline in any
browser. The article's words are always HTML-escaped; the data the script reads is JSON with
every `<`, `>` and `&` escaped, so nothing in an article can close a tag or start a script; and the
page's Content-Security-Policy lets only its own script (by hash) run and forbids all network loads.
"""
from __future__ import annotations

import base64
import hashlib
import json
from functools import lru_cache
from html import escape
from importlib import resources
from string import Template
from typing import Callable, Optional
from urllib.parse import urlsplit

from ..ledger import ActorRef, Ledger
from ..resources import load_data
from . import describe
from .annotate import Annotations, annotate, css_token
from .charts import map_svg, timeline_svg
from .highlight import highlight

__all__ = ["render_html"]

LAYER_NAMES = (("event", "events"), ("claim", "claims"), ("cue", "cues"), ("actor", "actors"),
               ("place", "places"), ("date", "dates"), ("quantity", "quantities"))
LAYERS_ON = ("event", "claim", "cue")  # the rest are a click away: seven colours at once are noise
PUBLISHED_SOURCES = {"given": "as given", "metadata": "from the page's metadata"}


@lru_cache(maxsize=None)
def _asset(name: str) -> str:
    return resources.files(__package__).joinpath("assets", name).read_text("utf-8")


def script_json(value: object) -> str:
    """JSON safe inside <script>: no '</script>', '<!--' or entity can form from the data."""
    raw = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return (raw.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _header(ledger: Ledger) -> str:
    article = ledger.article
    facts = []
    if article.outlet:
        facts.append(escape(article.outlet))
    if article.published:
        given_as = article.published_source or "given"
        source = PUBLISHED_SOURCES.get(given_as, given_as)
        facts.append(f"published {article.published.isoformat()} ({escape(source)})")
    else:
        facts.append("publication date unknown, so relative dates (“on Sunday”) stay unresolved")
    if article.url:
        link = escape(article.url)
        if urlsplit(article.url).scheme in ("http", "https"):
            link = f'<a href="{link}" rel="noreferrer noopener">{link}</a>'
        facts.append(link)
    counts = (f"{len(ledger.events)} events · {len(ledger.claims)} claims · {len(ledger.entities)} entities · "
              f"{len(ledger.dates)} dates · {len(ledger.quantities)} quantities")
    return f'<p class="meta">{" · ".join(facts)}</p><p class="counts">{counts}</p>'


def _title(ledger: Ledger) -> str:
    if ledger.article.title:
        return ledger.article.title
    first_line = ledger.text.strip().split("\n", 1)[0] if ledger.text.strip() else ""
    return describe.clip(first_line, 120) or "Article"


def _layer_toggles() -> str:
    return "".join(
        f'<label class="toggle"><input type="checkbox" data-layer="{kind}"'
        f'{" checked" if kind in LAYERS_ON else ""}><span class="swatch sw-{kind}"></span>{label}</label>'
        for kind, label in LAYER_NAMES)


def _hidden_layers() -> str:
    return " ".join(f"hide-{kind}" for kind, _ in LAYER_NAMES if kind not in LAYERS_ON)


EVENT_COLUMNS = ("id", "date", "type / mode", "actor → target", "place", "fatalities", "status / source")
EventIncident = Callable[[str], Optional[str]]
"""An event id -> the id of the incident (newsledger.incidents) it belongs to, or None."""
CLAIM_COLUMNS = ("id", "claimant", "says", "claim", "numbers", "stance", "check-worthy")


def _cells(columns: tuple[str, ...], cells: list[str]) -> str:
    """Table cells labelled with their column, so narrow screens can show each row as a card."""
    return "".join(f'<td data-label="{column}"><div>{cell}</div></td>' for column, cell in zip(columns, cells))


def _table(name: str, columns: tuple[str, ...], rows: list[str]) -> str:
    head = "".join(f"<th>{escape(column)}</th>" for column in columns)
    return (f'<div class="table-wrap"><table class="{name}"><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></div>')


def _incident_cell(incident_id: Optional[str]) -> str:
    if incident_id is None:
        return '<small>none</small>'
    return (f'<span class="incident" title="newsledger incidents show {escape(incident_id)}">'
            f'{escape(incident_id)}</span>')


def _events_table(ledger: Ledger, annotations: Annotations,
                  incident_of: Optional[EventIncident] = None) -> str:
    if not ledger.events:
        return '<p class="empty">No events extracted.</p>'
    columns = EVENT_COLUMNS + (("incident",) if incident_of else ())
    rows = []
    for index, event in enumerate(ledger.events):
        kind = f'<span class="type t-{css_token(event.type)}">{escape(event.type)}</span>'
        if event.mode:
            kind += f'<br><small>{escape(event.mode)}</small>'
        if event.cameo:
            kind += f'<br><small>CAMEO {escape(event.cameo)}</small>'
        who = escape(describe.short_actor(event.actor) or "—") + " → " + escape(describe.short_actor(event.target) or "—")
        when = describe.when(event.date)
        date = " – ".join(f'<span class="nowrap">{escape(part)}</span>' for part in when.split(" – ")) if when else ""
        if event.date and event.date.text:
            date += f'<br><small>“{escape(event.date.text)}”</small>'
        source = "author" if event.source.author else event.source.name
        rows.append(
            f'<tr data-a="{annotations.event_keys[index]}" tabindex="0">'
            + _cells(columns, [escape(event.id), date, kind, who, escape(describe.short_place(event.place)),
                               escape(describe.fatalities(event.fatalities)),
                               f'<span class="status s-{css_token(event.status)}">{escape(event.status)}</span>'
                               f'<br><small>{escape(source)}</small>']
                     + ([_incident_cell(incident_of(event.id))] if incident_of else []))
            + "</tr>")
    return _table("events", columns, rows)


def _claims_table(ledger: Ledger, annotations: Annotations) -> str:
    if not ledger.claims:
        return '<p class="empty">No claims extracted.</p>'
    rows = []
    for index, claim in enumerate(ledger.claims):
        color = annotations.claimant_class(claim.claimant)
        stance = f'<span class="stance st-{css_token(claim.stance)}">{escape(claim.stance)}</span>'
        if claim.hedged:
            stance += '<br><small>hedged</small>'
        numbers = "<br>".join(escape(describe.quantity(q)) for q in claim.quantities)
        worth = max(0.0, min(1.0, claim.checkworthy or 0.0))
        rows.append(
            f'<tr data-a="{annotations.claim_keys[index]}" tabindex="0">'
            + _cells(CLAIM_COLUMNS, [escape(claim.id),
                                     f'<span class="swatch {color}"></span>{escape(describe.short_actor(claim.claimant))}',
                                     escape(claim.cue.text) if claim.cue else "—",
                                     escape(describe.clip(claim.content.text)), numbers, stance,
                                     f'<meter min="0" max="1" value="{worth:.2f}"></meter> {worth:.2f}'])
            + "</tr>")
    return _table("claims", CLAIM_COLUMNS, rows)


def _sector_legend(ledger: Ledger) -> str:
    """What the sector codes in this report's tables stand for."""
    actors: list[ActorRef | None] = [a for e in ledger.events for a in (e.actor, e.target)]
    actors += [c.claimant for c in ledger.claims]
    names = load_data("sector_codes.yaml", dict[str, str])
    used = sorted({a.kind for a in actors if a is not None and not a.author and a.kind})
    if not used:
        return ""
    items = "".join(f"<dt>{escape(code)}</dt><dd>{escape(names.get(code, 'no description'))}</dd>"
                    for code in used)
    return (f'<details class="legend" open><summary>Sector codes</summary>'
            f'<dl class="legend">{items}</dl></details>')


def render_html(ledger: Ledger, incident_of: Optional[EventIncident] = None) -> str:
    """The whole report page for one ledger, as one HTML string with no external references.
    With `incident_of` (the article is in a store) the events table names each event's incident."""
    annotations = annotate(ledger)
    script = _asset("report.js")
    data = {"cards": {key: {"kind": card.kind, "title": card.title, "rows": card.rows}
                      for key, card in annotations.cards.items()}}
    return Template(_asset("report.html")).substitute(
        title=escape(_title(ledger)),
        css=_asset("report.css"),
        script=script,
        script_hash="sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii"),
        data=script_json(data),
        header=_header(ledger),
        toggles=_layer_toggles(),
        hidden_layers=_hidden_layers(),
        article=highlight(ledger.text, list(annotations.layers.values())),
        events=_events_table(ledger, annotations, incident_of),
        claims=_claims_table(ledger, annotations),
        legend=_sector_legend(ledger),
        timeline=timeline_svg(ledger, annotations),
        map=map_svg(ledger, annotations),
    )
