"""CPU seconds per article of one process on long articles: bare spaCy, our spaCy stage and the
full analysis, side by side on bench/scale.py's corpus (throughput.py's reports joined to
`--words` words on average).

    nice python bench/article_cost.py [--articles 100] [--words 600] [--rounds 2]

Issue 14's goal (1,000,000 such articles a day on one 2-core machine) allows 0.173 CPU s per
article for everything, ingest included; this shows how much of that the model alone takes and
what our analysis adds. Rounds alternate and the best of each counts, as in throughput.py. To
compare two revisions, run one of them with PYTHONPATH pointing at the other's src/.
"""
from __future__ import annotations

import argparse
import time

import spacy

from newsledger import analyze_many
from newsledger import nlp as nlp_stage
from newsledger.pipeline import prepared
from scale import long_articles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--words", type=int, default=600)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    items = long_articles(args.articles, args.words)
    texts = [item.text for item in items]
    model = nlp_stage.model_name(None)
    bare, ours = spacy.load(model), prepared(model)
    passes = {"bare spaCy": lambda: list(bare.pipe(texts, batch_size=16)),
              "our spaCy stage": lambda: list(ours.pipe(texts, batch_size=16)),
              "analyze_many": lambda: list(analyze_many(items, model=model))}
    list(bare.pipe(texts[:3]))  # warm up: matchers, caches, the first allocations
    list(analyze_many(items[:3], model=model))
    best = dict.fromkeys(passes, float("inf"))
    for _ in range(args.rounds):
        for name, run in passes.items():
            start = time.process_time()
            run()
            best[name] = min(best[name], time.process_time() - start)
    words = sum(len(text.split()) for text in texts) / len(texts)
    print(f"{len(items)} articles of {words:.0f} words; best of {args.rounds} rounds, CPU s/article")
    for name, seconds in best.items():
        print(f"  {name:16s} {seconds / len(items):.3f}")
    print(f"analysis beyond the model: {(best['analyze_many'] - best['our spaCy stage']) / len(items):.3f} "
          f"CPU s/article; analyze_many / bare spaCy {best['analyze_many'] / best['bare spaCy']:.2f}x")


if __name__ == "__main__":
    main()
