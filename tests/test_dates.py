"""Temporal expressions: the newsledger_dates component through the real pipeline, and
property tests of resolve_expression."""
from __future__ import annotations

import calendar
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsledger.nlp.dates import read_expression, resolve_expression
from newsledger.nlp.normalize import normalize

TUESDAY = date(2024, 1, 9)  # publication date of the examples: a Tuesday
D = date.fromisoformat


def find_dates(nlp, text, published=TUESDAY):
    doc = nlp.make_doc(normalize(text))
    doc._.published = published
    doc._.source_text = text
    return nlp(doc)._.dates


def only(mentions, words):
    found = [m for m in mentions if m.text == words]
    assert len(found) == 1, [m.text for m in mentions]
    return found[0]


@pytest.mark.parametrize("text, words, start, end, kind", [
    ("Last Tuesday, the army shelled the port town.", "Last Tuesday", "2024-01-02", "2024-01-02", "date"),
    ("On Monday, rockets struck the northern suburbs.", "Monday", "2024-01-08", "2024-01-08", "date"),
    ("The minister toured the border villages over the weekend.", "the weekend", "2024-01-06", "2024-01-07", "date"),
    ("Militia leaders met twice this week.", "this week", "2024-01-08", "2024-01-09", "date"),
    ("In late December, drones hit a fuel depot near the airport.", "late December", "2023-12-21", "2023-12-31", "date"),
    ("Troops raided the camp in the early hours of January 8, residents said.",
     "the early hours of January 8", "2024-01-08", "2024-01-08", "time"),
    ("The siege has continued since October 7.", "October 7", "2023-10-07", "2023-10-07", "date"),
    ("A car bomb exploded on January 3 outside the ministry.", "January 3", "2024-01-03", "2024-01-03", "date"),
    ("The accord was signed on Jan. 3, 2024, in the capital.", "Jan. 3, 2024", "2024-01-03", "2024-01-03", "date"),
    ("The accord was signed on 3 January 2024 in the capital.", "3 January 2024", "2024-01-03", "2024-01-03", "date"),
    ("The accord was signed on January 3rd in the capital.", "January 3rd", "2024-01-03", "2024-01-03", "date"),
    ("Both sides set goals in October last year.", "October last year", "2023-10-01", "2023-10-31", "date"),
    ("The rebels have held the valley since 2006.", "2006", "2006-01-01", "2006-12-31", "date"),
    ("The town was shelled in 2006 as well.", "2006", "2006-01-01", "2006-12-31", "date"),
    ("Aid deliveries stopped last month.", "last month", "2023-12-01", "2023-12-31", "date"),
    ("Aid deliveries stopped last year.", "last year", "2023-01-01", "2023-12-31", "date"),
    ("Aid deliveries stopped last week.", "last week", "2024-01-01", "2024-01-07", "date"),
    ("The convoy was ambushed yesterday.", "yesterday", "2024-01-08", "2024-01-08", "date"),
    ("The convoy was ambushed today.", "today", "2024-01-09", "2024-01-09", "date"),
    ("The convoy was ambushed two days ago.", "two days ago", "2024-01-07", "2024-01-07", "date"),
    ("Fighting flared earlier this month in the south.", "earlier this month", "2024-01-01", "2024-01-09", "date"),
    ("Fighting flared in December 2023 in the south.", "December 2023", "2023-12-01", "2023-12-31", "date"),
    ("The report is dated 2024-01-03 and lists the dead.", "2024-01-03", "2024-01-03", "2024-01-03", "date"),
    ("The enclave has been under siege for nearly four months.",
     "nearly four months", "2023-09-09", "2024-01-09", "duration"),
    ("The enclave has been under siege for three weeks.", "three weeks", "2023-12-19", "2024-01-09", "duration"),
    ("Between October 7 and November 24 the crossings were shut.",
     "Between October 7 and November 24", "2023-10-07", "2023-11-24", "date"),
    ("Medics treated the wounded on Tuesday, January 9.", "Tuesday, January 9", "2024-01-09", "2024-01-09", "date"),
])
def test_forms_resolve_against_publication(nlp, text, words, start, end, kind):
    mention = only(find_dates(nlp, text), words)
    assert (mention.start, mention.end, mention.kind) == (D(start), D(end), kind)
    assert text[mention.span.start:mention.span.end] == mention.text


@pytest.mark.parametrize("text, words, kind", [
    ("Shells fall on the camp every single day.", "every single day", "set"),
    ("Shells fall on the camp daily.", "daily", "set"),
    ("During the first few weeks of the offensive, the army counted its losses.", "the first few weeks", "duration"),
])
def test_recurring_and_unanchored_stay_open(nlp, text, words, kind):
    mention = only(find_dates(nlp, text), words)
    assert (mention.start, mention.end, mention.kind) == (None, None, kind)


def test_leading_preposition_is_left_out_of_the_span(nlp):
    text = "The militia withdrew on Monday."
    mention = only(find_dates(nlp, text), "Monday")
    assert text[mention.span.start - 3:mention.span.start] == "on "


def test_without_publication_date_only_absolute_dates_resolve(nlp):
    text = "Last Tuesday the mayor said the dam was breached on January 3, 2024, and again on October 7."
    mentions = find_dates(nlp, text, published=None)
    assert only(mentions, "Last Tuesday").start is None
    assert only(mentions, "October 7").start is None
    assert only(mentions, "January 3, 2024").start == D("2024-01-03")


def test_future_tense_reads_weekdays_forward(nlp):
    mentions = find_dates(nlp, "The envoy will arrive in the capital on Friday for talks.")
    assert only(mentions, "Friday").start == D("2024-01-12")


def test_next_day_counts_from_the_date_before(nlp):
    text = "The strike hit the market on January 3. The next day, crowds buried the dead."
    mentions = find_dates(nlp, text)
    assert only(mentions, "The next day").start == D("2024-01-04")


def test_ages_and_modal_may_are_not_dates(nlp):
    mentions = find_dates(nlp, "A 35-year-old man said the fighters may return.")
    assert mentions == []


def test_offsets_round_trip_with_nbsp_and_curly_quotes(nlp):
    text = "\u201cWe left,\u201d she said of the raid on January\u00a08 and Tuesday\u2019s funeral."
    mentions = find_dates(nlp, text)
    assert [m.text for m in mentions] == ["January\u00a08", "Tuesday"]
    for m in mentions:
        assert text[m.span.start:m.span.end] == m.text
    assert mentions[0].start == D("2024-01-08")


def test_mentions_are_sorted_and_disjoint(nlp):
    text = ("Yesterday the army said that last week, and again on Sunday morning, it struck targets "
            "it had watched since mid-2022; a truce is planned for next month.")
    mentions = find_dates(nlp, text)
    assert len(mentions) >= 4
    spans = [(m.span.start, m.span.end) for m in mentions]
    assert spans == sorted(spans)
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(spans, spans[1:]))


def test_ledger_carries_dates(analyze_text):
    ledger = analyze_text("Two days ago the ceasefire collapsed.", published=TUESDAY)
    assert [(d.text, d.start) for d in ledger.dates] == [("Two days ago", D("2024-01-07"))]


# --- property tests of resolve_expression ------------------------------------------------

days = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
publications = st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31))
WEEKDAYS = list(calendar.day_name)
MONTHS = list(calendar.month_name)[1:]


@given(days)
def test_absolute_formats_resolve_to_that_day(d):
    month = MONTHS[d.month - 1]
    for text in (f"{month} {d.day}, {d.year}", f"{d.day} {month} {d.year}", d.isoformat(),
                 f"{month[:3]}. {d.day}, {d.year}", f"on {month} {d.day}, {d.year}"):
        assert resolve_expression(text, None) == (d, d), text


@given(publications, st.sampled_from(WEEKDAYS))
def test_last_weekday_is_in_the_week_before(p, weekday):
    d, end = resolve_expression(f"last {weekday}", p)
    assert d == end and d.strftime("%A") == weekday
    assert 1 <= (p - d).days <= 13
    assert d - timedelta(days=d.weekday()) == p - timedelta(days=p.weekday() + 7)


@given(publications, st.sampled_from(WEEKDAYS))
def test_bare_weekday_is_the_latest_on_or_before_publication(p, weekday):
    d, end = resolve_expression(weekday, p)
    assert d == end and d.strftime("%A") == weekday
    assert 0 <= (p - d).days <= 6


@given(publications, st.sampled_from(["early", "mid", "late"]), st.sampled_from(MONTHS))
def test_part_of_month_is_inside_the_month_and_not_after_publication(p, part, month):
    start, end = resolve_expression(f"{part} {month}", p)
    assert start.strftime("%B") == month and end.month == start.month and end.year == start.year
    assert start <= end <= p
    first_day = {"early": 1, "mid": 11, "late": 21}[part]
    assert start.day == first_day
    assert (p - start).days < 366


@given(publications, st.integers(min_value=1, max_value=400))
def test_days_ago_and_durations_count_back_from_publication(p, n):
    assert resolve_expression(f"{n} days ago", p) == (p - timedelta(days=n),) * 2
    assert resolve_expression(f"for {n} weeks", p) == (p - timedelta(weeks=n), p)


@given(publications, st.integers(min_value=1, max_value=12), st.integers(min_value=1, max_value=28))
def test_month_day_without_year_lands_within_a_year_of_publication(p, month, day):
    d, end = resolve_expression(f"{MONTHS[month - 1]} {day}", p)
    assert d == end and (d.month, d.day) == (month, day)
    assert abs((d - p).days) < 366
    if d > p:  # only a date much nearer ahead than behind is read forward
        assert (d - p).days * 3 < (p - d.replace(year=d.year - 1)).days


@given(st.sampled_from(["last Tuesday", "Monday", "the weekend", "this week", "late December", "October 7",
                        "yesterday", "two days ago", "last month", "nearly four months", "earlier this month"]))
def test_relative_forms_stay_unresolved_without_publication(text):
    assert resolve_expression(text, None) == (None, None)


@settings(max_examples=300)
@given(st.text(max_size=40), st.none() | publications)
def test_arbitrary_text_never_crashes(text, p):
    result = resolve_expression(text, p)
    assert result is None or (len(result) == 2 and (None in result or result[0] <= result[1]))


def test_non_temporal_text_is_not_an_expression():
    assert resolve_expression("the ministry of defence", TUESDAY) is None
    assert resolve_expression("35-year-old", TUESDAY) is None
    assert read_expression("every single day", TUESDAY).kind == "set"


@pytest.mark.parametrize("text, start, end", [
    ("Jan 8-9", "2024-01-08", "2024-01-09"),
    ("3-5 January 2024", "2024-01-03", "2024-01-05"),
    ("Dec. 31-Jan. 1", "2023-12-31", "2024-01-01"),
    ("from 2020 to 2022", "2020-01-01", "2022-12-31"),
    ("the night of 7-8 January", "2024-01-07", "2024-01-08"),
    ("at dawn on Friday", "2024-01-05", "2024-01-05"),
    ("Monday of last week", "2024-01-01", "2024-01-01"),
    ("the end of last year", "2023-09-01", "2023-12-31"),
    ("the past two weeks", "2023-12-26", "2024-01-09"),
    ("two to three years", "2021-01-09", "2024-01-09"),
    ("the 1990s", "1990-01-01", "1999-12-31"),
    ("last summer", "2023-06-01", "2023-08-31"),
    ("three months ago", "2023-10-01", "2023-10-31"),
])
def test_ranges_and_less_common_forms(text, start, end):
    assert resolve_expression(text, TUESDAY) == (D(start), D(end))


def test_month_day_far_behind_but_near_ahead_reads_forward():
    assert resolve_expression("Nov. 8", date(2016, 9, 27)) == (D("2016-11-08"),) * 2
    assert resolve_expression("October 7", TUESDAY) == (D("2023-10-07"),) * 2


def test_datetime_publication_is_read_as_its_day():
    from datetime import datetime
    assert resolve_expression("yesterday", datetime(2024, 1, 9, 23, 30)) == (D("2024-01-08"),) * 2


@given(publications)
def test_weekend_and_this_week_sit_around_publication(p):
    start, end = resolve_expression("over the weekend", p)
    assert start.weekday() == 5 and start <= end <= p and (p - start).days <= 6
    start, end = resolve_expression("this week", p)
    assert start.weekday() == 0 and end == p and (p - start).days == p.weekday()


def test_future_cues_read_months_forward_but_not_causal_due(nlp):
    mentions = find_dates(nlp, "Elections are due in March. Schools closed due to the shelling in March.")
    first, second = [m for m in mentions if m.text == "March"]
    assert (first.start, first.end) == (D("2024-03-01"), D("2024-03-31"))
    assert (second.start, second.end) == (D("2023-03-01"), D("2023-03-31"))


def test_neighbouring_time_and_day_spans_join_into_one_range(nlp):
    text = "Drones were launched from 10 p.m. Sunday to 6 a.m. Monday, the air force said."
    mention = only(find_dates(nlp, text), "10 p.m. Sunday to 6 a.m. Monday")
    assert (mention.start, mention.end) == (D("2024-01-07"), D("2024-01-08"))


def test_numeric_dates_are_found_by_shape(nlp):
    mention = only(find_dates(nlp, "The decree dated 25.12.2023 was published."), "25.12.2023")
    assert mention.start == mention.end == D("2023-12-25")


def test_later_periods_count_from_the_period_mentioned_before(nlp):
    text = "The militia was founded in December 2011. A month later it seized the border post."
    mention = only(find_dates(nlp, text), "A month later")
    assert (mention.start, mention.end) == (D("2012-01-01"), D("2012-01-31"))


date_words = st.sampled_from(["on", "Monday", "last", "week", "January", "3", "2024", ",", "-", "the", "early",
                              "hours", "of", "ago", "two", "days", "since", "and", "between", "to", "daily",
                              "\u00a0", "\u2019s", "late", "December", "year", "10", "p.m.", "next", "May",
                              "13th", "1st", "'24", "\u201922", "month", "Friday"])


@settings(max_examples=40, deadline=None)
@given(st.lists(date_words | st.text(max_size=6), max_size=25).map(" ".join), st.none() | publications)
def test_component_spans_round_trip_on_arbitrary_text(nlp, text, p):
    mentions = find_dates(nlp, text, published=p)
    spans = [(m.span.start, m.span.end) for m in mentions]
    assert spans == sorted(spans)
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(spans, spans[1:]))
    for m in mentions:
        assert text[m.span.start:m.span.end] == m.text
        assert m.start is None or m.end is None or m.start <= m.end


# --- ordinal days and two-digit years ------------------------------------------------------

def ordinal(n: int) -> str:
    """'1st', '2nd', '13th', '22nd', written independently of the module's own table."""
    if n in (11, 12, 13):
        return f"{n}th"
    return f"{n}" + {"1": "st", "2": "nd", "3": "rd"}.get(str(n)[-1], "th")


@pytest.mark.parametrize("text, words, start, end", [
    ("Shelling resumed on the 13th, officials said.", "the 13th", "2023-12-13", "2023-12-13"),
    ("The convoy left Goma on December 3 and reached Bunia by the 29th.", "the 29th", "2023-12-29", "2023-12-29"),
    ("Fighting flared on the 3rd of January.", "the 3rd of January", "2024-01-03", "2024-01-03"),
    ("The truce signed on 13 March 2023 collapsed.", "13 March 2023", "2023-03-13", "2023-03-13"),
    ("The rebels have held the town since the 7th of October.", "the 7th of October", "2023-10-07", "2023-10-07"),
    ("The vote was held in '22 under international monitoring.", "'22", "2022-01-01", "2022-12-31"),
    ("The March '22 offensive stalled.", "March '22", "2022-03-01", "2022-03-31"),
    ("Talks collapsed on Oct. 7, '23.", "Oct. 7, '23", "2023-10-07", "2023-10-07"),
    ("The blockade began on the 5th of last month.", "the 5th of last month", "2023-12-05", "2023-12-05"),
])
def test_ordinal_days_and_two_digit_years(nlp, text, words, start, end):
    m = only(find_dates(nlp, text), words)
    assert (m.start, m.end, m.kind) == (D(start), D(end), "date")


def test_ordinal_days_follow_tense(nlp):
    m = only(find_dates(nlp, "The ministers will meet again on the 20th."), "the 20th")
    assert m.start == D("2024-01-20")


@pytest.mark.parametrize("text", [
    "The film explores how the 13th amendment abolished slavery.",
    "Soldiers of the 1st Battalion crossed the river.",
    "Delegates met for the 2nd round of talks.",
])
def test_ordinals_before_a_noun_are_not_dates(nlp, text):
    assert find_dates(nlp, text) == []


def test_two_digit_years_are_not_counted(nlp):
    doc = nlp.make_doc("The March '22 vote, the '23 ceasefire and the elections in '24 were disputed.")
    doc._.published = TUESDAY
    doc = nlp(doc)
    assert [(m.text, m.start) for m in doc._.dates] == [
        ("March '22", D("2022-03-01")), ("the '23", D("2023-01-01")), ("'24", D("2024-01-01"))]
    assert doc._.quantities == []


@given(publications, st.integers(min_value=1, max_value=28), st.booleans())
def test_ordinal_day_is_the_nearest_such_day_on_the_side_the_tense_says(p, day, future):
    found = read_expression(f"on the {ordinal(day)}", p, future=future)
    assert found.start == found.end and found.start.day == day
    if future:
        assert 0 <= (found.start - p).days < 31
    else:
        assert 0 <= (p - found.start).days < 31


@given(publications, st.integers(min_value=1, max_value=31), st.integers(min_value=1, max_value=12))
def test_ordinal_day_falls_in_the_month_mentioned_before(p, day, month):
    anchor = (date(p.year - 1, month, 1), date(p.year - 1, month, 1))
    found = read_expression(f"the {ordinal(day)}", p, anchor=anchor)
    if day > calendar.monthrange(p.year - 1, month)[1]:
        assert found.start is None
    else:
        assert found.start == found.end == date(p.year - 1, month, day)


@given(publications, st.integers(min_value=1, max_value=28))
def test_ordinal_day_after_publication_in_past_tense_falls_back_to_the_latest(p, day):
    anchor = (p.replace(day=1), p.replace(day=1))
    found = read_expression(f"the {ordinal(day)}", p, anchor=anchor)
    assert found.start <= p and found.start.day == day and (p - found.start).days < 31


@given(publications, st.integers(min_value=0, max_value=99), st.sampled_from(MONTHS))
def test_two_digit_year_is_the_nearest_with_those_digits(p, yy, month):
    start, end = resolve_expression(f"in '{yy:02d}", p)
    assert start.year == end.year and start.year % 100 == yy and abs(start.year - p.year) <= 50
    assert (start, end) == (date(start.year, 1, 1), date(start.year, 12, 31))
    assert resolve_expression(f"{month} '{yy:02d}", p) == (
        date(start.year, MONTHS.index(month) + 1, 1),
        date(start.year, MONTHS.index(month) + 1, calendar.monthrange(start.year, MONTHS.index(month) + 1)[1]))
    assert resolve_expression(f"{month} '{yy:02d}", None) == (None, None)


@given(days)
def test_ordinal_day_of_month_forms_resolve_to_that_day(d):
    month = MONTHS[d.month - 1]
    for text in (f"the {ordinal(d.day)} of {month} {d.year}", f"{ordinal(d.day)} {month} {d.year}",
                 f"{month} {ordinal(d.day)}, {d.year}"):
        assert resolve_expression(text, None) == (d, d), text


def test_ordinal_day_with_weekday_or_time_of_day(nlp):
    m = only(find_dates(nlp, "Clashes broke out on Friday the 5th, witnesses said."), "Friday the 5th")
    assert (m.start, m.end, m.kind) == (D("2024-01-05"), D("2024-01-05"), "date")
    m = only(find_dates(nlp, "Troops entered the town on the night of the 13th."), "the night of the 13th")
    assert (m.start, m.end, m.kind) == (D("2023-12-13"), D("2023-12-13"), "time")


@given(publications, st.integers(min_value=1, max_value=28), st.sampled_from([("last", -1), ("this", 0), ("next", 1)]))
def test_ordinal_day_of_a_named_month(p, day, deixis):
    word, step = deixis
    d, end = resolve_expression(f"on the {ordinal(day)} of {word} month", p)
    assert d == end and d.day == day
    assert (d.year * 12 + d.month) - (p.year * 12 + p.month) == step
