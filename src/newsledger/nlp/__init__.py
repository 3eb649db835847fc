"""The spaCy pipeline: the English model plus newsledger's registered components.

Component order matters: paragraph breaks are marked ahead of the parser so it keeps them as
sentence breaks, the gazetteer runs ahead of NER so curated names win, layout (datelines,
headlines) runs after NER to read its entity types, and dates/quantities run after NER so they
can use its DATE/CARDINAL spans as hints.
"""
from __future__ import annotations

import os
from functools import lru_cache

import spacy
from spacy.language import Language

from ..config import DEFAULT_MODEL, MODEL_ENV
from . import extensions  # noqa: F401  (registers Doc/Span extensions)
from . import gazetteer, dates, layout, paragraphs, quantities  # noqa: F401  (register factories)


def model_name(explicit: str | None = None) -> str:
    return explicit or os.environ.get(MODEL_ENV) or DEFAULT_MODEL


@lru_cache(maxsize=4)
def build(model: str | None = None) -> Language:
    """Load the model once per process and add our components."""
    name = model_name(model)
    try:
        nlp = spacy.load(name, exclude=["lemmatizer"])
    except OSError as exc:
        raise ModelNotFound(name) from exc
    nlp.add_pipe("newsledger_paragraphs", before="parser")
    nlp.add_pipe("newsledger_gazetteer", before="ner")
    nlp.add_pipe("newsledger_layout", after="ner")
    nlp.add_pipe("newsledger_dates", after="newsledger_layout")
    nlp.add_pipe("newsledger_quantities", after="newsledger_dates")
    return nlp


class ModelNotFound(RuntimeError):
    def __init__(self, name: str):
        super().__init__(
            f"spaCy model {name!r} is not installed; install it with pip or choose another "
            f"with --model / ${MODEL_ENV}"
        )
        self.name = name
