"""The filters each list takes (API and pages alike), checked before they reach the store.

One pydantic model per kind of row, read from the query string: a filter that does not apply to
that kind, or an unknown parameter, is refused; sizes and shapes are bounded; an empty form field
means "no filter". The store receives plain keyword arguments and binds them as SQL parameters;
nothing here builds SQL. Which filters apply to which rows follows the store (`APPLIES_TO`).
"""
from __future__ import annotations

from datetime import date
from typing import Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..ledger import CLAIM_STANCES, Stance

MAX_PAGE = 500
DEFAULT_PAGE = 50
MAX_OFFSET = 10_000_000
SHORT = 200  # the longest name, place, outlet or search text accepted

Name = Optional[str]


def _name(description: str):
    return Field(None, min_length=1, max_length=SHORT, description=description)


class FilterParams(BaseModel):
    """Filter parameters every kind of row takes; `since`/`until` bound the event date on events and the
    publication date on articles and claims."""
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    country: Optional[str] = Field(None, pattern=r"^[A-Za-z]{3}$",
                                   description="ISO 3166 alpha-3 code (either side of an event; the claimant's)")
    since: Optional[date] = Field(None, description="first day, YYYY-MM-DD")
    until: Optional[date] = Field(None, description="last day, YYYY-MM-DD")
    outlet: Name = _name("outlet or site name")
    text: Name = _name("full-text search of the article (all words must occur)")

    @model_validator(mode="before")
    @classmethod
    def _blank_is_absent(cls, data: Any) -> Any:
        """A form submits empty fields as ''; they select nothing."""
        if isinstance(data, dict):
            return {key: value for key, value in data.items()
                    if not (isinstance(value, str) and not value.strip()) and value is not None}
        return data

    @field_validator("country")
    @classmethod
    def _upper(cls, value: Optional[str]) -> Optional[str]:
        return value.upper() if value else value

    @field_validator("text")
    @classmethod
    def _has_words(cls, value: Optional[str]) -> Optional[str]:
        if value is not None and not any(ch.isalnum() for ch in value):
            raise ValueError("no words to search for")
        return value

    @model_validator(mode="after")
    def _ordered(self):
        if self.since and self.until and self.since > self.until:
            raise ValueError("since must not be after until")
        return self

    def store_kwargs(self) -> dict[str, Any]:
        """The filters that are set, as the store's keyword arguments (no paging)."""
        chosen = self.model_dump(exclude={"limit", "offset", "format", "min_sources"})
        return {key: value for key, value in chosen.items() if value is not None}

    def query(self, **extra: Any) -> dict[str, str]:
        """The filters as query-string pairs, for links that keep the selection."""
        pairs = {key: value.isoformat() if isinstance(value, date) else str(value)
                 for key, value in self.store_kwargs().items()}
        min_sources = getattr(self, "min_sources", 1)  # only the incident filters have it
        if min_sources != 1:
            pairs["min_sources"] = str(min_sources)
        pairs.update({key: str(value) for key, value in extra.items() if value is not None})
        return pairs


class EventFilters(FilterParams):
    actor: Name = _name("acting party: resolved name or the article's words, any case")
    target: Name = _name("party acted on")
    type: Optional[str] = Field(None, pattern=r"^[A-Za-z_]{2,20}$", description="PLOVER event type, e.g. ASSAULT")
    place: Name = _name("place name")
    claimant: Name = _name("who reports the event (its source)")

    @field_validator("type")
    @classmethod
    def _upper_type(cls, value: Optional[str]) -> Optional[str]:
        return value.upper() if value else value


class ClaimFilters(FilterParams):
    claimant: Name = _name("who makes the claim")
    measure: Name = _name("what a figure counts, e.g. killed")
    stance: Optional[Stance] = Field(None, description="the article's stance toward the claim: "
                                                       + ", ".join(CLAIM_STANCES))


class ArticleFilters(EventFilters, ClaimFilters):
    """On articles, event and claim filters mean 'has such an event or claim'."""


class IncidentFilters(FilterParams):
    """Country, place and dates are the incident's own; the rest keep incidents one of whose
    articles matches (as on events)."""
    actor: Name = _name("acting party in one of its articles")
    target: Name = _name("party acted on")
    type: Optional[str] = Field(None, pattern=r"^[A-Za-z_]{2,20}$", description="PLOVER event type")
    place: Name = _name("place name (part of it)")
    claimant: Name = _name("who reports it")
    min_sources: int = Field(1, ge=1, le=1000, description="only incidents told by at least this many articles")

    @field_validator("type")
    @classmethod
    def _upper_type(cls, value: Optional[str]) -> Optional[str]:
        return value.upper() if value else value


class Paging(BaseModel):
    limit: int = Field(DEFAULT_PAGE, ge=1, le=MAX_PAGE, description=f"rows per page, at most {MAX_PAGE}")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="rows to skip")


class EventQuery(EventFilters, Paging):
    pass


class ClaimQuery(ClaimFilters, Paging):
    pass


class ArticleQuery(ArticleFilters, Paging):
    pass


class IncidentQuery(IncidentFilters, Paging):
    pass


class EventExport(EventFilters):
    format: Literal["csv", "parquet", "geojson", "plover"] = Field("csv", description="export format")


class ArticleExport(ArticleFilters):
    format: Literal["jsonl"] = Field("jsonl", description="export format")


QUERIES: dict[str, type[FilterParams]] = {"events": EventQuery, "claims": ClaimQuery, "articles": ArticleQuery}
FILTERS: dict[str, type[FilterParams]] = {"events": EventFilters, "claims": ClaimFilters,
                                     "articles": ArticleFilters}
