"""Numbers, ranges, bounds and what they count (Doc._.quantities)."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("newsledger_quantities")
def find_quantities(doc: Doc) -> Doc:
    doc._.quantities = []
    return doc
