"""Re-analysis, on SQLite and PostgreSQL: the articles an older analyzer version stored are
analyzed again in place (same article ids, text and metadata; new events, claims, entities and
version), the others are left alone, and a run stopped midway leaves every article wholly old or
wholly new, so a rerun finishes the job."""
from __future__ import annotations

import dataclasses

import pytest
from click.testing import CliRunner

from newsledger import __version__, analyze_many
from newsledger.cli import main
from newsledger.ingest import model_label, older_versions, reanalyze
from newsledger.store import Store
from synthetic_articles import articles

OLD = dict(analyzer_version="0.0.9", model="an older model")


@pytest.fixture(scope="module")
def current(nlp):
    """Six articles as the installed analyzer reads them."""
    return list(analyze_many(articles(6)))


def stale(ledger):
    """What an older analyzer might have stored: the same article, nothing found in it."""
    return dataclasses.replace(ledger, events=[], claims=[], entities=[])


@pytest.fixture
def stale_store(store_url, current):
    """Five articles stored by an older version, then the sixth by this one."""
    with Store(store_url) as store:
        store.add([stale(ledger) for ledger in current[:5]], **OLD)
        store.add(current[5:], analyzer_version=__version__, model=model_label(None))
        yield store


def assert_current(store: Store, ledgers, ids=range(1, 7)) -> None:
    rows = list(store.articles())
    assert [row.id for row in rows] == list(ids)
    assert {(row.analyzer_version, row.model) for row in rows} == {(__version__, model_label(None))}
    assert [store.ledger(row.id).to_dict() for row in rows] == [ledger.to_dict() for ledger in ledgers]
    assert store.count("events") == sum(len(ledger.events) for ledger in ledgers)
    assert store.count("claims") == sum(len(ledger.claims) for ledger in ledgers)


def test_reanalyze_replaces_only_what_an_older_version_stored(stale_store, current):
    untouched = stale_store.ledger(6).to_dict()
    result = reanalyze(stale_store, batch_size=2)
    assert (result.stale, result.replaced, result.failed) == (5, 5, 0)
    assert_current(stale_store, current)
    assert stale_store.ledger(6).to_dict() == untouched
    assert [row.id for row in stale_store.articles(text="Mosul")] == [2]  # text search still works
    again = reanalyze(stale_store)
    assert (again.stale, again.replaced) == (0, 0)


def test_a_stopped_reanalysis_leaves_whole_articles_and_a_rerun_finishes(stale_store, current):
    class Stop(Exception):
        pass

    def stop(done):
        raise Stop

    with pytest.raises(Stop):  # stopped right after its first batch was committed
        reanalyze(stale_store, batch_size=2, on_progress=stop)
    rows = list(stale_store.articles())
    assert [row.analyzer_version for row in rows] == [__version__] * 2 + ["0.0.9"] * 3 + [__version__]
    for row, ledger in zip(rows, current):  # each article wholly new or wholly old
        new = row.analyzer_version == __version__
        assert stale_store.ledger(row.id).to_dict() == (ledger if new else stale(ledger)).to_dict()
        assert row.event_count == (len(ledger.events) if new else 0)
    result = reanalyze(stale_store, batch_size=2)
    assert (result.stale, result.replaced) == (3, 3)
    assert_current(stale_store, current)


def test_reanalyze_command(tmp_path, current):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    with Store(url) as store:
        store.add([stale(ledger) for ledger in current[:3]], **OLD)
    result = CliRunner().invoke(main, ["reanalyze", "--db", url, "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert "3 re-analyzed, 0 failed, 0 already current" in result.output
    with Store(url) as store:
        assert_current(store, current[:3], ids=range(1, 4))
    missing = CliRunner().invoke(main, ["reanalyze", "--db", f"sqlite:///{tmp_path / 'none.db'}"])
    assert missing.exit_code == 1 and "no store there yet" in missing.output


def test_older_versions():
    stored = ["0.0.9", "0.1.0", "0.10.0", "0.2.0", "not a version"]
    assert older_versions(stored, installed="0.2.0") == ["0.0.9", "0.1.0", "not a version"]
