"""Property tests of the query API on both engines: any value of any filter either answers or is
refused with a FilterError (never a database error), `count` agrees with the rows, a name
filter returns only rows that carry that name (ignoring case), and filters only narrow."""
from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsledger.store import FilterError, Store
from newsledger.store.filters import APPLIES_TO
from report_fixtures import river_ledger

NAMED = {"actor": ("actor_name", "actor_text"), "target": ("target_name", "target_text"),
         "place": ("place_name", "place_text"), "claimant": ("source_name", "source_text")}
STRING_FILTERS = sorted(NAMED) + ["country", "type", "outlet", "text", "measure"]
SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture
def river_store(store_url):
    with Store(store_url) as store:
        store.add([river_ledger()], analyzer_version="test", model="hand-built")
        yield store


def _stored_words(ledger) -> list[str]:
    words = []
    for event in ledger.events:
        for ref in (event.actor, event.target, event.place):
            words += [ref.name, ref.text] if ref else []
    return [word for word in words if word]


def _case_variants(words: list[str]):
    return st.sampled_from(words).flatmap(lambda word: st.sampled_from(
        [word, word.upper(), word.lower(), f"  {word} "]))


@SETTINGS
@given(name=st.sampled_from(STRING_FILTERS),
       value=st.one_of(st.text(max_size=25), _case_variants(_stored_words(river_ledger()))))
def test_any_filter_value_answers_or_is_refused_clearly(river_store, name, value):
    kind = "events" if name in APPLIES_TO["events"] else "claims"
    try:
        rows = list(getattr(river_store, kind)(**{name: value}))
    except FilterError as refused:
        assert "\x00" in value or (name == "text" and not re.findall(r"\w", value)), refused
        return
    assert river_store.count(kind, **{name: value}) == len(rows)
    if not value.strip():  # a blank value is no filter
        assert len(rows) == river_store.count(kind)
    elif name in NAMED and kind == "events":
        for row in rows:
            carried = [getattr(row, column) or "" for column in NAMED[name]]
            assert value.strip().casefold() in [word.casefold() for word in carried]


@SETTINGS
@given(first=st.sampled_from(["type", "country", "place", "actor"]),
       second=st.sampled_from(["type", "country", "place", "actor"]))
def test_filters_only_narrow(river_store, first, second):
    event = river_ledger().events[0]
    values = {"type": event.type, "country": (event.actor and event.actor.country) or "XXX",
              "place": (event.place and event.place.text) or "nowhere",
              "actor": (event.actor and event.actor.text) or "nobody"}
    both = river_store.count("events", **{first: values[first], second: values[second]})
    assert both <= min(river_store.count("events", **{first: values[first]}),
                       river_store.count("events", **{second: values[second]}))
    assert river_store.count("events", type=event.type) >= 1
