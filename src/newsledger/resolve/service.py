"""Resolution as a service: one `Resolver` per article, handed to extraction.

Extraction asks who and where the words at given character offsets refer to; it does so only
through the resolver it was handed (`events.extract(doc, resolver)`), never by reaching into
resolution's modules. A rule can therefore be tested with a small stand-in (any object with
`actor`, `referent`, `place`, `place_ref` and `known_place`) as well as with the real resolver.
The resolver keeps its answers in its own tables, which live exactly as long as the article."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Protocol

from spacy.tokens import Doc

from ..ledger import ActorRef, PlaceRef, Span, copied
from ..nlp.doc_index import index_of
from ..nlp.extensions import original
from .actors import Referent
from .places import Place, lookup_place, resolve_place
from .referents import referent_at, resolve_actor



class Resolution(Protocol):
    """What extraction asks of resolution."""

    def actor(self, start: int, end: int) -> ActorRef: ...

    def referent(self, start: int, end: int) -> Optional[Referent]: ...

    def place(self, start: int, end: int) -> Optional[PlaceRef]: ...

    def place_ref(self, start: int, end: int) -> PlaceRef: ...

    def known_place(self, words: str) -> Optional[Place]: ...


class Resolver:
    """The real resolution of one article: the actor dictionary, coreference and the gazetteer."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self._actors: dict[tuple[int, int], ActorRef] = {}
        self._places: dict[tuple[int, int], PlaceRef] = {}

    def actor(self, start: int, end: int) -> ActorRef:
        """The actor the words at [start, end) stand for; `text` keeps the article's own words.
        A copy each time: callers may fill in its text and span."""
        key = (start, end)
        if key not in self._actors:
            ref = resolve_actor(self.doc, start, end)
            if ref.span is None:
                ref.span = Span(start, end)
            self._actors[key] = ref
        return copied(self._actors[key])

    def referent(self, start: int, end: int) -> Optional[Referent]:
        """Who the words stand for in context (pronouns, possessives, the article's country)."""
        return referent_at(self.doc, start, end)

    def place(self, start: int, end: int) -> Optional[PlaceRef]:
        """The geocoded place these words name; None when no source knows them."""
        return resolve_place(self.doc, start, end)

    def place_ref(self, start: int, end: int) -> PlaceRef:
        """The place for an event: geocoded where known, else only the article's words."""
        key = (start, end)
        if key not in self._places:
            ref = resolve_place(self.doc, start, end)
            if ref is None:
                ref = PlaceRef(text=original(self.doc, start, end))
            if ref.span is None:
                ref.span = Span(start, end)
            self._places[key] = ref
        return self._places[key]

    def known_place(self, words: str) -> Optional[Place]:
        """The gazetteer's place for these words, without context."""
        return lookup_place(words)


@dataclass
class _Handover:
    """The resolver handed over for a Doc, kept on its index."""
    resolver: Optional[Resolution] = None


def hand_over(doc: Doc, resolver: Optional[Resolution] = None) -> Resolution:
    """The resolver extraction uses for this Doc: the one handed in (kept with the Doc for the
    rules that reach it from a token), else the one already kept, else a new real one."""
    kept = index_of(doc).tables(_Handover)
    if resolver is not None:
        kept.resolver = resolver
    elif kept.resolver is None:
        kept.resolver = Resolver(doc)
    return kept.resolver


def resolver_for(doc: Doc) -> Resolution:
    """The resolver handed over for this Doc (a new real one if none was)."""
    return hand_over(doc)
