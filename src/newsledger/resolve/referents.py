"""Referents in context: who the words at given offsets stand for, once pronouns ("they"),
possessives ("its fighters"), spokespeople ("the group's spokesman") and the article's country
("the army") are taken into account. Built on the phrase description of actors.py and the
coreference of coref.py; kept per Doc, since events, claims and their merging ask about the same
argument words several times."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Optional

from spacy.tokens import Doc
from spacy.tokens import Span as TokenSpan

from ..ledger import ActorRef, Span
from ..nlp.doc_index import index_of
from ..nlp.extensions import covering_span, original
from ..vocabulary.actors import dictionary
from . import coref
from .actors import (LOCAL_KINDS, POSSESSIVES, ActorMatch, Referent, actor_matches, compose, describe,
                     from_actor, head_kind, token_marks, trim)
from .places import article_country


@dataclass
class _ReferentTables:
    """The referents found so far for char offsets of one Doc, kept on its index."""
    found: dict[tuple[int, int], Optional[Referent]] = field(default_factory=dict)


def resolve_actor(doc: Doc, start: int, end: int) -> ActorRef:
    """Resolve the words at [start, end) to an actor; `text` keeps the article's own words."""
    ref = ActorRef(text=original(doc, start, end), span=Span(start, end))
    referent = referent_at(doc, start, end)
    if referent is not None:
        ref.name, ref.country, ref.kind = referent.name, referent.country, referent.kind
    return ref


def referent_at(doc: Doc, start: int, end: int) -> Optional[Referent]:
    """The referent of the words at char offsets [start, end), kept per Doc: events, claims and
    their merging ask about the same argument words several times."""
    cache = index_of(doc).tables(_ReferentTables).found
    if (start, end) not in cache:
        cache[(start, end)] = _with_article_country(doc, _referent_at(doc, start, end))
    return cache[(start, end)]


def _with_article_country(doc: Doc, referent: Optional[Referent]) -> Optional[Referent]:
    """"The army", "police", an unknown minister: in an article about one country, that country's."""
    if referent is None or referent.country is not None or referent.key is not None \
            or referent.kind not in dictionary().national_kinds:
        return referent
    country = article_country(doc)
    return replace(referent, country=country) if country is not None else referent


def _referent_at(doc: Doc, start: int, end: int) -> Optional[Referent]:
    if end <= start:
        return None
    span = covering_span(doc, start, end)
    if span is None or len(span) == 0:
        return None
    words = trim(span)
    if words is None:
        return None
    anaphor = coref.anaphor_constraint(words)
    if anaphor is not None:
        found = coref.antecedent(doc, words, anaphor)
        if found is not None:
            return found
    described = describe(words)
    if described is None or not (described.person and described.name):
        spoken = _spoken_for(doc, words)
        if spoken is not None:
            return spoken
    if described is None or described.name is None:
        possessed = _possessed(doc, span, words)
        if possessed is not None:
            return possessed
    if described is not None and described.person and described.key is None:
        return coref.earlier_full_name(doc, words, described) or described
    return described


def _possessed(doc: Doc, span: TokenSpan, words: TokenSpan) -> Optional[Referent]:
    """"its fighters", "their leader": the head noun belongs to whoever the possessive names."""
    book = dictionary()
    lowers = index_of(doc).lowers
    at = next((i for i in range(span.start, min(words.start + 1, len(lowers))) if lowers[i] in POSSESSIVES), None)
    if at is None or at >= words.end or actor_matches(words):
        return None
    owner_token = doc[at]
    possessive = doc[owner_token.i:owner_token.i + 1]
    constraint = coref.anaphor_constraint(possessive)
    if constraint is None:
        return None
    owner = coref.antecedent(doc, possessive, constraint)
    if owner is None or owner.key is None or owner.key not in book.by_key:
        return None
    root = words.root
    kind, head = head_kind(words, root.i)
    return compose(ActorMatch(owner_token.i, owner_token.i + 1, book.by_key[owner.key], False), kind, head,
                    root.tag_ in ("NNS", "NNPS"), root)


def _spoken_for(doc: Doc, words: TokenSpan) -> Optional[Referent]:
    """"the army's media wing", "the group's spokesman", "the rebels' commander": a wing, office
    or spokesperson speaks for the body that possesses it, and a role belongs to it; the possessor
    is resolved in context ("the group" -> its antecedent, "the army" -> the article's country)."""
    if not any(token_marks(doc)[3][words.start:words.end]):
        return None
    book = dictionary()
    root = words.root
    speaks = root.lower_ in book.member_nouns
    if not (speaks or root.lower_ in book.person_roles and root.tag_ == "NN"):
        return None
    owner = next((c for c in root.children if c.dep_ == "poss" and c.pos_ != "PRON"
                  and c.i >= words.start), None)
    if owner is None:
        return None
    owner_words = trim(doc[owner.left_edge.i:owner.i + 1])
    if owner_words is None:
        return None
    found = referent_at(doc, owner_words.start_char, owner_words.end_char)
    if found is None or not found.is_actor or found.kind in LOCAL_KINDS:
        return None
    owner_actor = book.by_key.get(found.key or "")
    if owner_actor is not None and owner_actor.is_country and not found.person:
        return None  # "Yemen's naval forces", "Ukraine's defence ministry": the state's own body
    if found.person:
        # "Netanyahu's office", "the prime minister's spokesman": the state or body they lead.
        body = book.by_key.get(found.org or "") or book.by_key.get(found.country or "")
        if body is None:
            return None
        found = from_actor(body)
    if speaks:
        return replace(found, person=False, plural=True)
    return Referent(None, found.country, found.kind, person=True, org=found.key)
