"""Figures tied to events: one claim per counted figure, each pointing to the event it counts.

Runs after events and claims. A claim whose content holds several figures of event measures
("41 killed and 90 wounded", "9 soldiers and 22 militants") becomes one claim per figure: the
parts share content, quantities and claimant, and each has its own `figure`, `measure` and
`event`. The event is the one whose fatalities are that figure, else the smallest counted event
whose evidence holds it, else an event in its sentence, else (tolls only) the article's lead
event. A figure under a revision verb ("revised the toll down to 52", "the toll rose to 67")
gets `revision`, and when the verb's subject names someone ("the ministry revised ..."), that
someone is the claimant. Vocabulary: data/figures.yaml.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from spacy.tokens import Doc, Token

from ..ledger import Claim, Event, Quantity
from ..nlp.doc_index import index_of
from ..nlp.extensions import covering_span
from ..resolve.referents import resolve_actor
from ..resources import load_data
from . import checkworthiness, measures
from .lemmas import lemma

SUBJECTS = ("nsubj", "nsubjpass")
PRONOUN_TAGS = ("PRP", "PRP$", "WP", "WDT", "EX")
NAMED = ("ORG", "PERSON", "GPE", "NORP")  # a named subject is a source even when unresolved


@dataclass(frozen=True)
class FiguresFile:
    """The shape of data/figures.yaml."""
    event_measures: list[str]
    lead_event_measures: list[str]
    counted_event_types: list[str]
    revision_verbs: dict[str, Optional[str]]
    revision_particles: dict[str, str]


@dataclass(frozen=True)
class FigureWords:
    event_measures: frozenset
    lead_event_measures: frozenset
    counted_event_types: frozenset
    revision_verbs: dict
    revision_particles: dict


@lru_cache(maxsize=1)
def vocabulary() -> FigureWords:
    data = load_data("figures.yaml", FiguresFile)
    return FigureWords(event_measures=frozenset(data.event_measures),
                       lead_event_measures=frozenset(data.lead_event_measures),
                       counted_event_types=frozenset(data.counted_event_types),
                       revision_verbs=dict(data.revision_verbs),
                       revision_particles=dict(data.revision_particles))


def link(doc: Doc, events: list[Event], claims: list[Claim]) -> list[Claim]:
    """The claims with one claim per counted figure, each tied to its event; ids renumbered."""
    counted = [e for e in events if e.type in vocabulary().counted_event_types]
    lead = _lead(counted)
    linked = [part for claim in claims for part in _parts(doc, claim, counted, lead)]
    for n, claim in enumerate(linked, 1):
        claim.id = f"cl{n}"
    return linked


def _parts(doc: Doc, claim: Claim, events: list[Event], lead: Optional[Event]) -> list[Claim]:
    v = vocabulary()
    keyed = [(q, _key(doc, q, v)) for q in claim.quantities if not checkworthiness.counts_time(q.unit)]
    figures = [(q, key) for q, key in keyed if key and key.split("/")[0] in v.event_measures]
    if not figures:
        return [claim]
    parts = [claim] + [dataclasses.replace(claim) for _ in figures[1:]]  # before any is changed
    for part, (quantity, key) in zip(parts, figures):
        part.figure, part.measure = quantity, key
        event = _event_of(doc, quantity, key, events, lead)
        part.event = event.id if event is not None else None
        _revision(doc, part, quantity)
    return parts


def _key(doc: Doc, quantity: Quantity, v: FigureWords) -> Optional[str]:
    """The figure's measure key. A measure word in its own unit wins over a verb that is no
    measure ("received 47 wounded people", but "two wounded people died" is killed); for a
    figure a revision verb governs, the measure its subject names ("the death toll ... rose to
    14", "the number of people killed ... rose to 27")."""
    key = measures.measure_key(doc, quantity)
    table = measures.vocabulary()
    figure = covering_span(doc, quantity.span.start, quantity.span.end)
    verb = _governing_verb(figure.root) if figure is not None else None
    unit = covering_span(doc, quantity.unit_span.start, quantity.unit_span.end) if quantity.unit_span else None
    said = _measure_in(unit or (), v)
    if said is not None and (key is None or key.split("/")[0] != said) and (verb is None or _measure_in([verb], v) is None):
        counted = key.split("/")[1] if key and "/" in key else table.default_counted.get(said)
        return "/".join(p for p in (said, counted) if p)
    if key and key.split("/")[0] in v.event_measures or verb is None or lemma(verb) not in v.revision_verbs:
        return key
    found = next((m for m in (_measure_in(s.subtree, v) for s in _subjects(verb)) if m), None)
    if found is None:
        return key
    return "/".join(p for p in (found, table.default_counted.get(found)) if p)


def _measure_in(tokens, v: FigureWords) -> Optional[str]:
    table = measures.vocabulary().measures
    return next((cls for cls in (table.get(lemma(t)) or table.get(t.lower_) for t in tokens)
                 if cls in v.event_measures), None)


def _subjects(verb: Token) -> list[Token]:
    """The verb's subjects, nearest first (a wire dateline can parse as a second subject)."""
    return sorted((c for c in verb.children if c.dep_ in SUBJECTS), key=lambda c: abs(verb.i - c.i))


def _lead(events: list[Event]) -> Optional[Event]:
    """The article's lead event: its first asserted or claimed counted event with a place or date."""
    told = [e for e in events if e.status in ("asserted", "claimed")]
    return next((e for e in told if e.place is not None or e.date is not None), told[0] if told else None)


def _event_of(doc: Doc, quantity: Quantity, key: str, events: list[Event],
              lead: Optional[Event]) -> Optional[Event]:
    at = quantity.span.start
    for event in events:
        f = event.fatalities
        if f is not None and f.span is not None and f.span.start <= at < f.span.end:
            return event
    holding = [(e, s) for e in events for s in e.evidence if s.start <= at < s.end]
    if holding:
        return min(holding, key=lambda pair: pair[1].end - pair[1].start)[0]
    figure = covering_span(doc, quantity.span.start, quantity.span.end)
    if figure is not None:
        sent = index_of(doc).sentence_of(figure.start)
        near = [e for e in events if any(sent.start_char <= s.start < sent.end_char for s in e.evidence)]
        if near:
            return min(near, key=lambda e: abs(e.evidence[0].start - at))
    if key.split("/")[0] in vocabulary().lead_event_measures:
        return lead
    return None


def _revision(doc: Doc, claim: Claim, quantity: Quantity) -> None:
    """Marks a figure a revision verb governs and credits the verb's named subject with it; the
    figure revised away ("revising its toll up from 19") is no revision."""
    verb = _revision_verb(doc, quantity)
    figure = covering_span(doc, quantity.span.start, quantity.span.end)
    if verb is None or figure.root.head.lower_ == "from":
        return
    v = vocabulary()
    base = lemma(verb)
    particle = next((v.revision_particles[c.lower_] for c in verb.children
                     if c.dep_ in ("prt", "advmod") and c.lower_ in v.revision_particles), None)
    claim.revision = particle or v.revision_verbs[base] or "revised"
    subject = next(iter(_subjects(verb)), None)
    if claim.claimant.author and subject is not None and subject.tag_ not in PRONOUN_TAGS:
        who = resolve_actor(doc, subject.left_edge.idx, subject.idx + len(subject))
        if who.name or who.country or who.kind or subject.ent_type_ in NAMED:
            claim.claimant = who


def _revision_verb(doc: Doc, quantity: Quantity) -> Optional[Token]:
    figure = covering_span(doc, quantity.span.start, quantity.span.end)
    verb = _governing_verb(figure.root) if figure is not None else None
    return verb if verb is not None and lemma(verb) in vocabulary().revision_verbs else None


def _governing_verb(tok: Token) -> Optional[Token]:
    node = tok
    for _ in range(6):
        if node.pos_ in ("VERB", "AUX") and node is not tok:
            return node
        if node.head.i == node.i:
            return None
        node = node.head
    return None
