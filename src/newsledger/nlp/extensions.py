"""Custom attributes our components leave on the Doc for later stages to read."""
from bisect import bisect_left, bisect_right

from spacy.tokens import Doc, Span

for _name, _default in (
    ("source_text", None),  # the analyzed text as given (the Doc holds its normalized twin)
    ("published", None),   # datetime.date of publication, set before the pipeline runs
    ("dates", None),       # list[ledger.DateMention]
    ("quantities", None),  # list[ledger.Quantity]
    ("datelines", None),   # list[(first token, dash token)] of wire datelines, dash included
    ("headlines", None),   # list[(start, end)] token ranges of headline and crosshead lines
):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


_SOURCE_KEY = "newsledger.source_text"
_DATELINE_TOKENS_KEY = "newsledger.dateline_tokens"


def original(doc: Doc, start: int, end: int) -> str:
    """The article's own words at these offsets (curly quotes and NBSP intact)."""
    return source_of(doc)[start:end]


def source_of(doc: Doc) -> str:
    """The article's text as given, read once per Doc (every `doc._` access builds a new
    accessor object, and extraction asks thousands of times)."""
    source = doc.user_data.get(_SOURCE_KEY)
    if source is None:
        source = doc.user_data[_SOURCE_KEY] = doc._.source_text if doc._.source_text is not None else doc.text
    return source


def dateline_tokens(doc: Doc) -> frozenset[int]:
    """The token indices inside wire datelines (doc._.datelines, dash included), as one set."""
    tokens = doc.user_data.get(_DATELINE_TOKENS_KEY)
    if tokens is None:
        tokens = doc.user_data[_DATELINE_TOKENS_KEY] = frozenset(
            i for first, dash in doc._.datelines or () for i in range(first, dash + 1))
    return tokens


_OFFSETS_KEY = "newsledger.token_offsets"


def covering_span(doc: Doc, start: int, end: int):
    """The tokens that overlap [start, end), like `doc.char_span(..., alignment_mode="expand")`,
    found by bisection over offsets read once per Doc (char_span scans the whole Doc each call,
    and extraction asks thousands of times per article)."""
    offsets = doc.user_data.get(_OFFSETS_KEY)
    if offsets is None:
        starts = [t.idx for t in doc]
        ends = [t.idx + len(t) for t in doc]
        offsets = doc.user_data[_OFFSETS_KEY] = (starts, ends)
    starts, ends = offsets
    first = bisect_right(ends, start)  # the first token ending after start
    last = bisect_left(starts, end)    # tokens before this one start before end
    if first >= last:
        return None
    return Span(doc, first, last)  # not doc[first:last], which normalizes the slice in Python
