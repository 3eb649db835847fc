"""Entity ruler built from the actor and place dictionaries, ahead of the statistical NER."""
from __future__ import annotations

from spacy.language import Language
from spacy.pipeline import EntityRuler

from ..resources import load_yaml


@Language.factory("newsledger_gazetteer")
def make_gazetteer(nlp: Language, name: str) -> EntityRuler:
    ruler = EntityRuler(nlp, name=name, phrase_matcher_attr="LOWER", overwrite_ents=True)
    ruler.add_patterns(list(_patterns()))
    return ruler


def _patterns():
    for entry in load_yaml("places.yaml") or []:
        for alias in [entry["name"], *entry.get("aliases", [])]:
            yield {"label": entry.get("label", "GPE"), "pattern": alias, "id": entry["name"]}
