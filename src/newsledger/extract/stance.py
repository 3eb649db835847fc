"""The article's stance toward the claims it reports, and hedges.

A dispute or support cue (data/stance.yaml) in the article's own voice applies to:
1. the claims a back-reference in its sentence points to: "Israel's statistics" -> that
   claimant's claims with numbers; "these achievements", "the claim", "such allegations" ->
   the latest group of reported claims within a few sentences;
2. otherwise the reported claims earlier in the same sentence ("X claims ..., this has been
   proven false"), or, for a sentence opening with "This"/"That", the previous sentence's.
Cue words inside someone's reported content or quotation are theirs, not the article's.
Short quoted phrases in the article's voice that repeat a reported claim's words (scare
quotes) also dispute it. A negated support cue ("could not be independently verified")
supports nothing; multi-word hedges in the article's voice ("The claim could not be
verified") mark the claims they point to as hedged, found the same way as dispute targets.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Mapping, Optional, Union

from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from ..ledger import Span
from ..nlp.data_component import DataComponent
from ..nlp.doc_index import index_of
from ..resources import read_data
from .attribution import Findings
from .drafts import ClaimDraft, TokenRange

DEMONSTRATIVES = {"this", "that", "it"}
NEGATIONS = {"not", "n't", "never", "no", "cannot"}
PARTY_LABELS = {"PERSON", "ORG", "GPE", "NORP"}


@dataclass(frozen=True)
class StanceLexicon:
    disputes: dict
    supports: dict
    referring: frozenset  # cue phrases that apply only through a back-reference ("support the figure")
    hedges: dict
    back_words: frozenset
    back_numeric: frozenset
    back_determiners: frozenset
    window: int
    scare_max: int


def _phrase_table(phrases) -> dict[str, list[tuple[str, ...]]]:
    table: dict[str, list[tuple[str, ...]]] = {}
    for p in phrases:
        words = tuple(str(w).lower() for w in (p if isinstance(p, list) else [p]))
        table.setdefault(words[0], []).append(words)
    for v in table.values():
        v.sort(key=len, reverse=True)
    return table


Phrases = list[Union[str, list[str]]]  # a word, or a sequence of words


@dataclass(frozen=True)
class BackReferences:
    words: list[str]
    numeric: list[str]
    determiners: list[str]


@dataclass(frozen=True)
class StanceFile:
    """The shape of data/stance.yaml."""
    disputes: Phrases
    supports: Phrases
    back_references: BackReferences
    disputes_by_reference: Phrases = field(default_factory=list)
    supports_by_reference: Phrases = field(default_factory=list)
    back_reference_window: int = 3
    scare_quote_max_words: int = 4


@dataclass(frozen=True)
class HedgesFile:
    """The shape of data/hedges.yaml."""
    words: Phrases
    phrases: Phrases = field(default_factory=list)


def compile_stance(data: StanceFile, hedges: HedgesFile) -> StanceLexicon:
    back = data.back_references
    return StanceLexicon(
        disputes=_phrase_table(list(data.disputes) + list(data.disputes_by_reference)),
        supports=_phrase_table(list(data.supports) + list(data.supports_by_reference)),
        referring=frozenset(tuple(str(w).lower() for w in (p if isinstance(p, list) else [p]))
                            for p in list(data.disputes_by_reference) + list(data.supports_by_reference)),
        hedges=_phrase_table(list(hedges.words) + list(hedges.phrases)),
        back_words=frozenset(back.words),
        back_numeric=frozenset(back.numeric),
        back_determiners=frozenset(back.determiners),
        window=data.back_reference_window,
        scare_max=data.scare_quote_max_words,
    )


class StanceLexiconComponent(DataComponent[StanceLexicon]):
    """The pipeline's stance and hedge words (roles: stance, hedges)."""

    def compile(self, texts: Mapping[str, str], names: Mapping[str, str]) -> StanceLexicon:
        return compile_stance(read_data(texts["stance"], names["stance"], StanceFile),
                              read_data(texts["hedges"], names["hedges"], HedgesFile))


@Language.factory("newsledger_stance_lexicon", default_config={"stance": "stance.yaml", "hedges": "hedges.yaml"})
def make_stance_lexicon(nlp: Language, name: str, stance: str, hedges: str) -> StanceLexiconComponent:
    return StanceLexiconComponent(name, {"stance": stance, "hedges": hedges})


def lexicon(doc: Doc) -> StanceLexicon:
    """The stance vocabulary of the pipeline that made `doc`."""
    return index_of(doc).lexicon(StanceLexicon)


def find_phrases(lowers: list[str], table: dict, start: int = 0, end: Optional[int] = None) -> list[TokenRange]:
    """Phrase matches in a Doc's lowercased words (made once per Doc: Doc indexing is slow),
    leftmost first, longest first, never overlapping."""
    end = len(lowers) if end is None else end
    firsts = table.keys() & set(lowers[start:end])
    out: list[TokenRange] = []
    if not firsts:
        return out
    free = start
    for i in [k for k in range(start, end) if lowers[k] in firsts]:
        if i < free:
            continue
        for words in table[lowers[i]]:
            n = len(words)
            if i + n <= end and tuple(lowers[i:i + n]) == words:
                out.append((i, i + n))
                free = i + n
                break
    return out


def assess(doc: Doc, drafts: list[ClaimDraft], found: Findings,
           claimant_key: Callable[[TokenRange], Optional[str]]) -> None:
    """Set stance, stance_evidence, hedged and hedge_evidence on every draft."""
    lex = lexicon(doc)
    lowers = found.lowers
    quotes = found.quotes
    reported = [d for d in drafts if d.attributed]
    statements = [d for d in reported if d.asserted]  # a stance's words ("offered no evidence") may be the article's cue

    def theirs(rng: TokenRange) -> bool:
        return any(d.whole[0] <= rng[0] < d.whole[1] for d in statements) or \
            any(q[0] < rng[0] < q[1] - 1 for q in quotes)

    for kind, table in (("disputes", lex.disputes), ("supports", lex.supports)):
        for cue in find_phrases(lowers, table):
            if theirs(cue) or kind == "supports" and _negated(doc, cue, found):
                continue
            for d in _targets(doc, cue, reported, found, claimant_key, lex):
                d.evidence[kind].append(cue)
    distanced: dict[int, list[TokenRange]] = {}
    hedge_words = [h for h in find_phrases(lowers, lex.hedges) if not _named(doc[h[0]])]
    for cue in hedge_words:
        if cue[1] - cue[0] > 1 and not theirs(cue):  # "The claim could not be verified."
            for d in _targets(doc, cue, reported, found, claimant_key, lex):
                distanced.setdefault(id(d), []).append(cue)
    _scare_quotes(doc, found, reported, lex)
    for d in drafts:
        c = d.claim
        if d.evidence["disputes"]:
            c.stance = "disputes"
        elif d.evidence["supports"]:
            c.stance = "supports"
        else:
            c.stance = "neutral" if d.attributed else "asserts"
        cues = d.evidence["disputes"] if c.stance == "disputes" else d.evidence["supports"]
        c.stance_evidence = [_char_span(doc, r) for r in sorted(set(cues))]
        hedges = sorted(set(_hedges(d, hedge_words) + distanced.get(id(d), [])))
        c.hedged = bool(hedges)
        c.hedge_evidence = [_char_span(doc, r) for r in hedges]


def _negated(doc: Doc, cue: TokenRange, found: Findings) -> bool:
    """"could not be independently verified" withholds support; it does not give it."""
    lo = max(found.sentence_of(cue[0])[0], cue[0] - 3)
    return any(t.lower_ in NEGATIONS for t in TokenSpan(doc, lo, cue[0]))


def _targets(doc: Doc, cue: TokenRange, reported: list[ClaimDraft], found: Findings,
             claimant_key, lex: StanceLexicon) -> list[ClaimDraft]:
    """The claims a cue in the article's voice bears on. A back-reference inside someone's
    claim is part of what they said, unless the cue itself reports it ("Journalists confirmed
    the militia's account": a factive cue commits the article; "the Pentagon disputed the
    claim" is the Pentagon's counter-claim)."""
    s_start, s_end = found.sentence_of(cue[0])
    sent = TokenSpan(doc, s_start, s_end)
    targets: list[ClaimDraft] = []
    ref_nouns = {r.noun: r for r in found.references if s_start <= r.noun < s_end}
    referring = tuple(found.lowers[cue[0]:cue[1]]) in lex.referring
    if referring and _by_named_party(doc[cue[0]]):
        return []  # "the Pentagon disputed the Houthis' claim": a counter-claim, not the article's stance
    cue_char = -1 if referring else doc[cue[0]].idx  # "X disputed the claim" is X's counter-claim
    for tok in sent:
        if tok.lower_ in lex.back_words or tok.lower_ in lex.back_numeric:
            targets += _referred_to(tok, cue_char, ref_nouns, reported, claimant_key, lex, s_start)
    if targets or referring:
        return targets
    return _nearby_claims(cue, sent, reported, found)


def _referred_to(tok: Token, cue_char: int, ref_nouns: dict, reported: list[ClaimDraft], claimant_key,
                 lex: StanceLexicon, s_start: int) -> list[ClaimDraft]:
    """The claims a back-reference word ("the claim", "these figures", "Israel's account") points
    at; none when it sits inside another claim or has no owner or determiner to tie it back."""
    if any(d.asserted and d.whole[0] <= tok.i < d.whole[1] and not (d.claim.cue and d.claim.cue.start <= cue_char < d.claim.cue.end)
           for d in reported):
        return []
    ref = ref_nouns.get(tok.i)
    owner = ref.source if ref is not None else _possessor(tok)
    if owner is None and not any(c.dep_ in ("det", "poss") and c.lower_ in lex.back_determiners
                                 for c in tok.children):
        return []
    return _referents(tok, owner, reported, claimant_key, lex, s_start)


def _nearby_claims(cue: TokenRange, sent: TokenSpan, reported: list[ClaimDraft], found: Findings) -> list[ClaimDraft]:
    """With no back-reference: the claims told before the cue in its sentence, else (for a
    sentence opening with "this", "that") those of the sentence before."""
    s_start = sent.start
    targets = [d for d in reported if d.sentence[0] == sent.start and d.content[0] < cue[0]
               and not d.content[0] <= cue[0] < d.content[1]]
    if not targets and sent[0].lower_ in DEMONSTRATIVES and s_start > 0:
        prev = found.sentence_of(s_start - 1)
        targets = [d for d in reported if d.sentence[0] == prev[0]]
    return targets


def _by_named_party(verb: Token) -> bool:
    """A verb whose subject or agent is a named party ("the Pentagon", "by Kyiv")."""
    for c in verb.children:
        if c.dep_ == "agent":
            c = next((g for g in c.children if g.dep_ == "pobj"), c)
        elif c.dep_ not in ("nsubj", "nsubjpass"):
            continue
        if c.dep_ != "nsubjpass" and c.ent_type_ in PARTY_LABELS:
            return True
    return False


def _possessor(noun: Token) -> Optional[TokenRange]:
    for c in noun.children:
        if c.dep_ == "poss" and c.lower_ not in ("its", "their", "his", "her"):
            return (c.left_edge.i, c.i + 1)
        if c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE", "ORG"):
            return (c.i, c.i + 1)
    return None


def _referents(noun: Token, owner: Optional[TokenRange], reported: list[ClaimDraft],
               claimant_key, lex: StanceLexicon, here: int) -> list[ClaimDraft]:
    earlier = [d for d in reported if d.content[1] <= noun.i]
    if owner is not None:
        found = _owned_by(noun, owner, earlier, claimant_key)
    else:
        sent_starts = sorted({d.sentence[0] for d in earlier})
        window = [s for s in sent_starts if s <= here][-lex.window:] if sent_starts else []
        recent = [d for d in earlier if d.sentence[0] in window]
        if not recent:
            return []
        last_group = recent[-1].group
        found = [d for d in recent if d.group == last_group]
    if noun.lower_ in lex.back_numeric:
        numeric = [d for d in found if d.claim.quantities]
        found = numeric or found
    return found


def _owned_by(noun: Token, owner: TokenRange, earlier: list[ClaimDraft], claimant_key) -> list[ClaimDraft]:
    """The earlier claims of the owner a back-reference names ("Israel's claims"); failing a
    resolved match, those whose claimant shares the owner's head word ("the ministry's figure"
    after "Ukraine's health ministry said ..."), from the last report that has them."""
    key = claimant_key(owner)
    found = [d for d in earlier if key and d.claimant_key == key]
    if not found:
        word = noun.doc[owner[1] - 1].lower_
        found = [d for d in earlier if word in (d.claim.claimant.text or "").lower().split()]
        found = [d for d in found if d.group == found[-1].group] if found else found
    return found


def _scare_quotes(doc: Doc, found: Findings, reported: list[ClaimDraft], lex: StanceLexicon) -> None:
    """A short quotation in the article's own voice that repeats, word for word, part of an
    earlier reported claim."""
    spoken = [a.whole_content or a.contents[0] for a in found.attributions]
    said: dict[int, list[str]] = {}
    for q in found.quotes:
        words = [t.lower_ for t in TokenSpan(doc, q[0] + 1, q[1] - 1) if not (t.is_punct or t.is_space)]
        if not words or len(words) > lex.scare_max or all(doc[q[0] + 1 + k].is_stop for k in range(len(words))):
            continue
        if any(s <= q[0] < e or s <= q[1] - 1 < e for s, e in spoken):
            continue
        n = len(words)
        for d in reported:
            if d.content[1] > q[0]:
                continue
            if id(d) not in said:
                said[id(d)] = [t.lower_ for t in TokenSpan(doc, *d.content) if not (t.is_punct or t.is_space)]
            theirs = said[id(d)]
            if any(theirs[k:k + n] == words for k in range(len(theirs) - n + 1)):
                d.evidence["disputes"].append(q)


def _hedges(draft: ClaimDraft, hedges: list[TokenRange]) -> list[TokenRange]:
    """The Doc's hedges inside the claim's content or its cue's frame."""
    spans = [draft.content] + ([draft.frame] if draft.frame is not None else [])
    return [h for h in hedges if any(lo <= h[0] and h[1] <= hi for lo, hi in spans)]


def _named(tok: Token) -> bool:
    """"May 14", "Maybe Records": a hedge word that is a name or part of a date."""
    if tok.pos_ == "PROPN" or tok.ent_type_ in ("DATE", "TIME"):
        return True
    return tok.is_title and tok.i + 1 < len(tok.doc) and tok.nbor(1).like_num


def _char_span(doc: Doc, rng: TokenRange) -> Span:
    return Span(doc[rng[0]].idx, doc[rng[1] - 1].idx + len(doc[rng[1] - 1]))
