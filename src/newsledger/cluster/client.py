"""The client side: connect to a Dask cluster (or start one here) and analyze batches on it.

    with Cluster("tcp://scheduler:8786") as cluster:      # or "local:4": 4 worker processes here
        for analyzed in cluster.analyze(batches):          # in input order
            ...

Results come back in the order the batches went in, whichever worker finishes first, so a
caller that stores them as they arrive writes exactly what one process would have written.
"""
from __future__ import annotations

import logging
import uuid
from collections import deque
from concurrent.futures import CancelledError
from typing import Iterable, Iterator, Optional

import dask
from distributed import Client, Future, LocalCluster
from distributed.scheduler import KilledWorker

from .. import __version__
from ..article_input import ArticleInput
from ..ingest import BatchResult, model_label
from ..ingest.run import LINK_EVERY
from .plugin import AnalyzerPlugin, analyze_batch, analyzer_state

LOCAL_PREFIX = "local:"
CONNECT_TIMEOUT = 10.0  # seconds: an unreachable scheduler fails fast, with nothing written
IN_FLIGHT_PER_THREAD = 3  # batches queued per worker thread: enough to keep every worker busy
IN_FLIGHT_ARTICLES = 2 * LINK_EVERY  # and at least this many articles: enough for the workers to
# go on while the client links the articles stored so far into incidents (ingest, every LINK_EVERY)
TASK_RETRIES = 2  # a task that raises is run again; a worker that dies is handled by Dask itself


class ClusterError(RuntimeError):
    """The cluster cannot be reached or used; str() is one line naming it."""


def parse_address(address: str) -> tuple[Optional[str], Optional[int]]:
    """`tcp://HOST:PORT` (an existing scheduler) or `local:N` (N worker processes here):
    (scheduler address, None) or (None, N)."""
    if address.startswith(LOCAL_PREFIX):
        count = address[len(LOCAL_PREFIX):]
        if not count.isdigit() or int(count) < 1:
            raise ClusterError(f"{address}: expected local:N with N >= 1 worker processes")
        return None, int(count)
    if "://" not in address:
        raise ClusterError(f"{address}: expected a scheduler address like tcp://HOST:8786, or local:N")
    return address, None


class Cluster:
    """A client of a Dask cluster whose every worker has the analyzer loaded (once, by a worker
    plugin that also runs on workers that join or restart later)."""

    def __init__(self, address: str, *, model: Optional[str] = None,
                 connect_timeout: float = CONNECT_TIMEOUT):
        self.address = address
        self.model = model
        scheduler, local_workers = parse_address(address)
        self._local: Optional[LocalCluster] = None
        if local_workers:
            self._local = _local_cluster(address, local_workers)
            scheduler = self._local.scheduler_address
        try:
            self.client = Client(scheduler, timeout=connect_timeout, set_as_default=False)
        except (OSError, TimeoutError) as exc:
            self._close_local()
            raise ClusterError(f"cannot reach the Dask scheduler at {scheduler} within "
                               f"{connect_timeout:g} s ({_one_line(exc)})") from None
        try:
            self._prepare_workers(connect_timeout)
        except BaseException:
            self.close()
            raise

    def _prepare_workers(self, timeout: float) -> None:
        try:
            self.client.wait_for_workers(1, timeout=timeout)
        except TimeoutError:
            raise ClusterError(f"{self.address}: the scheduler has no workers") from None
        try:
            self.client.register_plugin(AnalyzerPlugin(self.model))
        except Exception as exc:  # noqa: BLE001  (a worker could not load the analyzer: say why)
            raise ClusterError(f"{self.address}: a worker could not load the analyzer "
                               f"({_one_line(exc)})") from None
        states = self.client.run(analyzer_state, self.model).values()
        running = {(state["version"], state["model"]) for state in states}
        expected = (__version__, model_label(self.model))
        if running != {expected}:
            found = "; ".join(f"newsledger {version} with {model}" for version, model in sorted(running))
            raise ClusterError(f"{self.address}: workers run {found}, this client newsledger "
                               f"{expected[0]} with {expected[1]}; install the same on both")

    def worker_threads(self) -> int:
        return max(1, sum(self.client.nthreads().values()))

    def analyze(self, batches: Iterable[list[ArticleInput]]) -> Iterator[BatchResult]:
        """Each batch analyzed on the cluster, yielded in input order. A few batches per worker,
        and at least IN_FLIGHT_ARTICLES articles, are in flight at once, so that the workers stay
        busy while the caller stores and links, and memory stays bounded however long the input."""
        run = uuid.uuid4().hex[:12]
        pending: deque[tuple[Future, int]] = deque()
        in_flight = 0
        try:
            for number, batch in enumerate(batches):
                pending.append((self.client.submit(analyze_batch, batch, self.model, pure=False,
                                                   key=f"newsledger-analyze-{run}-{number}",
                                                   retries=TASK_RETRIES), len(batch)))
                in_flight += len(batch)
                if len(pending) >= IN_FLIGHT_PER_THREAD * self.worker_threads() and \
                        in_flight >= IN_FLIGHT_ARTICLES:
                    future, size = pending.popleft()
                    in_flight -= size
                    yield self._result(future)
            while pending:
                yield self._result(pending.popleft()[0])
        finally:
            if pending:  # stopped early (an error, or the caller gave up): free the cluster
                self.client.cancel([future for future, _ in pending])

    def _result(self, future: Future) -> BatchResult:
        try:
            done = future.result()
        except KilledWorker as exc:
            raise ClusterError(f"{self.address}: a batch of articles killed every worker that ran "
                               f"it ({_one_line(exc)}); the batches before it are done") from None
        except (CancelledError, OSError) as exc:
            raise ClusterError(f"{self.address}: lost the connection to the cluster "
                               f"({_one_line(exc) or type(exc).__name__})") from None
        finally:
            future.release()
        return done  # BatchResult, as analyze_batch returns it

    def pipeline_builds(self) -> dict[str, int]:
        """How many times each worker has built the spaCy pipeline (1 when the plugin works)."""
        return {worker: state["pipeline_builds"]
                for worker, state in self.client.run(analyzer_state, self.model).items()}

    def close(self) -> None:
        self.client.close()
        self._close_local()

    def _close_local(self) -> None:
        if self._local is not None:
            self._local.close()
            self._local = None

    def __enter__(self) -> "Cluster":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


# What a LocalCluster does all the time, whatever it runs, slowed down: the statistical profiler
# (a stack sample every 10 ms, for the dashboard) is off; the event loops' watchdog tick (20 ms),
# the nannies' memory check (100 ms) and the dashboard's system monitor (500 ms) run less often.
# A LocalCluster of 2 idle workers then costs 15 ms of CPU a second instead of 60 (measured with
# bench/scale.py's idle_overhead), CPU that the workers and the client had to share.
QUIET_LOCAL_CLUSTER = {"distributed.worker.profile.enabled": False,
                       "distributed.admin.tick.interval": "1s",
                       "distributed.worker.memory.monitor-interval": "1s",
                       "distributed.admin.system-monitor.interval": "2s"}


def _local_cluster(address: str, workers: int) -> LocalCluster:
    """N worker processes of one thread each on this machine (spaCy is not thread-parallel),
    quiet when idle (QUIET_LOCAL_CLUSTER)."""
    try:
        with dask.config.set(QUIET_LOCAL_CLUSTER):
            return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                dashboard_address=":0", silence_logs=logging.ERROR)
    except Exception as exc:  # noqa: BLE001  (one line for the user, whatever failed)
        raise ClusterError(f"{address}: could not start the worker processes "
                           f"({_one_line(exc) or type(exc).__name__})") from None


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())
