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

from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping, Optional, Sequence

import srsly
from spacy.language import Language
from spacy.pipeline import EntityRuler
from spacy.pipeline.entityruler import PatternType
from spacy.training import Example
from spacy.tokens import Doc
from spacy.util import ensure_path

from ..resources import read_text
from ..vocabulary.actors import dictionary
from ..vocabulary.places import PLACES_FILE, PlaceEntry, read_places

CASED_PLACES = "cased_places.json"


class GazetteerRuler(EntityRuler):
    """An EntityRuler whose case-sensitive aliases must match as written. Configured the spaCy
    way: the factory names the places file, `initialize` reads it (with the actor dictionary)
    into patterns, and the patterns are saved and loaded with the pipeline."""

    def __init__(self, nlp: Language, name: str, places: str):
        super().__init__(nlp, name=name, phrase_matcher_attr="LOWER", overwrite_ents=True)
        self.places_file = places
        self.cased_places: frozenset[str] = frozenset()

    def initialize(self, get_examples: Optional[Callable[[], Iterable[Example]]] = None, *,
                   nlp: Optional[Language] = None, patterns: Optional[Sequence[PatternType]] = None,
                   data: Optional[Mapping[str, str]] = None) -> None:
        """Patterns from the places file (`data={"places": path}` names another one) and the
        actor dictionary, then any `patterns` given as to spaCy's EntityRuler."""
        self.places_file = (data or {}).get("places", self.places_file)
        places = read_places(read_text(self.places_file), self.places_file)
        self.clear()
        self.add_patterns([*dictionary_patterns(places), *(patterns or ())])
        self.cased_places = frozenset(
            alias.lower() for row in places for alias in row.spellings if not alias.islower())

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

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        super().to_disk(path, exclude=exclude)
        srsly.write_json(ensure_path(path) / CASED_PLACES, sorted(self.cased_places))

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "GazetteerRuler":
        super().from_disk(path, exclude=exclude)
        self.cased_places = frozenset(srsly.read_json(ensure_path(path) / CASED_PLACES))
        return self

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return srsly.msgpack_dumps({"ruler": super().to_bytes(exclude=exclude),
                                    "cased_places": sorted(self.cased_places)})

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> "GazetteerRuler":
        saved = srsly.msgpack_loads(data)
        super().from_bytes(saved["ruler"], exclude=exclude)
        self.cased_places = frozenset(saved["cased_places"])
        return self


@Language.factory("newsledger_gazetteer", default_config={"places": PLACES_FILE})
def make_gazetteer(nlp: Language, name: str, places: str) -> GazetteerRuler:
    return GazetteerRuler(nlp, name, places)


def dictionary_patterns(places: list[PlaceEntry]) -> Iterator[dict]:
    """One pattern per distinct alias: places, actor names and aliases, capitals, demonyms."""
    book = dictionary()
    candidates = []
    for row in places:
        key = "place:" + row.name
        candidates += [(alias, row.label, key) for alias in row.spellings]
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
