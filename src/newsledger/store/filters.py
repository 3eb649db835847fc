"""Query filters -> SQL conditions, the same for the library, the CLI and the web API.

Names match case-insensitively against the resolved name or the article's own words; countries
are ISO3 codes on either side of an event; dates are inclusive; `text` is a full-text search of
article titles and text (all words must occur; English stemming on both engines).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Optional

from sqlalchemy import ColumnElement, Select, func, literal, literal_column, or_, select, text

from ..ledger import CLAIM_STANCES
from .schema import articles, claims, events

FILTER_NAMES = ("actor", "target", "country", "type", "place", "since", "until", "claimant",
                "measure", "stance", "outlet", "text")
KINDS = ("articles", "events", "claims")
# which filters each kind of row accepts; on articles, event and claim filters mean "has one"
APPLIES_TO = {
    "events": {"actor", "target", "country", "type", "place", "since", "until", "claimant",
               "outlet", "text"},
    "claims": {"claimant", "country", "measure", "stance", "since", "until", "outlet", "text"},
    "articles": set(FILTER_NAMES),
}


class FilterError(ValueError):
    """A filter that is unknown, does not apply to the rows asked for, or has a bad value."""


@dataclass(frozen=True)
class Filters:
    actor: Optional[str] = None
    target: Optional[str] = None
    country: Optional[str] = None
    type: Optional[str] = None
    place: Optional[str] = None
    since: Optional[date] = None
    until: Optional[date] = None
    claimant: Optional[str] = None
    measure: Optional[str] = None
    stance: Optional[str] = None
    outlet: Optional[str] = None
    text: Optional[str] = None

    @classmethod
    def parse(cls, kind: str, values: dict[str, Any]) -> "Filters":
        """Check names and values (None or a blank string means 'not given'); dates may be ISO
        strings."""
        if kind not in KINDS:
            raise FilterError(f"unknown kind of row {kind!r} (known: {', '.join(KINDS)})")
        given = {name: value.strip() if isinstance(value, str) else value
                 for name, value in values.items()}
        given = {name: value for name, value in given.items() if value not in (None, "")}
        for name, value in given.items():
            if name not in FILTER_NAMES:
                raise FilterError(f"unknown filter {name!r} (known: {', '.join(FILTER_NAMES)})")
            if name not in APPLIES_TO[kind]:
                raise FilterError(f"filter {name!r} does not apply to {kind}")
            if "\x00" in str(value):
                raise FilterError(f"{name}: a NUL character cannot be searched for")
        return cls(**_normalised(given))


def _normalised(given: dict[str, Any]) -> dict[str, Any]:
    """Dates as dates, codes in upper case, a stance in lower case; a stance that the ledger
    does not know, or a text search without words, is refused."""
    for name in ("since", "until"):
        if name in given:
            given[name] = _as_date(name, given[name])
    for name in ("country", "type"):
        if name in given:
            given[name] = str(given[name]).strip().upper()
    if "stance" in given:
        given["stance"] = str(given["stance"]).strip().lower()
        if given["stance"] not in CLAIM_STANCES:
            raise FilterError(f"stance: unknown stance {given['stance']!r} (known: {', '.join(CLAIM_STANCES)})")
    if "text" in given and not _words(given["text"]):
        raise FilterError(f"text: no words to search for in {given['text']!r}")
    return {name: str(value) if name not in ("since", "until") else value for name, value in given.items()}


def _as_date(name: str, value: Any) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise FilterError(f"{name}: invalid date {value!r} (expected YYYY-MM-DD)") from None


def _words(query: str) -> list[str]:
    return re.findall(r"\w+", query)


def _named(value: str, *columns) -> ColumnElement[bool]:
    """Equal ignoring case, by the database's own lower() on both sides (SQLite folds ASCII
    letters only, PostgreSQL all), so the index on lower(column) serves the query."""
    wanted = func.lower(literal(value.strip()))
    return or_(*(func.lower(column) == wanted for column in columns))


def event_conditions(f: Filters) -> list[ColumnElement[bool]]:
    conditions = []
    if f.actor:
        conditions.append(_named(f.actor, events.c.actor_name, events.c.actor_text))
    if f.target:
        conditions.append(_named(f.target, events.c.target_name, events.c.target_text))
    if f.country:
        conditions.append(or_(events.c.actor_country == f.country,
                              events.c.target_country == f.country))
    if f.type:
        conditions.append(events.c.type == f.type)
    if f.place:
        conditions.append(_named(f.place, events.c.place_name, events.c.place_text))
    if f.claimant:
        conditions.append(_named(f.claimant, events.c.source_name, events.c.source_text))
    if f.since:
        conditions.append(events.c.date_start >= f.since)
    if f.until:
        conditions.append(events.c.date_start <= f.until)
    return conditions


def claim_conditions(f: Filters) -> list[ColumnElement[bool]]:
    conditions = []
    if f.claimant:
        conditions.append(_named(f.claimant, claims.c.claimant_name, claims.c.claimant_text))
    if f.country:
        conditions.append(claims.c.claimant_country == f.country)
    if f.measure:
        conditions.append(claims.c.measure == f.measure.strip())
    if f.stance:
        conditions.append(claims.c.stance == f.stance)
    return conditions


def article_conditions(f: Filters, dialect: str, *, dated: bool = True) -> list[ColumnElement[bool]]:
    """Conditions on the article itself; `dated` applies since/until to its publication date."""
    conditions = []
    if f.outlet:
        conditions.append(_named(f.outlet, articles.c.outlet))
    if f.text:
        conditions.append(_full_text(f.text, dialect))
    if dated and f.since:
        conditions.append(articles.c.published >= f.since)
    if dated and f.until:
        conditions.append(articles.c.published <= f.until)
    return conditions


def _full_text(query: str, dialect: str) -> ColumnElement[bool]:
    words = _words(query)
    if dialect == "sqlite":
        phrase = " ".join('"' + word + '"' for word in words)  # quoted: FTS5 syntax is inert
        matching: Select[tuple[int]] = select(literal_column("rowid")).select_from(text("article_search")).where(
            literal_column("article_search").op("MATCH")(phrase))
        return articles.c.id.in_(matching)
    return literal_column("articles.search_vector").op("@@")(
        func.plainto_tsquery("english", " ".join(words)))


def needs_article(kind: str, f: Filters) -> bool:
    """Whether rows of `kind` must be joined to their article to apply these filters."""
    dated = kind == "claims" and (f.since or f.until)
    return kind != "articles" and bool(f.outlet or f.text or dated)


def conditions_for(kind: str, f: Filters, dialect: str) -> list[ColumnElement[bool]]:
    """Every condition for rows of `kind`, on the row's own table joined to its article."""
    if kind == "events":
        return event_conditions(f) + article_conditions(f, dialect, dated=False)
    if kind == "claims":
        return claim_conditions(f) + article_conditions(f, dialect)
    about_events = event_conditions(Filters(**{**_as_dict(f), "claimant": None,
                                               "since": None, "until": None}))
    about_claims = claim_conditions(Filters(claimant=f.claimant, measure=f.measure, stance=f.stance))
    conditions = article_conditions(f, dialect)
    # IN (the matching rows' article ids), not a correlated EXISTS: the database finds the few
    # matching events on the filter's own index once, instead of probing every article's events
    if about_events:
        conditions.append(articles.c.id.in_(select(events.c.article_id).where(*about_events)))
    if about_claims:
        conditions.append(articles.c.id.in_(select(claims.c.article_id).where(*about_claims)))
    return conditions


def _as_dict(f: Filters) -> dict[str, Any]:
    return {name: getattr(f, name) for name in FILTER_NAMES}

