"""The store's benchmarks: ingest throughput against analysis alone, peak memory of an ingest,
and query latency on a store of a million events.

    python bench/store.py ingest [--articles 300] [--rounds 3]   # articles/s, both sides, one run
    python bench/store.py rss [--sizes 1000 10000]               # peak RSS of `newsledger ingest`
    python bench/store.py query [--events 1000000] [--repeat 30] # p50/p95 per filter, SQLite

Articles come from bench/throughput.py's seeded template generator. `ingest` alternates rounds
of analysis alone (analyze_many) and analysis + storing (the ingest library into a fresh SQLite
store) and keeps each side's best round, timed in CPU seconds of this process (SQLite runs
in-process, so storing is counted). Goal: storing costs <= 10% more. `rss` runs the real
command in a child process per size and reads its peak resident memory (goal: flat, < 1.5 GB).
`query` fills a SQLite store with generated rows (no analysis: articles, events and claims
drawn from fixed vocabularies), then times the first page (100 rows) and the count for each
filter. Goal: p95 < 200 ms. Run with `nice`; the machine is shared.
"""
from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from throughput import corpus  # the same generated articles as the throughput benchmark

CLI = Path(sys.executable).parent / "newsledger"


def bench_ingest(articles: int, rounds: int) -> None:
    from newsledger import analyze_many
    from newsledger.ingest import ingest
    from newsledger.store import Store

    items = corpus(articles)
    list(analyze_many(items[:5]))  # warm up: load the model, build matchers

    def analysis_alone() -> None:
        for _ in analyze_many(items):
            pass

    def analysis_and_store(folder: Path) -> None:
        with Store(f"sqlite:///{folder / 'bench.db'}") as store:
            ingest(iter(items), store, workers=1)

    best = {"analysis": float("inf"), "ingest": float("inf")}
    for number in range(rounds):
        best["analysis"] = min(best["analysis"], _cpu(analysis_alone))
        with tempfile.TemporaryDirectory() as folder:
            best["ingest"] = min(best["ingest"], _cpu(lambda: analysis_and_store(Path(folder))))
    print(f"ingest: {articles} synthetic articles, best of {rounds} rounds (CPU seconds)")
    print(f"  analysis alone (analyze_many)       {articles / best['analysis']:8.1f} articles/s")
    print(f"  analysis + store (ingest, SQLite)   {articles / best['ingest']:8.1f} articles/s")
    print(f"storing costs {100 * (best['ingest'] / best['analysis'] - 1):+.1f}% (goal <= +10%)")


def _cpu(run) -> float:
    start = time.process_time()
    run()
    return time.process_time() - start


def bench_rss(sizes: list[int]) -> None:
    print("peak RSS of `newsledger ingest FILE.jsonl --workers 1` (a fresh process per size)")
    for size in sizes:
        with tempfile.TemporaryDirectory() as folder:
            source = Path(folder) / "articles.jsonl"
            with open(source, "w", encoding="utf-8") as out:
                for item in corpus(size, seed=size):
                    out.write(json.dumps({"text": item.text, "title": item.title,
                                          "published": item.published.isoformat()}) + "\n")
            started = time.perf_counter()
            done = subprocess.run([str(CLI), "ingest", str(source), "--workers", "1", "--db",
                                   f"sqlite:///{folder}/rss.db"], capture_output=True, text=True)
            elapsed = time.perf_counter() - started
            peak = _child_peak_rss_mb()
            print(f"  {size:>6,} articles: peak RSS {peak:7.0f} MB, {elapsed:6.0f} s wall "
                  f"({size / elapsed:.1f} articles/s); {done.stderr.strip().splitlines()[-1]}")


def _child_peak_rss_mb() -> float:
    """The largest peak of any child so far (children run one at a time, growing)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


# --- query latency on a generated million-event store ------------------------------------

TYPES = ["ASSAULT", "COERCE", "PROTEST", "ACCUSE", "REJECT", "THREATEN", "MOBILIZE", "SUPPORT",
         "CONSULT", "AID", "RETREAT", "SANCTION", "REQUEST", "AGREE", "CONCEDE", "COOPERATE"]
COUNTRIES = ["UKR", "RUS", "SDN", "COD", "MLI", "YEM", "SYR", "ISR", "PSE", "SOM", "NGA", "ETH",
             "BFA", "NER", "MMR", "AFG", "IRQ", "LBY", "HTI", "COL", "MEX", "PAK", "IND", "LBN",
             "IRN", "USA", "FRA", "TUR", "SSD", "CAF"]
COMMON_WORDS = ("drone strike shelling market convoy checkpoint village ceasefire hospital "
                "refugees protest border militia rebels army police airstrike artillery").split()
RARE_WORDS = [f"name{number}" for number in range(3000)]  # places, people: each in few articles


def _names(prefix: str, count: int) -> list[str]:
    return [f"{prefix} {number}" for number in range(count)]


ACTORS, PLACES = _names("Actor", 400), _names("Place", 600)
SOURCES, OUTLETS = _names("Source", 150), _names("Outlet", 60)
MEASURES = [f"killed/{unit}" for unit in ("people", "civilians", "soldiers")] + \
           [f"displaced/{unit}" for unit in ("people", "families")] + ["wounded/people"]


def build_query_store(path: Path, events: int, per_article: int = 10) -> None:
    from sqlalchemy import insert

    from newsledger.store import Store
    from newsledger.store.schema import articles, claims, events as events_table

    rng = random.Random(1)
    store = Store(f"sqlite:///{path}")
    start_day, now = date(2022, 1, 1), datetime.now(timezone.utc)
    article_count = events // per_article
    with store.engine.begin() as connection:
        connection.exec_driver_sql("PRAGMA cache_size = -500000")  # 500 MB: the indexes fit
        for first in range(0, article_count, 5000):
            rows, event_rows, claim_rows = [], [], []
            for number in range(first + 1, min(first + 5000, article_count) + 1):
                published = start_day + timedelta(days=rng.randrange(1000))
                text = " ".join(rng.choice(COMMON_WORDS) for _ in range(30)) + " " + \
                    " ".join(rng.choice(RARE_WORDS) for _ in range(10))
                rows.append({"id": number, "fingerprint": f"{number:064x}", "text_sha256": f"{number:064x}",
                             "title": f"Report {number}", "outlet": rng.choice(OUTLETS),
                             "published": published, "language": "en", "text": text,
                             "event_count": per_article, "claim_count": 3,
                             "analyzer_version": "bench", "model": "bench", "stored_at": now,
                             "ledger": "{}"})
                event_rows += [_event(rng, number, index, published) for index in range(per_article)]
                claim_rows += [_claim(rng, number, index) for index in range(3)]
            connection.execute(insert(articles), rows)
            connection.execute(insert(events_table), event_rows)
            connection.execute(insert(claims), claim_rows)
    with store.engine.begin() as connection:
        connection.exec_driver_sql("ANALYZE")
    store.close()


def _event(rng: random.Random, article: int, index: int, published: date) -> dict:
    actor, target = rng.choice(ACTORS), rng.choice(ACTORS)
    day = published - timedelta(days=rng.randrange(3))
    return {"article_id": article, "event_id": f"ev{index + 1}", "type": rng.choice(TYPES),
            "status": "asserted", "actor_text": actor, "actor_name": actor,
            "actor_country": rng.choice(COUNTRIES), "target_text": target, "target_name": target,
            "target_country": rng.choice(COUNTRIES), "place_text": rng.choice(PLACES),
            "place_name": rng.choice(PLACES), "date_start": day, "date_end": day,
            "source_name": rng.choice(SOURCES), "evidence": "Evidence words of the event.",
            "evidence_start": 0, "evidence_end": 30}


def _claim(rng: random.Random, article: int, index: int) -> dict:
    source = rng.choice(SOURCES)
    return {"article_id": article, "claim_id": f"cl{index + 1}", "claimant_text": source,
            "claimant_name": source, "claimant_country": rng.choice(COUNTRIES),
            "content": "What the source said.", "content_start": 0, "content_end": 20,
            "stance": "neutral", "hedged": False, "measure": rng.choice(MEASURES),
            "quantities": "[]", "evidence": "What the source said, it said.",
            "evidence_start": 0, "evidence_end": 30}


def _filter_values(rng: random.Random) -> dict[str, tuple[str, callable]]:
    """Each filter with a way to draw a value (the kind of row it is timed on)."""
    def since():
        return (date(2022, 1, 1) + timedelta(days=rng.randrange(990))).isoformat()
    return {
        "actor": ("events", lambda: rng.choice(ACTORS).lower()),
        "target": ("events", lambda: rng.choice(ACTORS)),
        "country": ("events", lambda: rng.choice(COUNTRIES)),
        "type": ("events", lambda: rng.choice(TYPES)),
        "place": ("events", lambda: rng.choice(PLACES)),
        "since": ("events", since),
        "until": ("events", since),
        "claimant": ("claims", lambda: rng.choice(SOURCES)),
        "measure": ("claims", lambda: rng.choice(MEASURES)),
        "outlet": ("events", lambda: rng.choice(OUTLETS)),
        "text": ("events", lambda: f"{rng.choice(COMMON_WORDS)} {rng.choice(RARE_WORDS)}"),
    }


def bench_query(events: int, repeat: int) -> None:
    from newsledger.store import Store

    path = Path(tempfile.gettempdir()) / f"newsledger-bench-{events}.db"
    if not path.exists():
        started = time.perf_counter()
        build_query_store(path, events)
        print(f"built {path} in {time.perf_counter() - started:.0f} s")
    store = Store(f"sqlite:///{path}")
    print(f"query latency on {store.count('events'):,} events, {store.count('claims'):,} claims, "
          f"{store.count('articles'):,} articles (SQLite; {repeat} draws per filter)")
    print("  (milliseconds: wall clock, and in brackets this process's CPU time, which other work"
          " on a shared machine disturbs less)")
    print(f"  {'filter':10} {'kind':7} {'page p50':>14} {'page p95':>14} {'count p50':>14} "
          f"{'count p95':>14}")
    rng = random.Random(2)
    for name, (kind, draw) in _filter_values(rng).items():
        pages, counts = [], []
        for _ in range(repeat):
            value = draw()
            pages.append(_timed(lambda: list(getattr(store, kind)(**{name: value}, limit=100))))
            counts.append(_timed(lambda: store.count(kind, **{name: value})))
        print(f"  {name:10} {kind:7} {_ms(pages, 50):>14} {_ms(pages, 95):>14} "
              f"{_ms(counts, 50):>14} {_ms(counts, 95):>14}")


def _timed(run) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    run()
    return time.perf_counter() - wall, time.process_time() - cpu


def _ms(samples: list[tuple[float, float]], percent: int) -> str:
    def pick(values: list[float]) -> float:
        ordered = sorted(values)
        return ordered[min(len(ordered) - 1, round(percent / 100 * (len(ordered) - 1)))]
    return f"{1000 * pick([w for w, _ in samples]):.0f} ({1000 * pick([c for _, c in samples]):.0f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    ingest_parser = commands.add_parser("ingest")
    ingest_parser.add_argument("--articles", type=int, default=300)
    ingest_parser.add_argument("--rounds", type=int, default=3)
    rss_parser = commands.add_parser("rss")
    rss_parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    query_parser = commands.add_parser("query")
    query_parser.add_argument("--events", type=int, default=1_000_000)
    query_parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    if args.command == "ingest":
        bench_ingest(args.articles, args.rounds)
    elif args.command == "rss":
        bench_rss(args.sizes)
    else:
        bench_query(args.events, args.repeat)


if __name__ == "__main__":
    main()
