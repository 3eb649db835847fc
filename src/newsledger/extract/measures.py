"""Measure keys: what a figure measures, normalized so two articles reporting the same
quantity land on the same key even when they disagree on the number.

Rule: `<predicate>/<unit>`.
- predicate: the base form of the verb that governs the figure ("killed 8,000 fighters" ->
  "kill"); when that verb only links the figure to its subject ("the death toll rose to
  31,000", "the number of tunnels was 1,500") the subject's noun phrase instead ("death toll",
  "number"), compounds kept, determiners and adjectives dropped.
- unit: the counted noun phrase from the quantity stage, lowercased, with determiners,
  adjectives and the vague modifiers in data/measures.yaml dropped and the head noun in its
  singular base form ("some other Hamas fighters" -> "hamas fighter"). With no unit, the first
  place named in the claim ("death toll/gaza"); with neither, the predicate alone.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

from spacy.tokens import Doc, Token

from ..ledger import Quantity
from ..nlp.extensions import covering_span
from ..resources import load_yaml
from .lemmas import lemma

@lru_cache(maxsize=1)
def _vocab() -> tuple[frozenset, frozenset]:
    data = load_yaml("measures.yaml")
    return frozenset(data["linking_verbs"]), frozenset(data["dropped_modifiers"])


def measure_key(doc: Doc, quantity: Quantity, places: list[str]) -> Optional[str]:
    """`places`: the place names inside the claim, in text order."""
    span = covering_span(doc, quantity.span.start, quantity.span.end)
    if span is None:
        return None
    predicate = _predicate(span.root)
    unit = _unit(doc, quantity) or (places[0].lower() if places else None)
    parts = list(dict.fromkeys(p for p in (predicate, unit) if p))
    return "/".join(parts) if parts else None


def _predicate(tok: Token) -> Optional[str]:
    linking, _ = _vocab()
    node = tok
    for _ in range(8):
        if node.pos_ == "VERB" or (node.pos_ == "AUX" and node.dep_ in ("ROOT", "ccomp", "relcl", "conj", "advcl")):
            base = lemma(node)
            if base not in linking:
                return base
            subject = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is not None and subject.tag_ in ("WDT", "WP") and node.dep_ == "relcl":
                subject = node.head  # "the death toll, which consists of ..."
            if subject is not None and subject.pos_ in ("NOUN", "PROPN"):
                return _noun_phrase(subject)
            return None
        if node.head.i == node.i:
            break
        node = node.head
    return _noun_phrase(node) if node.pos_ == "NOUN" and node.i != tok.i else None


def _noun_phrase(head: Token) -> str:
    words = [c for c in head.children if c.dep_ == "compound" and c.i < head.i]
    return " ".join([w.lower_ for w in words] + [lemma(head)])


def _unit(doc: Doc, quantity: Quantity) -> Optional[str]:
    if not quantity.unit:
        return None
    if quantity.unit_span is None:
        return quantity.unit.lower()
    span = covering_span(doc, quantity.unit_span.start, quantity.unit_span.end)
    if span is None:
        return quantity.unit.lower()
    _, dropped = _vocab()
    kept = [t for t in span if (t.pos_ in ("NOUN", "PROPN") or (t.pos_ == "ADJ" and t.ent_type_)) and t.is_alpha]
    kept = [t for t in kept if t.lower_ not in dropped]
    if not kept:
        return quantity.unit.lower()
    head = kept[-1]
    return " ".join([t.lower_ for t in kept[:-1]] + [lemma(head) if head.pos_ == "NOUN" else head.lower_])
