"""A store for the web tests, filled from the test articles in tests/web_articles/ (invented
articles: five wire stories from four countries and one hostile page whose title, outlet and text
carry markup and script), once per test session."""
from __future__ import annotations

import json
import shutil
import tempfile
from datetime import date
from functools import lru_cache
from pathlib import Path

ARTICLES = Path(__file__).resolve().parent / "web_articles"
HOSTILE_TITLE = "<script>window.pwned = 1</script> Shelling in Donetsk"


@lru_cache(maxsize=None)
def filled_store() -> Path:
    """The SQLite file of a store holding every test article (built once, then only read)."""
    from newsledger import ArticleInput, analyze_many
    from newsledger.store import Store

    folder = Path(tempfile.mkdtemp(prefix="newsledger-web-"))
    items = []
    for path in sorted(ARTICLES.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            record["published"] = date.fromisoformat(record["published"])
            items.append(ArticleInput(**record))
    with Store(f"sqlite:///{folder / 'web.db'}") as store:
        store.add(list(analyze_many(items)), analyzer_version="test", model="default")
    return folder / "web.db"


def store_copy(tmp: Path) -> str:
    """A private copy of the filled store (for tests that write), as a store URL."""
    target = tmp / "copy.db"
    shutil.copyfile(filled_store(), target)
    return f"sqlite:///{target}"
