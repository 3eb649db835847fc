"""The worker side: each Dask worker loads the analyzer once, and tasks only use it.

A task is pure (articles in, ledgers out), so the scheduler may run it again on another
worker when one dies, and the client stores whichever copy arrives: the same ledgers either way.
"""
from __future__ import annotations

import asyncio
from typing import Any, Optional

from distributed.diagnostics.plugin import WorkerPlugin

from ..article_input import ArticleInput
from ..ingest import BatchResult

PLUGIN_NAME = "newsledger-analyzer"


class AnalyzerPlugin(WorkerPlugin):
    """Loads the spaCy pipeline and extraction tables when a worker starts (or restarts after a
    crash), in the worker's task thread, so the first task does not pay for it and no task
    ever loads it a second time (`pipeline.prepared` keeps it for the process)."""

    name = PLUGIN_NAME
    idempotent = False  # a second registration (another model) replaces the first

    def __init__(self, model: Optional[str]):
        self.model = model

    async def setup(self, worker) -> None:
        from ..pipeline import prepared

        executor = worker.executors["default"]  # the thread tasks run in: they queue behind this
        await asyncio.get_running_loop().run_in_executor(executor, prepared, self.model)


def analyze_batch(items: list[ArticleInput], model: Optional[str]) -> BatchResult:
    """The task: one batch analyzed on a worker, as ingest analyzes it in one process; an article
    whose analysis fails is reported and the batch goes on. The result travels back pickled, as
    from `--workers N` processes: the client checked that every worker runs its newsledger version,
    and pickling costs a third of a round trip through the ledger JSON model (bench/scale.py)."""
    from ..ingest import analyze_batch as analyze_here

    return analyze_here(items, model)


def analyzer_state(model: Optional[str]) -> dict[str, Any]:
    """What a worker runs: the newsledger version, the model as stored articles record it, and
    how often the pipeline was built (run on every worker by the client, to check that they
    all analyze as the client would record, and that the plugin did its job)."""
    from .. import __version__
    from ..ingest import model_label
    from ..pipeline import pipeline_builds

    return {"version": __version__, "model": model_label(model),
            "pipeline_builds": pipeline_builds()}
