"""A ledger event in ACLED's terms: its columns, with the meanings ACLED's codebook gives them.

What the ledger does not know (associated actors, admin2/3, source scale, tags) stays empty rather
than guessed; the mapping from our PLOVER types and sector kinds is data (data/export/acled.yaml).
"""
from __future__ import annotations

from typing import Any, Optional

from ..ledger import ActorRef, DateRef, Event, Ledger
from .rows import EVIDENCE_JOINER, EventInLedger
from .tables import AcledRule, AcledTables, acled, country

ID_PREFIX_LENGTH = 16  # hex digits of the article id in an event's id: unique across any real corpus

COLUMNS = ("event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
           "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
           "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
           "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
           "notes", "fatalities", "tags", "timestamp")
# Ours, after ACLED's: what links a row back to the ledger and what ACLED has no column for.
EXTRA_COLUMNS = ("incident", "article_id", "event_id", "plover_type", "plover_mode", "cameo",
                 "status", "confidence", "actor1_text", "actor2_text", "fatalities_max", "url")


def event_id_of(ledger: Ledger, event: Event) -> str:
    """ACLED-style id: the event's country code, then ids unique within the export."""
    local = f"{ledger.article.id[:ID_PREFIX_LENGTH]}-{event.id}"
    where = event.place.country if event.place else None
    return f"{where}-{local}" if where else local


def event_id(item: EventInLedger) -> str:
    return event_id_of(item.ledger, item.event)


def _words(text: Optional[str]) -> set[str]:
    return set((text or "").lower().replace("-", " ").split())


def _matches(rule: AcledRule, event: Event, evidence: str, tables: AcledTables) -> bool:
    target_kind = event.target.kind if event.target else None
    target_kinds = {"armed": tables.armed_kinds, "civilian": tables.civilian_kinds}
    return (rule.plover == event.type
            and (not rule.modes or event.mode in rule.modes)
            and (not rule.cameos or event.cameo in rule.cameos)
            and (not rule.words or bool(rule.words & (_words(event.trigger) | _words(evidence))))
            and (rule.target is None or target_kind in target_kinds[rule.target]))


def classify(event: Event, evidence: str, tables: AcledTables) -> tuple[str, str, str]:
    """(disorder_type, event_type, sub_event_type); empty strings where ACLED would not code it."""
    if event.status not in tables.coded_statuses:
        return "", "", ""
    for rule in tables.rules:
        if not _matches(rule, event, evidence, tables):
            continue
        if rule.sub_event is None:
            return rule.disorder or "", "", ""
        event_type = tables.event_type_of[rule.sub_event]
        disorder = tables.disorder_of_sub_event.get(rule.sub_event, tables.disorder_of_event[event_type])
        return disorder, event_type, rule.sub_event
    return "", "", ""


def inter(actor: Optional[ActorRef], event_type: str, event_country: Optional[str],
          tables: AcledTables, *, crowd: bool = False) -> Optional[int]:
    """ACLED's actor-type code (1-8) of an actor, or None when its sector is unknown."""
    if actor is None or actor.kind is None:
        return None
    if crowd and actor.kind in tables.crowd_kinds and event_type in tables.crowd_inter:
        return tables.crowd_inter[event_type]
    code = tables.inter_of_kind.get(actor.kind)
    abroad = bool(actor.country and event_country and actor.country != event_country)
    return tables.external_inter if code == tables.state_inter and abroad else code


def interaction(inter1: Optional[int], inter2: Optional[int]) -> Optional[int]:
    """ACLED's two-digit interaction code: both actor types, the smaller first; 10 x a lone one."""
    if inter1 is None:
        return None
    if inter2 is None:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high


def actor_name(actor: Optional[ActorRef], event_country: Optional[str], tables: AcledTables) -> str:
    """The actor's canonical name, or ACLED's kind of label for an unnamed one ('Civilians (Sudan)')."""
    if actor is None:
        return ""
    if actor.name:
        return actor.name
    labels = tables.unnamed_actor.get(actor.kind or "")
    if labels is None:
        return ""
    where = country(actor.country or event_country)
    return labels[0].format(country=where.name) if where else labels[1]


def time_precision(when: Optional[DateRef], tables: AcledTables) -> Optional[int]:
    if when is None or when.start is None:
        return None
    if when.inferred:
        return tables.inferred_time_precision
    days = ((when.end or when.start) - when.start).days + 1
    for longest, precision in tables.time_precision_days:
        if days <= longest:
            return precision
    return tables.time_precision_days[-1][1]


def _place_columns(item: EventInLedger, tables: AcledTables) -> dict[str, Any]:
    place, where = item.event.place, country(item.country)
    return {
        "iso": where.iso_numeric if where else None, "region": where.acled_region if where else None,
        "country": where.name if where else None,
        "admin1": place.name if place and place.precision == "region" else None,
        "location": place.name if place else None,
        "latitude": place.lat if place else None, "longitude": place.lon if place else None,
        "geo_precision": tables.geo_precision.get(place.precision or "") if place else None,
    }


def _actor_columns(item: EventInLedger, event_type: str, tables: AcledTables) -> dict[str, Any]:
    event, where = item.event, item.country
    inter1 = inter(event.actor, event_type, where, tables, crowd=True)
    inter2 = inter(event.target, event_type, where, tables)
    return {"actor1": actor_name(event.actor, where, tables), "inter1": inter1,
            "actor2": actor_name(event.target, where, tables), "inter2": inter2,
            "interaction": interaction(inter1, inter2)}


def row(item: EventInLedger) -> dict[str, Any]:
    """One event as an ACLED row (its columns, then ours); None where the value is unknown."""
    tables, event, article = acled(), item.event, item.ledger.article
    notes = EVIDENCE_JOINER.join(item.evidence)
    disorder, event_type, sub_event = classify(event, notes, tables)
    when = event.date.start if event.date else None
    dead = event.fatalities
    target_kind = event.target.kind if event.target else None
    values = {
        "event_id_cnty": event_id(item), "event_date": when, "year": when.year if when else None,
        "time_precision": time_precision(event.date, tables), "disorder_type": disorder,
        "event_type": event_type, "sub_event_type": sub_event,
        **_actor_columns(item, event_type, tables),
        "civilian_targeting": "Civilian targeting" if "Political violence" in disorder
        and target_kind in tables.civilian_kinds else None,
        **_place_columns(item, tables),
        "source": article.outlet, "notes": notes,
        "fatalities": (dead.min if dead.min is not None else dead.max) if dead else None,
        "incident": item.incident, "article_id": article.id, "event_id": event.id,
        "plover_type": event.type, "plover_mode": event.mode, "cameo": event.cameo,
        "status": event.status, "confidence": event.confidence,
        "actor1_text": event.actor.text if event.actor else None,
        "actor2_text": event.target.text if event.target else None,
        "fatalities_max": dead.max if dead else None, "url": article.url,
    }
    return {column: values.get(column) for column in COLUMNS + EXTRA_COLUMNS}
