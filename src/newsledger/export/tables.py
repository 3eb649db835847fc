"""The exports' reference tables (data/export/): countries, ACLED's categories, PLOVER's quad codes.

Each loader checks its file once and names the file and entry of a mistake, so a bad table fails
at the first export rather than writing wrong columns.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Optional

from ..resources import load_csv, load_yaml

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
    for line, row in enumerate(load_csv(COUNTRIES_FILE), start=1):
        iso3, numeric = row.get("iso3") or "", row.get("iso_numeric") or ""
        if len(iso3) != 3 or not row.get("name") or not row.get("acled_region") \
                or (numeric and not numeric.isdigit()):
            raise TableError(f"{COUNTRIES_FILE}: row {line} ({iso3 or 'no iso3'}): needs iso3, "
                             f"name, acled_region and a numeric iso_numeric")
        table[iso3] = Country(iso3, row.get("iso2") or "", int(numeric) if numeric else None,
                              row["name"], row["acled_region"])
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


def _words(value: Any) -> frozenset[str]:
    if value is None:
        return frozenset()
    return frozenset(str(v) for v in (value if isinstance(value, list) else [value]))


def _rule(raw: dict[str, Any], number: int, event_type_of: dict[str, str]) -> AcledRule:
    rule = AcledRule(plover=raw.get("plover", ""), modes=_words(raw.get("mode")),
                     cameos=_words(raw.get("cameo")), words=_words(raw.get("words")),
                     target=raw.get("target"), sub_event=raw.get("sub_event"),
                     disorder=raw.get("disorder"))
    if not rule.plover or (rule.sub_event is None) == (rule.disorder is None) \
            or (rule.sub_event is not None and rule.sub_event not in event_type_of) \
            or rule.target not in (None, "armed", "civilian"):
        raise TableError(f"{ACLED_FILE}: rules[{number}] {raw}: needs `plover` and either a known "
                         f"`sub_event` or a `disorder`; `target` is armed or civilian")
    return rule


@lru_cache(maxsize=None)
def acled() -> AcledTables:
    """The ACLED mapping, checked: every sub-event type a rule names is one ACLED defines."""
    raw = load_yaml(ACLED_FILE)
    try:
        event_type_of = dict(raw["sub_event_types"])
        disorder_of_event = dict(raw["disorder_types"])
        missing = set(event_type_of.values()) - set(disorder_of_event)
        if missing:
            raise TableError(f"{ACLED_FILE}: event types without a disorder type: {sorted(missing)}")
        unnamed = {kind: (labels["with_country"], labels["alone"])
                   for kind, labels in raw["unnamed_actor"].items()}
        days = tuple(sorted((int(d), int(p)) for p, d in raw["time_precision_days"].items()))
        return AcledTables(
            coded_statuses=frozenset(raw["coded_statuses"]), event_type_of=event_type_of,
            disorder_of_event=disorder_of_event, disorder_of_sub_event=dict(raw["sub_event_disorder"]),
            armed_kinds=frozenset(raw["armed_kinds"]), civilian_kinds=frozenset(raw["civilian_kinds"]),
            rules=tuple(_rule(r, n, event_type_of) for n, r in enumerate(raw["rules"])),
            inter_of_kind={k: int(v) for k, v in raw["inter_of_kind"].items()},
            state_inter=int(raw["state_inter"]), external_inter=int(raw["external_inter"]),
            crowd_kinds=frozenset(raw["crowd_kinds"]), crowd_inter=dict(raw["crowd_inter"]),
            unnamed_actor=unnamed, geo_precision=dict(raw["geo_precision"]),
            time_precision_days=days, inferred_time_precision=int(raw["inferred_time_precision"]))
    except TableError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise TableError(f"{ACLED_FILE}: missing or malformed entry ({type(exc).__name__}: {exc})") from None


@lru_cache(maxsize=None)
def plover_quad_codes() -> dict[str, int]:
    """PLOVER event type -> quad code (1-4)."""
    codes = load_yaml(PLOVER_FILE).get("quad_codes") or {}
    bad = {name: code for name, code in codes.items() if code not in (1, 2, 3, 4)}
    if bad:
        raise TableError(f"{PLOVER_FILE}: quad codes must be 1-4: {bad}")
    return dict(codes)
