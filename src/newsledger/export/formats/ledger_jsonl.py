"""`jsonl`: one ledger per line (JSON Lines), flushed as each is written so a reader can follow."""
from __future__ import annotations

from typing import Iterable

from ...ledger import Ledger
from ..output import Output
from ..registry import ExportOptions, register


@register("jsonl", "JSON Lines: one whole ledger per line", records="ledgers")
def write_jsonl(ledgers: Iterable[Ledger], output: Output, options: ExportOptions) -> int:
    written = 0
    with output.text() as out:
        for ledger in ledgers:
            out.write(ledger.to_json(indent=None) + "\n")
            out.flush()
            written += 1
    return written
