"""The rule groups of the big extraction and resolution functions, each on its own, on real parses:
the status of an event mention (condition, modality, reporting, threat recoding), the content of a
speech cue (quotation, clause, object, aside, trailing words), the quotation a cue opens or closes,
coreference agreement, the check-worthiness mood features, and extraction handed a stand-in
resolver instead of the real one."""
from __future__ import annotations

import pytest

from newsledger.extract import attribution, checkworthiness, claims, events
from newsledger.extract import event_mentions as em
from newsledger.extract.event_lexicon import lexicon as event_lexicon
from newsledger.ledger import ActorRef, PlaceRef
from newsledger.ledger import Span as CharSpan
from newsledger.resolve.actors import Referent
from newsledger.resolve.places import Place
from newsledger.resolve.coref import Anaphor, _fits


def word(doc, text, nth=0):
    return [t for t in doc if t.text == text][nth]


@pytest.fixture(scope="module")
def lex(nlp):
    return event_lexicon(nlp(""))


@pytest.fixture(scope="module")
def cues(nlp):
    return attribution.lexicon(nlp(""))


def modality(nlp, lex, text, verb):
    doc = nlp(text)
    node = word(doc, verb)
    walk = em._StatusWalk(planned=False)
    kept = em._modality(node, [(c.dep_, c.lower_, c.i) for c in node.children], walk, lex)
    return kept, walk.planned


# --- event status: modality ----------------------------------------------------------------------

def test_a_modal_makes_the_act_planned(nlp, lex):
    assert modality(nlp, lex, "Rebels will attack the town.", "attack") == (True, True)


def test_a_past_act_is_neither_planned_nor_dropped(nlp, lex):
    assert modality(nlp, lex, "Rebels attacked the town on Monday.", "attacked") == (True, False)


def test_a_negating_governor_drops_the_act(nlp, lex):
    kept, _ = modality(nlp, lex, "The rebels refused to attack the town.", "attack")
    assert kept is False


def test_a_planning_governor_makes_the_act_planned(nlp, lex):
    assert modality(nlp, lex, "The rebels plan to attack the town.", "attack") == (True, True)


# --- event status: reporting -----------------------------------------------------------------------

def test_a_reporting_verb_becomes_the_reporter(nlp, lex):
    doc = nlp("Officials said that rebels attacked the base.")
    mention = next(m for m in em.mentions(doc) if m.trigger.text == "attacked")
    walk = em._StatusWalk(planned=False)
    assert em._governing_report(mention, mention.anchor, walk, lex) is False
    assert walk.reporter is not None and walk.reporter.text == "said"


def test_a_denial_makes_the_mention_denied(nlp, lex):
    doc = nlp("Rwanda denied that its troops attacked the town.")
    mention = next(m for m in em.mentions(doc) if m.trigger.text == "attacked")
    assert mention.status == "denied"
    assert doc[mention.source.start:mention.source.end].text == "Rwanda"


def test_a_threatened_attack_is_recoded_as_a_threat(nlp):
    doc = nlp("The militia vowed to attack the capital.")
    mention = next(m for m in em.mentions(doc) if m.trigger.text == "attack")
    assert mention.planned and mention.type == "THREATEN"


def test_a_planned_act_with_no_threat_is_no_event(nlp, lex):
    doc = nlp("The two sides will meet in Geneva.")
    assert [m for m in em.mentions(doc) if m.trigger.text == "meet"] == []


# --- speech cue content ------------------------------------------------------------------------------

def content(nlp, cues, rule, text, cue, lemma):
    doc = nlp(text)
    verb = word(doc, cue)
    found = attribution.find(doc)
    result = rule(verb, verb.sent, cues, lemma, found)
    if result is None:
        return None
    ranges, by_object, unasserted = result
    return [doc[a:b].text for a, b in ranges], by_object, unasserted


def test_a_that_clause_is_the_content(nlp, cues):
    got = content(nlp, cues, attribution._clause_content,
                  "The ministry said that 12 people died in the strike.", "said", "say")
    assert got == (["that 12 people died in the strike."], False, False) or \
        got == (["that 12 people died in the strike"], False, False)


def test_a_directive_asserts_nothing(nlp, cues):
    got = content(nlp, cues, attribution._clause_content,
                  "The army urged residents to leave the area.", "urged", "urge")
    assert got is not None and got[0][0].startswith("residents to leave") and got[2] is True


def test_an_object_is_a_stance_toward_something(nlp, cues):
    got = content(nlp, cues, attribution._object_content,
                  "The minister questioned the figures.", "questioned", "question")
    assert got == (["the figures"], True, False)


def test_a_clause_cue_has_no_object_content(nlp, cues):
    assert content(nlp, cues, attribution._object_content,
                   "The ministry said that 12 people died.", "said", "say") is None


def test_a_topic_asserts_nothing(nlp, cues):
    got = content(nlp, cues, attribution._aside_content,
                  "The envoy spoke about the ceasefire.", "spoke", "speak")
    assert got is not None and "the ceasefire" in got[0][0] and got[2] is True


def test_a_quote_only_cue_takes_the_quotation_or_nothing(nlp, cues):
    got = content(nlp, cues, attribution._quotation_content,
                  '"We will not leave," she continued.', "continued", "continue")
    assert got is not None and got[0] == ['"We will not leave,"']
    assert content(nlp, cues, attribution._quotation_content,
                   "The fighting continued for days.", "continued", "say") is None


def test_the_cue_opens_or_closes_a_quotation(nlp):
    doc = nlp('He said: "The town has fallen." Later "nothing is left," the mayor said.')
    quotes = attribution.quotations(doc)
    first, second = word(doc, "said", 0), word(doc, "said", 1)
    assert attribution._cue_opens(first, quotes[0]) and not attribution._cue_opens(second, quotes[1])
    assert attribution._cue_closes(second, quotes[1], second.sent)
    assert not attribution._cue_closes(first, quotes[1], first.sent)


# --- coreference agreement ---------------------------------------------------------------------------

def test_a_person_anaphor_fits_only_a_person():
    he = Anaphor(person=True, gender="m")
    assert _fits(Referent("Jane Doe", None, "GOV", person=True, gender="m"), he)
    assert not _fits(Referent("Jane Doe", None, "GOV", person=True, gender="f"), he)
    assert not _fits(Referent("Hamas", "PSE", "REB", key="hamas"), he)


def test_a_plural_anaphor_fits_a_collective():
    they = Anaphor(number="plural")
    assert _fits(Referent(None, "UKR", "MIL", plural=True), they)
    assert not _fits(Referent(None, None, None, plural=True), they)  # plural words that name no one
    assert not _fits(Referent(None, "UKR", "MIL", plural=False), they)


def test_a_role_of_a_body_fits_only_that_bodys_people():
    spokesman = Anaphor(person=True, org="hamas")
    assert _fits(Referent("A. Spokesman", "PSE", "REB", person=True, org="hamas"), spokesman)
    assert not _fits(Referent("B. Minister", "ISR", "GOV", person=True, org="likud"), spokesman)


# --- check-worthiness mood ---------------------------------------------------------------------------

def mood(nlp, text, attributed=False, around=frozenset()):
    doc = nlp(text)
    fired: dict[str, float] = {}
    words = [t.i for t in doc if not (t.is_punct or t.is_space)]
    checkworthiness._mood_features(fired, doc, words, {doc[i].lower_ for i in words}, attributed, None, set(around))
    return set(fired)


def test_a_past_act_is_a_concrete_event(nlp):
    assert "concrete_event" in mood(nlp, "Troops shelled the village.")


def test_a_condition_above_the_authors_words_makes_them_hypothetical(nlp):
    assert "hypothetical" in mood(nlp, "Europe sent 500 tanks.", around={"if"})
    assert "hypothetical" not in mood(nlp, "Europe sent 500 tanks.")


# --- extraction with a stand-in resolver ---------------------------------------------------------------

class TableResolver:
    """A stand-in for resolution: answers from two small tables instead of the actor dictionary
    and the gazetteer, so an extraction rule can be checked against exactly what resolution says."""

    def __init__(self, doc, actors: dict[str, str], places: dict[str, str]):
        self.doc, self.actors, self.places = doc, actors, places

    def actor(self, start, end):
        text = self.doc.text[start:end]
        return ActorRef(text=text, name=self.actors.get(text), span=CharSpan(start, end))

    def referent(self, start, end):
        name = self.actors.get(self.doc.text[start:end])
        return Referent(name, None, "GOV" if name else None, key=name)

    def place(self, start, end):
        precision = self.places.get(self.doc.text[start:end])
        return PlaceRef(text=self.doc.text[start:end], precision=precision) if precision else None

    def place_ref(self, start, end):
        return self.place(start, end) or PlaceRef(text=self.doc.text[start:end], span=CharSpan(start, end))

    def known_place(self, words):
        precision = self.places.get(words)
        return Place(words, None, None, None, None, precision) if precision else None


def test_a_town_named_as_modifier_is_where_not_who(nlp):
    """The rule of _town, through the resolver it is handed: a city named before the event noun
    ("the Beirut strike") is not its doer; a country named there ("the Iran strike") is."""
    text = "Three people died in the Beirut strike."
    as_city = TableResolver(nlp(text), actors={}, places={"Beirut": "city"})
    as_country = TableResolver(nlp(text), actors={"Beirut": "Lebanon"}, places={"Beirut": "country"})
    assert all(event.actor is None for event in events.extract(as_city.doc, as_city))
    (country_event,) = events.extract(as_country.doc, as_country)
    assert country_event.actor is not None and country_event.actor.name == "Lebanon"


def test_claimants_come_from_the_resolver_handed_over(nlp):
    doc = nlp("The ministry said that 12 people died in the strike.")
    resolver = TableResolver(doc, actors={"The ministry": "Ministry of Health"}, places={})
    (claim,) = claims.extract(doc, events.extract(doc, resolver), resolver)
    assert claim.claimant.name == "Ministry of Health"
