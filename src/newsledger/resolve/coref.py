"""Pronouns and definite descriptions ("they", "the group", "the Hamas leader") to their antecedent.

A light, rule-based resolver in the spirit of Hobbs-style search: first the subject of a clause that
governs the anaphor in the same sentence ("the Ansarallah-led government announced they would
respond"), then earlier actors in the same sentence, then the previous sentences' subjects and
other actors, nearest sentence first. Candidates are the Doc's noun chunks and named entities,
resolved once per Doc and kept in its tables (`_CorefTables`, on the Doc's index).
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from itertools import chain
from typing import Optional

from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from ..nlp.doc_index import index_of, per_span
from ..nlp.extensions import dateline_tokens, entity_index, ents_in, token_table
from ..vocabulary.actors import dictionary, fold
from .actors import Referent, actor_matches, describe, head_kind, is_sponsor, span_text, sponsor_before, trim

LOOKBACK_SENTENCES = 3
DEFINITE = frozenset({"the", "this", "that", "these", "those"})
MAX_CHAIN = 3
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
LOCATIVE_PREPS = frozenset({"in", "at", "near", "from", "into", "across", "throughout", "on", "to",
                            "towards", "toward", "inside", "outside", "around", "within", "over", "onto"})
COLLECTIVE_KINDS = frozenset({"GOV", "MIL", "REB", "INS", "UAF", "CRM", "IGO", "NGO", "MED", "COP",
                              "SPY", "JUD", "LEG", "PTY", "OPP", "HLH", "BUS", "CVL", "REF"})


@dataclass(frozen=True)
class Anaphor:
    """What an anaphor may refer to."""
    number: Optional[str] = None  # "plural" | "singular"
    person: Optional[bool] = None
    kinds: Optional[frozenset[str]] = None
    org: Optional[str] = None  # "the Hamas leader": a person of this organization (or country)
    country: Optional[str] = None  # "the Lebanese group": only actors of this country
    role: Optional[str] = None  # "the Israeli prime minister": a known person must hold this role
    gender: Optional[str] = None  # he/she: never a person known to be the other


@dataclass
class Candidate:
    """A candidate antecedent; what it refers to is worked out only when a search reaches it."""
    start: int  # token indices
    end: int
    root: int
    sent_start: int
    subject: bool
    main: bool  # subject of the sentence's main verb
    words: TokenSpan
    resolved: Optional[tuple[Optional[Referent]]] = None

    @property
    def referent(self) -> Optional[Referent]:
        """What the words describe; a definite description ("the al-Qaeda-affiliated group")
        stands for its own antecedent, so a later "its" reaches that actor, not a modifier."""
        if self.resolved is None:
            found = None
            anaphor = anaphor_constraint(self.words) if self.words[0].pos_ != "PRON" else None
            if anaphor is not None and anaphor.number is None:
                found = antecedent(self.words.doc, self.words, anaphor)
            self.resolved = (found or describe(self.words),)
        return self.resolved[0]

    @property
    def is_actor(self) -> bool:
        referent = self.referent
        return referent is not None and referent.is_actor


@dataclass
class _CorefTables:
    """Coreference's per-Doc tables, kept on the Doc's index."""
    mentions: dict[int, list[Candidate]] = field(default_factory=dict)  # sentence -> its candidates
    ranked: dict[int, list[Candidate]] = field(default_factory=dict)    # sentence -> in search order
    words: Optional[dict[str, list[int]]] = None  # lowercase word -> its token positions
    sentences: Optional[list[tuple[int, int]]] = None  # token -> (its sentence's start, root)
    found: dict[tuple[int, int, Anaphor, int], Optional[Referent]] = field(default_factory=dict)  # see antecedent
    constraints: dict[tuple[int, int], Optional[Anaphor]] = field(default_factory=dict)  # see anaphor_constraint


def anaphor_constraint(words: TokenSpan) -> Optional[Anaphor]:
    """The constraint when the words are a pronoun or a definite description, else None; kept
    per Doc (a candidate's words are often an event's or claim's argument too)."""
    return per_span(index_of(words.doc).tables(_CorefTables).constraints, words, _anaphor_constraint)


def _anaphor_constraint(words: TokenSpan) -> Optional[Anaphor]:
    book = dictionary()
    texts = token_table(words.doc)[0]
    if len(words) == 1 and texts[words.start].lower() in book.pronouns:
        if _impersonal(words[0]):
            return None
        spec = book.pronouns[texts[words.start].lower()]
        return Anaphor(number=spec.get("number"), person=spec.get("person"), gender=spec.get("gender"))
    if words.start == 0 or texts[words.start - 1].lower() not in DEFINITE:
        return None
    if any(texts[i].lower() in book.local_modifiers for i in range(words.start, words.end)):
        return None  # "the regional military administration": a local body, no national antecedent
    folded = fold(span_text(words))
    if folded in book.descriptions:
        return Anaphor(kinds=book.descriptions[folded], person=False)
    if words.root.lower_ in book.descriptions:
        # "the paramilitary group", "the Lebanese group": the head noun decides, a country word narrows.
        matches = [m for m in actor_matches(words) if not is_sponsor(words.doc, m)]
        if matches and head_kind(words, words.root.i)[1] in book.bodies:
            return None  # "the Russian foreign ministry" names a body: no antecedent needed
        if all(m.actor.is_country for m in matches) and len({m.actor.key for m in matches}) <= 1:
            return Anaphor(kinds=book.descriptions[words.root.lower_], person=False,
                           country=matches[0].actor.key if matches else None)
    described = describe(words)
    if described is not None and described.person and described.name is None and described.org:
        office = head_kind(words, words.root.i)[1] or fold(words.root.text)
        return Anaphor(person=True, org=described.org, role=office if office in book.offices else None)
    return None


def earlier_full_name(doc: Doc, words: TokenSpan, person: Referent) -> Optional[Referent]:
    """"Jawari said" after "Mushtaq al-Jawari, a commander of an Iraqi armed faction": the same
    person, with what the fuller, earlier mention told about them."""
    surname = _surname(person.name or "")
    if not surname or len((person.name or "").split()) > 1 and person.country is not None:
        return None
    # only sentences that hold the surname as a word: long articles have thousands of candidates
    current = _sentence_index(doc, words.start)
    holding = sorted({_sentence_index(doc, i) for i in _word_positions(doc).get(surname, ())
                      if i < words.start and _sentence_index(doc, i) <= current}, reverse=True)
    earlier = (m for k in holding for m in reversed(_mentions_in(doc, k)))
    for mention in earlier:
        if mention.end > words.start or not mention.is_actor:
            continue
        other = mention.referent
        if other is None or not other.person or other.name is None:
            continue
        if other.name != person.name and _surname(other.name) == surname and (
                other.country is not None or other.kind is not None or other.key is not None):
            return other
    return None


def _word_positions(doc: Doc) -> dict[str, list[int]]:
    """Where each lowercase word occurs ("al-"/"el-" prefixes dropped, as in `_surname`)."""
    tables = index_of(doc).tables(_CorefTables)
    positions = tables.words
    if positions is None:
        positions = tables.words = {}
        for i, lower in enumerate(index_of(doc).lowers):
            word = lower.removeprefix("al-").removeprefix("el-")
            positions.setdefault(word, []).append(i)
    return positions


def _surname(name: str) -> str:
    last = name.split()[-1] if name.split() else ""
    return last.lower().removeprefix("al-").removeprefix("el-")


def _impersonal(token) -> bool:
    """Expletive or event "it" ("It emerged that", "to put it bluntly") refers to no actor."""
    if token.lower_ != "it":
        return False
    if token.dep_ in ("expl", "attr"):
        return True
    head = token.head
    if head.lemma_ == "be" or head.lower_ in ("is", "was", "be", "been", "'s"):
        # "it is clear that ...", "it was reported to ...": no actor; "it is in a war" has one.
        deps = {c.dep_ for c in head.children}
        return "acomp" in deps and bool(deps & {"ccomp", "xcomp", "advcl"}) or "attr" in deps
    return head.lower_ in dictionary().impersonal_verbs


def antecedent(doc: Doc, words: TokenSpan, anaphor: Anaphor, depth: int = 0) -> Optional[Referent]:
    """The referent of an anaphor; `depth` bounds chains of pronouns ("Israel ... They ... they").
    Kept per Doc: a definite description is searched for as a candidate of later anaphors and
    again as an event's or claim's argument, a pronoun again by each chain that reaches it."""
    found = index_of(doc).tables(_CorefTables).found
    key = (words.start, words.end, anaphor, depth)
    if key not in found:
        found[key] = _antecedent(doc, words, anaphor, depth)
    return found[key]


def _antecedent(doc: Doc, words: TokenSpan, anaphor: Anaphor, depth: int) -> Optional[Referent]:
    anchor = words.root
    anchor_i, words_start = anchor.i, words.start
    current = _sentence_index(doc, anchor_i)
    starts = _sentence_starts(doc)

    def before(sentence: int) -> list[Candidate]:
        """Mentions ahead of the anaphor in a sentence (a name may begin in the one before)."""
        start = starts[sentence]
        return [m for k in (sentence - 1, sentence) if k >= 0 for m in _mentions_in(doc, k)
                if m.sent_start == start and m.end <= words_start and not (m.start <= anchor_i < m.end)]

    same = before(current)
    for candidate in _governing_subjects(anchor, same):
        if _fits(candidate.referent, anaphor):
            return candidate.referent
    # Same sentence: the nearest subject, then other actors in reading order.
    for candidate in sorted(same, key=lambda m: (not m.subject, -m.start if m.subject else m.start)):
        if candidate.is_actor and _fits(candidate.referent, anaphor):
            return candidate.referent
    searched = 0
    for sentence in range(current - 1, -1, -1):
        # Earlier sentences with an actor: the main clause's subject ("..., the air force
        # said."), other subjects, then other actors in reading order. Ranked before anything
        # is resolved, so that a search which succeeds early resolves few candidates.
        ranked = (m for m in _ranked_candidates(doc, sentence) if m.is_actor)
        best = next(ranked, None)
        if best is None:
            continue
        searched += 1
        if searched > LOOKBACK_SENTENCES:
            break
        if not (best.main and _fits(best.referent, anaphor)) and depth < MAX_CHAIN:
            chained = _chained_subject(doc, index_of(doc).sentence_of(starts[sentence]), anaphor, depth)
            if chained is not None:
                return chained
        for candidate in chain((best,), ranked):  # lazily: the rest are resolved only if reached
            if _fits(candidate.referent, anaphor):
                return candidate.referent
    return None


def _ranked_candidates(doc: Doc, sentence: int) -> list[Candidate]:
    """A whole earlier sentence's candidates in search order, ranked once per Doc: the main
    clause's subject, other subjects, then the rest in reading order."""
    cache = index_of(doc).tables(_CorefTables).ranked
    if sentence not in cache:
        start = _sentence_starts(doc)[sentence]
        own = [m for k in (sentence - 1, sentence) if k >= 0 for m in _mentions_in(doc, k)
               if m.sent_start == start]
        cache[sentence] = sorted(own, key=lambda m: (not m.main, not m.subject, m.start))
    return cache[sentence]


def _chained_subject(doc: Doc, sent: TokenSpan, anaphor: Anaphor, depth: int) -> Optional[Referent]:
    """A pronoun that is an earlier sentence's main subject stands for its own antecedent."""
    book = dictionary()
    for child in sent.root.children:
        if child.dep_ in SUBJECT_DEPS and child.lower_ in book.pronouns:
            spec = book.pronouns[child.lower_]
            if (spec.get("number"), spec.get("person"), spec.get("gender")) == (
                    anaphor.number, anaphor.person, anaphor.gender):
                found = antecedent(doc, doc[child.i:child.i + 1], anaphor, depth + 1)
                if found is not None:
                    return found
    return None


def _governing_subjects(anchor, before: list[Candidate]):
    """Actor subjects of the clauses above the anaphor, nearest clause first."""
    by_root: dict[int, list[Candidate]] = {}
    for m in before:
        by_root.setdefault(m.root, []).append(m)
    index = index_of(anchor.doc)
    _, deps, children = index.tree
    ancestors = index.ancestors(anchor.i)
    above = set(ancestors)  # a subject whose subtree holds the anaphor is one of these
    for ancestor in ancestors:
        for child in children[ancestor]:
            if deps[child] in SUBJECT_DEPS and child < anchor.i and child not in above:
                actors = [m for m in by_root.get(child, ()) if m.is_actor]
                if actors:
                    yield actors[-1]


def _fits(referent: Optional[Referent], anaphor: Anaphor) -> bool:
    """Whether a candidate agrees with what the anaphor asks: person or not, gender, the body a
    role belongs to ("its spokesman"), the country, the sector, the number."""
    if referent is None:
        return False
    if anaphor.person is not None and anaphor.person != bool(referent.person):
        return False
    if anaphor.gender and referent.gender and anaphor.gender != referent.gender:
        return False
    if anaphor.org is not None:
        return _fits_role(referent, anaphor)
    if anaphor.country is not None and referent.country != anaphor.country:
        return False
    if anaphor.kinds is not None:
        return referent.kind in anaphor.kinds and (referent.name is not None or referent.country is not None)
    if anaphor.number == "plural":
        return referent.plural and (referent.name is not None or referent.kind in COLLECTIVE_KINDS)
    if anaphor.number == "singular":
        return referent.name is not None and (not referent.plural or referent.key is not None) \
            and referent.kind not in ("CVL", "REF")
    return referent.name is not None


def _fits_role(referent: Referent, anaphor: Anaphor) -> bool:
    """A role of a named body ("the Hamas spokesman" -> "he"): a named person of that body (or
    country) whose own role, when known, is the one asked for."""
    if referent.name is None or not (referent.org == anaphor.org or referent.country == anaphor.org):
        return False
    known = dictionary().by_key.get(referent.key or "")
    return (anaphor.role is None or known is None or known.role is None
            or anaphor.role in fold(known.role))


def _mentions_in(doc: Doc, sentence: int) -> list[Candidate]:
    """Candidate antecedents that begin in one sentence: its noun chunks and named entities,
    found when a search first reaches the sentence and kept per Doc."""
    cache = index_of(doc).tables(_CorefTables).mentions
    if sentence in cache:
        return cache[sentence]
    first, last = _sentence_starts(doc)[sentence], _sentence_ends(doc)[sentence]
    found: dict[tuple[int, int], Candidate] = {}
    for start, end in index_of(doc).noun_chunks(first, last):
        words = trim(TokenSpan(doc, start, end))  # not doc[start:end], which normalizes the slice in Python
        if words is None or (len(words) == 1 and words[0].pos_ == "PRON"):
            continue
        _add(found, words)
    ents, ent_starts = entity_index(doc)
    for ent in ents[bisect_left(ent_starts, first):bisect_left(ent_starts, last)]:
        if ent.label_ == "PERSON":
            # "X, a commander of Y": the apposition tells who X is.
            appos = next((c for c in ent.root.children if c.dep_ == "appos" and c.i > ent.root.i), None)
            if appos is not None:
                found.pop((ent.start, ent.end), None)
                _add(found, doc[ent.start:appos.right_edge.i + 1], key=(ent.start, ent.end))
                continue
        if ent.label_ in ("PERSON", "ORG", "GPE", "NORP") and (ent.start, ent.end) not in found \
                and not sponsor_before(doc, ent.end):
            if ent.label_ == "NORP" and ent.root.tag_ not in ("NNS", "NNPS"):
                continue
            _add(found, ent)
    cache[sentence] = sorted(found.values(), key=lambda m: m.start)
    return cache[sentence]


def _add(found: dict, words: TokenSpan, key: Optional[tuple[int, int]] = None) -> None:
    root = words.root  # `Span.root` walks the span's heads on every access
    if _is_place_context(words, root) or _in_dateline(words):
        return
    sent_start, sent_root = _sentences(words.doc)[root.i]
    subject = root.dep_ in SUBJECT_DEPS
    found[key or (words.start, words.end)] = Candidate(
        start=words.start, end=words.end, root=root.i, sent_start=sent_start,
        subject=subject, main=subject and root.head.i == sent_root, words=words)


def _sentences(doc: Doc) -> list[tuple[int, int]]:
    """For each token, its sentence's first token and root token, found once per Doc."""
    tables = index_of(doc).tables(_CorefTables)
    if tables.sentences is None:
        tables.sentences = [pair for sent in index_of(doc).sents for pair in [(sent.start, sent.root.i)] * len(sent)]
    return tables.sentences


def _sentence_starts(doc: Doc) -> list[int]:
    return index_of(doc).sentences[1]


def _sentence_ends(doc: Doc) -> list[int]:
    return index_of(doc).sentences[2]


def _sentence_index(doc: Doc, token_i: int) -> int:
    return bisect_right(_sentence_starts(doc), token_i) - 1


def _in_dateline(words: TokenSpan) -> bool:
    """A wire dateline ("BANGKOK, Jan 9 (AP) —", "GOMA, Congo -") says where the story was filed;
    its place names are no one's antecedent. (The parser may cut it into sentences of its own,
    so the line, not the sentence, is what opens with it.)"""
    inside = dateline_tokens(words.doc)
    return words.start in inside and words.end - 1 in inside


def _is_place_context(words: TokenSpan, root: Token) -> bool:
    """A place name after a locative preposition ("in Gaza") is a place here, not an actor."""
    if not any(e.label_ in ("GPE", "LOC", "FAC") and e.start <= root.i < e.end for e in ents_in(words)):
        return False
    return root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPS
