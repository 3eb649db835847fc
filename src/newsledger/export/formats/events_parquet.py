"""`parquet`: the events table (one row per event, the columns of export.rows) as Apache Parquet.

One file, or with `partition_by` a Hive-style folder (`month=2024-03/country=SDN/...`) that pandas,
DuckDB, polars and Spark read as one table. Rows go out in batches, so a store of any size is
written in bounded memory. pyarrow is imported only when this format is used.
"""
from __future__ import annotations

from collections import Counter, OrderedDict
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator, Optional

from ...ledger import Ledger
from ..output import Output
from ..registry import ExportOptions, register
from ..rows import COLUMNS, events_of, row

if TYPE_CHECKING:
    import pyarrow as pa
    import pyarrow.parquet as pq

BATCH_ROWS = 10_000       # rows per write, and per row group of a single file
HELD_ROWS = 20_000        # rows a partitioned export holds in memory, over all its partitions
MAX_OPEN_FILES = 256      # partition files open at once (each holds its row groups' metadata)
MAX_ROW_GROUPS = 64       # row groups per partition file before it is closed and another begun
UNKNOWN_PARTITION = "unknown"  # the folder of rows without a month or country (a null one fails to read back)


def schema(leave_out: tuple[str, ...] = ()) -> "pa.Schema":
    import pyarrow as pa

    types = {"string": pa.string(), "date": pa.date32(), "bool": pa.bool_(), "float": pa.float64(),
             "int": pa.int64()}
    return pa.schema([pa.field(name, types[kind]) for name, kind in COLUMNS.items()
                      if name not in leave_out])


def _single_file(rows: Iterator[dict], output: Output) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    written, table_schema = 0, schema()
    with output.binary() as out, pq.ParquetWriter(out, table_schema) as writer:
        while chunk := list(islice(rows, BATCH_ROWS)):
            writer.write_batch(pa.RecordBatch.from_pylist(chunk, schema=table_schema))
            written += len(chunk)
    return written


class _Partitions:
    """Rows into Hive-style folders (month=2024-03/country=SDN/part-0.parquet) in bounded memory.

    Rows wait in per-partition buffers; once HELD_ROWS are held the largest buffer becomes a row
    group. A file closes after MAX_ROW_GROUPS row groups or when MAX_OPEN_FILES others are newer,
    and its partition's next rows start the next part file.
    """

    def __init__(self, folder: Path, columns: tuple[str, ...]) -> None:
        self.folder, self.columns = folder, columns
        self.file_schema = schema(leave_out=columns)  # the folder names carry these columns
        self.buffers: dict[tuple[str, ...], list[dict]] = {}
        self.writers: OrderedDict[tuple[str, ...], tuple["pq.ParquetWriter", int]] = OrderedDict()
        self.parts: Counter[tuple[str, ...]] = Counter()
        self.held = 0

    def add(self, values: dict) -> None:
        key = tuple(values.pop(column) or UNKNOWN_PARTITION for column in self.columns)
        self.buffers.setdefault(key, []).append(values)
        self.held += 1
        if self.held >= HELD_ROWS:
            self._write(max(self.buffers, key=lambda k: len(self.buffers[k])))

    def close(self) -> None:
        """Write what is held and close every file; the first failure is raised once all are
        closed (a writer that failed to close is given up, not closed again when collected)."""
        failure: Optional[OSError] = None
        try:
            for key in list(self.buffers):
                self._write(key)
        except OSError as exc:
            failure = exc
        for writer, _ in self.writers.values():
            try:
                writer.close()
            except OSError as exc:
                writer.is_open = False
                failure = failure or exc
        self.writers.clear()
        if failure is not None:
            raise failure

    def _write(self, key: tuple[str, ...]) -> None:
        import pyarrow as pa

        rows = self.buffers.pop(key)
        self.held -= len(rows)
        writer, groups = self._writer(key)
        writer.write_batch(pa.RecordBatch.from_pylist(rows, schema=self.file_schema))
        self.writers[key] = (writer, groups + 1)
        if groups + 1 >= MAX_ROW_GROUPS:
            self.writers.pop(key)[0].close()

    def _writer(self, key: tuple[str, ...]) -> tuple["pq.ParquetWriter", int]:
        import pyarrow.parquet as pq

        if key in self.writers:
            self.writers.move_to_end(key)
            return self.writers[key]
        if len(self.writers) >= MAX_OPEN_FILES:
            self.writers.popitem(last=False)[1][0].close()
        folder = self.folder.joinpath(*(f"{c}={v}" for c, v in zip(self.columns, key)))
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"part-{self.parts[key]}.parquet"
        self.parts[key] += 1
        return pq.ParquetWriter(path, self.file_schema), 0


def _partitioned(rows: Iterator[dict], output: Output, columns: tuple[str, ...]) -> int:
    with output.folder() as folder:
        partitions, written = _Partitions(folder, columns), 0
        try:
            for values in rows:
                partitions.add(values)
                written += 1
        finally:
            partitions.close()
    return written


@register("parquet", "the events table as Apache Parquet: one file, or a folder partitioned "
          "by month (and country)", partitions=("month", "country"))
def write_parquet(ledgers: Iterable[Ledger], output: Output, options: ExportOptions) -> int:
    rows = (row(item) for item in events_of(ledgers, options.incident_of))
    if options.partition_by:
        return _partitioned(rows, output, options.partition_by)
    return _single_file(rows, output)
