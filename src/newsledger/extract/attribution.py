"""Attribution: who (source) asserts what (content), signalled by which words (cue).

Works on the dependency parse the pipeline already produced, Citron-style: find cue words
from data/attribution.yaml, then walk the tree to the source (the cue's subject, or the
object of "according to") and to the content (the clausal complement, the object, the text
after a forward-pointing colon, or the clause a parenthetical cue interrupts). Coordinated
predicates inside one content ("have killed ..., have uncovered ... and have destroyed ...")
are separate claims, so each becomes its own content span.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Mapping, Optional, overload

from spacy.attrs import POS
from spacy.symbols import AUX, VERB
from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from ..nlp.data_component import DataComponent
from ..nlp.doc_index import index_of
from ..nlp.extensions import covering_span, source_of
from ..resources import load_data, read_data
from .lemmas import candidates

TokenRange = tuple[int, int]  # token indices, end exclusive

SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
CLAUSAL = {"ccomp", "xcomp"}
OBJECTS = {"dobj", "obj", "attr", "oprd"}
SPLIT_ARGUMENTS = {"dobj", "obj", "attr", "acomp", "oprd", "dative", "prep", "ccomp", "xcomp", "agent"}
QUOTES = {'"', "“", "”", "``", "''"}
_QUOTE_CHARS = re.compile("[\"“”]|''|``")
_OPENING = {"“"}  # curly marks say which way they face
_CLOSING = {"”"}
_BRACKETS = {")": "(", "]": "["}  # closing -> opening


@dataclass
class Attribution:
    """One attribution relation; token ranges index the Doc."""
    cue: TokenRange
    source: Optional[TokenRange]
    contents: list[TokenRange]
    kind: str  # verb | noun | preposition | speaker
    assertive: bool = True  # False for attitudes, plans, questions, topics ("called for", "wants", "asked how")
    sentence: TokenRange = (0, 0)
    whole_content: Optional[TokenRange] = None  # before splitting coordinated predicates
    source_referent: Optional[TokenRange] = None  # what a relative-pronoun source stands for
    cue_phrase: Optional[TokenRange] = None  # the cue with its auxiliaries and adverbs ("has also said")
    made: bool = True  # False for a speech act no one made yet ("it is time for them to say so")


@dataclass
class Reference:
    """An assertion noun without its own content ("Israel's claims regarding ..."): it points
    back at earlier claims, which the stance stage uses."""
    noun: int
    source: Optional[TokenRange]


@dataclass
class Findings:
    attributions: list[Attribution] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    quotes: list[TokenRange] = field(default_factory=list)
    sentences: list[TokenRange] = field(default_factory=list)
    lowers: list[str] = field(default_factory=list)  # every token's lowercase form, by index
    headlines: set[TokenRange] = field(default_factory=set)
    dateline: TokenRange = (0, 0)  # the wire dateline opening the lede, if any

    def sentence_of(self, i: int) -> TokenRange:
        """The sentence holding token i (Token.sent rescans the Doc on every call)."""
        k = bisect_right(self.sentences, (i, float("inf"))) - 1
        return self.sentences[max(k, 0)]

    def next_sentence(self, sent: TokenRange) -> Optional[TokenRange]:
        k = bisect_right(self.sentences, (sent[0], float("inf")))
        return self.sentences[k] if k < len(self.sentences) else None


@dataclass(frozen=True)
class _View:
    """Per-token facts read once per Doc into plain lists: every doc[i] builds a Token object,
    and the span helpers below would otherwise build hundreds of thousands of them."""
    lowers: list[str]
    heads: list[int]  # the head's index
    edge: list[bool]  # whitespace, punctuation other than quotation marks, or a coordinator
    verbal: list[bool]  # a verb or auxiliary


@dataclass
class _AttributionTables:
    """Attribution's per-Doc tables, kept on the Doc's index."""
    view: Optional[_View] = None
    children: dict[int, list[Token]] = field(default_factory=dict)  # see _children


def _view(doc: Doc) -> _View:
    """The Doc's view, built once and kept with the Doc from the index's lists (a column of
    string hashes read with `to_array(...).tolist()` builds a big int per token)."""
    index = index_of(doc)
    tables = index.tables(_AttributionTables)
    if tables.view is not None:
        return tables.view
    lowers, punct, space = index.lowers, index.tokens[2], index.is_space
    heads, deps, _ = index.tree
    view = tables.view = _View(
        lowers=lowers,
        heads=heads,
        edge=[space[i] or punct[i] and lowers[i] not in QUOTES or deps[i] == "cc" for i in range(len(lowers))],
        verbal=[pos == VERB or pos == AUX for pos in doc.to_array(POS).tolist()])
    return view


def _children(tok: Token) -> list[Token]:
    """`Token.children`, built once per token and Doc from the index's tree: the rules below
    ask for a cue's children again and again, and each pass builds new Tokens."""
    tables = index_of(tok.doc).tables(_AttributionTables)
    found = tables.children.get(tok.i)
    if found is None:
        doc = tok.doc
        found = tables.children[tok.i] = [doc[c] for c in index_of(doc).tree[2][tok.i]]
    return found


@dataclass(frozen=True, eq=False)  # compared (and hashed, for the caches keyed by it) by identity
class CueLexicon:
    """The cue vocabulary of one pipeline (the `newsledger_cue_lexicon` component holds it)."""
    verbs: frozenset
    attitude_verbs: frozenset
    nouns: frozenset
    clause_only: frozenset
    particle_required: dict
    not_with_object: dict
    only_with_object: dict
    prepositions: tuple
    forward_pointers: frozenset
    relative_pronouns: frozenset
    preposition_starts: frozenset
    cognition_verbs: frozenset
    speaker_marks: frozenset
    discourse_sources: frozenset
    parenthetical_only: frozenset
    content_stops: frozenset
    cue_particles: frozenset
    cue_particle_verbs: frozenset
    recipient_verbs: frozenset
    topic_prepositions: frozenset
    aside_pronouns: frozenset
    adjectives: frozenset
    quote_only: frozenset
    attitude_nouns: frozenset
    addressees: dict
    act_with_object: frozenset
    unmade_modals: frozenset
    min_content_words: int
    complementizers: frozenset


Words = list[str]
WordTable = dict[str, list[str]]


@dataclass(frozen=True)
class CueFile:
    """The shape of data/attribution.yaml."""
    verbs: Words
    nouns: Words
    attitude_verbs: Words = field(default_factory=list)
    adjectives: Words = field(default_factory=list)
    particle_required: WordTable = field(default_factory=dict)
    cue_particles: Words = field(default_factory=list)
    topic_prepositions: Words = field(default_factory=list)
    addressees: WordTable = field(default_factory=dict)
    cue_particle_verbs: Words = field(default_factory=list)
    only_with_object: WordTable = field(default_factory=dict)
    not_with_object: WordTable = field(default_factory=dict)
    clause_only: Words = field(default_factory=list)
    quote_only: Words = field(default_factory=list)
    attitude_nouns: Words = field(default_factory=list)
    parenthetical_only: Words = field(default_factory=list)
    content_stops: Words = field(default_factory=list)
    aside_pronouns: Words = field(default_factory=list)
    prepositions: list[Words] = field(default_factory=list)
    forward_pointers: Words = field(default_factory=list)
    cognition_verbs: Words = field(default_factory=list)
    discourse_sources: Words = field(default_factory=list)
    speaker_marks: Words = field(default_factory=list)
    relative_pronouns: Words = field(default_factory=list)
    complementizers: Words = field(default_factory=list)
    min_content_words: int = 4
    recipient_verbs: Words = field(default_factory=list)
    act_with_object: Words = field(default_factory=list)
    unmade_modals: Words = field(default_factory=list)
    material_event_types: Words = field(default_factory=list)


CUES_FILE = "attribution.yaml"


def compile_cues(data: CueFile) -> CueLexicon:
    return CueLexicon(
        verbs=frozenset(data.verbs) | frozenset(data.quote_only),
        attitude_verbs=frozenset(data.attitude_verbs) - frozenset(data.verbs),
        nouns=frozenset(data.nouns),
        clause_only=frozenset(data.clause_only),
        particle_required={k: set(v) for k, v in data.particle_required.items()},
        not_with_object={k: set(v) for k, v in data.not_with_object.items()},
        only_with_object={k: set(v) for k, v in data.only_with_object.items()},
        prepositions=tuple(tuple(p) for p in data.prepositions),
        forward_pointers=frozenset(data.forward_pointers),
        relative_pronouns=frozenset(data.relative_pronouns),
        preposition_starts=frozenset(p[0] for p in data.prepositions),
        cognition_verbs=frozenset(data.cognition_verbs),
        speaker_marks=frozenset(data.speaker_marks),
        discourse_sources=frozenset(data.discourse_sources),
        parenthetical_only=frozenset(data.parenthetical_only),
        content_stops=frozenset(data.content_stops),
        cue_particles=frozenset(data.cue_particles),
        cue_particle_verbs=frozenset(data.cue_particle_verbs),
        recipient_verbs=frozenset(data.recipient_verbs),
        topic_prepositions=frozenset(data.topic_prepositions),
        aside_pronouns=frozenset(data.aside_pronouns),
        adjectives=frozenset(data.adjectives),
        quote_only=frozenset(data.quote_only),
        attitude_nouns=frozenset(data.attitude_nouns),
        addressees={k: frozenset(v) for k, v in data.addressees.items()},
        act_with_object=frozenset(data.act_with_object),
        unmade_modals=frozenset(data.unmade_modals),
        min_content_words=data.min_content_words,
        complementizers=frozenset(data.complementizers),
    )


class CueLexiconComponent(DataComponent[CueLexicon]):
    """The pipeline's attribution cues (role: cues)."""

    def compile(self, texts: Mapping[str, str], names: Mapping[str, str]) -> CueLexicon:
        return compile_cues(read_data(texts["cues"], names["cues"], CueFile))


def _cue_file() -> CueFile:
    """The shipped cue file, for the one list read outside a pipeline."""
    return load_data(CUES_FILE, CueFile)


def material_event_types() -> frozenset:
    return frozenset(_cue_file().material_event_types)


@Language.factory("newsledger_cue_lexicon", default_config={"cues": CUES_FILE})
def make_cue_lexicon(nlp: Language, name: str, cues: str) -> CueLexiconComponent:
    return CueLexiconComponent(name, {"cues": cues})


def lexicon(doc: Doc) -> CueLexicon:
    """The cue vocabulary of the pipeline that made `doc`."""
    return index_of(doc).lexicon(CueLexicon)


def lexical_match(token: Token, words: frozenset) -> Optional[str]:
    return _match(token.lower_, words)


@lru_cache(maxsize=8192)
def _match(word: str, words: frozenset) -> Optional[str]:
    return next((c for c in candidates(word) if c in words), None)


def find(doc: Doc) -> Findings:
    lex = lexicon(doc)
    found = Findings()
    claimed_cues: set[int] = set()
    found.quotes = quotes = quotations(doc)
    sents = index_of(doc).sents
    found.sentences = [(sent.start, sent.end) for sent in sents]
    found.headlines = _headline_sentences(doc, found.sentences)
    lede = next((s for s in found.sentences if s not in found.headlines
                 and any(not t.is_space for t in doc[s[0]:s[1]])), None)
    if lede is not None:
        found.dateline = _lede_dateline(doc, lede)
    quoted = {i for q in quotes for i in range(q[0] + 1, q[1] - 1)}
    found.lowers = lowers = _view(doc).lowers
    marks = []
    starts = [s[0] for s in found.sentences]
    for i in [i for i, word in enumerate(lowers) if _may_cue(word, lex)]:
        if i in claimed_cues or i in quoted:
            continue  # words inside a quotation are the speaker's, reported as a whole
        sent = sents[bisect_right(starts, i) - 1]
        tok = doc[i]
        if tok.text in lex.speaker_marks:
            marks.append(tok)
            continue
        att = _attribution_at(tok, sent, lex, found)
        if att is not None:
            att.sentence = (sent.start, sent.end)
            found.attributions.append(att)
            claimed_cues.update(range(*att.cue))
    found.attributions += _speaker_lines(doc, marks, found, claimed_cues)
    found.attributions.sort(key=lambda a: a.cue)
    found.attributions = _outermost(found.attributions)
    # The children Tokens served the cue rules; kept with the Doc they would only lengthen the
    # garbage collector's full passes (~90 tracked objects an article).
    index_of(doc).tables(_AttributionTables).children.clear()
    return found


def _attribution_at(tok: Token, sent: TokenSpan, lex: CueLexicon, found: Findings) -> Optional[Attribution]:
    """The attribution a candidate cue word opens, by its kind: a preposition ("according to"),
    a verb ("said", or an attitude: "wants"), a noun ("claims that", "criticism of"), an
    adjective ("confident that")."""
    att = None
    width = _preposition_width(tok, lex) if found.lowers[tok.i] in lex.preposition_starts else 0
    if width:
        att = _preposition_attribution(tok, width, sent)
    if att is None and tok.tag_.startswith("VB"):  # "citing": a preposition, or a verb with an object
        verb = lexical_match(tok, lex.verbs)
        cue_lemma = verb or lexical_match(tok, lex.attitude_verbs)
        if cue_lemma:
            att = _verb_attribution(tok, cue_lemma, sent, lex, found)
            if att is not None:
                att.assertive = att.assertive and verb is not None
    elif att is None and tok.pos_ == "NOUN":
        if lexical_match(tok, lex.nouns):
            att = _noun_attribution(tok, sent, lex, found)
        elif lexical_match(tok, lex.attitude_nouns):
            att = _attitude_noun_attribution(tok, lex)
    if att is None and found.lowers[tok.i] in lex.adjectives:
        att = _adjective_attribution(tok, lex)
    return att


@lru_cache(maxsize=1 << 12)
def _may_cue(word: str, lex: CueLexicon) -> bool:
    """A cheap test on the word alone, so Token objects are made only for candidates (a
    bound a news stream fills within ~1,000 articles: each brings ~4 words new to it)."""
    return word in lex.preposition_starts or word in lex.speaker_marks or word in lex.adjectives or \
        any(_match(word, words) for words in (lex.verbs, lex.attitude_verbs, lex.nouns, lex.attitude_nouns))


def _speaker_lines(doc: Doc, marks: list[Token], found: Findings, taken: set[int]) -> list[Attribution]:
    """Transcript and vox-pop layouts: "NAME: words" at the start of a line, and
    "\u201cquote\u201d \u2015 Name" with the speaker after a dash (`marks`: the colons and
    dashes outside quotations)."""
    out = []
    closing = {q[1] - 1: q for q in found.quotes}
    for tok in marks:
        if tok.i in taken:
            continue
        if tok.text == ":":
            start = _line_start(doc, tok.i)
            name = [t for t in doc[start:tok.i] if not t.is_space]
            while name and name[0].text in QUOTES:  # a transcript quoted paragraph by paragraph
                name = name[1:]
            if not (0 < len(name) <= 4) or not all(t.pos_ in ("PROPN", "NOUN") and (t.is_title or t.is_upper)
                                                   for t in name):
                continue
            content = _trim(doc, tok.i + 1, _line_end(doc, tok.i))
            if content is None or content[1] - content[0] < 3:
                continue
            source = (name[0].i, name[-1].i + 1)
        else:
            before = tok.i - 1
            while before >= 0 and doc[before].is_space:
                before -= 1
            if before not in closing:
                continue
            end = _line_end(doc, tok.i)
            words = [t for t in doc[tok.i + 1:end] if not t.is_space]
            if not (0 < len(words) <= 6) or not words[0].is_title:
                continue
            source, content = (words[0].i, words[-1].i + 1), closing[before]
        sent = found.sentence_of(tok.i)
        out.append(Attribution(cue=(tok.i, tok.i + 1), source=source, contents=[content], kind="speaker",
                               sentence=sent, whole_content=content))
    return out


def _line_start(doc: Doc, i: int) -> int:
    while i > 0 and not (doc[i - 1].is_space and "\n" in doc[i - 1].text) and "\n" not in doc[i - 1].whitespace_:
        i -= 1
    return i


def _line_end(doc: Doc, i: int) -> int:
    n = len(doc)
    while i < n and not (doc[i].is_space and "\n" in doc[i].text):
        i += 1
    return i


def _outermost(atts: list[Attribution]) -> list[Attribution]:
    """Drop attributions reported inside another one's content ("X said Y claimed Z"): the
    outer source is the one the article cites. A stance or topic holds the statements made
    inside it ("responded by saying that ..."), so those stay."""
    spans = [a.whole_content or a.contents[0] for a in atts]
    # Only a content that starts at most `widest` tokens before a cue can hold it: the others
    # are skipped by bisection (a long article has hundreds of attributions).
    order = sorted(range(len(atts)), key=lambda k: spans[k][0])
    starts = [spans[k][0] for k in order]
    widest = max((end - start for start, end in spans), default=0)

    def within(a: Attribution, span: TokenRange) -> bool:
        return span[0] <= a.cue[0] < span[1]

    def reported_inside(a: Attribution, own: TokenRange) -> bool:
        cue = a.cue[0]
        near = order[bisect_left(starts, cue - widest + 1):bisect_right(starts, cue)]
        return any(atts[k] is not a and within(a, spans[k]) and not within(atts[k], own)
                   and (atts[k].assertive or not a.assertive)  # "responded by saying that ..."
                   for k in near)

    return [a for a, own in zip(atts, spans) if not reported_inside(a, own)]


# --- cues -------------------------------------------------------------------------------

def _preposition_width(tok: Token, lex: CueLexicon) -> int:
    doc = tok.doc
    for phrase in lex.prepositions:
        n = len(phrase)
        if tok.i + n <= len(doc) and all(doc[tok.i + k].lower_ == w for k, w in enumerate(phrase)):
            return n
    return 0


def _verb_attribution(verb: Token, lemma: str, sent: TokenSpan, lex: CueLexicon,
                      found: Findings) -> Optional[Attribution]:
    if not _reports(verb, lemma, lex):
        return None
    ranges, by_object, unasserted = _verb_content(verb, sent, lex, lemma, found)
    if by_object and lemma in lex.act_with_object:
        return None  # "maintained a program", "wrote a memoir"
    contents = [c for c in (_trim_content(verb.doc, c, lex) for c in ranges) if c]
    if not contents:
        return None
    source = _cue_source(verb, lex, found)
    referent = _relative_referent(verb, source, lex)
    if source is None and not any(c.dep_ == "auxpass" for c in _children(verb)):
        return None
    if source is not None:
        contents = _stopped_at_source(verb, contents, source)
        if not contents:
            return None
    discourse = source is not None and lemma in lex.cognition_verbs and \
        verb.doc[source[0]:source[1]].text.lower() in lex.discourse_sources  # "I think", "you know"
    whole = (min(s for s, _ in contents), max(e for _, e in contents))
    split = [part for s, e in contents  # a quotation is one turn, however many verbs it has
             for part in ([(s, e)] if (s, e) in found.quotes else split_coordination(verb.doc, (s, e)))]
    cue = _cue_range(verb, lex if lemma in lex.cue_particle_verbs else None, lemma)
    unmade = _unrealized(verb, lex)
    return Attribution(cue=cue, source=source, contents=split, cue_phrase=_cue_phrase(verb, cue, source),
                       kind="verb", whole_content=whole, source_referent=referent,
                       made=not unmade,
                       assertive=not (discourse or unasserted or by_object and lemma in lex.clause_only or unmade))


def _unrealized(verb: Token, lex: CueLexicon) -> bool:
    """A speech act no one made yet: a cue in an infinitive that hangs on a noun or adjective
    ("it is time for them to say so", "free to say"), or under a modal of obligation ("the
    coalition should admit that ...")."""
    return verb.head.pos_ in ("NOUN", "ADJ") and any(c.dep_ == "aux" and c.tag_ == "TO" for c in _children(verb)) \
        or any(c.dep_ == "aux" and c.lower_ in lex.unmade_modals for c in _children(verb))


def _stopped_at_source(verb: Token, contents: list[TokenRange], source: TokenRange) -> list[TokenRange]:
    """A content running over its own source stops before it."""
    return [c for c in (_trim(verb.doc, lo, source[0]) if lo < source[0] < hi and not lo <= verb.i < hi
                        else (lo, hi) for lo, hi in contents) if c]


def _cue_source(verb: Token, lex: CueLexicon, found: Findings) -> Optional[TokenRange]:
    """The speaker: the verb's own source, the name after a closing quotation, the name right
    before the cue; a source inside the lede's dateline ("KYIV, Ukraine -") is the words after it."""
    source = _verb_source(verb, lex) or _source_after_quote(verb, found.quotes) or _name_before(verb) \
        or _source_after_comma(verb)
    if source is not None and found.dateline[0] <= source[0] < found.dateline[1]:
        source = _after_dateline(verb, found.dateline[1])
    return source


def _reports(verb: Token, lemma: str, lex: CueLexicon) -> bool:
    """Whether the verb is used as a cue here: not a modifier ("the alleged attack"), with the
    particle its lexicon entry requires ("pointed out"), with or without the objects listed."""
    if verb.dep_ in ("amod", "compound") or (verb.dep_ == "acl" and verb.tag_ != "VBG"):
        return False  # "the alleged attack", "the attack claimed by ..." describe, not report
    particles = {c.lower_ for c in _children(verb) if c.dep_ in ("prt", "prep")}
    needed = lex.particle_required.get(lemma)
    if needed and not particles & needed:
        return False
    allowed = lex.only_with_object.get(lemma)
    if allowed and not any(c.dep_ in OBJECTS and c.lower_ in allowed for c in _children(verb)) and not (
            lemma in lex.parenthetical_only and _is_parenthetical(verb)):
        return False
    banned = lex.not_with_object.get(lemma)
    return not (banned and any(c.dep_ in OBJECTS and c.lower_ in banned for c in _children(verb)))


def _relative_referent(verb: Token, source: Optional[TokenRange], lex: CueLexicon) -> Optional[TokenRange]:
    """For "Nasrallah, who had warned ...", the noun phrase the relative pronoun stands for."""
    if source is None or source[1] - source[0] != 1:
        return None
    pronoun = verb.doc[source[0]]
    if pronoun.lower_ not in lex.relative_pronouns:
        return None
    node = verb
    while node.dep_ != "relcl" and node.head.i != node.i and node.head.i > pronoun.i:
        node = node.head
    if node.dep_ != "relcl":
        return None
    return _phrase_before(node.head, pronoun)


def _cue_range(verb: Token, lex: Optional[CueLexicon], lemma: Optional[str] = None) -> TokenRange:
    """The verb plus a particle right after it ("pointed out"; "called for" for the verbs
    listed in cue_particle_verbs, but not "spoke to": that names whom it addresses)."""
    end = verb.i + 1
    for c in _children(verb):
        if c.i == end and (c.dep_ == "prt" or (lex is not None and c.dep_ == "prep" and c.lower_ in lex.cue_particles
                                               and c.lower_ not in lex.addressees.get(lemma, ()))):
            end += 1
    return (verb.i, end)


def _cue_phrase(verb: Token, cue: TokenRange, source: Optional[TokenRange]) -> TokenRange:
    """The cue widened over the auxiliaries, negation and adverbs right before it ("has
    also said", "did not deny", "are urging"), never into the source."""
    start = cue[0]
    floor = source[1] if source is not None and source[1] <= cue[0] else 0
    while start - 1 >= floor and (tok := verb.doc[start - 1]).head.i == verb.i and \
            tok.dep_ in ("aux", "auxpass", "neg", "advmod"):
        start -= 1
    return (start, cue[1])


def _verb_source(verb: Token, lex: CueLexicon) -> Optional[TokenRange]:
    """Who speaks: the cue's subject or passive agent, else the subject up a chain of verbs
    ("was forced to admit", "X said Y, arguing Z", "responded by saying")."""
    node = verb
    for _ in range(4):
        passive = any(c.dep_ == "auxpass" for c in _children(node))
        subjects = []
        for c in _children(node):
            if passive and c.dep_ == "agent":
                obj = next((g for g in _children(c) if g.dep_ == "pobj"), None)
                return _phrase(obj) if obj is not None else None
            if c.dep_ in SUBJECTS and not passive:
                subjects.append(c)
        if subjects:
            return _subject_source(verb, node, subjects, lex)
        if passive and node is not verb:  # "he was forced to admit", "after saying ..., she was taken"
            subject = next((c for c in _children(node) if c.dep_ == "nsubjpass"), None)
            return _phrase(subject) if subject is not None else None
        if passive:
            return None  # "it was reported that": no source named
        if node.dep_ == "acl" and node.tag_ == "VBG" and node.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return _phrase_before(node.head, node)  # "a statement saying that ..."
        governor = _speaking_governor(node, lex)
        if governor is None:
            break
        node = governor
    return None


def _subject_source(verb: Token, node: Token, subjects: list[Token], lex: CueLexicon) -> TokenRange:
    """"which officials said held ...": the parser may give the cue two subjects; a relative
    pronoun is the last choice."""
    misparsed = _subject_clause(node) if node is verb else None
    if misparsed is not None:
        return _source_phrase(misparsed[1])
    return _source_phrase(next((c for c in subjects if c.lower_ not in lex.relative_pronouns), subjects[0]))


def _speaking_governor(node: Token, lex: CueLexicon) -> Optional[Token]:
    """The verb whose subject also speaks the cue: up an open complement, a conjunct or an
    adverbial clause, or from "by saying" to its main verb; None where the chain stops."""
    if node.dep_ in ("xcomp", "conj", "advcl") and node.head.tag_.startswith("VB") and node.head.i != node.i:
        trailing = node.dep_ == "advcl" and node.tag_ == "VBG"
        governor = node.head
        if trailing and governor.dep_ == "ccomp" and _is_cue_word(governor.head.lower_, lex):
            governor = governor.head  # "X said Y, arguing Z": X argues, not Y's subject
        return governor
    if node.dep_ == "pcomp" and node.head.dep_ == "prep" and node.head.head.tag_.startswith("VB"):
        return node.head.head  # "responded ... by saying", "after saying": the main verb's subject
    return None


_Content = tuple[list[TokenRange], bool, bool]  # ranges, only the verb's object, asserts nothing


def _verb_content(verb: Token, sent: TokenSpan, lex: CueLexicon, lemma: str, found: Findings) -> _Content:
    """The content ranges; whether they are only the verb's object ("noted the rule",
    "questioned the figures" attribute a stance toward something, not a statement); and
    whether they assert nothing at all, though attributed to the source: an indirect question
    ("asked how ...", "explained why ...") or a topic ("spoke about the strike", "voted
    against the bill"). The rule groups are tried in order; the first that finds content wins."""
    for rule in (_quotation_content, _clause_content, _object_content, _aside_content):
        content = rule(verb, sent, lex, lemma, found)
        if content is not None:
            return content
    return _trailing_content(verb, sent, lex, lemma, found)


def _quotation_content(verb: Token, sent: TokenSpan, lex: CueLexicon, lemma: str, found: Findings) -> Optional[_Content]:
    """Cues that only ever introduce a quotation or an aside: "she continued: ...", '"...," he
    went on', "as one official put it" ("put the toll at 12" goes on to the other rules)."""
    if lemma in lex.quote_only:
        quoted = _forward_content(verb, sent, found)
        return ([quoted] if quoted else _adjacent_quote(verb, found.quotes, sent)), False, False
    if lemma in lex.parenthetical_only and (_is_parenthetical(verb) or lemma not in lex.only_with_object):
        side = _parenthetical_content(verb) if _is_parenthetical(verb) else None
        return ([side] if side else []), False, False
    return None


def _clause_content(verb: Token, sent: TokenSpan, lex: CueLexicon, lemma: str, found: Findings) -> Optional[_Content]:
    """A statement: the words after a colon, a clause the parser made the cue's subject, a
    complement clause ("said that ..."), a directive ("urged residents to leave"), what a
    recipient was told, or the quotation the cue introduces or closes."""
    forward = _forward_content(verb, sent, found)
    if forward:
        return [forward], False, False
    misparsed = _subject_clause(verb)
    if misparsed is not None:  # "Strikes killed 40 people on Saturday, the agency said"
        return [_subtree_range(misparsed[0])], False, False
    children = list(_children(verb))
    clauses = _statement_clauses(verb)
    later = [c for c in clauses if c.i > verb.i]
    addressee = next((c for c in children if c.dep_ in ("dobj", "dative") and verb.i < c.i < later[0].i), None) \
        if later and later[0].dep_ == "xcomp" else None
    if addressee is not None:  # "urged residents to leave": a directive to someone, not a statement
        return [(addressee.left_edge.i, _subtree_range(later[0])[1])], False, True
    if later:
        return [_opened_quotation(verb, _clause_range(verb, c), found.quotes) for c in later], False, False
    told = _recipient_clause(verb, lex)
    if told:
        return [told], False, False
    quote = _adjacent_quote(verb, found.quotes, sent)
    if quote:
        return quote, False, False
    if clauses:
        return [_closing_cue_content(verb, sent, _subtree_range(c)) for c in clauses], False, False
    return None


def _opened_quotation(verb: Token, clause: TokenRange, quotes: list[TokenRange]) -> TokenRange:
    """'He said, "We will stay. We will rebuild."': a clause inside the quotation the cue opens
    stands for all of it, marks and every sentence included."""
    for q in quotes:
        if q[0] <= clause[0] and clause[1] <= q[1] and _cue_opens(verb, q):
            return q
    return clause


def _statement_clauses(verb: Token) -> list[Token]:
    return [c for c in _children(verb) if c.dep_ in CLAUSAL and not _is_question(c, verb)]


def _cue_objects(verb: Token, lex: CueLexicon) -> list[Token]:
    return [c for c in _children(verb) if c.dep_ in OBJECTS and c.lower_ not in lex.relative_pronouns]


def _object_content(verb: Token, sent: TokenSpan, lex: CueLexicon, lemma: str, found: Findings) -> Optional[_Content]:
    """A stance toward something: the passive's patient ("the nominee was endorsed by the
    union"), the verb's object with its own trailing words ("called him a liar"), a particle's
    object ("pointed to the damage")."""
    children = list(_children(verb))
    patient = next((c for c in children if c.dep_ == "nsubjpass" and c.i < verb.i), None)
    if patient is not None and any(c.dep_ == "agent" for c in children):
        return [_phrase(patient)], True, True
    objects = _cue_objects(verb, lex)
    if objects and not (lemma in lex.clause_only and lemma in lex.recipient_verbs):
        start, end = _subtree_range(objects[0])
        for c in children:  # "called him a liar", "vowed a response to the act": the verb's own trailing words
            if c.i >= end and (c.dep_ == "oprd" or c.dep_ in ("prep", "dative") and c.i == end):
                end = _subtree_range(c)[1]
        return [(start, end)], True, False
    particle = _particle_object(verb, lex, lemma)
    if particle:
        return [particle], True, False
    return None


def _aside_content(verb: Token, sent: TokenSpan, lex: CueLexicon, lemma: str, found: Findings) -> Optional[_Content]:
    """What an interrupting cue interrupts, an indirect question ("asked how ..."), a topic
    ("spoke about the strike")."""
    if _is_parenthetical(verb):
        side = _parenthetical_content(verb)
        if side:
            return [side], False, False
    clauses = _statement_clauses(verb)
    questions = [c for c in _children(verb) if c.dep_ in CLAUSAL and c.i > verb.i and c not in clauses]
    if questions:
        return [_subtree_range(questions[0])], False, True
    topic = _topic(verb, lex, lemma)
    if topic:
        return [topic], True, True
    return None


def _trailing_content(verb: Token, sent: TokenSpan, lex: CueLexicon, lemma: str, found: Findings) -> _Content:
    """Last resort for a cue with no argument the parser attached: the words that follow it,
    the clause a closing cue ends, or a content the parser cut off."""
    if lemma in lex.clause_only or _cue_objects(verb, lex):
        return [], False, False
    doc = verb.doc
    stop = sent.end
    if verb.dep_ == "relcl":  # "troops, which X denied were there, still ...": the clause ends at its comma
        stop = next((t.i for t in doc[verb.i + 1: sent.end] if t.text in (",", ";", "—")), sent.end)
    after = [t for t in doc[verb.i + 1: stop] if not t.is_punct and not t.is_space]
    if len(after) >= 3 and after[0].dep_ not in ("prep", "advmod", "npadvmod"):
        return [(after[0].i, after[-1].i + 1)], False, False
    closing = _closing_cue_content(verb, sent, None)
    if closing:
        return [closing], False, False
    return ([cut] if (cut := _cut_off_content(verb, sent, found)) else []), False, False


def _clause_range(verb: Token, clause: Token) -> TokenRange:
    """The complement's subtree, widened back to its "that" when the parser attached the
    complementizer elsewhere."""
    start, end = _subtree_range(clause)
    for t in verb.doc[verb.i + 1: start]:
        if t.dep_ == "mark" and t.lower_ == "that":
            return (t.i, end)
    return (start, end)


def _is_question(clause: Token, cue: Token) -> bool:
    """Indirect questions ("show where the tunnels are") are not assertions; a relative
    pronoun before the cue ("which his lawyer said was obvious") opens no question."""
    first = clause.left_edge
    if first.i < cue.i:
        return False
    return first.tag_ in ("WRB", "WP", "WDT") and first.lower_ not in ("that",) or first.lower_ == "whether"


def _is_parenthetical(verb: Token) -> bool:
    """"..., the ministry said." / "as she put it": a cue that only interrupts or closes a clause."""
    if verb.head.i == verb.i or verb.dep_ not in ("parataxis", "ccomp", "advcl", "conj"):
        return False
    has_subject_before = any(c.dep_ in SUBJECTS and c.i < verb.i for c in _children(verb))
    trailing = [t for t in verb.subtree if t.i > verb.i and not t.is_punct and t.dep_ not in ("dobj", "advmod", "npadvmod")]
    as_clause = any(c.dep_ == "mark" and c.lower_ == "as" for c in _children(verb))
    return has_subject_before and (not trailing or as_clause)


def _forward_content(verb: Token, sent: TokenSpan, found: Findings) -> Optional[TokenRange]:
    """"alleged the following: That ..." / "told reporters:" -> the words after the colon, or
    the next sentence when the colon ends this one."""
    doc = verb.doc
    view = _view(doc)
    colon = None
    for k in range(verb.i + 1, min(sent.end, verb.i + 6)):
        if view.lowers[k] == ":":
            colon = k
            break
        if view.verbal[k] or view.lowers[k] in QUOTES:
            return None
    if colon is None:
        return None
    start, end = colon + 1, sent.end
    if start >= end or all(t.is_punct or t.is_space for t in doc[start:end]):
        nxt_sent = found.next_sentence((sent.start, sent.end))
        while nxt_sent is not None and all(t.is_space for t in doc[nxt_sent[0]:nxt_sent[1]]):
            nxt_sent = found.next_sentence(nxt_sent)
        if nxt_sent is None:
            return None
        start, end = nxt_sent
    while start < end and view.lowers[start].isspace():
        start += 1
    quote = next((q for q in found.quotes if q[0] == start), None)
    if quote is not None:
        return quote  # 'said: "... . ..."': the whole quotation, however many sentences
    return _trim(doc, start, end)


def quotations(doc: Doc) -> list[TokenRange]:
    """Direct quotations as token ranges including their marks, paired within paragraphs.
    Scans the text, not the tokens: quotation marks are rare and the Doc is long."""
    text = source_of(doc)
    out, opened = [], None
    pos = 0
    for mark in _QUOTE_CHARS.finditer(text):
        if opened is not None and "\n" in text[pos: mark.start()]:
            opened = None
        span = covering_span(doc, mark.start(), mark.end())
        pos = mark.end()
        if span is None:
            continue
        i = span.start
        if mark.group() in _OPENING or (opened is None and mark.group() not in _CLOSING):
            opened = i  # a curly opening mark starts afresh, whatever was left unclosed
        elif opened is None:
            continue  # a stray closing mark
        else:
            if i - opened > 2:
                out.append((opened, i + 1))
            opened = None
    return out


def _adjacent_quote(verb: Token, quotes: list[TokenRange], sent: TokenSpan) -> list[TokenRange]:
    """The quotation a speech cue introduces or closes ("..., she said." / "He said: ..."),
    plus a quotation that carries on in the same paragraph, after the cue or in the next
    sentence ("\"...,\" she said, \"more\"" / "she said. \"More.\""); a new paragraph is a new turn."""
    near = None
    for q in quotes:
        if q[0] <= verb.i < q[1]:
            return []
        if near is not None and verb.i < q[0]:
            break  # a quotation the cue closes wins over one that follows it
        if _cue_closes(verb, q, sent):
            near = q  # '"...," the minister said' / '"...," said the minister'
        elif _cue_opens(verb, q):
            near = q  # 'He said: "..."'
            break
    if near is None:
        return []
    parts = [near]
    if near[1] <= verb.i:
        follow = next((q for q in quotes if q[0] > verb.i), None)
        if follow is not None and follow[0] <= sent.end + 1 and _only_source_between(verb, follow[0]):
            parts.append(follow)  # '"...," he said, "..."' and '"...," he said. "..."' in one paragraph
    return parts


def _cue_closes(verb: Token, quote: TokenRange, sent: TokenSpan) -> bool:
    """The cue follows the quotation closely, with nothing but its source and punctuation between;
    a quotation closed with a full stop ends its sentence, so the next one is not its cue."""
    doc, end, lo = verb.doc, quote[1], verb.left_edge.i
    return end <= verb.i and (end > sent.start or doc[end - 2].text != ".") \
        and (verb.i - end <= 6 or _only_subject_between(verb, end)) \
        and (end >= lo or all(t.is_punct or t.is_space for t in doc[end:lo]))


def _cue_opens(verb: Token, quote: TokenRange) -> bool:
    """The quotation starts within three tokens after the cue, past punctuation only."""
    return verb.i < quote[0] and quote[0] - verb.i <= 3 and all(
        (t.is_punct and t.text not in ".!?") or (t.is_space and "\n" not in t.text)
        for t in verb.doc[verb.i + 1:quote[0]])


def _headline_sentences(doc: Doc, sentences: list[TokenRange]) -> set[TokenRange]:
    """Sentences whose words all lie on one headline or crosshead line (doc._.headlines)."""
    out: set[TokenRange] = set()
    for lo, hi in doc._.headlines or ():
        out.update(s for s in sentences if s[0] < hi and s[1] > lo and all(
            lo <= t.i < hi for t in doc[s[0]:s[1]] if not t.is_space))
    return out


def _lede_dateline(doc: Doc, lede: TokenRange) -> TokenRange:
    """(first token, first token after the dash) of the dateline opening the lede, or
    (lede start, lede start) when there is none; the parser may have cut the dateline off
    as a sentence of its own, so the range can run past the lede."""
    first = lede[0]
    while first < lede[1] and doc[first].is_space:
        first += 1
    dash = next((d for f, d in doc._.datelines or () if f == first), None)
    if dash is None:
        return (lede[0], lede[0])
    after = dash + 1
    while after < len(doc) and doc[after].is_space:
        after += 1
    return (lede[0], after)


def _after_dateline(verb: Token, start: int) -> Optional[TokenRange]:
    """"GENEVA, June 2 (AP) — A senior official told ...": the parser takes the dateline
    for the subject; the source is the noun phrase between it and the cue."""
    words = _trim(verb.doc, start, verb.i)
    if words is None or words[1] - words[0] > 10 or \
            any(t.pos_ in ("VERB", "AUX") for t in verb.doc[words[0]:words[1]]):
        return None
    return words


def _name_before(verb: Token) -> Optional[TokenRange]:
    """"In a meeting with the editorial board of the Post Trump said that ...": the parser
    lost the subject in a long opening phrase; a name right before the cue is the source."""
    if verb.dep_ not in ("ROOT", "ccomp", "parataxis") or any(c.dep_ == "auxpass" for c in _children(verb)):
        return None
    doc = verb.doc
    k = verb.i - 1
    while k >= 0 and verb.i - k <= 4 and doc[k].pos_ == "PROPN":
        k -= 1
    return (k + 1, verb.i) if k + 1 < verb.i else None


def _source_after_comma(verb: Token) -> Optional[TokenRange]:
    """"..., the resistance committee of the city said.": a closing cue without a subject (the
    parser hung the name on the clause before, as an apposition); the noun phrase between the
    last comma and the cue is the source."""
    if verb.dep_ != "ROOT" or any(c.dep_ in SUBJECTS or c.dep_ == "auxpass" for c in _children(verb)):
        return None
    doc = verb.doc
    comma = next((k for k in range(verb.i - 1, max(verb.i - 12, -1), -1) if doc[k].text == ","), None)
    words = _trim(doc, comma + 1, verb.i) if comma is not None else None
    if words is None or doc[words[0]].pos_ not in ("DET", "PROPN", "NOUN", "ADJ") or \
            any(t.pos_ in ("VERB", "AUX") or t.is_punct for t in doc[words[0]:words[1]]):
        return None
    return words


def _source_after_quote(verb: Token, quotes: list[TokenRange]) -> Optional[TokenRange]:
    """'"...," Flynn, a surrogate, said': the parser often hangs the name on the quotation's
    last noun; the words between the closing mark and the cue are the source."""
    doc = verb.doc
    end = next((q[1] for q in quotes if 0 < verb.i - q[1] <= 12), None)
    if end is None:
        return None
    between = _trim(doc, end, verb.i)
    if between is None or doc[between[0]].pos_ not in ("PROPN", "DET", "NOUN") or \
            any(t.pos_ in ("VERB", "AUX") for t in doc[between[0]:between[1]]):
        return None
    return between


def _only_source_between(verb: Token, end: int) -> bool:
    """Between the cue and token `end` there is nothing but the cue's own subject and
    adjuncts ("said on Tuesday."), no other verb, quotation or line break: the quotation
    at `end` carries on the same turn."""
    doc = verb.doc
    subject = next((c for c in _children(verb) if c.dep_ in SUBJECTS and c.i > verb.i), None)
    lo, hi = _subtree_range(subject) if subject is not None else (verb.i, verb.i)
    view = _view(doc)
    return all(lo <= k < hi or not (view.verbal[k] or "\n" in view.lowers[k] or view.lowers[k] in QUOTES)
               for k in range(verb.i + 1, end))


def _only_subject_between(verb: Token, start: int) -> bool:
    """'"...," Flynn, a top surrogate of the campaign, said': a long source between the
    quotation and its cue."""
    subject = next((c for c in _children(verb) if c.dep_ in SUBJECTS and c.i < verb.i), None)
    if subject is None:
        return False
    lo, hi = _subtree_range(subject)
    return all(lo <= t.i < hi or t.is_punct or t.is_space for t in verb.doc[start:verb.i])


def _particle_object(verb: Token, lex: CueLexicon, lemma: str) -> Optional[TokenRange]:
    """"called for a ceasefire", "spoke of betrayal": what the particle governs."""
    if lemma not in lex.cue_particle_verbs:
        return None
    for prep in _children(verb):
        if prep.dep_ == "prep" and prep.i == verb.i + 1 and prep.lower_ in lex.cue_particles and \
                prep.lower_ not in lex.addressees.get(lemma, ()):
            obj = next((c for c in _children(prep) if c.dep_ in ("pobj", "pcomp")), None)
            return _subtree_range(obj) if obj is not None else None
    return None


def _topic(verb: Token, lex: CueLexicon, lemma: Optional[str] = None) -> Optional[TokenRange]:
    """"responded to the request", "spoke in public about the raid": what a prepositional
    phrase after the cue is about (not whom it addresses: "spoke to reporters")."""
    skip = lex.addressees.get(lemma, ())
    for prep in _children(verb):
        if prep.i > verb.i and prep.dep_ == "prep" and prep.lower_ in lex.topic_prepositions and prep.lower_ not in skip:
            obj = next((c for c in _children(prep) if c.dep_ in ("pobj", "pcomp")), None)
            if obj is not None and obj.ent_type_ in ("DATE", "TIME"):
                continue  # "spoke on Sunday", "for two hours": when, not what about
            return _trim(verb.doc, *_subtree_range(obj)) if obj is not None else None
    return None


def _recipient_clause(verb: Token, lex: CueLexicon) -> Optional[TokenRange]:
    """"told a meeting of leaders that ...": the parser hangs the that-clause on the person told."""
    if lexical_match(verb, lex.recipient_verbs) is None:
        return None
    for obj in _children(verb):
        if obj.dep_ in OBJECTS or obj.dep_ == "dative":
            for c in obj.subtree:
                if c.dep_ in ("ccomp", "acl", "relcl") and any(g.dep_ == "mark" and g.lower_ == "that" for g in _children(c)):
                    return _subtree_range(c)
    return None


@overload
def _closing_cue_content(verb: Token, sent: TokenSpan, clause: TokenRange) -> TokenRange: ...
@overload
def _closing_cue_content(verb: Token, sent: TokenSpan, clause: None) -> Optional[TokenRange]: ...


def _closing_cue_content(verb: Token, sent: TokenSpan, clause: Optional[TokenRange]) -> Optional[TokenRange]:
    """A cue closing its sentence ("..., another source said.") reports everything before it,
    even where the parser hung the complement on the last conjunct only, or on nothing."""
    if clause is not None and clause[0] > verb.i:
        return clause
    after = [t for t in verb.doc[verb.i + 1: sent.end] if not (t.is_punct or t.is_space)]
    if after and not all(t.dep_ in ("npadvmod", "advmod", "prep", "pobj", "det", "compound", "amod") for t in after):
        return clause
    first_subject = min((c.left_edge.i for c in _children(verb) if c.dep_ in SUBJECTS), default=verb.i)
    if clause is None and (first_subject == verb.i or first_subject - sent.start < 3):
        return None
    return _trim(verb.doc, sent.start, first_subject) or clause


def _parenthetical_content(verb: Token) -> Optional[TokenRange]:
    """"Seven were killed, the ministry said" / "as she put it": the clause the cue interrupts,
    on the side where that clause's own verb is; the whole clause, cue inside, where the
    clause goes on after the cue ("The strike, the ministry said, killed seven")."""
    head = verb.head
    lo, hi = _subtree_range(head)
    vlo, vhi = _subtree_range(verb)
    side = (vhi, hi) if head.i > verb.i else (lo, vlo)
    as_clause = any(c.dep_ == "mark" and c.lower_ == "as" for c in _children(verb))
    if not as_clause and _trim(verb.doc, lo, vlo) and _trim(verb.doc, vhi, hi):
        side = (lo, hi)  # "The plant was profitable, he said, until it closed in 1999"
    trimmed = _trim(verb.doc, *side)
    if trimmed and trimmed[1] - trimmed[0] >= 3:
        return trimmed
    return None


def _adjective_attribution(adj: Token, lex: CueLexicon) -> Optional[Attribution]:
    """"Officials are confident that ...", "protesters were frustrated that ...", "worried
    about ...": a state of mind held toward a clause or a topic; attributed, never a claim."""
    holder = adj.head if adj.dep_ == "acomp" else adj
    clause = next((c for c in (*_children(adj), *_children(holder))  # the parser may hang it on the copula
                   if c.dep_ == "ccomp" and c.i > adj.i and not _is_question(c, adj)), None)
    content = _clause_range(adj, clause) if clause is not None else _topic(adj, lex)
    content = content and _trim(adj.doc, *content)
    if content is None:
        return None
    source = _verb_source(holder, lex)
    if source is None:
        subject = next((c for c in _children(holder) if c.dep_ in SUBJECTS), None)
        source = _phrase(subject) if subject is not None else None
    if source is None:
        return None
    start = holder.i if holder.i < adj.i else adj.i  # "is confident", "is not so sure"
    while start > source[1] and adj.doc[start - 1].dep_ in ("aux", "auxpass", "neg") and \
            adj.doc[start - 1].head.i in (adj.i, holder.i):
        start -= 1  # "were frustrated", "has been adamant"
    return Attribution(cue=(start, adj.i + 1), source=source, contents=[content], kind="adjective",
                       assertive=False, whole_content=content)


def _noun_attribution(noun: Token, sent: TokenSpan, lex: CueLexicon, found: Findings) -> Optional[Attribution]:
    source = _noun_source(noun)
    content = None
    for c in _children(noun):
        if c.dep_ in ("acl", "ccomp", "relcl") and any(g.dep_ == "mark" and g.lower_ == "that" for g in _children(c)):
            content = _subtree_range(c)
            break
    if content is None:
        found.references.append(Reference(noun=noun.i, source=source))
        return None
    if noun.dep_ == "pobj" and noun.head.lower_ == "to" and noun.head.head.lower_ == "according":
        return None
    content = _trim_content(noun.doc, content, lexicon(noun.doc))
    if content is None:
        return None
    split = split_coordination(noun.doc, content)
    return Attribution(cue=(noun.i, noun.i + 1), source=source, contents=split, kind="noun",
                       whole_content=content)


def _attitude_noun_attribution(noun: Token, lex: CueLexicon) -> Optional[Attribution]:
    """"criticism of the raid", "his determination to stay", "the pledge to rebuild the port":
    an intention or stance held by the noun's owner; attributed, never a claim. "of" names
    what the stance is about, not who holds it."""
    content = _attitude_content(noun, lex)
    content = content and _trim(noun.doc, *content)
    if content is None:
        return None
    source = next((_phrase(c, drop_case=True) for c in _children(noun) if c.dep_ == "poss"), None)
    if source is None:
        agent = next((c for c in _children(noun) if c.dep_ == "prep" and c.lower_ == "by"), None)
        obj = agent and next((g for g in _children(agent) if g.dep_ == "pobj"), None)
        source = _phrase(obj) if obj is not None else None
    return Attribution(cue=(noun.i, noun.i + 1), source=source, contents=[content], kind="noun",
                       assertive=False, whole_content=content)


def _attitude_content(noun: Token, lex: CueLexicon) -> Optional[TokenRange]:
    """What the stance is toward: a to- or that-clause ("determination to stay"), or the object
    of a topic preposition ("criticism of the raid")."""
    for c in _children(noun):
        if c.i < noun.i:
            continue
        if c.dep_ in ("acl", "relcl", "ccomp") and (any(g.dep_ == "aux" and g.lower_ == "to" for g in _children(c))
                                                    or any(g.dep_ == "mark" and g.lower_ == "that" for g in _children(c))):
            return _subtree_range(c)
        if c.dep_ == "prep" and c.lower_ in lex.topic_prepositions and c.lower_ != "by":
            obj = next((g for g in _children(c) if g.dep_ in ("pobj", "pcomp")), None)
            if obj is not None:
                return _subtree_range(obj)
    return None


def _noun_source(noun: Token) -> Optional[TokenRange]:
    for c in _children(noun):
        if c.dep_ == "poss":
            return _phrase(c, drop_case=True)
    for c in _children(noun):
        if c.dep_ == "prep" and c.lower_ in ("of", "by", "from"):
            obj = next((g for g in _children(c) if g.dep_ == "pobj"), None)
            if obj is not None:
                return _phrase(obj)
    mods = [c for c in _children(noun) if c.dep_ in ("amod", "compound", "nmod") and c.i < noun.i
            and (c.ent_type_ or c.pos_ == "PROPN")]
    if mods:
        return (min(m.left_edge.i for m in mods), max(m.i for m in mods) + 1)
    return None


def _preposition_attribution(first: Token, width: int, sent: TokenSpan) -> Optional[Attribution]:
    doc = first.doc
    last = doc[first.i + width - 1]
    obj = next((c for c in _children(last) if c.dep_ == "pobj"), None)
    if obj is None:
        obj = next((c for c in _children(first) if c.dep_ == "pobj"), None)
    if obj is None:
        return None
    source = _phrase(obj)
    phrase_lo = first.i
    phrase_hi = max(source[1], first.i + width)
    clause = first.head
    while clause.head.i != clause.i and not clause.tag_.startswith("VB"):
        clause = clause.head
    lo, hi = _subtree_range(clause)
    lo, hi = min(lo, sent.start), max(hi, phrase_hi)
    lo, hi = max(lo, sent.start), min(hi, sent.end)
    if phrase_lo - lo <= 1:
        content = _trim(doc, phrase_hi, hi)
    elif hi - phrase_hi <= 2:
        content = _trim(doc, lo, phrase_lo)
    else:
        content = _trim(doc, lo, hi)
    content = content and _trim_content(doc, content, lexicon(doc))
    if not content:
        return None
    split = split_coordination(doc, content)
    return Attribution(cue=(first.i, first.i + width), source=source, contents=split,
                       kind="preposition", whole_content=content)


# --- spans ------------------------------------------------------------------------------

def _subtree_range(tok: Token) -> TokenRange:
    return (tok.left_edge.i, tok.right_edge.i + 1)


def _phrase(tok: Token, drop_case: bool = False) -> TokenRange:
    lo, hi = _subtree_range(tok)
    if drop_case and tok.doc[hi - 1].tag_ == "POS":
        hi -= 1
    return _trim(tok.doc, lo, hi) or (tok.i, tok.i + 1)


def _subject_clause(verb: Token) -> Optional[tuple[Token, Token]]:
    """(content, source) when the parser took a reported clause for the cue's first subject:
    "Israeli strikes killed 40 people on Saturday, the agency said" gives "said" two subjects,
    the first holding a verb of its own and ending at the comma before the second."""
    subjects = [c for c in _children(verb) if c.dep_ in SUBJECTS and c.i < verb.i]
    if len(subjects) < 2:
        return None
    first, last = subjects[0], subjects[-1]
    doc = verb.doc
    end = first.right_edge.i + 1
    if end >= last.left_edge.i or doc[end].text != "," or not any(
            t.tag_ in ("VBD", "VBN", "VBZ", "VBP") and t.dep_ in ("acl", "relcl", "ROOT", "ccomp")
            for t in doc[first.i + 1:end]):
        return None
    return first, last


def _cut_off_content(verb: Token, sent: TokenSpan, found: "Findings") -> Optional[TokenRange]:
    """", the agency said." cut off as a sentence of its own: what it reports is the sentence
    before, on the same line."""
    doc = verb.doc
    if sent.start == 0 or doc[sent.start].text != "," or any(c.dep_ in CLAUSAL or c.dep_ in OBJECTS for c in _children(verb)):
        return None
    before = found.sentence_of(sent.start - 1)
    if any("\n" in t.text for t in doc[before[0]:before[1]]):
        return None
    return _trim(doc, *before)


def _source_phrase(tok: Token) -> TokenRange:
    """A subject as the source it names: without a focus word before it ("Even China",
    "Both X and Y") or a comparison after a comma ("X, like Obama,")."""
    lo, hi = _phrase(tok)
    doc = tok.doc
    while lo < tok.i and doc[lo].dep_ in ("advmod", "preconj", "predet") and doc[lo].head.i == tok.i:
        lo += 1
    for c in _children(tok):
        if c.i > tok.i and c.dep_ == "prep" and c.lower_ in ("like", "unlike") and doc[c.i - 1].text == ",":
            hi = min(hi, c.i - 1)
    return _trim(doc, lo, hi) or (tok.i, tok.i + 1)


def _phrase_before(head: Token, stop: Token) -> TokenRange:
    """The noun phrase a relative clause hangs on, up to the relative pronoun."""
    lo = head.left_edge.i
    return _trim(head.doc, lo, stop.i) or (head.i, head.i + 1)


def _trim(doc: Doc, start: int, end: int) -> Optional[TokenRange]:
    """Without edge spaces, punctuation and coordinators; a closing bracket whose opening one is
    inside stays ("Sen. Jane Doe (R-Ga.)")."""
    view = _view(doc)
    edge = view.edge
    while start < end and edge[start]:
        start += 1
    while end > start and edge[end - 1] and not (
            view.lowers[end - 1] in _BRACKETS and _BRACKETS[view.lowers[end - 1]] in view.lowers[start:end - 1]):
        end -= 1
    return (start, end) if end > start else None


def _trim_content(doc: Doc, content: TokenRange, lex: CueLexicon) -> Optional[TokenRange]:
    """Cut what follows the claim but is the writer's: a trailing ", who ..." aside on a person
    or ", a figure that ..." comment, or a ", before walking back ..." adjunct about the
    reporting itself."""
    start, end = content
    lowers = _view(doc).lowers
    for k in range(start + 1, end - 1):
        if lowers[k] != ",":
            continue
        nxt = doc[k + 1]
        if nxt.lower_ in lex.aside_pronouns and nxt.head.dep_ == "relcl" and nxt.head.right_edge.i >= end - 2:
            return _trim(doc, start, k)
        if nxt.lower_ in lex.relative_pronouns and any(
                doc[j].dep_ == "relcl" and _match(lowers[j], lex.verbs) and doc[j].right_edge.i >= end - 2
                for j in range(k + 2, min(k + 7, end))):
            return _trim(doc, start, k)  # ", which his lawyer said was ...": a second source's claim
        if nxt.lower_ in lex.content_stops and k + 2 < end and doc[k + 2].tag_ == "VBG":
            return _trim(doc, start, k)
        if nxt.tag_ == "VBG" and nxt.dep_ in ("advcl", "xcomp", "conj") and _used_as_cue(nxt, lex):
            return _trim(doc, start, k)  # "..., arguing that ...": a second attribution of its own
        if nxt.dep_ == "det" and _comments_on_claim(nxt.head, lex) and nxt.head.right_edge.i >= end - 2:
            return _trim(doc, start, k)
    return _trim(doc, start, end)


def _used_as_cue(tok: Token, lex: CueLexicon) -> bool:
    """A cue word in a sense that reports ("arguing that ...", not "raising the toll to four")."""
    lemma = _match(tok.lower_, lex.verbs) or _match(tok.lower_, lex.attitude_verbs)
    return lemma is not None and _reports(tok, lemma, lex)


def _is_cue_word(word: str, lex: CueLexicon) -> bool:
    return _match(word, lex.verbs) is not None or _match(word, lex.attitude_verbs) is not None


def _comments_on_claim(noun: Token, lex: CueLexicon) -> bool:
    """", a figure that could not be verified": the writer's comment on what was said."""
    return noun.pos_ == "NOUN" and lexical_match(noun, lex.nouns) is not None and \
        any(c.dep_ == "relcl" for c in _children(noun))


def split_coordination(doc: Doc, content: TokenRange) -> list[TokenRange]:
    """Split "have killed X, have uncovered Y and have destroyed Z" into three ranges, but keep
    "struck and destroyed 1,000 vehicles" whole: only conjuncts that each carry their own
    arguments are separate claims."""
    root = _content_verb(doc, content)
    if root is None:
        return [content]
    chain = _verb_conjuncts(root, content)
    if not chain:
        return [content]
    members = [root] + chain
    if any(c.dep_ in SUBJECTS for m in chain for c in _children(m)):
        return [content]  # "X happened, but Y did": one statement with its own logic
    if not all(any(c.dep_ in SPLIT_ARGUMENTS for c in _children(m)) for m in members):
        return [content]
    return _conjunct_parts(doc, content, members) or [content]


def _content_verb(doc: Doc, content: TokenRange) -> Optional[Token]:
    """The one verb that heads the content (or the verb among its heads), if there is one."""
    start, end = content
    view = _view(doc)
    heads = [i for i in range(start, end) if not start <= view.heads[i] < end or view.heads[i] == i]
    verbs = [i for i in heads if view.verbal[i]]
    if len(heads) != 1 and len(verbs) != 1:
        return None
    return doc[verbs[0]] if verbs else None


def _verb_conjuncts(root: Token, content: TokenRange) -> list[Token]:
    """The verbs coordinated with the root inside the content, in text order."""
    start, end = content
    chain, frontier = [], [root]
    while frontier:
        node = frontier.pop()
        for c in _children(node):
            if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and start <= c.i < end:
                chain.append(c)
                frontier.append(c)
    chain.sort(key=lambda t: t.i)
    return chain


def _conjunct_parts(doc: Doc, content: TokenRange, members: list[Token]) -> list[TokenRange]:
    """Each coordinated verb's own words, from its left edge to the next one's."""
    start, end = content
    chain = members[1:]
    parts = []
    for k, m in enumerate(members):
        lo = start if k == 0 else m.left_edge.i
        hi = chain[k].left_edge.i if k + 1 < len(members) else end
        hi = min(hi, end)
        part = _trim(doc, max(lo, start), hi)
        if part:
            parts.append(part)
    return parts
