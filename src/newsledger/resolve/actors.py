"""Actors: who a phrase in the article refers to, from the actor dictionary in data/actors/.

A phrase resolves in three ways, tried in order: it is a dictionary alias ("the IDF", "Tehran"),
it is a pronoun or definite description ("they", "the group": see coref.py), or it is composed of
an actor word and a head noun ("the invading Israeli army", "Hamas fighters", "an Iraqi armed
faction"), whose sector comes from the head noun. A phrase that names no dictionary actor keeps
`name` empty and gets what the words support (country, sector), never a guessed name.

A coordinated phrase ("Egypt and Saudi Arabia") keeps all its words in `text` and resolves to its
first conjunct. A state-sector phrase with no country word ("the army", "police", an unknown
minister) takes the article's country when the article is unambiguously about one.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from ..nlp.doc_index import index_of, per_span
from ..nlp.extensions import ents_in, token_table
from ..vocabulary.actors import Actor, dictionary, fold, strip_article
from .places import doc_text, resolve_place

MAX_ALIAS_TOKENS = 8
NAME_LABELS = frozenset({"ORG", "FAC", "PRODUCT", "WORK_OF_ART"})  # what NER calls an unknown body
POSSESSIVES = frozenset({"its", "their", "his", "her"})
LOCAL_KINDS = frozenset({"CVL", "REF", "HLH"})  # people of the place where it happens: medics, residents


@dataclass(frozen=True)
class Referent:
    """What a phrase was resolved to; `name` is None when the words name no known actor."""
    name: Optional[str]
    country: Optional[str]
    kind: Optional[str]
    person: bool = False
    plural: bool = False
    key: Optional[str] = None  # dictionary key when the referent is a dictionary actor
    org: Optional[str] = None  # affiliation (dictionary key) of a person or member
    gender: Optional[str] = None

    @property
    def is_actor(self) -> bool:
        return bool(self.name or self.kind)


def trim(span: TokenSpan) -> Optional[TokenSpan]:
    """The span without leading determiners/quantifiers and edge punctuation."""
    doc, first, last = span.doc, span.start, span.end
    punct = token_table(doc)[2]
    leading, possessive = token_marks(doc)[:2]
    while first < last - 1 and (punct[first] or leading[first] and not _is_alias_start(doc, first, last)):
        first += 1
    while last > first and (punct[last - 1] or possessive[last - 1]):
        last -= 1
    return TokenSpan(doc, first, last) if last > first else None  # doc[first:last] normalizes the slice in Python


def token_marks(doc: Doc) -> tuple[list[bool], list[bool], list[bool], list[bool]]:
    """For each token: a leading word ("the", "some"), a possessive ending ("'s"), a conjunct, a
    possessor noun ("the group's"); read once per Doc from the index's word lists (each `doc[i]`
    builds a Token; `to_array(...).tolist()` of string hashes builds a big int per value)."""
    index = index_of(doc)
    tables = index.tables(_ActorTables)
    marks = tables.marks
    if marks is None:
        leading_words = dictionary().leading_words
        tags, deps = index.tags, index.tree[1]
        marks = tables.marks = ([lower in leading_words for lower in index.lowers],
                                [tag == "POS" for tag in tags],
                                [dep == "conj" for dep in deps],
                                [dep == "poss" and tag != "PRP$" for tag, dep in zip(tags, deps)])
    return marks


def _is_alias_start(doc: Doc, first: int, last: int) -> bool:
    """Keep "the" when it belongs to an alias ("the Kremlin", "the Zionist entity")."""
    return any(first + 1 < j <= last and is_alias for j, is_alias, _ in _alias_hits(doc, first))


@dataclass(frozen=True)
class ActorMatch:
    start: int  # token indices in the doc
    end: int
    actor: Actor
    demonym: bool


_AliasHit = tuple[int, bool, Optional[tuple[Actor, bool]]]


@dataclass
class _ActorTables:
    """Actor resolution's per-Doc tables, kept on the Doc's index."""
    marks: Optional[tuple[list[bool], list[bool], list[bool], list[bool]]] = None  # see token_marks
    matches: dict[tuple[int, int], list[ActorMatch]] = field(default_factory=dict)  # span -> actors in it
    alias_hits: dict[int, list[_AliasHit]] = field(default_factory=dict)  # token -> words from it
    openers: Optional[list[bool]] = None  # see _alias_openers
    described: dict[tuple[int, int], Optional[Referent]] = field(default_factory=dict)  # span -> referent


def actor_matches(words: TokenSpan) -> list[ActorMatch]:
    """Dictionary actors named inside the span, longest first, non-overlapping, in text order.

    Resolution asks about the same spans many times (events, claims, coreference candidates),
    so the answer is kept per Doc."""
    return per_span(index_of(words.doc).tables(_ActorTables).matches, words, _scan_actor_matches)


def _scan_actor_matches(words: TokenSpan) -> list[ActorMatch]:
    doc, found, i, end = words.doc, [], words.start, words.end
    punct = token_table(doc)[2]
    openers = _alias_openers(doc)  # most words begin no alias: no call
    while i < end:
        if not punct[i] and openers[i]:
            for j, _, hit in _alias_hits(doc, i):
                if hit is not None and j <= end and not punct[j - 1]:
                    found.append(ActorMatch(i, j, hit[0], hit[1]))
                    i = j
                    break
            else:
                i += 1
        else:
            i += 1
    return found


def span_text(words: TokenSpan) -> str:
    """`Span.text`, sliced from the Doc's text kept once (`Span.text` builds a Token per word)."""
    return _text_of(words.doc, words.start, words.end - 1)


def _text_of(doc: Doc, first: int, last: int) -> str:
    """The words of tokens first..last (inclusive) as the Doc's text has them."""
    starts, ends = index_of(doc).token_offsets
    return doc_text(doc)[starts[first]:ends[last]]


def _alias_openers(doc: Doc) -> list[bool]:
    """Whether each token's word begins some dictionary alias or demonym (the first test of
    `_alias_hits`), for the whole Doc at once."""
    tables = index_of(doc).tables(_ActorTables)
    if tables.openers is None:
        prefixes = dictionary().prefixes
        tables.openers = [fold(text) in prefixes for text in token_table(doc)[0]]
    return tables.openers


def _alias_hits(doc: Doc, i: int) -> list[tuple[int, bool, Optional[tuple[Actor, bool]]]]:
    """Dictionary words starting at token i, longest first: (end token, whether the folded words
    are an alias, the match as written or None). Kept per Doc and token; the scan grows the words
    a token at a time and stops when they begin no alias."""
    hits_at = index_of(doc).tables(_ActorTables).alias_hits
    hits = hits_at.get(i)
    if hits is None:
        texts, spaces, _ = token_table(doc)
        book = dictionary()
        hits, text = [], ""
        for j in range(i + 1, min(len(texts), i + MAX_ALIAS_TOKENS) + 1):
            text = texts[j - 1] if j == i + 1 else text + spaces[j - 2] + texts[j - 1]
            folded = fold(text)
            if folded not in book.prefixes:
                break
            is_alias = folded in book.by_alias
            if is_alias or folded in book.by_demonym:
                hits.append((j, is_alias, book.match(text)))
        hits.reverse()
        hits_at[i] = hits
    return hits


def head_kind(words: TokenSpan, root_i: int) -> tuple[Optional[str], Optional[str]]:
    """The sector of the head noun ending at root_i (longest multi-word head first) and the head."""
    book = dictionary()
    for k in range(3, 0, -1):
        first = root_i - k + 1
        if first < words.start:
            continue
        head = fold(_text_of(words.doc, first, root_i))
        if head in book.heads:
            return book.heads[head], head
    return None, None


def describe(words: TokenSpan) -> Optional[Referent]:
    """Resolve a (trimmed) phrase without looking at other sentences; kept per Doc and span, as
    coreference, events, claims and the entity list describe the same phrases."""
    return per_span(index_of(words.doc).tables(_ActorTables).described, words, _describe)


def _describe(words: TokenSpan) -> Optional[Referent]:
    book = dictionary()
    hit = book.match(strip_article(span_text(words)))
    if hit is not None:
        return from_actor(hit[0], demonym=hit[1], plural=words.root.tag_ in ("NNS", "NNPS"))
    first = _first_conjunct(words)
    if first is not None:
        # "Egypt and Saudi Arabia", "local militias and the army": the phrase keeps all its
        # words, the referent is the first conjunct's (the rest never lends it a name or country).
        return describe(first)
    matches = [m for m in actor_matches(words) if not is_sponsor(words.doc, m)]
    root = words.root  # `Span.root` walks the span's heads on every access: found once here
    person = _person_in(words, root)
    if person is not None:
        return _describe_person(words, person, matches)
    if root.pos_ in ("VERB", "AUX"):
        # A phrase parsed as a clause ("Gunmen believed to be ..."): its subject is the actor.
        subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass") and c.i >= words.start), None)
        if subject is not None:
            inner = trim(words.doc[subject.left_edge.i:subject.right_edge.i + 1])
            if inner is None or _narrower(inner, words):
                return describe(inner) if inner is not None else None
    part_of = _partitive_object(words, root)
    if part_of is not None and _narrower(part_of, words):
        # "three of its hostages", "dozens of Israeli soldiers": the counted group.
        return describe(part_of)
    branch = _national_branch(words, matches)
    if branch is not None:
        return branch
    return _describe_head(words, root, matches)


def _describe_head(words: TokenSpan, root: Token, matches: list[ActorMatch]) -> Optional[Referent]:
    """A phrase by its head noun: a dictionary actor as the head, an unknown named body, a
    principal ("the leader of Hamas"), an actor word composed with a sector head ("Hamas
    fighters"), or only the sector, with the country of the places it names."""
    book = dictionary()
    for m in matches:
        if m.start <= root.i < m.end:
            return from_actor(m.actor, demonym=m.demonym, plural=root.tag_ in ("NNS", "NNPS"))
    kind, head = head_kind(words, root.i)
    plural = root.tag_ in ("NNS", "NNPS")
    named = _unknown_name(words, root)
    if named is not None:
        inside = [m for m in matches if m.start < named.end]
        country = inside[-1].actor.country if inside else None
        return Referent(strip_article(named.text), country, kind, plural=True)
    principal = _principal(words, root)
    if principal is not None:
        return principal
    modifiers = [m for m in matches if m.end <= root.i]
    if modifiers:
        return compose(_first_coordinated(words.doc, modifiers), kind, head, plural, root)
    if matches:
        # "Rebels of the Arakan Army ...": the nearest actor after the head.
        return compose(matches[0], kind, head, plural, root)
    if kind is not None:
        country = _country_of_places(words)
        if country is None and kind in LOCAL_KINDS:
            country = _country_of_sentence_places(words)
        return Referent(None, country, kind, person=head in book.person_roles, plural=plural)
    return None


def _first_conjunct(words: TokenSpan) -> Optional[TokenSpan]:
    """The words before the phrase's first coordinated noun phrase, if it has one: the head's
    own conjunct ("Egypt and Saudi Arabia"), or one the parser hung lower ("Prime Minister X and
    Defence Minister Y", "rebels of the Arakan Army and the army"). Coordinated adjectives
    ("Somali and African Union troops") and names that contain "and" stay whole."""
    doc = words.doc
    if not any(token_marks(doc)[2][words.start:words.end]):
        return None
    for token in words:
        head = token.head
        if token.dep_ != "conj" or not words.start <= head.i < token.i or head.pos_ == "ADJ" \
                or token.pos_ not in ("NOUN", "PROPN") or head.pos_ not in ("NOUN", "PROPN"):
            continue
        if _same_entity(words, head.i, token.i):
            continue
        end = token.left_edge.i
        while end > words.start and (doc[end - 1].dep_ == "cc" or doc[end - 1].is_punct):
            end -= 1
        first = trim(doc[words.start:end]) if end > words.start else None
        return first if first is not None and _narrower(first, words) else None
    return None


def _same_entity(words: TokenSpan, i: int, j: int) -> bool:
    return any(ent.start <= i and j < ent.end for ent in ents_in(words))


def _first_coordinated(doc: Doc, modifiers: list[ActorMatch]) -> ActorMatch:
    """The modifier nearest the head, or the first of a coordination it ends ("Somali and
    African Union troops" -> Somali)."""
    chosen = modifiers[-1]
    for earlier in reversed(modifiers[:-1]):
        last = doc[chosen.start:chosen.end].root
        if last.dep_ == "conj" and earlier.start <= last.head.i < earlier.end:
            chosen = earlier
        else:
            break
    return chosen


def _national_branch(words: TokenSpan, matches: list[ActorMatch]) -> Optional[Referent]:
    """"Amnesty International Kenya", "Save the Children UK": an organization's national branch is
    the organization, placed in the country whose name closes the phrase (not that country)."""
    if len(matches) != 2:
        return None
    org, country = matches
    opening = words.start + (words[0].lower_ == "the")
    if org.start != opening or org.actor.is_country or country.end != words.end \
            or not country.actor.is_country or country.demonym or country.start != org.end:
        return None
    return Referent(org.actor.name, country.actor.country, org.actor.kind, key=org.actor.key,
                    org=org.actor.org)


def _narrower(inner: TokenSpan, outer: TokenSpan) -> bool:
    """Recursing on a phrase is only safe when it is strictly inside the one being described."""
    return outer.start <= inner.start and inner.end <= outer.end and len(inner) < len(outer)


def _principal(words: TokenSpan, root) -> Optional[Referent]:
    """"a spokesperson for the Israeli military" speaks for it; "a commander of X" belongs to X."""
    book = dictionary()
    speaks_for = root.lower_ in book.member_nouns
    if not (speaks_for or root.lower_ in book.person_roles):
        return None
    for prep in root.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("for", "of", "from", "with", "in"):
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj" or obj.right_edge.i >= words.end:
                continue
            inner = trim(words.doc[obj.left_edge.i:obj.right_edge.i + 1])
            found = describe(inner) if inner is not None else None
            if found is None or not found.is_actor or found.person or found.kind in ("CVL", "REF"):
                continue
            if speaks_for:
                return found
            return Referent(None, found.country, found.kind, person=True, org=found.key)
    return None


def is_sponsor(doc: Doc, match: ActorMatch) -> bool:
    """"Iran-backed militias": the backer is not the actor, nor its country."""
    return sponsor_before(doc, match.end)


def sponsor_before(doc: Doc, end: int) -> bool:
    """Whether the words ending at token `end` are followed by "-backed", "-linked", ..."""
    lowers = index_of(doc).lowers
    return end + 2 <= len(lowers) and lowers[end] == "-" and lowers[end + 1] in dictionary().sponsor_words


def _unknown_name(words: TokenSpan, root) -> Optional[TokenSpan]:
    """An organization the NER found but the dictionary does not know ("the Lions' Den"), as the
    phrase's head or in apposition to it ("the channel Grey Zone")."""
    for ent in ents_in(words):
        if ent.label_ not in NAME_LABELS or not (ent[0].is_title or ent[0].is_upper):
            continue
        if ent.start <= root.i < ent.end and ent.label_ == "ORG" or (
                ent.root.dep_ == "appos" and ent.root.head == root):
            words_only = strip_article(ent.text)
            if dictionary().match(words_only) is None and fold(words_only) not in dictionary().heads:
                return ent
    return None


def _partitive_object(words: TokenSpan, root: Token) -> Optional[TokenSpan]:
    if not (root.like_num or root.lower_ in dictionary().partitives):
        return None
    for prep in root.children:
        if prep.lower_ == "of" and prep.dep_ == "prep":
            objects = [c for c in prep.children if c.dep_ == "pobj" and c.i < words.end]
            if objects:
                return trim(words.doc[objects[0].left_edge.i:min(objects[0].right_edge.i + 1, words.end)])
    return None


def from_actor(actor: Actor, demonym: bool = False, plural: bool = False) -> Referent:
    if demonym:
        # "Israelis": the country's people or state, sector unknown; "Israeli" alone: the country.
        return Referent(actor.name, actor.country, None, plural=plural, key=actor.key)
    return Referent(actor.name, actor.country, actor.kind, person=actor.person,
                    plural=plural or not actor.person, key=actor.key, org=actor.org, gender=actor.gender)


def compose(modifier: ActorMatch, kind: Optional[str], head: Optional[str], plural: bool,
             root) -> Referent:
    """An actor word modifying a head noun: "Israeli soldiers", "Hamas fighters", "Iraqi base"."""
    book = dictionary()
    actor = modifier.actor
    speaks_for = root.lower_ in book.member_nouns or head in book.member_nouns
    role = not speaks_for and (head in book.person_roles or (root.lower_ in book.person_roles and not plural))
    if actor.person:
        # "Netanyahu's government": the person's state or organization acts.
        owner = book.by_key.get(actor.org or "") or book.by_key.get(actor.country or "")
        if owner is not None and not role:
            return compose(ActorMatch(modifier.start, modifier.end, owner, False), kind, head, plural, root)
        return Referent(None, actor.country, kind or actor.kind, person=role, plural=plural)
    if not actor.is_country:
        if role:
            return Referent(None, actor.country, actor.kind, person=True, org=actor.key)
        if kind in ("CVL", "REF") or (kind == "MED" and actor.kind != "MED"):
            return Referent(None, actor.country, kind, plural=plural)
        return Referent(actor.name, actor.country, actor.kind, plural=True, key=actor.key, org=actor.org)
    if role:
        return Referent(None, actor.country, kind or "GOV", person=True, org=actor.key)
    body = book.state_body(actor, head, kind)
    if body is not None:
        known = book.match(body, strict=False)
        key = known[0].key if known is not None else actor.key
        return Referent(body, actor.country, kind, plural=True, key=key)
    if kind == "GOV" or speaks_for and kind is None:
        return Referent(actor.name, actor.country, "GOV", plural=True, key=actor.key)
    return Referent(None, actor.country, kind, plural=plural)


def _person_in(words: TokenSpan, root: Token) -> Optional[TokenSpan]:
    """The PERSON entity the phrase is about (`root` its head): its head, or an apposition to a role noun."""
    book = dictionary()
    for ent in ents_in(words):
        if ent.label_ != "PERSON" and not (ent.label_ == "ORG" and len(ent) > 2 and ent[1].is_title
                                           and fold(ent[0].text) in book.titles):
            continue
        if ent.start <= root.i < ent.end:
            return ent
        if root.lower_ in book.person_roles or ent.root.dep_ == "appos" and ent.root.head == root:
            return ent
    return None


def _describe_person(words: TokenSpan, person: TokenSpan, matches: list[ActorMatch]) -> Referent:
    book = dictionary()
    known = book.match(strip_article(person.text))
    if known is not None and known[0].person:
        return from_actor(known[0])
    for m in matches:
        if m.start <= person.start < m.end and m.actor.person:
            return from_actor(m.actor)
    clause = next((t.left_edge.i for t in words if t.dep_ in ("relcl", "acl") and t.i > person.start), words.end)
    # "Umm Mohammed, 43, who lost two sons when an Israeli strike hit": a clause about the person
    # tells what happened to them, not whom they belong to
    affiliations = [m for m in matches if not (person.start <= m.start < person.end) and m.start < clause]
    name = _without_title(strip_article(person.text))
    gender = _gender(person)
    if not affiliations:
        role_kinds = [head_kind(words, t.i)[0] for t in words if not (person.start <= t.i < person.end)]
        return Referent(name, None, next((k for k in role_kinds if k), None), person=True, gender=gender)
    first = affiliations[0].actor
    if not first.is_country:
        return Referent(name, first.country, first.kind, person=True, org=first.key, gender=gender)
    return Referent(name, first.country, _state_role_kind(words, person), person=True, org=first.key,
                    gender=gender)


def _state_role_kind(words: TokenSpan, person: TokenSpan) -> Optional[str]:
    """"army spokesman": the body spoken for (MIL) decides, not the role (GOV)."""
    book = dictionary()
    kinds = [head_kind(words, t.i) for t in words if not person.start <= t.i < person.end]
    bodies = [k for k, head in kinds if k and head not in book.person_roles and head not in book.member_nouns]
    roles = [k for k, _ in kinds if k]
    return bodies[-1] if bodies else (roles[-1] if roles else None)


def _without_title(name: str) -> str:
    """The name without leading honorifics and ranks ("Mr.", "General", "Lt. Col.")."""
    book = dictionary()
    words = name.split()
    for size in (3, 2, 1):
        while len(words) > size and (fold(" ".join(words[:size])) in book.titles
                                     or size == 1 and fold(words[0]) in book.honorifics):
            words = words[size:]
    return " ".join(words)


def _gender(person: TokenSpan) -> Optional[str]:
    """From a title before or inside the name: "Mr. Obama", "Mrs. Clinton"."""
    honorifics = dictionary().honorifics
    for token in (person.doc[person.start - 1] if person.start > 0 else None, person[0]):
        if token is not None and token.lower_ in honorifics:
            return honorifics[token.lower_]
    return None


def _country_of_sentence_places(words: TokenSpan) -> Optional[str]:
    """Civilians, the displaced and medics take the country of the places their sentence names,
    when there is only one."""
    countries = set()
    for ent in ents_in(index_of(words.doc).sentence_of(words.start)):
        if ent.label_ in ("GPE", "LOC", "FAC"):
            place = resolve_place(words.doc, ent.start_char, ent.end_char)
            if place is not None and place.country:
                countries.add(place.country)
    return countries.pop() if len(countries) == 1 else None


def _country_of_places(words: TokenSpan) -> Optional[str]:
    """A country from place names inside the phrase ("civilians in Kerman")."""
    for ent in ents_in(words):
        if ent.label_ in ("GPE", "LOC") and ent.root.dep_ == "pobj":
            place = resolve_place(words.doc, ent.start_char, ent.end_char)
            if place is not None and place.country:
                return place.country
    return None
