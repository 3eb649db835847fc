"""Analysis on a Dask cluster: many machines (or all cores of one) analyze, the client stores.

Each worker loads the analyzer once (a worker plugin); tasks are pure (articles in, ledger dicts
out), so a task lost with a dead worker is simply run again elsewhere; results come back in input
order, so what the client stores is what one process would have stored.
"""
from .client import CONNECT_TIMEOUT, LOCAL_PREFIX, AnalyzedBatch, Cluster, ClusterError, parse_address

__all__ = ["Cluster", "ClusterError", "AnalyzedBatch", "parse_address", "CONNECT_TIMEOUT",
           "LOCAL_PREFIX"]
