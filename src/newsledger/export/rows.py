"""Events as flat rows: one row per event, the columns the tabular formats share.

A row keeps both the canonical value (`actor`, `place`, `country`) and the article's own words
(`actor_text`, `place_text`, `evidence`), so a table can be filtered on codes and still checked
against the text.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Iterable, Iterator, Optional

from ..ledger import ActorRef, DateRef, Event, Fatalities, Ledger, PlaceRef
from .registry import IncidentOf

EVIDENCE_JOINER = " … "

# Column name -> type, in order; the types name the Arrow/Parquet type of each column.
COLUMNS: dict[str, str] = {
    "article_id": "string", "event_id": "string", "incident": "string",
    "date": "date", "date_end": "date", "date_text": "string", "date_inferred": "bool",
    "month": "string",
    "type": "string", "mode": "string", "cameo": "string", "goldstein": "float", "trigger": "string",
    "status": "string", "confidence": "float",
    "actor": "string", "actor_text": "string", "actor_country": "string", "actor_kind": "string",
    "target": "string", "target_text": "string", "target_country": "string", "target_kind": "string",
    "place": "string", "place_text": "string", "country": "string", "latitude": "float",
    "longitude": "float", "geonameid": "int", "place_precision": "string",
    "fatalities_min": "int", "fatalities_max": "int", "fatalities_text": "string",
    "source": "string", "evidence": "string",
    "title": "string", "url": "string", "outlet": "string", "published": "date",
}


@dataclass(frozen=True)
class EventInLedger:
    """An event with the ledger it came from: what every per-event format starts from."""
    ledger: Ledger
    event: Event
    incident: Optional[str]

    @property
    def evidence(self) -> list[str]:
        return [self.ledger.text[span.start:span.end] for span in self.event.evidence]

    @property
    def country(self) -> Optional[str]:
        """Where the event happened (ISO alpha-3), when its place is known."""
        return self.event.place.country if self.event.place else None


def events_of(ledgers: Iterable[Ledger], incident_of: IncidentOf) -> Iterator[EventInLedger]:
    for ledger in ledgers:
        for event in ledger.events:
            yield EventInLedger(ledger, event, incident_of(ledger.article.id, event.id))


def _actor(prefix: str, actor: Optional[ActorRef]) -> dict[str, Any]:
    if actor is None:
        return {prefix: None, f"{prefix}_text": None, f"{prefix}_country": None, f"{prefix}_kind": None}
    return {prefix: actor.name, f"{prefix}_text": actor.text, f"{prefix}_country": actor.country,
            f"{prefix}_kind": actor.kind}


def _date(when: Optional[DateRef]) -> dict[str, Any]:
    if when is None:
        return {"date": None, "date_end": None, "date_text": None, "date_inferred": None, "month": None}
    return {"date": when.start, "date_end": when.end, "date_text": when.text,
            "date_inferred": when.inferred, "month": when.start.strftime("%Y-%m") if when.start else None}


def _place(place: Optional[PlaceRef]) -> dict[str, Any]:
    if place is None:
        return dict.fromkeys(("place", "place_text", "country", "latitude", "longitude", "geonameid",
                              "place_precision"))
    return {"place": place.name, "place_text": place.text, "country": place.country,
            "latitude": place.lat, "longitude": place.lon, "geonameid": place.geonameid,
            "place_precision": place.precision}


def _fatalities(dead: Optional[Fatalities]) -> dict[str, Any]:
    if dead is None:
        return {"fatalities_min": None, "fatalities_max": None, "fatalities_text": None}
    return {"fatalities_min": dead.min, "fatalities_max": dead.max, "fatalities_text": dead.text}


def row(item: EventInLedger) -> dict[str, Any]:
    """The flat row of one event, in COLUMNS order; dates stay `date` objects, absent values None."""
    event, article = item.event, item.ledger.article
    values = {
        "article_id": article.id, "event_id": event.id, "incident": item.incident,
        **_date(event.date),
        "type": event.type, "mode": event.mode, "cameo": event.cameo, "goldstein": event.goldstein,
        "trigger": event.trigger, "status": event.status, "confidence": event.confidence,
        **_actor("actor", event.actor), **_actor("target", event.target),
        **_place(event.place), **_fatalities(event.fatalities),
        "source": event.source.name, "evidence": EVIDENCE_JOINER.join(item.evidence),
        "title": article.title, "url": article.url, "outlet": article.outlet,
        "published": article.published,
    }
    return {column: values[column] for column in COLUMNS}
