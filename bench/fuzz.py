"""The long fuzzing run: generated articles, JSONL lines and HTML pages through the readers and
analyze_many, in several processes, until a number of inputs or a time limit is reached.

    python bench/fuzz.py [--inputs 1000000] [--minutes 60] [--processes 2] [--out DIR]

The strategies and the property are tests/fuzz_inputs.py's (tests/test_fuzz.py runs a few
hundred inputs in CI). A crash is any exception a good input raises anywhere (a bad argument,
such as a text that is not a str, may raise TypeError/ValueError through on_error); an invalid
ledger is one that is not JSON, does not round-trip, or has a span outside its text or not
holding the words recorded with it. Each failure is written to DIR/failures-<worker>.txt with
its input; progress lines go to stdout every `--report` seconds, and the last line is the total:

    fuzz: 1000448 inputs in 3512 s (285/s), 0 crashes, 0 invalid ledgers, 0 lost
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import sys
import time
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1] / "tests"
ARTICLES_PER_BATCH = 48
LINES_PER_BATCH = 12
PAGES_PER_BATCH = 2
EXAMPLES_PER_ROUND = 20


def worker(number: int, stop_at: float, quota: int, out: Path) -> None:
    """Fuzz until the quota of inputs or the time is used up; progress in DIR/progress-<n>.json."""
    sys.path.insert(0, str(TESTS))
    from hypothesis import HealthCheck, Phase, given, seed, settings
    from hypothesis import strategies as st

    from fuzz_inputs import articles, fuzz_batch, html_pages, jsonl_lines

    tried = {"inputs": 0, "crashes": 0, "invalid": 0, "lost": 0}
    progress, failures = out / f"progress-{number}.json", out / f"failures-{number}.txt"
    parent = os.getppid()

    def done() -> bool:  # the quota, the time, or the parent gone (killed): stop
        return tried["inputs"] >= quota or time.time() >= stop_at or os.getppid() != parent

    def run(batch, lines, pages):
        if done():
            return
        count, found = fuzz_batch(batch, lines, pages)
        tried["inputs"] += count
        for failure in found:
            kind = "crashes" if failure.startswith("crash:") else \
                "invalid" if failure.startswith("invalid ledger") else "lost"
            tried[kind] += 1
            with failures.open("a", encoding="utf-8") as fh:
                fh.write(failure.replace("\n", "\\n") + "\n")
        progress.write_text(json.dumps(tried))

    strategy = given(st.lists(articles, min_size=ARTICLES_PER_BATCH, max_size=ARTICLES_PER_BATCH),
                     st.lists(jsonl_lines(), min_size=LINES_PER_BATCH, max_size=LINES_PER_BATCH),
                     st.lists(html_pages(), min_size=PAGES_PER_BATCH, max_size=PAGES_PER_BATCH))
    options = settings(max_examples=EXAMPLES_PER_ROUND, deadline=None, database=None,
                       phases=[Phase.generate], suppress_health_check=list(HealthCheck))
    for round_number in range(10**9):
        if done():
            break
        seed(number * 10**9 + round_number)(options(strategy(run)))()


def totals(out: Path) -> dict[str, int]:
    found = {"inputs": 0, "crashes": 0, "invalid": 0, "lost": 0}
    for path in out.glob("progress-*.json"):
        try:
            for key, value in json.loads(path.read_text()).items():
                found[key] += value
        except (ValueError, OSError):
            pass  # being rewritten this instant: read it next time
    return found


def line(found: dict[str, int], seconds: float) -> str:
    return (f"fuzz: {found['inputs']} inputs in {seconds:.0f} s ({found['inputs'] / max(seconds, 1):.0f}/s), "
            f"{found['crashes']} crashes, {found['invalid']} invalid ledgers, {found['lost']} lost")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=1_000_000)
    parser.add_argument("--minutes", type=float, default=24 * 60)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--report", type=float, default=60, help="seconds between progress lines")
    parser.add_argument("--out", type=Path, default=Path("out/fuzz"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for old in list(args.out.glob("progress-*.json")) + list(args.out.glob("failures-*.txt")):
        old.unlink()
    began = time.time()
    stop_at = began + args.minutes * 60
    quota = -(-args.inputs // args.processes)
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=worker, args=(n, stop_at, quota, args.out))
               for n in range(args.processes)]
    for process in workers:
        process.start()
    while any(process.is_alive() for process in workers):
        for process in workers:
            process.join(timeout=args.report / len(workers))
        print(line(totals(args.out), time.time() - began), flush=True)
    found = totals(args.out)
    print(line(found, time.time() - began), flush=True)
    if any(process.exitcode for process in workers):
        print(f"fuzz: a worker died (exit codes {[p.exitcode for p in workers]})", flush=True)
        sys.exit(2)
    sys.exit(1 if found["crashes"] or found["invalid"] or found["lost"] else 0)


if __name__ == "__main__":
    main()
