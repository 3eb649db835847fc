"""The typed rows that queries return: one dataclass per table, each with its evidence words.

Field names are the column names (see schema.py); event and claim rows also carry the fields of
their article that a reader of one row needs (title, url, outlet, published).
"""
from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import Any, Mapping, Optional


@dataclass(frozen=True)
class ArticleRow:
    id: int
    fingerprint: str
    text_sha256: str
    url: Optional[str]
    title: Optional[str]
    outlet: Optional[str]
    published: Optional[date]
    language: Optional[str]
    event_count: int
    claim_count: int
    analyzer_version: str
    model: str
    stored_at: datetime
    text: str

    @property
    def evidence(self) -> str:
        """An article's evidence is its whole text."""
        return self.text


@dataclass(frozen=True)
class EventRow:
    id: int
    article_id: int
    event_id: str
    type: str
    mode: Optional[str]
    cameo: Optional[str]
    goldstein: Optional[float]
    trigger: Optional[str]
    status: str
    confidence: Optional[float]
    actor_text: Optional[str]
    actor_name: Optional[str]
    actor_country: Optional[str]
    actor_kind: Optional[str]
    target_text: Optional[str]
    target_name: Optional[str]
    target_country: Optional[str]
    target_kind: Optional[str]
    place_text: Optional[str]
    place_name: Optional[str]
    place_country: Optional[str]
    place_precision: Optional[str]
    latitude: Optional[float]
    longitude: Optional[float]
    geonameid: Optional[int]
    date_text: Optional[str]
    date_start: Optional[date]
    date_end: Optional[date]
    date_inferred: Optional[bool]
    fatalities_text: Optional[str]
    fatalities_min: Optional[int]
    fatalities_max: Optional[int]
    source_name: Optional[str]
    source_text: Optional[str]
    evidence: str
    evidence_start: int
    evidence_end: int
    title: Optional[str]
    url: Optional[str]
    outlet: Optional[str]
    published: Optional[date]


@dataclass(frozen=True)
class ClaimRow:
    id: int
    article_id: int
    claim_id: str
    claimant_text: Optional[str]
    claimant_name: Optional[str]
    claimant_country: Optional[str]
    claimant_kind: Optional[str]
    cue: Optional[str]
    content: str
    content_start: int
    content_end: int
    stance: str
    hedged: bool
    checkworthy: Optional[float]
    measure: Optional[str]
    quantities: list[dict[str, Any]]
    evidence: str
    evidence_start: int
    evidence_end: int
    title: Optional[str]
    url: Optional[str]
    outlet: Optional[str]
    published: Optional[date]


def field_names(row_type: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(row_type))


def row_from(row_type: type, mapping: Mapping[str, Any]):
    """A typed row from a result mapping whose keys are the dataclass's field names."""
    return row_type(**{name: mapping[name] for name in field_names(row_type)})
