"""One event mention per trigger: its clause, status, source and argument spans, read off the parse.

A mention is still words: actors, targets and places are token spans; events.py folds mentions
into events and resolves the spans.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Optional

from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from ..nlp.doc_index import index_of
from ..nlp.extensions import dateline_tokens, entity_index
from ..resolve.places import PRECISION_RANK
from ..resolve.service import Resolution, hand_over, resolver_for
from ..vocabulary.actors import dictionary
from .event_lexicon import EXPLOSIVES, Code, EventLexicon, Trigger, find_triggers, lexicon, reduced_passive

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
NAMED_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
SUBJECTS = ("nsubj", "csubj")
CLIMB_DEPS = frozenset({"xcomp", "advcl", "pcomp", "conj", "prep", "acomp"})
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
ABDUCTION = "181"                 # CAMEO: abduct, hijack, take hostage
PERSON_POSSESSIVES = frozenset({"his", "her"})


@dataclass
class EventMention:
    trigger: Token
    entry: Trigger
    code: Code
    mode: Optional[str]
    anchor: Token                   # the verb (or noun) whose clause states the event
    sent: TokenSpan                      # the sentence, looked up once
    status: str = "asserted"
    source: Optional[TokenSpan] = None   # who reports it, when not the author
    actor: Optional[TokenSpan] = None
    target: Optional[TokenSpan] = None
    place: Optional[TokenSpan] = None
    victims: Optional[TokenSpan] = None
    planned: bool = False
    offered: bool = False           # "offered to host talks": a promise; whoever offers acts
    anaphoric: bool = False         # "the attack": may refer to an event already reported
    indefinite: bool = False        # "an attack", "two strikes": introduces an event
    deadly: bool = False            # the victims died ("killed", "shot dead")
    bare: bool = False              # a noun with nothing of its own: never a new event alone
    dates: Optional[list] = None    # DateMentions of its clause, then its sentence (events.py)

    @property
    def type(self) -> str:
        return self.code.plover


@dataclass
class _MentionTables:
    """Event mention reading's per-Doc tables, kept on the Doc's index (several mentions share
    their arguments, and merging asks for the same names many times)."""
    phrases: dict[int, TokenSpan] = field(default_factory=dict)  # head token -> its noun phrase
    names: dict[tuple[int, int, frozenset[str]], Optional[TokenSpan]] = field(default_factory=dict)
    headline: Optional[tuple[Optional[TokenSpan]]] = None  # the headline, once looked for


def mentions(doc: Doc, resolver: Optional[Resolution] = None) -> list[EventMention]:
    """Every trigger that states an event that happened, was claimed, denied or threatened;
    `resolver` answers who and where words refer to (the real one when not given)."""
    hand_over(doc, resolver)
    lex = lexicon(doc)
    found = []
    for token, entry in find_triggers(doc):
        mention = _mention(token, entry, lex)
        if mention is not None:
            found.append(mention)
    return found


def _mention(token: Token, entry: Trigger, lex: EventLexicon) -> Optional[EventMention]:
    token = _act_noun(token, entry, lex)
    if (entry.pos == "NOUN" and (token.dep_ == "compound" or _misparsed_compound(token, lex))) or \
            (entry.pos == "VERB" and _adjectival(token)):
        return None
    nominal = entry.pos == "NOUN" or _gerund(token)
    if nominal and token.dep_ in SUBJECTS and (token.head in lex.ending_verbs or (
            token.lower_ in lex.impersonal_subjects and token.head.lower_ in lex.threaten_forms)):
        return None  # "previous truces collapsed", "the fighting threatens to spread": no act here
    anchor = _anchor(token, nominal, lex)
    mention = EventMention(trigger=token, entry=entry, code=entry.code, mode=entry.mode, anchor=anchor,
                      sent=index_of(token.doc).sentence_of(token.i))
    labour = _as_labour_protest(mention, lex)
    if not _set_status(mention, lex):
        return None
    if nominal:
        _noun_arguments(mention, lex)
    else:
        _verb_arguments(mention, lex)
    if not _particular_target(mention, labour, lex) or _generic(token, lex) or _not_conflict(mention, lex) \
            or not _particular_doer(mention, lex):
        return None
    _set_manner(mention, lex)
    if mention.target is None and not mention.planned and (
            mention.code.cameo.startswith(EXPLOSIVES) or _told_as_happening(mention.trigger, lex)):
        mention.target = _bombed_site(mention, lex)
    _set_dead(mention, lex)
    if nominal:
        _set_reference(mention, lex)
        if entry.refers_back and not mention.anaphoric:
            return None  # "a crime", "crimes against humanity": no act told before
    return mention


def _particular_target(mention: EventMention, labour: bool, lex: EventLexicon) -> bool:
    """Drops a target that is no one acted on: what a strike is over ("over pay"), the act's own
    words ("on high alert"), anyone at all in a threat ("will retaliate against any attack");
    False when an act that happened names no particular target ("killed any protester who ...")."""
    target = mention.target
    if target is None:
        return True
    root = target.root
    if labour or target.start <= mention.trigger.i < target.end or (  # "deployed troops to X": where
            mention.type in lex.destination_types and root.dep_ == "pobj" and root.head.lower_ in lex.destination_preps):
        mention.target = None
    elif (mention.planned or mention.type == "THREATEN") and root.lower_ in lex.generic_pronouns:
        mention.target = None  # "would kill anyone who attacks"
    elif _generic(root, lex):
        if not (mention.planned or mention.type == "THREATEN"):
            return False
        mention.target = None
    return True


def _particular_doer(mention: EventMention, lex: EventLexicon) -> bool:
    """Drops a doer that is no one in particular ("whoever attacked the mosque", "those
    responsible"); False when such a doer's act is one anyone might do now ("anyone who attacks
    its soldiers"): no particular act. An offered act's doer is whoever offers it ("offered to
    host talks between X and Y": not X)."""
    if mention.offered and mention.source is not None:
        mention.actor = mention.source
    if mention.actor is None or mention.actor.root.lower_ not in lex.generic_pronouns:
        return True
    if mention.trigger.tag_ in ("VBZ", "VBP") and not mention.planned:
        return False
    mention.actor = None
    return True


def _act_noun(token: Token, entry: Trigger, lex: EventLexicon) -> Token:
    """"sabotage actions against X": the act noun a trigger noun names the kind of holds the
    arguments (the trigger itself is only its compound)."""
    if entry.pos == "NOUN" and token.dep_ == "compound" and token.head.lower_ in lex.act_nouns:
        return token.head
    return token


def _site_heads(mention: EventMention, lex: EventLexicon) -> set[Token]:
    """The words whose place phrases may name what a bomb hit: the trigger and its anchor, the
    verb that says an act took place, verbs coordinated with the anchor."""
    heads = {mention.trigger, mention.anchor}
    if _told_as_happening(mention.trigger, lex):
        heads.add(mention.trigger.head)  # "the attack took place in front of the ministry"
    heads.update(c for c in mention.anchor.children if c.dep_ == "conj" and c.pos_ == "VERB" and not any(
        s.dep_ in SUBJECTS for s in c.children))  # "was planted and detonated under a bus"
    return heads


def _bombed_site(mention: EventMention, lex: EventLexicon) -> Optional[TokenSpan]:
    """What a bomb that hit no one named went off at: a building or site in its place phrase
    ("a bomb exploded in a restaurant", "the blast in front of the ministry", the building it
    went off in front of before the street it stands on), never a town, a time or a place noun."""
    heads = _site_heads(mention, lex)
    resolver = resolver_for(mention.trigger.doc)
    preps = [c for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ in lex.site_preps]
    for prep in sorted(preps, key=lambda p: (not any(o.lower_ in lex.beside_nouns for o in p.children), p.i)):
        site = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if site is not None and site.lower_ in lex.beside_nouns:  # "in front of X", "on top of X"
            site = next((o for p in site.children if p.dep_ == "prep" and p.lower_ == "of"
                         for o in p.children if o.dep_ == "pobj"), None)
        if site is None or not _common_noun(site) or site.ent_type_ not in ("", "ORG", "FAC") \
                or site.lower_ in lex.time_nouns \
                or site.lower_ in lex.place_nouns or site.lower_ in lex.never_places:
            continue
        if resolver.known_place(site.text) is None:
            return _with_conjoined(prep, _phrase(site))  # "at the house of X and at the offices of Y"
    return None


def _common_noun(token: Token) -> bool:
    """A common noun, or one the tagger read as a gerund in lowercase copy ("the back of the
    company building": building/VBG) that still has a noun's determiner or compound."""
    return token.tag_ in ("NN", "NNS") or (token.tag_ == "VBG" and token.dep_ == "pobj" and any(
        c.dep_ in ("det", "compound") for c in token.children))


def _told_as_happening(noun: Token, lex: EventLexicon) -> bool:
    """"the attack occurred ...", "the explosion took place ...": the act is the subject of a verb
    that only says it happened, so that verb's place phrase is where it hit."""
    verb = noun.head
    return noun.dep_ == "nsubj" and (verb.lower_ in lex.happening_verbs or (
        verb.lemma_ == "take" and any(c.dep_ == "dobj" and c.lower_ == "place" for c in verb.children)))


def _set_dead(mention: EventMention, lex: EventLexicon) -> None:
    """"The mayor died in the attack", "two guards died when a bomb exploded": whoever died is
    the act's victim (and its target when it names none)."""
    node = mention.anchor
    for _ in range(3):  # "died in the attack", "died as a consequence of an attack"
        if node.dep_ != "pobj" or node.head.head.pos_ == "VERB":
            break
        node = node.head.head
    if node.dep_ == "pobj":
        node = node.head
    elif not (node.dep_ == "advcl" and any(c.dep_ in ("mark", "advmod") and c.lower_ in lex.same_time_marks
                                           for c in node.children)):
        return
    verb = node.head
    subjects = [c for c in verb.children if c.dep_ in SUBJECTS] if verb in lex.death_verbs else []
    if not subjects or subjects[0].pos_ == "PRON":
        return
    mention.victims = _subject_phrase(subjects)
    mention.deadly = True
    if mention.target is None:
        mention.target = mention.victims


def _set_manner(mention: EventMention, lex: EventLexicon) -> None:
    """Words, not force ("attacked the plan"); the place; the weapon; whether the victims died."""
    token, entry = mention.trigger, mention.entry
    if mention.type == "ASSAULT" and entry.pos == "VERB" and not entry.deadly and \
            not mention.planned and _figurative(token, lex):
        mention.code, mention.mode = lex.figurative_code, lex.figurative_code.mode
    mention.place = _place(mention, lex)
    if mention.type == "ASSAULT" and not mention.planned:
        mention.mode = _instrument_mode(mention, lex) or mention.mode
    mention.deadly = entry.deadly or any(
        c.lower_ in lex.deadly_complements for c in token.children if c.dep_ in ("acomp", "oprd", "advmod", "xcomp"))
    target = mention.target
    if target is not None and len(target) > 1 and target.start == token.i + 1 and \
            target[0].lower_ in lex.deadly_complements:
        mention.target, mention.deadly = target[1:], True  # "shot dead three demonstrators" ("dead" read as their adjective)
    if mention.deadly and mention.victims is None:
        mention.victims = mention.target


def _set_reference(mention: EventMention, lex: EventLexicon) -> None:
    """A noun's determiners: "the attack" may repeat an event, "an attack" introduces one, and a
    noun with nothing of its own ("the strike") is never a new event alone."""
    token = mention.trigger
    det = {c.lower_ for c in token.children if c.dep_ in ("det", "poss")}
    mention.anaphoric = bool(det & lex.anaphors)
    mention.indefinite = not mention.entry.refers_back and (bool(det & {"a", "an"}) or any(
        c.dep_ == "nummod" for c in token.children))  # "these two incidents" points back
    pronoun_actor = mention.actor is None or mention.actor.root.pos_ == "PRON"
    mention.bare = mention.anchor == token and pronoun_actor and not (mention.target or mention.place)


def _misparsed_compound(noun: Token, lex: EventLexicon) -> bool:
    """"as ceasefire talks stall": a headline's noun read as the subject of the next word, which
    is really the noun it modifies ("talks")."""
    head = noun.head
    return noun.dep_ in SUBJECTS and head.i == noun.i + 1 and head.pos_ == "VERB" and \
        head.lower_ in lex.noun_trigger_forms


def _as_labour_protest(mention: EventMention, lex: EventLexicon) -> bool:
    """A strike by workers or over pay is a protest, not an armed strike ("nurses went on strike
    over wages"), and threatening one is a threat to protest ("teachers threatened strikes");
    True when the mention is one of them."""
    token = mention.trigger
    if token.lower_ in lex.labour_triggers and _labour_strike(token, lex):
        mention.code, mention.mode = lex.labour_code, lex.labour_code.mode
    elif mention.type == "THREATEN" and _labour_object(token, lex):
        threat = lex.threat_codes[lex.labour_code.plover]
        mention.code, mention.mode = threat, threat.mode
    else:
        return False
    return True


def _labour_object(verb: Token, lex: EventLexicon) -> bool:
    index = index_of(verb.doc)
    (_, deps, children), lowers = index.tree, index.lowers  # the index's arrays: no Tokens built
    objects = [c for c in children[verb.i] if deps[c] == "dobj" and lowers[c] in lex.labour_triggers]
    return bool(objects) and _labour_strike(verb.doc[objects[0]], lex)


def _not_conflict(mention: EventMention, lex: EventLexicon) -> bool:
    """"the news hit me by surprise"; a verb whose object is a labour strike, unless it
    threatens one ("ended the strike over pay")."""
    token = mention.trigger
    if mention.type != "THREATEN" and mention.entry.pos == "VERB" and _labour_object(token, lex):
        return True
    if mention.type == "THREATEN" and mention.entry.pos == "VERB" and _risk(token, lex):
        return True  # "unconditional support for X ... threatens nuclear war": a risk, not a threat
    if not (mention.type == "ASSAULT" and mention.entry.pos == "VERB"):
        return False
    index = index_of(token.doc)
    (_, deps, children), lowers = index.tree, index.lowers
    return any(deps[c] in SUBJECTS and lowers[c] in lex.abstract_doers for c in children[token.i])


def _risk(verb: Token, lex: EventLexicon) -> bool:
    """A threat verb whose "it" stands for a situation or a policy, not for someone who threatens."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.lower_ != "it":
        return False
    thing = pronoun_antecedent(verb.doc[subject.i:subject.i + 1])
    if thing is None:
        return False
    if thing.root.lower_ in lex.impersonal_subjects:
        return True
    referent = resolver_for(verb.doc).referent(thing.start_char, thing.end_char)
    return thing.root.tag_ == "NN" and thing.root.ent_type_ == "" and (referent is None or not referent.is_actor)


def _labour_strike(strike: Token, lex: EventLexicon) -> bool:
    """A strike by workers (its own doer or the doer of the verb it hangs on), over pay, or
    that people are "on" ("went on strike", "remain on strike") or that is called ("called a
    strike"): never said of an air strike."""
    holder = strike.head.head if strike.dep_ == "pobj" else strike.head
    if strike.dep_ == "pobj" and strike.head.lower_ == "on" and not any(
            c.dep_ in ("det", "poss", "amod", "compound") for c in strike.children):
        return True
    if _called(strike, lex):
        return True  # "the opposition called a strike": never an armed one
    doers = [c for t in (strike, holder) for c in t.children if c.dep_ in SUBJECTS]
    doers += _objects_of(strike, ("by",))
    reasons = _objects_of(strike, lex.reason_preps)
    return any(d.lower_ in lex.workers for d in doers) or any(r.lower_ in lex.labour_reasons for r in reasons)


def _objects_of(token: Token, preps) -> list[Token]:
    return [o for p in token.children if p.dep_ == "prep" and p.lower_ in preps
            for o in p.children if o.dep_ == "pobj"]


def _figurative(verb: Token, lex: EventLexicon) -> bool:
    """"attacked the budget", "targeted the plan", "attacked him over his remarks": words, not force."""
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass") and child.lower_ in lex.figurative_objects:
            return True
        if child.dep_ == "prep" and child.lower_ in lex.reason_preps:
            for obj in child.children:
                if obj.dep_ == "pobj" and (obj.lower_ in lex.figurative_objects or
                                           any(c.dep_ == "poss" for c in obj.children)):
                    return True
    return False


def _gerund(verb: Token) -> bool:
    """A verb form used as a noun with nothing of its own ("Russian shelling killed two")."""
    return verb.tag_ == "VBG" and verb.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") and not any(
        c.dep_ in ("dobj", "nsubj", "aux") for c in verb.children)


def _anchor(token: Token, nominal: bool, lex: EventLexicon) -> Token:
    """The verb that states a noun's event ("launched ... airstrikes"), else the word itself."""
    if not nominal:
        return token
    noun = token
    while noun.dep_ == "pobj" and noun.head.lower_ == "of" and (
            noun.head.head.lower_ in lex.quantifier_nouns or noun.head.head.like_num):
        noun = noun.head.head
    if noun.dep_ in ("dobj", "nsubjpass") and noun.head in lex.light_verbs:
        return noun.head
    if _called(noun, lex):
        return noun.head  # "the rebels called a ceasefire"
    for child in token.children:
        if child.dep_ in ("acl", "relcl") and child in lex.light_verbs:
            return child
    if noun.dep_ == "nsubj" and noun.head.pos_ == "VERB" and noun.head not in lex.reporting_verbs:
        return noun.head  # "a car bomb exploded outside a hotel": the verb's clause states it
    if noun.dep_ == "pobj" and noun.head.lower_ == "with" and noun.head.head.pos_ == "VERB" and \
            noun.head.head not in lex.charging_verbs:
        return noun.head.head  # "the army responded with airstrikes"
    if noun.dep_ == "pobj" and noun.head.lower_ == "in" and noun.head.head in lex.light_verbs:
        return noun.head.head  # "soldiers engaged in a firefight"
    if noun.dep_ == "pobj" and noun.head.lower_ == "on" and noun.head.head in lex.state_verbs:
        return noun.head.head  # "went on strike", "put its forces on high alert"
    return token


def _called(noun: Token, lex: EventLexicon) -> bool:
    """"Called a ceasefire", "called a general strike": declared, not asked for ("called for")
    nor summoned ("called in airstrikes") nor named ("called the protest a provocation")."""
    return noun.dep_ == "dobj" and noun.lower_ in lex.called_acts and noun.head in lex.calling_verbs and not any(
        c.dep_ in ("prt", "oprd", "ccomp", "xcomp", "acomp") for c in noun.head.children)


@dataclass
class _StatusWalk:
    """What the climb from an event's clause through the clauses embedding it has found."""
    planned: bool
    reporter: Optional[Token] = None  # the reporting (or denying) verb, when not the author
    told_by: Optional[Token] = None   # its subject, when the parse made the report the event's subject


def _set_status(mention: EventMention, lex: EventLexicon) -> bool:
    """Status and source from negation, conditions, modals, embedding and reporting verbs;
    False when the mention is not an event at all (negated, hypothetical, planned non-threat)."""
    anchor, trigger = mention.anchor, mention.trigger
    if _negated(anchor) or (trigger != anchor and _negated(trigger)):
        return False
    _, deps, children = index_of(trigger.doc).tree
    walk = _StatusWalk(planned=_future(anchor, lex) or _asked_for(anchor, lex) or any(
        # "planned attacks", "planning attacks"
        lex.embedding_status(trigger.doc[c]) == "planned" for c in children[trigger.i] if deps[c] in ("amod", "compound")))
    if not _climb(mention, walk, lex):
        return False
    if walk.planned and _presupposed(mention, lex):
        walk.planned = False  # "went on strike to protest the kidnapping of X": it happened
    reporter = walk.reporter
    if reporter is not None and trigger.tag_ in ("VBZ", "VBP") and reporter.tag_ in ("VBD", "VBN"):
        return False  # "it has said it targets only militants": a habit or a policy, not an act
    _set_source(mention, walk, lex)
    return _recode_planned(mention, walk, lex)


def _asked_for(anchor: Token, lex: EventLexicon) -> bool:
    """"Demanded the withdrawal of troops", "called for a ceasefire": the act is only asked for
    (an act told inside what is asked for, "the release of men arrested in X", happened)."""
    if anchor.dep_ == "dobj":
        return lex.embedding_status(anchor.head) == "requested"
    return anchor.dep_ == "pobj" and anchor.head.lower_ == "for" and anchor.head.head in lex.asking_for


def _presupposed(mention: EventMention, lex: EventLexicon) -> bool:
    """A definite killing or kidnapping that names whom it hit ("the murder of X", "X's
    abduction") tells of an act that happened, whatever the clauses above it intend ("to
    investigate the murder of X"); one its own verb plans or threatens ("planned the murder of
    X") is not."""
    noun, entry = mention.trigger, mention.entry
    if noun != mention.anchor or noun.pos_ != "NOUN" or entry.refers_back or not (
            entry.deadly or mention.code.cameo.startswith(ABDUCTION)):
        return False  # a killing or a kidnapping, not "his attacks on the moderators"
    kids = [c for c in noun.children]
    definite = any((c.dep_ == "det" and c.lower_ == "the") or c.dep_ == "poss" for c in kids)
    named = any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "of") for c in kids)
    planned_here = any(c.dep_ in ("amod", "compound") and lex.embedding_status(c) == "planned" for c in kids) or (
        noun.dep_ == "dobj" and lex.embedding_status(noun.head) is not None)
    return definite and named and not planned_here


def _climb(mention: EventMention, walk: _StatusWalk, lex: EventLexicon) -> bool:
    """Walk up from the anchor through the clauses that embed it (at most eight), reading the
    condition, modality and reporting rules at each; False when a rule says it is no event."""
    node, doc = mention.anchor, mention.anchor.doc
    lowers, (_, deps, children) = index_of(doc).lowers, index_of(doc).tree
    for _ in range(8):
        kids = [(deps[c], lowers[c], c) for c in children[node.i]]  # from the index's arrays
        if any(dep == "mark" and word in lex.conditions for dep, word, _ in kids):
            return False  # a condition: "if they attack"
        if not _modality(node, kids, walk, lex):
            return False
        if _reporting(mention, node, kids, walk, lex):
            break
        if node.head == node and walk.reporter is None:
            walk.reporter = _reporter_before(node, lex) or _reporter_after(node, lex)
        if node.dep_ in ("ccomp", "relcl") or node.head == node or _headless_relative(node, kids, lex):
            break
        if node.dep_ == "acl" and (walk.reporter is not None or (node.tag_ == "VBN" and node != mention.anchor)):
            break  # "agreed to extradite two men accused of bombing ...": the accusation is its frame
        if node.dep_ == "pobj" and node.head.lower_ in lex.reason_preps and (
                (node.head.head.pos_ == "NOUN" and node.head.head.lower_ not in lex.responsibility_nouns)
                or node.head.head.lower_ in lex.vow_forms):
            break  # "will pay a heavy price for the killing": the killing is the reason, and happened
        node = _coordinated_with(node)
    return True


def _headless_relative(node: Token, kids: list[tuple[str, str, int]], lex: EventLexicon) -> bool:
    """"Whoever attacked the mosque will face justice": a past-tense clause that names a doer
    (the sentence's subject) keeps its own tense; the verb it is the subject of does not plan it."""
    return node.dep_ in ("csubj", "csubjpass") and index_of(node.doc).tags[node.i] == "VBD" and any(
        dep == "nsubj" and word in lex.generic_pronouns for dep, word, _ in kids)


def _modality(node: Token, kids: list[tuple[str, str, int]], walk: _StatusWalk, lex: EventLexicon) -> bool:
    """Modals, infinitives and governing verbs: marks the event planned ("will strike", "to
    negotiate", "planning attacks"); False when the governor negates it ("called off the offensive")."""
    tags = index_of(node.doc).tags
    infinitive = any(dep == "aux" and tags[c] == "TO" for dep, _, c in kids)
    if _future_aux(kids, lex) or (infinitive and (
            node.dep_ == "advcl" or (node.dep_ == "acl" and node.head.lower_ == "order"))):
        walk.planned = True  # "will strike"; an infinitive of purpose ("in order to strike")
    if node.dep_ == "dobj":
        governed = lex.embedding_status(node.head)
        if governed == "negated":
            return False  # "suspended talks", "called off the offensive"
        if governed == "planned":
            walk.planned = True  # "planning attacks", "threatened strikes"
    if node.dep_ == "pcomp" and node.head.lower_ == "against" and node.head.head.lower_ in lex.threat_verbs:
        return False  # "warned Iran against attacking shipping": an act warned against, not done
    if node.dep_ == "xcomp" or infinitive:
        return _complement(node, kids, infinitive, walk, lex)
    return True


def _complement(node: Token, kids: list[tuple[str, str, int]], infinitive: bool, walk: _StatusWalk,
                lex: EventLexicon) -> bool:
    """An open complement or infinitive takes its status from the verb governing it ("failed to
    take", "planned to strike"); False when that verb negates it."""
    status = lex.embedding_status(node.head) if node.dep_ == "xcomp" else None
    if status == "negated" or (status is not None and _negated(node.head)):
        return False
    perfect = any(dep == "aux" and word == "have" for dep, word, _ in kids)
    reported = node.dep_ == "xcomp" and node.head in lex.reporting_verbs
    if status in ("planned", "requested") or (infinitive and status is None and not perfect and not reported):
        walk.planned = True  # "to negotiate": intended, unless the governor says it happened
    if _future(node.head, lex):
        walk.planned = True
    return True


def _reporting(mention: EventMention, node: Token, kids: list[tuple[str, str, int]], walk: _StatusWalk,
               lex: EventLexicon) -> bool:
    """Reporting and denial verbs that embed the clause ("said", "denied", "accused X of");
    True when the climb must stop because the clause is a comment on a charge, not its report."""
    if walk.reporter is None and _governing_report(mention, node, walk, lex):
        return True
    if walk.reporter is None and any(dep == "mark" and word == "that" for dep, word, _ in kids):
        # "alleged the following: that they have killed ...": a that-clause under a report
        walk.reporter = next((a for a in node.ancestors if a in lex.reporting_verbs), None)
    if node.dep_ in SUBJECTS and walk.reporter is None and node.head in lex.reporting_verbs:
        later = [c for c in node.head.children if c.dep_ in SUBJECTS and c.i > node.i]
        if later:  # "Israeli strikes killed 40 ..., the agency said": a report parsed as its subject
            walk.reporter, walk.told_by = node.head, later[-1]
    return False


def _governing_report(mention: EventMention, node: Token, walk: _StatusWalk, lex: EventLexicon) -> bool:
    """The clause is the complement of a reporting or denial verb ("said that", "accused X of");
    True when it is instead a comment on a charge ("a charge Kigali denied")."""
    accusation = node.dep_ == "pcomp" and node.head.lower_ in ("of", "for") and \
        node.head.head in lex.reporting_verbs
    offered = _offered(node, lex)  # "offered on Tuesday to mediate"
    if not (node.dep_ in ("ccomp", "xcomp") or accusation or offered):
        return False
    head = node.head.head if accusation else node.head
    if any(c.dep_ in SUBJECTS and c.lower_ in lex.comment_nouns for c in head.children):
        return True  # "accused X of Y, a charge Kigali denied": a comment, not the report
    if head in lex.denial_verbs:
        mention.status = "denied"
        walk.reporter = head
    elif head in lex.reporting_verbs or head.lower_ in lex.threat_verbs:
        walk.reporter = head
    return False


def _set_source(mention: EventMention, walk: _StatusWalk, lex: EventLexicon) -> None:
    """Who reports the event: the reporting verb's speaker, else an "according to" phrase."""
    according = _according_to(mention.anchor, mention.sent)
    if walk.reporter is not None:
        mention.source = _phrase(walk.told_by) if walk.told_by is not None else _actor_of(walk.reporter, lex)
        if mention.status != "denied":
            mention.status = "claimed"
    elif according is not None:
        mention.source = according
        mention.status = "claimed"


def _recode_planned(mention: EventMention, walk: _StatusWalk, lex: EventLexicon) -> bool:
    """A planned act is a threat ("vowed to strike" -> threaten to attack) when a reporter or the
    trigger makes it one; any other planned act, and a threat-only word unplanned, is no event."""
    if mention.entry.threat_only and not walk.planned:
        return False
    if walk.planned and _aim_of_act(mention.anchor, lex):
        return False  # "fired tear gas to disperse the crowd": the aim of an act told, no threat
    if walk.planned:
        threat = lex.threat_codes.get(mention.type)
        if mention.type != "THREATEN" and (threat is None or (
                walk.reporter is None and not mention.entry.threat_only)):
            return False
        if mention.type in lex.offered_only:
            if walk.reporter is None or walk.reporter.lower_ not in lex.threat_verbs:
                return False  # "said they agreed to meet": the agreement is the event
            mention.offered = True
        if mention.type != "THREATEN" and threat is not None:  # (never None here: checked above)
            mention.code, mention.mode = threat, threat.mode
            mention.planned = True
            mention.status = "asserted"
    return True


def _aim_of_act(anchor: Token, lex: EventLexicon) -> bool:
    """An infinitive of purpose hung on an act verb ("fired tear gas to disperse the crowd")."""
    return anchor.dep_ == "advcl" and anchor.head.lower_ in lex.verb_trigger_forms and any(
        c.dep_ == "aux" and c.tag_ == "TO" for c in anchor.children)


def _reporter_before(root: Token, lex: EventLexicon) -> Optional[Token]:
    """"They alleged the following: That they have killed ...": a sentence that is only a
    that-clause continues the report that the previous sentence opened."""
    if not any(c.dep_ == "mark" and c.lower_ == "that" and c.i == root.sent.start for c in root.children):
        return None
    start = root.sent.start
    if start == 0 or root.doc[start - 1].text not in (":", ";"):
        previous = root.doc[start - 1].sent if start > 0 else None
        if previous is None or previous[-1].text not in (":", ";"):
            return None
    previous = root.doc[start - 1].sent
    return next((t for t in previous if t in lex.reporting_verbs), None)


def _reporter_after(root: Token, lex: EventLexicon) -> Optional[Token]:
    """"Strikes killed 18 on Saturday | , the agency said.": the parser may cut the trailing
    attribution off as a sentence of its own, which then opens with the comma."""
    doc = root.doc
    sentences = index_of(doc)
    end = sentences.sentence_of(root.i).end
    if end >= len(doc) or doc[end].text != ",":
        return None
    verb = sentences.sentence_of(end).root
    if verb in lex.reporting_verbs and not any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in verb.children):
        return verb
    return None


def _adjectival(verb: Token) -> bool:
    """A participle used as an adjective ("the besieged enclave", "of occupied Palestine")."""
    if verb.dep_ in ("amod", "compound"):
        return True
    if verb.i == 0 or verb.tag_ not in ("VBN", "VBD"):
        return False
    before = verb.doc[verb.i - 1]
    if before.pos_ in ("ADP", "DET"):
        return True
    following = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    return (before.ent_type_ == "NORP" or before.pos_ == "ADJ") and following is not None and \
        following.dep_ == "dobj" and following.head == verb


def _instrument_mode(mention: EventMention, lex: EventLexicon) -> Optional[str]:
    """The weapon named as the means ("struck a refinery with drones", "the drones hit")."""
    index = index_of(mention.trigger.doc)
    (_, deps, children), lowers = index.tree, index.lowers  # the index's arrays: no Tokens built
    heads = {mention.trigger, mention.anchor}
    heads |= {c for c in mention.trigger.children if c.dep_ == "dobj"}  # "struck X with drones"
    for head in heads:
        for child in children[head.i]:
            if deps[child] == "prep" and lowers[child] == "with":
                for obj in children[child]:
                    if deps[obj] == "pobj" and lowers[obj] in lex.instrument_modes:
                        return lex.instrument_modes[lowers[obj]]
            if deps[child] == "nsubj" and lowers[child] in lex.instrument_modes:
                return lex.instrument_modes[lowers[child]]
    return None


def _generic(token: Token, lex: EventLexicon) -> bool:
    index = index_of(token.doc)
    (_, deps, children), lowers = index.tree, index.lowers  # the index's arrays: no Tokens built
    return any(deps[c] == "det" and lowers[c] in lex.generic_determiners for c in children[token.i])


def _negated(token: Token) -> bool:
    index = index_of(token.doc)
    (_, deps, children), lowers = index.tree, index.lowers
    return any(deps[c] == "neg" or (deps[c] == "det" and lowers[c] == "no") for c in children[token.i])


def _future(token: Token, lex: EventLexicon) -> bool:
    """"will strike", "would respond"; not "may have been carried out" (a past possibility)."""
    index = index_of(token.doc)
    (_, deps, children), lowers = index.tree, index.lowers
    return _future_aux([(deps[c], lowers[c], c) for c in children[token.i]], lex)


def _future_aux(kids: list[tuple[str, str, int]], lex: EventLexicon) -> bool:
    auxes = [word for dep, word, _ in kids if dep in ("aux", "auxpass")]
    return any(a in lex.modals for a in auxes) and not any(a in ("have", "'ve") for a in auxes)


def _according_to(anchor: Token, sent: TokenSpan) -> Optional[TokenSpan]:
    index = index_of(anchor.doc)
    lowers, (_, deps, children) = index.lowers, index.tree
    for head in (anchor.i, sent.root.i):
        for child in children[head]:
            if deps[child] == "prep" and lowers[child] == "according":
                for to in children[child]:
                    for obj in children[to]:
                        if deps[obj] == "pobj":
                            return _phrase(anchor.doc[obj])
    return None


def _verb_arguments(mention: EventMention, lex: EventLexicon) -> None:
    verb = mention.trigger
    _, deps, children = index_of(verb.doc).tree
    kids = children[verb.i]
    passive = any(deps[c] == "auxpass" for c in kids)
    headline_passive = _headline_passive(verb) is not None  # "Kyiv hit by drones": the subject was hit
    mention.actor = _actor_of(verb, lex)
    object_is_target = mention.entry.object_is_target
    for c in kids:
        if (deps[c] in ("dobj", "nsubjpass") and object_is_target) or (headline_passive and deps[c] == "nsubj"):
            child = verb.doc[c]
            mention.target = _relative_antecedent(child) or _with_stray_conjunct(verb, _phrase(child))
            break
    if mention.target is None and reduced_passive(verb):
        mention.target = _unless_weapon(_phrase_before(verb.head, verb), mention)  # "90 prisoners released by Israel"
    if passive and mention.target is None and (object_is_target or mention.entry.objects):
        mention.target = _unless_weapon(_inherited_subject(verb), mention)
    if mention.target is None:
        _target_off_the_object(mention, verb, object_is_target, lex)
    if mention.target is not None and _ran_into(verb, mention.target.root, lex):
        _ran_into_device(mention, verb)
    if mention.entry.subject_is_target:  # "Israel will pay a heavy price": the speaker threatens Israel
        mention.target, mention.actor = mention.actor, mention.source
    if mention.entry.discovered:
        mention.actor = None
        mention.target = _whose_remains(mention.target, mention.entry)


def _target_off_the_object(mention: EventMention, verb: Token, object_is_target: bool, lex: EventLexicon) -> None:
    """A target the verb's object or passive subject does not give: a misread participle's noun,
    the site a device went off at, a preposition's object, one beyond the object (_beyond_object),
    the other side of a fight."""
    if mention.type in ("ASSAULT", "COERCE"):
        _misread_participle(mention, verb)
    if mention.target is None and _went_off(mention, verb):
        mention.target = _bombed_site(mention, lex)
    if mention.target is None:
        mention.target = _prep_target(verb, lex) or _beyond_object(mention, verb, object_is_target, lex) \
            or _mission_host(verb, lex)
    if mention.target is None and verb.lower_ in lex.verb_sides:
        mention.target = _with_side(verb)  # "clashed with rebels"


def _mission_host(verb: Token, lex: EventLexicon) -> Optional[TokenSpan]:
    """"Closed its embassy in Kabul": the known place a closed mission stands in names its host,
    the country the act is against."""
    resolver = resolver_for(verb.doc)
    for obj in verb.children:
        if obj.dep_ in ("dobj", "nsubjpass") and obj.lower_ in lex.hosted_missions:
            for prep in obj.children:
                site = _pobj_phrase(prep) if prep.dep_ == "prep" and prep.lower_ == "in" else None
                if site is not None and resolver.known_place(site.text) is not None:
                    return site
    return None


def _went_off(mention: EventMention, verb: Token) -> bool:
    """"a bomb exploded inside a bus on the avenue": a device that went off hit the site its place
    phrases name (_bombed_site) before whatever "on" or "at" names (the street)."""
    return mention.code.cameo == EXPLOSIVES and not mention.entry.objects and not any(
        c.dep_ == "dobj" for c in verb.children)


def _misread_participle(mention: EventMention, verb: Token) -> None:
    """"The two engineers, kidnapped in March, were freed today": the parser may read the
    participle as its noun's main verb (lowercase copy, long names). An act verb with no object
    right after the noun's comma, whose clause goes on with a passive or auxiliary verb of no
    subject of its own, tells what was done to the noun: the noun is the target, not the doer."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or verb.tag_ not in ("VBD", "VBN") or verb.doc[verb.i - 1].text != "," or \
            subject.i > verb.i or any(c.dep_ in ("dobj", "aux", "auxpass") for c in verb.children):
        return
    if any(c.dep_ == "conj" and c.i > verb.i and not any(x.dep_ in SUBJECTS for x in c.children)
           and any(x.dep_ in ("aux", "auxpass") for x in c.children) for c in verb.children):
        mention.target, mention.actor = _phrase(subject), None


def _ran_into(verb: Token, device: Token, lex: EventLexicon) -> bool:
    """"hit a landmine", "struck a dynamite charge", not "struck a coal mine": a collision verb
    whose object is a device left in wait, modified only by words for explosives."""
    return verb.lower_ in lex.collision_verbs and device.lower_ in lex.laid_devices and all(
        c.lower_ in lex.devices for c in device.children if c.dep_ in ("compound", "amod"))


def _ran_into_device(mention: EventMention, verb: Token) -> None:
    """"a patrol hit a landmine", "the train was derailed after striking a dynamite charge": what
    ran into the device was hit; the device has no doer in the clause."""
    holder = next((c for node in [verb, *verb.ancestors][:3] for c in node.children
                   if c.dep_ in ("nsubj", "nsubjpass") and c.i < verb.i), None)
    mention.target = _phrase(holder) if holder is not None else None
    mention.actor = None


def _beyond_object(mention: EventMention, verb: Token, object_is_target: bool,
                   lex: EventLexicon) -> Optional[TokenSpan]:
    """A target the verb's object is not: who receives what is given ("gave Kenya a loan"), the
    object of a coordinated act verb, or what a weapon was aimed at ("fired rockets at X")."""
    if not object_is_target:
        mention.target = _recipient(verb, mention.entry)
    else:
        mention.target = _object_past_complement(verb, lex)
    if mention.target is None and object_is_target and not any(c.dep_ == "dobj" for c in verb.children):
        mention.target = _shared_object(verb)
    if mention.target is None and mention.entry.objects:
        _target_beyond_object(mention, verb, lex)
    return mention.target


def _object_past_complement(verb: Token, lex: EventLexicon) -> Optional[TokenSpan]:
    """"shot dead two protesters": the parser hangs the victims on "dead"."""
    for child in verb.children:
        if child.dep_ in ("acomp", "oprd") and child.lower_ in lex.deadly_complements:
            victims = next((c for c in child.children if c.dep_ == "dobj"), None)
            if victims is not None:
                return _phrase(victims)
    return None


def _recipient(verb: Token, entry: Trigger) -> Optional[TokenSpan]:
    """Who is given what the verb's listed object names: "gave Kenya a loan", "granted asylum to
    X", "supplied the army with fuel" (the goods come with "with": the object receives them)."""
    for child in verb.children:
        if child.dep_ == "dative" and child.pos_ in ("PROPN", "NOUN"):
            return _phrase(child)
        if child.dep_ == "dative" and child.pos_ == "ADP":  # "granted asylum to X" ("to" read as dative)
            return _pobj_phrase(child)
    goods = any(child.dep_ == "prep" and child.lower_ == "with" and any(
        o.dep_ == "pobj" and o.lower_ in entry.objects for o in child.children) for child in verb.children)
    recipient = next((c for c in verb.children if c.dep_ == "dobj"), None) if goods else None
    return _phrase(recipient) if recipient is not None else None


def _whose_remains(found: Optional[TokenSpan], entry: Trigger) -> Optional[TokenSpan]:
    """"The body of X was found", "found X's body": X is the victim; the finder is no doer."""
    if found is None or found.root.lower_ not in entry.objects:
        return found
    root = found.root
    owner = next((c for c in root.children if c.dep_ == "poss" and c.pos_ != "PRON"), None)
    if owner is not None:
        return _possessor(owner)
    of = next((c for c in root.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    return (_pobj_phrase(of) if of is not None else None) or found


def _unless_weapon(subject: Optional[TokenSpan], mention: EventMention) -> Optional[TokenSpan]:
    """"a bomb planted near the embassy", "a mine was laid": what was used is not what was hit."""
    entry = mention.entry
    if subject is None or entry.object_is_target or subject.root.lower_ not in entry.objects:
        return subject
    return None


def _with_stray_conjunct(verb: Token, phrase: TokenSpan) -> TokenSpan:
    """The object with a second object the parser hung on the verb as a conjunct of its own (in
    lowercase wire copy: "killed hector oqueli, leader of the mnr, and guatemalan leader gilda
    flores", "implicated four officers, including one colonel, and five members of the armed
    forces in the assassination"; a bare "VB" that no trigger spells, after a past tense, is a
    misread word, not a verb), names apposed to it that the parser hung on the verb ("killed
    two reporters, A and B, in ..."), or a list read as several objects ("burned the offices of
    X, the farm bank, and the post office"):
    the phrase runs on to the second object, up to a preposition other than "of"."""
    doc = verb.doc
    for conj in verb.children:
        verbal = conj.tag_.startswith("VB") and not (
            conj.tag_ == "VB" and verb.tag_ in ("VBD", "VBN") and conj.lower_ not in lexicon(doc).verb_trigger_forms)
        stray = conj.dep_ == "conj" or (conj.dep_ in ("dep", "appos") and conj.tag_ in ("NNP", "NNPS")) or (
            conj.dep_ == "dobj" and conj.tag_.startswith("NN"))
        if not stray or verbal or conj.left_edge.i < phrase.end or \
                any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in conj.children):
            continue
        if not all(t.is_punct or t.dep_ == "cc" for t in doc[phrase.end:conj.left_edge.i]):
            continue
        tail = [t for t in conj.subtree if t.dep_ == "prep" and t.lower_ != "of" and t.head.i >= conj.i]
        end = min([t.i for t in tail] + [conj.right_edge.i + 1])
        while end > phrase.end and (doc[end - 1].is_punct or doc[end - 1].dep_ == "cc"):
            end -= 1
        return TokenSpan(doc, phrase.start, end)
    return phrase


def _shared_object(verb: Token) -> Optional[TokenSpan]:
    """"attacked and looted three shops": a verb with no object of its own shares the object of
    the act verb coordinated with it, when that verb has no subject of its own."""
    for conj in verb.children:
        if conj.dep_ == "conj" and conj.lower_ in lexicon(verb.doc).verb_trigger_forms and not any(
                c.dep_ in ("nsubj", "nsubjpass") for c in conj.children):
            obj = next((c for c in conj.children if c.dep_ == "dobj"), None)
            if obj is not None:
                return _with_stray_conjunct(conj, _phrase(obj))
    return None


def _with_side(head: Token) -> Optional[TokenSpan]:
    """The other side of a fight: "clashed with X", "a firefight with X"."""
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ == "with":
            return _pobj_phrase(child)
    return None


def _target_beyond_object(mention: EventMention, verb: Token, lex: EventLexicon) -> None:
    """A verb whose object is the weapon or the act finds its target past the object: "launched
    40 missiles and 35 drones at Ukraine", "took control of X"."""
    for child in verb.children:
        if child.dep_ == "dobj":
            for part in [child, *child.conjuncts]:
                mention.target = mention.target or _prep_target(part, lex)
            for prep in child.children if child.lower_ in mention.entry.objects else ():
                if prep.dep_ == "prep" and prep.lower_ in lex.object_target_preps and not (
                        prep.lower_ == "of" and mention.code.cameo.startswith(EXPLOSIVES)):  # "a charge of dynamite"
                    mention.target = mention.target or _pobj_phrase(prep)
    for prep in verb.children:  # "threw grenades from a car at the bank": the parser hangs "at" on the car
        if mention.target is None and prep.dep_ == "prep" and prep.lower_ in lex.origin_preps:
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                mention.target = mention.target or _prep_target(obj, lex)


def _prep_target(head: Token, lex: EventLexicon) -> Optional[TokenSpan]:
    """"against X", "at X", "on X": the first such phrase that is not a date."""
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in lex.target_preps:
            phrase = _pobj_phrase(child)
            if phrase is not None and not _a_time(phrase, lex):
                return _with_conjoined(child, phrase)
    return None


def _with_conjoined(prep: Token, phrase: TokenSpan) -> TokenSpan:
    """"at the house of the judge and at the offices of a lawyer": both places were hit."""
    more = next((c for c in prep.children if c.dep_ == "conj" and c.lower_ == prep.lower_), None)
    other = _pobj_phrase(more) if more is not None else None
    if other is None or other.start < phrase.end:
        return phrase
    return TokenSpan(phrase.doc, phrase.start, other.end)


def _a_time(phrase: TokenSpan, lex: EventLexicon) -> bool:
    """"at dawn", "at the same time", "at approximately 1100": when, not what was hit."""
    root = phrase.root
    return root.ent_type_ in ("DATE", "TIME") or root.like_num or root.lower_ in lex.time_nouns


def _of_beyond(noun: Token) -> Optional[TokenSpan]:
    """"the assassination in February of General X", "the killing in Tegucigalpa of X": the
    parser hangs the "of" on the date or the place between."""
    for prep in noun.children:
        if prep.dep_ != "prep" or prep.lower_ == "of":
            continue
        for obj in prep.children:
            if obj.dep_ == "pobj" and not any(c.dep_ == "det" for c in obj.children):
                found = next((_pobj_phrase(c) for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"), None)
                if found is not None:
                    return found
    return None


def _noun_arguments(mention: EventMention, lex: EventLexicon) -> None:
    noun, anchor = mention.trigger, mention.anchor
    if anchor != noun:  # "the attack carried out against X was the work of Y": the verb's, else the owner's
        mention.actor = _actor_of(anchor, lex) or _responsible(noun, lex)
    else:
        mention.actor = _responsible(noun, lex)
    if mention.actor is not None and mention.status == "asserted":
        _credit_accuser(mention, lex)
    for child in noun.children:
        _noun_modifier_argument(mention, noun, child)
    _possessor_as_victim(mention, noun)
    if mention.target is not None and (mention.target.root.lower_ in lex.kind_nouns or (
            mention.mode == "explosives" and mention.target.root.lower_ in lex.instruments)):
        mention.target = None  # "attacks of this nature", "the explosion of a bomb"
    if mention.target is None:
        mention.target = _prep_target(noun, lex)
    if anchor != noun and mention.target is None:
        mention.target = _prep_target(anchor, lex)
    if mention.target is None and mention.type == "ASSAULT":
        mention.target = _target_told_apart(noun, lex)
    if mention.target is None and noun.lower_ in lex.sides_nouns:
        mention.target = _with_side(noun) or (_with_side(anchor) if anchor != noun else None)
    if mention.target is None and mention.type == "ASSAULT":
        mention.target = _survivor(noun, lex)
    if mention.actor is None:
        mention.actor = _agent_near(noun, lex)
    if mention.actor is not None and mention.target is not None:
        mention.target = _cut_before(mention.target, mention.actor.doc[mention.actor.start - 1])


def _target_told_apart(noun: Token, lex: EventLexicon) -> Optional[TokenSpan]:
    """An act's target told away from its noun: "the killing in Tegucigalpa of X", "X was the
    target of an attack"."""
    return _of_beyond(noun) or _role_holder(noun, lex)


def _role_holder(noun: Token, lex: EventLexicon) -> Optional[TokenSpan]:
    """"X was the target of a bomb attack", "X has been the victim of two attempts", "the target
    of the attack was X": whom the copula names as the act's target or victim."""
    role = noun.head.head
    if noun.dep_ != "pobj" or noun.head.lower_ != "of" or role.lower_ not in lex.role_nouns \
            or role.head.lemma_ not in ("be", "become"):
        return None
    other = {"attr": ("nsubj", "nsubjpass"), "nsubj": ("attr",)}.get(role.dep_, ())
    holder = next((c for c in role.head.children if c.dep_ in other), None)
    if holder is None:
        return None
    return _relative_antecedent(holder) or _phrase(holder)


def _possessor_as_victim(mention: EventMention, noun: Token) -> None:
    """"Galan's murder", "his abduction": the person whose killing or kidnapping it was is its
    victim (the target), unlike a group's or a country's own act ("Israel's strike", "the
    army's killing"), whose owner stays its actor."""
    if mention.target is not None or mention.actor is None or not (
            mention.entry.deadly or mention.code.cameo.startswith(ABDUCTION)):
        return
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is not None and owner in mention.actor and (
            owner.ent_type_ == "PERSON" or owner.lower_ in PERSON_POSSESSIVES):
        mention.target, mention.actor = _possessor(owner), None


def _possessor(owner: Token) -> TokenSpan:
    """A possessor's phrase without its "'s" ("galan's murder": galan)."""
    phrase = _phrase(owner)
    end = phrase.end - 1 if phrase.end - 1 > phrase.start and phrase[-1].tag_ == "POS" else phrase.end
    return phrase.doc[phrase.start:end]


def _survivor(noun: Token, lex: EventLexicon) -> Optional[TokenSpan]:
    """"X survived an attack", "X emerged unscathed from a dynamite attack": X was its target."""
    if noun.dep_ == "dobj":
        verb = noun.head
    elif noun.dep_ == "pobj" and noun.head.lower_ == "from":
        verb = noun.head.head
        verb = verb.head if verb.dep_ == "acomp" else verb  # "emerged unscathed from"
    else:
        return None
    if verb not in lex.survival_verbs:
        return None
    subjects = [c for c in verb.children if c.dep_ == "nsubj" and not in_dateline(c)]
    return _subject_phrase(subjects) if subjects and subjects[0].pos_ != "PRON" else None


def _agent_inside(noun: Token, lex: EventLexicon) -> Optional[TokenSpan]:
    """"the assassination of X, minister of the presidency, by urban guerrillas": a "by" the parser
    hung on a word of the event noun's own phrase names its doer (never one inside a clause)."""
    for token in noun.subtree:
        if token.dep_ != "prep" or token.lower_ != "by" or token.head == noun or token.head.pos_ not in ("NOUN", "PROPN"):
            continue
        between = [a for a in token.ancestors if noun in a.ancestors]
        if any(a.dep_ in ("relcl", "acl", "advcl", "ccomp") for a in between):
            continue
        doer = _pobj_phrase(token)
        if doer is not None and doer.root.ent_type_ not in PLACE_LABELS | {"DATE", "TIME"} \
                and doer.root.lower_ not in lex.place_nouns:
            return _doer(doer, lex)
    return None


def _agent_near(noun: Token, lex: EventLexicon) -> Optional[TokenSpan]:
    """A doer named by a "by" around the event noun's phrase rather than on the noun itself."""
    return _agent_inside(noun, lex) or _agent_after(noun, lex) or _carried_out_by(noun, lex)


def _carried_out_by(noun: Token, lex: EventLexicon) -> Optional[TokenSpan]:
    """"the murder of the minister and two of his bodyguards, perpetrated by guerrillas": a
    participle of a light verb ("perpetrated", "carried out", "committed") that the parser hung on
    a word of the act noun's own phrase has the act as its object, and its agent is the doer."""
    for token in noun.subtree:
        if token.dep_ != "agent" or token.head.dep_ != "acl" or token.head.head == noun \
                or token.head not in lex.light_verbs or token.head.head.pos_ not in ("NOUN", "PROPN", "NUM"):
            continue
        between = [a for a in token.head.head.ancestors if noun in a.ancestors]
        if not any(a.dep_ in ("relcl", "acl", "advcl", "ccomp") for a in between):
            return _doer(_pobj_phrase(token), lex)
    return None


def _agent_after(noun: Token, lex: EventLexicon) -> Optional[TokenSpan]:
    """"alarmed over the assassination of X, minister of ..., by urban guerrillas": a "by" right
    after the event noun's phrase that the parser hung on a verb above it names the act's doer,
    unless that verb is a passive with no other agent, whose own agent it is ("was condemned by
    the UN"; but "was shocked by news of the abduction of X, ..., by armed men")."""
    doc = noun.doc
    after = noun.right_edge.i + 1
    if after < len(doc) and doc[after].text == ",":
        after += 1
    by = doc[after] if after < len(doc) else None
    if by is None or by.lower_ != "by" or by.dep_ != "prep" or by.head not in noun.ancestors:
        return None
    kids = [c.dep_ for c in by.head.children]
    if "auxpass" in kids and "agent" not in kids:
        return None  # the passive verb's own agent, read as a plain "by"
    doer = _pobj_phrase(by)
    if doer is None or doer.root.ent_type_ in PLACE_LABELS | {"DATE", "TIME"} or doer.root.lower_ in lex.place_nouns:
        return None
    return _doer(doer, lex)


def _noun_modifier_argument(mention: EventMention, noun: Token, child: Token) -> None:
    """One modifier of an event noun as its actor ("Israel's strike", "the Russian attack", "an
    attack by X", "clashes between A and B") or its target ("the bombing of the hospital")."""
    if child.dep_ == "poss" and mention.actor is None:
        if child.ent_type_ not in ("DATE", "TIME"):  # "today's attack", "last night's blast": when
            mention.actor = _phrase(child)
    elif child.dep_ in ("amod", "compound", "nmod") and child.ent_type_ in NAMED_LABELS \
            and mention.actor is None and not _town(child):  # "Beirut strike": where, not who
        mention.actor = _entity_span(child) or _phrase(child)
    elif child.dep_ == "prep" and child.lower_ == "by" and mention.actor is None:
        mention.actor = _doer(_pobj_phrase(child), lexicon(noun.doc))  # "by gunfire": no doer named
    elif child.dep_ == "prep" and child.lower_ == "between" and mention.actor is None:
        sides = _between(child)  # "clashes between ELN guerrillas and FARC dissidents"
        if sides is not None:
            mention.actor, mention.target = sides
    elif child.dep_ == "prep" and child.lower_ == "of" and mention.target is None and not any(
            o.lower_ in mention.entry.lemma.split() for o in child.children) and not any(
            c.tag_ == "JJS" for c in noun.children):  # "state of emergency", "largest attack of the war"
        mention.target = _with_second_of(noun, child, _pobj_phrase(child))


def _with_second_of(noun: Token, of: Token, phrase: Optional[TokenSpan]) -> Optional[TokenSpan]:
    """"the murder of the union leader and of his lawyer": both were its victims. The words
    between may only be "and", punctuation, or a name's rest the parser hung elsewhere."""
    if phrase is None:
        return None
    second = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" and c.i > of.i), None)
    other = _pobj_phrase(second) if second is not None else None
    if other is None:
        return _with_conjoined(of, phrase)
    between = noun.doc[phrase.end:second.i] if second is not None else noun.doc[0:0]
    if not any(t.dep_ == "cc" for t in between) or not all(
            t.dep_ == "cc" or t.is_punct or t.tag_ in ("NN", "NNP") for t in between):
        return phrase
    return TokenSpan(noun.doc, phrase.start, other.end)


def _town(token: Token) -> bool:
    """A city or town named as a modifier ("the Beirut strike"): a place, unlike a country
    ("US strikes"), whose name stands for its government."""
    name = _entity_span(token)
    if name is None or name.label_ != "GPE":
        return False
    place = resolver_for(token.doc).known_place(name.text)
    return place is not None and PRECISION_RANK.get(place.precision, 3) <= PRECISION_RANK["city"]


def _between(prep: Token) -> Optional[tuple[TokenSpan, TokenSpan]]:
    """The two sides of "between A and B": each conjunct's own words."""
    first = next((c for c in prep.children if c.dep_ == "pobj"), None)
    second = next((c for c in first.children if c.dep_ == "conj"), None) if first is not None else None
    if first is None or second is None:
        return None
    cut = next((c.i for c in first.children if c.dep_ == "cc"), second.left_edge.i)
    doc = prep.doc
    return TokenSpan(doc, first.left_edge.i, cut), _phrase(second)


def _responsible(noun: Token, lex: EventLexicon) -> Optional[TokenSpan]:
    """Who owns the act: "X claimed the attack", "X claimed responsibility for the blasts",
    "X was responsible for the blasts", "X was behind the attack"."""
    owner = _owner(noun, lex)
    if owner is not None and any(c.dep_ == "det" and c.lower_ in lex.generic_determiners
                                 for c in owner.root.children):
        return None  # "no group has claimed the attack"
    return owner


def _owner(noun: Token, lex: EventLexicon) -> Optional[TokenSpan]:
    head = noun.head
    if noun.dep_ == "dobj" and head in lex.responsibility_verbs:
        return _actor_of(head, lex) or _issuer(head, lex)
    if noun.dep_ == "dobj" and head in lex.attributing_verbs:
        return _blamed_on(noun, head)  # "police attribute the attacks to X", "blamed the murder on X"
    if noun.dep_ == "nsubj" and head.lemma_ == "be":
        return _work_of(head, lex)  # "the bombing was the work of X"
    if noun.dep_ == "nsubjpass" and (head in lex.attributing_verbs or head in lex.responsibility_verbs):
        # "the murder was attributed to X", "the killing was claimed by X"
        return next((_pobj_phrase(c) for c in head.children
                     if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ in ("to", "on"))), None)
    if noun.dep_ not in ("pobj", "pcomp"):
        return None
    return _owner_through(head, head.head, lex)


def _owner_through(head: Token, holder: Token, lex: EventLexicon) -> Optional[TokenSpan]:
    """Who owns an act named after a preposition (`head`) of a word (`holder`): "claimed
    responsibility for", "responsible for", "behind", "charged with", "blamed X for", "involved
    in", "the perpetrator of"."""
    held = _held_for(head, holder, lex)
    if held is not None:
        return held
    if head.lower_ == "for" and holder.lower_ in lex.responsibility_nouns and \
            holder.dep_ == "dobj" and holder.head in lex.responsibility_verbs:
        return _actor_of(holder.head, lex) or _issuer(holder.head, lex)
    if head.lower_ == "for" and holder.lower_ in lex.responsibility_adjectives:
        return _actor_of(holder.head if holder.dep_ == "acomp" else holder, lex)
    if head.lower_ in lex.responsibility_preps:
        return _actor_of(holder, lex)
    if head.lower_ == "in" and (holder in lex.involvement or holder.lower_ == "part"):
        return _involved(holder, lex)
    if head.lower_ == "in" and holder.dep_ == "conj" and holder.head in lex.involvement:
        return _involved(holder.head, lex)  # "implicated X and Y in the killing", Y read as a conjunct of the verb
    if head.lower_ == "of" and holder.lower_ in lex.doer_nouns:
        return _doer_named(holder)
    return None


def _credit_accuser(mention: EventMention, lex: EventLexicon) -> None:
    """A doer named by someone's blame, charge or arrest ("police attribute the bombing to X",
    "prosecutors charged X with the murder") is that someone's claim, not the author's finding:
    the act keeps X as its actor, and the accuser becomes its source."""
    verb = _accusing_verb(mention.trigger, lex)
    accuser = _actor_of(verb, lex) if verb is not None else None
    if accuser is not None:
        mention.status, mention.source = "claimed", accuser


def _accusing_verb(noun: Token, lex: EventLexicon) -> Optional[Token]:
    """The verb that blames, charges or arrests someone for the act `noun` names, if any."""
    if noun.dep_ == "dobj":
        return noun.head if noun.head in lex.attributing_verbs else None
    if noun.dep_ != "pobj":
        return None
    head, holder = noun.head, noun.head.head
    if head.lower_ == "with" and holder.lower_ in lex.linking_nouns and holder.head.dep_ == "prep":
        holder = holder.head.head
    verb = _verb_of_object(holder) if head.lower_ in ("for", "to") else holder
    if head.lower_ == "to":
        return verb if verb in lex.tying_verbs else None  # "the report links X to the murder"
    accusing = verb in lex.charging_verbs or verb in lex.arresting_verbs or verb in lex.attributing_verbs
    return verb if accusing and head.lower_ in ("with", "of", "for") else None


def _held_for(head: Token, holder: Token, lex: EventLexicon) -> Optional[TokenSpan]:
    """Who is charged with, arrested for or blamed for an act named after `head`: "three students
    were charged with the killing", "police arrested two men for the bombing", "held in connection
    with the attack", "we blame X for this assassination"."""
    if head.lower_ == "with" and holder.lower_ in lex.linking_nouns and holder.head.dep_ == "prep":
        holder = holder.head.head  # "arrested in connection with the attack": held for it
    verb = _verb_of_object(holder) if head.lower_ in ("for", "to") else holder
    if (head.lower_ in ("with", "of", "for") and verb in lex.charging_verbs) or (
            head.lower_ in ("with", "for") and verb in lex.arresting_verbs) or (
            head.lower_ == "for" and verb in lex.attributing_verbs):
        return _cut_before(_accused(verb), head)
    if head.lower_ == "to" and verb in lex.tying_verbs:  # "links X to the murder", not "the delay is linked to it"
        tied = _cut_before(_accused(verb), head)
        return tied if tied is not None and _someone(tied) else None
    return None


def _someone(phrase: TokenSpan) -> bool:
    """Whether a phrase names a person, group or body (a name, or words the actor dictionary
    knows as one), not a thing or a happening."""
    if named_in(phrase) is not None:
        return True
    found = resolver_for(phrase.doc).referent(phrase.start_char, phrase.end_char)
    return found is not None and found.is_actor


def _verb_of_object(holder: Token) -> Token:
    """The verb whose object (or a word in apposition to it) a "for" hangs on: the parser often
    ties "blamed the rebels (the armed wing) for the murder" to the object, not the verb."""
    node = holder
    while node.dep_ in ("appos", "conj") and node.head.pos_ in ("NOUN", "PROPN"):
        node = node.head
    if node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.pos_ == "NOUN":
        return node.head.head  # "the arrest of two men for the bombing": the arrest
    return node.head if node.dep_ == "dobj" and node.pos_ in ("NOUN", "PROPN") else holder


def _work_of(copula: Token, lex: EventLexicon) -> Optional[TokenSpan]:
    """X in "the act was the work of X" (the copula's noun, then its "of")."""
    work = next((c for c in copula.children if c.dep_ == "attr" and c.lower_ in lex.work_nouns), None)
    of = next((c for c in work.children if c.dep_ == "prep" and c.lower_ == "of"), None) if work is not None else None
    return _pobj_phrase(of) if of is not None else None


def _cut_before(phrase: Optional[TokenSpan], word: Token) -> Optional[TokenSpan]:
    """The phrase up to a word the parser put inside it ("the rebels for the murder": the rebels)."""
    if phrase is None or not phrase.start < word.i < phrase.end:
        return phrase
    end = word.i
    while end > phrase.start + 1 and (phrase.doc[end - 1].is_punct or phrase.doc[end - 1].is_space):
        end -= 1
    return phrase.doc[phrase.start:end]


def _blamed_on(act: Token, verb: Token) -> Optional[TokenSpan]:
    """Whom "attribute/blame the act to/on X" names: the verb's own "to"/"on", or a "to"/"on" the
    parser hung inside the object ("blamed the murder of two guards on X"), never the act's own
    "on" ("the attack on the embassy" is its target)."""
    own = [c for c in verb.children if c.dep_ in ("prep", "dative") and c.lower_ in ("to", "on") and not any(
        o.ent_type_ in ("DATE", "TIME") for o in c.children)]  # "on Saturday" dates the blame
    if own:
        return _pobj_phrase(own[-1])
    inner = [t for t in act.subtree if t.dep_ == "prep" and (t.lower_ == "to" or (t.lower_ == "on" and t.head != act))]
    return _pobj_phrase(inner[-1]) if inner else None


def _involved(holder: Token, lex: EventLexicon) -> Optional[TokenSpan]:
    """"X participated in the murder", "X were involved in it", "implicated X in the killing",
    "X took part in the raid", "the soldiers involved in the killing", "suspects who are believed
    to have participated in the murder": X is a doer."""
    if holder.lower_ == "part":
        holder = holder.head
    objects = [c for c in holder.children if c.dep_ == "dobj" and c.lower_ != "part"]
    if objects:
        return _with_stray_conjunct(holder, _phrase(objects[0]))
    if holder.dep_ == "acl" and holder.head.pos_ in ("NOUN", "PROPN"):
        return _phrase_before(holder.head, holder)
    verb = holder.head if holder.dep_ == "acomp" else holder
    clause = verb
    while clause.dep_ == "xcomp" and clause.head != clause:
        clause = clause.head  # "are believed to have participated"
    subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass") and not in_dateline(c)]
    if subjects and _relative_antecedent(subjects[0]) is not None:
        return _relative_antecedent(subjects[0])
    return _subject_phrase(subjects) if subjects and subjects[0].pos_ != "PRON" else _actor_of(verb, lex)


def _issuer(claiming: Token, lex: EventLexicon) -> Optional[TokenSpan]:
    """Whoever put out the words that claim an act: "X distributed leaflets claiming
    responsibility for the murder", "a statement claiming the attack was issued by X"."""
    if claiming.dep_ != "acl" or claiming.head.dep_ not in ("dobj", "nsubjpass"):
        return None
    return _actor_of(claiming.head.head, lex)


def _doer_named(doer: Token) -> Optional[TokenSpan]:
    """"X was the perpetrator of the murder": the subject of the copula; "the perpetrators of the
    murder were X": its complement; "the murderers of Y": the doer noun itself."""
    if doer.dep_ == "attr":
        return next((_phrase(c) for c in doer.head.children if c.dep_ == "nsubj"), None)
    if doer.dep_ == "nsubj" and doer.head.lemma_ == "be":  # "the authors of the murder are X"
        named = next((_phrase(c) for c in doer.head.children if c.dep_ == "attr"), None)
        if named is not None:
            return named
    prep = next(c for c in doer.children if c.dep_ == "prep")
    return _phrase_before(doer, prep)


def _actor_of(verb: Token, lex: EventLexicon) -> Optional[TokenSpan]:
    """The doer: the subject, the "by" agent of a passive, or the subject up a participle chain."""
    by = _headline_passive(verb)
    if by is not None:
        return _doer(_pobj_phrase(by), lex)  # "Kyiv hit by a Russian drone attack"
    node, doc = verb, verb.doc
    _, deps, children = index_of(doc).tree
    datelines = dateline_tokens(doc)
    loose = False  # reached through a participle of a verb that is no event: only an actor will do
    for _ in range(6):
        kids = children[node.i]
        passive = any(deps[c] == "auxpass" for c in kids)
        subjects = []
        for c in kids:
            if deps[c] == "agent":
                return _doer(_pobj_phrase(doc[c]), lex)  # "wounded by shrapnel", "killed by gunmen"
            if deps[c] in SUBJECTS and not passive and c not in datelines:
                subjects.append(doc[c])
        if subjects:
            return _subject_doer(subjects, loose, lex)
        if passive and node == verb:
            return None
        if node.dep_ == "conj" and _coordinated_with(node) != node.head:
            node = _coordinated_with(node)
            continue
        if node.dep_ == "pcomp" and node.head.lower_ in ("of", "for", "with") and (
                node.head.head in lex.reporting_verbs or node.head.head in lex.charging_verbs):
            return _accused(node.head.head)  # "accused of", "suspected of having detonated"
        if node.dep_ == "pcomp" and node.head.head.pos_ in ("NOUN", "ADJ"):
            return _owner(node, lex)  # "claimed responsibility for killing X"
        if _clause_keeps_its_doer(node, lex):
            return None
        if node.dep_ == "advcl" and not (node.head in lex.light_verbs or node.head.lower_ in lex.verb_trigger_forms):
            loose = True  # "swept into Aleppo, seizing ...": the main subject's, if it is an actor
        node = node.head
        if node.pos_ not in ("VERB", "AUX", "ADP", "ADJ"):
            return None
    return None


def _subject_doer(subjects: list[Token], loose: bool, lex: EventLexicon) -> Optional[TokenSpan]:
    """The doer a clause's subjects name: a weapon or act stands for its owner, a number for
    victims (no doer); through a loose participle chain, only a subject that is an actor."""
    subject = _relative_antecedent(subjects[0]) or _subject_phrase(subjects)
    word = _counted(subject.root, lex).lower_  # "90% of the missiles": the missiles
    if _wielded(word, lex) or word in lex.verb_trigger_forms:
        return _owner_of_instrument(subject.root)  # "Israeli jets struck", "Israeli strikes killed": whose
    if subject.root.like_num:
        return None  # "63 wounded": victims, not doers
    if loose:
        doer = resolver_for(subject.doc).referent(subject.start_char, subject.end_char)
        return subject if doer is not None and doer.is_actor else None
    return subject


def _clause_keeps_its_doer(node: Token, lex: EventLexicon) -> bool:
    """Whether the climb for a doer stops at this clause: the root, a dependency that does not
    share its subject, a subordinate clause ("after they fled"), a finite adverbial clause."""
    if node.dep_ not in CLIMB_DEPS or node.head == node:
        return True
    if node.dep_ in ("advcl", "conj") and any(c.dep_ == "mark" for c in node.children):
        return True
    return node.dep_ == "advcl" and node.tag_ != "VBG" and not (
        node.head in lex.light_verbs or node.head.lower_ in lex.verb_trigger_forms or _offered(node, lex))


def _offered(node: Token, lex: EventLexicon) -> bool:
    """"Offered on Tuesday to mediate": an infinitive the parser hung on an offer or a vow as a
    purpose clause is what is offered or vowed."""
    return node.dep_ == "advcl" and node.head.lower_ in lex.threat_verbs and any(
        c.dep_ == "aux" and c.tag_ == "TO" for c in node.children)


def _wielded(word: str, lex: EventLexicon) -> bool:
    """Whether the word names a weapon or an act ("jets", "attack") rather than whoever used it."""
    return word in lex.instruments or word in lex.noun_trigger_forms


def _doer(phrase: Optional[TokenSpan], lex: EventLexicon) -> Optional[TokenSpan]:
    """Who acted, given the words said to act: a weapon or an act stands for its owner, if named."""
    if phrase is not None and _wielded(phrase.root.lower_, lex):
        return _owner_of_instrument(phrase.root)
    return phrase


def _accused(verb: Token) -> Optional[TokenSpan]:
    """Who is accused: "accused Russia of deporting", "Russia was accused of deporting", and
    the headline's "RSF accused of killing"."""
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass"):
            return _phrase(child)
        if verb.pos_ == "NOUN" and child.dep_ == "prep" and child.lower_ == "of":  # "the arrest of X"
            return next((_phrase(o) for o in child.children if o.dep_ == "pobj"), None)
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.pos_ in ("NOUN", "PROPN"):
        return _phrase_before(verb.head, verb)
    return None


def _headline_passive(verb: Token) -> Optional[Token]:
    """The "by" of a headline passive, which has no auxiliary ("Kyiv hit by drones"; the tagger
    may even read "hit" as past tense, then "by" takes an act or a weapon)."""
    index = index_of(verb.doc)
    _, deps, children = index.tree
    if index.tags[verb.i] not in ("VBN", "VBD") or any(deps[c] in ("aux", "auxpass", "dobj") for c in children[verb.i]):
        return None
    lex, lowers = lexicon(verb.doc), index.lowers
    for c in children[verb.i]:
        if deps[c] == "agent" and index.tags[verb.i] == "VBN":
            return verb.doc[c]
        if deps[c] == "prep" and lowers[c] == "by" and any(
                deps[o] == "pobj" and _wielded(lowers[o], lex) for o in children[c]):
            return verb.doc[c]
    return None


def _subject_phrase(subjects: list[Token]) -> TokenSpan:
    """The subject's words; a parser that splits one subject in two ("Sudan's paramilitary |
    Rapid Support Forces (RSF) stormed") leaves adjacent subjects that are one phrase."""
    first = _phrase(subjects[0])
    if len(subjects) > 1 and all(b.left_edge.i == a.right_edge.i + 1 for a, b in zip(subjects, subjects[1:])):
        return TokenSpan(first.doc, first.start, _phrase(subjects[-1]).end)
    return first


def _phrase_before(head: Token, stop: Token) -> TokenSpan:
    """A noun's phrase up to a word that modifies it from the right."""
    start = head.left_edge.i
    return head.doc[start:stop.i] if stop.i > start else head.doc[head.i:head.i + 1]


def _owner_of_instrument(weapon: Token) -> Optional[TokenSpan]:
    """The country or group a weapon belongs to ("Israeli jets", "RSF drones", "army drones"),
    never another weapon ("artillery fire", "mortar rounds"), or whose ground it came from
    ("artillery fire from RSF positions")."""
    instruments = lexicon(weapon.doc).instruments
    for child in weapon.children:
        if child.dep_ == "prep" and child.lower_ == "from" and weapon.lower_ in instruments:
            owner = next((_owner_of_instrument(o) for o in child.children if o.dep_ == "pobj"), None)
            if owner is not None:
                return owner
        if child.dep_ not in ("amod", "compound", "poss", "nmod") or child.lower_ in instruments:
            continue
        if child.ent_type_ in NAMED_LABELS:
            return _entity_span(child) or _phrase(child)
        if child.pos_ in ("NOUN", "PROPN"):
            referent = resolver_for(child.doc).referent(child.idx, child.idx + len(child))
            if referent is not None and referent.is_actor:
                return _phrase(child)  # an actor named by a common noun ("army", "police")
    return None


def _coordinated_with(node: Token) -> Token:
    """The verb a conjunct really pairs with: a finite verb hung on a gerund ("accused Moscow of
    targeting X and called on allies") pairs with the nearest finite verb above it."""
    if node.dep_ == "conj" and node.tag_ in FINITE_TAGS and node.head.tag_ == "VBG":
        return next((a for a in node.ancestors if a.tag_ in FINITE_TAGS), node.head)
    return node.head


def _counted(noun: Token, lex: EventLexicon) -> Token:
    """What a quantifier noun or a share counts ("a series of explosions", "90% of the missiles")."""
    if noun.lower_ in lex.quantifier_nouns or noun.like_num or noun.lower_ in ("%", "percent"):
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        return obj
    return noun


def _inherited_subject(verb: Token) -> Optional[TokenSpan]:
    """The shared subject of coordinated verbs ("was driving the car and had been killed")."""
    node = verb
    while node.dep_ == "conj" and node.head != node:
        node = node.head
        for child in node.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                return _phrase(child)
    return None


def pronoun_antecedent(span: TokenSpan) -> Optional[TokenSpan]:
    """The group or body an "it", "its", "they" or "their" stands for, when no dictionary knows it:
    the subject of a clause that governs the pronoun ("the Kelvan Workers Union said it will
    ..."), else the main subject of one of the two sentences before."""
    pronoun = span.root
    spec = dictionary().pronouns.get(pronoun.lower_) if len(span) == 1 else None
    if spec is None or spec.get("person") is True:
        return None  # not a pronoun a group or body can stand behind (data/actors/sectors.yaml)
    plural = spec.get("number") == "plural"
    for verb in pronoun.ancestors:
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < pronoun.i]
        if subjects and pronoun not in subjects[0].subtree:
            found = _group(subjects[0], plural)
            if found is not None:
                return found
    sent = pronoun.sent
    for _ in range(2):
        if sent.start == 0:
            return None
        sent = pronoun.doc[sent.start - 1].sent
        subjects = [c for c in sent.root.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            return _group(subjects[0], plural)
    return None


def _group(subject: Token, plural: bool) -> Optional[TokenSpan]:
    """The subject's phrase when it can be what the pronoun stands for: a group or body, not a
    person or another pronoun; plural for "they" (or an organization's name)."""
    if subject.pos_ == "PRON" or subject.ent_type_ in ("PERSON", "DATE", "TIME", "CARDINAL"):
        return None
    many = subject.tag_ in ("NNS", "NNPS") or subject.ent_type_ in ("ORG", "NORP")
    if plural != many and subject.ent_type_ not in ("ORG", "NORP", "GPE"):
        return None
    return _phrase(subject)


def _relative_antecedent(pronoun: Token) -> Optional[TokenSpan]:
    if pronoun.lower_ in RELATIVE_PRONOUNS and pronoun.head.dep_ == "relcl":
        return _phrase(pronoun.head.head)
    return None


def _pobj_phrase(prep: Token) -> Optional[TokenSpan]:
    for child in prep.children:
        if child.dep_ in ("pobj", "pcomp"):
            return _phrase(child)
    return None


def _phrase(head: Token) -> TokenSpan:
    """The noun phrase a head token governs: its contiguous stretch of the subtree (a misparse
    can hang a far clause on it), without relative clauses or edge punctuation. Found once per
    head and Doc (several mentions share their arguments)."""
    cache = index_of(head.doc).tables(_MentionTables).phrases
    phrase = cache.get(head.i)
    if phrase is None:
        phrase = cache[head.i] = _read_phrase(head)
    return phrase


def _read_phrase(head: Token) -> TokenSpan:
    doc = head.doc
    if in_dateline(head):  # "KISMAYO, Somalia — At least 15 people were killed": the parser's subject
        rest = [c for c in head.children if c.dep_ == "appos" and not in_dateline(c)]
        if rest:
            return _phrase(rest[-1])
    index = index_of(doc)
    inside = index.subtree(head.i)
    start, end = head.i, head.i + 1
    while start - 1 in inside:
        start -= 1
    while end in inside:
        end += 1
    comments = lexicon(head.doc).comment_nouns
    deps, lowers = index.tree[1], index.lowers
    for i in range(head.i + 1, end):
        if deps[i] == "relcl":  # "students who marched on ...": the clause is another event
            end = min(end, doc[i].left_edge.i)
        elif deps[i] == "appos" and lowers[i] in comments:  # "..., a figure that ..."
            end = min(end, doc[i].left_edge.i)
    texts, _, punct = index.tokens
    spaces = index.is_space
    while end > start + 1 and (spaces[end - 1] or punct[end - 1] and not (
            texts[end - 1] == ")" and "(" in texts[start:end - 1])):
        end -= 1
    datelines = index.dateline_tokens
    while start < head.i and start in datelines:  # "GOMA, Congo - Rebels ...": the parser's subject
        start += 1
    while start < end - 1 and punct[start]:
        start += 1
    if start > head.i or end <= head.i:
        return TokenSpan(doc, head.i, head.i + 1)
    return TokenSpan(doc, start, end)


def in_dateline(token: Token) -> bool:
    """Whether the token is part of a wire dateline ("KHARTOUM, May 14 —", "KYIV (Reuters) -")."""
    return token.i in dateline_tokens(token.doc)


def dateline_of(sent: TokenSpan) -> Optional[TokenSpan]:
    """The dateline that ends in this stretch of text, if any (the parser may have cut it off
    the sentence that opens its line)."""
    found = [(first, dash) for first, dash in sent.doc._.datelines or () if sent.start <= dash < sent.end]
    return sent.doc[found[-1][0]:found[-1][1] + 1] if found else None


def headline(doc: Doc) -> Optional[TokenSpan]:
    """The article's first line when it reads as a headline (the parser may still cut it in two);
    looked for once per Doc, since merging asks for every draft."""
    tables = index_of(doc).tables(_MentionTables)
    if tables.headline is None:
        heads = doc._.headlines
        is_space = index_of(doc).is_space
        tables.headline = (None if not heads or not all(is_space[:heads[0][0]])
                           else doc[heads[0][0]:heads[0][1]],)
    return tables.headline[0]


def _entity_span(token: Token) -> Optional[TokenSpan]:
    if not token.ent_type_:
        return None
    ents, starts = entity_index(token.doc)
    k = bisect_right(starts, token.i) - 1
    return ents[k] if k >= 0 and token.i < ents[k].end else None


def named_in(span: Optional[TokenSpan], labels: frozenset[str] = NAMED_LABELS) -> Optional[TokenSpan]:
    """The most specific name inside a phrase: an apposed person first, then the first entity."""
    if span is None:
        return None
    cache = index_of(span.doc).tables(_MentionTables).names
    key = (span.start, span.end, labels)
    if key not in cache:
        ents, starts = entity_index(span.doc)
        ents = [e for e in ents[bisect_left(starts, span.start):bisect_left(starts, span.end)]
                if e.end <= span.end and e.label_ in labels]
        appos = [e for e in ents if e.label_ == "PERSON" and e.root.dep_ == "appos"]
        cache[key] = next(iter(appos or ents), None)
    return cache[key]


def _place(mention: EventMention, lex: EventLexicon) -> Optional[TokenSpan]:
    """Where it happened: a place PP on the event's words, a place as target, then a place
    named inside the arguments; a place of origin ("from Northern Gaza") is never it."""
    doc = mention.anchor.doc
    lowers, (_, deps, children) = index_of(doc).lowers, index_of(doc).tree
    heads = [mention.trigger] if mention.anchor == mention.trigger else [mention.trigger, mention.anchor]
    heads += [doc[c] for c in children[mention.anchor.i] if deps[c] == "advcl" and any(
        deps[m] in ("mark", "advmod") and lowers[m] in lex.same_time_marks for m in children[c])
        and not (mention.actor is not None and _own_doer(doc[c]))]
    named = _place_noun_name(mention, lex)
    if named is not None:
        return named
    preps = [doc[c] for head in heads for c in children[head.i] if deps[c] == "prep"]
    for prep in sorted(preps, key=lambda p: p.lower_ not in lex.place_preps | lex.target_preps):
        place = _place_in(prep, lex)
        if place is not None:
            return _narrower_in_arguments(mention, place, lex)
    if mention.target is not None and mention.type in lex.place_from_target:
        found = _place_as_target(mention.target, lex)
        if found is not None:
            return found
    return next(_argument_places(mention, lex), None)


def _own_doer(clause: Token) -> bool:
    """"Israel struck Gaza while Hezbollah fired at Haifa": a same-time clause with a subject
    of its own (not a pronoun) tells another doer's act, and its place is that act's."""
    return any(c.dep_ == "nsubj" and c.pos_ != "PRON" for c in clause.children)


def _place_noun_name(mention: EventMention, lex: EventLexicon) -> Optional[TokenSpan]:
    """A target that is a place noun with its name: "the village of Um Kadada"."""
    target = mention.target
    if target is None or target.root.lower_ not in lex.place_nouns:
        return None
    for token in _name_chain(target.root, lex):
        if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head == target.root \
                and token.tag_ == "NNP":
            return _entity_span(token) or _phrase_of_name(token)
    return None


def _place_as_target(target: TokenSpan, lex: EventLexicon) -> Optional[TokenSpan]:
    """A place acted on is where it happened ("shelled Kharkiv"; "seized Kadugli", a town the
    NER missed); some names are never places."""
    for token in _name_chain(target.root, lex):
        if token.lower_ in lex.never_places:
            continue
        if token.ent_type_ in PLACE_LABELS or _place_tagged_as_actor(token):
            return _entity_span(token)
        if token.tag_ == "NNP" and token.ent_type_ == "" and token.dep_ in ("dobj", "pobj"):
            return _phrase_of_name(token)
    return None


def _argument_places(mention: EventMention, lex: EventLexicon):
    """Places named inside the event's arguments ("positions near Bakhmut", "police in Dhaka")."""
    objects = [_phrase(c) for c in mention.trigger.children if c.dep_ == "dobj"]
    located_actor = mention.actor if mention.type in lex.place_from_target else None
    for arg in (mention.target, mention.victims, *objects, located_actor):
        if arg is None:
            continue
        for token in arg:
            if token.dep_ == "prep" and token.lower_ in lex.place_preps:
                place = _place_in(token, lex)
                if place is not None:
                    yield place


def _narrower_in_arguments(mention: EventMention, place: TokenSpan, lex: EventLexicon) -> TokenSpan:
    """"shelled positions near Bakhmut in eastern Ukraine's Donetsk region": a region or country
    on the verb yields to a town inside it named in the arguments."""
    wide = resolver_for(place.doc).place(place.start_char, place.end_char)
    if wide is None or PRECISION_RANK.get(wide.precision or "", 0) < PRECISION_RANK["region"]:
        return place
    for inner in _argument_places(mention, lex):
        narrow = resolver_for(inner.doc).place(inner.start_char, inner.end_char)
        if narrow is not None and PRECISION_RANK.get(narrow.precision or "", 0) <= PRECISION_RANK["city"] \
                and narrow.country == wide.country:
            return inner
    return place


def _place_in(prep: Token, lex: EventLexicon) -> Optional[TokenSpan]:
    if prep.lower_ in lex.origin_preps:
        return None
    for child in prep.children:
        if child.dep_ != "pobj":
            continue
        for token in _name_chain(child, lex):
            if token.lower_ in lex.never_places:
                continue  # "at 0930 GMT": a time zone
            if token.ent_type_ in PLACE_LABELS or _place_tagged_as_actor(token):
                return _entity_span(token)
            if token.tag_ == "NNP" and token.ent_type_ in ("", "NORP") and token.dep_ != "compound":
                return _phrase_of_name(token)
            if token.tag_ == "NNP" and token.dep_ == "pobj" and token.head.lower_ == "of" and \
                    token.head.head.lower_ in lex.place_nouns:
                return _entity_span(token) or _phrase_of_name(token)  # "the town of Diafarabe"
            if token.lower_ in lex.place_nouns and any(
                    c.dep_ == "compound" and c.tag_ == "NNP" for c in token.children):
                return _phrase_of_name(token)  # "Enugu state", "Ryazan region"
    return None


def _place_tagged_as_actor(token: Token) -> bool:
    """"near Djibo", "strike on Dnipro", "aid to Kherson", "overran Kidal": the NER may call a town
    an organization, a person, a group or a product ("in Kramatorsk"); where a place is expected,
    a name that is no dictionary actor and that the gazetteer knows is the place (a person or
    group only when one word: "to Jordan", not "to Ali Ahmed")."""
    if token.ent_type_ not in ("ORG", "PERSON", "NORP", "PRODUCT") or token.tag_ != "NNP":
        return False
    name = _entity_span(token)
    if name is None or (name.label_ != "ORG" and len(name) > 1):
        return False
    resolver = resolver_for(token.doc)
    known = resolver.referent(name.start_char, name.end_char)
    return (known is None or known.key is None) and resolver.known_place(name.text) is not None


def _phrase_of_name(token: Token) -> TokenSpan:
    """A proper name the NER missed ("near Djibo"): the word and its compound parts
    ("North Kivu province")."""
    first = token
    while True:
        parts = [c for c in first.children if c.dep_ == "compound" and c.tag_ == "NNP" and c.i < first.i]
        if not parts:
            break
        first = parts[0]
    return token.doc[first.i:token.i + 1]


def _name_chain(noun: Token, lex: EventLexicon):
    """The noun, the names it is built from ("the city of Kerman", "Beirut's suburb"), then
    the places that locate it ("a hotel in Mogadishu"); for a building or body named by a
    common noun ("the St Anne boarding school in Kasoro") the places that locate it come first:
    its own name names the building, not where it stands."""
    yield noun
    located: list[Token] = []
    named: list[Token] = []
    for child in noun.children:
        if child.dep_ in ("compound", "appos", "poss"):
            named.append(child)
        elif child.dep_ == "prep" and child.lower_ == "of":
            named.extend(obj for obj in child.children if obj.dep_ == "pobj")
        elif child.dep_ == "prep" and child.lower_ in lex.place_preps:
            located.extend(obj for obj in child.children if obj.dep_ == "pobj")
    building = noun.tag_ in ("NN", "NNS") and noun.lower_ not in lex.place_nouns
    for token in (located + named if building else named + located):
        yield from _name_chain(token, lex)
