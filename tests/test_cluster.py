"""Analysis on a real Dask LocalCluster (2 worker processes, 1 thread each): the same ledgers as
one process, in input order, with the pipeline loaded once per worker, and nothing lost or
repeated when a worker process is killed with SIGKILL in the middle of a run."""
from __future__ import annotations

import os
import signal
import socket
from datetime import date, timedelta

import pytest

from newsledger import ArticleInput, analyze_many
from newsledger.cluster import Cluster, ClusterError, parse_address

pytestmark = pytest.mark.cluster

PLACES = ["Goma", "Mosul", "Kharkiv", "Marib", "Gao", "Idlib"]
SIDES = ["Rebel fighters", "Government troops", "Armed men", "Militia members"]
TARGETS = ["a checkpoint", "a market", "an army post", "a convoy"]


def articles(count: int) -> list[ArticleInput]:
    """Short distinct articles, each with an attack, a death toll and a claim."""
    items = []
    for number in range(count):
        place, side = PLACES[number % len(PLACES)], SIDES[number % len(SIDES)]
        text = (f"{side} attacked {TARGETS[number % len(TARGETS)]} in {place} on Monday, killing "
                f"{number + 2} people, officials said. The health ministry said {number + 5} "
                f"people were wounded. Residents said the fighting went on for hours.")
        items.append(ArticleInput(text=text, title=f"Attack {number}", origin=f"test:{number}",
                                  published=date(2024, 1, 1) + timedelta(days=number)))
    return items


def batched(items: list[ArticleInput], size: int) -> list[list[ArticleInput]]:
    return [items[start:start + size] for start in range(0, len(items), size)]


@pytest.fixture(scope="module")
def cluster():
    with Cluster("local:2") as started:
        yield started


@pytest.fixture(scope="module")
def corpus():
    items = articles(36)
    return items, [ledger.to_dict() for ledger in analyze_many(items)]


def test_cluster_ledgers_equal_one_process_in_input_order(cluster, corpus):
    items, expected = corpus
    analyzed = list(cluster.analyze(batched(items, 3)))
    assert [ledger.to_dict() for batch in analyzed for ledger in batch.ledgers] == expected
    assert all(not batch.failures for batch in analyzed)
    builds = cluster.pipeline_builds()
    assert len(builds) == 2 and set(builds.values()) == {1}  # 12 batches, one load per worker


def test_worker_killed_mid_run_loses_and_repeats_nothing(cluster, corpus):
    items, expected = corpus
    victim = max(cluster.client.run(os.getpid).values())  # each worker says its process id
    results = cluster.analyze(batched(items, 2))
    ledgers = [ledger.to_dict() for ledger in next(results).ledgers]
    os.kill(victim, signal.SIGKILL)  # its batches in flight are lost with it and run again
    ledgers += [ledger.to_dict() for batch in results for ledger in batch.ledgers]
    assert ledgers == expected
    cluster.client.wait_for_workers(2, timeout=120)  # the nanny restarts the killed worker...
    assert victim not in cluster.client.run(os.getpid).values()
    assert set(cluster.pipeline_builds().values()) == {1}  # ...and the plugin loads it there once


def test_unreachable_scheduler_is_one_clear_error():
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(ClusterError, match=rf"cannot reach the Dask scheduler at tcp://127.0.0.1:{port}"):
        Cluster(f"tcp://127.0.0.1:{port}", connect_timeout=1)


@pytest.mark.parametrize("address", ["local:0", "local:x", "local:", "scheduler:8786"])
def test_bad_cluster_address_is_refused(address):
    with pytest.raises(ClusterError, match="expected"):
        parse_address(address)


def test_cluster_addresses():
    assert parse_address("tcp://10.0.0.5:8786") == ("tcp://10.0.0.5:8786", None)
    assert parse_address("local:3") == (None, 3)
