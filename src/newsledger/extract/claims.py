"""Claims: who asserts what, with which numbers, and whether the article backs or disputes it.

Stages, one module each: attribution (source, cue, content) -> the article's own voice
(author_voice) -> quantities inside each content -> stance and hedges (stance) ->
check-worthiness (checkworthiness) -> measure keys (measures). Everything is read off the
Doc the pipeline already built; nothing is re-parsed.

Layout (doc._.datelines and doc._.headlines, set by nlp/layout.py): a wire dateline is cut
from the lede's claims. A headline line yields a claim only when it is checkable news the body
does not restate (same figure, same measure key, or half its content words in one body claim);
headline opinion, forecasts and questions, and headlines without a figure, are no claims.
"""
from __future__ import annotations

from bisect import bisect_left
from typing import Optional

from spacy.tokens import Doc
from spacy.tokens import Span as TokenSpan

from ..ledger import ActorRef, Claim, Content, Cue, Event, Quantity, Span
from ..nlp.doc_index import index_of
from ..nlp.extensions import covering_span, original
from ..resolve.service import Resolution, hand_over
from . import attribution, author_voice, checkworthiness, measures, stance
from .drafts import ClaimDraft, TokenRange

CLAUSE_BREAKS = {",", ";", ":", "—", "–", ".", "!", "?"}
UNNAMED = "unnamed source"  # "it was reported that ...": a claim with no source in the text
HEADLINE_NOT_NEWS = {"opinion", "prediction", "hypothetical", "question"}
HEADLINE_OVERLAP = 0.5  # share of a headline's content words a body claim must repeat to restate it


def extract(doc: Doc, events: list[Event], resolver: Optional[Resolution] = None) -> list[Claim]:
    """The article's claims; `resolver` answers who the claimants are (the real one when not given)."""
    resolver = hand_over(doc, resolver)
    found = attribution.find(doc)
    quantities = list(doc._.quantities or [])
    ents = list(index_of(doc).entities[0])
    actors: dict[TokenRange, ActorRef] = {}

    def claimant(rng: TokenRange) -> ActorRef:
        if rng not in actors:
            actors[rng] = _resolve(doc, rng, ents, resolver)
        return actors[rng]

    def claimant_key(rng: TokenRange) -> Optional[str]:
        return _key(claimant(rng))

    heads = found.headlines
    drafts = _drafts(doc, events, found, quantities, claimant)
    stance.assess(doc, drafts, found, claimant_key)
    ent_labels = [(e.start, e.end, e.label_) for e in ents]  # in order of start
    ent_starts = [start for start, _, _ in ent_labels]
    kept = [d for d in sorted(drafts, key=lambda d: d.content) if _checkworthy(doc, d, ent_labels, ent_starts)]
    body = [d for d in kept if d.sentence not in heads]
    claims = [d.claim for d in kept if d.sentence not in heads or _headline_news(doc, d, body)]
    for n, c in enumerate(claims, 1):
        c.id = f"cl{n}"
    return claims


def _drafts(doc: Doc, events: list[Event], found: attribution.Findings, quantities: list[Quantity],
            claimant) -> list[ClaimDraft]:
    """Every candidate claim: what sources are reported to say, then what the author states in
    their own voice (counts, then events) in the words no report already covers."""
    drafts = _reported(doc, found, quantities, claimant, _material_acts(doc, events))
    taken = [d.whole for d in drafts] + found.quotes + \
        [_reference_scope(doc, r, found) for r in found.references]
    sources = [_chars(doc, att.source) for att in found.attributions if att.source]
    counts = [q for q in quantities if not checkworthiness.counts_time(q.unit)
              and not any(s <= q.span.start < e for s, e in sources)]  # "two officials told": who, not what
    drafts += _authored(doc, counts, taken, found, group=len(found.attributions))
    taken += [d.content for d in drafts if not d.attributed]
    drafts += _authored_events(doc, events, quantities, taken, found, group=len(drafts) + 1)
    return [d for d in (_after_dateline(doc, d, found.dateline) for d in drafts) if d is not None]


def _checkworthy(doc: Doc, d: ClaimDraft, ent_labels: list[tuple[int, int, str]], ent_starts: list[int]) -> bool:
    """Scores the draft's claim for check-worthiness (and gives it its measure key); whether it is kept."""
    c = d.claim
    content = TokenSpan(doc, d.content[0], d.content[1])
    frame = TokenSpan(doc, d.frame[0], d.frame[1]) if d.frame else None
    named = d.attributed and bool(c.claimant.name or c.claimant.country)
    lo, hi = d.content
    labels = {label for _, end, label in ent_labels[bisect_left(ent_starts, lo):bisect_left(ent_starts, hi)]
              if end <= hi}
    fired = checkworthiness.features(content, has_number=bool(c.quantities), named_claimant=named,
                                     attributed=d.attributed, hedged=c.hedged, frame=frame,
                                     entity_labels=labels,
                                     governing=None if d.attributed else author_voice.governing_words(content.root),
                                     states_event=d.states_event, asserted=d.asserted)
    c.checkworthy_features = fired
    c.checkworthy = checkworthiness.score(fired)
    if not checkworthiness.keep(c.checkworthy, d.attributed):
        return False
    c.measure = measures.claim_key(doc, [q for q in c.quantities if not checkworthiness.counts_time(q.unit)])
    return True


def _turns(att: attribution.Attribution, quotes: list[TokenRange]) -> list[TokenRange]:
    """The contents as claims: a quotation its cue interrupts ('"...," she said, "..."') is one
    claim running from the first part's opening mark to the last part's closing mark."""
    parts = att.contents
    if len(parts) > 1 and all(p in quotes for p in parts):
        return [(parts[0][0], parts[-1][1])]
    return parts


def _material_acts(doc: Doc, events: list[Event]) -> set[int]:
    """The tokens that name a material act the event stage found ("attacked 100 ships")."""
    kinds = attribution.material_event_types()
    lowers = index_of(doc).lowers
    out: set[int] = set()
    for e in events:
        if e.type not in kinds or not e.trigger:
            continue
        word = e.trigger.split()[0].lower()
        for s in e.evidence:
            span = covering_span(doc, s.start, s.end)  # doc.char_span(..., "expand"), by bisection
            if span is not None:
                out.update(i for i in range(span.start, span.end) if lowers[i] == word)
    return out


def _stated(att: attribution.Attribution, found: attribution.Findings, material: set[int]) -> bool:
    """Whether an attribution is a claim: a statement, or a stance, plan or question its source
    holds ("called for a truce", "asked how ..."). Not a speech act no one made yet, not the
    author's framing with no holder ("is expected to"), not a stance whose content holds a
    statement of its own ("responded by saying that ...": that one is the claim), not a stance
    verb that names a material act ("attacked 100 ships")."""
    if not att.made:
        return False
    if att.assertive:
        return True
    if att.source is None or att.cue[0] in material:
        return False
    lo, hi = att.whole_content or att.contents[0]
    return not any(other is not att and lo <= other.cue[0] < hi for other in found.attributions)


def _reported(doc: Doc, found: attribution.Findings, quantities: list[Quantity], claimant,
              material: set[int]) -> list[ClaimDraft]:
    drafts = []
    min_words = attribution.lexicon(doc).min_content_words
    for group, att in enumerate(found.attributions):
        if not _stated(att, found, material):
            continue
        named_at = att.source_referent or att.source
        who = claimant(named_at) if named_at else ActorRef(text="", name=UNNAMED)
        cue_start, cue_end = _chars(doc, att.cue_phrase or att.cue)  # "has also said", "did not deny"
        cue = Cue(text=original(doc, cue_start, cue_end), start=cue_start, end=cue_end)
        for content in _turns(att, found.quotes):
            bare = _strip_complementizer(doc, content)
            if bare is None or _words(doc, bare) < min_words and not _is_object(doc, att, bare) \
                    or _only_pronoun(doc, bare):
                continue
            rng = _reported_span(doc, content, found.quotes) or bare
            start, end = _chars(doc, rng)
            claim = Claim(id="", claimant=who, cue=cue,
                          content=Content(text=original(doc, start, end), start=start, end=end),
                          quantities=_inside(quantities, start, end),
                          evidence=_evidence(doc, att, rng))
            drafts.append(ClaimDraft(claim=claim, content=rng, sentence=att.sentence, group=group,
                                attributed=True, whole=att.whole_content or rng,
                                frame=_frame(att, rng), claimant_key=_key(who), asserted=att.assertive))
    return drafts


def _authored(doc: Doc, quantities: list[Quantity], taken: list[TokenRange],
              found: attribution.Findings, group: int) -> list[ClaimDraft]:
    drafts = []
    for k, (rng, qs) in enumerate(author_voice.statements(doc, quantities, taken, found.sentence_of)):
        start, end = _chars(doc, rng)
        claim = Claim(id="", claimant=ActorRef(text="author", name="author", author=True), cue=None,
                      content=Content(text=original(doc, start, end), start=start, end=end),
                      quantities=sorted(qs, key=lambda q: q.span.start), stance="asserts",
                      evidence=[Span(start, end)])
        drafts.append(ClaimDraft(claim=claim, content=rng, sentence=found.sentence_of(rng[0]), group=group + k,
                            attributed=False, whole=rng))
    return drafts


def _authored_events(doc: Doc, events: list[Event], quantities: list[Quantity], taken: list[TokenRange],
                     found: attribution.Findings, group: int) -> list[ClaimDraft]:
    kinds = checkworthiness.settings().author_event_types
    drafts = []
    for k, statement in enumerate(author_voice.event_statements(doc, events, taken, kinds)):
        rng = _strip_complementizer(doc, statement)
        if rng is None:
            continue
        start, end = _chars(doc, rng)
        claim = Claim(id="", claimant=ActorRef(text="author", name="author", author=True), cue=None,
                      content=Content(text=original(doc, start, end), start=start, end=end),
                      quantities=_inside(quantities, start, end), stance="asserts",
                      evidence=[Span(start, end)])
        drafts.append(ClaimDraft(claim=claim, content=rng, sentence=found.sentence_of(rng[0]), group=group + k,
                            attributed=False, whole=rng, states_event=True))
    return drafts


def _after_dateline(doc: Doc, d: ClaimDraft, dateline: TokenRange) -> Optional[ClaimDraft]:
    """Content opening with the wire dateline starts after it."""
    lo, hi = dateline
    if hi <= lo or not lo <= d.content[0] < hi:
        return d
    if d.content[1] <= hi:
        return None
    start, end = _chars(doc, (hi, d.content[1]))
    d.content = (hi, d.content[1])
    d.claim.content = Content(text=original(doc, start, end), start=start, end=end)
    d.claim.quantities = [q for q in d.claim.quantities if q.span.start >= start]
    if not d.attributed:
        d.claim.evidence = [Span(start, end)]
    return d


def _headline_news(doc: Doc, head: ClaimDraft, body: list[ClaimDraft]) -> bool:
    """A headline claim stands only when it is a figure the body does not restate: the same
    figure, measure or half its content words in a body claim make it a duplicate; opinion,
    forecasts and figureless headlines ("Opinion: the West's silence is a failure") are no
    claim at all."""
    if set(head.claim.checkworthy_features) & HEADLINE_NOT_NEWS or not head.claim.quantities:
        return False
    figures = {_figure(q) for q in head.claim.quantities}
    words = _content_words(doc, head.content)
    for d in body:
        if head.claim.measure and d.claim.measure == head.claim.measure:
            return False
        if figures & {_figure(q) for q in d.claim.quantities}:
            return False
        if words and len(words & _content_words(doc, d.content)) >= HEADLINE_OVERLAP * len(words):
            return False
    return True


def _figure(q: Quantity) -> tuple:
    return (q.value, q.low, q.high)


def _content_words(doc: Doc, rng: TokenRange) -> set[str]:
    return {t.norm_ for t in TokenSpan(doc, rng[0], rng[1]) if t.is_alpha and not t.is_stop}


def _resolve(doc: Doc, rng: TokenRange, ents: list, resolver: Resolution) -> ActorRef:
    """The resolver's answer for the source words; when it finds nobody in a long phrase
    ("An internal investigation that was ordered by Tehran"), the first named actor inside."""
    start, end = _chars(doc, rng)
    ref = resolver.actor(start, end)
    if ref.name or ref.country:
        return ref
    for ent in (e for e in ents if rng[0] <= e.start and e.end <= rng[1]):
        inner = resolver.actor(ent.start_char, ent.end_char)
        if inner.name or inner.country:
            inner.text, inner.span = ref.text, ref.span
            return inner
    return ref


def _key(ref: ActorRef) -> Optional[str]:
    key = ref.name or ref.text
    return key.lower() if key else None


def _reference_scope(doc: Doc, ref: attribution.Reference, found: attribution.Findings) -> TokenRange:
    """The words that describe someone's earlier claims ("Israel's claims regarding it having
    destroyed 1,500 tunnels"): restating them is not the author asserting them. Runs to the
    next clause break, since parsers often detach the tail of such a phrase."""
    tok = doc[ref.noun]
    end = tok.right_edge.i + 1
    if any(c.dep_ in ("prep", "acl") for c in tok.children):
        sent_end = found.sentence_of(tok.i)[1]
        while end < sent_end and doc[end].text not in CLAUSE_BREAKS:
            end += 1
    return (tok.left_edge.i, end)


def _strip_complementizer(doc: Doc, rng: TokenRange) -> Optional[TokenRange]:
    start, end = rng
    complementizers = attribution.lexicon(doc).complementizers
    index = index_of(doc)  # its lists: `doc[i]` builds a Token
    punct, space, lowers, deps = index.tokens[2], index.is_space, index.lowers, index.tree[1]
    while start < end and (punct[start] or space[start] or lowers[start] in complementizers and deps[start] == "mark"):
        start += 1
    while end > start and (punct[end - 1] or space[end - 1]):
        end -= 1
    return (start, end) if end > start else None


def _reported_span(doc: Doc, rng: TokenRange, quotes: list[TokenRange]) -> Optional[TokenRange]:
    """A reported content as attribution corpora mark it (PolNeAR): with its complementizer
    ("that the talks failed") and, for a quotation, its marks and the punctuation inside the
    closing mark ('"We will stay."'); a quotation the content opens or closes is taken whole
    where only punctuation lies beyond ('in order to "keep it quiet."'); other punctuation and
    spaces at either end are cut."""
    start, end = rng
    texts, _, punct = index_of(doc).tokens
    space = index_of(doc).is_space
    while start < end and (space[start] or punct[start] and texts[start] not in attribution.QUOTES):
        start += 1
    while end > start and (space[end - 1] or punct[end - 1] and texts[end - 1] not in attribution.QUOTES):
        end -= 1
    for lo, hi in quotes:
        if start <= lo < end < hi and _only_punctuation(doc, end, hi - 1):
            end = hi
        if lo < start < hi <= end and _only_punctuation(doc, lo + 1, start):
            start = lo
    marks = [i for i in range(start, end) if texts[i] in attribution.QUOTES]
    if len(marks) == 1 and marks[0] == start:
        start += 1  # an opening mark whose quotation runs on past the content
    if len(marks) == 1 and marks[0] == end - 1:
        end -= 1  # a closing mark whose quotation opened before the content
    return _strip_edges(doc, start, end)


def _only_punctuation(doc: Doc, start: int, end: int) -> bool:
    punct, space = index_of(doc).tokens[2], index_of(doc).is_space
    return all(punct[i] or space[i] for i in range(start, end))


def _strip_edges(doc: Doc, start: int, end: int) -> Optional[TokenRange]:
    """Spaces at either end cut."""
    space = index_of(doc).is_space
    while start < end and space[start]:
        start += 1
    while end > start and space[end - 1]:
        end -= 1
    return (start, end) if end > start else None


def _only_pronoun(doc: Doc, rng: TokenRange) -> bool:
    """A content that is one pronoun ("mentioning it", "what she wants") says nothing by itself."""
    return rng[1] - rng[0] == 1 and doc[rng[0]].pos_ == "PRON"


def _is_object(doc: Doc, att: attribution.Attribution, rng: TokenRange) -> bool:
    """A noun-phrase or gerund content ("claimed the attack", "vowed a response", "denied
    blocking the convoys", "called for calm") is short by nature."""
    head = doc[att.cue[0]]
    args = [g for c in head.children if c.dep_ == "prep" and c.i < att.cue[1] for g in c.children]
    return any((c.dep_ in attribution.OBJECTS or c.dep_ in ("pobj", "pcomp")
                or c.tag_ == "VBG" and c.dep_ in attribution.CLAUSAL)
               and c.i in range(*rng) for c in [*head.children, *args])


def _words(doc: Doc, rng: TokenRange) -> int:
    punct, space = index_of(doc).tokens[2], index_of(doc).is_space
    return sum(1 for i in range(rng[0], rng[1]) if not (punct[i] or space[i]))


def _chars(doc: Doc, rng: TokenRange) -> tuple[int, int]:
    starts, ends = index_of(doc).token_offsets
    return starts[rng[0]], ends[rng[1] - 1]


def _inside(quantities: list[Quantity], start: int, end: int) -> list[Quantity]:
    return [q for q in quantities if start <= q.span.start < end]


def _frame(att: attribution.Attribution, rng: TokenRange) -> Optional[TokenRange]:
    """Source through cue: where hedges and hypothetical modals of the reporting itself sit."""
    lo = min(att.cue[0], att.source[0] if att.source else att.cue[0])
    lo = min(lo, att.sentence[0]) if att.kind != "preposition" else lo
    hi = max(att.cue[1], att.source[1] if att.source else att.cue[1])
    return (lo, hi) if hi <= rng[0] or lo >= rng[1] else None


def _evidence(doc: Doc, att: attribution.Attribution, rng: TokenRange) -> list[Span]:
    """One span from source to content, or two (source+cue, content) when other claims split
    from the same attribution lie between them."""
    ends = [att.cue, rng] + ([att.source] if att.source else [])
    lo, hi = min(r[0] for r in ends), max(r[1] for r in ends)
    others = [c for c in att.contents if c != rng and lo <= c[0] < hi]
    if not others:
        return [Span(*_chars(doc, (lo, hi)))]
    head = (min(att.cue[0], att.source[0] if att.source else att.cue[0]),
            max(att.cue[1], att.source[1] if att.source else att.cue[1]))
    return [Span(*_chars(doc, head)), Span(*_chars(doc, rng))]
