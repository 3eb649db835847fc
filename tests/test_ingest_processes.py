"""Ingest as real processes: killed with SIGKILL in the middle of a run and run again, it ends
with the same rows as a clean run, every article once; --workers 2 writes the same store as
--workers 1."""
from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import create_engine, text

from newsledger.ingest import articles_from, ingest as ingest_here
from newsledger.store import Store

CLI = Path(sys.executable).parent / "newsledger"
ACTORS = ["Militia fighters", "Government troops", "Rebel forces", "Police", "Gunmen"]
TARGETS = ["a village", "a checkpoint", "a market", "an army post", "a convoy"]
PLACES = ["Beni", "Nyala", "Gao", "Kidal", "Bunia", "Marib"]
SOURCES = ["local officials", "a military spokesman", "witnesses", "the health ministry"]


def write_corpus(path: Path, articles: int, seed: int = 7) -> None:
    """Short invented reports, one JSONL line each, all different."""
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8") as out:
        for number in range(articles):
            sentences = [
                f"{rng.choice(ACTORS)} attacked {rng.choice(TARGETS)} near {rng.choice(PLACES)} on "
                f"Monday, killing {rng.randint(2, 40)} people, {rng.choice(SOURCES)} said."
                for _ in range(rng.randint(2, 4))]
            record = {"text": " ".join(sentences) + f" Report {number}.", "outlet": "Test Wire",
                      "published": f"2024-04-{1 + number % 28:02d}"}
            out.write(json.dumps(record) + "\n")


def ingest(source: Path, url: str, *extra: str) -> subprocess.Popen:
    return subprocess.Popen([str(CLI), "ingest", str(source), "--db", url, *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def counts(url: str) -> dict[str, int]:
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.connect() as connection:
        found = {table: connection.scalar(text(f"SELECT count(*) FROM {table}"))
                 for table in ("articles", "events", "claims", "entities")}
        found["distinct fingerprints"] = connection.scalar(
            text("SELECT count(DISTINCT fingerprint) FROM articles"))
    engine.dispose()
    return found


def clean_run(corpus: Path, url: str, batch_size: int) -> None:
    """The same ingest, uninterrupted, in this process (its analyzer is already loaded)."""
    with Store(url) as store:
        items = articles_from([str(corpus)], max_bytes=10**6, on_skip=print)
        ingest_here(items, store, workers=1, batch_size=batch_size)


def test_sigkill_mid_ingest_then_rerun_stores_every_article_once(nlp, tmp_path, store_url):
    corpus = tmp_path / "corpus.jsonl"
    write_corpus(corpus, 24)
    clean_url = f"sqlite:///{tmp_path / 'clean.db'}"
    clean_run(corpus, clean_url, 4)

    Store(store_url).close()  # the schema exists before the child starts, so polling can count
    child = ingest(corpus, store_url, "--workers", "1", "--batch-size", "4")
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and child.poll() is None:
        stored = counts(store_url)["articles"]
        if stored >= 8:  # two batches committed, the third in flight
            break
        time.sleep(0.05)
    assert child.poll() is None, "the ingest ended before it could be killed"
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=30)
    partial = counts(store_url)
    assert 8 <= partial["articles"] < 24
    assert partial["articles"] % 4 == 0  # whole batches only: no article half-stored

    rerun = ingest(corpus, store_url, "--workers", "1", "--batch-size", "4")
    assert rerun.wait(timeout=300) == 0, rerun.stderr.read()
    summary = rerun.stderr.read().strip().splitlines()[-1]
    assert summary.startswith(f"newsledger: {24 - partial['articles']} new, "
                              f"{partial['articles']} already stored, 0 failed")
    assert counts(store_url) == counts(clean_url)
    assert counts(store_url)["distinct fingerprints"] == 24


def _dump(url: str) -> dict[str, list[tuple]]:
    engine = create_engine(url)
    dump = {}
    with engine.connect() as connection:
        for table in ("articles", "events", "claims", "entities"):
            result = connection.execute(text(f"SELECT * FROM {table} ORDER BY id"))
            keep = [i for i, name in enumerate(result.keys()) if name != "stored_at"]
            dump[table] = [tuple(row[i] for i in keep) for row in result]
    engine.dispose()
    return dump


def test_workers_write_the_same_store_as_one_process(nlp, tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    write_corpus(corpus, 12, seed=11)
    one, two = f"sqlite:///{tmp_path / 'one.db'}", f"sqlite:///{tmp_path / 'two.db'}"
    clean_run(corpus, one, 3)
    child = ingest(corpus, two, "--workers", "2", "--batch-size", "3")
    assert child.wait(timeout=300) == 0, child.stderr.read()
    assert len(_dump(one)["articles"]) == 12 and _dump(one)["events"]
    assert _dump(two) == _dump(one)


def test_a_terminal_sees_a_progress_bar_and_a_pipe_only_the_summary(tmp_path):
    import fcntl
    import pty
    import struct
    import termios

    corpus = tmp_path / "corpus.jsonl"
    write_corpus(corpus, 3, seed=5)
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 120, 0, 0))  # 120 columns
    child = subprocess.Popen([str(CLI), "ingest", str(corpus), "--workers", "1", "--db",
                              f"sqlite:///{tmp_path / 'tty.db'}"], stderr=follower,
                             stdout=subprocess.DEVNULL)
    os.close(follower)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        seen += chunk
    assert child.wait(timeout=300) == 0
    os.close(leader)
    shown = seen.decode("utf-8", "replace")
    assert "3/3" in shown and "articles/s" in shown  # count, rate (and ETA while running)
    assert "newsledger: 3 new, 0 already stored, 0 failed" in shown

    piped = ingest(corpus, f"sqlite:///{tmp_path / 'tty.db'}", "--workers", "1")
    assert piped.wait(timeout=300) == 0
    assert piped.stderr.read() == f"newsledger: 0 new, 3 already stored, 0 failed (sqlite:///{tmp_path / 'tty.db'})\n"
