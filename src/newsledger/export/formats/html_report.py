"""`html`: the self-contained HTML report (newsledger.report) of one article."""
from __future__ import annotations

from typing import Iterable

from ...ledger import Ledger
from ..output import ExportError, Output
from ..registry import ExportOptions, register


@register("html", "a self-contained HTML report of one article", one_article=True,
          records="reports")
def write_html(ledgers: Iterable[Ledger], output: Output, options: ExportOptions) -> int:
    from ...report import render_html  # the report's assets load only when a report is asked for

    ledger = next(iter(ledgers), None)
    if ledger is None:
        raise ExportError("an HTML report needs one article; there is none")
    with output.text() as out:
        out.write(render_html(ledger))
    return 1
