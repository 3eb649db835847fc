"""Re-analysis: the installed analyzer run again over stored articles an older version analyzed.

The article text is in the store, so nothing is read or fetched again. Articles go in batches,
in storage order; each batch's new analysis replaces the old one in one transaction, so a run
killed at any moment leaves every article wholly old or wholly new, and a rerun takes up exactly
the articles still old. Analysis runs here, on `workers` processes, or wherever `analyzer` sends
it (a Dask cluster: `newsledger.cluster.Cluster(...).analyze`).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Optional

from packaging.version import InvalidVersion, Version

from .. import __version__
from ..store import Store
from .run import BATCH_SIZE, Analyzer, Failure, analyzed_batches, batched, model_label


@dataclass
class ReanalyzeResult:
    stale: int = 0      # articles an older analyzer version wrote, when the run began
    replaced: int = 0
    failed: int = 0     # kept their old analysis; a rerun tries them again


def older_versions(stored: Iterable[str], installed: str = __version__) -> list[str]:
    """The stored analyzer versions older than the installed one (one that is not a version
    number at all counts as older: re-analysing it is the safe side)."""
    def older(version: str) -> bool:
        try:
            return Version(version) < Version(installed)
        except InvalidVersion:
            return True

    return sorted(version for version in stored if older(version))


def reanalyze(store: Store, *, model: Optional[str] = None, workers: int = 1,
              batch_size: int = BATCH_SIZE, analyzer: Optional[Analyzer] = None,
              on_failure: Callable[[Failure], None] = lambda failure: None,
              on_progress: Callable[[int], None] = lambda done: None) -> ReanalyzeResult:
    """Re-analyze every stored article whose analyzer version is older than the installed one."""
    counts = store.analyzer_versions()
    versions = older_versions(counts)
    result = ReanalyzeResult(stale=sum(counts[version] for version in versions))
    if not versions:
        return result
    label = model_label(model)
    items = store.inputs_analyzed_by(versions)
    for analyzed in analyzed_batches(batched(items, batch_size), model, workers, analyzer):
        result.replaced += store.replace_analysis(analyzed.ledgers, analyzer_version=__version__,
                                                  model=label)
        result.failed += len(analyzed.failures)
        for failure in analyzed.failures:
            on_failure(failure)
        on_progress(len(analyzed.ledgers) + len(analyzed.failures))
    return result

