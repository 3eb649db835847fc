"""What an incident's accounts say: every figure in order, one report per account, a summary.

Figures: each claim whose figure counts one of the account's events (claims[].event), in the
order of publication (then article, then position in the article): that order is the order of
revisions. A toll is a figure of the `killed` measure that counts a whole (people, civilians,
soldiers, police: data/incidents.yaml), not a part ("9 of the dead", "four other fighters",
"three more bodies"). An article's toll is its first revised toll, else its first toll.

Summary, in the conventions of UCDP and ACLED:
- low: the smallest of the articles' tolls (each article's own toll, so that a count of some of
  the dead does not pass for a toll); high: the largest toll any source gives, a perpetrator's
  claim included (a bound counts as its number);
- best: the latest toll from a named source that is no party to the violence (not the doer,
  not officials of a state whose forces did it, not an armed group), official sources (claimant
  kinds in data/incidents.yaml) first, a revision in that article before its other figures.
  Never an unattributed figure, never simply the maximum. With no such toll: the median of
  the articles' tolls. `best_rule` says which rule gave it;
- disagreement: (largest - smallest) / largest over each claimant's latest toll: 0 when all
  sources agree, near 1 when they are far apart.
"""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field
from datetime import date
from typing import Optional

from ..ledger import Claim, Event, Ledger, Quantity
from .accounts import Account, settings

PART = re.compile(r"\b(of (the|them|those|whom)|other|another|further|additional|more(?! than))\b", re.I)
UNNAMED = ("author", "unnamed source")
ARMED_GROUPS = ("REB", "INS")


@dataclass
class FigureRow:
    """One figure as one outlet published it."""
    incident: str
    measure: str
    article_id: int
    article_url: Optional[str]
    outlet: Optional[str]
    published: Optional[date]
    claimant: str  # the resolved name, else the article's words
    claimant_text: Optional[str]  # the claimant as the outlet names them
    claimant_kind: Optional[str]
    claimant_country: Optional[str]
    value: Optional[float]
    low: Optional[float]
    high: Optional[float]
    text: str
    evidence: str
    stance: str
    revision: Optional[str]
    event: Optional[str]
    claim_id: str = ""
    order: int = 0  # 1, 2, ... within its measure, in order of publication: the order of revisions


@dataclass
class Report:
    """One article's account of the incident, in the outlet's own words."""
    incident: str
    article_id: int
    article_url: Optional[str]
    outlet: Optional[str]
    published: Optional[date]
    title: Optional[str]
    status: str
    actor: Optional[str]
    target: Optional[str]
    place: Optional[str]
    date: Optional[str]
    fatalities: Optional[str]
    claimant: Optional[str]
    evidence: str


@dataclass
class IncidentSummary:
    id: str
    family: str
    country: Optional[str]
    place: Optional[str]
    start: Optional[date]
    end: Optional[date]
    sources: int
    outlets: list[str]
    first_report: Optional[date]
    last_report: Optional[date]
    fatalities_low: Optional[float]
    fatalities_best: Optional[float]
    fatalities_high: Optional[float]
    best_source: Optional[str]
    best_rule: Optional[str]
    disagreement: Optional[float]


@dataclass
class IncidentDetail:
    summary: IncidentSummary
    reports: list[Report] = field(default_factory=list)
    figures: list[FigureRow] = field(default_factory=list)


def figures_of(incident: str, account: Account, ledger: Ledger) -> list[FigureRow]:
    """The figures of the article that count the account's events, in the article's order."""
    events = set(account.events)
    return [_figure_row(incident, account, ledger, claim, claim.figure, claim.measure)
            for claim in ledger.claims if claim.figure is not None and claim.event in events and claim.measure]


def _figure_row(incident: str, account: Account, ledger: Ledger, claim: Claim, f: Quantity,
                measure: str) -> FigureRow:
    """The row of a claim that counts (its figure `f`, its `measure`)."""
    return FigureRow(incident=incident, measure=measure, article_id=account.article_id,
                     article_url=ledger.article.url, outlet=ledger.article.outlet,
                     published=ledger.article.published, claim_id=claim.id,
                     claimant=claim.claimant.name or claim.claimant.text or "unnamed source",
                     claimant_text=claim.claimant.text,
                     claimant_kind=claim.claimant.kind, claimant_country=claim.claimant.country, value=f.value, low=f.low, high=f.high,
                     text=f.text, evidence=claim.content.text, stance=claim.stance,
                     revision=claim.revision, event=claim.event)


def is_toll(row: FigureRow, *, whole: bool = True) -> bool:
    """A count of the dead that is no part of another; with `whole`, of people as a whole (not
    fighters or officials alone)."""
    measure, _, counted = row.measure.partition("/")
    return measure == "killed" and (not whole or counted in settings().toll_counted) \
        and not PART.search(row.text)


def article_tolls(rows: list[FigureRow], *, whole: bool = True) -> dict[int, FigureRow]:
    """Each article's toll: its first revised toll, else its first toll."""
    tolls: dict[int, FigureRow] = {}
    for row in rows:
        if is_toll(row, whole=whole) and number(row) is not None:
            held = tolls.get(row.article_id)
            if held is None or row.revision and not held.revision:
                tolls[row.article_id] = row
    return tolls


def number(row: FigureRow) -> Optional[float]:
    for v in (row.value, row.low, row.high):
        if v is not None:
            return v
    return None


def report(incident: str, account: Account, ledger: Ledger, tolls: dict[int, FigureRow]) -> Report:
    events = {e.id: e for e in ledger.events}
    lead: Event = events[account.events[0]]
    told = [events[event_id] for event_id in account.events]
    toll = tolls.get(account.article_id)
    return Report(incident=incident, article_id=account.article_id, article_url=ledger.article.url,
                  outlet=ledger.article.outlet, published=ledger.article.published,
                  title=ledger.article.title, status=lead.status,
                  actor=next((e.actor.text for e in told if e.actor), None),
                  target=next((e.target.text for e in told if e.target), None),
                  place=next((e.place.text for e in told if e.place), None),
                  date=next((e.date.text for e in told if e.date and e.date.text), None),
                  fatalities=toll.text if toll else (lead.fatalities.text if lead.fatalities else None),
                  claimant=toll.claimant if toll else None,
                  evidence=ledger.text[lead.evidence[0].start:lead.evidence[0].end] if lead.evidence else "")


def fatalities(rows: list[FigureRow], actors: set[str], states: set[str]) -> dict[str, object]:
    """The summary's fatality columns from an incident's figures (rows in publication order)."""
    tolls = list(article_tolls(rows).values())
    every = [r for r in rows if is_toll(r) and number(r) is not None]
    best, source, rule = _best(every, tolls, actors, states)
    lows = [n for r in tolls if (n := r.low if r.low is not None else number(r)) is not None]
    highs = [n for r in every if (n := r.high if r.high is not None else number(r)) is not None]
    return {
        "fatalities_low": min(lows) if lows else None,
        "fatalities_best": best,
        "fatalities_high": max(highs) if highs else None,
        "best_source": source, "best_rule": rule,
        "disagreement": _disagreement(tolls) if tolls else None,
    }


def _best(figures: list[FigureRow], tolls: list[FigureRow], actors: set[str],
          states: set[str]) -> tuple[Optional[float], Optional[str], Optional[str]]:
    named = [r for r in figures if r.claimant not in UNNAMED and not _party(r, actors, states)]
    official = [r for r in named if r.claimant_kind in settings().official_kinds]
    pool, rule = (official, "latest official") if official else (named, "latest named")
    if pool:
        rank: dict[int, int] = {}  # articles in publication order (then fingerprint): never the order they were stored in
        for r in figures:
            rank.setdefault(r.article_id, len(rank))
        latest = max(pool, key=lambda r: (r.published or date.min, rank[r.article_id], bool(r.revision), -r.order))
        return number(latest), f"{latest.claimant} ({latest.outlet})", rule
    if tolls:
        return statistics.median(n for r in tolls if (n := number(r)) is not None), None, "median"
    return None, None, None


def _party(row: FigureRow, actors: set[str], states: set[str]) -> bool:
    return row.claimant in actors or row.claimant_kind in ARMED_GROUPS or (
        row.claimant_country in states and (row.claimant_kind or "GOV") in settings().state_kinds)


def _disagreement(tolls: list[FigureRow]) -> float:
    latest: dict[str, float] = {}
    for r in tolls:
        if (n := number(r)) is not None:
            latest[r.claimant] = n
    high, low = max(latest.values()), min(latest.values())
    return round((high - low) / high, 3) if high else 0.0
