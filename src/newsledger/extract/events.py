"""Events: triggers -> PLOVER/CAMEO type, arguments, status; one event per real-world event."""
from __future__ import annotations

from spacy.tokens import Doc

from ..ledger import Event


def extract(doc: Doc) -> list[Event]:
    return []
