"""Claims: attribution (source, cue, content), the author's own voice, stance, check-worthiness."""
from __future__ import annotations

from spacy.tokens import Doc

from ..ledger import Claim, Event


def extract(doc: Doc, events: list[Event]) -> list[Claim]:
    return []
