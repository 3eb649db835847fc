"""An article's accounts: what one article tells of each happening, as evidence for matching.

An account groups the article's events of one incident family (violence, coercion; data
incidents.yaml) that can be one happening: events whose stated dates or towns disagree go to
accounts of their own, events with neither join the first. The first account is the article's
lead and also takes the article's named people, mentioned places and distinctive words.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Any, Optional

from ..ledger import Event, Ledger, PlaceRef
from ..resources import load_data
from .names import Folded, canonical, fold, fold_text

PRECISION_RANK = {"sub-city": 0, "city": 1, "region": 2, "country": 3}
TOWN = ("sub-city", "city")


@dataclass(frozen=True)
class IncidentsFile:
    """The shape of data/incidents.yaml: which events make incidents and how accounts are matched."""
    families: dict[str, str]
    not_happened: list[str]
    undated_window_days: int
    near_km: float
    region_km: float
    weights: dict[str, float]
    threshold: float
    surname_min_letters: int
    term_labels: list[str]
    common_terms: list[str]
    official_kinds: list[str]
    state_kinds: list[str]
    toll_counted: list[str]


@lru_cache(maxsize=1)
def settings() -> IncidentsFile:
    return load_data("incidents.yaml", IncidentsFile)


@dataclass
class AccountPlace:
    name: str
    key: Folded
    country: Optional[str] = None
    precision: Optional[str] = None
    lat: Optional[float] = None
    lon: Optional[float] = None

    @property
    def town(self) -> bool:
        return self.precision in TOWN


@dataclass
class Account:
    article_id: int
    events: list[str]
    family: str
    published: date
    start: date
    end: date
    dated: bool  # the article states the date; otherwise a window before publication
    place: Optional[AccountPlace] = None  # the most precise place of its events
    mentioned: list[AccountPlace] = field(default_factory=list)  # other places the article names
    country: Optional[str] = None
    names: list[Folded] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    states: list[str] = field(default_factory=list)  # countries of the state actors (army, government)
    terms: list[str] = field(default_factory=list)
    words: list[str] = field(default_factory=list)  # the article's folded words, for names NER missed

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("published", "start", "end"):
            data[key] = data[key].isoformat()
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Account":
        data = dict(data)
        for key in ("published", "start", "end"):
            data[key] = date.fromisoformat(data[key])
        data["place"] = AccountPlace(**{**data["place"], "key": tuple(data["place"]["key"])}) if data["place"] else None
        data["mentioned"] = [AccountPlace(**{**p, "key": tuple(p["key"])}) for p in data["mentioned"]]
        data["names"] = [tuple(n) for n in data["names"]]
        return cls(**data)


def accounts_of(ledger: Ledger, article_id: int, aliases: dict) -> list[Account]:
    """The article's accounts, lead first; none when it tells of no incident."""
    s = settings()
    families = s.families
    published = ledger.article.published or _latest_date(ledger) or date.today()
    told = [e for e in ledger.events if e.type in families and e.status not in s.not_happened]
    groups: list[list[Event]] = []
    for event in told:
        home = next((g for g in groups if families[g[0].type] == families[event.type]
                     and not any(_conflict(event, other) for other in g)), None)
        if home is None:
            groups.append([event])
        else:
            home.append(event)
    accounts = [_account(g, article_id, families[g[0].type], published) for g in groups]
    if accounts:
        _add_article_evidence(accounts[0], ledger, aliases)
    return accounts


def _conflict(a: Event, b: Event) -> bool:
    """Two events that cannot be one happening: both state dates and they are apart, or both
    happen in towns that are different places."""
    dates_a, dates_b = _stated_interval(a), _stated_interval(b)
    if dates_a and dates_b and (dates_a[1] < dates_b[0] or dates_b[1] < dates_a[0]):
        return True
    pa, pb = _place(a.place), _place(b.place)
    return pa is not None and pb is not None and relation(pa, pb) == "apart"


def _stated_interval(event: Event) -> Optional[tuple[date, date]]:
    """(start, end) of the event's date when the article states it (not taken from context)."""
    stated = event.date
    if stated is None or stated.start is None or stated.inferred:
        return None
    return stated.start, stated.end or stated.start


def _account(events: list[Event], article_id: int, family: str, published: date) -> Account:
    start, end, dated = _interval(events, published)
    places = sorted((p for p in (_place(e.place) for e in events) if p is not None),
                    key=lambda p: PRECISION_RANK.get(p.precision or "", 4))
    place = places[0] if places else None
    lead = events[0].actor  # the doer as the account tells it; others acted around it
    actors = [lead.name] if lead is not None and lead.name else []
    states = [lead.country] if lead is not None and lead.country and \
        (lead.kind or "GOV") in settings().state_kinds else []
    names = sorted({fold(e.target.name) for e in events
                    if e.target is not None and e.target.name and e.target.kind is None})
    return Account(article_id=article_id, events=[e.id for e in events], family=family,
                   published=published, start=start, end=end, dated=dated, place=place,
                   country=place.country if place else None, actors=actors, states=states, names=names)


def _interval(events: list[Event], published: date) -> tuple[date, date, bool]:
    """The stated dates' span; without one, the window before publication (reaching back to
    any date taken from context)."""
    stated = [interval for interval in map(_stated_interval, events) if interval]
    if stated:
        return min(start for start, _ in stated), max(end for _, end in stated), True
    window = timedelta(days=settings().undated_window_days)
    inferred = [e.date.start for e in events if e.date is not None and e.date.start is not None]
    return min([published - window] + inferred), published, False


def _place(ref: Optional[PlaceRef]) -> Optional[AccountPlace]:
    if ref is None or not ref.name:
        return None
    return AccountPlace(name=ref.name, key=fold(ref.name), country=ref.country, precision=ref.precision,
                        lat=_as_stored(ref.lat), lon=_as_stored(ref.lon))


def _as_stored(coordinate: Optional[float]) -> Optional[float]:
    """A coordinate as a ledger read back from the store has it (its JSON writes 14.0 as 14, and
    no NaN), so that the accounts of a ledger still in memory and of the same ledger read back
    are the same, down to the JSON the store keeps of them."""
    if coordinate is None or not math.isfinite(coordinate):
        return None
    return int(coordinate) if float(coordinate).is_integer() else coordinate


def _add_article_evidence(account: Account, ledger: Ledger, aliases: dict) -> None:
    """People the article names (not its sources, not known public actors), the places it
    mentions, and its distinctive words, for the lead account."""
    claimants = {fold(c.claimant.name) for c in ledger.claims if c.claimant.name}
    people = {canonical(m.name or m.text, aliases) for m in ledger.entities
              if m.label == "PERSON" and m.kind is None and not m.country}
    account.names = sorted({canonical(" ".join(n), aliases) for n in account.names} | people - claimants - {()})
    mentioned = _mentioned_places(ledger)
    account.mentioned = [p for k, p in sorted(mentioned.items()) if account.place is None or k != account.place.key]
    account.terms = _terms(ledger)
    account.words = sorted({w for w in fold_text(ledger.text) if len(w) >= 3})
    if account.country is None:
        countries = Counter(p.country for p in account.mentioned)
        account.country = countries.most_common(1)[0][0] if countries else None


def _mentioned_places(ledger: Ledger) -> dict[Folded, AccountPlace]:
    """Resolved places the article names (a place the tagger took for a person included)."""
    mentioned: dict[Folded, AccountPlace] = {}
    for m in ledger.entities:
        if m.label in ("GPE", "LOC", "FAC", "PERSON") and m.name and m.country and not m.kind:
            mentioned.setdefault(fold(m.name), AccountPlace(name=m.name, key=fold(m.name), country=m.country))
    return mentioned


def _terms(ledger: Ledger) -> list[str]:
    """Words of the names no dictionary knows (a hotel, a street, a village)."""
    s = settings()
    common = set(s.common_terms)
    return sorted({w for m in ledger.entities
                   if m.label in s.term_labels and not m.kind and not m.country
                   for w in fold(m.text) if len(w) >= 3 and w not in common})


def _latest_date(ledger: Ledger) -> Optional[date]:
    ends = [d.end or d.start for d in ledger.dates if d.start]
    return max(ends) if ends else None


def relation(a: AccountPlace, b: AccountPlace) -> str:
    """same (one name), near (closer than `near_km`), apart (two towns), inside (a town in a
    region or country that holds it), or other."""
    if a.key == b.key:
        return "same"
    km = distance_km(a, b)
    s = settings()
    if km is not None and km <= s.near_km:
        return "near"
    if a.town and b.town:
        return "apart"
    broad, narrow = (a, b) if not a.town else (b, a)
    if broad.country and broad.country == narrow.country and (
            broad.precision == "country" or km is None or km <= s.region_km):
        return "inside"
    return "other"


def distance_km(a: AccountPlace, b: AccountPlace) -> Optional[float]:
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return None
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))
