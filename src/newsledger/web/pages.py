"""The server-rendered pages: dashboard, lists, article, map, network, escalation, analyze.

Every page is complete HTML without script (web.js only adds interaction); Jinja2 escapes every
value, and the SVG and table cells are escaped where they are built.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable, Optional, Sequence
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup
from pydantic import BaseModel, ValidationError
from starlette.concurrency import run_in_threadpool

from .. import __version__
from ..incidents import count_incidents, counted_incidents, incidents
from ..ledger import CLAIM_STANCES
from ..incidents.page import render_incident
from ..report import render_html
from ..store.schema import ID_LENGTH
from ..vocabulary.cameo import shipped_codes
from . import cells, charts, views
from .downloads import FORMATS
from .filters import DEFAULT_PAGE, FILTERS, QUERIES, EventFilters, IncidentFilters, IncidentQuery
from .api import incident_page
from .html import NAV, templates
from .queries import (article_incidents, chosen_events, incident_places, latest, map_places, network_pairs,
                      timeline_days, weekly_sums)
from .state import State, state
from .writes import ArticleIn, analyze_and_store, uploaded

CHART_ROWS = 2000  # events drawn on a chart page: the newest matching ones
INCIDENTS_DRAWN = 200  # incidents drawn on the incidents page's timeline and map: the earliest matching
router = APIRouter(include_in_schema=False)
App = Depends(state)


def render(request: Request, template: str, title: str, status: int = 200, **context: Any) -> HTMLResponse:
    app: State = request.app.state.newsledger
    html = templates.get_template(template).render(
        title=title, nav=NAV, here=request.url.path, version=__version__, store_name=app.store.name,
        writes=app.allow_writes, **context)
    return HTMLResponse(html, status_code=status)


def parse(request: Request, model: type[BaseModel], *extra: str) -> tuple[Any, dict[str, str]]:
    """The query string as `model` (unknown names refused) plus the page's own `extra` names."""
    params = dict(request.query_params)
    own = {name: params.pop(name) for name in extra if name in params}
    try:
        return model.model_validate(params), own
    except ValidationError as exc:
        raise RequestValidationError(exc.errors()) from None


@lru_cache(maxsize=1)
def event_types() -> tuple[str, ...]:
    """PLOVER types, from the analyzer's CAMEO table (the one list of them)."""
    return tuple(sorted({row.plover for row in shipped_codes() if row.plover}))


# filters chosen from a list
CHOICES: dict[str, Callable[[], Sequence[str]]] = {"type": event_types, "stance": lambda: CLAIM_STANCES}


@dataclass
class FormField:
    name: str
    label: str
    type: str = "text"
    value: str = ""
    options: Sequence[str] = ()
    placeholder: str = ""


FIELD_LABELS = {"country": ("country", "ISO3, e.g. UKR"), "actor": ("actor", ""), "target": ("target", ""),
                "type": ("event type", ""), "place": ("place", ""), "claimant": ("claimant", ""),
                "measure": ("measure", "e.g. killed"), "stance": ("stance", ""), "outlet": ("outlet", ""), "since": ("from", ""),
                "until": ("to", ""), "text": ("text search", "words in the article")}


def form_fields(model: type[BaseModel], chosen: BaseModel) -> list[FormField]:
    fields = []
    for name in FIELD_LABELS:
        if name not in model.model_fields:
            continue
        value = getattr(chosen, name)
        label, placeholder = FIELD_LABELS[name]
        kind = "date" if name in ("since", "until") else "text"
        fields.append(FormField(name, label, kind, "" if value is None else str(value),
                                CHOICES.get(name, tuple)(), placeholder))
    return fields


@dataclass
class Pager:
    total: int
    first: int
    last: int
    previous: Optional[str]
    next: Optional[str]


def pager(path: str, query, shown: int, total: int) -> Pager:
    def at(offset: int) -> str:
        extra = {"offset": offset or None, "limit": query.limit if query.limit != DEFAULT_PAGE else None}
        return f"{path}?{urlencode(query.query(**extra))}"
    more = query.offset + shown < total
    previous = at(max(query.offset - query.limit, 0)) if query.offset > 0 else None
    return Pager(total, query.offset + 1, query.offset + shown, previous, at(query.offset + query.limit) if more else None)


LISTS = {"events": ("Events", cells.EVENT_COLUMNS, cells.event_cells),
         "claims": ("Claims", cells.CLAIM_COLUMNS, cells.claim_cells),
         "articles": ("Articles", cells.ARTICLE_COLUMNS, cells.article_cells)}


def list_page(kind: str, request: Request, app: State) -> HTMLResponse:
    query, _ = parse(request, QUERIES[kind])
    filters = query.store_kwargs()
    rows = list(getattr(app.store, kind)(**filters, limit=query.limit, offset=query.offset))
    total = app.store.count(kind, **filters)
    title, columns, to_cells = LISTS[kind]
    return render(request, "list.html", title, kind=kind, fields=form_fields(FILTERS[kind], query),
                  downloads=downloads(kind, query), page=pager(request.url.path, query, len(rows), total),
                  columns=columns, rows=[to_cells(row) for row in rows])


@router.get("/incidents")
def incidents_page(request: Request, app: State = App):
    query, _ = parse(request, IncidentQuery)
    drawn, total = counted_incidents(app.store, limit=INCIDENTS_DRAWN, min_sources=query.min_sources,
                                     **query.store_kwargs())
    if query.offset + query.limit <= INCIDENTS_DRAWN:  # the page is among those drawn: no second read
        items = drawn[query.offset:query.offset + query.limit]
    else:
        items, total = incident_page(app, query)
    markers = views.incident_markers(drawn, incident_places(app.store, [s.id for s in drawn]))
    shown = charts.timeline_svg(views.incident_timeline(drawn)) + (charts.map_svg(markers) if markers else "")
    return render(request, "list.html", "Incidents", kind="incidents", fields=form_fields(IncidentFilters, query),
                  downloads=[("JSON", f"/api/v1/incidents?{urlencode(query.query())}")],
                  page=pager(request.url.path, query, len(items), total), chart=Markup(shown),
                  columns=cells.INCIDENT_COLUMNS, rows=[cells.incident_cells(s) for s in items])


@router.get("/incidents/{incident_id}")
def incident_view(incident_id: str, request: Request, app: State = App):
    detail = app.incident(incident_id)
    s = detail.summary
    where = ", ".join(part for part in (s.place, s.country) if part) or "place unknown"
    return render(request, "incident.html", f"{s.family.capitalize()} in {where}", detail=detail,
                  summary=s, killed=cells.incident_cells(s)[4])


@router.get("/incidents/{incident_id}/page")
def incident_report(incident_id: str, app: State = App):
    return HTMLResponse(render_incident(app.incident(incident_id)), headers={"Content-Security-Policy": REPORT_POLICY})


def downloads(kind: str, query) -> list[tuple[str, str]]:
    """Links to this selection as JSON (the API's first page) and in each export format."""
    links = [("JSON", f"/api/v1/{kind}?{urlencode(query.query())}")]
    for name in FORMATS.get(kind, {}):
        links.append((name.upper() if name != "plover" else "PLOVER",
                      f"/api/v1/{kind}/export?{urlencode(query.query(format=name))}"))
    return links


@router.get("/events")
def events_page(request: Request, app: State = App):
    return list_page("events", request, app)


@router.get("/claims")
def claims_page(request: Request, app: State = App):
    return list_page("claims", request, app)


@router.get("/articles")
def articles_page(request: Request, app: State = App):
    return list_page("articles", request, app)


@router.get("/")
def dashboard(request: Request, app: State = App):
    counts = {kind: app.store.count(kind) for kind in ("articles", "events", "claims")}
    told = count_incidents(app.store, min_sources=2)
    newest = incidents(app.store, min_sources=2, order="latest", limit=8)
    disputed = [s for s in incidents(app.store, min_sources=2, order="disagreement", limit=8) if s.disagreement]
    return render(request, "dashboard.html", "Dashboard", counts=counts,
                  told=told, latest_incidents=[cells.incident_cells(s) for s in newest],
                  disputed=[cells.incident_cells(s) for s in disputed], incident_columns=cells.INCIDENT_COLUMNS,
                  articles=[cells.article_cells(row) for row in latest(app.store, "articles", 8)],
                  events=[cells.event_cells(row) for row in latest(app.store, "events", 8)],
                  article_columns=cells.ARTICLE_COLUMNS, event_columns=cells.EVENT_COLUMNS)


def chart_page(request: Request, app: State, template: str, title: str, *extra: str, **context: Any):
    filters, own = parse(request, EventFilters, *extra)
    total = app.store.count("events", **filters.store_kwargs())
    chosen = chosen_events(app.store, filters.store_kwargs(), CHART_ROWS)
    built = context.pop("build")(app.store, chosen, filters, own)
    shown = min(total, CHART_ROWS)  # the newest CHART_ROWS of the `total` matching events
    return render(request, template, title, fields=form_fields(EventFilters, filters), total=total,
                  shown=shown, capped=total > shown, **built, **context)


def _map(store, chosen, filters, _own):
    markers = views.event_markers(map_places(store, chosen))
    selection = urlencode({key: value for key, value in filters.query().items() if key != "place"})

    def events_at(place: str) -> str:  # the selection's events at one place
        return f"/events?{selection}{'&' if selection else ''}{urlencode({'place': place})}"
    located = sum(m.events for m in markers)
    return {"map": Markup(charts.map_svg(markers, place_href=events_at)), "located": located,
            "timeline": Markup(charts.timeline_svg(views.event_timeline(timeline_days(store, chosen))))}


@router.get("/map")
def map_page(request: Request, app: State = App):
    return chart_page(request, app, "map.html", "Map", build=_map)


def _network(store, chosen, _filters, _own):
    network = views.actor_network(network_pairs(store, chosen))
    edges = sorted(network.edges, key=lambda e: -e.events)[:30]
    return {"chart": Markup(charts.network_svg(network)), "network": network, "edges": edges,
            "colour": charts.goldstein_colour}


@router.get("/network")
def network_page(request: Request, app: State = App):
    return chart_page(request, app, "network.html", "Actor network", build=_network)


def _escalation(store, chosen, _filters, own):
    by = own.get("by", "country")
    if by not in ("country", "dyad"):
        raise HTTPException(422, "by: expected 'country' or 'dyad'")
    group = (own.get("group") or "").strip()[:200] or None
    series = views.weekly_series(weekly_sums(store, chosen, by), only=group)
    return {"chart": Markup(charts.escalation_svg(series)), "series": series, "by": by, "group": group or ""}


@router.get("/escalation")
def escalation_page(request: Request, app: State = App):
    return chart_page(request, app, "escalation.html", "Escalation", "by", "group", build=_escalation)


@router.get("/articles/{key}")
def article_page(key: str, request: Request, app: State = App):
    ledger = app.ledger(key)
    article = ledger.article
    title = article.title or cells.clip(ledger.text.strip().split("\n", 1)[0], 100) or "Article"
    linked = article_incidents(app.store, article_key(key))
    return render(request, "article.html", title, key=key, article=article, ledger=ledger,
                  incidents=[(event, linked[event.id]) for event in ledger.events if event.id in linked])


# The report carries its own inline style and hashed script, allowed by its own <meta> policy;
# this header only adds that it may be framed by this site and nowhere else.
REPORT_POLICY = "frame-ancestors 'self'"


@router.get("/articles/{key}/report")
def article_report(key: str, app: State = App):
    """Today's report of the article; its events table names each event's incident."""
    ledger = app.ledger(key)
    linked = article_incidents(app.store, article_key(key))
    return HTMLResponse(render_html(ledger, linked.get), headers={"Content-Security-Policy": REPORT_POLICY})


def article_key(key: str) -> int | str:
    """An article's row id (digits) or fingerprint, as the store reads it (`Store.ledger`)."""
    return int(key) if key.isdigit() and len(key) < ID_LENGTH else key


@router.get("/analyze")
def analyze_form(request: Request, app: State = App):
    return render(request, "analyze.html", "Analyze an article")


FORM_FIELDS = ("text", "title", "url", "outlet", "published", "token", "file")


@router.post("/analyze")
async def analyze_submit(request: Request, app: State = App):
    """Paste or upload: the form's token must match; the article is analyzed, stored, and shown."""
    if not app.allow_writes:
        raise HTTPException(403, "writes are off (start the server with --allow-writes)")
    form = await request.form(max_files=1, max_fields=len(FORM_FIELDS))
    unknown = set(form.keys()) - set(FORM_FIELDS)
    if unknown:
        raise HTTPException(422, f"unknown form field(s): {', '.join(sorted(unknown))[:200]}")
    token = form.get("token")
    app.check_write(token if isinstance(token, str) else None)
    fields = {name: value for name in ("text", "title", "url", "outlet", "published")
              if isinstance(value := form.get(name), str) and value.strip()}
    upload = form.get("file")
    if upload is not None and not isinstance(upload, str) and upload.filename:
        fields = {**uploaded(await upload.read(), upload.filename), **fields}
    try:
        article = ArticleIn.model_validate(fields)
    except ValidationError as exc:
        raise RequestValidationError(exc.errors()) from None
    stored = await run_in_threadpool(analyze_and_store, app, article)
    return RedirectResponse(f"/articles/{stored.article}", status_code=303)


DOCS_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
               "img-src 'self' data:; connect-src 'self'; frame-ancestors 'self'; base-uri 'none'")


@router.get("/api/v1/docs")
def api_docs() -> Response:
    """Swagger UI from the assets fastapi-offline ships, started by a local script (no CDN)."""
    html = templates.get_template("docs.html").render(title="newsledger API")
    return HTMLResponse(html, headers={"Content-Security-Policy": DOCS_POLICY})
