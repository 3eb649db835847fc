"""Paragraph breaks are sentence breaks: a headline or dateline line must not run into the lede.

Runs before the parser, which keeps sentence starts that are already set. A single line break
counts where the line before it ends like a sentence, or ends the document's first line (a
headline) before a capitalized word; hard-wrapped plain text (a line break in the middle of a
sentence) is left to the parser.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

SENTENCE_END = frozenset(".!?:\"'")


@Language.component("newsledger_paragraphs")
def mark_paragraph_starts(doc: Doc) -> Doc:
    first_line = True
    for tok in doc[:-1]:
        if not (tok.is_space and "\n" in tok.text):
            continue
        following = doc[tok.i + 1]
        if following.is_space:
            continue
        headline = first_line and (following.is_title or following.is_upper)
        first_line = False
        if tok.text.count("\n") >= 2 or _line_ends(doc, tok.i) or headline:
            following.is_sent_start = True
    return doc


def _line_ends(doc: Doc, newline_i: int) -> bool:
    before = doc[newline_i - 1] if newline_i > 0 else None
    return before is not None and before.text[-1:] in SENTENCE_END
