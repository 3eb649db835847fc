"""A store for the web tests, filled from the test articles in tests/web_articles/ (invented
articles: five wire stories from four countries and one hostile page whose title, outlet and text
carry markup and script), once per test session."""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from functools import lru_cache
from pathlib import Path

ARTICLES = Path(__file__).resolve().parent / "web_articles"
HOSTILE_TITLE = "<script>window.pwned = 1</script> Shelling in Donetsk"


@lru_cache(maxsize=None)
def filled_store() -> Path:
    """The SQLite file of a store that `newsledger ingest` filled with every test article (built
    once per session, then only read)."""
    database = Path(tempfile.mkdtemp(prefix="newsledger-web-")) / "web.db"
    command = [str(Path(sys.executable).parent / "newsledger"), "ingest", str(ARTICLES),
               "--db", f"sqlite:///{database}", "--workers", "1"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    return database


def store_copy(tmp: Path) -> str:
    """A private copy of the filled store (for tests that write), as a store URL."""
    target = tmp / "copy.db"
    shutil.copyfile(filled_store(), target)
    return f"sqlite:///{target}"
