"""One happening, one event: the rules of extract/happenings.py on plain records, and what a
user sees in a ledger (the test articles tests/articles/events/merge_*.yaml check whole stories)."""
from __future__ import annotations

from datetime import date

from hypothesis import given, strategies as st

from newsledger.extract.happenings import Account, Party, Where, happenings

ISRAEL = Party(key="israel", country="ISR", kind="GOV", is_country=True)
IDF = Party(key="israel defense forces", country="ISR", kind="MIL")
HAMAS = Party(key="hamas", country="PSE", kind="INS")
ASSAILANTS = Party(key=None, country=None, kind=None, head="assailant", doers_only=True)
TYRE = Where(words="tyre", name="Tyre", country="LBN", lat=33.27, lon=35.20, precision="city")
TYRE_AREA = Where(words="tyre area", name="Tyre", country="LBN", lat=33.27, lon=35.20, precision="city")
SIDON = Where(words="sidon", name="Sidon", country="LBN", lat=33.56, lon=35.37, precision="city")
LEBANON = Where(words="lebanon", name="Lebanon", country="LBN", lat=33.9, lon=35.9, precision="country")


def account(sent: int, **kw) -> Account:
    fields = dict(type="ASSAULT", planned=False, denied=False, first_sent=sent, last_sent=sent)
    fields.update(kw)
    return Account(**fields)


def test_a_live_blog_telling_one_strike_at_one_town_is_one_happening():
    told = [account(0, place=TYRE, words=frozenset({"drone strike"})),
            account(2, place=TYRE_AREA, actor=IDF, words=frozenset({"hit"}))]
    assert happenings(told) == [[0, 1]]


def test_doers_described_by_the_act_tell_the_act_just_reported():
    told = [account(1, actor=Party(key=None, country=None, kind=None, head="bandit")),
            account(2, actor=ASSAILANTS)]
    assert happenings(told) == [[0, 1]]


def test_the_same_actor_doing_the_same_kind_of_act_next_sentence_is_the_same_act():
    told = [account(5, actor=ISRAEL, words=frozenset({"assassinate", "airstrike"})),
            account(6, actor=ISRAEL, words=frozenset({"airstrike", "launch"}))]
    assert happenings(told) == [[0, 1]]


def test_the_same_actor_doing_another_kind_of_act_stays_apart():
    told = [account(5, actor=ISRAEL, words=frozenset({"shoot down"})),
            account(6, actor=ISRAEL, words=frozenset({"shell"}), mode="artillery")]
    assert happenings(told) == [[0], [1]]


def test_two_towns_two_dates_two_named_victims_or_another_act_stay_apart():
    monday, tuesday = (date(2024, 7, 8),) * 2, (date(2024, 7, 10),) * 2
    assert happenings([account(0, place=TYRE), account(1, place=SIDON)]) == [[0], [1]]
    assert happenings([account(0, place=TYRE, dates=monday), account(1, place=TYRE, dates=tuesday)]) == [[0], [1]]
    judge = Party(key="ramon espinoza", country=None, kind=None, person=True)
    reporter = Party(key="lucia marquez", country=None, kind=None, person=True)
    assert happenings([account(0, place=TYRE, target=judge), account(1, place=TYRE, target=reporter)]) == [[0], [1]]
    assert happenings([account(0, place=TYRE), account(1, place=TYRE, fresh=True)]) == [[0], [1]]


def test_different_things_each_introduced_as_new_are_two_acts():
    house = Party(key=None, country=None, kind=None, head="house", indefinite=True)
    tent = Party(key=None, country=None, kind=None, head="tent", indefinite=True)
    told = [account(0, actor=ISRAEL, place=TYRE, target=house, words=frozenset({"strike"})),
            account(1, actor=ISRAEL, place=TYRE, target=tent, words=frozenset({"strike"}))]
    assert happenings(told) == [[0], [1]]


def test_a_country_is_too_wide_to_tie_and_a_denial_stays_its_own_account():
    assert happenings([account(0, place=LEBANON), account(1, place=LEBANON)]) == [[0], [1]]
    told = [account(0, place=TYRE, actor=HAMAS), account(1, place=TYRE, actor=HAMAS, denied=True)]
    assert happenings(told) == [[0], [1]]


def test_an_account_far_down_the_article_starts_a_new_event():
    assert happenings([account(0, place=TYRE), account(30, place=TYRE)]) == [[0], [1]]


@st.composite
def _accounts(draw):
    n = draw(st.integers(0, 12))
    sents = sorted(draw(st.lists(st.integers(0, 40), min_size=n, max_size=n)))
    return [account(s, type=draw(st.sampled_from(["ASSAULT", "COERCE"])),
                    place=draw(st.sampled_from([None, TYRE, SIDON, LEBANON])),
                    actor=draw(st.sampled_from([None, ISRAEL, HAMAS, ASSAILANTS])),
                    fresh=draw(st.booleans()), words=frozenset({"strike"})) for s in sents]


@given(_accounts())
def test_groups_are_a_partition_in_reading_order_of_one_type_each(told):
    groups = happenings(told)
    assert sorted(i for g in groups for i in g) == list(range(len(told)))
    assert all(g == sorted(g) for g in groups) and [g[0] for g in groups] == sorted(g[0] for g in groups)
    assert all(len({told[i].type for i in g}) == 1 for g in groups)
    assert all(not told[i].fresh for g in groups for i in g[1:])


def test_one_strike_told_four_ways_is_one_event_with_every_mention_as_evidence(analyze_text):
    text = ("KHARTOUM, May 6 - A drone strike killed 11 people at a livestock market in El Obeid on "
            "Sunday, local officials said. The attack hit the market at midday. Witnesses said the "
            "explosion destroyed dozens of stalls. The Rapid Support Forces did not comment on the strike.")
    ledger = analyze_text(text, published=date(2024, 5, 6))
    (event,) = [e for e in ledger.events if e.type == "ASSAULT"]
    told = [text[s.start:s.end] for s in event.evidence]
    assert len(told) == 4 and "drone strike killed 11" in told[0] and "explosion" in told[2]
    assert event.fatalities.min == 11 and event.place.name == "El Obeid"
