"""Temporal expressions -> intervals relative to the publication date (Doc._.dates).

Rules for relative forms (p = publication date; weeks run Monday..Sunday; news is read in
the past tense unless the sentence's verb is future, e.g. "will meet on Friday"):
- "<weekday>": the most recent such day on or before p (0-6 days back); future: 0-6 days ahead.
- "last <weekday>": that weekday in the calendar week before p's (1-13 days back), so "last
  Tuesday" published Tuesday 2024-01-09 is 2024-01-02; "next <weekday>": the week after p's.
  "past/this past <weekday>": 1-7 days back; "coming <weekday>": 1-7 days ahead.
- "(over) the weekend": the most recent Saturday..Sunday starting on or before p, cut at p.
- "<Month> <day>" without a year: the most recent occurrence on or before p, unless the next
  one is over 3x nearer ("the Nov. 8 election" in September); future tense: the next one.
- "the <ordinal>" ("on the 13th"): that day of the month named ("of last month"), or of the
  month of the closest preceding mention when that lies in one month and the day is not after p;
  otherwise the most recent such day on or before p (future: the next).
- two-digit years ("in '24", "March '22"): the year with those digits nearest p (a past one on a
  tie); unresolved without p.
- "<Month>", "late <Month>" (days 21-end; early 1-10, mid 11-20): the most recent such part
  starting on or before p, cut at p.
- "this week/month/year": period start..p (future: p..period end).
- durations ("nearly four months", "for three weeks"): p minus the length..p, kind "duration".
- recurring ("daily", "every single day"): kind "set", no interval.
- "the next day", "two days later": relative to the closest preceding single-day mention;
  "a month later", "that year": to the preceding mention's month or year.
Without a publication date relative forms stay unresolved (None, None); absolute ones resolve.
"""
from __future__ import annotations

import calendar
import re
import dataclasses
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Callable, Iterable, Mapping, Optional

import numpy
from spacy.attrs import ENT_IOB, ENT_TYPE, IDX, IS_PUNCT, LENGTH, LOWER, SENT_START, SHAPE, SPACY
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from ..ledger import DateMention, Span
from ..resources import load_data, read_data
from .data_component import DataComponent
from .extensions import original, source_of
from .normalize import normalize

Interval = tuple[date, date]


@dataclass(frozen=True)
class DateReading:
    """What a temporal expression denotes: an interval (None ends if unresolvable) and its kind."""
    start: Optional[date]
    end: Optional[date]
    kind: str = "date"  # date | duration | set | time


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@dataclass(frozen=True)
class UnitWords:
    """A unit of time in dates.yaml: what it counts in (`unit`, `count` of them) and its other words."""
    unit: str
    count: int
    aliases: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class DatesFile:
    """The shape of data/dates.yaml."""
    months: dict[str, list[str]]
    ambiguous_months: list[str]
    weekdays: dict[str, list[str]]
    seasons: dict[str, list[int]]
    nearer_future_factor: int
    period_parts: dict[str, dict[str, list[int]]]
    period_part_words: dict[str, list[str]]
    relative_days: dict[str, list[int]]
    day_parts: list[str]
    clock_suffixes: list[str]
    deixis: dict[str, int]
    nearest_deixis: list[str]
    within_period: dict[str, str]
    units: dict[str, UnitWords]
    hours_per_day: int
    number_words: dict[str, float]
    vague_counts: dict[str, int]
    set_words: list[str]
    set_determiners: list[str]
    set_modifiers: list[str]
    duration_modifiers: dict[str, str]
    link_words: list[str]
    prepositions: list[str]
    approximators: list[str]
    ago_words: list[str]
    anchor_after_words: list[str]
    anchor_before_words: list[str]
    anchored_days: dict[str, list[int]]
    anchored_periods: dict[str, str]
    future_cues: list[str]
    future_cue_exceptions: dict[str, list[str]]
    clock_words: list[str]
    age_words: list[str]


class _DateLexicon:
    """dates.yaml compiled once into lookup tables and the regular expressions that read phrases."""

    def __init__(self, data: DatesFile):
        self.month = {w: n for n, (name, aliases) in enumerate(data.months.items(), 1)
                      for w in (name, *aliases)}
        self.ambiguous_months = set(data.ambiguous_months)
        self.weekday = {w: n for n, (name, aliases) in enumerate(data.weekdays.items())
                        for w in (name, *aliases)}
        self.weekday_names = list(data.weekdays)
        self.season = {w: tuple(months) for w, months in data.seasons.items()}
        self.parts = data.period_parts
        self.part_of = {w: part for part, words in data.period_part_words.items() for w in words}
        self.relative_days = {w: tuple(v) for w, v in data.relative_days.items()}
        self.day_parts = list(data.day_parts)
        self.deixis = dict(data.deixis)
        self.nearest = set(data.nearest_deixis)
        self.within = dict(data.within_period)
        self.unit = {}
        for name, spec in data.units.items():
            for w in (name, *spec.aliases):
                self.unit[w] = (spec.unit, spec.count, name)
        self.unit_plural = {w for name, spec in data.units.items() for w in spec.aliases
                            if w.endswith("s") and w != name}
        self.hours_per_day = data.hours_per_day
        self.numbers = dict(data.number_words)
        self.vague = dict(data.vague_counts)
        self.set_words = set(data.set_words)
        self.set_determiners = set(data.set_determiners)
        self.set_modifiers = set(data.set_modifiers)
        self.duration_modifiers = dict(data.duration_modifiers)
        self.links = set(data.link_words)
        self.ago_words = set(data.ago_words)
        self.prepositions = sorted(data.prepositions, key=len, reverse=True)
        self.approximators = sorted(data.approximators, key=len, reverse=True)
        self.anchored_days = {w: tuple(v) for w, v in data.anchored_days.items()}
        self.anchored_periods = dict(data.anchored_periods)
        self.future_cues = set(data.future_cues)
        self.future_cue_exceptions = {w: set(after) for w, after in data.future_cue_exceptions.items()}
        self.nearer_future_factor = data.nearer_future_factor
        self.vocabulary = set(_words_in(dataclasses.asdict(data)))

        month, weekday = _alternation(self.month), _alternation(self.weekday)
        part, deixis = _alternation(self.part_of), _alternation(self.deixis)
        unit, season = _alternation(self.unit), _alternation(self.season)
        day_part = _alternation(self.day_parts)
        number = (rf"(?:\d+(?:\.\d+)?|(?:{_alternation([*self.numbers, *self.vague])})"
                  rf"(?: (?:{_alternation(self.numbers)}))*)(?: and a half)?")
        count = rf"{number}(?: (?:to|or|-) {number})?(?: of)?"
        day = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
        year = r"(?:\d{4}|'\d{2})"
        year_tail = rf"(?:(?: ,)?(?: of)? (?P<year>{year})|(?: of)? (?P<rel>{deixis}) year)?"
        part_prefix = rf"(?:the )?(?P<part>{part})(?: of)? "
        clock = (rf"(?:(?:at|around|about|by) )?(?:\d{{1,2}}(?::\d{{2}})? (?:{_alternation(data.clock_suffixes)})"
                 rf"|\d{{1,2}}:\d{{2}}|noon|midnight|(?:\d{{1,2}}|{_alternation(self.numbers)}) o clock)"
                 rf"(?: (?:{_alternation(data.clock_suffixes)}))?(?: local time)?")

        self.re_month = re.compile(rf"(?:{part_prefix})?(?P<month>{month})(?: (?P<day>{day}))?{year_tail}")
        self.re_day_month = re.compile(rf"(?:the )?(?P<day>{day})(?: of)? (?P<month>{month}){year_tail}")
        self.re_deixis_month = re.compile(rf"(?:{part_prefix})?(?P<dx>{deixis}) (?P<month>{month})")
        self.re_ordinal_day = re.compile(rf"the (?P<day>(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th))"
                                         rf"(?: of (?P<dx>{deixis}) month)?")
        self.re_iso = re.compile(r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})")
        self.re_year = re.compile(rf"(?:{part_prefix})?(?:the year |the (?='))?(?P<year>{year})")
        self.re_decade = re.compile(r"(?:the )?(?P<decade>\d{3}0|'\d0)s")
        self.re_weekday = re.compile(rf"(?:(?P<dx>{deixis}) )?(?P<weekday>{weekday})")
        self.re_weekday_of_week = re.compile(rf"(?P<weekday>{weekday}) of (?P<dx>{deixis}) week")
        self.re_weekday_date = re.compile(rf"(?:(?:{deixis}) )?(?:{weekday}) (?:, )?(?P<rest>.+)")
        self.re_weekend = re.compile(rf"(?:the )?(?:(?P<dx>{deixis}) )?weekend")
        self.re_period = re.compile(rf"(?:{part_prefix})?(?:(?P<within>{_alternation(self.within)}) )?"
                                    rf"(?:(?P<dx>{deixis}) |the )(?P<unit>week|month|year)")
        self.re_season = re.compile(rf"(?:{part_prefix})?(?:(?P<dx>{deixis}) |the )?(?P<season>{season})"
                                    rf"(?:(?: of)? (?P<year>{year}))?")
        self.re_duration = re.compile(rf"(?:the )?(?:(?P<mod>{_alternation(self.duration_modifiers)}) )?"
                                      rf"(?:(?P<count>{count}) )?(?P<unit>{unit})(?: long)?")
        self.re_ago = re.compile(rf"(?:(?P<count>{count}) )?(?P<unit>{unit}) (?:{_alternation(self.ago_words)})")
        after, before = data.anchor_after_words, data.anchor_before_words
        self.re_shift = re.compile(rf"(?:(?P<count>{count}) )?(?P<unit>{unit}) "
                                   rf"(?:(?P<after>{_alternation(after)})|{_alternation(before)})")
        self.re_age = re.compile(rf"{count} (?:{unit}) (?:{_alternation(data.age_words)})")
        self.clock_words = frozenset(data.clock_words)
        self.re_set = re.compile(rf"(?:(?:{_alternation(self.set_words | self.set_determiners)})\b.*|(?:{weekday})s"
                                 rf"|(?:once|twice|\S+ times) (?:a|an|per|each|every) (?:{unit}))")
        self.re_range = (re.compile(r"between (?P<a>.+?) and (?P<b>.+)"),
                         re.compile(r"(?P<a>.+?) (?:to|until|till|through|thru|-) (?P<b>.+)"))
        self.re_only_time = re.compile(rf"(?:the )?(?:early |late |small )?(?:{clock}|{day_part}|hours)"
                                       rf"(?: (?:in the|at) (?:{day_part}))?")
        self.re_time_lead = re.compile(
            rf"^(?:(?:in|during|at) )?(?:the )?(?:early |late |small )?(?:hours|{day_part}) (?:of|on) "
            rf"|^(?:early|late|earlier|later) on "
            rf"|^(?:early|late|earlier|later) (?=(?:{weekday}|yesterday|today|tomorrow)\b)"
            rf"|^{clock} (?:on |, )?")
        # Longest word first at each step, as a reader would strip "as of" before "as".
        self.re_lead_prepositions = re.compile(rf"(?:(?:{_alternation(self.prepositions)}) )*")
        self.re_lead_approximators = re.compile(rf"(?:(?:{_alternation(self.approximators)}) )*")
        self.re_time_tail = re.compile(rf"(?: ,)? (?:(?:in the|at|on) )?(?:{clock}|{day_part})$")

    def count(self, text: Optional[str]) -> Optional[float]:
        """'four' -> 4, 'twenty four' -> 24, 'a few' -> the vague upper bound, 'two to three'
        -> 3 (the upper end, so the interval covers the period), None if absent."""
        if not text:
            return None
        text = text.removesuffix(" of")
        bounds = re.split(r" (?:to|or|-) ", text)
        if len(bounds) > 1:
            counts = [self.count(b) for b in bounds]
            known = [c for c in counts if c is not None]
            return max(known) if len(known) == len(counts) else None
        if text.endswith(" and a half"):
            whole = self.count(text.removesuffix(" and a half"))
            return None if whole is None else whole + 0.5
        if text in self.vague:
            return float(self.vague[text])
        if text in self.numbers:
            return float(self.numbers[text])
        if text[0].isdigit():
            return float(text)
        words = text.split()
        if words[0] in ("a", "an"):
            words = words[1:]
        total = 0.0
        for w in words:
            if w not in self.numbers:
                return None
            total = total * self.numbers[w] if self.numbers[w] == 100 and total else total + self.numbers[w]
        return total


def _words_in(data) -> Iterable[str]:
    """Every word named anywhere in the vocabulary file."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _words_in(key)
            yield from _words_in(value)
    elif isinstance(data, list):
        for item in data:
            yield from _words_in(item)
    elif isinstance(data, str):
        yield from data.split()


DATES_FILE = "dates.yaml"


@lru_cache(maxsize=1)
def _lexicon() -> _DateLexicon:
    """The shipped dates file's lexicon, for read_expression called outside a pipeline; the
    pipeline's DateFinder reads its own file."""
    return _DateLexicon(load_data(DATES_FILE, DatesFile))


_TOKEN = re.compile(r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}:\d{2}|\d{3}0s|'\d0s|'\d\d\b|\d+(?:\.\d+)?(?:st|nd|rd|th)?|[a-z]+|'ll|[,\-]")
_MERIDIEM = re.compile(r"\b([ap])\.\s?m\b\.?")
_POSSESSIVE = re.compile(r"(?<=[a-z0-9])'s\b|(?<=s)'(?=\s|$)")
_DASHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u2013": "-", "\u2014": "-", "\u2010": "-",
                         "\u2011": "-", "\u00a0": " "})


def _phrase(lex: _DateLexicon, text: str) -> str:
    """Lower-case words separated by single spaces: dots, possessives and word hyphens dropped."""
    s = _POSSESSIVE.sub("", _MERIDIEM.sub(r"\1m", text.lower().translate(_DASHES)))
    tokens = _TOKEN.findall(s)
    months = lex.month
    kept = [t for i, t in enumerate(tokens)
            if t != "-" or (0 < i < len(tokens) - 1 and tokens[i - 1][0].isdigit()
                            and (tokens[i + 1][0].isdigit() or tokens[i + 1] in months))]
    return " ".join(kept)


def _strip_leading(s: str, words: re.Pattern) -> str:
    """`s` without the run of leading words (each followed by a space) that `words` matches."""
    leading = words.match(s)
    return s[leading.end():] if leading else s


# --- calendar arithmetic -------------------------------------------------------------------

def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _add_months(d: date, months: int) -> date:
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(d.day, calendar.monthrange(year, month + 1)[1]))


def _add_years(d: date, years: float) -> date:
    return _add_months(d, round(years * 12))


def _valid_year(year: int) -> bool:
    return 1 <= year <= 9998


def _month_interval(lex: _DateLexicon, year: int, month: int, part: Optional[str] = None) -> Optional[Interval]:
    if not _valid_year(year):
        return None
    if part is None:
        return date(year, month, 1), _month_end(year, month)
    first, last = lex.parts[part]["month_days"]
    end = _month_end(year, month)
    return date(year, month, first), date(year, month, min(last, end.day))


def _year_interval(lex: _DateLexicon, year: int, part: Optional[str] = None) -> Optional[Interval]:
    if not _valid_year(year):
        return None
    if part is None:
        return date(year, 1, 1), date(year, 12, 31)
    first, last = lex.parts[part]["year_months"]
    return date(year, first, 1), _month_end(year, last)


def _week_interval(lex: _DateLexicon, monday: date, part: Optional[str] = None) -> Interval:
    first, last = lex.parts[part]["week_days"] if part else (1, 7)
    return monday + timedelta(days=first - 1), monday + timedelta(days=last - 1)


def _season_interval(lex: _DateLexicon, year: int, season: str) -> Optional[Interval]:
    first, last = lex.season[season]
    if not _valid_year(year + 1):
        return None
    return date(year, first, 1), _month_end(year + (last < first), last)


def _monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def _nearest(interval_in: Callable[[int], Optional[Interval]], p: date, future: bool) -> Optional[Interval]:
    """The most recent interval (by year) starting on or before p, cut at p; or the next one."""
    years = range(p.year, p.year + 6) if future else range(p.year, p.year - 6, -1)
    for year in years:
        found = interval_in(year) if _valid_year(year) else None
        if found is None:
            continue
        start, end = found
        if future and end >= p:
            return max(start, p), end
        if not future and start <= p:
            return start, min(end, p)
    return None


def _shift(d: date, count: float, unit: str, sign: int) -> Optional[date]:
    """d moved by count units; None when that leaves the calendar."""
    try:
        return _shift_unchecked(d, count, unit, sign)
    except (ValueError, OverflowError):
        return None


def _shift_unchecked(d: date, count: float, unit: str, sign: int) -> date:
    if unit == "day":
        return d + timedelta(days=sign * int(count))
    if unit == "month":
        return _add_months(d, sign * round(count)) if count == int(count) else d + timedelta(days=sign * round(count * 30.44))
    return _add_years(d, sign * count)


def _length(lex: _DateLexicon, count_text: Optional[str], unit_word: str) -> Optional[tuple[float, str]]:
    """(amount, calendar unit) of '<count> <unit>', hours and minutes rounded down to whole days."""
    unit, per_unit, name = lex.unit[unit_word]
    count = lex.count(count_text)
    if count is None:
        if unit_word in lex.unit_plural:
            return None  # "decades", "months": no length given
        count = 1.0
    if name == "hour":
        return float(int(count // lex.hours_per_day)), "day"
    if per_unit == 0:
        return 0.0, "day"
    return count * per_unit, unit


def _unresolved(kind: str = "date") -> DateReading:
    return DateReading(None, None, kind)


def _reading(interval: Optional[Interval], kind: str = "date") -> DateReading:
    return DateReading(*interval, kind) if interval else _unresolved(kind)


# --- readers: each takes the phrase and returns a DateReading, or None when the form does not fit --

def _read_set(lex, s, p, future, anchor):
    if s in lex.set_words or lex.re_set.fullmatch(s):
        return _unresolved("set")
    return None


def _read_relative_day(lex, s, p, future, anchor):
    offsets = lex.relative_days.get(s.removeprefix("the "))
    if offsets is None:
        return None
    if p is None:
        return _unresolved()
    return DateReading(p + timedelta(days=offsets[0]), p + timedelta(days=offsets[1]))


def _read_anchored(lex, s, p, future, anchor):
    """Forms that count from the date mentioned before: a day ('the next day') needs a one-day
    anchor; a period ('that year', 'two years later') only one inside that period."""
    offsets, period = lex.anchored_days.get(s), lex.anchored_periods.get(s)
    m = None if offsets or period else lex.re_shift.fullmatch(s)
    if offsets is None and period is None and m is None:
        return None
    if anchor is None:
        return _unresolved()
    first, last = anchor
    if period == "year":
        return _reading(_year_interval(lex, first.year) if first.year == last.year else None)
    if period == "month":
        return _reading(_month_interval(lex, first.year, first.month) if first.replace(day=1) == last.replace(day=1) else None)
    if period == "week":
        return _reading(_week_interval(lex, _monday(first)) if _monday(first) == _monday(last) else None)
    if offsets:
        return _reading((first + timedelta(days=offsets[0]), first + timedelta(days=offsets[1]))
                        if first == last else None)
    length = _length(lex, m["count"], m["unit"])
    if length is None or (length[1] == "day" and first != last):
        return _unresolved()
    sign = 1 if m["after"] else -1
    start, end = _shift(first, *length, sign), _shift(last, *length, sign)
    if length[1] == "month" and end is not None and last == _month_end(last.year, last.month):
        end = _month_end(end.year, end.month)  # a whole month moved is a whole month
    return _reading((start, end) if start and end else None)


def _read_ago(lex, s, p, future, anchor):
    m = lex.re_ago.fullmatch(s)
    if not m:
        return None
    length = _length(lex, m["count"], m["unit"])
    if p is None or length is None:
        return _unresolved()
    amount, unit = length
    d = _shift(p, amount, unit, -1)
    if d is None:
        return _unresolved()
    if unit == "month":
        return _reading(_month_interval(lex, d.year, d.month))
    if unit == "year":
        return _reading(_year_interval(lex, d.year))
    return DateReading(d, d)


def _read_duration(lex, s, p, future, anchor):
    m = lex.re_duration.fullmatch(s)
    if not m:
        return None
    mod = m["mod"]
    direction = lex.duration_modifiers.get(mod)
    if direction == "unanchored":
        return _unresolved("duration")
    if mod is None and m["count"] is None and m["unit"] not in lex.unit_plural:
        return None  # "the day", "week": no length and no direction
    count_text = m["count"] or ("recent" if mod == "recent" else None)
    length = _length(lex, count_text, m["unit"])
    if p is None or length is None:
        return _unresolved("duration")
    if direction == "ahead":
        end = _shift(p, *length, 1)
        return DateReading(p, end, "duration") if end else _unresolved("duration")
    start = _shift(p, *length, -1)
    return DateReading(start, p, "duration") if start else _unresolved("duration")


def _read_iso(lex, s, p, future, anchor):
    m = lex.re_iso.fullmatch(s)
    if not m:
        return None
    try:
        d = date(int(m["year"]), int(m["month"]), int(m["day"]))
    except ValueError:
        return None
    return DateReading(d, d)


def _year_number(text: str, p: Optional[date]) -> Optional[int]:
    """'2024' -> 2024; "'24" -> the year ending in 24 nearest to publication (a past one on a
    tie), None without a publication date."""
    if not text.startswith("'"):
        return int(text)
    if p is None:
        return None
    century = p.year // 100 * 100
    return min((century + step + int(text[1:]) for step in (-100, 0, 100)),
               key=lambda year: (abs(year - p.year), year > p.year))


def _explicit_year(lex: _DateLexicon, m: re.Match, p: Optional[date]) -> tuple[Optional[int], bool]:
    """(year, given): the year a match names, directly or as 'last/this/next year'."""
    if m["year"]:
        return _year_number(m["year"], p), True
    if m["rel"]:
        return (p.year + lex.deixis[m["rel"]] if p else None), True
    return None, False


def _day_number(text: str) -> int:
    """'13th' -> 13 (a day pattern's digits, then at most an ordinal suffix)."""
    return int(text.rstrip("stndrh"))


def _calendar_day(lex, m, p, future):
    month, day = lex.month[m["month"]], _day_number(m["day"])
    if day > (29 if month == 2 else calendar.monthrange(2001, month)[1]):
        return None
    year, given = _explicit_year(lex, m, p)
    if given:
        if year is None:
            return _unresolved()
        if not _valid_year(year) or day > calendar.monthrange(year, month)[1]:
            return None
        return DateReading(date(year, month, day), date(year, month, day))
    if p is None:
        return _unresolved()

    def that_day(y: int) -> Optional[Interval]:
        if day > calendar.monthrange(y, month)[1]:
            return None
        return date(y, month, day), date(y, month, day)
    ahead = _nearest(that_day, p, True)
    if future:
        return _reading(ahead)
    before = _nearest(that_day, p, False)
    if ahead and (before is None or (ahead[0] - p).days * lex.nearer_future_factor < (p - before[0]).days):
        return _reading(ahead)
    return _reading(before)


def _read_month(lex, s, p, future, anchor):
    m = lex.re_month.fullmatch(s)
    if not m:
        return None
    if m["day"]:
        return _calendar_day(lex, m, p, future)
    part = lex.part_of[m["part"]] if m["part"] else None
    month = lex.month[m["month"]]
    year, given = _explicit_year(lex, m, p)
    if given:
        return _reading(_month_interval(lex, year, month, part) if year else None)
    if p is None:
        return _unresolved()
    return _reading(_nearest(lambda y: _month_interval(lex, y, month, part), p, future))


def _read_ordinal_day(lex, s, p, future, anchor):
    """'the 13th': that day of the month named ('the 5th of last month'), or of the month the
    date mentioned just before falls in when that day is not after publication ('On March 3 ...
    by the 13th'); otherwise the most recent such day on or before publication (future tense:
    the next one)."""
    m = lex.re_ordinal_day.fullmatch(s)
    if not m:
        return None
    day = _day_number(m["day"])
    if m["dx"]:  # "the 5th of last month"
        if p is None:
            return _unresolved()
        year, month = divmod(p.year * 12 + p.month - 1 + lex.deixis[m["dx"]], 12)
        if not _valid_year(year) or day > calendar.monthrange(year, month + 1)[1]:
            return _unresolved()
        return DateReading(date(year, month + 1, day), date(year, month + 1, day))
    if anchor is not None and not future:
        first, last = anchor
        if (first.year, first.month) == (last.year, last.month):
            if day > calendar.monthrange(first.year, first.month)[1]:
                return _unresolved()
            found = date(first.year, first.month, day)
            if p is None or found <= p:  # past tense: not after publication
                return DateReading(found, found)
    if p is None:
        return _unresolved()

    def in_month(index: int) -> Optional[date]:
        year, month = divmod(index, 12)
        if not _valid_year(year) or day > calendar.monthrange(year, month + 1)[1]:
            return None
        return date(year, month + 1, day)
    here = p.year * 12 + p.month - 1
    months = range(here, here + 3) if future else range(here, here - 3, -1)
    found = next((d for d in map(in_month, months) if d and (d >= p if future else d <= p)), None)
    return _reading((found, found) if found else None)


def _read_day_month(lex, s, p, future, anchor):
    m = lex.re_day_month.fullmatch(s)
    return _calendar_day(lex, m, p, future) if m else None


def _read_deixis_month(lex, s, p, future, anchor):
    m = lex.re_deixis_month.fullmatch(s)
    if not m:
        return None
    if p is None:
        return _unresolved()
    part = lex.part_of[m["part"]] if m["part"] else None
    month, direction = lex.month[m["month"]], lex.deixis[m["dx"]]
    if direction < 0:
        year = p.year if month < p.month else p.year - 1
    elif direction > 0:
        year = p.year if month > p.month else p.year + 1
    else:
        year = p.year
    return _reading(_month_interval(lex, year, month, part))


def _read_year(lex, s, p, future, anchor):
    m = lex.re_year.fullmatch(s)
    if not m or not (m["year"].startswith("'") or 1000 <= int(m["year"]) <= 2199):
        return None
    year = _year_number(m["year"], p)
    return _reading(_year_interval(lex, year, lex.part_of[m["part"]] if m["part"] else None) if year else None)


def _read_decade(lex, s, p, future, anchor):
    m = lex.re_decade.fullmatch(s)
    if not m:
        return None
    decade = m["decade"]
    if decade.startswith("'"):
        if p is None:
            return _unresolved()
        tens = int(decade[1:])
        century = p.year // 100 * 100
        decade_start = century + tens if century + tens <= p.year else century - 100 + tens
    else:
        decade_start = int(decade)
    return DateReading(date(decade_start, 1, 1), date(decade_start + 9, 12, 31))


def _read_weekday(lex, s, p, future, anchor):
    m = lex.re_weekday.fullmatch(s)
    if not m:
        return None
    if p is None:
        return _unresolved()
    weekday, dx = lex.weekday[m["weekday"]], m["dx"]
    monday = _monday(p)
    if dx in lex.nearest:
        forward = lex.deixis[dx] > 0
    elif dx is not None:
        d = monday + timedelta(days=7 * lex.deixis[dx] + weekday)
        return DateReading(d, d)
    else:
        forward = future
    if forward and dx is None:
        d = p + timedelta(days=(weekday - p.weekday()) % 7)  # "will speak Friday" said on a Friday: today
    elif forward:
        d = p + timedelta(days=(weekday - p.weekday() - 1) % 7 + 1)
    elif dx is None:
        d = p - timedelta(days=(p.weekday() - weekday) % 7)
    else:
        d = p - timedelta(days=(p.weekday() - weekday - 1) % 7 + 1)
    return DateReading(d, d)


def _read_weekday_of_week(lex, s, p, future, anchor):
    m = lex.re_weekday_of_week.fullmatch(s)
    if not m:
        return None
    if p is None:
        return _unresolved()
    d = _monday(p) + timedelta(days=7 * lex.deixis[m["dx"]] + lex.weekday[m["weekday"]])
    return DateReading(d, d)


def _read_weekday_date(lex, s, p, future, anchor):
    """'Tuesday, January 9', 'Friday the 13th': the date decides, the weekday name only confirms it."""
    m = lex.re_weekday_date.fullmatch(s)
    if not m:
        return None
    for reader in (_read_month, _read_day_month, _read_iso, _read_ordinal_day):
        found = reader(lex, m["rest"], p, future, anchor)
        if found is not None:
            return found
    return None


def _read_weekend(lex, s, p, future, anchor):
    m = lex.re_weekend.fullmatch(s)
    if not m:
        return None
    if p is None:
        return _unresolved()
    dx = m["dx"]
    saturday_before = p - timedelta(days=(p.weekday() - 5) % 7)
    if dx in lex.nearest:
        if lex.deixis[dx] > 0:
            saturday = p + timedelta(days=(5 - p.weekday()) % 7)
        else:
            saturday = saturday_before if saturday_before + timedelta(days=1) < p else saturday_before - timedelta(days=7)
    elif dx is not None and lex.deixis[dx] != 0:
        saturday = _monday(p) + timedelta(days=7 * lex.deixis[dx] + 5)
    elif future:
        saturday = p + timedelta(days=(5 - p.weekday()) % 7)
    else:
        return DateReading(saturday_before, min(saturday_before + timedelta(days=1), p))
    return DateReading(saturday, saturday + timedelta(days=1))


def _read_period(lex, s, p, future, anchor):
    m = lex.re_period.fullmatch(s)
    if not m:
        return None
    part = lex.part_of[m["part"]] if m["part"] else None
    within = lex.within[m["within"]] if m["within"] else None
    if not (m["dx"] or part or within):
        return None  # "the week": which one is not said
    if p is None:
        return _unresolved()
    direction = lex.deixis[m["dx"]] if m["dx"] else 0
    unit = m["unit"]
    if unit == "week":
        found = _week_interval(lex, _monday(p) + timedelta(days=7 * direction), part)
    elif unit == "month":
        first = _add_months(date(p.year, p.month, 1), direction)
        found = _month_interval(lex, first.year, first.month, part)
    else:
        found = _year_interval(lex, p.year + direction, part)
    if found is None:
        return _unresolved()  # past the calendar's last year
    start, end = found
    current = direction == 0 and within is None and part is None
    if within == "before" or (current and not future and start <= p):
        end = max(start, min(end, p))
    elif within == "after" or (current and future):
        start = min(end, max(start, p))
    return DateReading(start, end)


def _read_season(lex, s, p, future, anchor):
    m = lex.re_season.fullmatch(s)
    if not m:
        return None
    season = m["season"]
    if m["year"]:
        year = _year_number(m["year"], p)
        return _reading(_season_interval(lex, year, season) if year else None)
    if p is None:
        return _unresolved()
    dx = m["dx"]
    direction = lex.deixis[dx] if dx else 0
    if direction < 0:
        for year in range(p.year, p.year - 3, -1):
            found = _season_interval(lex, year, season)
            if found and found[1] < p:
                return _reading(found)
        return _unresolved()
    if direction > 0:
        for year in range(p.year - 1, p.year + 3):
            found = _season_interval(lex, year, season)
            if found and found[0] > p:
                return _reading(found)
        return _unresolved()
    return _reading(_nearest(lambda y: _season_interval(lex, y, season), p, future))


_POINT_READERS = (_read_relative_day, _read_anchored, _read_ago, _read_iso, _read_month, _read_day_month,
                  _read_ordinal_day, _read_deixis_month, _read_year, _read_decade, _read_weekday, _read_weekday_of_week, _read_weekday_date,
                  _read_weekend, _read_period, _read_season, _read_duration)


def _read_point(lex, s, p, future, anchor) -> Optional[DateReading]:
    for reader in _POINT_READERS:
        found = reader(lex, s, p, future, anchor)
        if found is not None:
            return found
    return None


def _read_timed(lex, s, p, future, anchor) -> Optional[DateReading]:
    """A day with a time of day ('Tuesday night', 'the early hours of January 8'): kind "time"."""
    if lex.re_only_time.fullmatch(s):
        return _unresolved("time")
    core = s
    while True:
        stripped = lex.re_time_lead.sub("", core, count=1)
        if stripped == core:
            stripped = lex.re_time_tail.sub("", core, count=1)
        if stripped == core or not stripped:
            return None
        core = stripped
        found = _read_point(lex, core, p, future, anchor) or _read_range(lex, core, p, future, anchor)
        if found is not None:
            return DateReading(found.start, found.end, "time") if found.kind == "date" else None


def _read_single(lex, s, p, future, anchor) -> Optional[DateReading]:
    s = _strip_leading(s, lex.re_lead_approximators)
    if lex.re_age.fullmatch(s):
        return None
    return (_read_set(lex, s, p, future, anchor) or _read_point(lex, s, p, future, anchor)
            or _read_timed(lex, s, p, future, anchor))


_TRAILING_YEAR = re.compile(r"(?:^| )(\d{4}|'\d{2})$")


def _read_range(lex, s, p, future, anchor) -> Optional[DateReading]:
    """'between October 7 and November 24', 'Jan 3-5, 2024', '2020 to 2022'."""
    for pattern in lex.re_range:
        m = pattern.fullmatch(s)
        if not m:
            continue
        left, right = m["a"], m["b"]
        left_words, right_words = left.split(), right.split()
        if left.isdigit() and len(left) <= 2 and len(right_words) > 1 and right_words[0][0].isdigit():
            left = " ".join([left, *right_words[1:]])  # "3-5 January 2024"
        elif right_words[0].isdigit() and len(right_words[0]) <= 2 and left_words[0] in lex.month:
            right = " ".join([left_words[0], *right_words])  # "January 3-5"
        elif re.fullmatch(r"\d{4}", left) and re.fullmatch(r"\d{2}", right):
            right = left[:2] + right  # "2023-24"
        left_year, right_year = _TRAILING_YEAR.search(left), _TRAILING_YEAR.search(right)
        if right_year and not left_year and right_year.start(1) > 0:
            left = f"{left} , {right_year[1]}"
        a, b = _read_single(lex, left, p, future, anchor), _read_single(lex, right, p, future, anchor)
        if a is None or b is None or "set" in (a.kind, b.kind):
            continue
        if a.start is None or b.end is None or a.start > b.end:
            return _unresolved(a.kind if a.kind == b.kind else "date")
        return DateReading(a.start, b.end)
    return None


@lru_cache(maxsize=8192)
def read_expression(text: str, published: Optional[date] = None, *, future: bool = False,
                    anchor: Optional[Interval] = None, lex: Optional[_DateLexicon] = None) -> Optional[DateReading]:
    """Interpret one temporal expression; None when `text` is not one.

    `future` reads underspecified forms forward ("will meet on Friday"); `anchor` is the
    interval of the date mentioned just before, which "the next day" or "two years later"
    counts from; `lex` is the date vocabulary (a pipeline's DateFinder passes its own; by
    default the package's dates.yaml).
    """
    if isinstance(published, datetime):
        published = published.date()
    try:
        return _read_expression(lex or _lexicon(), text, published, future, anchor)
    except (OverflowError, ValueError):
        return _unresolved()  # the arithmetic left the calendar (year 1 or 9999): no interval


def _read_expression(lex: _DateLexicon, text: str, published: Optional[date], future: bool,
                     anchor: Optional[Interval]) -> Optional[DateReading]:
    s = _phrase(lex, text)
    if s.startswith("between "):
        return _read_range(lex, s, published, future, anchor)
    s = _strip_leading(s, lex.re_lead_prepositions)
    if not s:
        return None
    return (_read_single(lex, s, published, future, anchor) or _read_range(lex, s, published, future, anchor)
            or _read_numeric(text, published))


_NUMERIC_DATE = re.compile(r"\d{1,4}[/.]\d{1,2}[/.]\d{2,4}")


def _read_numeric(text: str, published: Optional[date]) -> Optional[DateReading]:
    """Slash and dot dates ('03/01/2024') via dateparser, which knows their conventions."""
    text = text.strip()
    if not _NUMERIC_DATE.fullmatch(text):
        return None
    import dateparser  # slow to import; only these rare forms need it

    settings: dict[str, str | list[str] | datetime] = {"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day", "month", "year"]}
    if published:
        settings["RELATIVE_BASE"] = datetime(published.year, published.month, published.day)
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    return DateReading(parsed.date(), parsed.date()) if parsed else None


def resolve_expression(text: str, published: Optional[date]) -> Optional[tuple[Optional[date], Optional[date]]]:
    """The interval a temporal expression denotes; (None, None) if unresolvable, None if not temporal."""
    found = read_expression(text, published)
    return None if found is None else (found.start, found.end)


# --- the spaCy component ---------------------------------------------------------------------

_BARE_ORDINAL = re.compile(r"(?i)\d(?:st|nd|rd|th)$")  # a cheap test before _phrase
_NUMERIC_SHAPES = tuple(f"{day}{sep}{month}{sep}{year}" for sep in "/." for day in ("d", "dd")
                        for month in ("d", "dd") for year in ("dd", "dddd")) + ("dddd/dd/dd", "dddd.dd.dd")
class _DateTables:
    """A DateFinder's compiled dates file: the lexicon, the Matcher of its patterns and the
    vocabulary hashes its scans compare with."""

    def __init__(self, lex: _DateLexicon, vocab: Vocab):
        self.lex = lex
        self.matcher = Matcher(vocab)
        # Each pattern's rarest required token (a month, a weekday, "ago", a year's shape) by
        # vocabulary hash, with how far a match around it can reach (tokens before, after):
        # every match holds one, so the matcher runs only on those stretches.
        strings = vocab.strings
        self.reach: dict[int, tuple[int, int]] = {}
        for key, anchored in _patterns(lex).items():
            self.matcher.add(key, [pattern for _, pattern in anchored])
            for anchor, pattern in anchored:
                for value in (*_values(pattern[anchor], "LOWER"), *_values(pattern[anchor], "SHAPE")):
                    before, after = self.reach.get(strings.add(value), (0, 0))
                    self.reach[strings.add(value)] = (max(before, anchor), max(after, len(pattern) - anchor - 1))
        self.prepositions = {w for w in lex.prepositions if " " not in w}
        self.preposition_hashes = {strings.add(w) for w in self.prepositions}
        self.link_hashes = {strings.add(w) for w in lex.links}
        self.possessive_hashes = {strings.add(w) for w in ("'s", "'")}
        self.ner_labels = {strings.add("DATE"), strings.add("TIME")}
        self.future_cues = {strings.add(w) for w in lex.future_cues}


class DateFinder(DataComponent[_DateTables]):
    """Finds temporal expressions (NER DATE/TIME spans plus our own patterns) and resolves them,
    with the words of its dates file (role: dates)."""

    def __init__(self, nlp: Language, name: str, files: Mapping[str, str]):
        super().__init__(name, files)
        self.vocab = nlp.vocab

    def compile(self, texts: Mapping[str, str], names: Mapping[str, str]) -> _DateTables:
        return _DateTables(_DateLexicon(read_data(texts["dates"], names["dates"], DatesFile)), self.vocab)

    @property
    def tables(self) -> _DateTables:
        return self.compiled

    def __call__(self, doc: Doc) -> Doc:
        published = doc._.published
        if isinstance(published, datetime):
            published = published.date()
        if not len(doc):
            doc._.dates = []
            return doc
        view = self._view(doc)
        candidates = [(start, end, True) for start, end in self._ner_spans(view)]
        candidates += [(start, end, False) for start, end in self._pattern_matches(doc, view)]
        lower, punct = view.lower, view.punct
        for i, (start, end, from_ner) in enumerate(candidates):
            while end - start > 1 and (punct[end - 1] or lower[end - 1] in self.tables.link_hashes):
                end -= 1  # 'Between October 7 and', a pattern's optional comma
            candidates[i] = (start, end, from_ner)
        mentions, anchor = [], None
        for start, end, from_ner in self._merge(candidates, published, view):
            end = self._without_count(doc, start, end, view)
            text = view.text(start, end)
            if self._names_something_else(doc, text, end):
                continue
            found = read_expression(text, published, future=self._future(doc, start, end, view), anchor=anchor,
                                    lex=self.tables.lex)
            if found is None and from_ner:
                end, found = self._readable_part(doc, start, end, published, anchor, view)
            if found is None:
                if not (from_ner and self._temporal_words(view.text(start, end))):
                    continue
                found = _unresolved()
            start, end = self._trim(start, end, published, view)
            if found.start is not None and found.end is not None and found.kind in ("date", "time") \
                    and found.start.year == found.end.year:
                anchor = (found.start, found.end)
            start_char, end_char = view.start_char[start], view.end_char[end - 1]
            mentions.append(DateMention(text=original(doc, start_char, end_char), span=Span(start_char, end_char),
                                        start=found.start, end=found.end, kind=found.kind))
        doc._.dates = mentions
        return doc

    def _view(self, doc: Doc) -> "_DocView":
        columns = doc.to_array([LOWER, SHAPE, IS_PUNCT, SENT_START, IDX, LENGTH, ENT_IOB, ENT_TYPE, SPACY])
        lower = columns[:, 0].tolist()
        sentence = numpy.cumsum(columns[:, 3] == 1).tolist()
        cues = self.tables.future_cues
        # doc.text would build every Token; the Doc is made from the normalized source (its twin
        # of the same length), so that string is the Doc's text.
        text = normalize(source_of(doc))
        if len(text) != int(columns[-1, 4] + columns[-1, 5] + columns[-1, 8]):
            text = doc.text
        return _DocView(columns=columns, doc_text=text, lower=lower, shape=columns[:, 1].tolist(),
                        punct=columns[:, 2].tolist(), start_char=columns[:, 4].tolist(),
                        end_char=(columns[:, 4] + columns[:, 5]).tolist(), sentence=sentence,
                        cue_sentences={sentence[i] for i, word in enumerate(lower) if word in cues})

    def _ner_spans(self, view: "_DocView") -> list[tuple[int, int]]:
        """The NER's DATE and TIME entities (as doc.ents has them, without building its Spans)."""
        inside = view.columns[:, 6].tolist()
        labels = self.tables.ner_labels
        spans = []
        for start, label in enumerate(view.columns[:, 7].tolist()):
            if label not in labels or inside[start] != 3:
                continue
            end = start + 1
            while end < len(inside) and inside[end] == 1:
                end += 1
            spans.append((start, end))
        return spans

    def _pattern_matches(self, doc: Doc, view: "_DocView") -> list[tuple[int, int]]:
        """Run the matcher only on the stretches around tokens that can anchor a pattern (month,
        weekday, year...): a vectorised scan keeps the per-document cost to a few short windows."""
        reach, none = self.tables.reach, (0, 0)
        stretches = []
        for i, (word, shape) in enumerate(zip(view.lower, view.shape)):
            if word not in reach and shape not in reach:
                continue
            by_word, by_shape = reach.get(word, none), reach.get(shape, none)
            stretches.append((max(0, i - max(by_word[0], by_shape[0])),
                              min(len(doc), i + max(by_word[1], by_shape[1]) + 1)))
        windows: list[list[int]] = []
        for start, end in sorted(stretches):
            if windows and start <= windows[-1][1]:
                windows[-1][1] = max(windows[-1][1], end)
            else:
                windows.append([start, end])
        return [(start + m_start, start + m_end) for start, end in windows
                for _, m_start, m_end in self.tables.matcher(doc[start:end])]

    def _names_something_else(self, doc: Doc, text: str, end: int) -> bool:
        """A bare ordinal that a noun follows ('the 13th amendment', 'the 1st Battalion'): the
        words name something other than a day. (A two-digit year stays one: "the '24 election".)
        Four digits before a clock word are a time of day, not a year ("at 2130 GMT")."""
        if end >= len(doc):
            return False
        if doc[end - 1].shape_ == "dddd" and doc[end].lower_ in self.tables.lex.clock_words:
            return True
        if not _BARE_ORDINAL.search(text):
            return False
        following = doc[end]
        if following.pos_ not in ("NOUN", "PROPN", "NUM", "ADJ") and following.lower_ != "of":
            return False
        return bool(self.tables.lex.re_ordinal_day.fullmatch(_strip_leading(_phrase(self.tables.lex, text), self.tables.lex.re_lead_prepositions)))

    def _merge(self, candidates, published, view: "_DocView") -> list[tuple[int, int, bool]]:
        """Union overlapping candidates, then join neighbours linked by one word ('of', 'and')
        when the joined words still read as one expression."""
        groups: list[list] = []
        for start, end, from_ner in sorted(candidates):
            if groups and start < groups[-1][1]:
                groups[-1][1] = max(groups[-1][1], end)
                groups[-1][2] = groups[-1][2] or from_ner
            else:
                groups.append([start, end, from_ner])
        while True:
            merged: list[list] = []
            for group in groups:
                if merged and self._joins(merged[-1], group, published, view):
                    merged[-1][1], merged[-1][2] = group[1], merged[-1][2] or group[2]
                else:
                    merged.append(group)
            if len(merged) == len(groups):
                return [tuple(g) for g in merged]
            groups = merged

    def _joins(self, left: list, right: list, published, view: "_DocView") -> bool:
        """Whether two neighbours, touching or linked by one word, read as one expression."""
        gap = right[0] - left[1]
        if gap > 1 or (gap == 1 and view.lower[left[1]] not in self.tables.link_hashes):
            return False
        found = read_expression(view.text(left[0], right[1]), published, lex=self.tables.lex)
        return found is not None and (found.start is not None or published is None)

    def _readable_part(self, doc: Doc, start: int, end: int, published, anchor,
                       view: "_DocView") -> tuple[int, Optional[DateReading]]:
        """An NER span that ran on into ordinary words, cut back to what reads ('Last week' of
        'Last week Stumpf'): the new end and its reading; only words outside the date vocabulary are cut."""
        for cut in range(end - 1, start, -1):
            token = doc[cut]
            if not token.is_alpha or token.lower_ in self.tables.lex.vocabulary:
                break
            found = read_expression(view.text(start, cut), published, future=self._future(doc, start, cut, view),
                                    anchor=anchor, lex=self.tables.lex)
            if found is not None and found.start is not None:
                return cut, found
        return end, None

    def _without_count(self, doc: Doc, start: int, end: int, view: "_DocView") -> int:
        """The end before a count that follows a weekday or month: 'On Sunday 14 people were
        killed' is Sunday and fourteen people, not the 14th."""
        if end - start < 2 or not doc[end - 1].is_digit or len(doc[end - 1]) > 2:
            return end
        before = doc[end - 2].lower_
        if before not in self.tables.lex.weekday and before not in self.tables.lex.month:
            return end
        return end - 1 if count_follows(doc, end) else end

    def _trim(self, start: int, end: int, published, view: "_DocView") -> tuple[int, int]:
        """Leave out a leading preposition and trailing punctuation or possessive 's."""
        lower, punct = view.lower, view.punct
        while end - start > 1 and (punct[end - 1] or lower[end - 1] in self.tables.possessive_hashes):
            end -= 1
        full = read_expression(view.text(start, end), published, lex=self.tables.lex)
        while end - start > 1 and lower[start] in self.tables.preposition_hashes:
            if read_expression(view.text(start + 1, end), published, lex=self.tables.lex) != full:
                break
            start += 1
        return start, end

    def _future(self, doc: Doc, start: int, end: int, view: "_DocView") -> bool:
        """Whether the clause the expression sits in speaks of the future ('will meet on Friday',
        'elections are due in March'): a cue on the expression's head chain or among its auxiliaries.
        A parse never leaves its sentence, so only sentences holding a cue word need the walk."""
        if not any(s in view.cue_sentences for s in range(view.sentence[start], view.sentence[end - 1] + 1)):
            return False
        token = doc[start:end].root
        for _ in range(4):
            if self._future_cue(token) or any(self._future_cue(c) for c in token.children
                                               if c.dep_ in ("aux", "auxpass", "amod", "acomp")):
                return True
            if token.head is token:
                break
            token = token.head
        return False

    def _future_cue(self, token) -> bool:
        word = token.lower_
        if word not in self.tables.lex.future_cues:
            return False
        after = self.tables.lex.future_cue_exceptions.get(word)
        return not (after and token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ in after)

    def _temporal_words(self, text: str) -> bool:
        lex = self.tables.lex
        words = set(_phrase(lex, text).split())
        return bool(words & (lex.month.keys() | lex.weekday.keys() | lex.unit.keys() | lex.season.keys()
                             | set(lex.day_parts))) and not lex.re_age.fullmatch(_phrase(lex, text))


def count_follows(doc: Doc, i: int) -> bool:
    """Whether a plural noun starts at token i, maybe after adjectives: the number before i
    counts it ('14 people', '14 Ukrainian soldiers')."""
    for token in doc[i:i + 3]:
        if token.tag_ in ("NNS", "NNPS"):
            return True
        if token.tag_ not in ("JJ", "JJR", "NNP"):
            return False
    return False


@dataclass
class _DocView:
    """Token attributes of one Doc read once as arrays and lists, so loops avoid Token objects."""
    columns: numpy.ndarray  # LOWER, SHAPE, IS_PUNCT, SENT_START, IDX, LENGTH, ENT_IOB, ENT_TYPE, SPACY
    doc_text: str
    lower: list[int]
    shape: list[int]
    punct: list[int]
    start_char: list[int]
    end_char: list[int]
    sentence: list[int]  # sentence number of each token
    cue_sentences: set[int]  # sentences with a future cue word

    def text(self, start: int, end: int) -> str:
        """What doc[start:end].text says."""
        return self.doc_text[self.start_char[start]:self.end_char[end - 1]]


def _ordinal_suffix(n: int) -> str:
    return "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def _values(token_pattern: dict, attr: str) -> list[str]:
    value = token_pattern.get(attr, [])
    return [value] if isinstance(value, str) else value.get("IN", []) if isinstance(value, dict) else value


def _patterns(lex: _DateLexicon) -> dict[str, list[tuple[int, list[dict]]]]:
    """Token patterns for expressions the statistical NER tends to miss, each with the index of
    its anchor: the required token rarest in running text, which the pre-scan looks for."""
    def lower_in(words, **extra):
        return {"LOWER": {"IN": sorted(words)}, **extra}

    months_all = {f"{w}." if len(w) <= 4 and w != "may" else w for w in lex.month} | set(lex.month)
    safe_months = {w for w in months_all if w.rstrip(".") not in lex.ambiguous_months}
    day = {"SHAPE": {"IN": ["d", "dd", "dxx", "ddxx"]}}
    year = {"SHAPE": "dddd"}
    comma = {"ORTH": ",", "OP": "?"}
    optional_year = {"SHAPE": "dddd", "OP": "?"}
    apostrophe, two_digits = {"LOWER": "'", "SPACY": False}, {"SHAPE": "dd"}  # "'24"
    ordinals = [f"{n}{_ordinal_suffix(n)}" for n in range(1, 32)]
    part = lower_in({w for w in lex.part_of if " " not in w})
    hyphen = {"ORTH": "-", "OP": "?"}
    weekdays = set(lex.weekday_names)
    single_deixis = {w for w in lex.deixis if " " not in w}
    prepositions = {w for w in lex.prepositions if " " not in w}
    day_parts = {w for w in lex.day_parts if " " not in w}
    counts = set(lex.numbers) | {w for w in lex.vague if " " not in w}
    units = set(lex.unit)
    return {
        "MONTH_DAY": [(0, [lower_in(months_all), day, comma, optional_year]),
                      (0, [lower_in(months_all), day, comma, apostrophe, two_digits])],
        "DAY_MONTH": [(2, [day, {"LOWER": "of", "OP": "?"}, lower_in(months_all), comma, optional_year]),
                      (2, [day, {"LOWER": "of", "OP": "?"}, lower_in(months_all), comma, apostrophe, two_digits])],
        "ORDINAL_DAY": [(1, [{"LOWER": "the"}, {"LOWER": {"IN": ordinals}}])],
        "MONTH_YEAR": [(0, [lower_in(months_all), year]), (0, [lower_in(months_all), apostrophe, two_digits]),
                       (0, [lower_in(months_all), lower_in(single_deixis), {"LOWER": "year"}])],
        "MONTH": [(0, [lower_in(safe_months, IS_TITLE=True)]), (2, [part, hyphen, lower_in(months_all)]),
                  (1, [lower_in(single_deixis), lower_in(months_all, IS_TITLE=True)])],
        "WEEKDAY": [(1, [lower_in(single_deixis, OP="?"), lower_in(weekdays), lower_in(day_parts, OP="?")])],
        "PERIOD": [(1, [lower_in(single_deixis), lower_in({"week", "month", "year", "weekend"})]),
                   (2, [lower_in(lex.within), {"LOWER": "this"}, lower_in({"week", "month", "year"})]),
                   (1, [{"LOWER": "the"}, {"LOWER": "weekend"}])],
        "RELATIVE_DAY": [(0, [lower_in({w for w in lex.relative_days if " " not in w})])],
        "AGO": [(2, [{"LIKE_NUM": True}, lower_in(units), lower_in(lex.ago_words)]),
                (3, [lower_in(counts), lower_in(counts | {"of"}, OP="?"), lower_in(units),
                     lower_in(lex.ago_words)])],
        "YEAR": [(1, [lower_in(prepositions), year]), (2, [part, hyphen, year])],
        "SHORT_YEAR": [(1, [lower_in(prepositions | {"the"}), apostrophe, two_digits])],
        "RECURRING": [(0, [lower_in(lex.set_words, POS="ADV")]),
                      (0, [lower_in(lex.set_determiners), lower_in(lex.set_modifiers, OP="?"), lower_in(units)])],
        "NUMERIC": [(0, [{"SHAPE": {"IN": list(_NUMERIC_SHAPES)}}])],
        "ISO": [(0, [year, {"ORTH": "-"}, {"SHAPE": {"IN": ["d", "dd"]}}, {"ORTH": "-"},
                     {"SHAPE": {"IN": ["d", "dd"]}}])],
    }


@Language.factory("newsledger_dates", default_config={"dates": DATES_FILE})
def make_date_finder(nlp: Language, name: str, dates: str) -> DateFinder:
    return DateFinder(nlp, name, {"dates": dates})
