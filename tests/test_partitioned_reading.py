"""The README's way of reading a big export: a store's events written as Parquet partitioned by
month and country, read back with dask.dataframe (the `cluster` extra), partitions as columns."""
from __future__ import annotations

import dask.dataframe as dd
import pytest

from newsledger import analyze_many
from newsledger.export import ExportOptions, Output, export
from newsledger.store import Store
from synthetic_articles import articles


@pytest.fixture(scope="module")
def store(nlp, tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('store') / 'events.db'}"
    with Store(url) as opened:
        opened.add(analyze_many(articles(8)), analyzer_version="0.1.0", model="test")
        yield opened


def test_dask_dataframe_reads_the_partitioned_export_of_a_store(store, tmp_path):
    folder = tmp_path / "events"
    export("parquet", store.ledgers(), Output(str(folder)),
           ExportOptions(partition_by=("month", "country")))
    assert list(folder.glob("month=*/country=*/*.parquet"))
    events = dd.read_parquet(str(folder))
    stored = list(store.events())
    assert len(events) == len(stored) > 0
    deaths = events.groupby("country").fatalities_min.sum().compute()
    expected: dict[str, int] = {}
    for row in stored:
        country = row.place_country or "unknown"
        expected[country] = expected.get(country, 0) + (row.fatalities_min or 0)
    assert {str(country): int(total) for country, total in deaths.items()} == expected
