"""Load check of `newsledger serve`: a bounded loop of concurrent requests to 127.0.0.1 against a
store of 100,000 generated events; p95 latency per page, errors, and the server's memory before
and after.

    .venv/bin/python bench/web_load.py [--events 100000] [--requests 1200] [--concurrency 8] [--workers 1]

The store is generated (synthetic ledgers written through Store.add, the same path as ingest) into
a temporary folder, or reused with --db. The server is a real `newsledger serve` process; memory
is its resident set (VmRSS; with --workers, of the parent and its worker processes) after warm-up and after each of two rounds of the loop (flat: the
second round adds nothing). Goal: p95 < 300 ms on list and incident pages, no errors, memory flat.

Latency on a shared machine depends on its load, so the server's own CPU time per request is
reported too (each page requested alone, in turn, --cpu-rounds times; utime + stime of the server
process from /proc): that number does not depend on what else the machine runs.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from pathlib import Path

from newsledger.ledger import (ActorRef, Article, Claim, Content, DateRef, Event, Fatalities, Ledger, PlaceRef,
                               Quantity, Source, Span)
from newsledger.incidents import link_new
from newsledger.store import Store

PARTIES = [(f"Party {n}", code) for n, code in enumerate(["UKR", "RUS", "SDN", "SOM", "COD", "MLI", "YEM", "SYR",
                                                          "MMR", "ETH", "NGA", "BFA"] * 3)]
TYPES = [("ASSAULT", -10.0), ("COERCE", -7.0), ("ACCUSE", -2.0), ("PROTEST", -6.5), ("AGREE", 8.0), ("AID", 7.4)]
EVENTS_PER_ARTICLE = 10


def ledger(number: int, rng: random.Random) -> Ledger:
    """A generated article of EVENTS_PER_ARTICLE events and two claims, dated within two years."""
    text = f"Generated article {number}. " + "Words of the report. " * 40
    published = date(2023, 1, 1) + timedelta(days=rng.randrange(730))
    events, claims = [], []
    for index in range(EVENTS_PER_ARTICLE):
        (actor, actor_country), (target, target_country) = rng.sample(PARTIES, 2)
        kind, goldstein = rng.choice(TYPES)
        lat, lon = rng.uniform(-10, 55), rng.uniform(-15, 100)
        day = published - timedelta(days=rng.randrange(5))
        killed = rng.choice([None, None, rng.randrange(1, 40)])
        events.append(Event(
            id=f"ev{index + 1}", type=kind, evidence=[Span(0, 20)], goldstein=goldstein, status="asserted",
            actor=ActorRef(text=actor, name=actor, country=actor_country),
            target=ActorRef(text=target, name=target, country=target_country),
            place=PlaceRef(text=f"Town {rng.randrange(400)}", name=f"Town {rng.randrange(400)}",
                           country=target_country, lat=lat, lon=lon, precision="city"),
            date=DateRef(text="on Monday", start=day, end=day),
            fatalities=Fatalities(text=f"{killed} people", min=killed, max=killed) if killed else None,
            source=Source(name="author", author=True)))
    for index in range(2):
        claims.append(Claim(id=f"cl{index + 1}", claimant=ActorRef(text="officials", name=rng.choice(PARTIES)[0]),
                            content=Content(text="Words of the report.", start=30, end=50),
                            quantities=[Quantity(text="12 people", span=Span(30, 39), value=12)],
                            measure="killed/people"))
    return Ledger(text=text, article=Article(id=Article.id_for(text), title=f"Generated report {number}",
                                             outlet=f"Outlet {number % 25}", published=published),
                  events=events, claims=claims)


def generate(url: str, events: int) -> None:
    rng = random.Random(20240312)
    started = time.perf_counter()
    with Store(url) as store:
        store.add((ledger(n, rng) for n in range(events // EVENTS_PER_ARTICLE)),
                  analyzer_version="bench", model="generated", batch_size=500)
        linked = link_new(store)  # as ingest does after each batch
        print(f"generated {store.count('events')} events in {store.count('articles')} articles, "
              f"linked into incidents ({linked}) ({time.perf_counter() - started:.0f} s)", file=sys.stderr)


PAGES = {
    "dashboard": ["/"],
    "events list": ["/events", "/events?offset=40000", "/events?offset=99900", "/events?country=SDN",
                    "/events?type=ASSAULT&since=2024-01-01", "/events?actor=Party%203", "/events?text=generated"],
    "claims list": ["/claims", "/claims?measure=killed/people&offset=1000", "/claims?stance=neutral&offset=19900"],
    "articles list": ["/articles", "/articles?outlet=Outlet%207", "/articles?actor=Party%203&offset=2000"],
    "API events": ["/api/v1/events?limit=100", "/api/v1/events?country=UKR&limit=100&offset=500"],
    "article page": ["/articles/{article}", "/articles/{article}/report"],
    "incidents list": ["/incidents", "/incidents?country=SDN", "/incidents?min_sources=2", "/incidents?offset=14000",
                       "/incidents?type=ASSAULT", "/api/v1/incidents?offset=10000"],
    "incident page": ["/incidents/{incident}"],
    "map (2,000 newest events)": ["/map?country=SOM"],
    "network (2,000 newest)": ["/network?country=MLI"],
    "escalation (2,000 newest)": ["/escalation?country=YEM"],
}


def family(pid: int) -> list[int]:
    """The server process and its children (the worker processes of `serve --workers N`)."""
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                children.append(int(stat.parent.name))
        except (OSError, ValueError):
            continue
    return [pid, *children]


def rss_kib(pid: int) -> int:
    total = 0
    for member in family(pid):
        for line in Path(f"/proc/{member}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total


def cpu_seconds(pid: int) -> float:
    """utime + stime of the server's processes, all their threads, in seconds."""
    total = 0
    for member in family(pid):
        fields = Path(f"/proc/{member}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def fetch(base: str, path: str) -> tuple[float, int]:
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(base + path, timeout=60) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as exc:
        status = exc.code
    except OSError:
        status = 0
    return time.perf_counter() - started, status


def start_server(url: str, port: int, workers: int) -> subprocess.Popen:
    command = [str(Path(sys.executable).parent / "newsledger"), "serve", "--db", url, "--port", str(port),
               "--workers", str(workers)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(150):
        if fetch(f"http://127.0.0.1:{port}", "/api/v1/counts")[1] == 200:
            return server
        time.sleep(0.2)
    server.kill()
    raise SystemExit("newsledger serve did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=1200)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--db", help="an existing store URL (default: generate one)")
    parser.add_argument("--port", type=int, default=8799)
    parser.add_argument("--workers", type=int, default=1, help="server processes (newsledger serve --workers)")
    parser.add_argument("--cpu-rounds", type=int, default=5, help="sequential requests of each page for CPU time")
    args = parser.parse_args()
    url = args.db
    if url is None:
        url = f"sqlite:///{Path(tempfile.mkdtemp(prefix='newsledger-load-')) / 'load.db'}"
        generate(url, args.events)
    base = f"http://127.0.0.1:{args.port}"
    server = start_server(url, args.port, args.workers)
    try:
        run(base, server.pid, args)
    finally:
        server.terminate()
        server.wait(timeout=10)


def incident_ids(base: str) -> list[str]:
    with urllib.request.urlopen(base + "/api/v1/incidents?limit=200", timeout=120) as response:
        return [item["id"] for item in json.loads(response.read())["items"]] or ["none"]


def cpu_per_request(base: str, pid: int, plan: list[tuple[str, str]], rounds: int) -> dict[str, float]:
    """The server's CPU seconds per request of each group, every path of it requested alone."""
    paths: dict[str, list[str]] = defaultdict(list)
    for group, path in plan:
        if path not in paths[group]:
            paths[group].append(path)
    spent = {}
    for group, chosen in paths.items():
        before = cpu_seconds(pid)
        for _ in range(rounds):
            for path in chosen:
                fetch(base, path)
        spent[group] = (cpu_seconds(pid) - before) / (rounds * len(chosen))
    return spent


def run(base: str, pid: int, args) -> None:
    known = incident_ids(base)
    plan = [(group, path.replace("{article}", str(1 + n % 1000)).replace("{incident}", known[n % len(known)]))
            for n in range(args.requests) for group, paths in [list(PAGES.items())[n % len(PAGES)]]
            for path in [paths[(n // len(PAGES)) % len(paths)]]]
    cpu = cpu_per_request(base, pid, plan[:len(PAGES) * 12], args.cpu_rounds)
    for group, path in plan[:len(PAGES) * 2]:  # warm-up: imports, caches, SQLite pages
        fetch(base, path)
    memory = [rss_kib(pid)]
    load = f"{os.getloadavg()[0]:.1f}"
    timings: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    started = time.perf_counter()
    for _ in range(2):
        with ThreadPoolExecutor(args.concurrency) as pool:
            for (group, path), (seconds, status) in zip(plan, pool.map(lambda item: fetch(base, item[1]), plan)):
                timings[group].append(seconds)
                if status != 200:
                    errors[group] += 1
        memory.append(rss_kib(pid))
    wall = time.perf_counter() - started
    print(f"load average before the loop: {load}; after: {os.getloadavg()[0]:.1f} ({os.cpu_count()} cores)")
    print(f"{2 * len(plan)} requests, concurrency {args.concurrency}, {args.workers} server process(es), {wall:.1f} s ({2 * len(plan) / wall:.0f} req/s); "
          f"server RSS after warm-up / round 1 / round 2: {' / '.join(f'{m / 1024:.0f}' for m in memory)} MiB")
    print(f"{'page':28} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'errors':>7} {'CPU ms/req':>10}")
    for group, values in timings.items():
        ordered = sorted(values)
        p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
        print(f"{group:28} {len(values):5d} {statistics.median(values) * 1000:8.0f} {p95 * 1000:8.0f} "
              f"{ordered[-1] * 1000:8.0f} {errors[group]:7d} {cpu[group] * 1000:10.0f}")


if __name__ == "__main__":
    main()
