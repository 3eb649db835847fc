"""One happening, one event: the last merge over an article's events.

By the time events reach this step, each sentence's mentions are folded together and mentions
that refer back ("the strike", an agentless "seven were killed") have joined their event
(events.py). What is left apart are accounts that tell the same happening in words of their own:
"The assailants opened fire on officers" after "the attack carried out by armed bandits on the
police post"; a live blog's "its aircraft hit an operative in the Tyre area" after "drone strike
on a car near Tyre"; "Israel launched airstrikes at the suburb" right after "Israel assassinated
X in Beirut".

Two accounts are one happening when they are of one type and nothing sets them apart (stated
dates that do not overlap, places far apart, two named actors, two named people or two different
things hit, a word that says "another", one told as denied and the other not) and something ties
them together close by in the text: the same town or site, the same named target, the same named
actor doing the same kind of act a sentence or two later, or a doer described only by the act
("the assailants", "the gunmen"). The module reads plain records
(`Account`), so that it needs neither spaCy nor the resolvers; events.py builds them.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import Optional

WINDOW_SENTS = 8       # a retelling is at most this many sentences after the event's latest
CLOSE_SENTS = 2        # the same actor acting again this close is telling the same act
SAME_PLACE_KM = 40.0   # two geocoded places closer than this can be one event's place
SPOT_PRECISIONS = frozenset({"sub-city", "city"})  # places precise enough to tie two accounts


@dataclass(frozen=True)
class Party:
    """A resolved actor or target, as far as telling two apart needs."""
    key: Optional[str]        # the canonical name, lowercase; None when not resolved
    country: Optional[str]
    kind: Optional[str]
    is_country: bool = False  # the country as a whole ("Israel"), not one of its bodies
    person: bool = False      # a named person
    head: str = ""            # the phrase's head noun, singular, lowercase; "" for a bare number
    indefinite: bool = False  # introduced as a new thing ("a car", "two houses"), with no name
    counted: bool = False     # a number of people or things ("30,000 people", "8,000 fighters")
    count: Optional[float] = None  # that number, where it is stated
    thing: Optional[str] = None  # "place" ("a village"), "property" ("a house"), "people"; None: not known
    doers_only: bool = False  # described only as those who did the act ("the assailants")


@dataclass(frozen=True)
class Where:
    """A resolved place."""
    words: str                # the article's words, lowercase
    name: Optional[str] = None  # the gazetteer's name
    country: Optional[str] = None
    lat: Optional[float] = None
    lon: Optional[float] = None
    precision: Optional[str] = None


@dataclass(frozen=True)
class Account:
    """One event as the earlier steps assembled it."""
    type: str
    planned: bool
    denied: bool              # told as denied: the other side's account stays an event of its own
    first_sent: int
    last_sent: int
    actor: Optional[Party] = None
    target: Optional[Party] = None
    place: Optional[Where] = None
    dates: Optional[tuple[date, date]] = None  # as its own clauses state them
    fresh: bool = False       # "another strike", "a second attack", "struck again"
    answers: bool = False     # "responded with airstrikes": an answer to another side's act
    introduced: bool = False  # told with an indefinite noun ("a strike", "two attacks")
    words: frozenset[str] = frozenset()  # the base forms of its trigger words ("airstrike", "kill")
    mode: Optional[str] = None


def happenings(accounts: list[Account]) -> list[list[int]]:
    """The accounts grouped by happening: lists of indices, each in reading order, the groups
    ordered by their first account. `accounts` must be in reading order."""
    groups: list[list[int]] = []
    latest: list[int] = []  # each group's last sentence
    for i, account in enumerate(accounts):
        home = None
        for g in range(len(groups) - 1, -1, -1):  # nearest group first
            if account.first_sent - latest[g] > WINDOW_SENTS:
                continue
            members = [accounts[k] for k in groups[g]]
            if all(not apart(m, account) for m in members) and any(tied(m, account) for m in members):
                home = g
                break
        if home is None:
            groups.append([i])
            latest.append(account.last_sent)
        else:
            groups[home].append(i)
            latest[home] = max(latest[home], account.last_sent)
    return groups


def apart(a: Account, b: Account) -> bool:
    """Whether something sets two accounts apart (b the later one)."""
    if a.type != b.type or a.planned != b.planned or a.denied != b.denied or b.fresh:
        return True
    if a.dates is not None and b.dates is not None and (a.dates[1] < b.dates[0] or b.dates[1] < a.dates[0]):
        return True
    if b.answers and not (a.actor is not None and b.actor is not None and a.actor.key is not None
                          and a.actor.key == b.actor.key):
        return True  # "the army responded with airstrikes" is not the shelling it answers
    if _places_apart(a.place, b.place):
        return True
    return _actors_apart(a.actor, b.actor) or targets_apart(a.target, b.target)


def tied(a: Account, b: Account) -> bool:
    """Whether something ties the later account b to a: the same spot, the same named target,
    the same actor doing the same kind of act again close by ("assassinating X ... in the
    airstrike ... Israel launched airstrikes at the suburb"), or doers described only by the act."""
    if a.target is not None and b.target is not None and a.target.key is not None \
            and a.target.key == b.target.key and (a.target.person or b.target.person) \
            and _one_doer(a.actor, b.actor):
        return True  # "killed X" ... "X's assassination"
    if b.introduced:
        return False  # "a strike on a tent in Rafah": a new one, unless it names the same person
    close = b.first_sent - a.last_sent <= CLOSE_SENTS
    if close and b.actor is not None and b.actor.doers_only:
        return True  # "The assailants opened fire ..." after "the attack by armed bandits"
    if _same_spot(a.place, b.place):
        return True
    return close and a.actor is not None and b.actor is not None and a.actor.key is not None \
        and a.actor.key == b.actor.key and (bool(a.words & b.words) or (a.mode is not None and a.mode == b.mode))


def _one_doer(a: Optional[Party], b: Optional[Party]) -> bool:
    """Whether two actors may be one: either unknown, the same name, or the later one described
    only by the act ("a union endorsed X" and "other unions endorsed X" are two acts)."""
    if a is None or b is None or b.doers_only:
        return True
    return a.key is not None and a.key == b.key


def _same_spot(a: Optional[Where], b: Optional[Where]) -> bool:
    """Both name one town or site (a country or region is too wide to tie two accounts, and
    two towns a few kilometres apart are still two places: Omdurman and Bahri)."""
    if a is None or b is None or a.precision not in SPOT_PRECISIONS or b.precision not in SPOT_PRECISIONS:
        return False
    if a.words == b.words or (a.name is not None and a.name == b.name):
        return True
    return "sub-city" in (a.precision, b.precision) and _near(a, b)  # a district of the town


def _places_apart(a: Optional[Where], b: Optional[Where]) -> bool:
    """Two places that cannot be one: in different countries, or geocoded far apart (a town in
    its country or region is not apart from it)."""
    if a is None or b is None or a.words == b.words:
        return False
    if a.country is not None and b.country is not None and a.country != b.country:
        return True
    if "country" in (a.precision, b.precision) or a.precision == "region" or b.precision == "region":
        return False
    return a.lat is not None and b.lat is not None and not _near(a, b)


def _near(a: Where, b: Where) -> bool:
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return False
    return km(a.lat, a.lon, b.lat, b.lon) <= SAME_PLACE_KM


def _actors_apart(a: Optional[Party], b: Optional[Party]) -> bool:
    """Two different named actors; a country and its own forces may be one."""
    if a is None or b is None or a.key is None or b.key is None or a.key == b.key:
        return False
    if a.country is not None and a.country == b.country:
        return not (a.is_country or b.is_country or None in (a.kind, b.kind))
    return True


def targets_apart(a: Optional[Party], b: Optional[Party]) -> bool:
    """Two named people, or two things each introduced as new or counted and named by different
    nouns ("a house", "a tent"; "8,000 Hamas fighters", "30,000 people"). One victim told twice
    in other words is not two: a place, its buildings and its people ("shelled a village",
    "hit a school", "killed a family of six"), or the same number ("17 villagers", "at least 17
    civilians")."""
    if a is None or b is None:
        return False
    if a.person and b.person:
        return a.key != b.key
    if None not in (a.thing, b.thing) and a.thing != b.thing or (a.count is not None and a.count == b.count):
        return False
    return (a.indefinite and b.indefinite or a.counted and b.counted) and "" not in (a.head, b.head) \
        and a.head != b.head


def same_target(a: Optional[Party], b: Optional[Party]) -> bool:
    """One target named again: the same name, head noun or number ("23 soldiers" twice)."""
    if a is None or b is None:
        return False
    return a.key is not None and a.key == b.key or a.head != "" and a.head == b.head or (
        a.count is not None and a.count == b.count)


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))
