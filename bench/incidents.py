"""Incident linking cost per article as the store grows: 1,000 articles vs 10,000, in one run.

    python bench/incidents.py [--sizes 1000 10000] [--per-day 20] [--db-dir DIR]

Ledgers are generated (no spaCy): each article tells of one strike in one of 40 towns of 8
countries, on a stated day, with a named victim and a toll from a named source; 1 to 6 articles
tell each strike. A store grows the way a real one does, over time: `--per-day` articles a day,
so 10,000 articles span ten times the days of 1,000. Each size is stored in a fresh SQLite
store, then `link_new` links every article; the figure is CPU and wall seconds per article,
and the number of candidate incidents each account was scored against. Flat per-article cost
from 1,000 to 10,000 means the blocking by day and country works (no all-pairs matching).
"""
from __future__ import annotations

import argparse
import random
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from newsledger.incidents import link_new
from newsledger.incidents import linking
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


def measure(size: int, per_day: int, directory: Path) -> dict[str, float]:
    ledgers = corpus(size, per_day)
    store = Store(f"sqlite:///{directory / f'bench-{size}.db'}")
    store.add(ledgers, analyzer_version="bench", model="none", batch_size=500)
    scored = []
    original = linking._candidates

    def counting(connection, account):
        found = original(connection, account)
        scored.append(len(found))
        return found

    linking._candidates = counting
    try:
        cpu, wall = time.process_time(), time.perf_counter()
        result = link_new(store, aliases={})
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    finally:
        linking._candidates = original
    store.close()
    return {"articles": result.articles, "incidents": result.new_incidents,
            "cpu_ms": 1000 * cpu / result.articles, "wall_ms": 1000 * wall / result.articles,
            "candidates": sum(scored) / len(scored)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--per-day", type=int, default=20)
    parser.add_argument("--db-dir", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        directory = args.db_dir or Path(scratch)
        rows = [measure(size, args.per_day, directory) for size in args.sizes]
    print(f"{'articles':>8} {'incidents':>9} {'cpu ms/article':>15} {'wall ms/article':>16} {'candidates/account':>19}")
    for row in rows:
        print(f"{row['articles']:>8} {row['incidents']:>9} {row['cpu_ms']:>15.2f} {row['wall_ms']:>16.2f} "
              f"{row['candidates']:>19.1f}")
    print(f"cost per article, {rows[-1]['articles']} vs {rows[0]['articles']}: "
          f"{rows[-1]['cpu_ms'] / rows[0]['cpu_ms']:.2f}x CPU, {rows[-1]['wall_ms'] / rows[0]['wall_ms']:.2f}x wall")


if __name__ == "__main__":
    main()
