"""Events: triggers -> PLOVER/CAMEO type, arguments, status; one event per real-world event.

Three steps over the mentions that event_mentions.py reads off the parse:
1. fold: inside a sentence, mentions linked by the parse and of one type are one event
   ("launched airstrikes ..., assassinating X"; "killed in the airstrike");
2. merge: across sentences, a mention that refers back ("the airstrike", an agentless
   "seven people were killed") or repeats the same actor's act joins the earlier event; then
   accounts that tell one happening in words of their own become one event (happenings.py);
3. resolve: spans become ActorRef/PlaceRef/DateRef/Fatalities through the resolvers.
"""
from __future__ import annotations

import dataclasses
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from operator import is_
from typing import Callable, Iterable, Optional, overload

from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from ..ledger import (ActorRef, DateMention, DateRef, Event, Fatalities, PlaceRef, Source,
                      Span)
from ..nlp.doc_index import index_of, per_span
from ..nlp.extensions import covering_span, entity_index, original, source_of
from ..nlp.quantities import parse_number
from ..resolve.places import PRECISION_RANK
from ..resources import load_data
from ..resolve.service import Resolution, hand_over, resolver_for
from ..vocabulary.actors import dictionary
from .event_lexicon import PROPERTY_DAMAGE, Code, EventLexicon, lexicon
from .event_mentions import (NAMED_LABELS, PLACE_LABELS, EventMention, dateline_of, headline, mentions,
                             named_in, pronoun_antecedent)
from .named_victims import victim_lists
from .happenings import SAME_PLACE_KM, Account, Party, Where, happenings, km, same_target, targets_apart

MERGE_WINDOW_SENTS = 8        # how far back "the attack" or a repeated act may find its event
FOLLOW_UP_SENTS = 2           # how far back an agentless follow-up ("seven were killed") may look
LEDE_SENTS = 3                # a headline's event is told again within this many sentences
NAMING_SENTS = 3              # how far after its act a list may name the victims
HIT_TYPES = frozenset({"ASSAULT", "COERCE"})
EVENT_DATE_KINDS = ("date", "time")
SINGLE_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
PERSON_LABELS = frozenset({"PERSON"})
EVENT_DATE_LABELS = frozenset({"DATE", "TIME"})


def _same_members(then: tuple[EventMention, ...], now: list[EventMention]) -> bool:
    return len(then) == len(now) and all(map(is_, then, now))


@dataclass
class EventDraft:
    """One event being assembled from its mentions (head first)."""
    members: list[EventMention]
    code: Code
    mode: Optional[str] = None
    # what `actor`, `target` and `place` chose, with the members they chose from: merging asks for
    # them again and again between two changes of the members
    _chosen: dict[str, tuple[tuple[EventMention, ...], Optional[TokenSpan]]] = dataclasses.field(
        default_factory=dict, init=False, repr=False, compare=False)

    @property
    def head(self) -> EventMention:
        return self.members[0]

    @property
    def type(self) -> str:
        return self.code.plover

    @property
    def actor(self) -> Optional[TokenSpan]:
        return self._choose("actor", _doer_of)

    @property
    def target(self) -> Optional[TokenSpan]:
        return self._choose("target", _target_of)

    @property
    def place(self) -> Optional[TokenSpan]:
        """The most specific place its mentions name ("the town of Titao" over "in northern
        Burkina Faso"; a name the gazetteer lacks counts as a town), the body's before the
        headline's; the first one among equals."""
        return self._choose("place", _place_of)

    def _choose(self, what: str, choose: Callable[[list[EventMention]], Optional[TokenSpan]]) -> Optional[TokenSpan]:
        then = self._chosen.get(what)
        if then is not None and _same_members(then[0], self.members):
            return then[1]
        found = choose(self.members)
        self._chosen[what] = (tuple(self.members), found)
        return found


def _doer_of(members: list[EventMention]) -> Optional[TokenSpan]:
    return _most_specific([m.actor for m in members if m.actor is not None])


def _target_of(members: list[EventMention]) -> Optional[TokenSpan]:
    spans = [m.target for m in members if m.target is not None and not m.entry.refers_back] or [
        m.target for m in members if m.target is not None]  # "the crime ... on a motorcycle"
    casualties = [m.target for m in members if m.target is not None and _counted(m.target) and (
        m.deadly or m.target.root.like_num)]  # "killing at least 17 people", "wounding 12"
    return _best_target(spans, casualties)


def _place_of(members: list[EventMention]) -> Optional[TokenSpan]:
    placed = [m for m in members if m.place is not None]
    if len(placed) < 2:
        return placed[0].place if placed else None
    top = headline(members[0].trigger.doc)  # a headline's "near Goma" yields to the body's place

    def rank(m: EventMention) -> tuple[bool, int]:
        assert m.place is not None  # placed
        precision = _resolve_place(m.place).precision
        return top is not None and m.trigger.i < top.end, PRECISION_RANK.get(precision or "", 1)
    return min(placed, key=rank).place


def extract(doc: Doc, resolver: Optional[Resolution] = None) -> list[Event]:
    """The article's events; `resolver` answers who and where words refer to (the real one when
    not given)."""
    drafts = _one_per_happening(_merge(_fold(mentions(doc, hand_over(doc, resolver))), doc), doc)
    named, apart = _named_victims(drafts, doc)
    drafts = _with_victims_apart(drafts, apart)
    anchors = Counter(m.anchor.i for d in drafts for m in d.members)
    return [_event(f"ev{i}", d, anchors, doc, named.get(id(d))) for i, d in enumerate(drafts, 1)]


def _named_victims(drafts: list[EventDraft], doc: Doc) -> tuple[dict[int, TokenSpan], dict[int, list[TokenSpan]]]:
    """Each list that names victims after the act ("the victims were identified as A and B")
    goes to the latest act before it, a few sentences back, whose target is untold or only a
    count or a plural with no name ("four farmers", "the following guards") and not named yet;
    a list told after an act on something else only ("a bomb exploded at the bank ... the
    wounded are A and B") names more people that act hit (the second result: by act, its lists)."""
    lists = victim_lists(doc)
    if not lists:
        return {}, {}
    _, starts, _ = index_of(doc).sentences
    chosen: dict[int, TokenSpan] = {}
    apart: dict[int, list[TokenSpan]] = {}
    for names in lists:
        latest: dict[int, int] = {}
        renamable: dict[int, int] = {}
        for d in drafts:
            told = [m.trigger.i for m in d.members if m.trigger.i < names.start]
            if told and d.type in HIT_TYPES and (
                    bisect_right(starts, names.start) - bisect_right(starts, max(told)) <= NAMING_SENTS):
                latest[id(d)] = max(told)
                if _unnamed_people(d.target) and id(d) not in chosen:
                    renamable[id(d)] = max(told)
        if renamable:
            chosen[max(renamable, key=renamable.__getitem__)] = names
        elif latest:
            apart.setdefault(max(latest, key=latest.__getitem__), []).append(names)
    return chosen, apart


def _with_victims_apart(drafts: list[EventDraft], apart: dict[int, list[TokenSpan]]) -> list[EventDraft]:
    """The people an act on something else hit, named in a list of their own, are the target of
    an event of their own (an event has one target), told by the list's sentence, right after
    the act; a list of names the act's target already holds adds nothing."""
    if not apart:
        return drafts
    out = []
    for d in drafts:
        out.append(d)
        for names in apart.get(id(d), ()):
            hit = d.target
            if hit is not None and hit.start <= names.start and names.end <= hit.end:
                continue
            dates = next((found for found in map(_dates_in, d.members) if found), [])  # the act's
            told = dataclasses.replace(d.head, anchor=names.sent.root, sent=names.sent, target=names,
                                       victims=None, deadly=False, actor=d.actor, place=d.place, dates=dates,
                                       anaphoric=False, bare=False, indefinite=False)
            out.append(EventDraft(members=[told], code=d.code, mode=d.mode))
    return out


# --- 1. fold mentions inside a sentence ------------------------------------------------------

def _fold(found: list[EventMention]) -> list[EventDraft]:
    by_token: dict[int, EventMention] = {}
    by_anchor: dict[int, list[EventMention]] = {}
    for m in found:
        by_token.setdefault(m.trigger.i, m)
        by_token.setdefault(m.anchor.i, m)
        by_anchor.setdefault(m.anchor.i, []).append(m)
    parent: dict[int, EventMention] = {}
    for m in found:
        host = _host(m, by_token, by_anchor, found)
        if host is not None:
            parent[id(m)] = host
    drafts: dict[int, EventDraft] = {}
    ordered: list[EventDraft] = []
    for m in found:
        root = m
        seen = set()
        while id(root) in parent and id(root) not in seen:
            seen.add(id(root))
            root = parent[id(root)]
        draft = drafts.get(id(root))
        if draft is None:
            draft = drafts[id(root)] = EventDraft(members=[root], code=root.code)
            ordered.append(draft)
        if m is not root:
            draft.members.append(m)
    for draft in ordered:
        head = draft.members[0]
        draft.members.sort(key=lambda m: (m is not head, m.trigger.i))
        _choose_code(draft)
    return sorted(ordered, key=lambda d: d.head.trigger.i)


def _choose_code(draft: EventDraft) -> None:
    """The most specific code among the event's words ("launched drone strikes": drone); a
    headline's shorthand ("Bombs hit market") yields to the body's account of the same act."""
    same = [m for m in draft.members if m.type == draft.head.type]
    top = headline(draft.head.trigger.doc)
    best = max(same, key=lambda m: (m.mode is not None, top is None or m.trigger.i >= top.end,
                                    m.mode != m.code.mode, len(m.code.cameo), m is draft.head))
    draft.code, draft.mode = best.code, best.mode


def _host(m: EventMention, by_token: dict[int, EventMention], by_anchor: dict[int, list[EventMention]],
          found: list[EventMention]) -> Optional[EventMention]:
    """The mention this one belongs to: one stated by the same verb, an ancestor in the parse,
    or for a dangling participle ("..., killing 10") the closest earlier mention of the sentence."""
    for other in by_anchor.get(m.anchor.i, ()):
        if other is m:
            break
        if _foldable(other, m):
            return other
    if _sequenced(m.trigger, lexicon(m.trigger.doc)):
        return None  # "struck Lebanon hours after Hezbollah fired rockets": two acts
    node = m.trigger
    while node.head.i != node.i:
        if node.dep_ == "pobj" and node.head.head.lower_ in lexicon(node.doc).answered_by:
            return None  # "struck Beirut in retaliation for a rocket attack": the attack is another act
        node = node.head
        host = by_token.get(node.i)
        if host is not None and host is not m and node.i not in (m.anchor.i, m.trigger.i):
            return host if _joins(host, m, by_anchor) else None
        if host is None and any(c.dep_ in ("nsubj", "nsubjpass") for c in node.children):
            break  # another clause with its own subject: not part of an event above it
    if m.trigger.tag_ == "VBG" and m.trigger.dep_ == "advcl" and m.actor is None:
        earlier = [h for h in found if h is not m and h.sent.start == m.sent.start
                   and h.trigger.i < m.trigger.i and _foldable(h, m)]
        if earlier:
            return earlier[-1]
    return None


def _joins(host: EventMention, m: EventMention, by_anchor: dict[int, list[EventMention]]) -> bool:
    """Whether m folds into the host above it in the parse; damage to other property than any
    mention told with the host's verb hit ("the blast damaged X and destroyed Y") stays apart."""
    told_there = by_anchor.get(host.anchor.i, [host])
    return _foldable(host, m) and not any(_damage_elsewhere(o.target, m) for o in told_there) and \
        not _acts_apart(host, m)


def _acts_apart(host: EventMention, m: EventMention) -> bool:
    """"Dissolved parliament and declared a state of emergency": two acts joined by "and", each
    with its own code, of a type the lexicon keeps apart, are two events ("attacked and killed"
    is one attack told twice)."""
    return m.anchor.dep_ == "conj" and m.anchor.head == host.anchor and m.code.cameo != host.code.cameo \
        and m.type in lexicon(m.trigger.doc).acts_apart


def _sequenced(verb: Token, lex: EventLexicon) -> bool:
    """A clause with its own subject, opened by a word that orders it in time ("after", "before")
    rather than making it the same moment ("when", "as")."""
    index = index_of(verb.doc)
    (_, deps, children), lowers = index.tree, index.lowers  # the index's arrays: no Tokens built
    if deps[verb.i] != "advcl":
        return False
    marks = [lowers[c] for c in children[verb.i] if deps[c] == "mark"]
    return bool(marks) and not set(marks) & lex.same_time_marks and \
        any(deps[c] in ("nsubj", "nsubjpass") for c in children[verb.i])


def _foldable(host: EventMention, m: EventMention) -> bool:
    if _damage_elsewhere(host.target, m):
        return False
    if host.type == "THREATEN" and m.planned:
        return True
    if host.type == m.type and host.planned == m.planned and _telling_how(host, m):
        return True  # "32 were killed when a bomber blew himself up and gunmen opened fire"
    if m.entry.pos == "NOUN" and m.trigger.dep_ == "pobj" and m.trigger.head.head == host.anchor \
            and m.actor is None and m.trigger.head.lower_ not in lexicon(m.trigger.doc).reason_preps:
        return True  # "arrested him in a raid": the raid is how the arrest happened
    if host.type != m.type or host.planned != m.planned:
        return False
    return not (host.actor is not None and m.actor is not None
                and _words(host.actor) != _words(m.actor))


def _damage_elsewhere(hit: Optional[TokenSpan], m: EventMention) -> bool:
    """"the blast damaged a bank and destroyed 20 stalls", "several houses were also damaged":
    damage to other property than what the act hit is an act of its own (an event has one
    target), as in the ledgers of who destroyed what."""
    if hit is None or m.target is None or not m.code.cameo.startswith(PROPERTY_DAMAGE):
        return False
    apart = hit.end <= m.target.start or m.target.end <= hit.start
    return apart and _singular(hit.root.lower_) != _singular(m.target.root.lower_)


def _telling_how(host: EventMention, m: EventMention) -> bool:
    """Whether m tells what happened at the host's moment: it sits in a "when ..."/"as ..."
    clause of the host, or in the same such clause ("32 were killed when a bomber blew himself
    up and gunmen opened fire"): several doers, one attack."""
    clause = _same_time_clause(m.trigger)
    if clause is None:
        return False
    if clause == _same_time_clause(host.trigger):
        return True
    return clause.head == host.anchor and not _another_doer(host, m)


def _another_doer(host: EventMention, m: EventMention) -> bool:
    """"Israel struck Gaza while Hezbollah fired rockets at Haifa": a same-time clause that names
    a doer of its own, other than the host's, tells another act (a pronoun may be the host's)."""
    return host.actor is not None and m.actor is not None and m.actor.root.pos_ != "PRON" and \
        _words(host.actor) != _words(m.actor)


def _same_time_clause(token: Token) -> Optional[Token]:
    marks = lexicon(token.doc).same_time_marks
    node = token
    while node.head != node:
        if node.dep_ == "advcl" and any(c.dep_ in ("mark", "advmod") and c.lower_ in marks
                                        for c in node.children):
            return node
        node = node.head
    return None


# --- 2. merge repeated mentions across sentences ---------------------------------------------

@dataclass(frozen=True)
class _Telling:
    """How a draft is told, which decides the merge rules that may apply to it."""
    anaphoric: bool  # "the strike", "the attack": refers back to an event already told
    follow_up: bool  # no actor (or a pronoun) and nothing that introduces a new event
    lede: bool       # in the first sentences after a headline

    @property
    def may_merge(self) -> bool:
        return self.anaphoric or self.follow_up or self.lede


def _merge(drafts: list[EventDraft], doc: Doc) -> list[EventDraft]:
    kept: list[EventDraft] = []
    recent: list[EventDraft] = []  # kept drafts told within the merge window, in order (long articles)
    last: dict[int, int] = {}  # id(draft) -> its latest sentence
    sent_index = {start: i for i, start in enumerate(index_of(doc).sentences[1])}
    top = headline(doc)
    for d in drafts:
        here = sent_index[d.head.sent.start]
        recent = [e for e in recent if here - last[id(e)] <= MERGE_WINDOW_SENTS]
        how = _how_told(d, top is not None and here <= LEDE_SENTS)
        target = None
        # nothing to look for (and no actor to resolve) unless one of the merge rules can apply
        if how.may_merge or d.actor is not None:
            candidates = _by_same_word(reversed(recent), d, last) if how.anaphoric else reversed(recent)
            target = _earlier_event(d, how, candidates, lambda e: here - last[id(e)], kept, top)
        latest = max(sent_index[m.sent.start] for m in d.members)
        if target is not None and _headline_only(target, top):
            target.members[:0] = d.members  # the lede tells the headline's event in full
            _choose_code(target)
        elif target is not None:
            target.members.extend(d.members)
        elif not all(m.bare or m.entry.refers_back for m in d.members) \
                and not (d.head.entry.needs_act and len(d.members) == 1) \
                and not (d.type == "THREATEN" and d.actor is None):
            kept.append(d)
            recent.append(d)
            target = d
        if target is not None:
            last[id(target)] = max(last.get(id(target), latest), latest)
    return kept


def _how_told(d: EventDraft, lede: bool) -> _Telling:
    introduces = any(m.indefinite for m in d.members) or (
        d.place is not None and not any(m.anaphoric for m in d.members)) or _own_date(d) is not None
    pronoun = d.actor is not None and d.actor.root.pos_ == "PRON"
    anaphoric = all(m.anaphoric or m.bare for m in d.members) or (
        d.actor is None and any(m.anaphoric for m in d.members))  # "The strike hit the village at dawn"
    return _Telling(anaphoric=anaphoric, follow_up=(d.actor is None or pronoun) and not introduces, lede=lede)


def _earlier_event(d: EventDraft, how: _Telling, candidates: Iterable[EventDraft], distance: Callable[[EventDraft], int],
                   kept: list[EventDraft], top: Optional[TokenSpan]) -> Optional[EventDraft]:
    """The earlier event this draft tells again, if any: the first candidate of its type that
    the merge rules neither keep apart nor stop at."""
    if _fresh(d):
        return None  # "another strike", "a second attack": a new one
    for e in candidates:
        if _kept_apart(e, d):
            continue
        if how.anaphoric and not _anaphor_fits_target(d, e):
            continue  # "the attack on a UN helicopter" is not the clashes told before it
        retold = _headline_only(e, top) and (how.lede or _retells(e, d))
        if retold and not (_same_side(e, d) and (d.actor is not None or _same_target_head(e, d)
                                                 or _headline_acts(kept, d.type, top) < 2)):
            # "Israel strikes Lebanon after Hezbollah attack": each act its own lede, and an
            # agentless "the ship was hit" belongs to the act on a ship
            continue
        if not _compatible(e, d, same_place=not retold, same_date=not how.anaphoric):
            continue  # headlines name the wider area; "claimed the attack on Sunday" is ambiguous
        if _another_hit(e, d):
            continue  # "kidnapped 50 peasants" ... "three rebels were killed in the clashes": two acts
        if how.anaphoric or retold or (
                how.follow_up and distance(e) <= FOLLOW_UP_SENTS and not _other_person_hit(e, d)) or (
                d.actor is not None and e.actor is not None and _shares_detail(e, d)
                and _actor_key(d.actor) == _actor_key(e.actor) and not _hit_apart(e, d)):
            return e
        return None
    return None


def _kept_apart(e: EventDraft, d: EventDraft) -> bool:
    """Another type, damage to other property than e hit, or property damage kept apart from its
    act, which a later "killed in the prison assault" does not join."""
    return e.type != d.type or any(_damage_elsewhere(e.target, m) for m in _telling_own(d)) or (
        _damage_alone(e) and not _damage_alone(d))


def _telling_own(d: EventDraft) -> list[EventMention]:
    """The mentions that tell what a later draft did on its own: all of them ("today's bomb
    explosion damaged a book store"), or only its head when it names the act told before as
    the doer ("the strike damaged more than 30 flats")."""
    return [d.head] if _names_act_as_doer(d) else d.members


def _names_act_as_doer(d: EventDraft) -> bool:
    """"The explosion also wounded 14 soldiers", "the strike killed a family": told by the act's
    own noun, as the subject of what it did."""
    return any(m.anaphoric and m.trigger.dep_ == "nsubj" for m in d.members)


def _by_same_word(drafts, d: EventDraft, last: dict[int, int]) -> list[EventDraft]:
    """Earlier events nearest first; among those told in the same sentence, the one named with
    the anaphor's own noun first ("the strike" after "killed X in an airstrike, in retaliation
    for a rocket attack" is the airstrike). An anaphor that names its target ("the attack on the
    hotel") or its kind ("the rocket attack") first looks for the event told with it."""
    index = index_of(d.head.trigger.doc)
    (_, deps, children), lowers = index.tree, index.lowers  # the index's arrays: no Tokens built
    anaphors = [m for m in d.members if m.anaphoric]
    nouns = {_singular(lowers[m.trigger.i]) for m in anaphors}
    modifiers = {lowers[c] for m in anaphors for c in children[m.trigger.i] if deps[c] in ("compound", "amod")}
    hit = {_singular(lowers[m.target.root.i]) for m in anaphors if m.target is not None}

    def told_with(e: EventDraft, words: set[str]) -> bool:
        return any(all(w in _named_with(m) for w in words) for m in e.members)

    def hit_same(e: EventDraft) -> bool:
        return any(m.target is not None and _singular(lowers[m.target.root.i]) in hit for m in e.members)
    return sorted(drafts, key=lambda e: (not (hit and hit_same(e)), not (modifiers and told_with(e, modifiers)),
                                         -last[id(e)],
                                         not any(noun in lowers[m.trigger.i] for m in e.members for noun in nouns)))


def _named_with(m: EventMention) -> str:
    """The trigger with the words that modify it ("rocket attack", "airstrike"); kept per Doc and
    trigger, since sorting the candidates of each anaphor asks again."""
    index = index_of(m.trigger.doc)
    known = index.tables(_EventTables).named_with
    i = m.trigger.i
    found = known.get(i)
    if found is None:
        (_, deps, children), lowers = index.tree, index.lowers
        found = known[i] = " ".join(lowers[c] for c in children[i] if deps[c] in ("compound", "amod")) + " " + lowers[i]
    return found


def _same_side(e: EventDraft, d: EventDraft) -> bool:
    """Whether two drafts' actors may be one: no known country or name sets them apart."""
    if e.actor is None or d.actor is None:
        return True
    ea, da = _actor_ref(e.actor), _actor_ref(d.actor)
    if ea.country and da.country:
        return ea.country == da.country
    return not (ea.name and da.name and ea.name != da.name)


def _retells(e: EventDraft, d: EventDraft) -> bool:
    """A later sentence that tells the headline's act in full: the same side acting on the same
    kind of target ("US strikes radar sites" ... "American forces destroyed three radar sites")."""
    if e.actor is None or d.actor is None or e.target is None or d.target is None:
        return False
    ea, da = _actor_ref(e.actor), _actor_ref(d.actor)
    return ea.country is not None and ea.country == da.country and _same_target_head(e, d)


def _is_country(ref: ActorRef) -> bool:
    """The actor is a country as a whole ("US", "Russia"), not one of its bodies."""
    country = dictionary().by_key.get(ref.country or "")
    return country is not None and ref.name == country.name


def _anaphor_fits_target(d: EventDraft, e: EventDraft) -> bool:
    """An anaphor that names its own target ("the attack on a UN helicopter") does not refer back
    to an event on another named target (the clashes with the White Army)."""
    own = next((m.target for m in d.members if m.anaphoric and m.target is not None), None)
    if own is None or e.target is None or _singular(own.root.lower_) == _singular(e.target.root.lower_):
        return True
    mine, theirs = _actor_ref(own), _actor_ref(e.target)  # "the attack on their senior figure" may be
    return not (mine.name and theirs.name and mine.name != theirs.name)  # two names: two targets


def _headline_acts(kept: list[EventDraft], type_: str, top: Optional[TokenSpan]) -> int:
    """How many acts of this type the headline names (some already joined by their lede)."""
    if top is None:
        return 0
    return sum(1 for k in kept if k.type == type_ and any(m.trigger.i < top.end for m in k.members))


def _same_target_head(e: EventDraft, d: EventDraft) -> bool:
    """Whether two drafts name one kind of target: the same head noun ("radar sites" and
    "three Houthi radar sites")."""
    et, dt = e.target, d.target
    return et is not None and dt is not None and _singular(et.root.lower_) == _singular(dt.root.lower_)


def _singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _headline_only(d: EventDraft, top: Optional[TokenSpan]) -> bool:
    return top is not None and all(m.trigger.i < top.end for m in d.members)


def _compatible(e: EventDraft, d: EventDraft, same_place: bool = True, same_date: bool = True) -> bool:
    """No conflict in date, named target, actor or place (cheapest checks first: resolving an
    actor or a place costs far more than reading words)."""
    if same_date and _dates_apart(e, d):
        return False
    et, dt = named_in(e.target, PERSON_LABELS), named_in(d.target, PERSON_LABELS)
    if et is not None and dt is not None and _words(et) != _words(dt) and \
            not (set(_words(et).split()) & set(_words(dt).split())):
        return False
    if _actors_apart(e, d):
        return False
    ep, dp = e.place, d.place
    return not (same_place and ep is not None and dp is not None and not _same_place(ep, dp))


def _dates_apart(e: EventDraft, d: EventDraft) -> bool:
    """The two clauses' dates do not overlap."""
    edate, ddate = _clause_date(e), _clause_date(d)
    if edate is None or ddate is None or not edate.start or not ddate.start:
        return False
    return (edate.end or edate.start) < ddate.start or (ddate.end or ddate.start) < edate.start


def _actors_apart(e: EventDraft, d: EventDraft) -> bool:
    """Two different named actors; a country and its own forces ("Israeli strike", "the army")
    may agree."""
    ea, da = e.actor, d.actor
    if ea is None or da is None or _words(ea) == _words(da):
        return False
    ra, rd = _actor_ref(ea), _actor_ref(da)
    return bool(ra.name and rd.name and ra.name != rd.name) and not (
        ra.country and ra.country == rd.country and (
            None in (ra.kind, rd.kind) or _is_country(ra) or _is_country(rd)))


def _shares_detail(e: EventDraft, d: EventDraft) -> bool:
    """Two mentions by one actor are one event only when they also share a place or target."""
    if e.place is not None and d.place is not None:
        return True
    et, dt = e.target, d.target
    return et is not None and dt is not None and _actor_key(et) == _actor_key(dt)


def _same_place(a: TokenSpan, b: TokenSpan) -> bool:
    """Close enough to be one place, or one inside the other ("in northern Burkina Faso" and
    "the town of Titao")."""
    if _words(a) == _words(b):
        return True
    pa, pb = _resolve_place(a), _resolve_place(b)
    if pa is None or pb is None:
        return False
    if "country" in (pa.precision, pb.precision) and pa.country is not None and pa.country == pb.country:
        return True
    if pa.lat is None or pa.lon is None or pb.lat is None or pb.lon is None:
        return False
    return km(pa.lat, pa.lon, pb.lat, pb.lon) <= SAME_PLACE_KM


def _one_per_happening(drafts: list[EventDraft], doc: Doc) -> list[EventDraft]:
    """Drafts that tell one happening in words of their own become one draft, every mention kept
    as evidence (happenings.py decides; only types told more than once are looked at)."""
    told = Counter(d.type for d in drafts)
    repeated = [d for d in drafts if told[d.type] > 1 and not _damage_alone(d)]
    if not repeated:
        return drafts
    starts = index_of(doc).sentences[1]
    joined: set[int] = set()
    for type_ in {d.type for d in repeated}:
        same = [d for d in repeated if d.type == type_]
        for group in happenings([_account(d, starts) for d in same]):
            first = same[group[0]]
            for k in group[1:]:
                first.members.extend(same[k].members)
                joined.add(id(same[k]))
            if len(group) > 1:
                _choose_code(first)
    return [d for d in drafts if id(d) not in joined]


def _damage_alone(d: EventDraft) -> bool:
    """Property damage kept apart from the act that caused it (_damage_elsewhere) stays apart."""
    return d.target is not None and all(m.code.cameo.startswith(PROPERTY_DAMAGE) for m in d.members)


def _account(d: EventDraft, starts: list[int]) -> Account:
    """What happenings.py needs to know of a draft."""
    lex = lexicon(d.head.trigger.doc)
    sents = [bisect_right(starts, m.trigger.i) - 1 for m in d.members]
    stated = _clause_date(d)
    dates = (stated.start, stated.end or stated.start) if stated is not None and stated.start else None
    place = d.place
    return Account(type=d.type, planned=d.head.planned, denied=any(m.status == "denied" for m in d.members),
                   first_sent=min(sents), last_sent=max(sents),
                   actor=_party(d.actor, lex), target=_party(d.target, lex),
                   place=_where(place) if place is not None else None, dates=dates, fresh=_fresh(d),
                   answers=_answers(d), introduced=any(m.indefinite or _counted_acts(m, lex) for m in d.members),
                   words=frozenset(m.entry.lemma for m in d.members), mode=d.mode)


def _fresh(d: EventDraft) -> bool:
    """Told as another one: "another strike", "a second attack", "struck again", or by another
    weapon ("another bomb exploded in front of a bank")."""
    doc = d.head.trigger.doc
    lex, index = lexicon(doc), index_of(doc)
    (_, deps, children), lowers = index.tree, index.lowers  # the index's arrays: no Tokens built
    told = [t.i for m in d.members for t in (m.trigger, m.anchor)]
    told += [c for t in told for c in children[t] if deps[c] == "nsubj" and lowers[c] in lex.instruments]
    return any(lowers[c] in lex.distinct_words for t in told for c in children[t]
               if deps[c] in ("amod", "det", "advmod", "npadvmod"))


def _answers(d: EventDraft) -> bool:
    """Told as the answer to another act: "the army responded with airstrikes", "retaliated"."""
    answering = lexicon(d.head.trigger.doc).answering_words
    return any(t.lower_ in answering for m in d.members
               for t in (m.anchor, m.trigger.head.head if m.trigger.dep_ == "pobj" else m.anchor))


def _counted_acts(m: EventMention, lex: EventLexicon) -> bool:
    """Acts told as a number of them ("dozens of attacks", "a series of raids"): a campaign,
    not one act told again."""
    return m.trigger.dep_ == "pobj" and m.trigger.head.lower_ == "of" and \
        m.trigger.head.head.lower_ in lex.quantifier_nouns


def _hit_apart(e: EventDraft, d: EventDraft) -> bool:
    """Two acts on different things, each introduced as new ("struck a house", "struck a tent";
    "kidnapped 50 peasants" and "killed three soldiers"): d's target against every target e's
    mentions name, as e's chosen one may be a casualty count that hides its act's own target."""
    if d.target is None:
        return False  # "the attack", "the blast": a back-reference joins the act it names
    lex = lexicon(d.head.trigger.doc)
    theirs = [_party(m.target, lex) for m in e.members if m.target is not None]
    ours = [_party(m.target, lex) for m in d.members if m.target is not None]
    if any(same_target(a, b) for a in theirs for b in ours):
        return False  # "kill 23 soldiers in ambush" ... "ambushed a convoy, killing 23 soldiers"
    mine = _party(d.target, lex)
    return any(targets_apart(a, mine) for a in theirs)


def _another_hit(e: EventDraft, d: EventDraft) -> bool:
    """A later mention that hits a target of its own, apart from all e's mentions hit, tells
    another act; not when it only refers back ("the kidnapping took place at dawn") or names the
    act as what did it ("the explosion also wounded 14 soldiers", "the strike killed a family"):
    that tells more of what e did."""
    if all(m.anaphoric or m.bare for m in d.members) or _names_act_as_doer(d):
        return False
    return _hit_apart(e, d)


def _other_person_hit(e: EventDraft, d: EventDraft) -> bool:
    """Two acts on two people named apart ("attacked his wife, Heidi" and "Kennedy's
    assassination"): an agentless follow-up on another person is another act."""
    lex = lexicon(d.head.trigger.doc)
    a, b = _party(e.target, lex), _party(d.target, lex)
    return a is not None and b is not None and a.person and b.person and a.key != b.key


def _party(span: Optional[TokenSpan], lex: EventLexicon) -> Optional[Party]:
    """What telling two parties apart needs, made once per span and Doc (merging compares the
    same targets and actors again and again)."""
    if span is None:
        return None
    return per_span(index_of(span.doc).tables(_EventTables).parties, span, lambda words: _read_party(words, lex))


def _read_party(span: TokenSpan, lex: EventLexicon) -> Party:
    ref = _actor_ref(span)
    root = span.root
    named = named_in(span) is not None
    dets = {c.lower_ for c in root.children if c.dep_ in ("det", "poss")}
    told_before = bool(dets & lex.anaphors) or _at_thing_told(span, lex)  # "the two people killed"
    return Party(key=ref.name.lower() if ref.name else None, country=ref.country, kind=ref.kind,
                 is_country=_is_country(ref), person=named_in(span, PERSON_LABELS) is not None,
                 head="" if root.like_num else _singular(root.lower_),  # "killed 18": no noun
                 indefinite=not named and not told_before and (
                     bool(dets & {"a", "an"}) or any(c.dep_ == "nummod" for c in root.children)),
                 doers_only=not named and root.lower_ in lex.doer_descriptions and told_before,
                 counted=not told_before and _counted(span), count=_count_of(span),
                 thing=_thing(root, lex) or ("people" if ref.kind is not None or named else None))


def _thing(root: Token, lex: EventLexicon) -> Optional[str]:
    """What kind of thing a target is, where its words say: a place or property."""
    if root.lower_ in lex.place_nouns or root.ent_type_ in PLACE_LABELS:
        return "place"
    return "property" if root.lower_ in lex.property_nouns else None


def _at_thing_told(span: TokenSpan, lex: EventLexicon) -> bool:
    """People placed at a building or place told before ("a commander in the building", "9
    fighters operating from a room inside the school"): the people of what was hit, not a new
    target."""
    return _thing(span.root, lex) is None and any(
        t.dep_ == "pobj" and _thing(t, lex) is not None
        and any(c.dep_ in ("det", "poss") and c.lower_ in lex.anaphors for c in t.children) for t in span)


def _count_of(span: TokenSpan) -> Optional[float]:
    """The number a counted target states ("at least 17 civilians" -> 17, "killed 18" -> 18)."""
    root = span.root
    number = root if root.like_num else next((c for c in root.children if c.dep_ == "nummod"), None)
    return parse_number(number.text) if number is not None else None


def _where(span: TokenSpan) -> Where:
    ref = _resolve_place(span)
    return Where(words=_words(span), name=ref.name, country=ref.country, lat=ref.lat, lon=ref.lon, precision=ref.precision)


# --- 3. resolve spans into ledger records ----------------------------------------------------

def _unnamed_people(target: Optional[TokenSpan]) -> bool:
    return target is None or (named_in(target) is None and (_counted(target) or target.root.tag_ == "NNS"))


def _event(event_id: str, d: EventDraft, anchors: Counter, doc: Doc,
           victims: Optional[TokenSpan] = None) -> Event:
    actor = _actor_ref(d.actor)
    if actor is not None and d.actor is not None and actor.name is None:
        group = pronoun_antecedent(d.actor)  # "the Kelvan Workers Union said it will supply food"
        if group is not None:
            actor = _actor_ref(group)
    target = _actor_ref(d.target)
    if victims is not None:  # "five farmers ... the victims were identified as A, B, C"
        names = original(doc, victims.start_char, victims.end_char)
        target = _actor_ref(victims) if target is None else dataclasses.replace(target, name=names)
    place_span = d.place
    place = _resolve_place(place_span) if place_span is not None else None
    date = _date_ref(d, doc)
    head = d.head
    # a later "the attack" (denied, condemned) refers to the act; the words that tell it decide
    telling = [m for m in d.members if not (m.anaphoric or m.bare)] or d.members
    source_member = next((m for m in telling if m.status != "asserted"), None)
    named_by = next((m for m in d.members if m.actor is not None and m.actor == d.actor), None)
    if named_by is not None and named_by.status != "asserted":
        source_member = named_by  # "X denied carrying out the attack": only X's denial names X
    status, source = "asserted", Source(name="author", author=True)
    if source_member is not None:
        status = source_member.status
        if source_member.source is not None:
            ref = _actor_ref(source_member.source)
            source = Source(name=ref.name or ref.text, author=False, text=ref.text, span=ref.span)
    return Event(
        id=event_id,
        type=d.type,
        evidence=_evidence(d, anchors),
        trigger=original(doc, head.trigger.idx, head.trigger.idx + len(head.trigger)),
        mode=d.mode,
        cameo=d.code.cameo,
        goldstein=d.code.goldstein,
        actor=actor,
        target=target,
        place=place,
        date=date,
        fatalities=_fatalities(d, doc),
        status=status,
        source=source,
        confidence=_confidence(d, actor, target, place, date, status),
    )


@overload
def _actor_ref(span: TokenSpan) -> ActorRef: ...
@overload
def _actor_ref(span: None) -> None: ...
@overload
def _actor_ref(span: Optional[TokenSpan]) -> Optional[ActorRef]: ...


def _actor_ref(span: Optional[TokenSpan]) -> Optional[ActorRef]:
    """Resolved once per span and document (merging compares the same actors many times)."""
    if span is None:
        return None
    return resolver_for(span.doc).actor(span.start_char, span.end_char)


def _resolve_place(span: TokenSpan) -> PlaceRef:
    return resolver_for(span.doc).place_ref(span.start_char, span.end_char)


def _own_date(d: EventDraft) -> Optional[DateMention]:
    for m in d.members:
        found = _dates_in(m)
        if found:
            return found[0]
    return None


def _clause_date(d: EventDraft) -> Optional[DateMention]:
    """The event's date as its own clauses state it; a date elsewhere in the sentence ("...,
    officials said on Friday") is only a guess and never keeps two mentions apart."""
    for m in d.members:
        lo, hi = _clause(m)
        found = next((dm for dm in _dates_in(m) if lo <= dm.span.start < hi), None)
        if found is not None:
            return found
    return None


def _dates_in(m: EventMention) -> list[DateMention]:
    """Resolved dates of the mention's clause first, then of the rest of its sentence; never a
    dateline's filing date. Found once per mention (merging asks again and again)."""
    if m.dates is not None:
        return m.dates
    doc = m.trigger.doc
    sent = m.sent
    clause = _clause(m)
    filed = dateline_of(sent)
    usable = []
    for dm in _event_dates(doc, sent.start_char, sent.end_char):
        if filed is not None and dm.span.start < filed.end_char:
            continue
        inside = clause[0] <= dm.span.start < clause[1]
        if not inside and _embedded(m.anchor):
            continue  # "mourners gathered on Tuesday for those killed": Tuesday is not the killing's
        if inside and _in_modifier_clause(doc, dm, m.anchor):
            continue  # "the junta, which seized power in 2022, has vowed ...": 2022 is the coup's
        if _dates_a_noun(doc, dm, m):
            continue  # "wanted over a 2019 hotel siege", "since the 2016 bombing": another happening
        usable.append((not inside, abs(dm.span.start - m.trigger.idx), dm))
    m.dates = [dm for _, _, dm in sorted(usable, key=lambda x: (x[0], x[1]))]
    return m.dates


@dataclass
class _EventTables:
    """Event extraction's per-Doc tables, kept on the Doc's index."""
    dates: Optional[list[DateMention]] = None  # the dates and times that may date an event
    clauses: dict[int, tuple[int, int]] = dataclasses.field(default_factory=dict)  # anchor -> its chars
    counted: dict[tuple[int, int], bool] = dataclasses.field(default_factory=dict)  # span -> _counted
    ranks: dict[tuple[int, int], tuple[int, bool, bool]] = dataclasses.field(default_factory=dict)  # doer -> its rank
    parties: dict[tuple[int, int], Party] = dataclasses.field(default_factory=dict)  # span -> _party
    named_with: dict[int, str] = dataclasses.field(default_factory=dict)  # trigger -> _named_with


def _event_dates(doc: Doc, start: int, end: int) -> list[DateMention]:
    """Resolved dates and times in [start, end) that may date an event."""
    return [dm for dm in _datable(doc) if start <= dm.span.start < end]


def _datable(doc: Doc) -> list[DateMention]:
    """The Doc's resolved dates and times that may date an event, sorted, found once per Doc:
    not an anchor of a span ("since November", "until March")."""
    tables = index_of(doc).tables(_EventTables)
    if tables.dates is not None:
        return tables.dates
    lex = lexicon(doc)
    found = tables.dates = []
    for dm in doc._.dates or []:
        if dm.kind not in EVENT_DATE_KINDS or dm.start is None:
            continue
        words = covering_span(doc, dm.span.start, dm.span.end)
        if words is not None and words.start > 0 and doc[words.start - 1].lower_ in lex.excluded_date_preps:
            continue
        found.append(dm)
    return found


def _in_modifier_clause(doc: Doc, dm: DateMention, anchor: Token) -> bool:
    """Whether a date inside the event's clause sits in a relative or participle clause of one
    of its nouns, or in a clause that only bounds it ("since ...", "until ...")."""
    words = covering_span(doc, dm.span.start, dm.span.end)
    if words is None:
        return False
    node = words.root
    excluded = lexicon(doc).excluded_date_preps
    while node != anchor and node.head != node:
        if node.dep_ in ("relcl", "acl") or (node.dep_ == "advcl" and any(
                c.dep_ == "mark" and c.lower_ in excluded for c in node.children)):
            return True  # "rallied every night since the minister announced last week"
        node = node.head
    return False


def _dates_a_noun(doc: Doc, dm: DateMention, m: EventMention) -> bool:
    """Whether the date modifies a noun other than the mention's own words ("a 2019 siege",
    "last year's bombing"): it dates what that noun names, not this event."""
    words = covering_span(doc, dm.span.start, dm.span.end)
    if words is None:
        return False
    root = words.root
    return root.dep_ in ("compound", "nummod", "amod", "poss") and root.head.pos_ in ("NOUN", "PROPN") \
        and root.head not in (m.trigger, m.anchor) and not words.start <= root.head.i < words.end


def _embedded(token: Token) -> bool:
    """Whether the token's clause modifies a noun (relative or participle clause), or the act is
    what another answers ("in retaliation for the killing of X": the sentence dates the answer)."""
    answered = lexicon(token.doc).answered_by
    return any(t.dep_ in ("relcl", "acl") or (t.dep_ == "pobj" and t.head.head.lower_ in answered)
               for t in [token, *token.ancestors])


def _date_ref(d: EventDraft, doc: Doc) -> Optional[DateRef]:
    """The event's own date (inferred when only its sentence, not its clause, has one); else,
    marked inferred, the last date earlier in its paragraph, then the filing date of a dateline
    that opens the paragraph."""
    own = _clause_date(d) or _own_date(d)
    if own is not None:  # a date elsewhere in the sentence ("said on Monday that ...") is a guess
        inferred = not any(_clause(m)[0] <= own.span.start < _clause(m)[1] for m in d.members)
        return DateRef(text=original(doc, own.span.start, own.span.end), start=own.start,
                       end=own.end, inferred=inferred, span=Span(own.span.start, own.span.end))
    sent = d.head.sent
    para = _paragraph_start(sent)
    filed = dateline_of(doc[para:sent.end])
    earlier = _event_dates(doc, doc[para].idx, sent.start_char)
    context = [dm for dm in earlier if filed is None or dm.span.start >= filed.end_char]
    if not context and filed is not None:
        context = _event_dates(doc, filed.start_char, filed.end_char)
    if not context:
        return None
    dm = context[-1]
    return DateRef(text=original(doc, dm.span.start, dm.span.end), start=dm.start, end=dm.end,
                   inferred=True, span=Span(dm.span.start, dm.span.end))


def _paragraph_start(sent: TokenSpan) -> int:
    """The first token of the sentence's paragraph (the line it starts on)."""
    doc = sent.doc
    line = source_of(doc).rfind("\n", 0, sent.start_char) + 1
    first = covering_span(doc, line, sent.end_char)
    return first.start if first is not None else sent.start


def _fatalities(d: EventDraft, doc: Doc) -> Optional[Fatalities]:
    """Deaths stated by a deadly mention; a stated number beats one implied by a single victim."""
    victims = [m.victims for m in d.members if m.deadly and m.victims is not None]
    for m_victims, stated in [(v, True) for v in victims] + [(v, False) for v in victims]:
        counted = _count(m_victims, doc, stated)
        if counted is not None:
            low, high = counted
            return Fatalities(text=original(doc, m_victims.start_char, m_victims.end_char),
                              min=low, max=high,
                              span=Span(m_victims.start_char, m_victims.end_char))
    return None


def _count(victims: TokenSpan, doc: Doc, stated: bool) -> Optional[tuple[Optional[int], Optional[int]]]:
    """How many died: the sum over conjoined victims, a quantity in the victims' words (stated),
    else one for a single victim."""
    total = _conjoined_count(victims)
    if total is not None:
        return total, total
    if stated:
        return _stated_count(victims, doc)
    root = victims.root
    if root.lower_ in SINGLE_PERSON_PRONOUNS:
        return 1, 1
    if any(t.like_num or t.pos_ == "NUM" for t in victims) or root.tag_ in ("NNS", "NNPS", "PRP"):
        return None
    if root.tag_ in ("NN", "NNP") or root.ent_type_ == "PERSON":
        return 1, 1
    return None


def _conjoined_count(victims: TokenSpan) -> Optional[int]:
    """"the governor and his bodyguard" = 2, "the commander and five others" = 6: each conjoined
    victim counts its exact number, or one when it names one person; None when any is vaguer."""
    heads = [victims.root, *(t for t in victims.root.conjuncts if victims.start <= t.i < victims.end)]
    if len(heads) < 2:
        return None
    total = 0
    for head in heads:
        numbers = [c for c in head.children if c.dep_ == "nummod"]
        if numbers:
            value = parse_number(numbers[0].text)
            if value is None or any(c.dep_ in ("advmod", "quantmod") for c in numbers[0].children):
                return None  # "at least 17 people and two soldiers": a bound, left to the quantities
            total += int(value)
        elif head.tag_ in ("NN", "NNP") or head.ent_type_ == "PERSON":
            total += 1
        else:
            return None
    return total


def _stated_count(victims: TokenSpan, doc: Doc) -> Optional[tuple[Optional[int], Optional[int]]]:
    for q in doc._.quantities or []:  # in the victims' words, or counting them ("Sunday 14 people")
        if victims.start_char <= q.span.start < victims.end_char or \
                q.span.start < victims.start_char < q.span.end:
            if q.unit and "percent" in q.unit:
                continue
            if q.value is not None:
                return int(q.value), int(q.value)
            if q.low is not None or q.high is not None:
                return (int(q.low) if q.low is not None else None,
                        int(q.high) if q.high is not None else None)
    for token in victims:  # a number the quantity finder left out
        if token.like_num and token.dep_ in ("nummod", "dobj", "nsubjpass", "pobj"):
            value = parse_number(token.text)
            if value is not None:
                return int(value), int(value)
    return None


def _clause(m: EventMention) -> tuple[int, int]:
    """The characters of the anchor's subtree; kept per Doc, as merging and dating ask again and again."""
    anchor = m.anchor
    clauses = index_of(anchor.doc).tables(_EventTables).clauses
    found = clauses.get(anchor.i)
    if found is None:
        left, right = anchor.left_edge, anchor.right_edge
        found = clauses[anchor.i] = (left.idx, right.idx + len(right))
    return found


def _evidence(d: EventDraft, anchors: Counter) -> list[Span]:
    """Per sentence, the clause(s) that state the event, without clauses of other events
    (`anchors` counts every event's clause anchors)."""
    own = Counter(m.anchor.i for m in d.members)
    others = _OtherAnchors(anchors, own)
    index = index_of(d.head.trigger.doc)  # the index's arrays: no Tokens built
    heads, punct, spaces, datelines = index.tree[0], index.tokens[2], index.is_space, index.dateline_tokens
    starts, ends = index.token_offsets
    spans: dict[int, list[int]] = {}
    for m in d.members:
        anchor = m.anchor.i

        def kept(i: int) -> bool:
            return not (punct[i] or spaces[i] or i in datelines or _inside_other(i, anchor, others, heads))
        clause = range(m.anchor.left_edge.i, m.anchor.right_edge.i + 1)
        first = next((i for i in clause if kept(i)), m.trigger.i)
        last = next((i for i in reversed(clause) if kept(i)), m.trigger.i)
        start, end = starts[first], ends[last]
        key = m.sent.start
        if key in spans:
            spans[key] = [min(spans[key][0], start), max(spans[key][1], end)]
        else:
            spans[key] = [start, end]
    return [Span(s, e) for s, e in sorted(spans.values())]


class _OtherAnchors:
    """The clause anchors of other events, as a set view (an article can have thousands)."""

    def __init__(self, anchors: Counter, own: Counter):
        self.anchors, self.own = anchors, own

    def __contains__(self, i: int) -> bool:
        return self.anchors.get(i, 0) > self.own.get(i, 0)


def _inside_other(token: int, anchor: int, others: _OtherAnchors, heads: list[int]) -> bool:
    """Whether a token of this clause belongs to a clause of another event nested in it."""
    node = token
    while node != anchor and heads[node] != node:
        if node in others:
            return True
        node = heads[node]
    return False


@dataclass(frozen=True)
class ConfidenceWeights:
    """The shape of data/confidence.yaml."""
    base: float
    named_actor: float
    target: float
    place: float
    stated_date: float
    clausal: float
    per_retelling: float
    max_retellings: int
    not_asserted: float
    floor: float
    ceiling: float


def _confidence(d: EventDraft, actor, target, place, date, status) -> float:
    w = load_data("confidence.yaml", ConfidenceWeights)
    score = w.base
    score += w.named_actor if actor is not None and (actor.name or actor.country) else 0.0
    score += w.target if target is not None else 0.0
    score += w.place if place is not None else 0.0
    score += w.stated_date if date is not None and not date.inferred else 0.0
    score += w.clausal if d.head.entry.pos == "VERB" or d.head.anchor != d.head.trigger else 0.0
    score += w.per_retelling * min(w.max_retellings, len(d.members) - 1)
    if status != "asserted":
        score -= w.not_asserted
    return round(max(w.floor, min(w.ceiling, score)), 2)


# --- helpers -----------------------------------------------------------------------------------

def _counted(span: TokenSpan) -> bool:
    """A number of people rather than who they were: "at least 17 people", "eight of its fighters".
    Kept per Doc and span: an event's target is asked for again and again while merging."""
    return per_span(index_of(span.doc).tables(_EventTables).counted, span, _counts_people)


def _counts_people(span: TokenSpan) -> bool:
    root = span.root
    _, deps, children = index_of(span.doc).tree
    return root.like_num or root.pos_ == "NUM" or any(
        deps[c] == "nummod" and span.doc[c].like_num for c in children[root.i])


def _words(span: TokenSpan) -> str:
    return " ".join(t.lower_ for t in span if t.pos_ not in ("DET", "PUNCT"))


def _actor_key(span: TokenSpan) -> str:
    ref = _actor_ref(span)
    return (ref.name or ref.text or "").lower() if ref is not None else ""


def _most_specific(spans: list[TokenSpan]) -> Optional[TokenSpan]:
    """The doer that says most of who acted: a name, then words the actor dictionary resolves
    to a name, then a described group ("members of the army", "the rebels"), then an unnamed one ("unidentified men", "a group"), then words that
    name no doer at all ("last night's", "machinegun fire"; a pronoun ranks as what it stands
    for); among equals words before a pronoun, the body's before the headline's (terse, and often
    misread: "Two guards shot dead"), then the first."""
    if not spans:
        return None
    if len(spans) == 1:
        return spans[0]
    doc = spans[0].doc
    ranks = index_of(doc).tables(_EventTables).ranks  # merging ranks the same doers again and again
    lex, top = lexicon(doc), headline(doc)
    body = top.end if top is not None else 0

    def rank(span: TokenSpan) -> tuple[int, bool, bool]:
        return _specificity(span, lex), not _pronoun(span), span.start >= body
    return max(spans, key=lambda span: per_span(ranks, span, rank))


def _pronoun(span: TokenSpan) -> bool:
    return span.root.pos_ == "PRON" and not span.root.ent_type_  # the tagger may call a name one


def _specificity(span: TokenSpan, lex: EventLexicon) -> int:
    root = span.root
    if any(_names_doer(ent.root, root) for ent in _names_inside(span)):
        return 4
    if _pronoun(span):  # "they": as specific as whom it stands for
        group = pronoun_antecedent(span) if len(span) == 1 else None
        if group is not None:
            return _specificity(group, lex)
        return 2 if _actor_ref(span).name else 0
    if _actor_ref(span).name:
        return 3  # words the actor dictionary knows by a name ("its fighters", "the junta")
    if root.pos_ in ("VERB", "AUX"):
        return -1  # a clause misread as the doer ("setting the depot on fire")
    word = root.lower_
    if root.pos_ in ("DET", "NUM") or root.ent_type_ in EVENT_DATE_LABELS \
            or word in lex.time_nouns or word in lex.instruments or word in lex.noun_trigger_forms:
        return 0
    if word in lex.unnamed_doers and not any(
            c.dep_ in ("compound", "nmod", "poss") or c.dep_ == "prep" and c.lower_ == "of" for c in root.children):
        return 1
    return 2


def _names_inside(span: TokenSpan) -> list[TokenSpan]:
    if named_in(span) is None:  # memoized: most doers name nobody
        return []
    ents, starts = entity_index(span.doc)
    return [e for e in ents[bisect_left(starts, span.start):bisect_left(starts, span.end)]
            if e.end <= span.end and e.label_ in NAMED_LABELS]


def _names_doer(name: Token, root: Token) -> bool:
    """Whether a name inside the doer's phrase says who the doer is ("members of the FMLN",
    "Hamas gunmen"), not where or at whom ("a group in La Paz", "gunfire at U.S. troops")."""
    node = name
    while node != root and node.head != node:
        if node.dep_ == "prep" and node.lower_ != "of":
            return False
        node = node.head
    return True


def _best_target(spans: list[TokenSpan], casualties: list[TokenSpan]) -> Optional[TokenSpan]:
    """A named person beats a named group, which beats a common noun, which beats a casualty
    count ("at least 17 people were killed when gunmen attacked a market": the market); a place
    is a target only when nothing else was hit."""
    def rank(span: TokenSpan) -> float:
        if span in casualties:
            return 2.5
        named = named_in(span)
        if named is not None and named.label_ == "PERSON":
            return 0
        if span.root.ent_type_ in PLACE_LABELS:
            return 3
        if named is not None:
            return 1
        return 2
    if not spans:
        return None
    return min(spans, key=rank)
