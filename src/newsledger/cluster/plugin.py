"""The worker side: each Dask worker loads the analyzer once, and tasks only use it.

A task is pure (articles in, ledger dicts out), so the scheduler may run it again on another
worker when one dies, and the client stores whichever copy arrives: the same ledgers either way.
"""
from __future__ import annotations

import asyncio
from typing import Any, Optional

from distributed.diagnostics.plugin import WorkerPlugin

from ..article_input import ArticleInput

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


def analyze_batch(items: list[ArticleInput], model: Optional[str]) -> dict[str, Any]:
    """The task: one batch analyzed on a worker. Ledgers travel as plain dicts (the ledger JSON
    model), not pickled objects; an article whose analysis fails is reported by where it came
    from and why, and the rest of the batch goes on."""
    from ..pipeline import analyze_many

    failures: list[tuple[str, str]] = []

    def failed(item: ArticleInput, exc: Exception) -> None:
        failures.append((item.origin or "<input>", " ".join(f"{type(exc).__name__}: {exc}".split())))

    ledgers = [ledger.to_dict() for ledger in analyze_many(items, model=model, on_error=failed)]
    return {"ledgers": ledgers, "failures": failures}


def analyzer_state() -> dict[str, Any]:
    """What a worker has loaded: the newsledger version and how often the pipeline was built
    (run on every worker by the client, to check versions and that the plugin did its job)."""
    from .. import __version__
    from ..pipeline import prepared

    return {"version": __version__, "pipeline_builds": prepared.cache_info().misses}
