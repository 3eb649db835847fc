"""Analysis on a real Dask LocalCluster (2 worker processes, 1 thread each): the same ledgers
and the same store as one process, the pipeline loaded once per worker, and nothing lost or
stored twice when a worker process is SIGKILLed mid-run or the client is killed and run again."""
from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsledger import analyze_many
from newsledger.cli import main
from newsledger.cluster import Cluster, ClusterError, parse_address
from newsledger.article_input import ArticleInput
from newsledger.ingest import analyze_batch, ingest, reanalyze
from newsledger.store import Store
from synthetic_articles import articles, dump, jsonl_file

pytestmark = pytest.mark.cluster
NEWSLEDGER = [str(Path(sys.executable).with_name("newsledger"))]  # the installed command


def batched(items, size):
    return [items[start:start + size] for start in range(0, len(items), size)]


@pytest.fixture(scope="module")
def cluster():
    with Cluster("local:2") as started:
        yield started


@pytest.fixture(scope="module")
def corpus():
    items = articles(24)
    return items, [ledger.to_dict() for ledger in analyze_many(items)]


@pytest.fixture(scope="module")
def one_process(corpus, tmp_path_factory):
    """The input as a JSONL file, and the store `--workers 1` makes of it (a table dump)."""
    folder = tmp_path_factory.mktemp("one-process")
    source = jsonl_file(folder / "articles.jsonl", corpus[0])
    url = f"sqlite:///{folder / 'one.db'}"
    result = CliRunner().invoke(main, ["ingest", str(source), "--db", url, "--workers", "1",
                                       "--batch-size", "4"])
    assert result.exit_code == 0, result.output
    return source, dump(url)


def test_cluster_ledgers_equal_one_process_in_input_order(cluster, corpus):
    items, expected = corpus
    analyzed = list(cluster.analyze(batched(items, 3)))
    assert [ledger.to_dict() for batch in analyzed for ledger in batch.ledgers] == expected
    assert all(not batch.failures for batch in analyzed)
    builds = cluster.pipeline_builds()
    assert len(builds) == 2 and set(builds.values()) == {1}  # 8 batches, one load per worker


def test_cluster_reports_a_failed_article_as_one_process_does(cluster, corpus):
    """An article the analysis refuses (not English) comes back as the same Failure (origin and
    reason) that one process reports, so `ingest --cluster` can warn about it and go on."""
    german = ArticleInput(text="Die Stadtverwaltung hat am Montag neue Regeln für den Verkehr in der "
                               "Innenstadt angekündigt, die ab der nächsten Woche gelten sollen.",
                          origin="test:german")
    batch = [corpus[0][0], german]
    [analyzed] = cluster.analyze([batch])
    expected = analyze_batch(batch)
    assert analyzed.failures == expected.failures
    assert [failure.origin for failure in analyzed.failures] == ["test:german"]
    assert [ledger.to_dict() for ledger in analyzed.ledgers] == [corpus[1][0]]


def test_cluster_ingest_stores_what_one_process_stores(cluster, one_process, tmp_path):
    source, expected = one_process
    url = f"sqlite:///{tmp_path / 'cluster.db'}"
    result = CliRunner().invoke(main, ["ingest", str(source), "--db", url, "--batch-size", "3",
                                       "--cluster", cluster.client.scheduler.address])
    assert result.exit_code == 0, result.output
    assert "24 new, 0 already stored, 0 failed" in result.output
    assert dump(url) == expected  # same rows, same ids, in every table
    assert len(expected["incident_checked"]) == 24 and expected["incidents"]


def test_worker_killed_mid_ingest_stores_every_article_once(cluster, corpus, one_process, tmp_path):
    items, _ = corpus
    victim = max(cluster.client.run(os.getpid).values())  # each worker says its process id
    killed = []

    def kill_once(done):  # after the first batch is stored: the victim has batches in flight
        if not killed:
            os.kill(victim, signal.SIGKILL)
            killed.append(victim)

    url = f"sqlite:///{tmp_path / 'killed-worker.db'}"
    with Store(url) as store:
        result = ingest(items, store, batch_size=2, analyzer=cluster.analyze, link_every=5,
                        on_progress=kill_once)  # linked 5 or 6 at a time: the same incidents
    assert killed and (result.new, result.failed) == (24, 0)
    assert dump(url) == one_process[1]
    cluster.client.wait_for_workers(2, timeout=120)  # the nanny restarts the killed worker...
    assert victim not in cluster.client.run(os.getpid).values()
    assert set(cluster.pipeline_builds().values()) == {1}  # ...and the plugin loads it there once


def test_client_killed_mid_ingest_then_rerun_stores_every_article_once(cluster, one_process,
                                                                       tmp_path):
    source, expected = one_process
    database = tmp_path / "killed-client.db"
    command = [*NEWSLEDGER, "ingest", str(source), "--db", f"sqlite:///{database}",
               "--batch-size", "2", "--cluster", cluster.client.scheduler.address]
    client = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        stored = wait_for_articles(database, at_least=4, process=client)
    finally:
        client.kill()  # SIGKILL: no cleanup, whatever batch was in flight
        client.wait()
    assert 4 <= stored < 24, "the client must be killed mid-run"
    rerun = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert dump(f"sqlite:///{database}") == expected  # the rerun links what the killed run stored


def wait_for_articles(database, *, at_least: int, process: subprocess.Popen) -> int:
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and process.poll() is None:
        if database.exists():
            with sqlite3.connect(database) as connection:
                try:
                    count = connection.execute("SELECT count(*) FROM articles").fetchone()[0]
                except sqlite3.OperationalError:  # the schema is still being created
                    count = 0
            if count >= at_least:
                return count
        time.sleep(0.05)
    raise AssertionError(f"the ingest stored fewer than {at_least} articles (exit {process.poll()})")


def test_reanalyze_on_the_cluster(cluster, corpus, tmp_path):
    items, expected = corpus
    url = f"sqlite:///{tmp_path / 'reanalyze.db'}"
    with Store(url) as store:  # what an older analyzer stored: the articles, nothing found in them
        old = [replace(ledger, events=[], claims=[], entities=[]) for ledger in analyze_many(items[:6])]
        store.add(old, analyzer_version="0.0.1", model="an older model")
        result = reanalyze(store, batch_size=2, analyzer=cluster.analyze)
        assert (result.stale, result.replaced, result.failed) == (6, 6, 0)
        assert [store.ledger(row.id).to_dict() for row in store.articles()] == expected[:6]


def test_unreachable_scheduler_is_one_error_line_and_nothing_written(one_process, tmp_path):
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    database = tmp_path / "never.db"
    run = subprocess.run([*NEWSLEDGER, "ingest", str(one_process[0]), "--db", f"sqlite:///{database}",
                          "--cluster", f"tcp://127.0.0.1:{port}"], capture_output=True, text=True)
    assert run.returncode == 1
    assert run.stderr.startswith(f"newsledger: error: cannot reach the Dask scheduler at "
                                 f"tcp://127.0.0.1:{port} within 10 s")
    assert len(run.stderr.strip().splitlines()) == 1
    assert not database.exists()


def test_unreachable_scheduler_in_the_library():
    with pytest.raises(ClusterError, match=r"cannot reach the Dask scheduler at tcp://127.0.0.1:1 "):
        Cluster("tcp://127.0.0.1:1", connect_timeout=1)


@pytest.mark.parametrize("address", ["local:0", "local:x", "local:", "scheduler:8786"])
def test_bad_cluster_address_is_refused(address):
    with pytest.raises(ClusterError, match="expected"):
        parse_address(address)


def test_cluster_addresses():
    assert parse_address("tcp://10.0.0.5:8786") == ("tcp://10.0.0.5:8786", None)
    assert parse_address("local:3") == (None, 3)
