"""Ingest: articles -> analysis (in this process, on N worker processes, or on a Dask cluster
through `analyzer`) -> the store.

The two steps stay separate so that another scheduler (Dask, issue 14) can run them:
`analyze_batch` turns a list of articles into ledgers anywhere, `Store.add_batch` stores them.
Articles flow in batches; each batch is analyzed, then stored in one transaction, so an ingest
killed at any moment leaves only whole articles behind and a rerun stores the rest. Articles
the store already holds are counted and never analyzed again. Batches are stored in input
order whatever the number of workers, so `--workers 4` writes the same store as `--workers 1`.

Incident linking runs in bulk: once LINK_EVERY new articles wait, and at the end of every ingest
(also one that finds nothing new, so articles a killed run stored but did not link are linked by
the rerun). Linking many articles at once takes them in canonical order (publication date), so
articles that arrive out of order replay far fewer linked accounts than batch-by-batch linking
did, and the costs of each call (finding the unlinked articles and the latest linked one, which
grow with the store) are paid once per LINK_EVERY articles rather than once per batch. The
incidents are the same either way (incidents/linking.py: they depend only on what is stored).
"""
from __future__ import annotations

import multiprocessing
from collections import deque
from dataclasses import dataclass, field
from itertools import islice
from typing import Callable, Iterable, Iterator, Optional

from .. import __version__
from ..incidents import link_new
from ..ledger import Ledger
from ..pipeline import ArticleInput, analyze_many
from ..store import Store, fingerprint_of

BATCH_SIZE = 50
LINK_EVERY = 100  # new articles stored before they are linked into incidents


@dataclass
class Failure:
    """An article whose analysis failed: where it came from, and why (one line)."""
    origin: str
    reason: str


@dataclass
class BatchResult:
    ledgers: list[Ledger]
    failures: list[Failure] = field(default_factory=list)


# analyzes batches elsewhere and yields their results in input order (newsledger.cluster)
Analyzer = Callable[[Iterator[list[ArticleInput]]], Iterator[BatchResult]]


@dataclass
class IngestResult:
    new: int = 0
    existing: int = 0
    failed: int = 0


def analyze_batch(items: list[ArticleInput], model: Optional[str] = None) -> BatchResult:
    """Analyze a batch; an article whose analysis fails is reported, not fatal to the batch."""
    failures: list[Failure] = []

    def failed(item: ArticleInput, exc: Exception) -> None:
        reason = " ".join(f"{type(exc).__name__}: {exc}".split())
        failures.append(Failure(item.origin or "<input>", f"analysis failed ({reason})"))

    return BatchResult(list(analyze_many(items, model=model, on_error=failed)), failures)


def model_label(model: Optional[str]) -> str:
    """The model as recorded on every stored article: package name and version."""
    from spacy.util import get_package_version

    from ..nlp import model_name

    name = model_name(model)
    version = get_package_version(name)
    return f"{name} {version}" if version else name


def ingest(items: Iterable[ArticleInput], store: Store, *, model: Optional[str] = None,
           workers: int = 1, batch_size: int = BATCH_SIZE, analyzer: Optional[Analyzer] = None,
           link_every: int = LINK_EVERY,
           on_failure: Callable[[Failure], None] = lambda failure: None,
           on_progress: Callable[[int], None] = lambda done: None) -> IngestResult:
    """Analyze and store every article the store lacks, then link them into incidents;
    `on_progress` hears of each batch. With `analyzer` (e.g. `newsledger.cluster.Cluster(...).analyze`)
    the batches are analyzed there instead of on `workers` local processes; the store is written
    here either way."""
    result = IngestResult()
    label = model_label(model)

    def unknown_batches() -> Iterator[list[ArticleInput]]:
        for batch in batched(items, batch_size):
            known = store.known(fingerprint_of(item.text, item.url) for item in batch)
            fresh = [item for item in batch if fingerprint_of(item.text, item.url) not in known]
            result.existing += len(batch) - len(fresh)
            if len(fresh) < len(batch):
                on_progress(len(batch) - len(fresh))
            if fresh:
                yield fresh

    unlinked: dict[int, Ledger] = {}  # stored, not yet linked: linking need not read them back
    for analyzed in analyzed_batches(unknown_batches(), model, workers, analyzer):
        added = store.add_batch(analyzed.ledgers, analyzer_version=__version__, model=label)
        unlinked.update(added.stored)
        if len(unlinked) >= link_every:
            link_new(store, ledgers=unlinked)
            unlinked = {}
        result.new += added.new
        result.existing += added.existing
        result.failed += len(analyzed.failures)
        for failure in analyzed.failures:
            on_failure(failure)
        on_progress(len(analyzed.ledgers) + len(analyzed.failures))
    link_new(store, ledgers=unlinked)  # this run's articles, and any a killed run stored but did not link
    return result


def batched(items: Iterable[ArticleInput], size: int) -> Iterator[list[ArticleInput]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def analyzed_batches(batches: Iterator[list[ArticleInput]], model: Optional[str], workers: int,
                     analyzer: Optional[Analyzer] = None) -> Iterator[BatchResult]:
    """Each batch's result, in input order: from `analyzer`, or from `workers` processes here."""
    if analyzer is not None:
        yield from analyzer(batches)
        return
    if workers <= 1:
        for batch in batches:
            yield analyze_batch(batch, model)
        return
    context = multiprocessing.get_context("spawn")  # no fork of a process holding DB connections
    with context.Pool(workers, initializer=_load_model, initargs=(model,)) as pool:
        pending: deque = deque()  # results in input order; at most 2 batches per worker in flight
        for batch in batches:
            pending.append(pool.apply_async(analyze_batch, (batch, model)))
            if len(pending) >= 2 * workers:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()


def _load_model(model: Optional[str]) -> None:
    from ..pipeline import prepared

    prepared(model)
