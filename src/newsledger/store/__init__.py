"""The store: ledgers of many articles in SQLite or PostgreSQL, and queries over them.

    from newsledger.store import Store
    store = Store(url="sqlite:///newsledger.db")     # or "postgresql://..."; creates/migrates
    store.add(ledgers, analyzer_version=..., model=...)  # -> AddResult(new, existing)
    store.events(country="UKR", since="2024-03-01")      # -> Iterator[EventRow]

Importing it does not load spaCy: querying a store is quick.
"""
from .filters import FILTER_NAMES, KINDS, FilterError
from .rows import ArticleRow, ClaimRow, EventRow
from .store import DEFAULT_URL, AddResult, Store, StoreError
from .writing import fingerprint, fingerprint_of

__all__ = ["Store", "StoreError", "AddResult", "ArticleRow", "EventRow", "ClaimRow", "FilterError",
           "FILTER_NAMES", "KINDS", "DEFAULT_URL", "fingerprint", "fingerprint_of"]
