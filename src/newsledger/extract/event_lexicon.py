"""The event vocabulary (event_triggers.yaml, cameo.csv) compiled into lookups and a Matcher.

The `newsledger_event_lexicon` component holds it (one per pipeline, configured, saved and
loaded with the pipeline: see nlp/data_component.py) and hands it to each Doc; rules read it
with `lexicon(doc)`.

The pipeline runs without spaCy's lemmatizer, so lemmas are matched the other way round: every
listed base form is expanded into its regular inflections at load time, and tokens are looked up
by their lowercase form.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Mapping, Optional

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from ..nlp.data_component import DataComponent
from ..nlp.doc_index import index_of
from ..resources import read_data, read_table
from ..vocabulary.cameo import CAMEO_FILE, CameoRow

TRIGGERS_FILE = "event_triggers.yaml"
EXPLOSIVES = "183"                # CAMEO: bombing
PROPERTY_DAMAGE = "1712"          # CAMEO: destroy property
_VOWELS = set("aeiou")


@dataclass(frozen=True)
class Code:
    cameo: str
    plover: str
    mode: Optional[str]
    goldstein: float


@dataclass(frozen=True)
class Trigger:
    lemma: str
    pos: str
    code: Code
    mode: Optional[str]
    objects: frozenset[str]
    deadly: bool
    threat_only: bool
    needs_act: bool
    clause: Optional[str]
    object_is_target: bool
    subject_is_target: bool = False
    refers_back: bool = False
    discovered: bool = False
    object_preps: frozenset[str] = frozenset({"with"})

    @property
    def type(self) -> str:
        return self.code.plover


def inflections(word: str, pos: str) -> set[str]:
    """Regular English inflections of a base form (over-generation is harmless for lookup)."""
    forms = {word}
    if pos == "NOUN":
        if word.endswith(("s", "sh", "ch", "x", "z")):
            forms.add(word + "es")
        elif word.endswith("y") and word[-2:-1] not in _VOWELS:
            forms.add(word[:-1] + "ies")
        else:
            forms.add(word + "s")
        return forms
    if word.endswith(("s", "sh", "ch", "x", "z", "o")):
        forms.add(word + "es")
    elif word.endswith("y") and word[-2:-1] not in _VOWELS:
        forms.add(word[:-1] + "ies")
    else:
        forms.add(word + "s")
    if word.endswith("e"):
        forms |= {word + "d", word[:-1] + "ing"}
    elif word.endswith("y") and word[-2:-1] not in _VOWELS:
        forms |= {word[:-1] + "ied", word + "ing"}
    else:
        forms |= {word + "ed", word + "ing"}
        if len(word) >= 3 and word[-1] not in _VOWELS | {"w", "x", "y"} \
                and word[-2] in _VOWELS and word[-3] not in _VOWELS:
            forms |= {word + word[-1] + "ed", word + word[-1] + "ing"}
    return forms


class WordSet:
    """Base forms of one word list, recognised in any inflection ("launched" -> "launch")."""

    def __init__(self, lemmas, irregular: dict[str, list[str]], pos: str = "VERB"):
        self.by_form: dict[str, str] = {}
        self.particle_verbs: set[str] = set()  # forms listed with a particle ("carried" of "carry out")
        for lemma in lemmas or []:
            lemma = str(lemma).lower()
            words = lemma.split()
            for form in inflections(words[0], pos) | set(irregular.get(words[0], [])):
                self.by_form[" ".join([form, *words[1:]])] = lemma
                if len(words) > 1:
                    self.particle_verbs.add(form)

    def lemma(self, token: Token) -> Optional[str]:
        """The listed base form this token (with its particle, for "carry out") inflects."""
        word = token.lower_
        if word in self.particle_verbs:
            for child in token.children:
                if child.dep_ == "prt":
                    found = self.by_form.get(f"{word} {child.lower_}")
                    if found:
                        return found
        return self.by_form.get(word)

    def __contains__(self, token: Token) -> bool:
        return self.lemma(token) is not None


Words = list[str]


@dataclass(frozen=True)
class TriggerEntry:
    """One trigger of data/event_triggers.yaml (its header explains each key)."""
    lemma: str
    pos: str
    cameo: str
    mode: Optional[str] = None
    objects: Words = field(default_factory=list)
    forms: Words = field(default_factory=list)
    deadly: bool = False
    threat_only: bool = False
    needs_act: bool = False
    clause: Optional[str] = None
    object_is_target: Optional[bool] = None  # unset: true for a verb without `objects`
    subject_is_target: bool = False
    refers_back: bool = False
    discovered: bool = False
    object_preps: Words = field(default_factory=lambda: ["with"])


@dataclass(frozen=True)
class ResponsibilityWords:
    verbs: Words
    nouns: Words
    adjectives: Words
    preps: Words
    involvement: Words = field(default_factory=list)
    charging: Words = field(default_factory=list)
    attributing: Words = field(default_factory=list)
    arresting: Words = field(default_factory=list)
    tying: Words = field(default_factory=list)
    linking: Words = field(default_factory=list)
    work: Words = field(default_factory=list)
    doers: Words = field(default_factory=list)


@dataclass(frozen=True)
class CallingWords:
    """"Called a ceasefire": verbs that declare one of `acts` named as their object."""
    verbs: Words
    acts: Words


@dataclass(frozen=True)
class Destinations:
    """Prepositions that say where forces go for acts of `types` ("deployed troops to X")."""
    types: Words
    preps: Words


@dataclass(frozen=True)
class FigurativeUse:
    code: str
    objects: Words
    reason_preps: Words


@dataclass(frozen=True)
class NotConflictWords:
    """Words that make a trigger no act of conflict: a labour strike (a protest, `labour_code`),
    an abstract doer."""
    labour_code: str
    labour_triggers: Words
    workers: Words
    labour_reasons: Words
    abstract_doers: Words


@dataclass(frozen=True)
class SameHappeningWords:
    """Words that keep two accounts apart or tie them together (extract/happenings.py)."""
    distinct_words: Words = field(default_factory=list)
    answering_words: Words = field(default_factory=list)
    doer_descriptions: Words = field(default_factory=list)
    unnamed_doers: Words = field(default_factory=list)


@dataclass(frozen=True)
class NamingWords:
    """Words of a sentence that names the people an act hit (extract/named_victims.py)."""
    victim_words: Words = field(default_factory=list)
    naming_verbs: Words = field(default_factory=list)
    list_words: Words = field(default_factory=list)


@dataclass(frozen=True)
class TriggersFile:
    """The shape of data/event_triggers.yaml."""
    light_verbs: Words
    quantifier_nouns: Words
    reporting_verbs: Words
    denial_verbs: Words
    threat_verbs: Words
    responsibility: ResponsibilityWords
    embedding: dict[str, Words]
    asking_for: Words
    state_verbs: Words
    modals: Words
    conditions: Words
    target_preps: Words
    object_target_preps: Words
    place_preps: Words
    origin_preps: Words
    excluded_date_preps: Words
    threat_codes: dict[str, str]
    anaphors: Words
    generic_determiners: Words
    instruments: Words
    deadly_complements: Words
    instrument_modes: dict[str, str]
    place_from_target: Words
    same_time_marks: Words
    acts_apart: Words
    hosted_missions: Words
    answered_by: Words
    figurative: FigurativeUse
    not_conflict: NotConflictWords
    comment_nouns: Words
    place_nouns: Words
    never_places: Words
    impersonal_subjects: Words
    death_verbs: Words
    ending_verbs: Words
    sides_nouns: Words
    time_nouns: Words
    kind_nouns: Words
    triggers: list[TriggerEntry]
    irregular_forms: dict[str, Words] = field(default_factory=dict)
    same_happening: SameHappeningWords = field(default_factory=SameHappeningWords)
    survival_verbs: Words = field(default_factory=list)
    beside_nouns: Words = field(default_factory=list)
    site_preps: Words = field(default_factory=list)
    role_nouns: Words = field(default_factory=list)
    act_nouns: Words = field(default_factory=list)
    laid_devices: Words = field(default_factory=list)
    collision_verbs: Words = field(default_factory=list)
    naming: NamingWords = field(default_factory=NamingWords)
    happening_verbs: Words = field(default_factory=list)
    calling: CallingWords = field(default_factory=lambda: CallingWords([], []))
    generic_pronouns: Words = field(default_factory=list)
    offered_only: Words = field(default_factory=list)
    destinations: Destinations = field(default_factory=lambda: Destinations([], []))


class EventLexicon:
    """Everything events.py needs from the data files, compiled once per pipeline."""

    def __init__(self, data: TriggersFile, cameo_rows: Iterable[CameoRow], vocab: Vocab):
        irregular = {k: list(v) for k, v in data.irregular_forms.items()}
        self.codes = {row.cameo: Code(row.cameo, row.plover, row.mode, row.goldstein) for row in cameo_rows}
        self.triggers: list[Trigger] = [_trigger(entry, self.codes) for entry in data.triggers]
        self.trigger_forms: list[set[str]] = [_trigger_forms(entry) for entry in data.triggers]
        self.light_verbs = WordSet(data.light_verbs, irregular)
        self.quantifier_nouns = frozenset(data.quantifier_nouns)
        self.reporting_verbs = WordSet(data.reporting_verbs, irregular)
        self.denial_verbs = WordSet(data.denial_verbs, irregular)
        self.threat_verbs = frozenset(data.threat_verbs)
        resp = data.responsibility
        self.responsibility_verbs = WordSet(resp.verbs, irregular)
        self.responsibility_nouns = frozenset(resp.nouns)
        self.responsibility_adjectives = frozenset(resp.adjectives)
        self.responsibility_preps = frozenset(resp.preps)
        self._read_doer_words(data, irregular)
        self.embedding = {status: WordSet(words, irregular)
                          for status, words in data.embedding.items()}
        self.asking_for = WordSet(data.asking_for, irregular)
        self.state_verbs = WordSet(data.state_verbs, irregular)
        self.calling_verbs = WordSet(data.calling.verbs, irregular)
        self.called_acts = frozenset(f for w in data.calling.acts for f in inflections(w, "NOUN"))
        self._read_word_lists(data)
        self.noun_trigger_forms = frozenset(
            f for t, forms in zip(self.triggers, self.trigger_forms) if t.pos == "NOUN" for f in forms)
        self.verb_trigger_forms = frozenset(
            f for t, forms in zip(self.triggers, self.trigger_forms) if t.pos == "VERB" for f in forms)
        self._read_trigger_forms()
        self.devices = self.instruments | frozenset(  # weapons, explosives and explosions
            f for t, forms in zip(self.triggers, self.trigger_forms) if t.code.cameo == EXPLOSIVES
            for f in (forms if t.pos == "NOUN" else t.objects))
        self.matcher = _trigger_matcher(self, vocab)

    def _read_doer_words(self, data: TriggersFile, irregular: dict[str, list[str]]) -> None:
        """The words that name a doer or a victim beside the event's own words ("charged with",
        "involved in", "died in"), and the nouns and verbs of fighting, ending and time."""
        resp = data.responsibility
        self.involvement = WordSet(resp.involvement, irregular)
        self.charging_verbs = WordSet(resp.charging, irregular)
        self.attributing_verbs = WordSet(resp.attributing, irregular)
        self.arresting_verbs = WordSet(resp.arresting, irregular)
        self.tying_verbs = WordSet(resp.tying, irregular)
        self.linking_nouns = frozenset(resp.linking)
        self.work_nouns = frozenset(resp.work)
        self.time_nouns = frozenset(f for w in data.time_nouns for f in inflections(w, "NOUN"))
        self.kind_nouns = frozenset(data.kind_nouns)
        self.doer_nouns = frozenset(f for w in resp.doers for f in inflections(w, "NOUN"))
        self.death_verbs = WordSet(data.death_verbs, irregular)
        self.survival_verbs = WordSet(data.survival_verbs, irregular)
        self.beside_nouns = frozenset(data.beside_nouns)
        self.site_preps = frozenset(data.place_preps) | frozenset(data.site_preps)
        self.role_nouns = frozenset(data.role_nouns)
        self.act_nouns = frozenset(data.act_nouns)
        self.laid_devices = frozenset(data.laid_devices)
        self.collision_verbs = frozenset(data.collision_verbs)
        self.ending_verbs = WordSet(data.ending_verbs, irregular)
        self.sides_nouns = frozenset(f for w in data.sides_nouns for f in inflections(w, "NOUN"))
        self.verb_sides = frozenset(f for w in data.sides_nouns for f in inflections(w, "VERB"))

    def _read_trigger_forms(self) -> None:
        """Verb forms and objects of some trigger groups, which rules ask about directly."""
        self.threaten_forms = frozenset(  # "the fighting threatens to spread": a risk
            f for t, forms in zip(self.triggers, self.trigger_forms) if t.pos == "VERB" and t.type == "THREATEN"
            for f in forms)
        self.vow_forms = frozenset(  # "will pay a price for the killing", "will respond to ..."
            f for t, forms in zip(self.triggers, self.trigger_forms) if t.pos == "VERB" and t.threat_only for f in forms)
        self.property_nouns = frozenset(  # what an act can damage: the property damage verbs' objects
            o for t in self.triggers if t.code.cameo.startswith(PROPERTY_DAMAGE) for o in t.objects)

    def _read_word_lists(self, data: TriggersFile) -> None:
        """The word lists of the rules: modality, prepositions, determiners, instruments, places,
        figurative and non-conflict uses, comments."""
        self.modals = frozenset(data.modals)
        self.conditions = frozenset(data.conditions)
        self.target_preps = frozenset(data.target_preps)
        self.object_target_preps = frozenset(data.object_target_preps)
        self.place_preps = frozenset(data.place_preps)
        self.origin_preps = frozenset(data.origin_preps)
        self.excluded_date_preps = frozenset(data.excluded_date_preps)
        self.threat_codes = {k: self.codes[str(v)] for k, v in data.threat_codes.items()}
        self.offered_only = frozenset(data.offered_only)
        self.anaphors = frozenset(data.anaphors)
        self.generic_determiners = frozenset(data.generic_determiners)
        self.generic_pronouns = frozenset(data.generic_pronouns)
        self.destination_types = frozenset(data.destinations.types)
        self.destination_preps = frozenset(data.destinations.preps)
        self.instruments = frozenset(f for w in data.instruments for f in inflections(w, "NOUN"))
        self.deadly_complements = frozenset(data.deadly_complements)
        self.place_from_target = frozenset(data.place_from_target)
        self.instrument_modes = {f: mode for w, mode in data.instrument_modes.items()
                                 for f in inflections(w, "NOUN")}
        self.same_time_marks = frozenset(data.same_time_marks)
        self.acts_apart = frozenset(data.acts_apart)
        self.hosted_missions = frozenset(data.hosted_missions)
        self.answered_by = frozenset(data.answered_by)
        self.place_nouns = frozenset(data.place_nouns)
        self.never_places = frozenset(w.lower() for w in data.never_places)
        self.impersonal_subjects = frozenset(
            f for w in data.impersonal_subjects for f in inflections(w, "NOUN"))
        figurative = data.figurative
        self.figurative_code = self.codes[str(figurative.code)]
        self.figurative_objects = frozenset(
            f for w in figurative.objects for f in inflections(w, "NOUN"))
        self.reason_preps = frozenset(figurative.reason_preps)
        not_conflict = data.not_conflict
        self.labour_code = self.codes[not_conflict.labour_code]
        self.labour_triggers, self.workers, self.labour_reasons, self.abstract_doers = (
            frozenset(f for w in getattr(not_conflict, key) for f in inflections(w, "NOUN"))
            for key in ("labour_triggers", "workers", "labour_reasons", "abstract_doers"))
        self.comment_nouns = frozenset(
            f for w in data.comment_nouns for f in inflections(w, "NOUN"))
        self.distinct_words = frozenset(w.lower() for w in data.same_happening.distinct_words)
        self.answering_words = frozenset(w.lower() for w in data.same_happening.answering_words)
        self.doer_descriptions = frozenset(w.lower() for w in data.same_happening.doer_descriptions)
        self.unnamed_doers = frozenset(f for w in data.same_happening.unnamed_doers for f in inflections(w.lower(), "NOUN"))
        self.victim_words = frozenset(w.lower() for w in data.naming.victim_words)
        self.naming_verbs = frozenset(w.lower() for w in data.naming.naming_verbs)
        self.list_words = frozenset(w.lower() for w in data.naming.list_words)
        self.happening_verbs = frozenset(w.lower() for w in data.happening_verbs)

    def embedding_status(self, token: Token) -> Optional[str]:
        for status, words in self.embedding.items():
            if token in words:
                return status
        return None


def _trigger(entry: TriggerEntry, codes: dict[str, Code]) -> Trigger:
    code = codes[entry.cameo]
    objects = frozenset(f for o in entry.objects for f in inflections(o, "NOUN"))
    return Trigger(
        lemma=entry.lemma, pos=entry.pos, code=code, mode=entry.mode or code.mode, objects=objects,
        deadly=entry.deadly, threat_only=entry.threat_only, needs_act=entry.needs_act,
        clause=entry.clause,
        object_is_target=not entry.objects if entry.object_is_target is None else entry.object_is_target,
        subject_is_target=entry.subject_is_target, refers_back=entry.refers_back, discovered=entry.discovered,
        object_preps=frozenset(entry.object_preps))


def _trigger_forms(entry: TriggerEntry) -> set[str]:
    """The inflected forms of a trigger's inflecting word ("called for", "air strikes") and its listed forms."""
    words = entry.lemma.split()
    inflected = words[0] if entry.pos == "VERB" else words[-1]
    return inflections(inflected, entry.pos) | set(entry.forms)


class EventLexiconComponent(DataComponent[EventLexicon]):
    """The pipeline's event vocabulary (roles: triggers, cameo)."""

    def __init__(self, nlp: Language, name: str, files: Mapping[str, str]):
        super().__init__(name, files)
        self.vocab = nlp.vocab

    def compile(self, texts: Mapping[str, str], names: Mapping[str, str]) -> EventLexicon:
        return EventLexicon(read_data(texts["triggers"], names["triggers"], TriggersFile),
                            read_table(texts["cameo"], names["cameo"], CameoRow), self.vocab)


@Language.factory("newsledger_event_lexicon", default_config={"triggers": TRIGGERS_FILE, "cameo": CAMEO_FILE})
def make_event_lexicon(nlp: Language, name: str, triggers: str, cameo: str) -> EventLexiconComponent:
    return EventLexiconComponent(nlp, name, {"triggers": triggers, "cameo": cameo})


def lexicon(doc: Doc) -> EventLexicon:
    """The event vocabulary of the pipeline that made `doc`."""
    return index_of(doc).lexicon(EventLexicon)


_POS = {"VERB": ("VERB",), "NOUN": ("NOUN", "PROPN")}


def _trigger_matcher(lex: EventLexicon, vocab: Vocab) -> PhraseMatcher:
    """One PhraseMatcher (lowercase forms); match ids index `lex.triggers`. Parts of speech are
    checked on the few matches, not in the automaton."""
    matcher = PhraseMatcher(vocab, attr="LOWER")
    for index, (trigger, forms) in enumerate(zip(lex.triggers, lex.trigger_forms)):
        words = trigger.lemma.split()
        phrases = []
        for form in sorted(forms):
            # a phrasal verb is found by its verb, its particle checked in the parse ("blew
            # himself up"); nouns inflect their last word ("air strikes")
            inflected = [form] if trigger.pos == "VERB" else [*words[:-1], form]
            phrases.append(Doc(vocab, words=[w for part in inflected for w in _hyphenated(part)]))
        matcher.add(str(index), phrases)
    return matcher


def _hyphenated(word: str) -> list[str]:
    """spaCy splits infixed hyphens ("cease-fire" -> cease, -, fire)."""
    parts = word.split("-")
    out = [parts[0]]
    for part in parts[1:]:
        out += ["-", part]
    return out


def find_triggers(doc: Doc) -> list[tuple[Token, Trigger]]:
    """The trigger token (the head word) of each match and its entry, longest phrase winning."""
    lex = lexicon(doc)
    matcher = lex.matcher
    best: dict[int, tuple[int, Trigger, int]] = {}
    for match_id, start, end in matcher(doc):
        index = int(doc.vocab.strings[match_id])
        trigger = lex.triggers[index]
        # a verb's match is one word, or a hyphenated one whose verb comes last ("test-fired")
        head = end - 1 if trigger.pos == "VERB" else _phrase_head(doc, start, end)
        token = doc[head]  # one Token for all the checks (each doc[i] builds a new one)
        if token.pos_ not in _POS[trigger.pos] and not (
                trigger.pos == "VERB" and _verb_tagged_noun(token)):
            continue
        if trigger.objects and not _has_object(token, trigger.objects, trigger.object_preps) and not (
                trigger.object_is_target and _wrecked_by_device(token, lex)):
            continue
        if not _clause_fits(token, trigger):
            continue
        if trigger.type == "THREATEN" and _impersonal_subject(token, lex):
            continue
        particles = trigger.lemma.split()[1:] if trigger.pos == "VERB" else []
        if particles and not _has_particles(token, particles):
            continue
        rank = (end - start + len(particles), bool(trigger.objects), -index)
        if head not in best or rank > (best[head][0], bool(best[head][1].objects), -best[head][2]):
            # the longest phrase, then an entry bound to its object (more specific), then the
            # entry listed first (the matcher's own order is no order)
            best[head] = (rank[0], trigger, index)
    return [(doc[i], best[i][1]) for i in sorted(best)]


def _impersonal_subject(verb: Token, lex: EventLexicon) -> bool:
    """"The fighting threatens to spread": a situation said to threaten is a risk, not a threat."""
    return any(c.dep_ == "nsubj" and c.lower_ in lex.impersonal_subjects for c in verb.children)


def _verb_tagged_noun(token: Token) -> bool:
    """Headlines drop the words that tell a verb from a plural noun ("Strike kills 9, injures
    dozens" tags kills as NNS): a "noun" that takes a direct object is used as a verb."""
    return token.pos_ == "NOUN" and any(c.dep_ == "dobj" for c in token.children)


def _phrase_head(doc: Doc, start: int, end: int) -> int:
    """The word of a matched noun phrase that the rest of the sentence hangs on ("state of
    emergency" -> state, "air strikes" -> strikes)."""
    for token in doc[start:end]:
        if not (start <= token.head.i < end) or token.head.i == token.i:
            return token.i
    return end - 1


def _clause_fits(verb: Token, trigger: Trigger) -> bool:
    if trigger.clause is None or trigger.pos != "VERB":
        return True
    if trigger.clause == "request":  # "asked its allies for arms", "asked the UN to send troops"
        if any(c.dep_ == "auxpass" for c in verb.children) or (verb.tag_ == "VBN" and verb.dep_ != "ROOT" and not any(
                c.dep_ == "aux" for c in verb.children)):
            return False  # "was asked for details", "Asked to describe ...": an interviewer's question
        return any((c.dep_ == "prep" and c.lower_ == "for") or (c.dep_ in ("xcomp", "ccomp") and any(
            a.dep_ == "aux" and a.tag_ == "TO" for a in c.children)) for c in verb.children)
    has_object = any(c.dep_ in ("dobj", "nsubjpass", "ccomp") for c in verb.children)
    return has_object if trigger.clause == "object" else not has_object


def _has_particles(verb: Token, particles: list[str]) -> bool:
    """"pulled out", "called on X to ...": a preposition counts only when it takes the object
    ("called a rival on Friday" is not "call on") and is the verb's first after it, dates aside."""
    found = set()
    has_object = any(c.dep_ == "dobj" for c in verb.children)
    first_prep = True  # "called in airstrikes on the village" is no "call on"
    for child in verb.children:
        if child.dep_ == "prt" or (child.dep_ == "advmod" and child.i == verb.i + 1):
            found.add(child.lower_)  # the parser may call a particle an adverb ("shot down")
        elif child.dep_ == "prep" and child.i > verb.i and not any(
                o.ent_type_ in ("DATE", "TIME") for o in child.children if o.dep_ == "pobj"):
            if first_prep and not has_object:
                found.add(child.lower_)
            first_prep = False
    return set(particles) <= found


def reduced_passive(verb: Token) -> bool:
    """A participle that modifies the noun it acts on ("prisoners released by Israel")."""
    return verb.dep_ == "acl" and verb.tag_ == "VBN"


def _wrecked_by_device(verb: Token, lex: EventLexicon) -> bool:
    """"the fuel tanks were destroyed by dynamite blasts", "a kiosk damaged by a bomb": a passive
    whose agent is a weapon or an explosion tells of a thing hit, whatever the thing."""
    if not (any(c.dep_ == "auxpass" for c in verb.children) or reduced_passive(verb)):
        return False
    return any(o.dep_ == "pobj" and o.lower_ in lex.devices
               for c in verb.children if c.dep_ == "agent" for o in c.children)


def _has_object(verb: Token, objects: frozenset[str], preps: frozenset[str]) -> bool:
    if reduced_passive(verb) and verb.head.lower_ in objects:
        return True
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass", "attr", "oprd", "npadvmod", "ccomp", "advmod", "xcomp"):
            words = _phrase_words(child)
            if child.lower_ in objects or any(  # "a barrage of rockets", "the Rubymar, a cargo ship"
                    t.lower_ in objects for t in words if t.dep_ in ("pobj", "compound", "appos")):
                return True
            if any(c.dep_ == "prep" and c.lower_ == "of" for c in child.children) and any(
                    t.lower_ in objects for t in words):
                return True
        elif child.dep_ == "prep" and child.lower_ in preps and any(
                o.dep_ == "pobj" and o.lower_ in objects for o in child.children):
            return True  # "supplied the army with fuel", "invited the rebels to talks"
    return False


def _phrase_words(noun: Token) -> list[Token]:
    """The noun's phrase without the clauses that modify it ("bridges used by the militants")."""
    words, stack = [], [noun]
    while stack:
        token = stack.pop()
        words.append(token)
        stack.extend(c for c in token.children if c.dep_ not in ("acl", "relcl"))
    return words
