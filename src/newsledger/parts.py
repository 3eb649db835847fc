"""Long texts analyzed in parts: cut at paragraph or sentence ends, ledgers joined back.

spaCy refuses texts over its `max_length` (1,000,000 characters) and its parser and tagger
take a few kilobytes per character while a Doc lives, so a transcript of several megabytes is
analyzed as a run of parts of at most `PART_CHARS` characters, one at a time. Each part's
ledger points into the part; `join` shifts every span back into the whole text and renumbers
events and claims so that ids stay unique. Texts up to `PART_CHARS` are one part, analyzed
exactly as before.
"""
from __future__ import annotations

import dataclasses
import re
from typing import Any, Iterator, Sequence

from .ledger import Claim, Content, Cue, Event, Ledger, Span

PART_CHARS = 100_000

# Where a part may end, best first: a blank line, a line end, a sentence end, any space.
_CUTS = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"[.!?][\"'\u201d\u2019)]*\s"),
         re.compile(r"\s"))


def parts(text: str, limit: int = PART_CHARS) -> Iterator[tuple[int, str]]:
    """(offset, part) pairs covering `text` in order, each part at most `limit` characters."""
    start = 0
    while len(text) - start > limit:
        end = _cut(text, start, start + limit)
        yield start, text[start:end]
        start = end
    yield start, text[start:]


def _cut(text: str, start: int, hard_end: int) -> int:
    """The end of the last good break inside text[start:hard_end], past its first half."""
    floor = start + (hard_end - start) // 2
    window = text[floor:hard_end]
    for cut in _CUTS:
        last = None
        for last in cut.finditer(window):
            pass
        if last is not None:
            return floor + last.end()
    return hard_end  # one unbroken run of characters: cut anywhere


def join(text: str, pieces: list[tuple[int, Ledger]]) -> Ledger:
    """One ledger for the whole text from its parts' ledgers (offset, ledger), in text order."""
    article = dataclasses.replace(pieces[0][1].article, id=pieces[0][1].article.id_for(text))
    whole = Ledger(text=text, article=article)
    for offset, piece in pieces:
        _shift(piece, offset)
        whole.events.extend(piece.events)
        whole.claims.extend(piece.claims)
        whole.entities.extend(piece.entities)
        whole.dates.extend(piece.dates)
        whole.quantities.extend(piece.quantities)
    _renumber(whole.events, "ev")
    _renumber(whole.claims, "cl")
    return whole


def _renumber(records: Sequence[Event | Claim], prefix: str) -> None:
    for number, record in enumerate(records, 1):
        record.id = f"{prefix}{number}"


_OFFSET_RECORDS = (Span, Cue, Content)


def _shift(value: Any, offset: int, seen: set[int] | None = None) -> None:
    """Move every character offset inside `value` (a ledger or any record in it) by `offset`,
    each record once: records share Span objects (an event's and a quantity's, say)."""
    seen = set() if seen is None else seen
    if id(value) in seen:
        return
    seen.add(id(value))
    if isinstance(value, _OFFSET_RECORDS):
        value.start += offset
        value.end += offset
    if dataclasses.is_dataclass(value):
        for field in dataclasses.fields(value):
            if field.name != "text":
                _shift(getattr(value, field.name), offset, seen)
    elif isinstance(value, list):
        for item in value:
            _shift(item, offset, seen)
