"""`parquet`: the events table (one row per event, the columns of export.rows) as Apache Parquet.

One file, or with `partition_by` a Hive-style folder (`month=2024-03/country=SDN/...`) that pandas,
DuckDB, polars and Spark read as one table. Rows go out in batches, so a store of any size is
written in bounded memory. pyarrow is imported only when this format is used.
"""
from __future__ import annotations

from itertools import islice
from typing import TYPE_CHECKING, Iterable, Iterator

from ...ledger import Ledger
from ..output import ExportError, Output
from ..registry import ExportOptions, register
from ..rows import COLUMNS, events_of, row

if TYPE_CHECKING:
    import pyarrow as pa

BATCH_ROWS = 10_000
UNKNOWN_PARTITION = "unknown"  # the folder of rows without a month or country (a null one fails to read back)


def schema() -> "pa.Schema":
    import pyarrow as pa

    types = {"string": pa.string(), "date": pa.date32(), "bool": pa.bool_(), "float": pa.float64(),
             "int": pa.int64()}
    return pa.schema([pa.field(name, types[kind]) for name, kind in COLUMNS.items()])


def _partitionable(values: dict, partition_by: tuple[str, ...]) -> dict:
    for column in partition_by:
        if values[column] is None:
            values[column] = UNKNOWN_PARTITION
    return values


def _batches(ledgers: Iterable[Ledger], options: ExportOptions, counted: list[int]) -> Iterator["pa.RecordBatch"]:
    import pyarrow as pa

    table_schema = schema()
    rows = (_partitionable(row(item), options.partition_by)
            for item in events_of(ledgers, options.incident_of))
    while chunk := list(islice(rows, BATCH_ROWS)):
        counted[0] += len(chunk)
        yield pa.RecordBatch.from_pylist(chunk, schema=table_schema)


@register("parquet", "the events table as Apache Parquet: one file, or a folder partitioned "
          "by month (and country)", partitions=("month", "country"))
def write_parquet(ledgers: Iterable[Ledger], output: Output, options: ExportOptions) -> int:
    try:
        import pyarrow.dataset as ds
        import pyarrow.parquet as pq
    except ImportError:
        raise ExportError("the parquet format needs pyarrow: pip install 'newsledger[parquet]' "
                          "or pip install pyarrow") from None
    counted = [0]
    batches = _batches(ledgers, options, counted)
    if options.partition_by:
        ds.write_dataset(batches, output.folder(), schema=schema(), format="parquet",
                         partitioning=list(options.partition_by), partitioning_flavor="hive",
                         existing_data_behavior="overwrite_or_ignore",
                         max_rows_per_group=BATCH_ROWS, basename_template="part-{i}.parquet")
        return counted[0]
    with output.binary() as out, pq.ParquetWriter(out, schema()) as writer:
        for batch in batches:
            writer.write_batch(batch)
    return counted[0]
