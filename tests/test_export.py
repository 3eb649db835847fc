"""The exports, read back by the tools their users load them with (pandas, json, a GeoJSON model).

The ledgers come from the real analyzer on short reports written for these tests; the ACLED mapping
is also checked on hand-built ledgers, where each field is set to what a rule tests.
"""
from __future__ import annotations

import dataclasses

import json
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from geojson_pydantic import FeatureCollection

from newsledger.cli import main
from newsledger.export import ExportError, ExportOptions, Output, all_formats, export, registry
from newsledger.export import acled
from newsledger.export.rows import events_of
from newsledger.export.tables import acled as acled_tables
from newsledger.ledger import ActorRef, Article, DateRef, Event, Fatalities, Ledger, PlaceRef, Span

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

REPORTS = {
    "goma": ("Government warplanes bombed a crowded market in Goma on Tuesday, killing 11 civilians, "
             "local officials said. The army denied targeting civilians.", date(2024, 3, 14)),
    "nairobi": ("Thousands of protesters marched through Nairobi on Monday to demand lower fuel prices. "
                "Police fired tear gas to disperse the crowd, witnesses said.", date(2024, 6, 25)),
    "kharkiv": ("Russian forces shelled Kharkiv overnight, killing three people and wounding 12, the "
                "regional governor said on Sunday.", date(2024, 5, 19)),
}


@pytest.fixture(scope="module")
def ledgers(analyze_text) -> list[Ledger]:
    return [analyze_text(text, published=published, outlet=f"{name.title()} Wire")
            for name, (text, published) in REPORTS.items()]


@pytest.fixture(scope="module")
def events(ledgers) -> list[tuple[Ledger, Event]]:
    return [(ledger, event) for ledger in ledgers for event in ledger.events]


def _event(events, trigger: str) -> tuple[Ledger, Event]:
    return next((ledger, event) for ledger, event in events if event.trigger == trigger)


def incident_of(article_id: str, event_id: str) -> str:
    return f"inc-{article_id[:6]}-{event_id}"


def test_the_registry_lists_every_format_and_refuses_what_a_format_cannot_do(ledgers, tmp_path):
    assert {"json", "jsonl", "html", "csv", "plover", "parquet", "geojson"} <= set(all_formats())
    with pytest.raises(ExportError, match="the csv format cannot partition by month"):
        export("csv", ledgers, Output(str(tmp_path / "x.csv")), ExportOptions(partition_by=("month",)))
    with pytest.raises(ExportError, match="no output format 'xlsx'"):
        export("xlsx", ledgers, Output(str(tmp_path / "x.xlsx")))


def test_every_format_loads_without_spacy():
    code = ("import sys\nfrom newsledger.export import all_formats\nall_formats()\n"
            "print(','.join(m for m in sys.modules if m.split('.')[0] in ('spacy', 'thinc')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""


def test_a_new_format_is_one_module_named_by_an_entry_point(tmp_path, monkeypatch, ledgers):
    (tmp_path / "newsledger_tsv_plugin.py").write_text(textwrap.dedent("""
        from newsledger.export import register

        @register("tsv-test", "event ids, tab-separated")
        def write(ledgers, output, options):
            with output.text() as out:
                rows = [f"{l.article.id}\\t{e.id}" for l in ledgers for e in l.events]
                out.write("\\n".join(rows) + "\\n")
            return len(rows)
    """))
    info = tmp_path / "newsledger_tsv_plugin-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: newsledger-tsv-plugin\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text("[newsledger.exports]\ntsv-test = newsledger_tsv_plugin\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(registry, "_FORMATS", dict(registry._FORMATS))
    registry._discover.cache_clear()
    try:
        assert "tsv-test" in all_formats()
        written = export("tsv-test", ledgers, Output(str(tmp_path / "ids.tsv")))
    finally:
        registry._discover.cache_clear()
        sys.modules.pop("newsledger_tsv_plugin", None)
    assert written == sum(len(l.events) for l in ledgers)
    assert (tmp_path / "ids.tsv").read_text().splitlines()[0] == f"{ledgers[0].article.id}\tev1"


def test_csv_has_acleds_columns_and_one_row_per_event(ledgers, events, tmp_path):
    path = tmp_path / "events.csv"
    assert export("csv", ledgers, Output(str(path)), ExportOptions(incident_of=incident_of)) == len(events)
    table = pd.read_csv(path, dtype={"event_date": str})
    assert list(table.columns[:31]) == list(acled.COLUMNS)
    assert len(table) == len(events)
    assert list(table["event_id"]) == [event.id for _, event in events]
    assert list(table["incident"]) == [incident_of(l.article.id, e.id) for l, e in events]
    strike = table.set_index("event_id_cnty").loc[acled.event_id_of(*_event(events, "bombed"))]
    assert strike["event_date"] == "2024-03-12" and strike["year"] == 2024
    assert (strike["event_type"], strike["sub_event_type"]) == ("Explosions/Remote violence", "Air/drone strike")
    assert (strike["country"], strike["iso"], strike["region"]) == (
        "Democratic Republic of the Congo", 180, "Middle Africa")
    assert strike["location"] == "Goma" and strike["geo_precision"] == 1
    assert strike["latitude"] == pytest.approx(-1.68, abs=0.05)
    assert strike["longitude"] == pytest.approx(29.22, abs=0.05)
    assert strike["fatalities"] == 11 and strike["source"] == "Goma Wire"
    assert "bombed a crowded market" in strike["notes"]


def test_csv_codes_actors_as_acled_does(ledgers, events, tmp_path):
    path = tmp_path / "events.csv"
    export("csv", ledgers, Output(str(path)))
    table = pd.read_csv(path).set_index("event_id_cnty")
    shelling = table.loc[acled.event_id_of(*_event(events, "shelled"))]
    assert shelling["actor1"] == "Russian Armed Forces"
    assert shelling["inter1"] == 8, "a state's forces acting abroad are external forces"
    assert (shelling["inter2"], shelling["interaction"]) == (7, 78)
    assert shelling["civilian_targeting"] == "Civilian targeting"
    assert shelling["sub_event_type"] == "Shelling/artillery/missile attack"
    assert shelling["country"] == "Ukraine" and shelling["fatalities"] == 3
    march = table.loc[acled.event_id_of(*_event(events, "marched"))]
    assert (march["event_type"], march["sub_event_type"]) == ("Protests", "Peaceful protest")
    assert (march["actor1"], march["inter1"], march["interaction"]) == ("Protesters (Kenya)", 6, 60)
    assert march["disorder_type"] == "Demonstrations"
    denial = table.loc[acled.event_id_of(*_event(events, "targeting"))]
    assert pd.isna(denial["event_type"]), "a denied attack is no ACLED event"


def test_plover_lines_carry_the_manuals_fields(ledgers, events, tmp_path):
    path = tmp_path / "events.plover.jsonl"
    export("plover", ledgers, Output(str(path)), ExportOptions(incident_of=incident_of))
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(records) == len(events)
    for record in records:
        assert {"id", "date", "actor", "recipient", "event", "mode", "event_loc", "event_text",
                "quad_code", "link", "text", "cite_info"} <= set(record)
    ledger, event = _event(events, "shelled")
    shelling = next(r for r in records if r["id"] == acled.event_id_of(ledger, event))
    assert shelling["date"] == "2024-05-18"
    assert shelling["event"] == ["ASSAULT"] and shelling["mode"] == ["artillery"]
    assert shelling["quad_code"] == 4
    assert shelling["actor"] == [{"code": "RUS", "sector": "MIL", "actor_text": "Russian forces",
                                  "identifier_text": "Russian Armed Forces"}]
    assert shelling["recipient"][0]["actor_text"] == "three people"
    assert shelling["event_loc"]["name"] == "Kharkiv" and shelling["event_loc"]["cc3"] == "UKR"
    assert shelling["event_loc"]["country code"] == "UA"
    assert shelling["link"] == incident_of(ledger.article.id, event.id)
    assert shelling["text"].startswith("Russian forces shelled Kharkiv")
    assert shelling["cite_info"]["publication"] == "Kharkiv Wire"
    assert shelling["newsledger"]["fatalities"]["min"] == 3


def test_parquet_file_reads_back_in_pandas_with_typed_columns(ledgers, events, tmp_path):
    path = tmp_path / "events.parquet"
    assert export("parquet", ledgers, Output(str(path))) == len(events)
    table = pd.read_parquet(path)
    assert len(table) == len(events)
    assert list(zip(table["article_id"], table["event_id"])) == [(l.article.id, e.id) for l, e in events]
    assert list(table["date"]) == [e.date.start if e.date else None for _, e in events]
    assert table["incident"].isna().all(), "no incidents until they are grouped"
    kharkiv = table[table["trigger"] == "shelled"].iloc[0]
    assert (kharkiv["actor"], kharkiv["country"], kharkiv["fatalities_min"]) == ("Russian Armed Forces", "UKR", 3)
    assert kharkiv["latitude"] == pytest.approx(49.99, abs=0.05)
    assert str(table["fatalities_min"].dtype) in ("Int64", "float64")
    assert table["date_inferred"].dropna().isin([True, False]).all()


def test_parquet_folder_is_partitioned_by_month_and_country(ledgers, events, tmp_path):
    folder = tmp_path / "events"
    options = ExportOptions(partition_by=("month", "country"))
    assert export("parquet", ledgers, Output(str(folder)), options) == len(events)
    assert (folder / "month=2024-05" / "country=UKR").is_dir()
    assert (folder / "month=2024-03" / "country=COD").is_dir()
    table = pd.read_parquet(folder)
    assert len(table) == len(events)
    assert sorted(table[table["country"] == "UKR"]["trigger"]) == ["shelled"]
    with pytest.raises(ExportError, match="not an empty folder"):
        export("parquet", ledgers, Output(str(folder)), options)


def test_a_partitioned_export_holding_few_rows_still_writes_every_row_once(ledgers, events, tmp_path,
                                                                           monkeypatch):
    from newsledger.export.formats import events_parquet

    monkeypatch.setattr(events_parquet, "HELD_ROWS", 2)        # write out a buffer every other row
    monkeypatch.setattr(events_parquet, "MAX_OPEN_FILES", 1)   # and close files as soon as others open
    monkeypatch.setattr(events_parquet, "MAX_ROW_GROUPS", 1)
    folder = tmp_path / "events"
    twice = ledgers + ledgers
    assert export("parquet", twice, Output(str(folder)), ExportOptions(partition_by=("month",))) == 2 * len(events)
    assert len(list(folder.rglob("*.parquet"))) > len({e.date.start.month for _, e in events if e.date})
    table = pd.read_parquet(folder)
    assert sorted(table["event_id"]) == sorted(2 * [e.id for _, e in events])
    assert set(table["month"]) == {e.date.start.strftime("%Y-%m") if e.date else "unknown" for _, e in events}


def test_geojson_is_a_valid_feature_collection_of_the_events_with_coordinates(ledgers, events, tmp_path):
    path = tmp_path / "events.geojson"
    placed = [(l, e) for l, e in events if e.place and e.place.lat is not None]
    assert export("geojson", ledgers, Output(str(path))) == len(placed)
    collection = FeatureCollection.model_validate_json(path.read_text(encoding="utf-8"))
    assert len(collection.features) == len(placed)
    for feature, (ledger, event) in zip(collection.features, placed):
        assert tuple(feature.geometry.coordinates) == (event.place.lon, event.place.lat)
        assert feature.properties["event_id"] == event.id
        assert feature.properties["place"] == event.place.name
        assert feature.properties["date"] == (event.date.start.isoformat() if event.date else None)


def test_analyze_writes_any_registered_format(tmp_path, nlp):
    path = tmp_path / "batch.csv"
    result = CliRunner().invoke(main, ["analyze", str(EXAMPLES / "batch.jsonl"), "--format", "csv",
                                       "-o", str(path)])
    assert result.exit_code == 0, result.output
    table = pd.read_csv(path)
    assert set(table["source"]) == {"Horn Desk", "Gulf Wire", "Sahel Notes"}
    assert table["event_id_cnty"].is_unique


def _ledger(*events: Event) -> Ledger:
    text = "x" * 200
    return Ledger(text=text, article=Article(id=Article.id_for(text), outlet="Test Wire"), events=list(events))


def _row(event: Event) -> dict:
    ledger = _ledger(event)
    return acled.row(next(events_of([ledger], registry.no_incidents)))


def test_acled_mapping_follows_the_codebook_on_built_events():
    goma = PlaceRef(text="Goma", name="Goma", country="COD", lat=-1.68, lon=29.22, precision="city")
    mob = _row(Event(id="ev1", type="PROTEST", mode="riot", evidence=[Span(0, 10)], place=goma,
                     actor=ActorRef(text="youths", kind="CVL"),
                     date=DateRef(text="last week", start=date(2024, 3, 4), end=date(2024, 3, 10))))
    assert (mob["disorder_type"], mob["event_type"], mob["sub_event_type"]) == (
        "Demonstrations", "Riots", "Violent demonstration")
    assert (mob["inter1"], mob["interaction"], mob["time_precision"]) == (5, 50, 2)
    assert mob["actor1"] == "Civilians (Democratic Republic of the Congo)"
    clash = _row(Event(id="ev2", type="ASSAULT", evidence=[Span(0, 10)], place=goma,
                       actor=ActorRef(text="M23", name="M23", country="COD", kind="REB"),
                       target=ActorRef(text="troops", country="COD", kind="MIL"),
                       fatalities=Fatalities(text="at least 5", min=5)))
    assert (clash["event_type"], clash["sub_event_type"]) == ("Battles", "Armed clash")
    assert (clash["actor2"], clash["inter1"], clash["inter2"], clash["interaction"]) == (
        "Military forces of Democratic Republic of the Congo", 2, 1, 12)
    assert clash["fatalities"] == 5 and clash["event_date"] is None and clash["civilian_targeting"] is None
    planned = _row(Event(id="ev3", type="ASSAULT", status="planned", evidence=[Span(0, 10)]))
    assert planned["event_type"] == planned["disorder_type"] == ""


def test_bad_mapping_names_the_file():
    from newsledger.export import tables
    from newsledger.resources import load_data

    shipped = load_data(tables.ACLED_FILE, tables.AcledFile)
    broken = dataclasses.replace(shipped, rules=[tables.AcledRuleEntry(plover="ASSAULT", sub_event="Skirmish")])
    with pytest.raises(tables.TableError, match=r"export/acled.yaml: rules\[0\]"):
        tables.acled_tables_of(broken)
