"""Export speed and memory: every research format over the same generated ledgers, side by side.

    python bench/export.py [--articles 20000] [--events 5] [--out DIR] [--store]

The ledgers are generated (seeded) from a template ledger, one at a time, so the source holds no
more than one article in memory, as the store's streaming query does. Each format runs in its own
process, which reports its wall time and peak RSS; a streaming writer keeps its peak RSS flat as
--articles grows (run it at two sizes to see). With --store the ledgers are also stored in a
SQLite store first and exported from it, as `newsledger export` does; the filtered export runs
twice more, reading the matching events' ledgers one per query (as exports did before) and 200 per
query (as they do now). Nothing here is a pass/fail test.
"""
from __future__ import annotations

import argparse
import multiprocessing
import random
import resource
import shutil
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Iterator

from newsledger.export import ExportOptions, Output, export, get_format
from newsledger.export.selection import matching_events, selected
from newsledger.ledger import (ActorRef, Article, DateRef, Event, Fatalities, Ledger, PlaceRef,
                               Source, Span)
from newsledger.store import Store

PLACES = [("Goma", "COD", -1.68, 29.22), ("Kharkiv", "UKR", 49.99, 36.23), ("Mosul", "IRQ", 36.34, 43.13),
          ("El Fasher", "SDN", 13.63, 25.35), ("Mogadishu", "SOM", 2.04, 45.34), ("Gao", "MLI", 16.27, -0.04)]
ACTORS = [("Rebel fighters", None, "REB"), ("Government forces", None, "MIL"), ("Police", None, "COP"),
          ("Gunmen", None, "UAF"), ("Residents", None, "CVL")]
TYPES = [("ASSAULT", "aerial", "195"), ("ASSAULT", "artillery", "194"), ("ASSAULT", None, "190"),
         ("PROTEST", "demonstrate", "141"), ("COERCE", "arrest", "173"), ("ACCUSE", "allege", "112")]
GENERATE_ONLY = "(generating only)"  # the baseline: making the ledgers costs this much of every row below
SENTENCE = "{actor} struck {target} in {place} on {day}, killing {dead} people, officials said. "


def _event(rng: random.Random, number: int, offset: int, day: date) -> tuple[Event, str]:
    place, country, lat, lon = rng.choice(PLACES)
    (actor, _, kind), (target, _, target_kind) = rng.sample(ACTORS, 2)
    kind_of_event, mode, cameo = rng.choice(TYPES)
    dead = rng.randint(0, 40)
    sentence = SENTENCE.format(actor=actor, target=target.lower(), place=place, day=day.isoformat(), dead=dead)
    event = Event(id=f"ev{number}", type=kind_of_event, mode=mode, cameo=cameo, goldstein=-9.0,
                  trigger="struck", evidence=[Span(offset, offset + len(sentence) - 1)],
                  actor=ActorRef(text=actor, country=country, kind=kind),
                  target=ActorRef(text=target.lower(), country=country, kind=target_kind),
                  place=PlaceRef(text=place, name=place, country=country, lat=lat, lon=lon, precision="city"),
                  date=DateRef(text=day.isoformat(), start=day, end=day),
                  fatalities=Fatalities(text=f"{dead} people", min=dead, max=dead),
                  status=rng.choice(["asserted", "claimed"]), source=Source(name="officials"),
                  confidence=0.7)
    return event, sentence


def ledgers(articles: int, events: int, seed: int = 7) -> Iterator[Ledger]:
    rng = random.Random(seed)
    for number in range(articles):
        day = date(2023, 1, 1) + timedelta(days=rng.randrange(730))
        text, made = "", []
        for index in range(events):
            event, sentence = _event(rng, index + 1, len(text), day)
            made.append(event)
            text += sentence
        yield Ledger(text=text, events=made,
                     article=Article(id=Article.id_for(f"{number}:{text}"), outlet="Bench Wire",
                                     url=f"https://bench.example/{number}", published=day))


def _run(name: str, target: str, options: ExportOptions, source: str, articles: int, events: int,
         report, **filters) -> None:
    started = time.perf_counter()
    if name == GENERATE_ONLY:
        rows = sum(len(ledger.events) for ledger in ledgers(articles, events))
    elif source == "ledgers":
        rows = export(name, ledgers(articles, events), Output(target), options)
    elif "articles_per_query" in filters:  # the filtered events' ledgers, so many per query
        with Store(source) as store:
            rows = export(name, matching_events(store, **filters), Output(target), options)
    else:
        with Store(source) as store, selected(store, get_format(name).records, **filters) as stored:
            rows = export(name, stored, Output(target), options)
    report.send({"rows": rows, "seconds": time.perf_counter() - started,
                 "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024})


def _size(path: Path) -> int:
    if path.is_dir():
        return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
    return path.stat().st_size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--events", type=int, default=5, help="events per article")
    parser.add_argument("--out", help="keep the exports in this folder (default: a temporary one)")
    parser.add_argument("--store", action="store_true",
                        help="also store the ledgers in SQLite first and export from the store")
    args = parser.parse_args()
    folder = Path(args.out or tempfile.mkdtemp(prefix="newsledger-export-bench-"))
    runs = [(GENERATE_ONLY, "", (), "ledgers"), ("jsonl", "ledgers.jsonl", (), "ledgers"),
            ("csv", "events.csv", (), "ledgers"), ("plover", "events.plover.jsonl", (), "ledgers"),
            ("geojson", "events.geojson", (), "ledgers"), ("parquet", "events.parquet", (), "ledgers"),
            ("parquet", "events-by-month", ("month", "country"), "ledgers")]
    print(f"{args.articles:,} generated articles x {args.events} events; each format in its own process")
    if args.store:
        url = f"sqlite:///{folder / 'bench.db'}"
        started = time.perf_counter()
        with Store(url) as store:
            store.add(ledgers(args.articles, args.events), analyzer_version="bench", model="bench")
        print(f"(stored in {url} in {time.perf_counter() - started:.0f} s, not counted below)")
        runs += [("jsonl", "store-ledgers.jsonl", (), url), ("csv", "store-events.csv", (), url),
                 ("parquet", "store-events.parquet", (), url),
                 ("csv", "store-assaults.csv", (), url, {"type": "ASSAULT"}),
                 ("csv", "store-assaults-1.csv", (), url, {"type": "ASSAULT", "articles_per_query": 1}),
                 ("csv", "store-assaults-200.csv", (), url, {"type": "ASSAULT", "articles_per_query": 200})]
    print(f"{'format':<40}{'rows':>10}{'seconds':>9}{'rows/s':>10}{'MB out':>9}{'peak RSS MB':>13}")
    context = multiprocessing.get_context("spawn")  # a fresh process: its peak RSS is its own
    for name, file_name, partitions, source, *filtered in runs:
        target = folder / file_name
        receive, send = context.Pipe(duplex=False)
        filters = filtered[0] if filtered else {}
        child = context.Process(target=_run, args=(name, str(target), ExportOptions(partition_by=partitions),
                                                   source, args.articles, args.events, send),
                                kwargs=filters)
        child.start()
        result = receive.recv()
        child.join()
        label = name + (f" by {'+'.join(partitions)}" if partitions else "")
        label += f" {' '.join(f'--{k} {v}' for k, v in filters.items())}" if filters else ""
        label += " from the store" if source != "ledgers" else ""
        size = _size(target) / 1e6 if file_name else 0.0
        print(f"{label:<40}{result['rows']:>10,}{result['seconds']:>9.1f}"
              f"{result['rows'] / result['seconds']:>10,.0f}{size:>9.1f}"
              f"{result['peak_rss_mb']:>13.0f}")
    if not args.out:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
