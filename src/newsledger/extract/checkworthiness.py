"""Check-worthiness: how much a statement is worth checking, as a linear score over named
features (weights in data/checkworthiness.yaml), so every score can be explained."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc
from spacy.tokens import Span as TokenSpan

from ..nlp.doc_index import index_of
from ..resources import load_data

NAMED_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}
PAST_TAGS = {"VBD", "VBN"}


@dataclass(frozen=True)
class ScoreFile:
    """The shape of data/checkworthiness.yaml."""
    weights: dict[str, float]
    thresholds: dict[str, float]
    opinion_words: list[str]
    normative_modals: list[str]
    future_markers: list[str]
    conditional_markers: list[str]
    hypothetical_modals: list[str]
    casualty_words: list[str]
    short_words: int = 5
    opinion_phrases: list[list[str]] = field(default_factory=list)
    prediction_phrases: list[list[str]] = field(default_factory=list)
    author_event_types: list[str] = field(default_factory=list)
    time_units: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ScoreTables:
    """The check-worthiness score's weights and word lists, compiled."""
    weights: dict
    thresholds: dict
    short_words: int
    opinion: frozenset
    normative: frozenset
    future: frozenset
    conditional: frozenset
    modal: frozenset
    casualty: frozenset
    prediction_phrases: dict
    opinion_phrases: dict
    forecast_verbs: frozenset
    author_event_types: frozenset
    time_units: frozenset


def _phrases(entries) -> dict[str, list[tuple[str, ...]]]:
    """Phrases by their longest word: the cheap first test is whether that word occurs at all
    (by the first word, "the stakes" and "is about to" would be looked for in every statement)."""
    table: dict[str, list[tuple[str, ...]]] = {}
    for p in entries or ():
        words = tuple(str(w).lower() for w in p)
        table.setdefault(max(words, key=len), []).append(words)
    return table


def _has_phrase(words: list[int], all_lowers: list[str], lowers: set[str], table: dict) -> bool:
    keys = lowers.intersection(table)
    candidates = [p for k in keys for p in table[k] if lowers.issuperset(p)]
    if not candidates:
        return False
    sequence = [all_lowers[i] for i in words]
    return any(tuple(sequence[i:i + len(p)]) == p for p in candidates for i in range(len(sequence)))


def _forecast(lowers: list[str], i: int, verbs: frozenset) -> bool:
    """"expected to", "set to": a participle that announces, not an event that happened."""
    return lowers[i] in verbs and i + 1 < len(lowers) and lowers[i + 1] == "to"


@lru_cache(maxsize=1)
def settings() -> ScoreTables:
    data = load_data("checkworthiness.yaml", ScoreFile)
    return ScoreTables(
        weights=dict(data.weights),
        thresholds=dict(data.thresholds),
        short_words=data.short_words,
        opinion=frozenset(w.lower() for w in data.opinion_words),
        normative=frozenset(w.lower() for w in data.normative_modals),
        future=frozenset(w.lower() for w in data.future_markers),
        conditional=frozenset(w.lower() for w in data.conditional_markers),
        modal=frozenset(w.lower() for w in data.hypothetical_modals),
        casualty=frozenset(w.lower() for w in data.casualty_words),
        prediction_phrases=_phrases(data.prediction_phrases),
        opinion_phrases=_phrases(data.opinion_phrases),
        forecast_verbs=frozenset(str(p[0]).lower() for p in data.prediction_phrases),
        author_event_types=frozenset(data.author_event_types),
        time_units=frozenset(w.lower() for w in data.time_units),
    )


def features(content: TokenSpan, *, has_number: bool, named_claimant: bool, attributed: bool,
             hedged: bool, entity_labels: set[str], frame: TokenSpan | None = None,
             governing: set[str] | None = None, states_event: bool = False,
             asserted: bool = True) -> dict[str, float]:
    """The features that fire for this content, each with its weight. `entity_labels` are the
    labels of the named entities inside the content. `frame` is the cue's clause around a
    reported claim: a modal there ("this would mean X is claiming") makes the whole report
    hypothetical, while inside reported content "would" is only backshifted tense. `governing`
    are the subordinators and auxiliaries of the clauses above an author's statement ("if" and
    "would" around "Europe sent 500 tanks"): they make it hypothetical or a forecast. A claim
    not `asserted` is a stance, plan, question or topic ("called for a truce"): less to check."""
    s = settings()
    w = s.weights
    doc = content.doc
    index = index_of(doc)  # the index's lists: iterating the span builds a Token per word
    texts, _, punct = index.tokens
    space, all_lowers = index.is_space, index.lowers
    words = [i for i in range(content.start, content.end) if not (punct[i] or space[i])]
    lowers = {all_lowers[i] for i in words}
    fired = {"base": w["base"]}
    given = {"has_number": has_number,
             "casualty_figure": has_number and not lowers.isdisjoint(s.casualty),
             "named_actor": named_claimant or not entity_labels.isdisjoint(NAMED_LABELS),
             "attributed": attributed, "states_event": states_event, "not_asserted": not asserted}
    fired.update((name, w[name]) for name, fires in given.items() if fires)
    _mood_features(fired, doc, words, lowers, attributed, frame, governing or set())
    if hedged:
        fired["hedged"] = w["hedged"]
    if len(words) < s.short_words:
        fired["short"] = w["short"]
    if texts[content.end - 1] == "?" or (content.end < len(texts) and texts[content.end] == "?"):
        fired["question"] = w["question"]
    return fired


def _mood_features(fired: dict[str, float], doc: Doc, words: list[int], lowers: set[str], attributed: bool,
                   frame: TokenSpan | None, around: set[str]) -> None:
    """What the words (token indices) say of the statement's mood: a concrete past event, an
    opinion, a prediction, a hypothesis (within the report's frame, or the clauses above the
    author's words)."""
    s = settings()
    w = s.weights
    index = index_of(doc)
    tags, all_lowers = index.tags, index.lowers
    if any(tags[i] in PAST_TAGS and doc[i].pos_ != "AUX" and not _forecast(all_lowers, i, s.forecast_verbs)
           for i in words):
        fired["concrete_event"] = w["concrete_event"]
    if not (lowers.isdisjoint(s.opinion) and lowers.isdisjoint(s.normative)) \
            or _has_phrase(words, all_lowers, lowers, s.opinion_phrases):
        fired["opinion"] = w["opinion"]
    if not (lowers.isdisjoint(s.future) and around.isdisjoint(s.future)) \
            or _has_phrase(words, all_lowers, lowers, s.prediction_phrases):
        fired["prediction"] = w["prediction"]
    framing = {all_lowers[i] for i in range(frame.start, frame.end)} if frame is not None else set()
    modal_scope = framing if attributed else lowers | around
    if (lowers | framing | around) & s.conditional or modal_scope & s.modal:
        fired["hypothetical"] = w["hypothetical"]


def counts_time(unit: str | None) -> bool:
    """"Two years", "the 10-day truce": a span of time, not a count of anything."""
    words = (unit or "").lower().split()
    return bool(words) and words[-1] in settings().time_units


def score(fired: dict[str, float]) -> float:
    return round(min(1.0, max(0.0, sum(fired.values()))), 3)


def keep(value: float, attributed: bool) -> bool:
    return value >= settings().thresholds["attributed" if attributed else "author"]
