"""RSS and Atom feeds, given as a file or a URL, and pages fetched by URL.

Each feed item becomes an article: its own content when the feed carries it (Atom content,
RSS content:encoded), otherwise the page its link points to, fetched with a timeout and a size
limit, otherwise its summary. The item's title, link and date and the feed's title (as the
outlet) fill in what the text lacks. A URL that turns out to be a page, not a feed, is
ingested as that one article. An item or page that cannot be had is reported and skipped.
"""
from __future__ import annotations

import socket
import urllib.error
import urllib.request
from datetime import date
from pathlib import Path
from typing import Any, Callable, Iterator, Optional

from ..article_input import ArticleInput
from ..read import ReadError, article_from_html, article_from_text, decode

FETCH_TIMEOUT = 20.0  # seconds, for a feed or a page
FEED_SUFFIXES = (".rss", ".atom", ".xml")
_FEED_MARKS = (b"<rss", b"<feed", b"<rdf:rdf")
_USER_AGENT = "newsledger (+https://pypi.org/project/newsledger/)"

SkipHandler = Callable[[ReadError], None]


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def is_feed_file(source: str) -> bool:
    """A feed file: by extension, or by an RSS/Atom root element near the start."""
    path = Path(source)
    if not path.is_file():
        return False
    if path.suffix.lower() in FEED_SUFFIXES:
        return True
    with open(path, "rb") as fh:
        head = fh.read(2048).lower()
    return head.lstrip().startswith(b"<?xml") and any(mark in head for mark in _FEED_MARKS)


def fetch(url: str, *, max_bytes: int, timeout: float = FETCH_TIMEOUT) -> bytes:
    """The body at `url`, refused past `max_bytes`; every failure is a ReadError naming the URL."""
    request = urllib.request.Request(url, headers={"User-Agent": _USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data = response.read(max_bytes + 1)
    except urllib.error.HTTPError as exc:
        raise ReadError(url, f"cannot fetch (HTTP {exc.code} {exc.reason})") from None
    except urllib.error.URLError as exc:
        raise ReadError(url, f"cannot fetch ({_reason(exc.reason, timeout)})") from None
    except (OSError, ValueError) as exc:
        raise ReadError(url, f"cannot fetch ({_reason(exc, timeout)})") from None
    if len(data) > max_bytes:
        raise ReadError(url, f"page is over the {max_bytes:,}-byte limit (raise it with --max-bytes)")
    return data


def _reason(reason: Any, timeout: float) -> str:
    if isinstance(reason, (socket.timeout, TimeoutError)):
        return f"no answer within {timeout:g} s"
    return " ".join(str(reason).split()) or type(reason).__name__


def url_articles(url: str, *, max_bytes: int, timeout: float,
                 on_skip: SkipHandler) -> Iterator[ArticleInput]:
    """A URL's articles: a feed's items, or the page itself."""
    data = fetch(url, max_bytes=max_bytes, timeout=timeout)
    parsed = _parse_feed(data)
    if parsed is None:
        article = article_from_html(decode(data, url), url)
        article.url = article.url or url
        yield article
        return
    yield from _items(parsed, url, max_bytes=max_bytes, timeout=timeout, on_skip=on_skip)


def feed_file_articles(path: str, *, max_bytes: int, timeout: float,
                       on_skip: SkipHandler) -> Iterator[ArticleInput]:
    data = Path(path).read_bytes()
    parsed = _parse_feed(data)
    if parsed is None:
        raise ReadError(path, "not an RSS or Atom feed")
    yield from _items(parsed, path, max_bytes=max_bytes, timeout=timeout, on_skip=on_skip)


def _parse_feed(data: bytes):
    import feedparser

    parsed = feedparser.parse(data)
    if not parsed.get("version") and not parsed.entries:
        return None
    return parsed


def _items(parsed, name: str, *, max_bytes: int, timeout: float,
           on_skip: SkipHandler) -> Iterator[ArticleInput]:
    outlet = parsed.feed.get("title") or None
    for number, entry in enumerate(parsed.entries, start=1):
        where = f"{name}: item {number}"
        try:
            article = _item_article(entry, where, max_bytes=max_bytes, timeout=timeout)
        except ReadError as exc:
            on_skip(ReadError(where, exc.problem if exc.name == where else str(exc)))
            continue
        article.title = entry.get("title") or article.title
        article.url = entry.get("link") or article.url
        article.outlet = article.outlet or outlet
        article.published = _entry_date(entry) or article.published
        yield article


def _item_article(entry, where: str, *, max_bytes: int, timeout: float) -> ArticleInput:
    content = entry.get("content") or []
    if content and content[0].get("value", "").strip():
        return _from_fragment(content[0], where)
    if entry.get("link"):
        link = entry["link"]
        article = article_from_html(decode(fetch(link, max_bytes=max_bytes, timeout=timeout), link), link)
        article.origin = where
        return article
    if entry.get("summary", "").strip():
        return _from_fragment(entry.get("summary_detail") or {"value": entry["summary"]}, where)
    raise ReadError(where, "has no content, link or summary")


def _from_fragment(detail: dict, where: str) -> ArticleInput:
    """An item's own text: HTML content through trafilatura (text content as it is)."""
    value = detail.get("value", "")
    if "html" not in detail.get("type", "text/html"):
        return article_from_text(value.strip(), where)
    import trafilatura

    text = trafilatura.extract(f"<html><body><article>{value}</article></body></html>",
                               favor_recall=True, include_comments=False, include_tables=False)
    return article_from_text((text or "").strip(), where)


def _entry_date(entry) -> Optional[date]:
    moment = entry.get("published_parsed") or entry.get("updated_parsed")
    return date(moment.tm_year, moment.tm_mon, moment.tm_mday) if moment else None
