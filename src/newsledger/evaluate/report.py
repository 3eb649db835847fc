"""An Evaluation as spaCy-style text tables (one per section) or as a plain dict for JSON."""
from __future__ import annotations

from . import Evaluation

TITLES = {"events": "Events", "event types": "Events by PLOVER type", "claims": "Claims",
          "attribution": "Attribution (Source / Cue / Content spans)"}
COLUMNS = ("gold", "found", "pred", "right")


def as_dict(evaluation: Evaluation) -> dict:
    return {
        "documents": evaluation.documents,
        "unpaired": evaluation.unpaired,
        "sections": {name: {row: {"p": round(t.precision, 4), "r": round(t.recall, 4),
                                  "f1": round(t.f1, 4), **{c: getattr(t, c if c != "pred" else "predicted")
                                                           for c in COLUMNS}}
                            for row, t in rows.items()}
                     for name, rows in evaluation.sections.items()},
    }


def render_table(evaluation: Evaluation) -> str:
    lines = [f"{evaluation.documents} annotated article(s)"
             + (f", {len(evaluation.unpaired)} without a ledger (all their items count as missed)"
                if evaluation.unpaired else "")]
    for name, rows in evaluation.sections.items():
        width = max(16, *(len(row) for row in rows))
        title = f" {TITLES.get(name, name)} "
        lines += ["", f"{title:=^{width + 44}}",
                  f"{'':<{width}}" + "".join(f"{c:>7}" for c in COLUMNS) + f"{'P':>8}{'R':>8}{'F1':>8}"]
        for row, t in rows.items():
            lines.append(f"{row:<{width}}" + "".join(f"{n:>7}" for n in (t.gold, t.found, t.predicted, t.right))
                         + "".join(f"{100 * x:>8.2f}" for x in (t.precision, t.recall, t.f1)))
    lines += ["", "P = right / pred, R = found / gold (core items); slots are judged on matched pairs."]
    return "\n".join(lines) + "\n"
