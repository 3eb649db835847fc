"""Temporal expressions -> intervals relative to the publication date (Doc._.dates)."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("newsledger_dates")
def find_dates(doc: Doc) -> Doc:
    doc._.dates = []
    return doc
