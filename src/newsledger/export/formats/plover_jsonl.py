"""`plover`: one JSON record per event with the PLOVER manual's field names (JSON Lines).

Actors are PLOVER actor objects (`code` the country, `sector` the kind, `actor_text` the article's
words, `identifier_text` the canonical name); `event_loc` is a GeoNames-style location; `link`
carries the event's incident, the manual's reference shared by related events. What PLOVER has no
field for (status, fatalities, the ledger's ids) sits under `newsledger`.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib.metadata import version
from typing import Any, Iterable, Optional

from ...ledger import ActorRef, Ledger, PlaceRef
from ..acled import event_id
from ..output import Output
from ..registry import ExportOptions, register
from ..rows import EVIDENCE_JOINER, EventInLedger, events_of
from ..tables import country, plover_quad_codes


@lru_cache(maxsize=None)
def _coder() -> str:
    return f"newsledger {version('newsledger')}"


def _actors(actor: Optional[ActorRef]) -> list[dict[str, Any]]:
    if actor is None:
        return []
    return [{"code": actor.country, "sector": actor.kind, "actor_text": actor.text,
             "identifier_text": actor.name}]


def _location(place: Optional[PlaceRef]) -> Optional[dict[str, Any]]:
    if place is None:
        return None
    where = country(place.country)
    return {"geonameid": place.geonameid, "name": place.name, "latitude": place.lat,
            "longitude": place.lon, "country code": where.iso2 if where else None,
            "cc3": place.country, "precision": place.precision}


def record(item: EventInLedger) -> dict[str, Any]:
    event, article = item.event, item.ledger.article
    when, dead = event.date, event.fatalities
    return {
        "id": event_id(item),
        "date": when.start.isoformat() if when and when.start else None,
        "enddate": when.end.isoformat() if when and when.end and when.end != when.start else None,
        "actor": _actors(event.actor), "recipient": _actors(event.target),
        "event": [event.type], "mode": [event.mode] if event.mode else [],
        "event_loc": _location(event.place),
        "event_text": [event.trigger] if event.trigger else [],
        "quad_code": plover_quad_codes().get(event.type),
        "link": item.incident,
        "text": EVIDENCE_JOINER.join(item.evidence),
        "cite_info": {"citation": article.id, "url": article.url, "title": article.title,
                      "publication": article.outlet, "language": article.language,
                      "coder": _coder(), "codebook": "plover"},
        "newsledger": {"article_id": article.id, "event_id": event.id, "status": event.status,
                       "confidence": event.confidence, "cameo": event.cameo,
                       "goldstein": event.goldstein, "source": event.source.name,
                       "fatalities": {"min": dead.min, "max": dead.max, "text": dead.text} if dead else None},
    }


@register("plover", "PLOVER event records, one JSON object per line")
def write_plover(ledgers: Iterable[Ledger], output: Output, options: ExportOptions) -> int:
    written = 0
    with output.text() as out:
        for item in events_of(ledgers, options.incident_of):
            out.write(json.dumps(record(item), ensure_ascii=False) + "\n")
            written += 1
    return written
