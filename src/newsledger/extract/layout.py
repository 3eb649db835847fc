"""Article layout the claims stage must know about: headline lines and wire datelines.

The paragraph component already makes a headline its own sentence; here a sentence is a
headline when it fills a whole line, stops without end punctuation and body text follows.
A dateline ("KHARTOUM, May 14 —", "GAZA CITY (Reuters) -") opens the first sentence of a
wire report; it says where the report was filed, and is no part of any claim.
"""
from __future__ import annotations

from spacy.tokens import Doc

from .drafts import TokenRange

END_MARKS = frozenset(".!?")
DASHES = frozenset({"—", "–", "-", "--", "―"})
DATELINE_MAX_TOKENS = 12


def headlines(doc: Doc, sentences: list[TokenRange]) -> set[TokenRange]:
    """Sentences that are headline or crosshead lines."""
    out = set()
    for start, end in sentences[:-1]:
        last = end - 1
        while last > start and doc[last].is_space:
            last -= 1
        if doc[last].text in END_MARKS or doc[last].is_quote and doc[last - 1].text in END_MARKS:
            continue  # most sentences end here, before any further look
        words = [t for t in doc[start:last + 1] if not t.is_space]
        if len(words) < 3 or not (_line_starts_at(doc, words[0].i) and _line_ends_at(doc, last)):
            continue
        if any(not t.is_space for t in doc[end: sentences[-1][1]]):
            out.add((start, end))
    return out


def _line_starts_at(doc: Doc, i: int) -> bool:
    return i == 0 or "\n" in doc[i - 1].whitespace_ or (doc[i - 1].is_space and "\n" in doc[i - 1].text)


def _line_ends_at(doc: Doc, i: int) -> bool:
    return i + 1 >= len(doc) or "\n" in doc[i].whitespace_ or (doc[i + 1].is_space and "\n" in doc[i + 1].text)


def dateline_end(doc: Doc, start: int, end: int) -> int:
    """The first token after a dateline opening the sentence at `start`, or `start` when
    there is none: a place in capitals, then only capitalised words, numbers and
    punctuation up to a dash."""
    first = doc[start] if start < end else None
    if first is None or not (first.is_upper and len(first.text) > 1):
        return start
    for tok in doc[start: min(end, start + DATELINE_MAX_TOKENS)]:
        if tok.text in DASHES and tok.i > start:
            after = tok.i + 1
            while after < end and doc[after].is_space:
                after += 1
            return after  # the parser may have made the dateline a sentence of its own
        if tok.is_alpha and tok.is_lower:
            return start  # a place, a date and an agency are all capitalised
    return start
