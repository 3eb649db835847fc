"""The exports' reference tables (data/export/): countries, ACLED's categories, PLOVER's quad codes.

Each loader checks its file once and names the file and entry of a mistake, so a bad table fails
at the first export rather than writing wrong columns.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Optional, Union

from ..resources import load_data, load_table

COUNTRIES_FILE = "export/countries.csv"
ACLED_FILE = "export/acled.yaml"
PLOVER_FILE = "export/plover.yaml"


class TableError(ValueError):
    """A reference table that does not say what the exporters need."""


@dataclass(frozen=True)
class Country:
    iso3: str
    iso2: str
    iso_numeric: Optional[int]
    name: str
    acled_region: str


@lru_cache(maxsize=None)
def countries() -> dict[str, Country]:
    """Countries by ISO alpha-3 code, the code ledgers carry."""
    table = {}
    for line, row in enumerate(load_table(COUNTRIES_FILE, Country), start=1):
        if len(row.iso3) != 3 or not row.name or not row.acled_region:
            raise TableError(f"{COUNTRIES_FILE}: row {line} ({row.iso3 or 'no iso3'}): needs iso3, "
                             f"name and acled_region")
        table[row.iso3] = row
    return table


def country(iso3: Optional[str]) -> Optional[Country]:
    return countries().get(iso3) if iso3 else None


@dataclass(frozen=True)
class AcledRule:
    """One line of the mapping: the keys it tests and the sub-event (or disorder) it gives."""
    plover: str
    modes: frozenset[str]
    cameos: frozenset[str]
    words: frozenset[str]
    target: Optional[str]
    sub_event: Optional[str]
    disorder: Optional[str]


@dataclass(frozen=True)
class AcledTables:
    coded_statuses: frozenset[str]
    event_type_of: dict[str, str]        # sub-event type -> event type
    disorder_of_event: dict[str, str]    # event type -> disorder type
    disorder_of_sub_event: dict[str, str]
    armed_kinds: frozenset[str]
    civilian_kinds: frozenset[str]
    rules: tuple[AcledRule, ...]
    inter_of_kind: dict[str, int]
    state_inter: int
    external_inter: int
    crowd_kinds: frozenset[str]
    crowd_inter: dict[str, int]          # event type -> inter code of a crowd
    unnamed_actor: dict[str, tuple[str, str]]  # kind -> (label with country, label without)
    geo_precision: dict[str, int]
    time_precision_days: tuple[tuple[int, int], ...]  # (longest range in days, precision)
    inferred_time_precision: int


Words = Union[str, list[str], None]  # one value or a list


@dataclass(frozen=True)
class AcledRuleEntry:
    """One rule of export/acled.yaml as written."""
    plover: str
    sub_event: Optional[str] = None
    disorder: Optional[str] = None
    mode: Words = None
    cameo: Words = None
    words: Words = None
    target: Optional[str] = None


@dataclass(frozen=True)
class UnnamedActorLabels:
    with_country: str
    alone: str


@dataclass(frozen=True)
class AcledFile:
    """The shape of export/acled.yaml."""
    coded_statuses: list[str]
    sub_event_types: dict[str, str]
    disorder_types: dict[str, str]
    sub_event_disorder: dict[str, str]
    armed_kinds: list[str]
    civilian_kinds: list[str]
    rules: list[AcledRuleEntry]
    inter_codes: dict[int, str]
    inter_of_kind: dict[str, int]
    state_inter: int
    external_inter: int
    crowd_kinds: list[str]
    crowd_inter: dict[str, int]
    geo_precision: dict[str, int]
    time_precision_days: dict[int, int]
    inferred_time_precision: int
    unnamed_actor: dict[str, UnnamedActorLabels]


@dataclass(frozen=True)
class PloverFile:
    """The shape of export/plover.yaml."""
    codebook: str
    quad_codes: dict[str, int]


def _words(value: Words) -> frozenset[str]:
    if value is None:
        return frozenset()
    return frozenset(value if isinstance(value, list) else [value])


def _rule(entry: AcledRuleEntry, number: int, event_type_of: dict[str, str]) -> AcledRule:
    rule = AcledRule(plover=entry.plover, modes=_words(entry.mode), cameos=_words(entry.cameo),
                     words=_words(entry.words), target=entry.target, sub_event=entry.sub_event,
                     disorder=entry.disorder)
    if not rule.plover or (rule.sub_event is None) == (rule.disorder is None) \
            or (rule.sub_event is not None and rule.sub_event not in event_type_of) \
            or rule.target not in (None, "armed", "civilian"):
        raise TableError(f"{ACLED_FILE}: rules[{number}] {entry}: needs `plover` and either a known "
                         f"`sub_event` or a `disorder`; `target` is armed or civilian")
    return rule


@lru_cache(maxsize=None)
def acled() -> AcledTables:
    """The ACLED mapping of the shipped file."""
    return acled_tables_of(load_data(ACLED_FILE, AcledFile))


def acled_tables_of(data: AcledFile) -> AcledTables:
    """The ACLED mapping, checked: every sub-event type a rule names is one ACLED defines."""
    missing = set(data.sub_event_types.values()) - set(data.disorder_types)
    if missing:
        raise TableError(f"{ACLED_FILE}: event types without a disorder type: {sorted(missing)}")
    return AcledTables(
        coded_statuses=frozenset(data.coded_statuses), event_type_of=dict(data.sub_event_types),
        disorder_of_event=dict(data.disorder_types), disorder_of_sub_event=dict(data.sub_event_disorder),
        armed_kinds=frozenset(data.armed_kinds), civilian_kinds=frozenset(data.civilian_kinds),
        rules=tuple(_rule(r, n, data.sub_event_types) for n, r in enumerate(data.rules)),
        inter_of_kind=dict(data.inter_of_kind), state_inter=data.state_inter,
        external_inter=data.external_inter, crowd_kinds=frozenset(data.crowd_kinds),
        crowd_inter=dict(data.crowd_inter),
        unnamed_actor={kind: (labels.with_country, labels.alone) for kind, labels in data.unnamed_actor.items()},
        geo_precision=dict(data.geo_precision),
        time_precision_days=tuple(sorted((days, precision) for precision, days in data.time_precision_days.items())),
        inferred_time_precision=data.inferred_time_precision)


@lru_cache(maxsize=None)
def plover_quad_codes() -> dict[str, int]:
    """PLOVER event type -> quad code (1-4)."""
    codes = load_data(PLOVER_FILE, PloverFile).quad_codes
    bad = {name: code for name, code in codes.items() if code not in (1, 2, 3, 4)}
    if bad:
        raise TableError(f"{PLOVER_FILE}: quad codes must be 1-4: {bad}")
    return dict(codes)
