"""The `incidents` export: one row per incident with its summary columns, as CSV or Parquet.

Both go through export.Output (a file, or standard output), so `-o`, binary-to-a-terminal and
unwritable paths behave as in `newsledger export`. CSV is the query rows' CSV (store.output);
Parquet has a fixed schema, so an empty store still writes a readable file. pyarrow is imported
only when Parquet is asked for.
"""
from __future__ import annotations

import dataclasses
from typing import Iterable

from ..export import Output
from ..store.output import write_rows
from .summary import IncidentSummary

TABLE_FORMATS = ("csv", "parquet")


def write_incidents(rows: Iterable[IncidentSummary], output: Output, output_format: str) -> int:
    """Write the incidents' summaries to `output`; returns how many rows were written."""
    if output_format == "csv":
        with output.text() as out:
            return write_rows(out, "incidents", rows, "csv")
    return _parquet(list(rows), output)


def _schema():
    import pyarrow as pa

    types = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "date": pa.date32(),
             "list[str]": pa.list_(pa.string())}  # IncidentSummary's annotations, Optional or not
    return pa.schema([pa.field(f.name, types[str(f.type).removeprefix("Optional[").removesuffix("]")
                                             if str(f.type).startswith("Optional[") else str(f.type)])
                      for f in dataclasses.fields(IncidentSummary)])


def _parquet(rows: list[IncidentSummary], output: Output) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _schema()
    table = pa.Table.from_pylist([dataclasses.asdict(row) for row in rows], schema=schema)
    with output.binary() as out:
        pq.write_table(table, out)
    return len(rows)
