"""Ingest sources -> articles: files, directories (recursive), standard input, feeds, URLs.

A source that cannot be read, or a bad line in a JSONL file, goes to `on_skip` as a ReadError
naming the file (and line) and is skipped; the articles around it are still read.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional

from ..article_input import ArticleInput
from ..read import STDIN, ReadError, read
from .feeds import FETCH_TIMEOUT, feed_file_articles, is_feed_file, is_url, url_articles

# what a directory contributes: the formats `read` knows by extension
INGESTED_SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".ndjson")
_JSONL_SUFFIXES = (".jsonl", ".ndjson")

SkipHandler = Callable[[ReadError], None]


def expand(sources: Iterable[str]) -> Iterator[str]:
    """Each source as given, with directories replaced by their ingestible files (sorted)."""
    for source in sources:
        path = Path(source)
        if source != STDIN and not is_url(source) and path.is_dir():
            yield from sorted(str(found) for found in path.rglob("*")
                              if found.is_file() and found.suffix.lower() in INGESTED_SUFFIXES)
        else:
            yield source


def articles_from(sources: Iterable[str], *, max_bytes: int, on_skip: SkipHandler,
                  timeout: float = FETCH_TIMEOUT) -> Iterator[ArticleInput]:
    """Every article in the sources, in order; unreadable inputs, lines and feed items go to
    `on_skip`. URLs are fetched (a feed, or one page); feed files are read as feeds."""
    for source in expand(sources):
        try:
            if is_url(source):
                yield from url_articles(source, max_bytes=max_bytes, timeout=timeout,
                                        on_skip=on_skip)
            elif source != STDIN and is_feed_file(source):
                yield from feed_file_articles(source, max_bytes=max_bytes, timeout=timeout,
                                              on_skip=on_skip)
            else:
                yield from read(source, max_bytes=max_bytes, on_skip=on_skip).articles
        except ReadError as exc:
            on_skip(exc)


def expected_count(sources: Iterable[str]) -> Optional[int]:
    """How many articles the sources hold, counted cheaply (a JSONL file's lines), for a
    progress bar's ETA; None when a source is a stream whose size cannot be known."""
    total = 0
    for source in expand(sources):
        path = Path(source)
        if source == STDIN or is_url(source) or is_feed_file(source):
            return None
        if not path.is_file():
            continue  # reported when it is read
        if path.suffix.lower() in _JSONL_SUFFIXES:
            total += _lines(path)
        else:
            total += 1
    return total


def _lines(path: Path) -> int:
    count = 0
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            count += block.count(b"\n")
    return count
