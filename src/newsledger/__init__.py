"""newsledger: news and opinion articles about conflict -> an auditable ledger of events and claims."""
from .ledger import Ledger
from .pipeline import ArticleInput, analyze, analyze_many

__all__ = ["Ledger", "ArticleInput", "analyze", "analyze_many", "load"]
__version__ = "0.1.0"


def load(path) -> Ledger:
    """Read a ledger JSON file written by `newsledger analyze`."""
    with open(path, encoding="utf-8") as fh:
        return Ledger.from_json(fh.read())
