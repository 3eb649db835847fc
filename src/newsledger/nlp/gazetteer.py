"""Entity ruler built from the actor and place dictionaries, ahead of the statistical NER.

It fixes what the small English model gets wrong on conflict reporting ("Sana'a" as ORG,
"Khan Younis" as PERSON, "Israel Seeks" as PERSON in headlines) and stamps each match with
the dictionary key (`ent.ent_id_`) so resolution can read it. Every alias is a phrase pattern
on LOWER (one PhraseMatcher pass, no token patterns: spaCy's Matcher costs ~50 ms a long
article with a hundred patterns); acronyms and listed common words ("US", "WHO", "Amnesty")
are then kept only where the text has the dictionary's capitalization, and no capitalized alias
matches all-lowercase words ("trump", "amnesty").
"""
from __future__ import annotations

from typing import Iterator

from spacy.language import Language
from spacy.pipeline import EntityRuler
from spacy.tokens import Doc

from ..resources import load_yaml
from ..vocabulary.actors import dictionary

PLACES_FILE = "places.yaml"


class GazetteerRuler(EntityRuler):
    """An EntityRuler whose case-sensitive aliases must match as written."""

    cased_places: frozenset[str] = frozenset()

    def match(self, doc: Doc):
        book = dictionary()
        kept = []
        for match_id, start, end in super().match(doc):
            words = doc[start:end].text
            spellings = book.exact.get(words.lower())
            if spellings is not None and " ".join(words.split()) not in spellings:
                continue
            if words.islower() and (words in book.cased or words in self.cased_places):
                continue
            kept.append((match_id, start, end))
        return kept


@Language.factory("newsledger_gazetteer")
def make_gazetteer(nlp: Language, name: str) -> GazetteerRuler:
    ruler = GazetteerRuler(nlp, name=name, phrase_matcher_attr="LOWER", overwrite_ents=True)
    ruler.add_patterns(list(patterns()))
    ruler.cased_places = frozenset(
        alias.lower() for row in load_yaml(PLACES_FILE) or ()
        for alias in (row["name"], *(row.get("aliases") or ())) if not alias.islower())
    return ruler


def patterns() -> Iterator[dict]:
    """One pattern per distinct alias: places, actor names and aliases, capitals, demonyms."""
    book = dictionary()
    candidates = []
    for row in load_yaml(PLACES_FILE) or []:
        key = "place:" + row["name"]
        label = row.get("label", "GPE")
        candidates += [(alias, label, key) for alias in (row["name"], *(row.get("aliases") or ()))]
    for actor in book.actors():
        candidates += [(alias, actor.label, actor.key) for alias in (actor.name, *actor.aliases)]
        candidates += [(alias, "GPE", actor.key) for alias in actor.metonyms]
        candidates += [(alias, "NORP", actor.key) for alias in actor.demonyms]
    seen: set[str] = set()
    for words, label, key in candidates:
        words = " ".join(words.split())
        if words and words.lower() not in seen:
            seen.add(words.lower())
            yield {"label": label, "pattern": words, "id": key}
