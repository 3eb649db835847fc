"""Numbers, ranges, bounds and what they count (Doc._.quantities).

A quantity is read in two steps. `_Reader` parses the words of a quantity expression
(modifier, number or range, percent or currency) with the vocabulary in data/numbers.yaml;
the pure parsers and the spaCy component share it, so both agree on every form. The
component finds candidate tokens with hash tables built once, reads the expression around
each, drops what is not a count (dates, years, clock times, list numbering, identifiers
such as "Resolution 2334", the pronoun "one"), and takes the counted noun phrase from the
dependency parse. Durations ("around 24 hours") are kept as counts with their time unit.
"""
from __future__ import annotations

import math
import re
from bisect import bisect_right
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import Any, Mapping, Optional

from spacy.attrs import IS_ALPHA, LIKE_NUM, LOWER, SHAPE, SPACY
from spacy.lang.lex_attrs import word_shape
from spacy.language import Language
from spacy.tokens import Doc, Token

from ..ledger import Quantity, Span
from ..resources import load_data, read_data
from .data_component import DataComponent
from .dates import count_follows
from .extensions import original

# Pieces are what the reader sees: digit groups ("8,000", "3.5"), letter runs, single symbols.
_PIECE = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+|\S")
_DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_YEAR = re.compile(r"\d{4}")


def _words(phrase: str) -> tuple[str, ...]:
    return tuple(m.group() for m in _PIECE.finditer(phrase.lower()))


class _Phrases:
    """Multi-word phrases, looked up forwards (reading) or backwards (where a modifier starts)."""

    def __init__(self, entries: dict[str, Any]):
        self._by_first: dict[str, list[tuple[tuple[str, ...], Any]]] = {}
        self._by_last: dict[str, list[tuple[str, ...]]] = {}
        for phrase, payload in entries.items():
            words = _words(phrase)
            self._by_first.setdefault(words[0], []).append((words, payload))
            self._by_last.setdefault(words[-1], []).append(words)
        for forward in self._by_first.values():
            forward.sort(key=lambda entry: -len(entry[0]))
        for backward in self._by_last.values():
            backward.sort(key=len, reverse=True)

    def match(self, words: list[str], i: int) -> Optional[tuple[Any, int]]:
        """The longest phrase starting at i: (payload, end)."""
        if i >= len(words):
            return None
        for phrase, payload in self._by_first.get(words[i], ()):
            end = i + len(phrase)
            if tuple(words[i:end]) == phrase:
                return payload, end
        return None

    def start_before(self, words: list[str], end: int) -> Optional[int]:
        """Where the longest phrase ending just before `end` starts."""
        if end <= 0:
            return None
        for phrase in self._by_last.get(words[end - 1], ()):
            start = end - len(phrase)
            if start >= 0 and tuple(words[start:end]) == phrase:
                return start
        return None

    def first_words(self) -> set[str]:
        return set(self._by_first)


@dataclass
class _Number:
    end: int
    value: Optional[Decimal] = None  # an exact number
    low: Optional[Decimal] = None    # a vague count's lower bound ("dozens")
    scale: Optional[Decimal] = None  # the last scale word read ("million"), for "2 to 3 million"


@dataclass
class _QuantityReading:
    """A parsed quantity expression; indices are pieces of the words it was read from."""
    start: int
    end: int
    numbers: list[tuple[int, int]]
    value: Optional[Decimal] = None
    low: Optional[Decimal] = None
    high: Optional[Decimal] = None
    approx: bool = False
    modified: bool = False          # an approximator, bound or range opener came first
    unit: Optional[str] = None      # "percent" or an ISO 4217 code
    unit_pieces: Optional[tuple[int, int]] = None

    def as_dict(self) -> dict:
        return {"value": _float(self.value), "low": _float(self.low),
                "high": _float(self.high), "approx": self.approx}


def _float(number: Optional[Decimal]) -> Optional[float | int]:
    """A number for the ledger: whole numbers as exact ints (a float loses digits past 2**53),
    others as floats; None where no float can hold it (JSON has no Infinity)."""
    if number is None or not number.is_finite():
        return None
    if number == number.to_integral_value():
        return int(number)
    value = float(number)
    return value if math.isfinite(value) else None


@dataclass(frozen=True)
class ScaleAbbreviation:
    value: int
    money_only: bool = False  # "$5m", not "5m" (metres)


@dataclass(frozen=True)
class VagueCount:
    low: int
    needs_of: bool = False  # "scores of people", not "scores" alone


@dataclass(frozen=True)
class ShareWords:
    """numbers.yaml `shares`: fractions of a whole ("two-thirds of", "one in five")."""
    denominators: dict[str, int]
    bare_half_followers: list[str]
    not_after: list[str]
    change_words: list[str]
    ratio_connectors: list[str]
    ratio_max_denominator: int
    ratio_any_numerator_denominators: list[int]


@dataclass(frozen=True)
class NumbersFile:
    """The shape of data/numbers.yaml."""
    units: dict[str, int]
    teens: dict[str, int]
    tens: dict[str, int]
    hundred: str
    scales: dict[str, int]
    scale_abbreviations: dict[str, ScaleAbbreviation]
    multipliers: dict[str, int]
    fractions: dict[str, float]
    articles: list[str]
    approximators: list[str]
    lower_bounds: list[str]
    upper_bounds: list[str]
    range_openers: list[str]
    range_connectors: list[str]
    range_connectors_after_opener: list[str]
    suffixes: dict[str, list[str]]
    vague_counts: dict[str, VagueCount]
    vague_multipliers: dict[str, int]
    percent: list[str]
    currency_before: dict[str, str]
    currency_after: dict[str, str]
    unit_skip_words: list[str]
    duration_units: list[str]
    months: list[str]
    clock_words: list[str]
    year_range: list[int]
    shares: ShareWords


class _Reader:
    """Parses quantity expressions over lower-cased pieces, using data/numbers.yaml."""

    def __init__(self, data: NumbersFile):
        dec = lambda table: {k: Decimal(str(v)) for k, v in table.items()}  # noqa: E731
        self.units = dec(data.units)
        self.teens = dec(data.teens)
        self.tens = dec(data.tens)
        self.hundred = data.hundred
        self.scales = dec(data.scales)
        self.abbreviations = {k: (Decimal(str(v.value)), v.money_only)
                              for k, v in data.scale_abbreviations.items()}
        self.multipliers = dec(data.multipliers)
        self.fractions = dec(data.fractions)
        self.articles = set(data.articles)
        self.prefixes = _Phrases({
            **{p: "approx" for p in data.approximators},
            **{p: "lower" for p in data.lower_bounds},
            **{p: "upper" for p in data.upper_bounds},
            **{p: "opener" for p in data.range_openers},
        })
        self.connectors = set(data.range_connectors)
        self.opener_connectors = set(data.range_connectors_after_opener)
        self.suffixes = _Phrases({p: role for role, phrases in data.suffixes.items()
                                  for p in phrases})
        self.vague = _Phrases({p: (Decimal(str(v.low)), v.needs_of)
                               for p, v in data.vague_counts.items()})
        self.vague_multipliers = _Phrases(dec(data.vague_multipliers))
        self.percent = _Phrases({p: "percent" for p in data.percent})
        self.currency_before = _Phrases(data.currency_before)
        self.currency_after = _Phrases(data.currency_after)
        # What may stand left of the first number word: modifiers, currency signs, "a", "half".
        self.leaders = _Phrases({p: None for p in (
            *data.approximators, *data.lower_bounds, *data.upper_bounds,
            *data.range_openers, *data.currency_before, *data.articles,
            *data.fractions, *data.vague_multipliers)})
        self.scale_words = {self.hundred, *self.scales, *self.multipliers}
        shares = data.shares
        self.denominators = {w: Decimal(v) for w, v in shares.denominators.items()}
        self.share_followers = set(shares.bare_half_followers)
        self.share_blockers = set(shares.not_after)
        self.ratio_connectors = _Phrases({p: None for p in shares.ratio_connectors})
        self.ratio_max = Decimal(shares.ratio_max_denominator)
        self.ratio_any_numerator = {Decimal(d) for d in shares.ratio_any_numerator_denominators}
        self.change_words = set(shares.change_words)
        self.time_units = set(data.duration_units)

    def glued_shapes(self) -> set[str]:
        """Word shapes of single tokens that hold a number the model does not call like_num:
        "10k", "5bn", "2–3". Matching shapes finds candidates without a regex per token."""
        numbers = [a + b + c for a in ("1", "12", "123", "1234") for b in ("", ",123", ",123,123")
                   for c in ("", ".5", ".25")]
        shapes = {word_shape(n + a) for n in numbers for a in self.abbreviations}
        dashes = [c for c in self.connectors if len(c) == 1 and not c.isalnum()]
        shapes |= {word_shape(a + c + b) for a in numbers for b in numbers for c in dashes}
        return shapes

    # --- numbers -------------------------------------------------------------------------

    def _small(self, words: list[str], i: int) -> Optional[tuple[Decimal, int]]:
        """A spelled number below a thousand: "seven", "twenty-one", "three hundred and forty"."""
        value, j = self._below_hundred(words, i)
        if value is None:
            if i + 1 < len(words) and words[i] in self.articles and words[i + 1] == self.hundred:
                value, j = Decimal(1), i + 1
            else:
                return None
        if j < len(words) and words[j] == self.hundred and 0 < value < 100:
            value, j = value * 100, j + 1
            k = j + 1 if j < len(words) and words[j] == "and" else j
            tail, end = self._below_hundred(words, k)
            if tail:
                value, j = value + tail, end
        return value, j

    def _below_hundred(self, words: list[str], i: int) -> tuple[Optional[Decimal], int]:
        if i >= len(words):
            return None, i
        word = words[i]
        if word in self.units or word in self.teens:
            return self.units.get(word, self.teens.get(word)), i + 1
        if word not in self.tens:
            return None, i
        value, j = self.tens[word], i + 1
        if j + 1 < len(words) and words[j] == "-" and self.units.get(words[j + 1], 0) > 0:
            return value + self.units[words[j + 1]], j + 2
        if j < len(words) and self.units.get(words[j], 0) > 0:
            return value + self.units[words[j]], j + 1
        return value, j

    def _scale(self, words: list[str], glued: list[bool], i: int,
               money: bool) -> Optional[Decimal]:
        if i >= len(words):
            return None
        if words[i] in self.scales:
            return self.scales[words[i]]
        abbreviation = self.abbreviations.get(words[i])
        if abbreviation and glued[i] and (money or not abbreviation[1]):
            return abbreviation[0]
        return None

    def number(self, words: list[str], glued: list[bool], i: int,
               money: bool = False) -> Optional[_Number]:
        """An exact number or a vague count starting at piece i."""
        hit = self.vague.match(words, i)
        if hit:
            (low, needs_of), end = hit
            if needs_of and (end >= len(words) or words[end] != "of"):
                return None
            return _Number(end=end, low=low)
        hit = self.vague_multipliers.match(words, i)
        if hit:
            factor, end = hit
            unit = self._scale(words, glued, end, money)
            if unit is None and end < len(words):
                unit = {self.hundred: Decimal(100), **self.multipliers}.get(words[end])
            return _Number(end=end + 1, low=factor * unit) if unit else None
        return self._exact(words, glued, i, money)

    def _exact(self, words: list[str], glued: list[bool], i: int,
               money: bool) -> Optional[_Number]:
        n = len(words)
        if i >= n:
            return None
        start = self._leading(words, i)
        if start is None:
            return None
        current, j, spelled, needs_scale = start
        if j < n and words[j] in self.multipliers:
            return _Number(end=j + 1, value=current * self.multipliers[words[j]])
        if not spelled and j < n and words[j] == self.hundred and current < 100 \
                and current == current.to_integral_value():
            current, j, needs_scale = current * 100, j + 1, False
        total, last_scale = Decimal(0), None
        while True:
            scale = self._scale(words, glued, j, money)
            if scale is None or (last_scale is not None and scale >= last_scale) or not current:
                break
            total, last_scale, j, current = total + current * scale, scale, j + 1, Decimal(0)
            needs_scale = False
            if not spelled:
                break
            k = j + 1 if j < n and words[j] == "and" else j
            following = self._small(words, k)
            if following is None:
                break
            current, j = following
        if needs_scale:
            return None
        return _Number(end=j, value=total + current, scale=last_scale)

    def _leading(self, words: list[str], i: int) -> Optional[tuple[Decimal, int, bool, bool]]:
        """The number's first part: (value, end, spelled out, needs a scale word after it) for
        digits, a fraction word ("half a million"), "a" ("a million") or a spelled number."""
        word, n = words[i], len(words)
        if _DIGITS.fullmatch(word):
            return Decimal(word.replace(",", "")), i + 1, False, False
        if word in self.fractions:
            j = i + 2 if i + 1 < n and words[i + 1] in self.articles else i + 1
            return self.fractions[word], j, False, True
        if word in self.articles and i + 1 < n and words[i + 1] != self.hundred:
            return Decimal(1), i + 1, False, True
        small = self._small(words, i)
        if small is None:
            return None
        return small[0], small[1], True, False

    # --- shares of a whole ---------------------------------------------------------------

    def share(self, words: list[str], glued: list[bool], i: int, modified: bool = False,
              standalone: bool = False) -> Optional[tuple[Optional[Decimal], int, Optional[Decimal]]]:
        """A share of a whole at piece i: (percent, end, None), or (None, end, number) for a
        fraction of a scale ("a quarter of a million"). `modified`: a modifier came first
        ("nearly half" is a share even without "of"); `standalone`: the context makes "a third"
        a share without "of" (a range, "between a third and a half of"; a change, "rose by a third")."""
        n = len(words)
        if i >= n:
            return None  # the text ends where a share could start ("two-thirds or")
        if i > 0 and words[i - 1] in self.share_blockers:
            return None  # "the first half", "a second half", "one third-place finish"
        ratio = self._ratio(words, glued, i)
        if ratio is not None:
            return ratio
        fraction = self._half(words, i, modified) if words[i] == "half" and self.denominators.get("half") \
            else self._fraction(words, i, standalone)
        if fraction is None:
            return None
        numerator, denominator, end = fraction
        if end + 2 < n and words[end] == "of" and words[end + 1] in self.articles:
            scale = self.scales.get(words[end + 2]) or self.multipliers.get(words[end + 2])
            if scale is None:
                return None  # "a quarter of an hour": part of one thing, not a share of many
            return None, end + 3, numerator / denominator * scale
        return _percent(numerator, denominator), end, None

    def _half(self, words: list[str], i: int, modified: bool) -> Optional[tuple[Decimal, Decimal, int]]:
        following = words[i + 1] if i + 1 < len(words) else None
        if following not in self.share_followers and not (modified and following not in self.articles):
            return None  # "half a million" is a number; "half-brother", "in half" are no shares
        return Decimal(1), self.denominators["half"], i + 1

    def _fraction(self, words: list[str], i: int, standalone: bool) -> Optional[tuple[Decimal, Decimal, int]]:
        """"a third of", "two-fifths": (numerator, denominator, end) of a spelled fraction."""
        n = len(words)
        if words[i] in self.articles:
            numerator, j, spelled_one = Decimal(1), i + 1, True
        else:
            small = self._small(words, i) if not _DIGITS.fullmatch(words[i]) else None
            if small is None:
                return None
            numerator, j = small
            spelled_one = numerator == 1
        hyphen = j < n and words[j] == "-"
        if hyphen:
            j += 1
        if j >= n or words[j] not in self.denominators:
            return None
        denominator, end = self.denominators[words[j]], j + 1
        if numerator >= denominator or numerator == 0:
            return None
        if spelled_one and not hyphen and not standalone and (end >= n or words[end] != "of"):
            return None  # "a third time", "one fifth term": ordinals
        return numerator, denominator, end

    def _ratio(self, words: list[str], glued: list[bool], i: int) -> Optional[tuple[Decimal, int, None]]:
        """"one in five", "nine out of 10": a share when the second number is a plausible
        whole (any up to ratio_max_denominator after "one", otherwise ten or fewer or a
        round hundred or thousand) and no time unit follows ("2 in 10 days")."""
        first = self._exact(words, glued, i, money=False)
        if first is None or first.value is None:
            return None
        hit = self.ratio_connectors.match(words, first.end)
        if hit is None:
            return None
        second = self._exact(words, glued, hit[1], money=False)
        if second is None or second.value is None:
            return None
        numerator, denominator = first.value, second.value
        if not 0 < numerator < denominator <= self.ratio_max or (
                numerator != 1 and denominator > 10 and denominator not in self.ratio_any_numerator):
            return None
        if second.end < len(words) and words[second.end] in self.time_units:
            return None
        return _percent(numerator, denominator), second.end, None

    # --- expressions ---------------------------------------------------------------------

    def read(self, words: list[str], glued: list[bool], i: int,
             after_from: bool = False, in_text: bool = False) -> Optional[_QuantityReading]:
        """A quantity expression starting at piece i, or None.

        `after_from` (the word before is "from") keeps "from 10 to 20" as two numbers: in news
        it is usually a change ("rose from 10 to 20"), not a range. `in_text` (reading running
        text rather than a known quantity phrase) also takes "46 percent to 42", "80-19" and
        "4 to 1" as two numbers: writers put a range's low end first, so a falling pair is a
        score, a vote or a change.
        """
        roles, j = self._roles(words, i)
        currency, currency_pieces, j = self._currency(words, j)
        share = None
        if currency is None and j < len(words):
            shares = self._share_range(words, glued, i, j, roles)
            if shares is not None:
                return shares
            change = i > 0 and words[i - 1] in self.change_words  # "rose by a third", "cut by half"
            share = self.share(words, glued, j, modified=bool(roles) or change, standalone=change)
            if share is not None and share[0] is not None:
                return self._share_reading(i, j, share, roles, words)
        first = _Number(end=share[1], value=share[2]) if share else self.number(
            words, glued, j, money=currency is not None)
        if first is None:
            return None
        reading = _QuantityReading(start=i, end=first.end, numbers=[(j, first.end)],
                           modified=bool(roles), approx="approx" in roles,
                           unit=currency, unit_pieces=currency_pieces)
        self._unit_after(reading, words)
        self._suffix(reading, words, roles)
        if self._range(reading, first, words, glued, roles, currency, after_from, in_text):
            return reading
        return self._single(reading, first, roles)

    def _roles(self, words: list[str], i: int) -> tuple[set[str], int]:
        """The modifiers before the number ("nearly", "more than", "between") and where they end."""
        roles: set[str] = set()
        j = i
        for _ in range(3):
            hit = self.prefixes.match(words, j)
            if not hit:
                break
            roles.add(hit[0])
            j = hit[1]
        return roles, j

    def _currency(self, words: list[str], j: int) -> tuple[Optional[str], Optional[tuple[int, int]], int]:
        """A currency sign or word before the number: (code, its pieces, where the number starts)."""
        hit = self.currency_before.match(words, j)
        if hit:
            return hit[0], (j, hit[1]), hit[1]
        return None, None, j

    def _range(self, reading: _QuantityReading, first: _Number, words: list[str], glued: list[bool],
               roles: set[str], currency: Optional[str], after_from: bool, in_text: bool) -> bool:
        """Extend the reading to a range ("8,000 to 9,000") when a second number follows a
        connector; whether it did."""
        connector = words[reading.end] if reading.end < len(words) else None
        if first.value is None or roles & {"lower", "upper"} or not connector or not (
                connector in self.connectors
                or ("opener" in roles and connector in self.opener_connectors)) \
                or (after_from and "opener" not in roles):
            return False
        k = reading.end + 1
        hit = self.currency_before.match(words, k)
        if hit and hit[0] == currency:
            k = hit[1]
        second = self.number(words, glued, k, money=currency is not None)
        if second is None or second.value is None:
            return False
        low, high = first.value, second.value
        if first.scale is None and second.scale and low * second.scale <= high:
            low *= second.scale
        if (connector == "or" or (in_text and "opener" not in roles)) and low >= high:
            return False
        reading.low, reading.high = min(low, high), max(low, high)
        reading.numbers.append((k, second.end))
        reading.end = second.end
        self._unit_after(reading, words)
        self._suffix(reading, words, roles)
        return True

    @staticmethod
    def _single(reading: _QuantityReading, first: _Number, roles: set[str]) -> Optional[_QuantityReading]:
        """One number: a point, a bound ("over 1,000", "up to 1,500") or a vague count."""
        if first.low is not None:
            reading.low, reading.approx = first.low, True
        elif "lower" in roles:
            reading.low = first.value
        elif "upper" in roles:
            reading.high = first.value
        else:
            reading.value = first.value
        if "opener" in roles and not roles - {"opener"}:
            return None
        return reading

    def _share_range(self, words: list[str], glued: list[bool], i: int, j: int,
                     roles: set[str]) -> Optional[_QuantityReading]:
        """"a third to a half", "between a quarter and a third of": two shares as low and high."""
        if roles - {"opener", "approx"}:
            return None
        first = self.share(words, glued, j, modified=True, standalone=True)
        if first is None or first[0] is None or first[1] >= len(words):
            return None
        connector = words[first[1]]
        if connector not in self.connectors and not ("opener" in roles and connector in self.opener_connectors):
            return None
        second = self.share(words, glued, first[1] + 1, modified=True)
        if second is None or second[0] is None or second[0] <= first[0]:
            return None
        return _QuantityReading(start=i, end=second[1], numbers=[(j, first[1]), (first[1] + 1, second[1])],
                        low=first[0], high=second[0], modified=True, approx="approx" in roles, unit="percent")

    def _share_reading(self, i: int, j: int, share: tuple, roles: set[str], words: list[str]) -> _QuantityReading:
        percent, end, _ = share
        reading = _QuantityReading(start=i, end=end, numbers=[(j, end)], modified=bool(roles),
                           approx="approx" in roles, unit="percent")
        self._suffix(reading, words, roles)
        if "lower" in roles:
            reading.low = percent
        elif "upper" in roles:
            reading.high = percent
        else:
            reading.value = percent
        return reading

    def _unit_after(self, reading: _QuantityReading, words: list[str]) -> None:
        """Take a percent or currency word after the number; after a range's second number
        only the same unit again ("5 percent to 25 percent")."""
        for table in (self.percent, self.currency_after):
            hit = table.match(words, reading.end)
            if hit and reading.unit in (None, hit[0]):
                if reading.unit is None:
                    reading.unit, reading.unit_pieces = hit[0], (reading.end, hit[1])
                reading.end = hit[1]
                return

    def _suffix(self, reading: _QuantityReading, words: list[str], roles: set[str]) -> None:
        hit = self.suffixes.match(words, reading.end)
        if hit:
            roles.add(hit[0])
            reading.approx = reading.approx or hit[0] == "approx"
            reading.end = hit[1]


def _percent(numerator: Decimal, denominator: Decimal) -> Decimal:
    return (numerator * 100 / denominator).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP).normalize()


NUMBERS_FILE = "numbers.yaml"


@lru_cache(maxsize=1)
def _reader() -> _Reader:
    """The shipped numbers file's parser, for parse_number and parse_quantity (callers outside a
    pipeline); the pipeline's QuantityFinder reads its own file."""
    return _Reader(load_data(NUMBERS_FILE, NumbersFile))


def _pieces(text: str) -> tuple[list[str], list[bool]]:
    words, glued = [], []
    previous_end = None
    for m in _PIECE.finditer(text.lower()):
        words.append(m.group())
        glued.append(previous_end == m.start())
        previous_end = m.end()
    return words, glued


def parse_number(text: str) -> Optional[float]:
    """The number a whole string spells: "8,000", "8.5", "1.2 million", "twenty-one",
    "three hundred and forty", "a dozen", "10k". None for anything else, vague counts included."""
    words, glued = _pieces(text)
    if not words:
        return None
    number = _reader()._exact(words, glued, 0, money=False)
    if number is None or number.end != len(words):
        return None
    return _float(number.value)


def parse_quantity(text: str) -> Optional[dict]:
    """The quantity expression at the start of `text` as {value, low, high, approx}.

    "some 1,500" -> value 1500, approx; "8,000 to 9,000" and "between 8,000 and 9,000" ->
    low/high; "up to 1,500" -> high; "over 1,000" -> low; "dozens" -> low 24, approx.
    Words after the expression ("... Hamas fighters") are ignored; None when the text
    does not start with one.
    """
    words, glued = _pieces(text)
    if not words:
        return None
    reading = _reader().read(words, glued, 0)
    if reading is None:
        return None
    if reading.end < len(words) and glued[reading.end] and words[reading.end][0].isalnum():
        return None  # the number runs on into a word: "1990s", "3pm", "1st"
    return reading.as_dict()


# --- the spaCy component -----------------------------------------------------------------

@dataclass(frozen=True)
class _NumberWords:
    unit_skip: frozenset
    durations: frozenset
    months: frozenset
    clock_words: tuple[tuple[str, ...], ...]
    year_range: tuple[int, int]

    @classmethod
    def of(cls, data: NumbersFile) -> "_NumberWords":
        low, high = data.year_range
        return cls(unit_skip=frozenset(data.unit_skip_words),
                   durations=frozenset(data.duration_units),
                   months=frozenset(data.months),
                   clock_words=tuple(tuple(w.split()) for w in data.clock_words),
                   year_range=(low, high))


_WINDOW_BEFORE, _WINDOW_AFTER = 6, 16
_JOINERS = {"-", "–", "/"}
_NAME_LABELS = {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART",
                "LAW", "LANGUAGE"}


@dataclass(frozen=True)
class _NumberTables:
    """A QuantityFinder's compiled numbers file: the parser, the word lists, and the vocabulary
    hashes of the words that can start a quantity."""
    reader: _Reader
    vocabulary: _NumberWords
    anchor_hashes: set[int]
    shape_hashes: set[int]


class QuantityFinder(DataComponent[_NumberTables]):
    """Finds every count in a Doc and normalizes it into ledger.Quantity items, with the words of
    its numbers file (role: numbers)."""

    def __init__(self, nlp: Language, name: str, files: Mapping[str, str]):
        super().__init__(name, files)
        self.strings = nlp.vocab.strings

    def compile(self, texts: Mapping[str, str], names: Mapping[str, str]) -> _NumberTables:
        data = read_data(texts["numbers"], names["numbers"], NumbersFile)
        reader = _Reader(data)
        anchors = reader.vague.first_words() | reader.scale_words | set(reader.denominators)
        return _NumberTables(reader, _NumberWords.of(data), {self.strings.add(w) for w in anchors},
                             {self.strings.add(s) for s in reader.glued_shapes()})

    @property
    def reader(self) -> _Reader:
        return self.compiled.reader

    @property
    def vocabulary(self) -> _NumberWords:
        return self.compiled.vocabulary

    @property
    def anchor_hashes(self) -> set[int]:
        return self.compiled.anchor_hashes

    @property
    def shape_hashes(self) -> set[int]:
        return self.compiled.shape_hashes

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            doc._.quantities = []
            return doc
        tokens = _Tokens(doc)
        candidates = self._candidates(tokens)
        date_spans = [(d.span.start, d.span.end) for d in (doc._.dates or [])
                      if d.kind in ("date", "time", "set")]
        found: list[Quantity] = []
        consumed = 0
        for k in candidates:
            if k < consumed:
                continue
            quantity, consumed = self._quantity_at(doc, tokens, k, consumed, date_spans)
            if quantity is not None:
                found.append(quantity)
        doc._.quantities = found
        return doc

    def _candidates(self, tokens: "_Tokens") -> list[int]:
        """Tokens that may start or hold a number, found on whole-Doc arrays in one pass."""
        anchors, shapes = self.anchor_hashes, self.shape_hashes
        return [i for i, (like_num, lower, shape) in enumerate(tokens.columns[:, :3].tolist())
                if like_num or lower in anchors or shape in shapes]

    def _quantity_at(self, doc: Doc, tokens: "_Tokens", k: int, consumed: int,
                     date_spans: list[tuple[int, int]]) -> tuple[Optional[Quantity], int]:
        """The quantity read at candidate token k (None when it is not a count), and the
        token where reading may go on: a rejected date or year is not read again piecemeal."""
        lo, hi = max(consumed, k - _WINDOW_BEFORE), min(len(doc), k + _WINDOW_AFTER)
        words: list[str] = []
        glued: list[bool] = []
        owner: list[int] = []  # the token each piece comes from
        first_piece = 0
        spaced, pieces = tokens.spaced, tokens.pieces
        for i in range(lo, hi):
            if i == k:
                first_piece = len(words)
            attached = i > lo and not spaced[i - 1]
            for n, piece in enumerate(pieces[i]):
                words.append(piece)
                glued.append(n > 0 or attached)
                owner.append(i)
        reading = self._read_around(words, glued, owner, first_piece)
        if reading is None:
            return None, consumed
        start, end = owner[reading.start], owner[reading.end - 1] + 1
        core = [t for a, b in reading.numbers for t in range(owner[a], owner[b - 1] + 1)]
        if self._date_time_or_code(doc, words, reading, core, start, end):
            return None, end
        unit_tokens, via = self._counted(doc, core, end) if reading.unit is None else (None, None)
        if reading.unit is None and self._not_a_count(doc, reading, words, core, start, end,
                                                      unit_tokens, via, date_spans):
            return None, end
        end_char = doc[end - 1].idx + len(doc[end - 1])
        if unit_tokens:
            first, last = doc[unit_tokens[0]], doc[unit_tokens[1] - 1]
            unit_span = Span(first.idx, last.idx + len(last))
            unit = original(doc, unit_span.start, unit_span.end)
            end_char = max(end_char, unit_span.end)
        elif reading.unit and reading.unit_pieces:
            first, last = doc[owner[reading.unit_pieces[0]]], doc[owner[reading.unit_pieces[1] - 1]]
            unit, unit_span = reading.unit, Span(first.idx, last.idx + len(last))
        elif reading.unit:
            unit, unit_span = reading.unit, None  # a share: the words that say it are the quantity
        else:
            unit, unit_span = None, None
        start_char = doc[start].idx
        quantity = Quantity(text=original(doc, start_char, end_char),
                            span=Span(start_char, end_char),
                            value=_float(reading.value), low=_float(reading.low),
                            high=_float(reading.high), approx=reading.approx,
                            unit=unit, unit_span=unit_span)
        return quantity, max(end, unit_tokens[1] if unit_tokens else end)

    def _read_around(self, words: list[str], glued: list[bool], owner: list[int],
                     first_piece: int) -> Optional[_QuantityReading]:
        """Read the expression whose number starts at first_piece, modifiers before it included."""
        start = first_piece
        for _ in range(4):
            earlier = self.reader.leaders.start_before(words, start)
            if earlier is None:
                break
            start = earlier
        for i in range(start, first_piece + 1):
            if i > 0 and owner[i - 1] == owner[i]:
                continue  # not the start of a token
            after_from = i > 0 and words[i - 1] == "from"
            reading = self.reader.read(words, glued, i, after_from=after_from, in_text=True)
            if reading is None or reading.end <= first_piece:
                continue
            if reading.end < len(words) and owner[reading.end] == owner[reading.end - 1]:
                return None  # stops inside a token: "1990s", "10:30", "1st", "COVID-19"
            return reading
        return None

    def _date_time_or_code(self, doc: Doc, words: list[str], reading: _QuantityReading,
                           core: list[int], start: int, end: int) -> bool:
        """A day of the month, a year next to a month, a clock time ("3 p.m.", "0600"), a
        group of digits in a code."""
        vocabulary = self.vocabulary
        before = (core[0] - 1,) if not count_follows(doc, core[-1] + 1) else ()  # "March 14 soldiers"
        around = [doc[i] for i in before + (core[-1] + 1,) if 0 <= i < len(doc)]
        if any(t.lower_ in vocabulary.months and (t.is_title or t.is_upper) for t in around):
            return True
        if any(len(words[a]) > 1 and words[a][0] == "0" and words[a][1].isdigit()
               for a, _ in reading.numbers):
            return True  # zero-padded: a clock time or a code, not a count
        if _chained(doc, start - 2, start - 1) or _chained(doc, end + 1, end):
            return True  # one group of a code or a score: "800-273-8255", "voted 19-15"
        following = tuple(t.lower_ for t in doc[end:end + 2])
        return any(following[:len(clock)] == clock for clock in vocabulary.clock_words)

    def _counted(self, doc: Doc, core: list[int],
                 end: int) -> tuple[Optional[tuple[int, int]], Optional[str]]:
        """Tokens of the counted noun phrase and how they were found: "of" (an of-phrase),
        "nummod" (the noun the parse hangs the number on) or "adjacent" (a plural noun after
        the number that the parse did not link to it)."""
        skip = self.vocabulary.unit_skip
        if end >= len(doc):
            return None, None
        if doc[end].lower_ == "of":
            objects = [c for c in doc[end].children if c.dep_ == "pobj"]
            if not objects:
                return None, "of"
            head = objects[0]
            if head.pos_ in ("PRON", "NUM") or head.tag_ in ("WDT", "WP", "PRP"):
                return None, "of"
            first = end + 1
            for child in head.lefts:
                if child.dep_ in ("det", "poss", "predet", "nummod", "quantmod"):
                    first = max(first, child.right_edge.i + 1)
            return self._phrase(doc, first, head, skip), "of"
        for i in reversed(core):
            token = doc[i]
            head = token.head
            if token.dep_ in ("nummod", "quantmod", "compound") and end <= head.i < end + 8 \
                    and head.pos_ in ("NOUN", "PROPN") \
                    and all(core[0] <= t.head.i <= head.i for t in doc[end:head.i]):
                return self._phrase(doc, end, head, skip), "nummod"
        # The parse missed the number's noun ("1500-2000 fighters"): take a plural noun
        # phrase that starts right after it.
        j = end
        while j + 1 < len(doc) and doc[j].dep_ in ("compound", "amod", "nmod") \
                and doc[j].head.i > j and doc[j].pos_ in ("ADJ", "NOUN", "PROPN", "VERB"):
            j += 1
        if doc[j].tag_ in ("NNS", "NNPS"):
            return self._phrase(doc, end, doc[j], skip), "adjacent"
        return None, None

    @staticmethod
    def _phrase(doc: Doc, first: int, head: Token, skip: frozenset) -> Optional[tuple[int, int]]:
        """The noun phrase from `first` to its head, leading determiners and "other" dropped."""
        if first > head.i:
            return None
        while first < head.i and doc[first].lower_ in skip:
            first += 1
        if doc[first].lower_ in skip or any(t.is_punct and t.text not in _JOINERS
                                            for t in doc[first:head.i + 1]):
            return None  # the phrase would run across a full stop, quote or bracket
        return first, head.i + 1

    def _year(self, words: list[str], reading: _QuantityReading) -> bool:
        """A year, or a span of years written "2023-24"."""
        low, high = self.vocabulary.year_range
        first, *others = [words[a:b] for a, b in reading.numbers]
        if len(first) != 1 or not _YEAR.fullmatch(first[0]) or not low <= int(first[0]) <= high:
            return False
        return all(len(n) == 1 and n[0].isdigit() and (len(n[0]) == 2 or low <= int(n[0]) <= high)
                   for n in others)

    def _not_a_count(self, doc: Doc, reading: _QuantityReading, words: list[str], core: list[int],
                     start: int, end: int, unit: Optional[tuple[int, int]], via: Optional[str],
                     date_spans: list[tuple[int, int]]) -> bool:
        """Dates, years, ages, list numbers, numbers in names and the pronoun "one"."""
        vocabulary = self.vocabulary
        unit_head = doc[unit[1] - 1] if unit else None
        duration = unit_head is not None and unit_head.lower_ in vocabulary.durations
        if not duration and any(_inside(date_spans, doc[i].idx) for i in core):
            return True  # inside a date the date stage found ("the early hours of January 8")
        guessed_unit = via == "adjacent" and len(reading.numbers) == 1
        if self._year(words, reading) and (unit_head is None or guessed_unit
                                           or unit_head.tag_ in ("NN", "NNP")):
            return True  # "since 2006", "the 2006 war", "the 2023-24 season"
        if doc[core[0]].ent_iob_ == "I" and doc[core[0]].ent_type_ in _NAME_LABELS:
            return True  # part of a name: "Fortune 500 companies", "Resolution 2334"
        if duration and unit is not None and [t.lower_ for t in doc[unit[1]:unit[1] + 2]] == ["-", "old"]:
            return True  # an age: "a 10-year-old boy"
        if unit is None and not reading.modified and _a_label(doc, core, start, end):
            return True
        single = len(reading.numbers) == 1 and words[slice(*reading.numbers[0])] == ["one"]
        return single and not reading.modified and via != "nummod" and not _bare_count(doc[core[0]])


def _a_label(doc: Doc, core: list[int], start: int, end: int) -> bool:
    """A bare number that labels rather than counts: list numbering, a reference, an identifier."""
    before = doc[start - 1] if start > 0 else None
    after = doc[end] if end < len(doc) else None
    if after is not None and after.text in (".", ")") and _line_start(doc, start):
        return True  # list numbering: "1." / "2)"
    if before is not None and after is not None and before.text == "(" and after.text == ")":
        return True  # a reference: "(3)"
    return before is not None and (before.is_title or before.is_upper) and (
        before.pos_ == "PROPN" or doc[core[-1]].head.i == before.i)  # "Resolution 2334", "Channel 12"


class _Tokens:
    """Token attributes of one Doc read once, so the reading windows build no Token objects."""

    def __init__(self, doc: Doc):
        self.columns = doc.to_array([LIKE_NUM, LOWER, SHAPE, IS_ALPHA, SPACY])
        self.spaced = self.columns[:, 4].tolist()
        strings = doc.vocab.strings
        # The reader's pieces of each token: its lower-case form, split at digits and symbols.
        self.pieces = [(strings[lower],) if alpha else tuple(_PIECE.findall(strings[lower]))
                       for lower, alpha in self.columns[:, [1, 3]].tolist()]


def _chained(doc: Doc, other: int, joiner: int) -> bool:
    """Whether doc[joiner] is a dash or slash written tight against digits at doc[other]."""
    if not (0 <= other < len(doc) and 0 <= joiner < len(doc)) or doc[joiner].text not in _JOINERS:
        return False
    first, second = sorted((other, joiner))
    return not doc[first].whitespace_ and doc[other].text[:1].isdigit()


def _bare_count(token: Token) -> bool:
    """A lone "one" that counts ("killed one", "only one survived"), not a pronoun ("one of
    them", "the one who", "one another")."""
    return token.tag_ == "CD" and token.dep_ in ("dobj", "nsubj", "nsubjpass") \
        and all(c.dep_ in ("advmod", "quantmod", "cc", "conj", "punct") for c in token.children) \
        and not (token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == "another")


def _inside(spans: list[tuple[int, int]], offset: int) -> bool:
    i = bisect_right(spans, (offset, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= offset < spans[i][1]


def _line_start(doc: Doc, start: int) -> bool:
    """First on its line or paragraph: after a line break or a run of spaces, or at the start."""
    return start == 0 or doc[start - 1].is_space


@Language.factory("newsledger_quantities", default_config={"numbers": NUMBERS_FILE})
def make_quantity_finder(nlp: Language, name: str, numbers: str) -> QuantityFinder:
    return QuantityFinder(nlp, name, {"numbers": numbers})
