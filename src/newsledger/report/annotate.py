"""Ledger -> highlight layers over the text, each with a details card of its resolved values.

One layer per (kind, span): when an entity, an event's actor and a claimant share a span, their
cards merge into one so the reader sees every reading of those words together.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from ..ledger import ActorRef, Claim, Event, Ledger, PlaceRef, Span
from . import describe
from .highlight import Layer

PLACE_LABELS = {"GPE", "LOC", "FAC"}
CLAIMANT_COLORS = 8


@dataclass
class Card:
    """What the details panel shows for one layer: a heading and label/value rows."""
    kind: str
    title: str
    rows: list[tuple[str, str]] = field(default_factory=list)

    def add(self, label: str, value: object) -> None:
        if value not in (None, "", []):
            self.rows.append((label, str(value)))


def css_token(value: Optional[str]) -> str:
    """A class-name-safe form of a code like an event type or stance."""
    return re.sub(r"[^A-Za-z0-9_-]", "", value or "") or "none"


def claimant_key(claimant: ActorRef) -> str:
    return "author" if claimant.author else (claimant.name or claimant.text or "").strip().lower()


class Annotations:
    """Collects layers and cards while walking the ledger; `keys` link events/claims to them."""

    def __init__(self, ledger: Ledger):
        self.ledger = ledger
        self.layers: dict[tuple[str, int, int], Layer] = {}
        self.cards: dict[str, Card] = {}
        self.event_keys: dict[int, str] = {}
        self.claim_keys: dict[int, str] = {}
        self.place_keys: dict[int, str] = {}
        self.claimant_colors: dict[str, str] = {}
        self._counter = 0

    def _new_key(self) -> str:
        self._counter += 1
        return f"s{self._counter}"

    def claimant_class(self, claimant: ActorRef) -> str:
        key = claimant_key(claimant)
        if key == "author":
            return "cc-author"
        if key not in self.claimant_colors:
            self.claimant_colors[key] = f"cc-{len(self.claimant_colors) % CLAIMANT_COLORS}"
        return self.claimant_colors[key]

    def span_layer(self, kind: str, start: int, end: int, card: Card,
                   classes: tuple[str, ...] = ()) -> Optional[str]:
        """Add (or merge into) the layer for this span; returns its key, None for a bad span."""
        if not (0 <= start < end <= len(self.ledger.text)):
            return None
        existing = self.layers.get((kind, start, end))
        if existing is not None:
            merged = self.cards[existing.key]
            merged.rows.append(("—", card.title))
            merged.rows.extend(row for row in card.rows if row not in merged.rows)
            existing.classes = tuple(dict.fromkeys(existing.classes + classes))
            return existing.key
        key = self._new_key()
        self.layers[(kind, start, end)] = Layer(key, kind, start, end, classes)
        self.cards[key] = card
        return key

    def shared_layer(self, key: str, kind: str, spans: list[Span], classes: tuple[str, ...],
                     attrs: Optional[dict[str, str]] = None) -> None:
        """Several spans of one record (an event's evidence) under one key, so they select together."""
        for span in spans:
            if 0 <= span.start < span.end <= len(self.ledger.text):
                self.layers[(kind + ":" + key, span.start, span.end)] = Layer(
                    key, kind, span.start, span.end, classes, dict(attrs or {}))

    # --- records -------------------------------------------------------------------------

    def add_event(self, index: int, event: Event) -> None:
        key = f"e{index}"
        self.event_keys[index] = key
        card = Card("event", f"Event {event.id}: {event.type}" + (f" / {event.mode}" if event.mode else ""))
        card.add("Type", event.type)
        card.add("Mode", event.mode)
        card.add("CAMEO", event.cameo)
        card.add("Goldstein", describe.number(event.goldstein) if event.goldstein is not None else None)
        card.add("Trigger", event.trigger)
        card.add("Actor", describe.actor(event.actor))
        card.add("Target", describe.actor(event.target))
        card.add("Place", describe.place(event.place))
        if event.place:
            card.add("Coordinates", describe.coordinates(event.place))
            card.add("GeoNames id", event.place.geonameid)
            card.add("Precision", event.place.precision)
        card.add("Date", describe.when(event.date))
        card.add("Date words", event.date.text if event.date else None)
        card.add("Fatalities", describe.fatalities(event.fatalities))
        card.add("Status", event.status)
        card.add("Source", describe.actor(ActorRef(text=event.source.text or event.source.name,
                                                    name=event.source.name, author=event.source.author)))
        card.add("Confidence", describe.score(event.confidence))
        self.cards[key] = card
        self.shared_layer(key, "event", event.evidence, (f"t-{css_token(event.type)}",),
                          {"data-label": event.type})
        self.cards[key].add("Evidence spans", len(event.evidence))

        for role, ref in (("actor", event.actor), ("target", event.target)):
            if ref is not None and ref.span is not None:
                self.span_layer("actor", ref.span.start, ref.span.end, self.actor_card(ref, f"{role} of {event.id}"))
        if event.source.span is not None and not event.source.author:
            source = ActorRef(text=event.source.text or event.source.name, name=event.source.name)
            self.span_layer("actor", event.source.span.start, event.source.span.end,
                            self.actor_card(source, f"source of {event.id}"))
        if event.place is not None and event.place.span is not None:
            place_key = self.span_layer("place", event.place.span.start, event.place.span.end,
                                        self.place_card(event.place, f"place of {event.id}"))
            if place_key:
                self.place_keys[index] = place_key
        if event.date is not None and event.date.span is not None:
            card = Card("date", f"date of {event.id}: {describe.when(event.date)}")
            card.add("Words", event.date.text)
            self.span_layer("date", event.date.span.start, event.date.span.end, card)
        if event.fatalities is not None and event.fatalities.span is not None:
            card = Card("quantity", f"fatalities of {event.id}: {describe.fatalities(event.fatalities)}")
            card.add("Words", event.fatalities.text)
            self.span_layer("quantity", event.fatalities.span.start, event.fatalities.span.end, card)

    def add_claim(self, index: int, claim: Claim) -> None:
        key = f"c{index}"
        self.claim_keys[index] = key
        card = Card("claim", f"Claim {claim.id} by {describe.actor(claim.claimant)}")
        card.add("Claimant", describe.actor(claim.claimant))
        card.add("Cue", claim.cue.text if claim.cue else None)
        card.add("Claim", describe.clip(claim.content.text, 600))
        for q in claim.quantities:
            card.add("Number", describe.quantity(q))
        card.add("Stance", claim.stance)
        card.add("Hedged", "yes" if claim.hedged else None)
        card.add("Check-worthy", describe.score(claim.checkworthy))
        for feature, weight in claim.checkworthy_features.items():
            card.add(f"· {feature}", describe.score(weight))
        card.add("Measure", claim.measure)
        self.cards[key] = card
        classes = (self.claimant_class(claim.claimant), f"st-{css_token(claim.stance)}")
        self.shared_layer(key, "claim", [Span(claim.content.start, claim.content.end)], classes)

        if claim.claimant.span is not None and not claim.claimant.author:
            self.span_layer("actor", claim.claimant.span.start, claim.claimant.span.end,
                            self.actor_card(claim.claimant, f"claimant of {claim.id}"),
                            (self.claimant_class(claim.claimant),))
        if claim.cue is not None:
            cue = Card("cue", f"attribution cue of {claim.id}: “{claim.cue.text}”")
            self.span_layer("cue", claim.cue.start, claim.cue.end, cue)
        for span in claim.stance_evidence:
            words = self.ledger.text[span.start:span.end] if 0 <= span.start < span.end <= len(self.ledger.text) else ""
            cue = Card("cue", f"stance cue of {claim.id} ({claim.stance}): “{words}”")
            self.span_layer("cue", span.start, span.end, cue)

    @staticmethod
    def actor_card(ref: ActorRef, role: str) -> Card:
        card = Card("actor", f"{role}: {ref.name or ref.text}")
        card.add("Words", ref.text)
        card.add("Name", ref.name)
        card.add("Country", ref.country)
        card.add("Sector", ref.kind)
        return card

    @staticmethod
    def place_card(ref: PlaceRef, role: str) -> Card:
        card = Card("place", f"{role}: {ref.name or ref.text}")
        card.add("Words", ref.text)
        card.add("Name", ref.name)
        card.add("Country", ref.country)
        card.add("Coordinates", describe.coordinates(ref))
        card.add("GeoNames id", ref.geonameid)
        card.add("Precision", ref.precision)
        return card

    def add_mentions(self) -> None:
        for mention in self.ledger.entities:
            if mention.span is None:
                continue
            kind = "place" if mention.label in PLACE_LABELS else "actor"
            card = Card(kind, f"{mention.label}: {mention.name or mention.text}")
            card.add("Words", mention.text)
            card.add("Name", mention.name)
            card.add("Country", mention.country)
            card.add("Sector", mention.kind)
            self.span_layer(kind, mention.span.start, mention.span.end, card)
        for dated in self.ledger.dates:
            if dated.span is None:
                continue
            card = Card("date", f"{dated.kind}: {describe.interval(dated.start, dated.end)}")
            card.add("Words", dated.text)
            card.add("Interval", describe.interval(dated.start, dated.end))
            card.add("Kind", dated.kind)
            self.span_layer("date", dated.span.start, dated.span.end, card)
        for q in self.ledger.quantities:
            if q.span is None:
                continue
            card = Card("quantity", describe.quantity(q))
            card.add("Words", q.text)
            card.add("Value", describe.number(q.value) if q.value is not None else None)
            card.add("Range", describe.bounds(q.low, q.high) if (q.low is not None or q.high is not None) else None)
            card.add("Approximate", "yes" if q.approx else None)
            card.add("Counts", q.unit)
            self.span_layer("quantity", q.span.start, q.span.end, card)


def annotate(ledger: Ledger) -> Annotations:
    annotations = Annotations(ledger)
    for index, event in enumerate(ledger.events):
        annotations.add_event(index, event)
    for index, claim in enumerate(ledger.claims):
        annotations.add_claim(index, claim)
    annotations.add_mentions()
    return annotations
