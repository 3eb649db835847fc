"""newsledger: news and opinion articles about conflict -> an auditable ledger of events and claims.

`analyze` and `analyze_many` load the analyzer (and spaCy) on first use, so that reading a ledger
(`load`, `newsledger.ledger`, `newsledger.report`) stays light."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .article_input import ArticleInput
from .ledger import Ledger

if TYPE_CHECKING:
    from .pipeline import analyze, analyze_many
    from .store import Store

__all__ = ["Ledger", "ArticleInput", "analyze", "analyze_many", "load", "Store"]
__version__ = "0.1.0"
_ANALYZER = ("analyze", "analyze_many")


def load(path) -> Ledger:
    """Read a ledger JSON file written by `newsledger analyze`."""
    with open(path, encoding="utf-8") as fh:
        return Ledger.from_json(fh.read())


def __getattr__(name: str) -> Any:
    if name in _ANALYZER:
        from . import pipeline
        return getattr(pipeline, name)
    if name == "Store":  # the store imports without spaCy, but needs SQLAlchemy
        from .store import Store
        return Store
    raise AttributeError(f"module 'newsledger' has no attribute {name!r}")
