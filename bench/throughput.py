"""Throughput: newsledger's analysis vs the bare spaCy pipeline, on the same synthetic corpus.

    python bench/throughput.py [--articles 300] [--rounds 3] [--model NAME] [--profile]

The corpus is generated from template sentences (seeded, so every run sees the same text). Both
sides process it in alternating rounds and the best round of each counts, which keeps a busy
machine from favouring one side; rounds are timed in this process's CPU seconds, which other
work on the machine disturbs far less than wall-clock time. The target is newsledger >= 0.8x the
bare pipeline's words/second.
"""
from __future__ import annotations

import argparse
import cProfile
import pstats
import random
import time
from datetime import date, timedelta

import spacy

from newsledger import ArticleInput, analyze_many
from newsledger import nlp as nlp_stage

ACTORS = ["Government forces", "The army", "Rebel fighters", "Militants", "Police", "Security forces",
          "Armed men", "The paramilitary group", "Naval units", "Insurgents", "Troops",
          "Unidentified gunmen", "Coalition aircraft", "Separatist forces", "The national guard"]
TARGETS = ["a village", "a military convoy", "a checkpoint", "protesters", "a refugee camp",
           "an army base", "a hospital", "a market", "a police station", "rebel positions",
           "a fuel depot", "a bridge", "a school used as a shelter", "a power station"]
ACTS = ["attacked", "shelled", "raided", "bombed", "struck", "ambushed", "fired on", "stormed",
        "surrounded", "seized"]
PLACES = ["Goma", "Mosul", "Kharkiv", "El Fasher", "Kidal", "Sanaa", "Marib", "Mogadishu", "Idlib",
          "Bunia", "Gao", "Khan Younis", "Tigray", "Kismayo", "Aleppo", "Donetsk", "Maiduguri"]
SOURCES = ["a military spokesman", "local officials", "witnesses", "the health ministry", "residents",
           "a hospital director", "the United Nations", "a rights group", "the interior ministry",
           "aid workers", "a government statement", "the group's spokesman"]
CUES = ["said", "told reporters", "claimed", "reported", "said in a statement", "alleged"]
WHEN = ["on Monday", "on Tuesday", "on Wednesday", "late on Thursday", "on Friday morning",
        "on Saturday", "early on Sunday", "last week", "overnight", "two days ago", "in early March"]
VICTIMS = ["civilians", "soldiers", "fighters", "people", "children", "police officers", "aid workers"]
HEDGES = ["at least", "more than", "about", "nearly", "up to", "some", ""]
OPINIONS = [
    "Analysts said the fighting showed how fragile the ceasefire had become.",
    "The attack drew condemnation from neighbouring governments.",
    "Both sides have traded accusations for months.",
    "Talks between the two sides are expected to resume next month.",
    "Humanitarian agencies warned that access to the area remained limited.",
]


def sentence(rng: random.Random) -> str:
    shape = rng.randrange(5)
    n = rng.choice([rng.randint(2, 30), rng.randint(30, 400), rng.randint(1000, 20000)])
    count = f"{rng.choice(HEDGES)} {n:,} {rng.choice(VICTIMS)}".strip()
    if shape == 0:
        return (f"{rng.choice(ACTORS)} {rng.choice(ACTS)} {rng.choice(TARGETS)} in {rng.choice(PLACES)} "
                f"{rng.choice(WHEN)}, killing {count}, {rng.choice(SOURCES)} {rng.choice(CUES)}.")
    if shape == 1:
        return (f"{rng.choice(SOURCES).capitalize()} {rng.choice(CUES)} that {count} had been killed "
                f"since the fighting began, a figure that could not be verified.")
    if shape == 2:
        return (f"According to {rng.choice(SOURCES)}, {rng.choice(ACTORS).lower()} {rng.choice(ACTS)} "
                f"{rng.choice(TARGETS)} near {rng.choice(PLACES)} {rng.choice(WHEN)}.")
    if shape == 3:
        return (f"{rng.choice(ACTORS)} denied responsibility and {rng.choice(CUES)} that only "
                f"{rng.randint(2, 9)} people had died.")
    return rng.choice(OPINIONS)


def corpus(articles: int, seed: int = 20240312) -> list[ArticleInput]:
    rng = random.Random(seed)
    items = []
    for number in range(articles):
        text = " ".join(sentence(rng) for _ in range(rng.randint(6, 12)))
        published = date(2024, 1, 1) + timedelta(days=rng.randrange(365))
        items.append(ArticleInput(text=text, title=f"Report {number}", published=published))
    return items


def timed(run) -> float:
    start = time.process_time()
    run()
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--model", default=None, help="spaCy model (default: newsledger's)")
    parser.add_argument("--profile", action="store_true", help="cProfile one newsledger pass")
    args = parser.parse_args()

    model = nlp_stage.model_name(args.model)
    compare(corpus(args.articles), model, args.rounds, "synthetic articles", args.profile)


def compare(items: list[ArticleInput], model: str, rounds: int, kind: str, profile: bool = False) -> float:
    """Time bare spaCy, our spaCy stage and the full analysis side by side on `items`; print
    words/second for each and return the ratio newsledger / bare."""
    texts = [item.text for item in items]
    words = sum(len(text.split()) for text in texts)

    bare = spacy.load(model)
    ours = nlp_stage.build(model)

    def bare_pass():
        for _ in bare.pipe(texts, batch_size=16):
            pass

    def pipeline_pass():  # our spaCy pipeline alone: model + registered components
        for _ in ours.pipe(texts, batch_size=16):
            pass

    def newsledger_pass():
        for _ in analyze_many(items, model=model):
            pass

    list(bare.pipe(texts[:5]))  # warm up: build matchers, fill caches
    list(ours.pipe(texts[:5]))
    list(analyze_many(items[:5], model=model))

    best = {"bare": float("inf"), "pipeline": float("inf"), "newsledger": float("inf")}
    for _ in range(rounds):
        best["bare"] = min(best["bare"], timed(bare_pass))
        best["newsledger"] = min(best["newsledger"], timed(newsledger_pass))
        best["pipeline"] = min(best["pipeline"], timed(pipeline_pass))

    print(f"corpus: {len(items)} {kind}, {words:,} words; model {model}; best of {rounds} rounds")
    print(f"  bare spaCy (spacy.load + nlp.pipe)    {words / best['bare']:10,.0f} words/s")
    print(f"  newsledger spaCy stage (nlp.pipe)     {words / best['pipeline']:10,.0f} words/s")
    print(f"  newsledger analyze_many (full ledger) {words / best['newsledger']:10,.0f} words/s")
    ratio = best["bare"] / best["newsledger"]
    print(f"ratio newsledger / bare: {ratio:.2f}x (target >= 0.80x)")

    if profile:
        profiler = cProfile.Profile()
        profiler.runcall(newsledger_pass)
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
    return ratio

if __name__ == "__main__":
    main()
