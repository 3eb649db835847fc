"""Is this account the same happening as that incident? Evidence for and against, weighed.

Hard limits first: the same family; dates that overlap (stated dates against stated dates; an
undated account's window against the incident's); no two different towns; no two different
countries where both are stated. Then weights (data/incidents.yaml): the same place, a place
near or inside the other, the same day, a named victim or target in both (names folded across
spellings, aliases applied), a shared actor, shared distinctive words. An account joins the
best-scoring incident at or above the threshold, ties to the older incident id.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Optional

from .accounts import Account, AccountPlace, relation, settings
from .names import Folded, same_person


@dataclass
class Profile:
    """What an incident's accounts say together: the evidence a new account is matched on."""
    family: str
    start: date  # over all accounts
    end: date
    stated_start: Optional[date] = None  # over accounts that state the date
    stated_end: Optional[date] = None
    places: list[AccountPlace] = field(default_factory=list)
    mentioned: list[Folded] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    names: list[Folded] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)  # each account's doer, repeated per account
    states: list[str] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, account: Account) -> "Profile":
        profile = cls(family=account.family, start=account.start, end=account.end)
        profile.add(account)
        return profile

    def add(self, account: Account) -> None:
        self.start, self.end = min(self.start, account.start), max(self.end, account.end)
        if account.dated:
            self.stated_start = min(self.stated_start or account.start, account.start)
            self.stated_end = max(self.stated_end or account.end, account.end)
        if account.place is not None and not any(p.key == account.place.key for p in self.places):
            self.places.append(account.place)
        self.mentioned = _union(self.mentioned, [p.key for p in account.mentioned])
        self.countries = _union(self.countries, [account.country] if account.country else [])
        self.names = _union(self.names, account.names)
        self.actors += account.actors  # with repeats: how many accounts name each doer
        self.states += account.states
        self.terms = _union(self.terms, account.terms)

    def parties(self) -> tuple[set[str], set[str]]:
        """The doer most accounts name, and the state whose forces did it when as many accounts
        name a state's forces as name that doer."""
        def most(values: list[str]) -> tuple[set[str], int]:
            counts = Counter(values)
            top = max(counts.values(), default=0)
            return {v for v, n in counts.items() if n == top}, top
        (doers, named), (states, told) = most(self.actors), most(self.states)
        return doers, states if told >= named else set()

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("start", "end", "stated_start", "stated_end"):
            data[key] = data[key].isoformat() if data[key] else None
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Profile":
        data = dict(data)
        for key in ("start", "end", "stated_start", "stated_end"):
            data[key] = date.fromisoformat(data[key]) if data[key] else None
        data["places"] = [AccountPlace(**{**p, "key": tuple(p["key"])}) for p in data["places"]]
        data["mentioned"] = [tuple(k) for k in data["mentioned"]]
        data["names"] = [tuple(n) for n in data["names"]]
        return cls(**data)


def _union(old: list, new: list) -> list:
    return old + [x for x in new if x not in old]


def score(account: Account, incident: Profile) -> Optional[float]:
    """The evidence that the account tells of the incident; None when it cannot."""
    if account.family != incident.family or not _dates_fit(account, incident):
        return None
    place = _place_score(account, incident)
    if place is None:
        return None
    w = settings().weights
    total = place
    if account.dated and incident.stated_start is not None:
        total += w["same_day"]
    total += _name_score(account.names, incident.names)
    if set(account.actors) & set(incident.actors):
        total += w["same_actor"]
    shared = len(set(account.terms + account.words) & set(incident.terms))
    return total + min(shared * w["shared_term"], w["shared_terms_max"])


def _dates_fit(account: Account, incident: Profile) -> bool:
    if account.dated and incident.stated_start is not None and incident.stated_end is not None:
        return account.start <= incident.stated_end and incident.stated_start <= account.end
    return account.start <= incident.end and incident.start <= account.end


def _place_score(account: Account, incident: Profile) -> Optional[float]:
    """None for two towns or two stated countries; else the best of the stated places'
    relation and the incident's places named anywhere in the article."""
    w = settings().weights
    firm = 0.0
    if account.place is not None and incident.places:
        if account.place.country and account.place.country not in {p.country for p in incident.places}:
            return None
        relations = {relation(account.place, p) for p in incident.places}
        if "apart" in relations and not relations & {"same", "near"}:
            return None
        firm = max(w.get(f"{r}_place", 0.0) for r in relations)
    mentioned = {p.key for p in account.mentioned} | ({account.place.key} if account.place else set())
    words = set(account.words)
    if any(p.key in mentioned or p.key and set(p.key) <= words for p in incident.places) \
            or account.place is not None and account.place.key in incident.mentioned:
        return max(firm, w["same_place"])
    towns = [p for p in incident.places if p.town]
    if account.place is None and towns and any(p.country == towns[0].country for p in account.mentioned):
        return w["other_place"]
    return firm


def _name_score(names: list[Folded], known: list[Folded]) -> float:
    w = settings().weights
    if any(same_person(a, b) for a in names for b in known):
        return w["same_person"]
    longest = settings().surname_min_letters
    surnames = {n[-1] for n in names if n and len(n[-1]) >= longest}
    if surnames & {n[-1] for n in known if n}:
        return w["same_surname"]
    return 0.0
