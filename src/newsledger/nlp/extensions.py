"""Custom attributes our components leave on the Doc for later stages to read."""
from bisect import bisect_left, bisect_right

from spacy.tokens import Doc
from spacy.tokens import Span as TokenSpan

from .doc_index import index_of

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
    return index_of(doc).source[start:end]


def source_of(doc: Doc) -> str:
    """The article's text as given."""
    return index_of(doc).source


def dateline_tokens(doc: Doc) -> frozenset[int]:
    """The token indices inside wire datelines (doc._.datelines, dash included), as one set."""
    return index_of(doc).dateline_tokens


_UNSEEN = object()


def covering_span(doc: Doc, start: int, end: int):
    """The tokens that overlap [start, end), like `doc.char_span(..., alignment_mode="expand")`,
    found by bisection over the token offsets (char_span scans the whole Doc each call, and
    extraction asks thousands of times per article). Kept per Doc and offsets: resolution, events
    and figures ask for the same words again and again."""
    index = index_of(doc)
    key = (start, end)
    found = index.covering.get(key, _UNSEEN)
    if found is not _UNSEEN:
        return found
    starts, ends = index.token_offsets
    first = bisect_right(ends, start)  # the first token ending after start
    last = bisect_left(starts, end)    # tokens before this one start before end
    # not doc[first:last], which normalizes the slice in Python
    found = index.covering[key] = TokenSpan(doc, first, last) if first < last else None
    return found


def entity_index(doc: Doc) -> tuple[list[TokenSpan], list[int]]:
    """The Doc's entities and their start tokens, read once (`Doc.ents` builds new spans)."""
    return index_of(doc).entities


def ents_in(words: TokenSpan) -> list[TokenSpan]:
    """The entities inside a span, from the per-Doc index (`TokenSpan.ents` rescans the whole Doc)."""
    ents, starts = index_of(words.doc).entities
    found = []
    for i in range(bisect_left(starts, words.start), len(ents)):
        if ents[i].start >= words.end:
            break
        if ents[i].end <= words.end:
            found.append(ents[i])
    return found


def token_table(doc: Doc) -> tuple[list[str], list[str], list[bool]]:
    """Each token's text, trailing whitespace and punctuation flag, read once per Doc."""
    return index_of(doc).tokens
