"""Readers: files, stdin, HTML pages and JSONL batches -> `ArticleInput`s for the analyzer.

Each reader returns the text exactly as it will be analyzed, so ledger offsets point into it:
decoded, byte-order mark dropped, line ends made "\\n"; nothing else changes (NBSP and curly
quotes stay, the pipeline normalizes a same-length twin). Every user-facing failure is a
`ReadError` whose message names the input, ready to print as one line.
"""
from __future__ import annotations

import codecs
import io
import json
import os
import re
import sys
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO, Callable, Iterator, Optional

from .article_input import ArticleInput
from .config import DEFAULT_MAX_BYTES

FORMATS = ("text", "html", "jsonl")
STDIN = "-"
STDIN_NAME = "<stdin>"

_EXTENSIONS = {
    ".txt": "text", ".text": "text", ".md": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
}
_BOMS = (  # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
_SNIFF_BYTES = 4096
_JSON_OBJECT_START = re.compile(rb'\{\s*(\}|"[^"\n]{1,100}"\s*:)')
_PRINTABLE_CONTROLS = set("\n\r\t\f\v")


class ReadError(ValueError):
    """An input that cannot be analyzed; str() is one line naming the input."""

    def __init__(self, name: str, problem: str):
        super().__init__(f"{name}: {problem}")
        self.name = name
        self.problem = problem


@dataclass
class Reading:
    """An opened input: its detected format and the articles it holds (streamed for JSONL)."""
    name: str
    format: str
    articles: Iterator[ArticleInput]


def read(source: str | os.PathLike, *, format: Optional[str] = None,
         max_bytes: int = DEFAULT_MAX_BYTES,
         on_skip: Optional[Callable[[ReadError], None]] = None) -> Reading:
    """Open a path (or "-" for stdin), detect its format and read its articles.

    Text and HTML inputs are read at once and must fit `max_bytes`; JSONL is streamed line by
    line, each line must fit `max_bytes`, and a bad line goes to `on_skip` (default: raise).
    """
    name = STDIN_NAME if str(source) == STDIN else str(source)
    if format not in (None,) + FORMATS:
        raise ReadError(name, f"unknown input format {format!r} (known: {', '.join(FORMATS)})")
    stream = _open(str(source), name)
    fmt = format or detect_format(name, stream.peek(_SNIFF_BYTES)[:_SNIFF_BYTES])
    if fmt == "jsonl":
        return Reading(name, fmt, _jsonl_articles(stream, name, max_bytes, on_skip))
    with stream:
        data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ReadError(name, f"input is over the {max_bytes:,}-byte limit (raise it with --max-bytes)")
    text = decode(data, name)
    article = article_from_html(text, name) if fmt == "html" else article_from_text(text, name)
    return Reading(name, fmt, iter([article]))


def _open(source: str, name: str) -> io.BufferedReader:
    if source == STDIN:
        if sys.stdin is None:
            raise ReadError(name, "no standard input")
        stdin = sys.stdin.buffer
        if isinstance(stdin, io.BufferedReader):
            return stdin
        if isinstance(stdin, io.BufferedIOBase):  # a byte buffer put in its place (a test runner)
            return io.BufferedReader(stdin)
        raise ReadError(name, "standard input is not a byte stream")
    path = Path(source)
    if not path.exists():
        raise ReadError(name, "no such file")
    if path.is_dir():
        raise ReadError(name, "is a directory, not a file")
    try:
        return io.BufferedReader(io.FileIO(path, "r"), buffer_size=_SNIFF_BYTES * 2)
    except OSError as exc:
        raise ReadError(name, f"cannot read ({exc.strerror or exc})") from exc


def detect_format(name: str, head: bytes) -> str:
    """By extension when it says, else by the first bytes: a JSON object line, markup, or text."""
    by_extension = _EXTENSIONS.get(Path(name).suffix.lower())
    if by_extension:
        return by_extension
    start = head.lstrip(codecs.BOM_UTF8).lstrip()
    if _JSON_OBJECT_START.match(start):  # the first line may be longer than the head
        return "jsonl"
    lowered = start[:1024].lower()
    if lowered.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in lowered:
        return "html"
    return "text"


def decode(data: bytes, name: str) -> str:
    """Bytes in any common encoding -> text; binary data is refused, not guessed at."""
    encoding = next((enc for bom, enc in _BOMS if data.startswith(bom)), None)
    if encoding is None:
        if b"\x00" not in data:  # NULs: UTF-16/32 without a mark, or binary
            try:
                return _tidy(data.decode("utf-8"), name)
            except UnicodeDecodeError:
                pass
        encoding = _guess_encoding(data)
    if encoding is None:
        raise ReadError(name, "binary input, not text")
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise ReadError(name, f"cannot decode as {encoding}") from exc
    return _tidy(text, name)


def _guess_encoding(data: bytes) -> Optional[str]:
    """charset-normalizer's pick, except that cp1252 wins a tie: on short English text the
    detector cannot tell Western from Central or Baltic code pages, and Western is the usual one."""
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        return None
    for match in matches:
        if "cp1252" in match.could_be_from_charset and match.chaos <= best.chaos:
            return "cp1252"
    return best.encoding


def _tidy(text: str, name: str) -> str:
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    controls = sum(1 for ch in text if ch < " " and ch not in _PRINTABLE_CONTROLS)
    if "\x00" in text or controls > 2 + len(text) // 100:  # a stray escape is not binary
        raise ReadError(name, "binary input, not text")
    return text


def article_from_text(text: str, name: str) -> ArticleInput:
    if not text.strip():
        raise ReadError(name, "empty input")
    return ArticleInput(text=text, origin=name)


def article_from_html(html: str, name: str) -> ArticleInput:
    """Main text via trafilatura (all the page's text when it finds no article body, as in a
    bare fragment); title, URL, site name and date from the page's metadata only."""
    import trafilatura
    from trafilatura.settings import Document

    if not html.strip():
        raise ReadError(name, "empty input")
    try:
        found = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                            include_tables=False, favor_recall=True,
                                            date_extraction_params=_METADATA_DATE_ONLY)
        page = found if isinstance(found, Document) else None  # a dict only when as_dict=True
        text = (page.text or "") if page is not None else ""
        if not text.strip():  # a fragment ("<p>...</p>") has no body for html2txt to read
            page_html = html if "<body" in html.lower() else f"<html><body>{html}</body></html>"
            text = trafilatura.html2txt(page_html) or ""
    except (ValueError, TypeError) as exc:  # lxml's refusals of unparseable markup
        raise ReadError(name, f"malformed HTML ({exc})") from exc
    if not any(ch.isalnum() for ch in text):
        raise ReadError(name, "no article text found in the HTML")
    published = _metadata_date(page.date if page is not None else None, html)
    return ArticleInput(text=text, title=page and page.title or None, url=page and page.url or None,
                        outlet=page and page.sitename or None, published=published, origin=name,
                        published_source="metadata" if published else None)


# htmldate's search of the page body guesses a publication date from any date in the text (the
# day an offensive began, a copyright year), and every relative date would move with it: only
# the page's date tags are read.
_METADATA_DATE_ONLY = {"original_date": True, "extensive_search": False}
_ISO_DAY = re.compile(r"\b(\d{4})-(\d\d)-(\d\d)")


def _metadata_date(found: Optional[str], html: str) -> Optional[date]:
    """The page's date, unless the page's own ISO dates of that month say otherwise: htmldate
    turns an impossible "2024-02-30" into 2024-02-01, an invented date."""
    if not found:
        return None
    try:
        day = parse_published(found)
    except ValueError:
        return None
    month = (f"{day.year:04d}", f"{day.month:02d}")
    written = {m.group(3) for m in _ISO_DAY.finditer(html) if (m.group(1), m.group(2)) == month}
    if written and f"{day.day:02d}" not in written:
        return None
    return day


def parse_published(value: str) -> date:
    """A publication date from YYYY-MM-DD or a full ISO 8601 timestamp (the day is kept)."""
    value = value.strip()
    try:
        return date.fromisoformat(value)
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(value).date()
    except ValueError:
        raise ValueError(f"invalid date {value!r} (expected YYYY-MM-DD)") from None


_RECORD_FIELDS = ("text", "html", "title", "url", "outlet", "published")


def _jsonl_articles(stream: BinaryIO, name: str, max_bytes: int,
                    on_skip: Optional[Callable[[ReadError], None]]) -> Iterator[ArticleInput]:
    with stream:
        for number, raw in enumerate(stream, start=1):
            where = f"{name}:{number}"
            if not raw.strip():
                continue
            try:
                if len(raw) > max_bytes:
                    raise ReadError(where, f"line is over the {max_bytes:,}-byte limit (raise it with --max-bytes)")
                yield article_from_record(raw, where)
            except ReadError as exc:
                if on_skip is None:
                    raise
                on_skip(exc)


def article_from_record(raw: bytes | str, where: str) -> ArticleInput:
    """One JSONL line: an object with `text` or `html`, and optionally title/url/outlet/published."""
    try:
        record = json.loads((raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw).rstrip())
    except UnicodeDecodeError:
        raise ReadError(where, "not UTF-8") from None
    except json.JSONDecodeError as exc:
        raise ReadError(where, f"malformed JSON ({exc.msg} at column {exc.colno})") from None
    except ValueError as exc:  # valid syntax Python refuses: an integer over its digit limit
        raise ReadError(where, f"malformed JSON ({exc})") from None
    if not isinstance(record, dict):
        raise ReadError(where, "expected a JSON object")
    for key in _RECORD_FIELDS:
        if record.get(key) is not None and not isinstance(record[key], str):
            raise ReadError(where, f"{key!r} must be a string")
    if record.get("text") is not None:
        article = article_from_text(_tidy(record["text"], where), where)
    elif record.get("html") is not None:
        article = article_from_html(record["html"], where)
    else:
        raise ReadError(where, "needs a 'text' or 'html' field")
    for key in ("title", "url", "outlet"):
        if record.get(key):
            setattr(article, key, record[key])
    if record.get("published"):
        try:
            article.published, article.published_source = parse_published(record["published"]), None
        except ValueError as exc:
            raise ReadError(where, f"'published': {exc}") from None
    return article
