"""Scale: ingest throughput of 1 process, `--workers 2` and a 2-worker Dask LocalCluster, side by
side on the same corpus, and the memory of cluster workers over a long run.

    nice python bench/scale.py [--articles 300] [--words 600] [--rss-articles 20000]

The corpus is bench/throughput.py's seeded generator, its articles joined until each has `--words`
words on average (600: the length the articles/day goal is stated for), in publication order. Every mode ingests the
same articles into a fresh SQLite store, through `newsledger.ingest.ingest` as the command does.
Times are steady state: from the first stored batch after WARMUP articles to the end of the
ingest (its incident linking included), so that loading the model and starting processes
(reported apart as startup) do not count, not even in a worker that finished loading after
another one stored the first batch. Alongside the wall-clock speed-up, the CPU
seconds per article of all processes of a mode are reported: on a shared machine the wall clock
depends on what else runs, while CPU per article shows what the parallel modes cost in overhead;
the idle-machine speed-up they imply is 2 x (CPU/article of 1 process) / (CPU/article of the mode).
Each mode prints its one-line summary as soon as it is done (`--rss-articles 0` runs only this
speed part: about 5 minutes for 300 articles on an idle 2-core machine).

Then one long cluster ingest records each worker's RSS and peak RSS every `--rss-every` articles.
Its articles (`--rss-words` long) each also name a few places and people made up for it, so
that the run meets new words all along, as a real news stream does: the generated corpus alone
repeats a closed vocabulary and would hide a vocabulary that grows with every new word.
"""
from __future__ import annotations

import argparse
import dataclasses
import os
import pickle
import random
import re
import resource
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Iterator, Optional

import psutil

from newsledger import ArticleInput
from newsledger.cluster import Cluster
from newsledger.ingest import BatchResult, ingest
from newsledger.pipeline import prepared
from newsledger.store import Store
from throughput import corpus

BATCH = 5  # small batches: many of them, so the first and last batch barely bias the rate
WARMUP = 30  # articles stored before the clock starts: every worker has loaded and is busy
DAY = 86_400
GOAL_PER_DAY = 1_000_000
SENTENCE_END = re.compile(r"(?<=\.) ")  # between two of the generator's sentences


SYLLABLES = ["ka", "ro", "vel", "mi", "dun", "tsa", "or", "bel", "ni", "qua", "zer", "lo", "an",
             "gri", "su", "mek"]


def made_up_name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


def with_new_names(items: list[ArticleInput], seed: int = 7) -> list[ArticleInput]:
    """Each article with one more sentence naming a made-up village and official (about 70,000
    possible names): new words all along the run, as in a real news stream."""
    rng = random.Random(seed)
    return [dataclasses.replace(item, text=f"{item.text}\n\nResidents of {made_up_name(rng)} said "
                                           f"{made_up_name(rng)} {made_up_name(rng)}, a local "
                                           f"official, had left the area.") for item in items]


def in_publication_order(items: list[ArticleInput]) -> list[ArticleInput]:
    """The articles as a news stream delivers them, in publication order. The generator scatters
    them over a year in random order; arriving like that, every linking would replay most linked
    accounts (incidents/replay.py), a cost of late articles that bench/incidents.py measures
    apart, not one of running in parallel."""
    return sorted(items, key=lambda item: item.published or date.max)


def long_articles(count: int, words: int) -> list[ArticleInput]:
    """`count` articles of `words` words on average (a few more: each ends with the sentence that
    reaches `words`), each made of consecutive generated reports, the last one cut there."""
    pieces = iter(corpus(count * (words // 50 + 2)))
    items = []
    for number in range(count):
        paragraphs: list[str] = []
        length = 0
        while length < words:
            piece = next(pieces)
            sentences = []
            for sentence in SENTENCE_END.split(piece.text):
                sentences.append(sentence)
                length += len(sentence.split())
                if length >= words:
                    break
            paragraphs.append(" ".join(sentences))
            published = piece.published
        items.append(ArticleInput(text="\n\n".join(paragraphs), title=f"Scale {number}",
                                  published=published))
    return items


def process_tree_cpu() -> float:
    """CPU seconds of this process, every live child (pool or cluster workers) and every child
    that has ended (a pool's workers, once the ingest is over)."""
    ended = resource.getrusage(resource.RUSAGE_CHILDREN)
    total = ended.ru_utime + ended.ru_stime
    for process in [psutil.Process(), *psutil.Process().children(recursive=True)]:
        try:
            times = process.cpu_times()
            total += times.user + times.system
        except psutil.NoSuchProcess:
            continue
    return total


class Clock:
    """on_progress for ingest: wall time, CPU time and articles from the first stored batch on."""

    def __init__(self, warmup: int = WARMUP):
        self.warmup = warmup
        self.started = time.monotonic()
        self.first = self.last = None
        self.cpu_first = self.cpu_last = 0.0
        self.done = self.done_at_first = 0

    def __call__(self, done: int) -> None:
        self.done += done
        if self.done < self.warmup:
            return
        now, cpu = time.monotonic(), process_tree_cpu()
        if self.first is None:
            self.first, self.cpu_first = now, cpu
            self.done_at_first = self.done
        self.last, self.cpu_last = now, cpu

    def finish(self) -> None:
        """The ingest returned: its last work (linking the articles into incidents) counts too."""
        self.last, self.cpu_last = time.monotonic(), process_tree_cpu()

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
        clock.finish()
    assert result.new == len(items), f"{name}: stored {result.new} of {len(items)}"
    return clock


def store_cost(url: str, folder: Path) -> float:
    """CPU seconds per article of the client's own work: the ledgers of a stored run ingested
    again by `ingest` itself, from an analyzer that hands back the pickled batch results (as
    they arrive from workers): unpickling, storing and incident linking, nothing else."""
    with Store(url) as source:
        ledgers = list(source.ledgers())
    pickled = [pickle.dumps(BatchResult(ledgers[first:first + BATCH]))
               for first in range(0, len(ledgers), BATCH)]
    items = [ArticleInput(text=ledger.text, url=ledger.article.url) for ledger in ledgers]

    def replay(batches: Iterator[list[ArticleInput]]) -> Iterator[BatchResult]:
        return (pickle.loads(result) for result, _ in zip(pickled, batches))

    with Store(f"sqlite:///{folder / 'store-cost.db'}") as store:
        start = time.process_time()
        ingest(items, store, batch_size=BATCH, analyzer=replay)
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
                print(f"  {done:6,d} articles, {time.strftime('%H:%M:%S')}, load "
                      f"{os.getloadavg()[0]:.1f}: " + ", ".join(
                    f"worker RSS {rss / 2**20:5.0f} MiB (peak {peak / 2**20:5.0f})"
                    for rss, peak in curve[-1][1]), flush=True)

        curve.append((0, by_worker(cluster)))
        ingest(items, store, batch_size=BATCH, analyzer=cluster.analyze, on_progress=sample)
    return curve


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=300, help="articles per throughput mode")
    parser.add_argument("--words", type=int, default=600, help="words per article, on average")
    parser.add_argument("--rss-articles", type=int, default=20_000,
                        help="articles of the long cluster run (0: skip it)")
    parser.add_argument("--rss-words", type=int, default=600, help="words per article there, on average")
    parser.add_argument("--rss-every", type=int, default=1_000)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="newsledger-scale-") as folder:
        if args.articles:
            speed(in_publication_order(long_articles(args.articles, args.words)), Path(folder))
        if args.rss_articles:
            items = in_publication_order(with_new_names(long_articles(args.rss_articles,
                                                                      args.rss_words)))
            print(f"\nmemory of the 2 cluster workers over {len(items):,} articles of "
                  f"{mean_words(items):.0f} words:", flush=True)
            report_memory(memory_curve(items, Path(folder), args.rss_every))
    print(f"load average after: {', '.join(f'{value:.1f}' for value in os.getloadavg())}")


def mean_words(items: list[ArticleInput]) -> float:
    return sum(len(item.text.split()) for item in items) / len(items)


def speed(items: list[ArticleInput], folder: Path) -> None:
    """The three modes on the same articles, each summed up in one line as soon as it is done."""
    words = mean_words(items)
    print(f"corpus: {len(items)} articles of {words:.0f} words on average; batches of {BATCH}, "
          f"clock from article {WARMUP}; {os.cpu_count()} cores; load average before: "
          f"{os.getloadavg()[0]:.1f}", flush=True)
    prepared()  # the 1-process mode's model, loaded before its clock starts
    rows = [summed_up(run_mode("1 process", items, folder, workers=1).row("1 process", words))]
    rows.append(summed_up(run_mode("workers 2", items, folder, workers=2).row("--workers 2", words),
                          rows[0]))
    with Cluster("local:2") as cluster:
        idle = idle_overhead()
        clock = run_mode("cluster", items, folder, analyzer=cluster.analyze)
        summed_up(clock.row("LocalCluster, 2 workers", words), rows[0])
        rows.append(summed_up(clock.row("LocalCluster, less idle", words, idle), rows[0]))
    client = store_cost(f"sqlite:///{folder / 'cluster.db'}", folder)
    extrapolate(rows, words, client)


def summed_up(row: dict, base: Optional[dict] = None) -> dict:
    """One line for a mode: wall-clock rate and speed-up, CPU per article, and the speed-up that
    CPU per article implies on an idle 2-core machine (2 x base CPU / this CPU)."""
    base = base or row
    implied = 2 * base["cpu/article"] / row["cpu/article"] if row is not base else 1.0
    print(f"{row['mode']:24s} {row['articles/s']:6.2f} articles/s {row['articles/s'] / base['articles/s']:5.2f}x "
          f"wall | {row['cpu/article']:.3f} CPU s/article, idle-machine speed-up {implied:.2f}x | "
          f"startup {row['startup_s']:.0f} s | load {os.getloadavg()[0]:.1f}", flush=True)
    return row


def extrapolate(rows: list[dict], words: float, client: float) -> None:
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
    print(f"  the client stores and links in SQLite at {client * 1000:.1f} ms CPU per article: it keeps up "
          f"with {1 / client:,.0f} articles/s, {DAY / client:,.0f} articles/day, "
          f"{DAY / client / (16 * worker_day):.2f}x what 16 workers produce")


CHECKPOINTS = (1_000, 5_000, 20_000)


def report_memory(curve: list[tuple[int, list]]) -> None:
    """Each worker's RSS at 1,000, 5,000 and 20,000 articles (those the run reached, and its last
    point) and its peak RSS over the run."""
    points = [min((point for point in curve if point[0] >= mark), key=lambda point: point[0])
              for mark in CHECKPOINTS if mark <= curve[-1][0]]
    points = points if points and points[-1] is curve[-1] else [*points, curve[-1]]
    for worker in range(len(curve[-1][1])):
        at = ", ".join(f"{memory[worker][0] / 2**20:.0f} MiB at {done:,}" for done, memory in points)
        grown = (points[-1][1][worker][0] - points[0][1][worker][0]) / 2**20
        print(f"  worker {worker + 1}: RSS {at} ({grown:+.0f} MiB from {points[0][0]:,} to "
              f"{points[-1][0]:,}); peak RSS {curve[-1][1][worker][1] / 2**20:.0f} MiB", flush=True)


if __name__ == "__main__":
    main()
