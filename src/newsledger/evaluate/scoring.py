"""Scoring one ledger against one gold document, as counts that add up over many articles.

Every row of the tables is a `Tally`: how many gold items there are and how many of them a
prediction recovers (recall), how many items were predicted and how many of them are right
(precision). Events and claims are paired with gold the way the gold format says: a
prediction matches when one of its spans covers at least half of a gold quote (events: and
the type agrees); core gold first, each prediction used once. A second prediction that
touches a gold quote (30%) without matching one is a duplicate: neither right nor wrong, but counted.
Slots are judged on matched pairs only (matching.py).
"""
from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Callable

from .gold import BRAT_LABELS, GoldDocument
from .matching import SLOT_RULES, entity_agrees, quantity_agrees

COVER = 0.5
TOUCH = 0.3
Span = tuple[int, int]


class EvaluationError(ValueError):
    """A gold document and its prediction cannot be compared; the message says why."""


@dataclass
class Tally:
    gold: int = 0
    found: int = 0
    predicted: int = 0
    right: int = 0

    def __iadd__(self, other: "Tally") -> "Tally":
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))
        return self

    @property
    def precision(self) -> float:
        return self.right / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


Section = dict[str, Tally]


def covers(spans: list[Span], gold: Span, share: float = COVER) -> bool:
    start, end = gold
    return any(min(e, end) - max(s, start) >= share * (end - start) for s, e in spans)


def _locator(text: str, origin: str) -> Callable[[str, str], Span]:
    flat = text.replace("\u00a0", " ")

    def locate(quote: str, item: str) -> Span:
        at = flat.find(quote.replace("\u00a0", " "))
        if at < 0:
            raise EvaluationError(f"{origin}: {item}: gold quote not in the predicted article's text "
                                  f"(is this the right article?): {quote[:60]!r}")
        return at, at + len(quote)
    return locate


def _pair(gold_spans: list[list[Span]], core: list[bool], pred_spans: list[list[Span]],
          fits: Callable[[int, int], bool]) -> tuple[dict[int, int], set[int]]:
    """Greedy one-to-one pairs gold -> prediction, and the unpaired duplicates."""
    pairs: dict[int, int] = {}
    for g in sorted(range(len(gold_spans)), key=lambda i: not core[i]):
        for p, spans in enumerate(pred_spans):
            if p not in pairs.values() and fits(p, g) and any(covers(spans, q) for q in gold_spans[g]):
                pairs[g] = p
                break
    used = set(pairs.values())
    duplicates = {p for p, spans in enumerate(pred_spans) if p not in used and any(
        fits(p, g) and covers(spans, q, TOUCH) for g in range(len(gold_spans)) for q in gold_spans[g])}
    return pairs, duplicates


def _detection(core: list[bool], predicted: int, pairs: dict[int, int], duplicates: set[int]) -> Tally:
    return Tally(gold=sum(core), found=sum(core[g] for g in pairs),
                 predicted=predicted - len(duplicates), right=len(pairs))


def score_document(doc: GoldDocument, ledger) -> dict[str, Section]:
    if doc.spans is not None:
        return {"attribution": _attribution(doc, doc.spans, ledger)}
    locate = _locator(ledger.text, doc.origin)
    event_spans = [[locate(q, e.id) for q in e.quotes] for e in doc.events]
    events, types = _events(doc, ledger, event_spans)
    return {"events": events, "event types": types, "claims": _claims(doc, ledger, locate, event_spans)}


def _events(doc: GoldDocument, ledger, gold_spans: list[list[Span]]) -> tuple[Section, Section]:
    golds, preds = doc.events, ledger.events
    core = [g.core for g in golds]
    pred_spans = [[(s.start, s.end) for s in e.evidence] for e in preds]
    same_type = lambda p, g: (preds[p].type or "").upper() == golds[g].type  # noqa: E731
    pairs, duplicates = _pair(gold_spans, core, pred_spans, same_type)
    any_pairs, any_duplicates = _pair(gold_spans, core, pred_spans, lambda p, g: True)
    section = {"events": _detection(core, len(preds), pairs, duplicates),
               "events, any type": _detection(core, len(preds), any_pairs, any_duplicates)}
    for slot, agrees in SLOT_RULES.items():
        tally = section[slot] = Tally()
        for g, gold in enumerate(golds):
            pred = preds[pairs[g]] if g in pairs else None
            want, got = gold.slots.get(slot), getattr(pred, slot, None)
            ok = want is not None and got is not None and agrees(got, want)
            if gold.core and want is not None:
                tally.gold += 1
                tally.found += ok
            if got is not None:
                tally.predicted += 1
                tally.right += ok
    types: Section = {}
    for g, gold in enumerate(golds):
        tally = types.setdefault(gold.type, Tally())
        tally.gold += gold.core
        tally.found += gold.core and g in pairs
    for p, pred in enumerate(preds):
        if p not in duplicates:
            tally = types.setdefault((pred.type or "").upper(), Tally())
            tally.predicted += 1
            tally.right += p in pairs.values()
    return section, {t: tally for t, tally in sorted(types.items()) if tally.gold or tally.predicted}


def _claims(doc: GoldDocument, ledger, locate, event_spans: list[list[Span]]) -> Section:
    """Claims pair by content; a predicted claim that states a gold event is no false positive."""
    golds, preds = doc.claims, ledger.claims
    gold_spans = [[locate(c.quote, c.id)] for c in golds] + event_spans
    core = [c.core for c in golds] + [False] * len(event_spans)
    pred_spans = [[(c.content.start, c.content.end)] + [(s.start, s.end) for s in c.evidence]
                  for c in preds]
    pairs, duplicates = _pair(gold_spans, core, pred_spans, lambda p, g: True)
    section = {"claims": _detection(core, len(preds), pairs, duplicates),
               "claimant": Tally(), "quantities": Tally(), "stance": Tally()}
    for g, gold in enumerate(golds):
        pred = preds[pairs[g]] if g in pairs else None
        _claimant(section["claimant"], gold, pred)
        _quantities(section["quantities"], gold, pred)
        _stance(section["stance"], gold, pred)
    return section


def _claimant(tally: Tally, gold, pred) -> None:
    if gold.claimant is None:
        return
    ok = pred is not None and entity_agrees(pred.claimant, gold.claimant)
    tally.gold += gold.core
    tally.found += gold.core and ok
    tally.predicted += pred is not None
    tally.right += ok


def _quantities(tally: Tally, gold, pred) -> None:
    said = pred.quantities if pred is not None else []
    if gold.core:
        tally.gold += len(gold.quantities)
        tally.found += sum(any(quantity_agrees(q, want) for q in said) for want in gold.quantities)
    tally.predicted += len(said)
    tally.right += sum(any(quantity_agrees(q, want) for want in gold.quantities) for q in said)


def _stance(tally: Tally, gold, pred) -> None:
    if not gold.stance:
        return
    ok = pred is not None and pred.stance == gold.stance
    tally.gold += gold.core
    tally.found += gold.core and ok
    tally.predicted += pred is not None and pred.stance != "neutral"
    tally.right += ok


def _attribution(doc: GoldDocument, spans: dict[str, list[Span]], ledger) -> Section:
    """Source, cue and content spans of the claims a user gets (the author's own voice is no
    attribution), against every annotated span (`spans`, the brat document's): exact, and any
    overlap."""
    if ledger.text != doc.text:
        raise EvaluationError(f"{doc.origin}: the predicted article's text differs from the annotated "
                              f"text, so their offsets cannot be compared")
    predicted: dict[str, list[Span]] = {label: [] for label in BRAT_LABELS}
    for claim in ledger.claims:
        if claim.claimant.author:
            continue
        for label, part in (("Source", claim.claimant.span), ("Cue", claim.cue), ("Content", claim.content)):
            if part is not None:
                predicted[label].append((part.start, part.end))
    section: Section = {}
    for label in BRAT_LABELS:
        for exact in (True, False):
            hit = (lambda a, b: a == b) if exact else (lambda a, b: min(a[1], b[1]) > max(a[0], b[0]))
            gold, said = spans[label], predicted[label]
            section[f"{label.lower()} ({'exact' if exact else 'overlap'})"] = Tally(
                gold=len(gold), found=sum(any(hit(g, s) for s in said) for g in gold),
                predicted=len(said), right=sum(any(hit(s, g) for g in gold) for s in said))
    return section


def empty_scores(doc: GoldDocument) -> dict[str, Section]:
    """An article with no prediction: every gold item is missed."""
    if doc.spans is not None:
        return {"attribution": {f"{label.lower()} ({how})": Tally(gold=len(doc.spans[label]))
                                for label in BRAT_LABELS for how in ("exact", "overlap")}}
    return {"events": {"events": Tally(gold=sum(e.core for e in doc.events))},
            "claims": {"claims": Tally(gold=sum(c.core for c in doc.claims))}}

