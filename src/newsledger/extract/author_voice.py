"""The article's own factual statements: clauses the author states without attribution that
carry a figure ("Roughly 30,000 soldiers have been withdrawn", "killing 10"), and concrete
past events by named actors that the event stage found asserted in the author's voice.
Figures are the selective signal: opinion and rhetoric rarely count things, and a count is
what a fact-checker can check. Each clause around one or more figures is one statement.
"""
from __future__ import annotations

from typing import Callable

from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from ..ledger import Event, Quantity
from ..nlp.extensions import covering_span
from .attribution import TokenRange

CLAUSE_HEADS = {"ROOT", "advcl", "ccomp", "parataxis"}
DETACHABLE = {"advcl", "parataxis", "ccomp", "conj", "cc", "punct", "mark"}


def statements(doc: Doc, quantities: list[Quantity], taken: list[TokenRange],
               sentence_of: Callable[[int], TokenRange]) -> list[tuple[TokenRange, list[Quantity]]]:
    """(clause range, its quantities) for figures outside `taken` (reported content, quotes,
    references to someone's claims)."""
    groups: dict[int, list[Quantity]] = {}
    heads: dict[int, Token] = {}
    skipped: dict[int, bool] = {}  # sentence start -> headline or question
    for q in quantities:
        span = covering_span(doc, q.span.start, q.span.end)
        if span is None or any(s <= span.start < e for s, e in taken):
            continue
        s_start, s_end = sentence_of(span.start)
        if s_start not in skipped:
            skipped[s_start] = _headline_or_question(TokenSpan(doc, s_start, s_end))
        if skipped[s_start]:
            continue
        head = _clause_head(span.root)
        wide = _main_clause(head)
        if wide.i != head.i and not _overlaps(_clause_range(doc, wide, [q]), taken):
            head = wide
        heads[head.i] = head
        groups.setdefault(head.i, []).append(q)
    ranges = {}
    for i, qs in groups.items():
        ranges[i] = _clause_range(doc, heads[i], qs)
    merged: list[tuple[TokenRange, list[Quantity]]] = []
    for i in sorted(ranges, key=lambda k: (ranges[k][0], -ranges[k][1])):
        rng = ranges[i]
        outer = next((m for m in merged if m[0][0] <= rng[0] and rng[1] <= m[0][1]), None)
        if outer is not None:
            outer[1].extend(groups[i])
            continue
        if _overlaps(rng, taken):
            continue
        merged.append((rng, list(groups[i])))
    return merged


def _overlaps(rng: TokenRange, taken: list[TokenRange]) -> bool:
    return any(s < rng[1] and rng[0] < e for s, e in taken)


def _main_clause(head: Token) -> Token:
    """A clause that leans on another for its subject tells the same statement: "The military
    bombed a village, killing 160 people" (a participle), "rebels launched an offensive and
    seized 200 posts" (a coordinated verb). Anything else is its own statement."""
    node = head
    for _ in range(4):
        if node.head.i == node.i or any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in node.children):
            return node
        participle = node.dep_ == "advcl" and node.tag_ in ("VBG", "VBN")
        coordinated = node.dep_ == "conj" and node.pos_ == "VERB" and node.head.pos_ == "VERB"
        if not (participle or coordinated):
            return node
        node = _clause_head(node.head)
    return node


def governing_words(root: Token) -> set[str]:
    """Lowercase subordinators of a statement's head and of the clauses it depends on: "if" in
    "the war would be over if Europe sent 500 tanks" makes the figure's clause hypothetical,
    though it lies outside it. A coordinated clause with its own subject ("..., yet there are
    dozens of attacks") depends on nothing above it."""
    words: set[str] = set()
    node = root
    for _ in range(8):
        own_subject = False
        for c in node.children:
            if c.dep_ == "mark":
                words.add(c.lower_)
            own_subject = own_subject or c.dep_ in ("nsubj", "nsubjpass", "expl")
        if node.head.i == node.i or node.dep_ == "conj" and own_subject:
            break
        node = node.head
    return words


def _headline_or_question(sent: TokenSpan) -> bool:
    """Headlines (mostly Title Case words) and questions assert nothing checkable."""
    words = [t for t in sent if t.is_alpha]
    if sent[-1].text == "?" or any(t.text == "?" for t in sent[-3:]):
        return True
    return len(words) >= 4 and sum(t.is_title for t in words) >= 0.7 * len(words)


def _clause_head(tok: Token) -> Token:
    node = tok
    for _ in range(12):
        if node.dep_ in CLAUSE_HEADS or (node.dep_ == "conj" and node.pos_ in ("VERB", "AUX")) \
                or node.head.i == node.i:
            return node
        node = node.head
    return node


def _clause_range(doc: Doc, head: Token, quantities: list[Quantity]) -> TokenRange:
    """The head's subtree without detachable clauses at its edges that hold none of the figures."""
    lo, hi = head.left_edge.i, head.right_edge.i + 1
    starts = [q.span.start for q in quantities]

    def holds_figure(t: Token) -> bool:
        a, b = doc[t.left_edge.i].idx, doc[t.right_edge.i].idx + len(doc[t.right_edge.i])
        return any(a <= s < b for s in starts)

    detachable = sorted((c for c in head.children if c.dep_ in DETACHABLE), key=lambda c: c.i)
    for c in reversed(detachable):
        if c.i > head.i and c.right_edge.i + 1 >= hi and not holds_figure(c):
            hi = c.left_edge.i
    for c in detachable:
        if c.i < head.i and c.left_edge.i <= lo and not holds_figure(c):
            lo = c.right_edge.i + 1
    while lo < hi and (doc[lo].is_punct or doc[lo].is_space or doc[lo].dep_ in ("cc", "mark")):
        lo += 1
    while hi > lo and (doc[hi - 1].is_punct or doc[hi - 1].is_space or doc[hi - 1].dep_ == "cc"):
        hi -= 1
    return (lo, hi) if hi > lo else (head.i, head.i + 1)


def event_statements(doc: Doc, events: list[Event], taken: list[TokenRange], kinds: frozenset) -> list[TokenRange]:
    """Evidence of author-asserted events of the given types, done by a named actor and told
    in the past tense, that no other statement covers."""
    out: list[TokenRange] = []
    for event in events:
        if event.status != "asserted" or not event.source.author or event.type not in kinds:
            continue
        if event.actor is None or not event.actor.name or not event.evidence:
            continue
        ev = event.evidence[0]
        span = doc.char_span(ev.start, ev.end, alignment_mode="contract")
        if span is None or not any(t.tag_ in ("VBD", "VBN") for t in span):
            continue
        rng = (span.start, span.end)
        if any(s < rng[1] and rng[0] < e for s, e in taken + out):
            continue
        out.append(rng)
    return out
