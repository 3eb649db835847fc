"""The REST API under /api/v1: the store's rows as JSON, paged, with the CLI's filters.

Response schemas come from the store's own row dataclasses (ArticleRow, EventRow, ClaimRow) and
the ledger model, so the OpenAPI document and the library cannot drift apart.
"""
from __future__ import annotations

from typing import Annotated, Generic, Optional, TypeVar
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Header, HTTPException, Path, Query, Request
from fastapi.responses import FileResponse
from pydantic import BaseModel, Field

from ..incidents import FigureRow, IncidentDetail, IncidentSummary, counted_incidents, numbers
from ..ledger import Ledger
from ..store import ArticleRow, ClaimRow, EventRow
from .downloads import FORMATS, download
from .filters import ArticleExport, ArticleQuery, ClaimQuery, EventExport, EventQuery, IncidentQuery, Paging
from .state import State, state
from .writes import ArticleIn, Stored, analyze_and_store

T = TypeVar("T")

API = "/api/v1"


class Page(BaseModel, Generic[T]):
    """One page of a list: `items` from `offset`, `total` matching rows, `next` page's URL."""
    total: int = Field(description="rows matching the filters")
    limit: int
    offset: int
    next: Optional[str] = Field(None, description="URL of the next page, null on the last")
    items: list[T]


class Counts(BaseModel):
    articles: int
    events: int
    claims: int


def page_of(request: Request, query: Paging, rows: list, total: int) -> dict:
    following = None
    if query.offset + len(rows) < total:
        params = dict(request.query_params)
        params["offset"] = str(query.offset + query.limit)
        following = f"{request.url.path}?{urlencode(params)}"
    return {"total": total, "limit": query.limit, "offset": query.offset, "next": following, "items": rows}


def listing(kind: str, query, store) -> tuple[list, int]:
    """One page of rows and the number matching: the store's filters, bound as parameters."""
    filters = query.store_kwargs()
    rows = list(getattr(store, kind)(**filters, limit=query.limit, offset=query.offset))
    return rows, store.count(kind, **filters)


router = APIRouter(prefix=API)
App = Annotated[State, Depends(state)]


@router.get("/articles", response_model=Page[ArticleRow], summary="Articles")
def articles(request: Request, query: Annotated[ArticleQuery, Query()], app: App):
    """Stored articles; event and claim filters select articles that have such an event or claim."""
    rows, total = listing("articles", query, app.store)
    return page_of(request, query, rows, total)


@router.get("/events", response_model=Page[EventRow], summary="Events")
def events(request: Request, query: Annotated[EventQuery, Query()], app: App):
    """Events of every stored article, each with its evidence words and its article's metadata."""
    rows, total = listing("events", query, app.store)
    return page_of(request, query, rows, total)


@router.get("/claims", response_model=Page[ClaimRow], summary="Claims")
def claims(request: Request, query: Annotated[ClaimQuery, Query()], app: App):
    """Attributed claims: who said what, with figures, stance and evidence."""
    rows, total = listing("claims", query, app.store)
    return page_of(request, query, rows, total)


@router.get("/events/export", summary="Download events", response_class=FileResponse,
            responses={200: {"content": {t: {} for t, _ in FORMATS["events"].values()},
                             "description": "the matching events in the chosen format"}})
def events_export(query: Annotated[EventExport, Query()], app: App):
    """The matching events as CSV (ACLED's columns), Parquet, GeoJSON or PLOVER JSON lines."""
    return download(app.store, "events", query.format, query.store_kwargs())


@router.get("/articles/export", summary="Download ledgers", response_class=FileResponse,
            responses={200: {"content": {"application/x-ndjson": {}}, "description": "one ledger per line"}})
def articles_export(query: Annotated[ArticleExport, Query()], app: App):
    """The matching articles' whole ledgers, one JSON object per line."""
    return download(app.store, "articles", query.format, query.store_kwargs())


@router.get("/articles/{article_id}", response_model=Ledger, summary="One article's ledger")
def article(article_id: Annotated[str, Path(max_length=64, description="row id or fingerprint")], app: App):
    """The full ledger JSON of one stored article (the output of `newsledger analyze`)."""
    return app.ledger(article_id)


INCIDENT_ID = Path(pattern=r"^[A-Za-z0-9-]{1,40}$", description="the incident's id, e.g. inc-20240519-1a2b3c4d")


def incident_page(app: State, query: IncidentQuery) -> tuple[list[IncidentSummary], int]:
    """One page of incidents, the earliest first, and the number matching."""
    return counted_incidents(app.store, limit=query.limit, offset=query.offset, min_sources=query.min_sources,
                             **query.store_kwargs())


@router.get("/incidents", response_model=Page[IncidentSummary], summary="Incidents")
def incidents_list(request: Request, query: Annotated[IncidentQuery, Query()], app: App):
    """Incidents (one real happening, every article's account of it), the earliest first, with
    their summary: fatalities low/best/high, sources, outlets, first and last report, disagreement."""
    items, total = incident_page(app, query)
    return page_of(request, query, items, total)


@router.get("/incidents/{incident_id}", response_model=IncidentDetail, summary="One incident")
def incident_detail(incident_id: Annotated[str, INCIDENT_ID], app: App):
    """The incident's summary, one report per article's account, and every figure."""
    return app.incident(incident_id)


@router.get("/incidents/{incident_id}/numbers", response_model=list[FigureRow], summary="Figures of an incident")
def incident_numbers(incident_id: Annotated[str, INCIDENT_ID], app: App,
                     measure: Annotated[Optional[str], Query(max_length=100, description="e.g. killed/people or killed")] = None):
    """Every figure of one measure (or of all) across outlets, in the order they were published."""
    try:
        return numbers(app.store, incident_id, measure)
    except KeyError:
        raise HTTPException(404, f"no incident {incident_id}") from None


@router.get("/counts", response_model=Counts, summary="How many rows the store holds")
def counts(app: App):
    return {kind: app.store.count(kind) for kind in ("articles", "events", "claims")}


@router.post("/articles", response_model=Stored, status_code=201, summary="Analyze and store an article",
             responses={403: {"description": "writes are off, or the token is wrong"}})
def add_article(body: ArticleIn, app: App,
                authorization: Annotated[Optional[str], Header(max_length=500)] = None):
    """Analyzes the text and stores its ledger. Only when the server runs with --allow-writes, and
    with `Authorization: Bearer <token>` matching $NEWSLEDGER_WRITE_TOKEN."""
    given = authorization[7:] if authorization and authorization.lower().startswith("bearer ") else None
    app.check_write(given)
    return analyze_and_store(app, body)


