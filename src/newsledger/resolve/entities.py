"""Named-entity mentions with their resolved actor or place."""
from __future__ import annotations

from spacy.tokens import Doc

from ..ledger import EntityMention, Span


def mentions(doc: Doc) -> list[EntityMention]:
    return [
        EntityMention(text=ent.text, span=Span(ent.start_char, ent.end_char), label=ent.label_)
        for ent in doc.ents
        if ent.label_ in {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"}
    ]
