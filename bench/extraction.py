"""Extraction alone: CPU microseconds per word of everything after the spaCy stage (events,
claims, resolution, the ledger), on Docs the pipeline has already parsed.

    python bench/extraction.py [--articles 150] [--words 0] [--rounds 3] [--profile]

The corpus is bench/throughput.py's generator (`--words 0`: its short reports) or bench/scale.py's
long articles of `--words` words. Each round parses the corpus afresh, untimed (per-Doc caches
must not carry over from one round to the next), then times `ledger_from_doc` on every Doc in
this process's CPU seconds; the best round counts. The model's share is what throughput.py and
article_cost.py measure; this isolates the part newsledger's own code decides. To compare two
revisions, run it alternately with PYTHONPATH pointing at each one's src/.
"""
from __future__ import annotations

import argparse
import cProfile
import pstats
import time

from newsledger import ArticleInput
from newsledger.pipeline import _doc, ledger_from_doc, prepared
from scale import long_articles
from throughput import corpus


def parsed(items: list[ArticleInput]):
    nlp = prepared()
    return list(nlp.pipe((_doc(nlp, item) for item in items), batch_size=16))


def extraction_seconds(items: list[ArticleInput], profiler: cProfile.Profile | None = None) -> float:
    docs = parsed(items)
    start = time.process_time()
    if profiler is not None:
        profiler.enable()
    for doc, item in zip(docs, items):
        ledger_from_doc(doc, item)
    if profiler is not None:
        profiler.disable()
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=150)
    parser.add_argument("--words", type=int, default=0, help="0: short generated reports")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--profile", action="store_true", help="cProfile one more round")
    args = parser.parse_args()
    items = long_articles(args.articles, args.words) if args.words else corpus(args.articles)
    words = sum(len(item.text.split()) for item in items)
    extraction_seconds(items[:5])  # warm up: matchers, tables, the first allocations
    rounds = [extraction_seconds(items) for _ in range(args.rounds)]
    per_word = [seconds / words * 1e6 for seconds in rounds]
    print(f"{len(items)} articles, {words:,} words: extraction {min(per_word):.1f} µs/word best, "
          f"rounds {', '.join(f'{value:.1f}' for value in per_word)}")
    if args.profile:
        profiler = cProfile.Profile()
        extraction_seconds(items, profiler)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(40)


if __name__ == "__main__":
    main()
