"""Analysis on a Dask cluster: the workers analyze, the client stores.

    from newsledger.cluster import Cluster
    from newsledger.ingest import ingest, reanalyze
    with Cluster("tcp://scheduler:8786") as cluster:     # or "local:4": 4 worker processes here
        ingest(items, store, analyzer=cluster.analyze)
        reanalyze(store, analyzer=cluster.analyze)

Each worker loads the analyzer once (a worker plugin, which also runs on workers that join or
restart later). Tasks are pure, a batch of articles in and its ledgers out, so a task lost
with a dead worker is run again elsewhere and nothing is lost or stored twice.

Why the client writes the store, not the workers: it is the simplest way to keep the store
consistent. Results come back in input order and the client stores them batch by batch, one
transaction each, exactly as `--workers 1` does, so the stored rows and ids are the same; a retried
task can never write twice; workers need no database access or credentials; and SQLite (a single
writer) works as well as PostgreSQL. Writing is a small part of the work (see bench/scale.py), so
the client is not the bottleneck for clusters of tens of workers.
"""
from .client import CONNECT_TIMEOUT, LOCAL_PREFIX, Cluster, ClusterError, parse_address

__all__ = ["Cluster", "ClusterError", "parse_address", "CONNECT_TIMEOUT", "LOCAL_PREFIX"]
