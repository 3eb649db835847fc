"""The spaCy pipeline: the English model plus newsledger's registered components.

Component order matters: paragraph breaks are marked ahead of the parser so it keeps them as
sentence breaks, the gazetteer runs ahead of NER so curated names win, layout (datelines,
headlines) runs after NER to read its entity types, and dates/quantities run after NER so they
can use its DATE/CARDINAL spans as hints.
"""
from __future__ import annotations

import os
from typing import Any, Mapping

import spacy
from spacy.language import Language

from ..config import DEFAULT_MODEL, MODEL_ENV
from . import extensions  # noqa: F401  (registers Doc/Span extensions)
from . import gazetteer, dates, layout, paragraphs, quantities  # noqa: F401  (register factories)
from .attribute_rules import index_attribute_ruler
from .data_component import DataComponent
from .gazetteer import GazetteerRuler


def model_name(explicit: str | None = None) -> str:
    return explicit or os.environ.get(MODEL_ENV) or DEFAULT_MODEL


# Our components and where each goes; a pipeline saved with them (nlp.to_disk) loads as it was.
COMPONENTS: tuple[tuple[str, dict[str, str]], ...] = (
    ("newsledger_paragraphs", {"before": "parser"}),
    ("newsledger_gazetteer", {"before": "ner"}),
    ("newsledger_layout", {"after": "ner"}),
    ("newsledger_dates", {"after": "newsledger_layout"}),
    ("newsledger_quantities", {"after": "newsledger_dates"}),
)


def build(model: str | None = None, config: Mapping[str, Mapping[str, Any]] | None = None) -> Language:
    """A fresh pipeline: the model (a package name, or a folder a newsledger pipeline was saved
    to) with our components; `config` gives a component its settings, such as other data files
    (`{"newsledger_dates": {"dates": "/path/to/dates.yaml"}}`)."""
    name = model_name(model)
    try:
        nlp = spacy.load(name, exclude=["lemmatizer"])
    except OSError as exc:
        raise ModelNotFound(name) from exc
    index_attribute_ruler(nlp)  # the model's own rules, found by lookup instead of a Matcher
    for component, placement in COMPONENTS:
        add_component(nlp, component, config, **placement)
    return nlp


def add_component(nlp: Language, name: str, config: Mapping[str, Mapping[str, Any]] | None = None,
                  **placement: str) -> None:
    """Add and initialize one of our components, unless the pipeline (a saved one) has it."""
    if name in nlp.pipe_names:
        return
    component = nlp.add_pipe(name, config=dict((config or {}).get(name) or {}),
                             before=placement.get("before"), after=placement.get("after"))
    if isinstance(component, (DataComponent, GazetteerRuler)):
        component.initialize(nlp=nlp)


class ModelNotFound(RuntimeError):
    def __init__(self, name: str):
        super().__init__(
            f"spaCy model {name!r} is not installed; install it with pip or choose another "
            f"with --model / ${MODEL_ENV}"
        )
        self.name = name
