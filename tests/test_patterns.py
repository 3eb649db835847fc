"""Patterns that real reporting from many outlets uses and that once went wrong, each in a
sentence of our own: background dates, places the NER misses or invents, counts a reader
derives, the main act against a side act, figurative threats, speech acts not yet made."""
from __future__ import annotations

from datetime import date


def _only(ledger, type_):
    found = [e for e in ledger.events if e.type == type_]
    assert len(found) == 1, [(e.type, e.trigger) for e in ledger.events]
    return found[0]


def test_a_year_that_names_another_happening_does_not_date_the_event(analyze_text):
    ledger = analyze_text("Kenya extradited two men wanted over a 2019 hotel siege to Somalia on Monday.")
    assert _only(ledger, "COOPERATE").date.start == date(2024, 3, 11)
    ledger = analyze_text("Police arrested a man suspected of the 2016 bombing of the embassy.")
    assert _only(ledger, "COERCE").date is None
    assert _only(ledger, "ASSAULT").date.start == date(2016, 1, 1)


def test_a_date_on_the_events_own_noun_still_dates_it(analyze_text):
    ledger = analyze_text("The March 3 attack killed 20 people in Bunia.")
    assert _only(ledger, "ASSAULT").date.start == date(2024, 3, 3)


def test_a_time_zone_is_never_a_place_and_a_seized_town_is_one(analyze_text):
    assert _only(analyze_text("The attack began at 0930 GMT near the border."), "ASSAULT").place is None
    seized = _only(analyze_text("The rebels seized Kadugli on Friday."), "COERCE")
    assert seized.place is not None and seized.place.text == "Kadugli"


def test_a_visit_happens_where_the_visitor_went(analyze_text):
    visit = _only(analyze_text("The Indian prime minister visited Moscow on Monday."), "CONSULT")
    assert visit.place is not None and visit.place.text == "Moscow"


def test_conjoined_victims_are_added_up(analyze_text):
    bodyguard = _only(analyze_text("A bomb killed the governor and his bodyguard in Helmand on Sunday."),
                      "ASSAULT")
    assert (bodyguard.fatalities.min, bodyguard.fatalities.max) == (2, 2)
    others = _only(analyze_text("Gunmen killed the commander and five others near Gao on Friday."), "ASSAULT")
    assert (others.fatalities.min, others.fatalities.max) == (6, 6)
    bound = _only(analyze_text("At least 17 people and two soldiers were killed in the attack."), "ASSAULT")
    assert bound.fatalities.min == 17 and bound.fatalities.max is None  # a bound stays a bound


def test_an_act_someone_is_accused_of_is_claimed_not_threatened(analyze_text):
    ledger = analyze_text("The two countries agreed to extradite two men accused of bombing a hotel in Nairobi.")
    assert _only(ledger, "AGREE").trigger == "agreed"
    assert _only(ledger, "ASSAULT").status == "claimed"
    assert not [e for e in ledger.events if e.type == "THREATEN"]


def test_a_situation_that_threatens_is_no_threat(analyze_text):
    assert analyze_text("The fighting threatens to spread to neighbouring countries.").events == []
    threat = _only(analyze_text("The militia threatened to attack the convoy."), "THREATEN")
    assert threat.actor is not None and "militia" in threat.actor.text


def test_a_speech_act_not_yet_made_is_no_claim(analyze_text):
    ledger = analyze_text("The Houthis are cynical opportunists, and it is time for the region's powers "
                          "to say so plainly.")
    assert not [c for c in ledger.claims if not c.claimant.author]


def test_a_named_sources_forecast_is_kept_with_a_low_score(analyze_text):
    ledger = analyze_text("“We will retake every village by the spring,” the governor said on Friday.")
    (claim,) = [c for c in ledger.claims if not c.claimant.author]
    assert "governor" in claim.claimant.text and claim.checkworthy < 0.3


def test_four_digits_before_a_time_zone_are_a_time_not_a_year(nlp):
    doc = nlp("Rockets hit the base at 2130 GMT on Friday, four years after the 2020 truce.")
    assert "2130" not in [m.text for m in doc._.dates]
    assert {"Friday", "2020"} <= {m.text for m in doc._.dates}
