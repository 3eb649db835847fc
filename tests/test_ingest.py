"""`newsledger ingest` and the query verbs, on both engines: files, directories, stdin, bad
inputs skipped without losing the batch around them, reruns that add nothing, output formats."""
from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsledger.cli import main
from newsledger.store import Store

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
STORIES = [
    "Militia fighters attacked a police station in Beni on Tuesday, killing four officers, "
    "the provincial governor said.",
    "Government aircraft bombed a market in Nyala on Friday, killing at least 12 people, "
    "residents said. The army denied the strike.",
    "Protesters marched through Bamako on Sunday to demand elections.",
]


@pytest.fixture
def run(nlp):  # the session's pipeline is built once; CliRunner invocations share it
    def invoke(*args, input=None):
        return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)
    return invoke


@pytest.fixture
def corpus(tmp_path) -> Path:
    """A folder as a user has one: text, HTML in a subfolder, a JSONL batch with a bad line,
    and a file of a kind ingest does not read."""
    root = tmp_path / "corpus"
    (root / "pages").mkdir(parents=True)
    (root / "beni.txt").write_text(STORIES[0], encoding="utf-8")
    shutil.copy(EXAMPLES / "north-kivu-strikes.html", root / "pages" / "kivu.html")
    lines = [json.dumps({"text": STORIES[1], "outlet": "Darfur Desk", "published": "2024-06-08"}),
             '{"text": "broken',
             json.dumps({"text": STORIES[2], "url": "https://example.org/bamako"})]
    (root / "batch.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (root / "notes.pdf").write_bytes(b"%PDF-1.4 not an article")
    return root


def test_ingest_a_folder_then_again(run, corpus, store_url):
    first = run("ingest", str(corpus), "--db", store_url, "--workers", "1")
    assert first.exit_code == 1  # one bad line was skipped
    assert f"warning: {corpus / 'batch.jsonl'}:2: malformed JSON" in first.stderr
    assert "4 new, 0 already stored, 1 failed" in first.stderr
    with Store(store_url) as store:
        assert store.count("articles") == 4
        assert {row.outlet for row in store.articles()} >= {"Darfur Desk"}
        events = store.count("events")
        assert events > 0
    again = run("ingest", str(corpus), "--db", store_url, "--workers", "1")
    assert "0 new, 4 already stored, 1 failed" in again.stderr
    with Store(store_url) as store:
        assert (store.count("articles"), store.count("events")) == (4, events)


def test_ingest_reads_stdin_and_a_clean_run_exits_zero(run, store_url):
    result = run("ingest", "-", "--db", store_url, "--workers", "1", input=STORIES[0])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("newsledger: 1 new, 0 already stored, 0 failed")


def test_a_missing_source_is_reported_and_the_others_stored(run, tmp_path, store_url):
    (tmp_path / "ok.txt").write_text(STORIES[2], encoding="utf-8")
    result = run("ingest", str(tmp_path / "missing.txt"), str(tmp_path / "ok.txt"),
                 "--db", store_url, "--workers", "1")
    assert result.exit_code == 1
    assert f"newsledger: warning: {tmp_path / 'missing.txt'}: no such file" in result.stderr
    assert "1 new, 0 already stored, 1 failed" in result.stderr


@pytest.fixture
def filled(run, corpus, tmp_path):
    url = f"sqlite:///{tmp_path / 'query.db'}"
    run("ingest", str(corpus), "--db", url, "--workers", "1")
    return url


def test_query_verbs_print_tables_csv_and_jsonl(run, filled):
    with Store(filled) as store:
        expected = [row.event_id for row in store.events()]
        claims = store.count("claims")
    table = run("events", "--db", filled)
    assert table.exit_code == 0
    assert table.stdout.splitlines()[0].split()[:3] == ["id", "date", "type"]
    assert len(table.stdout.splitlines()) == 1 + len(expected)
    rows = list(csv.DictReader(io.StringIO(run("events", "--db", filled, "--format", "csv").stdout)))
    assert [row["event_id"] for row in rows] == expected
    assert "evidence" not in rows[0]
    lines = run("claims", "--db", filled, "--format", "jsonl", "--evidence").stdout.splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) == claims and all(r["content"] in r["evidence"] for r in records)
    with_words = run("events", "--db", filled, "--evidence", "--limit", "1").stdout.splitlines()
    assert len(with_words) == 3 and with_words[2].startswith("    “")


def test_query_filters_on_the_command_line(run, filled):
    rows = run("articles", "--db", filled, "--outlet", "darfur desk", "--format", "jsonl").stdout
    assert [json.loads(line)["outlet"] for line in rows.splitlines()] == ["Darfur Desk"]
    found = run("articles", "--db", filled, "--text", "elections", "--format", "jsonl").stdout
    assert [json.loads(line)["url"] for line in found.splitlines()] == ["https://example.org/bamako"]
    bad = run("claims", "--db", filled, "--type", "ASSAULT")
    assert bad.exit_code == 1
    assert bad.stderr == "newsledger: error: filter 'type' does not apply to claims\n"


def test_a_query_without_a_store_is_one_error_line(run, tmp_path):
    missing = run("events", "--db", f"sqlite:///{tmp_path / 'none.db'}")
    assert missing.exit_code == 1
    assert "no store there yet" in missing.stderr and len(missing.stderr.splitlines()) == 1
    assert not (tmp_path / "none.db").exists()
    dead = run("events", "--db", "postgresql://nobody@/nowhere?host=/nonexistent-socket-dir")
    assert dead.exit_code == 1
    assert dead.stderr.startswith("newsledger: error: postgresql") and "cannot open the store" in dead.stderr
    assert len(dead.stderr.splitlines()) == 1
