"""`csv`: one row per event with ACLED's column names and meanings, then newsledger's own columns.

Loads where ACLED data loads (pandas, R, a spreadsheet); unknown values are empty cells.
"""
from __future__ import annotations

import csv
from typing import Iterable

from ...ledger import Ledger
from .. import acled
from ..output import Output
from ..registry import ExportOptions, register
from ..rows import events_of


@register("csv", "events as CSV with ACLED's columns (event_date, actor1, fatalities ...)")
def write_acled_csv(ledgers: Iterable[Ledger], output: Output, options: ExportOptions) -> int:
    written = 0
    with output.text() as out:
        table = csv.writer(out, lineterminator="\n")
        table.writerow(acled.COLUMNS + acled.EXTRA_COLUMNS)
        for item in events_of(ledgers, options.incident_of):
            table.writerow(["" if value is None else value for value in acled.row(item).values()])
            written += 1
    return written
