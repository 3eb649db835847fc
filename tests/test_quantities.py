"""Quantities: the pure number parsers and the newsledger_quantities component."""
from __future__ import annotations

import math
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsledger.nlp.extensions import original
from newsledger.nlp.normalize import normalize
from newsledger.nlp.quantities import parse_number, parse_quantity


def quantities(nlp, text: str):
    doc = nlp.make_doc(normalize(text))
    doc._.source_text = text
    doc._.published = date(2024, 3, 12)
    return nlp(doc)


def found(nlp, text: str) -> dict[str, tuple]:
    """text of each quantity -> (value, low, high, approx, unit)."""
    return {q.text: (q.value, q.low, q.high, q.approx, q.unit) for q in quantities(nlp, text)._.quantities}


# --- parse_number --------------------------------------------------------------------------

@pytest.mark.parametrize("text, number", [
    ("8,000", 8000), ("8.5", 8.5), ("1.2 million", 1_200_000), ("seven", 7), ("Seven", 7),
    ("twenty-one", 21), ("twenty one", 21), ("a dozen", 12), ("two dozen", 24),
    ("half a dozen", 6), ("three hundred and forty", 340), ("three hundred forty", 340),
    ("fifteen hundred", 1500), ("a hundred", 100), ("a thousand", 1000), ("10k", 10_000),
    ("3.5bn", 3_500_000_000), ("half a million", 500_000), ("zero", 0),
    ("two million three hundred thousand", 2_300_000), ("one thousand and five", 1005),
    ("1,234,567.25", 1234567.25), ("40 thousand", 40_000),
])
def test_parse_number_reads_digits_words_and_scales(text, number):
    assert parse_number(text) == number


@pytest.mark.parametrize("text", [
    "", "   ", "hello", "seven hello", "dozens", "first", "1st", "1990s", "10:30", "a", "half",
    "twenty thirty", "seven seven", "5m",  # "5m" alone is metres as often as millions
])
def test_parse_number_rejects_what_is_not_one_number(text):
    assert parse_number(text) is None


# --- parse_quantity ------------------------------------------------------------------------

def q(value=None, low=None, high=None, approx=False):
    return {"value": value, "low": low, "high": high, "approx": approx}


@pytest.mark.parametrize("text, expected", [
    ("some 1,500", q(value=1500, approx=True)),
    ("8,000 to 9,000", q(low=8000, high=9000)),
    ("8,000-9,000", q(low=8000, high=9000)),
    ("8,000–9,000", q(low=8000, high=9000)),
    ("between 30,000 and 40,000", q(low=30000, high=40000)),
    ("anywhere between 8,000 to 9,000", q(low=8000, high=9000)),
    ("roughly 30,000 to 40,000", q(low=30000, high=40000, approx=True)),
    ("2 to 3 million", q(low=2_000_000, high=3_000_000)),
    ("two or three", q(low=2, high=3)),
    ("up to 1,500", q(high=1500)),
    ("as many as 600", q(high=600)),
    ("no more than 20", q(high=20)),
    ("at most 9", q(high=9)),
    ("over 1,000", q(low=1000)),
    ("more than 250", q(low=250)),
    ("at least three", q(low=3)),
    ("in excess of 4,000", q(low=4000)),
    ("1,000+", q(low=1000)),
    ("nearly 400", q(value=400, approx=True)),
    ("almost 90", q(value=90, approx=True)),
    ("an estimated 12,000", q(value=12000, approx=True)),
    ("close to 700", q(value=700, approx=True)),
    ("approximately 35", q(value=35, approx=True)),
    ("about 80", q(value=80, approx=True)),
    ("around a dozen", q(value=12, approx=True)),
    ("a dozen", q(value=12)),
    ("30-odd", q(value=30, approx=True)),
    ("dozens", q(low=24, approx=True)),
    ("hundreds", q(low=200, approx=True)),
    ("thousands", q(low=2000, approx=True)),
    ("tens of thousands", q(low=20000, approx=True)),
    ("scores of", q(low=40, approx=True)),
    ("several hundred", q(low=300, approx=True)),
    ("roughly 70%", q(value=70, approx=True)),
    ("70 percent", q(value=70)),
    ("$5 million", q(value=5_000_000)),
    ("$3m", q(value=3_000_000)),
    ("up to 1,500 tunnels", q(high=1500)),
])
def test_parse_quantity_forms(text, expected):
    assert parse_quantity(text) == expected


@pytest.mark.parametrize("text", ["scores", "tunnels", "the 1990s", "3pm", "between", "some people"])
def test_parse_quantity_rejects_non_quantities(text):
    assert parse_quantity(text) is None


# --- properties ----------------------------------------------------------------------------

_ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen " \
        "fifteen sixteen seventeen eighteen nineteen".split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def spell(n: int, use_and: bool, hyphen: bool) -> str:
    """English words for 0 <= n < 1,000,000, written independently of the parser's tables."""
    def below_thousand(m: int) -> list[str]:
        words = []
        if m >= 100:
            words += [_ONES[m // 100], "hundred"]
            m %= 100
            if m and use_and:
                words.append("and")
        if m >= 20:
            tens, ones = divmod(m, 10)
            words += ([f"{_TENS[tens]}-{_ONES[ones]}"] if hyphen else [_TENS[tens], _ONES[ones]]) \
                if ones else [_TENS[tens]]
        elif m or not words:
            words.append(_ONES[m])
        return words

    if n < 1000:
        return " ".join(below_thousand(n))
    thousands, rest = divmod(n, 1000)
    words = below_thousand(thousands) + ["thousand"]
    if rest:
        words += (["and"] if use_and and rest < 100 else []) + below_thousand(rest)
    return " ".join(words)


@given(st.integers(min_value=0, max_value=10**9))
def test_digits_with_and_without_separators_parse_to_themselves(n):
    assert parse_number(f"{n:,}") == n
    assert parse_number(str(n)) == n


@given(st.integers(min_value=0, max_value=999_999), st.booleans(), st.booleans())
def test_spelled_numbers_parse_to_themselves(n, use_and, hyphen):
    assert parse_number(spell(n, use_and, hyphen)) == n


_COUNT = st.integers(min_value=0, max_value=10**9)


@given(_COUNT, _COUNT, st.sampled_from(["between {a} and {b}", "{a} to {b}", "between {a} to {b}"]))
def test_ranges_give_low_min_and_high_max(a, b, form):
    parsed = parse_quantity(form.format(a=f"{a:,}", b=f"{b:,}"))
    assert parsed == q(low=min(a, b), high=max(a, b))


@given(_COUNT)
def test_upper_bound_gives_high_only(n):
    assert parse_quantity(f"up to {n:,}") == q(high=n)


@given(_COUNT)
def test_lower_bound_gives_low_only(n):
    assert parse_quantity(f"over {n:,}") == q(low=n)


@given(st.text())
def test_parsers_never_crash(text):
    parsed = parse_quantity(text)
    assert parsed is None or set(parsed) == {"value", "low", "high", "approx"}
    number = parse_number(text)
    assert number is None or isinstance(number, (int, float)) and math.isfinite(number)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(
    "some roughly between and to up over more than at least nearly a dozen dozens of hundreds "
    "several half one twenty - – , . ( ) $ € % percent 8,000 1.5 10k 5bn 2–3 0600 2006 October "
    "7 people fighters the other its them killed million hundred or so plus + odd from \n \u00a0 "
    "’ 3 45 third thirds two-thirds quarter in out by 10 five".split(" ")), max_size=40).map(" ".join))
def test_component_offsets_round_trip_on_any_text(nlp, text):
    doc = quantities(nlp, text)
    previous_end = 0
    for x in doc._.quantities:
        assert previous_end <= x.span.start < x.span.end  # sorted, not overlapping
        previous_end = x.span.end
        assert x.text == original(doc, x.span.start, x.span.end)
        assert (x.value is None) == (x.low is not None or x.high is not None)
        if x.unit_span is not None:
            assert x.span.start <= x.unit_span.start <= x.unit_span.end <= x.span.end


# --- the component -------------------------------------------------------------------------

def test_ranges_keep_modifiers_and_counted_noun(nlp):
    got = found(nlp, "Officials claim anywhere between 2,000 to 3,000 Wagner contractors died, "
                     "while a militia some 10,000 to 12,000 men strong held the ridge.")
    assert got["anywhere between 2,000 to 3,000 Wagner contractors"] == (
        None, 2000, 3000, False, "Wagner contractors")
    assert got["some 10,000 to 12,000 men"] == (None, 10000, 12000, True, "men")


def test_dash_and_between_ranges(nlp):
    got = found(nlp, "Between 400 and 500 families fled and 1,200-1,500 homes were damaged.")
    assert got["Between 400 and 500 families"] == (None, 400, 500, False, "families")
    assert got["1,200-1,500 homes"] == (None, 1200, 1500, False, "homes")


@pytest.mark.parametrize("phrase, low, high", [
    ("up to 800 drones", None, 800), ("as many as 800 drones", None, 800),
    ("no more than 800 drones", None, 800), ("at most 800 drones", None, 800),
    ("over 800 drones", 800, None), ("more than 800 drones", 800, None),
    ("at least 800 drones", 800, None), ("in excess of 800 drones", 800, None),
])
def test_bounds(nlp, phrase, low, high):
    got = found(nlp, f"The army said it had downed {phrase} since the spring offensive.")
    assert got[phrase] == (None, low, high, False, "drones")


@pytest.mark.parametrize("modifier", ["some", "roughly", "around", "about", "nearly", "almost",
                                      "approximately", "an estimated", "close to"])
def test_approximators_keep_the_number_as_value(nlp, modifier):
    got = found(nlp, f"Witnesses counted {modifier} 250 armoured vehicles near the border.")
    assert got[f"{modifier} 250 armoured vehicles"] == (250, None, None, True, "armoured vehicles")


def test_vague_counts(nlp):
    got = found(nlp, "Dozens of drones struck the port, hundreds of residents fled, thousands of "
                     "troops massed and scores of buildings collapsed; a dozen boats sank.")
    assert got["Dozens of drones"] == (None, 24, None, True, "drones")
    assert got["hundreds of residents"] == (None, 200, None, True, "residents")
    assert got["thousands of troops"] == (None, 2000, None, True, "troops")
    assert got["scores of buildings"] == (None, 40, None, True, "buildings")
    assert got["a dozen boats"] == (12, None, None, False, "boats")


def test_around_a_dozen_drops_other(nlp):
    got = found(nlp, "There are around a dozen other Kurdish armed factions in the region.")
    assert got["around a dozen other Kurdish armed factions"] == (
        12, None, None, True, "Kurdish armed factions")


def test_more_and_other_are_not_part_of_the_unit(nlp):
    got = found(nlp, "Ten more soldiers died and 12 other people were hurt.")
    assert got == {"Ten more soldiers": (10, None, None, False, "soldiers"),
                   "12 other people": (12, None, None, False, "people")}


def test_percentages_and_money(nlp):
    got = found(nlp, "Roughly 60% of the displaced are children, 45 percent of homes are gone "
                     "and donors pledged $7.5 million and €2bn.")
    assert got["Roughly 60%"] == (60, None, None, True, "percent")
    assert got["45 percent"] == (45, None, None, False, "percent")
    assert got["$7.5 million"] == (7_500_000, None, None, False, "USD")
    assert got["€2bn"] == (2_000_000_000, None, None, False, "EUR")


def test_counted_noun_from_of_phrase_and_total(nlp):
    got = found(nlp, "Rebels executed four of their prisoners. A total of nine people died in "
                     "the shelling, which began after 2 of the convoys were hit.")
    assert got["four of their prisoners"] == (4, None, None, False, "prisoners")
    assert got["nine people"] == (9, None, None, False, "people")
    assert got["2 of the convoys"] == (2, None, None, False, "convoys")


def test_count_without_noun_has_no_unit(nlp):
    got = found(nlp, "Gunmen attacked a checkpoint near Mosul, killing 14, police said.")
    assert got == {"14": (14, None, None, False, None)}


def test_spelled_numbers_in_text(nlp):
    got = found(nlp, "Twenty-one soldiers and three hundred and forty civilians were evacuated.")
    assert got["Twenty-one soldiers"] == (21, None, None, False, "soldiers")
    assert got["three hundred and forty civilians"] == (340, None, None, False, "civilians")


def test_durations_are_counts_with_a_time_unit(nlp):
    got = found(nlp, "The siege lasted nearly six weeks and the ceasefire held for around 48 hours.")
    assert got["nearly six weeks"] == (6, None, None, True, "weeks")
    assert got["around 48 hours"] == (48, None, None, True, "hours")


@pytest.mark.parametrize("text", [
    "Fighting resumed on November 4 after the truce of 2019 collapsed.",
    "The attack on 9 March was the worst since 2014.",
    "Talks were held on May 30, 2022, at 3 p.m. in Doha.",
    "It was the first raid and the second evacuation of the 3rd district.",
    "1. Background\n2. The offensive\n3) Casualties",
    "UN Resolution 2231 and Article 51 were cited by Channel 12 at 10:30.",
    "One of them escaped and one by one the others followed.",
    "The 2011 uprising and the 1990s wars shaped the region.",
    "The convoy left at 0600 local time with a 9-year-old girl aboard.",
])
def test_dates_years_ordinals_list_numbers_identifiers_and_pronoun_one_are_skipped(nlp, text):
    assert found(nlp, text) == {}


def test_one_counts_when_it_modifies_a_noun(nlp):
    got = found(nlp, "One journalist was detained and at least one drone was shot down.")
    assert got["One journalist"] == (1, None, None, False, "journalist")
    assert got["at least one drone"] == (None, 1, None, False, "drone")


def test_one_counts_when_it_stands_for_a_count(nlp):
    got = found(nlp, "The blast killed one and injured five. No one else was hurt; they blamed "
                     "one another.")
    assert got == {"one": (1, None, None, False, None), "five": (5, None, None, False, None)}


def test_from_to_is_a_change_not_a_range(nlp):
    got = found(nlp, "The death toll rose from 31 to 45 on Sunday.")
    assert got == {"31": (31, None, None, False, None), "45": (45, None, None, False, None)}


def test_offsets_point_at_the_original_words(analyze_text):
    text = "“They killed\u00a0some 1,500 fighters,” the ministry’s spokesman said of the 12\u00a0raids."
    ledger = analyze_text(text)
    assert [x.text for x in ledger.quantities] == ["some 1,500 fighters", "12\u00a0raids"]
    for x in ledger.quantities:
        assert text[x.span.start:x.span.end] == x.text
        assert text[x.unit_span.start:x.unit_span.end] == x.unit
    assert ledger.quantities[0].value == 1500 and ledger.quantities[0].approx


def test_quantities_are_sorted_and_serialize(analyze_text):
    ledger = analyze_text("Up to 300 tanks and over 1,000 trucks crossed; 40% were damaged.")
    spans = [x.span.start for x in ledger.quantities]
    assert spans == sorted(spans) and len(spans) == 3
    assert ledger.to_dict()["quantities"][0] == {
        "text": "Up to 300 tanks", "span": {"start": 0, "end": 15}, "value": None, "low": None,
        "high": 300, "approx": False, "unit": "tanks", "unit_span": {"start": 10, "end": 15}}


def test_falling_pairs_are_scores_not_ranges(nlp):
    got = found(nlp, "The incumbent leads 52 percent to 41 percent; the toll went 30 to 12.")
    assert got == {"52 percent": (52, None, None, False, "percent"),
                   "41 percent": (41, None, None, False, "percent"),
                   "30": (30, None, None, False, None), "12": (12, None, None, False, None)}


def test_codes_and_dashed_scores_are_not_counts(nlp):
    assert found(nlp, "Call 800-273-8255; the council voted 11-4 to extend the mission.") == {}


def test_range_units_and_large_vague_counts(nlp):
    got = found(nlp, "Levies ranging from 10 percent to 35 percent could cost tens of billions of "
                     "dollars.")
    assert got["ranging from 10 percent to 35 percent"] == (None, 10, 35, False, "percent")
    assert got["tens of billions of dollars"] == (None, 20_000_000_000, None, True, "dollars")


def test_numbers_inside_names_and_paragraph_numbering(nlp):
    text = "Demands:   1. a ceasefire.   2. the release of 40 detainees held at Camp 22 North."
    got = found(nlp, text)
    assert got == {"40 detainees": (40, None, None, False, "detainees")}


# --- shares of a whole: fractions and ratios, as percentages -------------------------------

@pytest.mark.parametrize("text, expected", [
    ("three-quarters of the population", q(value=75)),
    ("three quarters", q(value=75)),
    ("two-thirds", q(value=66.67)),
    ("one-third", q(value=33.33)),
    ("a third of the homes", q(value=33.33)),
    ("a quarter of", q(value=25)),
    ("one fifth of them", q(value=20)),
    ("half of the residents", q(value=50)),
    ("half the city", q(value=50)),
    ("nearly half", q(value=50, approx=True)),
    ("more than half", q(low=50)),
    ("less than a third of", q(high=33.33)),
    ("one in five children", q(value=20)),
    ("1 in 4", q(value=25)),
    ("two out of three", q(value=66.67)),
    ("nine out of 10", q(value=90)),
    ("one in 50", q(value=2)),
    ("a quarter of a million", q(value=250_000)),
    ("three-quarters of a million", q(value=750_000)),
    ("half a million", q(value=500_000)),
    ("between a third and a half of the homes", q(low=33.33, high=50)),
    ("roughly a quarter to a third of them", q(low=25, high=33.33, approx=True)),
    ("two-thirds or three-quarters", q(low=66.67, high=75)),
])
def test_shares_are_percentages(text, expected):
    assert parse_quantity(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("a third time", None),              # an ordinal
    ("a half", None),
    ("half an hour", None),
    ("a quarter of an hour", None),      # part of one thing
    ("2 in 10 days", q(value=2)),        # a rate, not a share
    ("3 in 2019", q(value=3)),           # a year, not a whole
    ("4 in 3", q(value=4)),              # no share above one
    ("12 in 40", q(value=12)),           # only "one in 40" or a round whole
])
def test_what_is_not_a_share(text, expected):
    assert parse_quantity(text) == expected


_DENOMINATORS = {2: "halves", 3: "thirds", 4: "quarters", 5: "fifths", 6: "sixths", 7: "sevenths",
                 8: "eighths", 9: "ninths", 10: "tenths"}


@given(st.integers(min_value=3, max_value=10).flatmap(
    lambda b: st.tuples(st.integers(min_value=2, max_value=b - 1), st.just(b))), st.booleans())
def test_plural_fractions_give_their_percentage(pair, hyphen):
    a, b = pair
    text = f"{_ONES[a]}{'-' if hyphen else ' '}{_DENOMINATORS[b]} of the residents"
    parsed = parse_quantity(text)
    assert parsed["value"] == pytest.approx(a * 100 / b, abs=0.00501)  # two decimals, half up
    assert parsed["low"] is None and parsed["high"] is None


@given(st.integers(min_value=2, max_value=10).flatmap(
    lambda b: st.tuples(st.integers(min_value=1, max_value=b - 1), st.just(b))),
    st.sampled_from(["{a} in {b}", "{a} out of {b}"]), st.booleans())
def test_ratios_give_their_percentage(pair, form, spelled):
    a, b = pair
    a_text, b_text = (_ONES[a], _ONES[b]) if spelled else (str(a), str(b))
    parsed = parse_quantity(form.format(a=a_text, b=b_text) + " children")
    assert parsed["value"] == pytest.approx(a * 100 / b, abs=0.00501)  # two decimals, half up


@given(st.integers(min_value=2, max_value=1000))
def test_one_in_any_whole_up_to_a_thousand(b):
    assert parse_quantity(f"one in {b:,}")["value"] == pytest.approx(100 / b, abs=0.00501)  # two decimals, half up


def test_shares_in_text(nlp):
    got = found(nlp, "Three-quarters of the population has fled. Half of the 2,000 residents left, "
                     "and one in five children is malnourished. More than half were women, nearly "
                     "a third of the homes were destroyed and a two-thirds majority backed the deal.")
    assert got["Three-quarters"] == (75, None, None, False, "percent")
    assert got["Half"] == (50, None, None, False, "percent")
    assert got["2,000 residents"] == (2000, None, None, False, "residents")
    assert got["one in five"] == (20, None, None, False, "percent")
    assert got["More than half"] == (None, 50, None, False, "percent")
    assert got["nearly a third"] == (33.33, None, None, True, "percent")
    assert got["two-thirds"] == (66.67, None, None, False, "percent")
    assert all(x.unit_span is None for x in quantities(nlp, "Two-thirds of voters agreed.")._.quantities)


def test_fraction_words_that_are_not_shares(nlp):
    got = found(nlp, "In the first half of the year the rebels met for a third time. The other half "
                     "stayed. Half a million people fled within half an hour, and 3 in 2019.")
    assert all(unit != "percent" for *_, unit in got.values())
    assert got["Half a million people"] == (500_000, None, None, False, "people")


def test_changes_by_a_fraction_are_percentages(nlp):
    got = found(nlp, "Attacks rose by a fifth, rations were cut by half and exports fell by nearly a third. "
                     "The budget grew by half a million dollars.")
    assert got["a fifth"] == (20, None, None, False, "percent")
    assert got["half"] == (50, None, None, False, "percent")
    assert got["nearly a third"] == (33.33, None, None, True, "percent")
    assert got["half a million dollars"] == (500_000, None, None, False, "USD")
