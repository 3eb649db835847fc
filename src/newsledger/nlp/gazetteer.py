"""Entity ruler built from the actor and place dictionaries, ahead of the statistical NER.

It fixes what the small English model gets wrong on conflict reporting ("Sana'a" as ORG,
"Khan Younis" as PERSON, "Israel Seeks" as PERSON in headlines) and stamps each match with
the dictionary key (`ent.ent_id_`) so resolution can read it. Aliases are phrase patterns on
LOWER (one PhraseMatcher pass); acronyms and the listed common words are exact ORTH patterns.
"""
from __future__ import annotations

from typing import Iterator

from spacy.language import Language
from spacy.pipeline import EntityRuler

from ..resources import load_yaml

PLACES_FILE = "places.yaml"


@Language.factory("newsledger_gazetteer")
def make_gazetteer(nlp: Language, name: str) -> EntityRuler:
    ruler = EntityRuler(nlp, name=name, phrase_matcher_attr="LOWER", overwrite_ents=True)
    ruler.add_patterns(list(patterns(nlp)))
    return ruler


def patterns(nlp: Language) -> Iterator[dict]:
    """One pattern per distinct (words, label): actor aliases, capitals, demonyms, places."""
    from ..resolve.actors import dictionary

    book = dictionary()
    seen: set[str] = set()

    def pattern(words: str, label: str, key: str):
        words = " ".join(words.split())
        folded = words.lower()
        exact = words in book.exact.get(folded, ())
        marker = words if exact else folded
        if not words or marker in seen:
            return None
        seen.add(marker)
        if exact:
            return {"label": label, "id": key,
                    "pattern": [{"ORTH": t.text} for t in nlp.make_doc(words)]}
        return {"label": label, "pattern": words, "id": key}

    candidates = []
    for row in load_yaml(PLACES_FILE) or []:
        key = "place:" + row["name"]
        label = row.get("label", "GPE")
        candidates += [(alias, label, key) for alias in (row["name"], *(row.get("aliases") or ()))]
    for actor in book.actors():
        candidates += [(alias, actor.label, actor.key) for alias in (actor.name, *actor.aliases)]
        candidates += [(alias, "GPE", actor.key) for alias in actor.metonyms]
        candidates += [(alias, "NORP", actor.key) for alias in actor.demonyms]
    for words, label, key in candidates:
        made = pattern(words, label, key)
        if made is not None:
            yield made
