"""The entity ruler built from the actor and place data, and the resolved entity list."""
from __future__ import annotations

import pytest

from newsledger.nlp.normalize import normalize
from newsledger.resolve.entities import mentions


@pytest.fixture
def parse(nlp):
    def run(text: str):
        doc = nlp.make_doc(normalize(text))
        doc._.source_text = text
        return nlp(doc)
    return run


def ent(doc, words):
    return next((e for e in doc.ents if e.text == words), None)


@pytest.mark.parametrize("text, words, label, key", [
    ("Strikes hit Sana\u2019a overnight, residents said.", "Sana'a", "GPE", "houthis"),
    ("Mourners gathered in Kerman after the blasts.", "Kerman", "GPE", "place:Kerman"),
    ("Ansarallah said the ship was targeted.", "Ansarallah", "ORG", "houthis"),
    ("Tanks entered Khan Younis at dawn.", "Khan Younis", "GPE", "place:Khan Younis"),
    ("Fighters of the Qasssam Brigades ambushed a patrol.", "Qasssam Brigades", "ORG", "qassam_brigades"),
    ("The Abu Ali Mustafa Brigades claimed the attack.", "Abu Ali Mustafa Brigades", "ORG",
     "abu_ali_mustafa_brigades"),
    ("Israel Seeks Allies As Talks Stall", "Israel", "GPE", "ISR"),
    ("Diplomats from the UAE and the WHO met.", "WHO", "ORG", "who"),
])
def test_ruler_fixes_small_model_errors(parse, text, words, label, key):
    found = ent(parse(text), words)
    assert found is not None and (found.label_, found.ent_id_) == (label, key)


def test_acronyms_only_match_as_written(parse):
    doc = parse("They asked us who is coming and told us it is a secret.")
    assert not [e for e in doc.ents if e.ent_id_]
    doc = parse("The US told the WHO it is ready to tell the us team.")
    assert [e.ent_id_ for e in doc.ents if e.ent_id_] == ["USA", "who"]


def test_mentions_carry_resolution_and_original_words(parse):
    text = "The Israeli air force struck Dahiyeh, Hezbollah said, as \u201cTehran\u201d watched."
    found = {m.text: m for m in mentions(parse(text))}
    assert (found["Israeli air force"].name, found["Israeli air force"].kind) == ("Israel Defense Forces", "MIL")
    assert (found["Dahiyeh"].name, found["Dahiyeh"].country) == ("Dahiyeh", "LBN")
    assert (found["Hezbollah"].country, found["Hezbollah"].kind) == ("LBN", "INS")
    tehran = found["Tehran"]
    assert text[tehran.span.start:tehran.span.end] == "Tehran" and tehran.country == "IRN"


def test_capitalized_aliases_skip_lowercase_words(parse):
    doc = parse("Security will trump amnesty concerns, and the gulf between them in turkey farming grows.")
    assert not [e for e in doc.ents if e.ent_id_]
    doc = parse("Trump spoke to Amnesty International about Turkey and the Gulf.")
    assert {e.ent_id_ for e in doc.ents} >= {"trump", "amnesty", "TUR", "place:Persian Gulf"}


def test_mixed_case_acronyms_match_as_written(parse):
    doc = parse("Let them talk, officials said. LeT claimed the attack.")
    assert [e.ent_id_ for e in doc.ents if e.ent_id_] == ["lashkar_e_taiba"]
