"""Measure keys: what a figure measures, normalized so that outlets reporting the same figure
in different words land on the same key, even when they disagree on the number.

Rule: `<measure>/<counted>` (vocabulary and the reasons for it in data/measures.yaml).
- measure: the class (data `measure_classes`) of the first word that says what happened to the
  counted things, searched in this order: the counted noun itself ("41,000 dead", "1,500
  casualties"); the nouns and the verb above the figure ("the deaths of 41,000 people", "killed
  8,000 fighters"); for a verb that only links the figure to its subject, the complement ("are
  missing") or the subject ("the death toll rose to 31,000", "the number of dead reached ...").
  A word in no class keeps its base form ("uncovered 1,500 tunnels" -> "uncover").
- counted: the class (data `counted_classes`) of the counted noun's head, or of a modifier of a
  counted noun that names the measure ("civilian casualties"); demonyms count people; with no
  counted noun, the measure's default ("police detained 30" -> arrested/people); a noun in no
  class keeps its noun compounds and base form ("weapons depots" -> "weapon depot").
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

from spacy.tokens import Doc, Token

from ..ledger import Quantity
from ..nlp.doc_index import index_of
from ..nlp.extensions import covering_span
from ..resources import load_data
from .lemmas import lemma

CLAUSE_DEPS = ("ROOT", "ccomp", "relcl", "conj", "advcl", "xcomp", "acl")
COMPLEMENTS = ("acomp", "attr", "oprd")
ACTOR_LABELS = ("PERSON", "ORG", "GPE", "NORP")
PHRASE_DEPS = ("prt", "oprd", "dobj", "acomp", "attr", "advmod")


@dataclass(frozen=True)
class MeasureVocabulary:
    measures: dict[str, str]
    classes: frozenset
    counted: dict[str, str]
    default_counted: dict[str, str]
    demonym_class: str
    linking: frozenset
    containers: frozenset
    dropped: frozenset
    longest: int


@dataclass(frozen=True)
class MeasuresFile:
    """The shape of data/measures.yaml."""
    measure_classes: dict[str, list[str]]
    default_counted: dict[str, str]
    counted_classes: dict[str, list[str]]
    linking_verbs: list[str]
    container_nouns: list[str]
    dropped_modifiers: list[str]
    demonym_class: str = "people"


@lru_cache(maxsize=1)
def vocabulary() -> MeasureVocabulary:
    data = load_data("measures.yaml", MeasuresFile)

    def invert(table: dict[str, list[str]]) -> dict[str, str]:
        return {w.lower(): cls for cls, words in table.items() for w in words}

    measures, counted = invert(data.measure_classes), invert(data.counted_classes)
    return MeasureVocabulary(
        measures=measures, classes=frozenset(measures.values()), counted=counted,
        default_counted=dict(data.default_counted), demonym_class=data.demonym_class,
        linking=frozenset(data.linking_verbs), containers=frozenset(data.container_nouns),
        dropped=frozenset(data.dropped_modifiers),
        longest=max(len(w.split()) for w in list(measures) + list(counted)),
    )


def claim_key(doc: Doc, quantities: list[Quantity]) -> Optional[str]:
    """A claim's key: that of its first figure of a listed measure ("Following two incidents,
    ... killing over 100 civilians" -> killed/civilians), else of its first figure with a key."""
    keys = [k for k in (measure_key(doc, q) for q in quantities) if k]
    classes = vocabulary().classes
    return next((k for k in keys if k.split("/")[0] in classes), keys[0] if keys else None)


@dataclass
class _MeasureTables:
    """The measure keys found so far for one Doc's figures, kept on its index."""
    keys: dict[tuple[int, int, Optional[str], Optional[int], Optional[int]], Optional[str]] = \
        field(default_factory=dict)


def measure_key(doc: Doc, quantity: Quantity) -> Optional[str]:
    """The figure's key, kept per Doc by what it is read from (the figure's and its unit's
    offsets, the unit): a claim's key and the figure's link to its event ask for the same ones."""
    unit_span = quantity.unit_span
    key = (quantity.span.start, quantity.span.end, quantity.unit,
           unit_span.start if unit_span else None, unit_span.end if unit_span else None)
    keys = index_of(doc).tables(_MeasureTables).keys
    if key not in keys:
        keys[key] = _measure_key(doc, quantity)
    return keys[key]


def _measure_key(doc: Doc, quantity: Quantity) -> Optional[str]:
    span = covering_span(doc, quantity.span.start, quantity.span.end)
    if span is None:
        return None
    v = vocabulary()
    unit = _unit_tokens(doc, quantity, v)
    head = _head(unit)
    measure = _lookup(unit[: head + 1], v.measures) if head is not None else _after(doc, span.end, v)
    if measure is not None:
        counted = next((c for c in (_lookup(unit[k:k + 1], v.counted) for k in range(head or 0)) if c), None)
    else:
        measure = _predicate(span.root, v)
        counted = _counted(unit, head, v) if head is not None else None
    if head is None and quantity.unit:  # "70%"
        counted = v.counted.get(quantity.unit.lower(), quantity.unit.lower())
    counted = counted or v.default_counted.get(measure or "")
    parts = list(dict.fromkeys(p for p in (measure, counted) if p))
    return "/".join(parts) if parts else None


def _after(doc: Doc, i: int, v: MeasureVocabulary) -> Optional[str]:
    """"41,000 dead", "left 300 wounded": a figure whose counted word the quantity stage left out."""
    if i >= len(doc) or doc[i].pos_ not in ("ADJ", "NOUN", "VERB"):
        return None
    return _word_class(doc[i], v.measures)


def _lookup(tokens: list[Token], table: dict[str, str]) -> Optional[str]:
    """The class of the longest phrase ending at the last token, its last word in base form."""
    if not tokens:
        return None
    last = tokens[-1]
    ends = (lemma(last), last.lower_)
    for n in range(min(len(tokens), vocabulary().longest), 1, -1):
        before = " ".join(t.lower_ for t in tokens[len(tokens) - n:-1])
        for word in ends:
            cls = table.get(f"{before} {word}")
            if cls is not None:
                return cls
    return table.get(ends[0]) or table.get(ends[1])


def _predicate(tok: Token, v: MeasureVocabulary) -> Optional[str]:
    """The measure of the nouns and the verb that govern the figure's head `tok`."""
    node = tok
    for _ in range(8):
        if node.pos_ == "VERB" or (node.pos_ == "AUX" and node.dep_ in CLAUSE_DEPS):
            return _verb_measure(node, tok, v)
        if node.i != tok.i and node.pos_ == "NOUN":
            found = _noun_measure(node, v)
            if found in v.classes:
                return found
        if node.head.i == node.i:
            break
        node = node.head
    return _noun_measure(node, v) if node.pos_ == "NOUN" and node.i != tok.i else None


def _verb_measure(verb: Token, figure: Token, v: MeasureVocabulary) -> Optional[str]:
    base = lemma(verb)
    others = [(c, c.dep_) for c in verb.children if c.i != figure.i]
    found = _phrase_measure(base, others, v) or v.measures.get(base) or v.measures.get(verb.lower_)
    if found is not None:
        return found
    for c, dep in others:  # "1,000 people are missing", "the war has left 41,000 dead"
        if dep in COMPLEMENTS:
            found = _word_class(c, v.measures)
            if found is not None:
                return found
    return _subject_measure(verb, figure, base, others, v)


def _phrase_measure(base: str, others: list[tuple[Token, str]], v: MeasureVocabulary) -> Optional[str]:
    """A verb phrase's measure ("rounded up", "taken hostage") or its object's ("launched strikes
    on 40 targets", "put the toll at 41,000")."""
    for c, dep in others:
        if dep in PHRASE_DEPS:
            found = v.measures.get(f"{base} {c.lower_}")
            if found is not None:
                return found
        if dep == "dobj" and c.pos_ == "NOUN":
            found = _noun_measure(c, v)
            if found in v.classes:
                return found
    return None


def _subject_measure(verb: Token, figure: Token, base: str, others: list[tuple[Token, str]],
                     v: MeasureVocabulary) -> Optional[str]:
    """A linking verb's figure measures its subject ("the death toll rose to 41,000"); an
    actor's verb is the measure itself ("Israel dropped 25,000 tonnes")."""
    subject = next((c for c, dep in others if dep in ("nsubj", "nsubjpass")), None)
    if base not in v.linking or subject is not None and subject.ent_type_ in ACTOR_LABELS:
        return base  # "Israel dropped 25,000 tonnes": an actor's act, not a figure that dropped
    if subject is not None and subject.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
        subject = verb.head  # "the death toll, which consists of ..."
        while subject.dep_ == "pobj" and subject.head.head.pos_ == "NOUN":
            subject = subject.head.head  # "the death toll in Gaza, which ...": parsers attach to Gaza
    if subject is not None and subject.i not in (figure.i, figure.head.i) and subject.pos_ in ("NOUN", "PROPN"):
        return _noun_measure(subject, v)
    return None


def _word_class(tok: Token, table: dict[str, str]) -> Optional[str]:
    return table.get(lemma(tok)) or table.get(tok.lower_)


def _noun_measure(head: Token, v: MeasureVocabulary) -> str:
    """"death toll" -> killed; "the number of dead" -> killed; an unlisted noun keeps its words."""
    compounds = [c for c in head.children if c.dep_ == "compound" and c.i < head.i]
    found = _lookup(compounds + [head], v.measures)
    if found is not None:
        return found
    if lemma(head) in v.containers:
        of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        counted = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if counted is not None:
            return _noun_measure(counted, v)
    return " ".join([c.lower_ for c in compounds] + [lemma(head)])


def _unit_tokens(doc: Doc, quantity: Quantity, v: MeasureVocabulary) -> list[Token]:
    if not quantity.unit or quantity.unit_span is None:
        return []
    span = covering_span(doc, quantity.unit_span.start, quantity.unit_span.end)
    if span is None:
        return []
    return [t for t in span if t.is_alpha and t.lower_ not in v.dropped and t.pos_ in ("NOUN", "PROPN", "ADJ")]


def _head(unit: list[Token]) -> Optional[int]:
    """Index of the counted noun's head: the last noun ("41,000 dead" has only an adjective)."""
    nouns = [k for k, t in enumerate(unit) if t.pos_ in ("NOUN", "PROPN")]
    if nouns:
        return nouns[-1]
    return len(unit) - 1 if unit else None


def _counted(unit: list[Token], head: int, v: MeasureVocabulary) -> str:
    found = _lookup(unit[: head + 1], v.counted)
    if found is not None:
        return found
    last = unit[head]
    if last.ent_type_ == "NORP" or last.tag_ == "NNPS":
        return v.demonym_class  # "Palestinians", "Ukrainians"
    compounds = [t.lower_ for t in unit[:head] if t.pos_ == "NOUN" and t.dep_ == "compound"]
    return " ".join(compounds + [lemma(last)])
