"""Throughput on real text: newsledger's analysis vs the bare spaCy pipeline on the PolNeAR dev
articles (political news, read from ../shared/data at benchmark time; nothing is copied here).

    python bench/throughput_real.py [--data ../shared/data/polnear-dev/dev] [--rounds 3] [--model NAME]

Timing as in bench/throughput.py (alternating rounds, best round, CPU seconds); the target is the
same: newsledger >= 0.8x the bare pipeline's words/second. Skips with a message when the data is
not on this machine.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from newsledger import ArticleInput
from newsledger import nlp as nlp_stage

from throughput import compare

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear-dev" / "dev"


def articles(folder: Path) -> list[ArticleInput]:
    """Each article of a PolNeAR split folder (its text/ files), in name order."""
    return [ArticleInput(text=path.read_text(encoding="utf-8"), title=path.stem)
            for path in sorted((folder / "text").glob("*.txt"))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="a PolNeAR split folder")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--model", default=None, help="spaCy model (default: newsledger's)")
    args = parser.parse_args()
    items = articles(args.data) if (args.data / "text").is_dir() else []
    if not items:
        print(f"skipped: no PolNeAR texts under {args.data / 'text'} (the shared data is not on this machine)")
        sys.exit(0)
    compare(items, nlp_stage.model_name(args.model), args.rounds, "PolNeAR dev articles")


if __name__ == "__main__":
    main()
