"""The ledger data model: typed records for one analyzed article, and JSON in/out.

The JSON shape is the contract described in the README's "Output format"; every record that
points into the article carries character offsets into `Ledger.text`, so `text[start:end]` is
the evidence.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import math
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any, Literal, Optional, TypeVar, get_args

R = TypeVar("R")


def copied(record: R) -> R:
    """A shallow copy of a ledger record, for a caller that fills in its own fields: what
    copy.copy gives, without its generic reduce protocol (resolution hands out thousands)."""
    twin = object.__new__(type(record))
    twin.__dict__.update(record.__dict__)
    return twin


@dataclass
class Span:
    start: int
    end: int


@dataclass
class Article:
    id: str
    title: Optional[str] = None
    url: Optional[str] = None
    outlet: Optional[str] = None
    published: Optional[date] = None
    language: str = "en"  # ISO 639-1, detected
    published_source: Optional[str] = None  # given | metadata (the page's date tags) | None

    @staticmethod
    def id_for(text: str) -> str:
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class EntityMention:
    """A named entity as found in the text, with its resolution once known."""
    text: str
    span: Span
    label: str
    name: Optional[str] = None
    country: Optional[str] = None
    kind: Optional[str] = None


@dataclass
class DateMention:
    """A temporal expression and the interval it denotes (null ends when unresolvable)."""
    text: str
    span: Span
    start: Optional[date] = None
    end: Optional[date] = None
    kind: str = "date"  # date | duration | set (recurring) | time


@dataclass
class Quantity:
    """A number a reader would count: a point (`value`) or a range/bound (`low`/`high`)."""
    text: str
    span: Span
    value: Optional[float] = None
    low: Optional[float] = None
    high: Optional[float] = None
    approx: bool = False
    unit: Optional[str] = None
    unit_span: Optional[Span] = None


@dataclass
class ActorRef:
    """Who acts, is acted on, or claims: the article's words plus the resolved referent."""
    text: str
    name: Optional[str] = None
    country: Optional[str] = None
    kind: Optional[str] = None
    span: Optional[Span] = None
    author: bool = False


@dataclass
class PlaceRef:
    text: str
    name: Optional[str] = None
    country: Optional[str] = None
    lat: Optional[float] = None
    lon: Optional[float] = None
    geonameid: Optional[int] = None
    precision: Optional[str] = None  # city | region | country | sub-city
    span: Optional[Span] = None


@dataclass
class DateRef:
    text: Optional[str]
    start: Optional[date] = None
    end: Optional[date] = None
    inferred: bool = False
    span: Optional[Span] = None


@dataclass
class Fatalities:
    text: str
    min: Optional[int] = None
    max: Optional[int] = None
    span: Optional[Span] = None


@dataclass
class Source:
    name: str
    author: bool = False
    text: Optional[str] = None
    span: Optional[Span] = None


@dataclass
class Event:
    id: str
    type: str
    evidence: list[Span]
    trigger: Optional[str] = None
    mode: Optional[str] = None
    cameo: Optional[str] = None
    goldstein: Optional[float] = None
    actor: Optional[ActorRef] = None
    target: Optional[ActorRef] = None
    place: Optional[PlaceRef] = None
    date: Optional[DateRef] = None
    fatalities: Optional[Fatalities] = None
    status: str = "asserted"  # asserted | claimed | denied (a threatened act is a THREATEN event;
    # a hypothetical or merely planned one is not an event at all)
    source: Source = field(default_factory=lambda: Source(name="author", author=True))
    confidence: float = 0.5


@dataclass
class Cue:
    text: str
    start: int
    end: int


@dataclass
class Content:
    text: str
    start: int
    end: int


Stance = Literal["asserts", "supports", "disputes", "neutral"]
"""The article's stance toward a claim: its own statement, backs it, casts doubt on it, reports it."""
CLAIM_STANCES: tuple[str, ...] = get_args(Stance)


@dataclass
class Claim:
    id: str
    claimant: ActorRef
    content: Content
    cue: Optional[Cue] = None
    quantities: list[Quantity] = field(default_factory=list)
    stance: str = "neutral"  # asserts | supports | disputes | neutral
    stance_evidence: list[Span] = field(default_factory=list)
    hedged: bool = False
    checkworthy: float = 0.5
    checkworthy_features: dict[str, float] = field(default_factory=dict)
    measure: Optional[str] = None
    evidence: list[Span] = field(default_factory=list)  # the whole attribution: source, cue, content
    hedge_evidence: list[Span] = field(default_factory=list)
    # The one figure this claim counts (one claim per figure: "41 killed and 90 wounded" is two
    # claims sharing content and quantities), the id of the event whose victims, wounded,
    # displaced ... it counts, and "up" / "down" / "revised" when it revises an earlier figure.
    figure: Optional[Quantity] = None
    event: Optional[str] = None
    revision: Optional[str] = None


@dataclass
class Ledger:
    text: str
    article: Article
    events: list[Event] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    entities: list[EntityMention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return _plain(self)

    def to_json(self, indent: Optional[int] = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Ledger":
        return _build(cls, data)

    @classmethod
    def from_json(cls, raw: str) -> "Ledger":
        return cls.from_dict(json.loads(raw))


_PLAIN_AS_IS = (str, int, bool, type(None))
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _plain(value: Any) -> Any:
    """JSON-ready values; a record's field names are read once per class, and strings, ints and
    None return at once (a ledger holds tens of thousands of them; `dataclasses.fields` on each
    record was half the time of `to_dict`)."""
    kind = type(value)
    if kind in _PLAIN_AS_IS:
        return value
    names = _FIELD_NAMES.get(kind)
    if names is None and dataclasses.is_dataclass(value) and not isinstance(value, type):
        names = _FIELD_NAMES[kind] = tuple(f.name for f in dataclasses.fields(value))
    if names is not None:
        return {name: _plain(getattr(value, name)) for name in names}
    if dataclasses.is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        return None  # JSON has no Infinity or NaN
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _build(tp: Any, data: Any) -> Any:
    """Rebuild typed records from plain JSON, following the dataclass annotations."""
    import typing

    if data is None:
        return None
    origin = typing.get_origin(tp)
    if origin is typing.Union:
        inner = [a for a in typing.get_args(tp) if a is not type(None)][0]
        return _build(inner, data)
    if origin is list:
        (inner,) = typing.get_args(tp)
        return [_build(inner, d) for d in data]
    if origin is dict:
        return dict(data)
    if tp is date:
        return date.fromisoformat(data[:10])
    if dataclasses.is_dataclass(tp):
        hints = _field_types(typing.cast(type, tp))
        return typing.cast(Any, tp)(**{k: _build(hints[k], v) for k, v in data.items() if k in hints})
    return data


@lru_cache(maxsize=None)
def _field_types(record: type) -> dict[str, Any]:
    """A record's fields and their types, resolved once: resolving the annotations' strings was
    nine tenths of the time of reading a ledger back (a store export reads every one)."""
    import typing

    hints = typing.get_type_hints(record)
    return {f.name: hints[f.name] for f in dataclasses.fields(record)}
