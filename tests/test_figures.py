"""Figures tied to events: one claim per counted figure, each naming the event it counts, and
revisions of a toll recognised."""
from __future__ import annotations

import json

from newsledger.ledger import Ledger

STRIKE = ("A drone strike hit the market in Sake on Sunday. At least 41 people were killed and "
          "90 wounded, the health ministry said. ")


def _figures(ledger, measure_class):
    return [c for c in ledger.claims if c.figure is not None and c.measure.startswith(measure_class + "/")]


def test_two_figures_in_one_sentence_are_two_claims_tied_to_the_strike(analyze_text):
    ledger = analyze_text(STRIKE)
    strike = next(e for e in ledger.events if e.type == "ASSAULT")
    killed, wounded = _figures(ledger, "killed"), _figures(ledger, "wounded")
    assert [(c.figure.low or c.figure.value) for c in killed] == [41]
    assert [c.figure.value for c in wounded] == [90]
    for claim in killed + wounded:
        assert claim.event == strike.id
        assert "ministry" in claim.claimant.text.lower()
    assert len({c.id for c in ledger.claims}) == len(ledger.claims)


def test_a_revised_toll_is_the_revisers_and_counts_the_lead_event(analyze_text):
    ledger = analyze_text(STRIKE + "On Tuesday the ministry revised the toll down to 32.")
    strike = next(e for e in ledger.events if e.type == "ASSAULT")
    revised = next(c for c in _figures(ledger, "killed") if c.figure.value == 32)
    assert revised.revision == "down"
    assert revised.event == strike.id
    assert "ministry" in revised.claimant.text.lower() and not revised.claimant.author


def test_a_toll_that_rose_is_an_upward_revision_of_killed(analyze_text):
    ledger = analyze_text(STRIKE + "The number of people killed rose to 52 on Tuesday, doctors said.")
    rose = next(c for c in ledger.claims if c.figure is not None and c.figure.value == 52)
    assert rose.measure == "killed/people"
    assert rose.revision == "up"


def test_ledgers_written_before_figures_still_load(analyze_text):
    data = analyze_text(STRIKE).to_dict()
    for claim in data["claims"]:
        for key in ("figure", "event", "revision"):
            claim.pop(key)
    ledger = Ledger.from_json(json.dumps(data))
    assert ledger.claims and all(c.figure is None and c.event is None for c in ledger.claims)
