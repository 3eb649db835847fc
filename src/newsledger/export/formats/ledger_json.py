"""`json`: pretty-printed ledger JSON; one object for one article, an array for a batch."""
from __future__ import annotations

from typing import Iterable

from ...ledger import Ledger
from ..output import Output
from ..registry import ExportOptions, register


@register("json", "pretty JSON: one ledger, or an array of ledgers for a batch", records="ledgers")
def write_json(ledgers: Iterable[Ledger], output: Output, options: ExportOptions) -> int:
    written = 0
    with output.text() as out:
        if not options.batch:
            first = next(iter(ledgers), None)
            if first is not None:
                out.write(first.to_json() + "\n")
            return int(first is not None)
        out.write("[\n")
        for ledger in ledgers:
            out.write((",\n" if written else "") + ledger.to_json())
            written += 1
        out.write("\n]\n")
    return written
