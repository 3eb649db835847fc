"""Incident linking cost per article as the store grows: 1,000 articles vs 10,000, in one run.

    python bench/incidents.py [--sizes 1000 10000] [--per-day 20] [--late 0.1] [--db-dir DIR]

Ledgers are generated (no spaCy): each article tells of one strike in one of 40 towns of 8
countries, on a stated day, with a named victim and a toll from a named source; 1 to 6 articles
tell each strike. A store grows the way a real one does, over time: `--per-day` articles a day,
so 10,000 articles span ten times the days of 1,000. Each size is stored in a fresh SQLite
store, then `link_new` links every article; the figure is CPU and wall seconds per article,
and the number of candidate incidents each account was scored against. Flat per-article cost
from 1,000 to 10,000 means the blocking by day and country works (no all-pairs matching).

A second run per size has articles arrive out of order, as an ingest meets them: batches of
100, in publication order except that a `--late` share of the articles arrives up to 30 days
(600 articles) after its place; each late article makes the stored accounts it can influence be
decided again (replayed), so the result equals a rebuild's. `replayed` counts those moves.
"""
from __future__ import annotations

import argparse
import random
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from newsledger.incidents import LinkResult, link_new
from newsledger.incidents.replay import Linker
from newsledger.ledger import (ActorRef, Article, Claim, Content, DateRef, EntityMention, Event,
                               Ledger, PlaceRef, Quantity, Span)
from newsledger.store import Store

COUNTRIES = ["PSE", "UKR", "SOM", "SDN", "PAK", "COD", "LBN", "SYR"]
FIRST = ["Mohammed", "Ahmad", "Olena", "Hassan", "Abdi", "Kambale", "Adam", "Ali", "Omar", "Yusuf"]
LAST = ["Haddad", "Kovalenko", "Warsame", "Idris", "Mumbere", "Khalil", "Nasser", "Sabra", "Farah"]
OUTLETS = ["Wire One", "Local Daily", "Side A News", "Side B Voice", "Evening Post", "Radio Nord"]


def towns(rng: random.Random) -> list[tuple[str, str, float, float]]:
    return [(f"Town {c}-{k}", c, rng.uniform(-30, 50), rng.uniform(-10, 70))
            for c in COUNTRIES for k in range(5)]


def corpus(size: int, per_day: int, seed: int = 7) -> list[Ledger]:
    rng = random.Random(seed)
    places = towns(rng)
    start = date(2024, 1, 1)
    ledgers: list[Ledger] = []
    strike = 0
    while len(ledgers) < size:
        strike += 1
        day = start + timedelta(days=len(ledgers) // per_day)
        town, country, lat, lon = rng.choice(places)
        victim = f"{rng.choice(FIRST)} {rng.choice(LAST)} {strike}"
        toll = rng.randint(1, 60)
        for k in range(min(rng.randint(1, 6), size - len(ledgers))):
            ledgers.append(_article(strike, k, day, town, country, lat, lon, victim, toll + rng.randint(-3, 3)))
    return ledgers


def _article(strike: int, k: int, day: date, town: str, country: str, lat: float, lon: float,
             victim: str, toll: int) -> Ledger:
    text = (f"A strike hit {town} on {day:%B} {day.day}, killing {toll} people, including {victim}, "
            f"officials said.")
    at = text.index
    event = Event(id="ev1", type="ASSAULT", evidence=[Span(0, len(text))], trigger="strike",
                  actor=ActorRef(text="forces", name=f"Forces of {country}", country=country, kind="MIL"),
                  place=PlaceRef(text=town, name=town, country=country, lat=lat, lon=lon, precision="city"),
                  date=DateRef(text=f"{day:%B} {day.day}", start=day, end=day), status="claimed")
    figure = Quantity(text=f"{toll} people", span=Span(at(f"{toll} people"), at(f"{toll} people") + len(f"{toll} people")),
                      value=toll, unit="people")
    claim = Claim(id="cl1", claimant=ActorRef(text="officials", name="officials", kind="GOV"),
                  content=Content(text=text, start=0, end=len(text)), quantities=[figure],
                  measure="killed/people", figure=figure, event="ev1")
    person = EntityMention(text=victim.rsplit(" ", 1)[0], span=Span(at(victim), at(victim) + len(victim)),
                           label="PERSON")
    article = Article(id=f"{strike}-{k}", url=f"https://bench.example/{strike}/{k}",
                      outlet=OUTLETS[k % len(OUTLETS)], published=day + timedelta(days=k // 2))
    return Ledger(text=text, article=article, events=[event], claims=[claim], entities=[person])


def arrival(ledgers: list[Ledger], late: float, seed: int = 11) -> list[Ledger]:
    """Publication order, with a `late` share of the articles moved up to 600 places later."""
    rng = random.Random(seed)
    ledgers = sorted(ledgers, key=lambda ledger: ledger.article.published)
    keyed = [(k + (rng.randint(1, 600) if rng.random() < late else 0), k) for k in range(len(ledgers))]
    return [ledgers[k] for _, k in sorted(keyed)]


def measure(size: int, per_day: int, directory: Path, late: float) -> dict[str, float]:
    ledgers = arrival(corpus(size, per_day), late)
    store = Store(f"sqlite:///{directory / f'bench-{size}-{late}.db'}")
    scored = []
    original = Linker._candidates

    def counting(self, member):
        found = original(self, member)
        scored.append(len(found))
        return found

    Linker._candidates = counting
    cpu = wall = 0.0
    total = LinkResult()
    try:
        for start in range(0, len(ledgers), 100):  # as ingest does: store a batch, link it
            store.add(ledgers[start:start + 100], analyzer_version="bench", model="none", batch_size=500)
            cpu, wall = cpu - time.process_time(), wall - time.perf_counter()
            result = link_new(store, aliases={})
            cpu, wall = cpu + time.process_time(), wall + time.perf_counter()
            total.articles += result.articles
            total.replayed += result.replayed
    finally:
        Linker._candidates = original
    store.close()
    return {"articles": total.articles, "late": late, "replayed": total.replayed,
            "cpu_ms": 1000 * cpu / total.articles, "wall_ms": 1000 * wall / total.articles,
            "candidates": sum(scored) / len(scored)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--per-day", type=int, default=20)
    parser.add_argument("--late", type=float, default=0.1, help="share of articles that arrive late")
    parser.add_argument("--db-dir", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        directory = args.db_dir or Path(scratch)
        rows = {late: [measure(size, args.per_day, directory, late) for size in args.sizes]
                for late in (0.0, args.late)}
    print(f"{'articles':>8} {'late':>5} {'replayed':>8} {'cpu ms/article':>15} {'wall ms/article':>16} "
          f"{'candidates/account':>19}")
    for row in (r for runs in rows.values() for r in runs):
        print(f"{row['articles']:>8} {row['late']:>5.2f} {row['replayed']:>8} {row['cpu_ms']:>15.2f} "
              f"{row['wall_ms']:>16.2f} {row['candidates']:>19.1f}")
    for late, runs in rows.items():
        print(f"late {late:.2f}: cost per article, {runs[-1]['articles']} vs {runs[0]['articles']}: "
              f"{runs[-1]['cpu_ms'] / runs[0]['cpu_ms']:.2f}x CPU, {runs[-1]['wall_ms'] / runs[0]['wall_ms']:.2f}x wall")


if __name__ == "__main__":
    main()
