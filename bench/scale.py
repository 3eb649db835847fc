"""Scale: ingest throughput of 1 process, `--workers 2` and a 2-worker Dask LocalCluster, side by
side on the same corpus, and the memory of cluster workers over a long run.

    nice python bench/scale.py [--articles 300] [--words 600] [--rss-articles 20000]

The corpus is bench/throughput.py's seeded generator, its articles joined until each has at least
`--words` words (600: the length the articles/day goal is stated for). Every mode ingests the
same articles into a fresh SQLite store, through `newsledger.ingest.ingest` as the command does.
Times are steady state: from the first stored batch to the last, so that loading the model and
starting processes (reported apart) do not count. Alongside the wall-clock speed-up, the CPU
seconds per article of all processes of a mode are reported: on a shared machine the wall clock
depends on what else runs, while CPU per article shows what the parallel modes cost in overhead;
the idle-machine speed-up they imply is 2 x (CPU/article of 1 process) / (CPU/article of the mode).
Then one long cluster ingest records each worker's RSS and peak RSS every `--rss-every` articles.
"""
from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

import psutil

from newsledger import ArticleInput
from newsledger.cluster import Cluster
from newsledger.ingest import ingest
from newsledger.pipeline import prepared
from newsledger.store import Store
from throughput import corpus

BATCH = 5  # small batches: many of them, so the first and last batch barely bias the rate
DAY = 86_400
GOAL_PER_DAY = 1_000_000


def long_articles(count: int, words: int) -> list[ArticleInput]:
    """`count` articles of at least `words` words, each made of consecutive generated ones."""
    pieces = iter(corpus(count * (words // 100 + 2)))
    items = []
    for number in range(count):
        text = ""
        while len(text.split()) < words:
            piece = next(pieces)
            text = f"{text}\n\n{piece.text}" if text else piece.text
            published = piece.published
        items.append(ArticleInput(text=text, title=f"Scale {number}", published=published))
    return items


def process_tree_cpu() -> float:
    """CPU seconds of this process and every live child (pool or cluster workers)."""
    total = 0.0
    for process in [psutil.Process(), *psutil.Process().children(recursive=True)]:
        try:
            times = process.cpu_times()
            total += times.user + times.system
        except psutil.NoSuchProcess:
            continue
    return total


class Clock:
    """on_progress for ingest: wall time, CPU time and articles from the first stored batch on."""

    def __init__(self):
        self.started = time.monotonic()
        self.first = self.last = None
        self.cpu_first = self.cpu_last = 0.0
        self.done = self.done_at_first = 0

    def __call__(self, done: int) -> None:
        self.done += done
        now, cpu = time.monotonic(), process_tree_cpu()
        if self.first is None:
            self.first, self.cpu_first = now, cpu
            self.done_at_first = self.done
        self.last, self.cpu_last = now, cpu

    def row(self, name: str, words_per_article: float, idle_cpu_per_s: float = 0.0) -> dict:
        articles = self.done - self.done_at_first
        seconds = self.last - self.first
        cpu = self.cpu_last - self.cpu_first - idle_cpu_per_s * seconds
        return {"mode": name, "articles/s": articles / seconds, "startup_s": self.first - self.started,
                "cpu/article": cpu / articles,
                "words/s": articles * words_per_article / seconds}


def idle_overhead(seconds: float = 10.0) -> float:
    """CPU seconds per second that the scheduler, nannies and workers spend with nothing to do
    (heartbeats, memory monitors): a cost per second, not per article, which a machine slowed
    down by other work inflates per article."""
    before, start = process_tree_cpu(), time.monotonic()
    time.sleep(seconds)
    return (process_tree_cpu() - before) / (time.monotonic() - start)


def run_mode(name: str, items: list[ArticleInput], folder: Path, **how) -> Clock:
    clock = Clock()
    with Store(f"sqlite:///{folder / (name.replace(' ', '-') + '.db')}") as store:
        result = ingest(items, store, batch_size=BATCH, on_progress=clock, **how)
    assert result.new == len(items), f"{name}: stored {result.new} of {len(items)}"
    return clock


def store_cost(url: str, folder: Path) -> float:
    """CPU seconds per article of the client's own work, per article: the ledgers of a stored run
    turned back into dicts and objects (as they arrive from workers) and stored again, in batches."""
    from newsledger.ledger import Ledger

    with Store(url) as source:
        ledgers = [ledger.to_dict() for ledger in source.ledgers()]
    with Store(f"sqlite:///{folder / 'store-cost.db'}") as store:
        start = time.process_time()
        for first in range(0, len(ledgers), BATCH):
            batch = [Ledger.from_dict(data) for data in ledgers[first:first + BATCH]]
            store.add_batch(batch, analyzer_version="bench", model="bench")
        return (time.process_time() - start) / len(ledgers)


def worker_memory() -> tuple[int, int]:
    """(RSS now, peak RSS) of a worker process, in bytes (run on each worker)."""
    import resource

    import psutil as worker_psutil

    return (worker_psutil.Process().memory_info().rss,
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024)


def by_worker(cluster: Cluster) -> list[tuple[int, int]]:
    return [memory for _, memory in sorted(cluster.client.run(worker_memory).items())]


def memory_curve(items: list[ArticleInput], folder: Path, every: int) -> list[tuple[int, list]]:
    """One long 2-worker cluster ingest; each worker's (RSS, peak RSS) every `every` articles."""
    curve: list[tuple[int, list]] = []
    with Cluster("local:2") as cluster, Store(f"sqlite:///{folder / 'memory.db'}") as store:
        done = 0

        def sample(count: int) -> None:
            nonlocal done
            done += count
            if done // every > len(curve) - 1 or done == len(items):
                curve.append((done, by_worker(cluster)))
                print(f"  {done:6,d} articles: " + ", ".join(
                    f"worker RSS {rss / 2**20:5.0f} MiB (peak {peak / 2**20:5.0f})"
                    for rss, peak in curve[-1][1]), flush=True)

        curve.append((0, by_worker(cluster)))
        ingest(items, store, batch_size=BATCH, analyzer=cluster.analyze, on_progress=sample)
    return curve


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=300, help="articles per throughput mode")
    parser.add_argument("--words", type=int, default=600, help="least words per article")
    parser.add_argument("--rss-articles", type=int, default=20_000,
                        help="articles of the long cluster run (0: skip it)")
    parser.add_argument("--rss-every", type=int, default=1_000)
    args = parser.parse_args()

    items = long_articles(args.articles, args.words)
    words = sum(len(item.text.split()) for item in items) / len(items)
    print(f"corpus: {len(items)} articles of {words:.0f} words on average; batches of {BATCH}; "
          f"{os.cpu_count()} cores; load average before: {os.getloadavg()[0]:.1f}", flush=True)
    prepared()  # the 1-process mode's model, loaded before its clock starts
    rows = []
    with tempfile.TemporaryDirectory(prefix="newsledger-scale-") as folder:
        rows.append(run_mode("1 process", items, Path(folder), workers=1).row("1 process", words))
        rows.append(run_mode("workers 2", items, Path(folder), workers=2).row("--workers 2", words))
        with Cluster("local:2") as cluster:
            idle = idle_overhead()
            clock = run_mode("cluster", items, Path(folder), analyzer=cluster.analyze)
            rows.append(clock.row("LocalCluster, 2 workers", words))
            rows.append(clock.row("  less Dask's idle overhead", words, idle))
        load = os.getloadavg()
        client = store_cost(f"sqlite:///{Path(folder) / 'cluster.db'}", Path(folder))
        report(rows, words, load, client)
        if args.rss_articles:
            print(f"\nmemory of the 2 cluster workers over {args.rss_articles:,} articles:", flush=True)
            curve = memory_curve(long_articles(args.rss_articles, args.words), Path(folder),
                                 args.rss_every)
            report_memory(curve)
    print(f"load average after: {', '.join(f'{value:.1f}' for value in os.getloadavg())}")


def report(rows: list[dict], words: float, load: tuple[float, float, float], client: float) -> None:
    base = rows[0]
    print(f"\n{'mode':26s} {'articles/s':>10s} {'speed-up':>8s} {'CPU s/article':>13s} "
          f"{'idle-machine speed-up':>21s} {'startup s':>9s}")
    for row in rows:
        implied = 2 * base["cpu/article"] / row["cpu/article"] if row is not base else 1.0
        print(f"{row['mode']:26s} {row['articles/s']:10.2f} {row['articles/s'] / base['articles/s']:7.2f}x "
              f"{row['cpu/article']:13.3f} {implied:20.2f}x {row['startup_s']:9.1f}")
    print(f"(load average during the runs: {', '.join(f'{value:.1f}' for value in load)} "
          f"on {os.cpu_count()} cores)")
    cluster = rows[-1]  # the cluster's cost per article, less its idle overhead
    machine_day = 2 * DAY / cluster["cpu/article"]  # client and both workers share the 2 cores
    worker_day = DAY / (cluster["cpu/article"] - client)  # a worker core analyzes, the client stores
    print(f"\nextrapolated, {words:.0f}-word articles, from CPU seconds per article:")
    print(f"  one 2-core machine, client and 2 cluster workers: {machine_day:12,.0f} articles/day "
          f"(goal {GOAL_PER_DAY:,})")
    print(f"  measured here, wall clock (shared machine):        {cluster['articles/s'] * DAY:12,.0f} "
          f"articles/day")
    print(f"  one worker core analyzes {worker_day:,.0f} articles/day; 16 workers "
          f"{16 * worker_day:,.0f}/day; the goal needs {-(-GOAL_PER_DAY // int(worker_day))} worker cores")
    print(f"  the client stores in SQLite at {client * 1000:.1f} ms CPU per article: it keeps up "
          f"with {1 / client:,.0f} articles/s, {DAY / client:,.0f} articles/day, "
          f"{DAY / client / (16 * worker_day):.2f}x what 16 workers produce")


def report_memory(curve: list[tuple[int, list]]) -> None:
    after_first = [point for point in curve if point[0] >= min(1000, curve[-1][0])]
    first, last = after_first[0], curve[-1]
    for worker in range(len(last[1])):
        grown = (last[1][worker][0] - first[1][worker][0]) / 2**20
        print(f"  worker {worker + 1}: RSS {first[1][worker][0] / 2**20:.0f} MiB after "
              f"{first[0]:,} articles, {last[1][worker][0] / 2**20:.0f} MiB after {last[0]:,} "
              f"({grown:+.0f} MiB); peak {last[1][worker][1] / 2**20:.0f} MiB")


if __name__ == "__main__":
    main()
