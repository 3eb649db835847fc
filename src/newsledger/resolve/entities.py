"""Named-entity mentions with their resolved actor or place."""
from __future__ import annotations

from spacy.tokens import Doc

from ..ledger import EntityMention, Span
from ..nlp.extensions import entity_index, original
from ..vocabulary.actors import dictionary, fold
from .actors import describe, trim
from .places import resolve_place

ACTOR_LABELS = frozenset({"PERSON", "ORG", "NORP"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def mentions(doc: Doc) -> list[EntityMention]:
    """Every PERSON/ORG/GPE/LOC/NORP/FAC entity; name, country and kind when resolved.

    A country name resolves as an actor (kind GOV); any other place name as a place (no kind):
    whether "Tehran" acts or is struck is the event extractor's call, not the entity list's.
    """
    out = []
    for ent in entity_index(doc)[0]:
        if ent.label_ not in ACTOR_LABELS | PLACE_LABELS:
            continue
        mention = EntityMention(text=original(doc, ent.start_char, ent.end_char),
                                span=Span(ent.start_char, ent.end_char), label=ent.label_)
        if ent.label_ in PLACE_LABELS:
            _resolve_place(doc, ent, mention)
        else:
            words = trim(ent)
            referent = describe(words) if words is not None else None
            if referent is not None and (referent.key is not None or referent.kind is not None
                                         or ent.label_ == "NORP"):
                mention.name, mention.country, mention.kind = referent.name, referent.country, referent.kind
            elif not _resolve_place(doc, ent, mention) and referent is not None:
                # A name nothing knows as an actor may still be a place the model mislabelled
                # ("Arauca" as ORG); otherwise it keeps its own words.
                mention.name, mention.country, mention.kind = referent.name, referent.country, referent.kind
        out.append(mention)
    return out


def _resolve_place(doc: Doc, ent, mention: EntityMention) -> bool:
    """Fill the mention from the place (or country) the entity names; False when none."""
    actor = dictionary().by_key.get(ent.ent_id_) if ent.ent_id_ else None
    if actor is not None and actor.is_country and fold(ent.text) not in {fold(m) for m in actor.metonyms}:
        mention.name, mention.country, mention.kind = actor.name, actor.country, actor.kind
        return True
    place = resolve_place(doc, ent.start_char, ent.end_char)
    if place is not None:
        mention.name, mention.country = place.name, place.country
    elif actor is not None:
        mention.name, mention.country, mention.kind = actor.name, actor.country, actor.kind
    return place is not None or actor is not None
