"""Which ledgers an export of a store writes, given the filters of the query verbs.

The per-event formats write exactly the events the filters match (as `newsledger events` lists
them): each article's ledger is read once and keeps only its matching events. The ledger formats
write the whole ledger of every article with a matching event. Only the store's public reading
methods are used, so this module does not import the store.
"""
from __future__ import annotations

import dataclasses
import itertools
from contextlib import closing, contextmanager
from typing import Any, Generator, Iterable, Iterator, Protocol

from ..ledger import Ledger

# Filters on the article alone: every event of a matching article matches them, so an export can
# read the matching ledgers whole instead of looking each one up from its events (ten times faster).
WHOLE_ARTICLE_FILTERS = frozenset({"outlet", "text"})


class StoredEvent(Protocol):
    article_id: Any
    event_id: str


class LedgerSource(Protocol):
    def events(self, **filters: Any) -> Generator[StoredEvent, None, None]: ...
    def ledgers_by_id(self, article_ids: Iterable[Any]) -> dict[Any, Ledger]: ...
    def ledgers(self, **filters: Any) -> Generator[Ledger, None, None]: ...


ARTICLES_PER_QUERY = 200  # ledgers read in one query while an export walks the matching events


def _keeping(ledger: Ledger, event_ids: set[str]) -> Ledger:
    return dataclasses.replace(ledger, events=[e for e in ledger.events if e.id in event_ids])


def _runs(rows: Iterable[StoredEvent], size: int) -> Iterator[list[tuple[Any, set[str]]]]:
    """The events' articles in order, each with its matching event ids (one entry per run of
    consecutive rows of one article), `size` articles at a time."""
    chunk: list[tuple[Any, set[str]]] = []
    for row in rows:
        if not chunk or chunk[-1][0] != row.article_id:
            if len(chunk) == size:
                yield chunk
                chunk = []
            chunk.append((row.article_id, set()))
        chunk[-1][1].add(row.event_id)
    if chunk:
        yield chunk


def matching_events(store: LedgerSource, *, articles_per_query: int = ARTICLES_PER_QUERY,
                    **filters: Any) -> Generator[Ledger, None, None]:
    """Ledgers holding only the events that match, in the store's order of events; the ledgers
    are read `articles_per_query` at a time, not one query per article."""
    with closing(store.events(**filters)) as rows:
        for chunk in _runs(rows, articles_per_query):
            found = store.ledgers_by_id(article_id for article_id, _ in chunk)
            for article_id, event_ids in chunk:
                yield _keeping(found[article_id], event_ids)


@contextmanager
def selected(store: LedgerSource, records: str, **filters: Any) -> Iterator[Iterator[Ledger]]:
    """What a format that writes `records` ('events' or 'ledgers') takes from the store.

    The first ledger is read on entry, so a bad filter or an unreachable store is reported before
    anything is written; on exit the store's query is closed, however far it was read.
    """
    given = {name for name, value in filters.items() if value is not None}
    whole = records == "ledgers" or given <= WHOLE_ARTICLE_FILTERS
    chosen = store.ledgers(**filters) if whole else matching_events(store, **filters)
    with closing(chosen):
        first = next(chosen, None)
        yield iter(()) if first is None else itertools.chain([first], chosen)
