"""`html`: the self-contained HTML report (newsledger.report) of one article; with an incident
hook (the article is in a store) each event names its incident."""
from __future__ import annotations

from typing import Iterable

from ...ledger import Ledger
from ..output import ExportError, Output
from ..registry import ExportOptions, no_incidents, register


@register("html", "a self-contained HTML report of one article", one_article=True,
          records="reports")
def write_html(ledgers: Iterable[Ledger], output: Output, options: ExportOptions) -> int:
    from ...report import render_html  # the report's assets load only when a report is asked for

    ledger = next(iter(ledgers), None)
    if ledger is None:
        raise ExportError("an HTML report needs one article; there is none")
    with output.text() as out:
        out.write(render_html(ledger, None if options.incident_of is no_incidents else
                              lambda event_id: options.incident_of(ledger.article.id, event_id)))
    return 1
