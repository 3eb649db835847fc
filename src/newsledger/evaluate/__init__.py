"""`newsledger evaluate`: score ledgers against a user's own annotations, slot by slot.

    evaluate(GOLD, PRED) -> Evaluation      (tables: report.render_table / report.as_dict)

GOLD is newsledger gold JSON or brat standoff (PolNeAR's Source/Cue/Content), a file or a
folder; PRED is what `newsledger analyze` wrote (JSON, a JSON array, JSONL, or a folder).
Each gold document is paired with the ledger of the same article: by file stem or URL id,
else by identical text (brat), else by the ledger whose text holds every gold quote. An
article with no ledger counts as all missed. Imports no spaCy.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from .gold import GoldDocument, GoldError, load_gold
from .predictions import Prediction, PredictionError, load_predictions
from .scoring import EvaluationError, Section, Tally, empty_scores, score_document

__all__ = ["evaluate", "Evaluation", "Tally", "GoldError", "PredictionError", "EvaluationError"]


@dataclass
class Evaluation:
    sections: dict[str, Section] = field(default_factory=dict)
    documents: int = 0
    unpaired: list[str] = field(default_factory=list)  # gold documents that had no ledger

    def add(self, scores: dict[str, Section]) -> None:
        for name, rows in scores.items():
            section = self.sections.setdefault(name, {})
            for row, tally in rows.items():
                total = section.setdefault(row, Tally())
                total += tally


def evaluate(gold_path: str | Path, pred_path: str | Path) -> Evaluation:
    golds = load_gold(gold_path)
    predictions = load_predictions(pred_path)
    result = Evaluation(documents=len(golds))
    for doc in golds:
        prediction = _partner(doc, predictions, alone=len(golds) == len(predictions) == 1)
        if prediction is None:
            result.unpaired.append(doc.origin)
            result.add(empty_scores(doc))
        else:
            result.add(score_document(doc, prediction.ledger))
    return result


def _partner(doc: GoldDocument, predictions: list[Prediction], alone: bool) -> Optional[Prediction]:
    if alone:
        return predictions[0]
    for prediction in predictions:
        if doc.key in prediction.keys:
            return prediction
    if doc.text is not None:
        return next((p for p in predictions if p.ledger.text == doc.text), None)
    quotes = [q.replace("\u00a0", " ") for q in doc.quotes()]
    return next((p for p in predictions
                 if quotes and all(q in p.ledger.text.replace("\u00a0", " ") for q in quotes)), None)
