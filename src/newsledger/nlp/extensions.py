"""Custom attributes our components leave on the Doc for later stages to read."""
from bisect import bisect_left, bisect_right

from spacy.tokens import Doc

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


def original(doc: Doc, start: int, end: int) -> str:
    """The article's own words at these offsets (curly quotes and NBSP intact)."""
    source = doc._.source_text
    return (source if source is not None else doc.text)[start:end]


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
    return doc[first:last]
