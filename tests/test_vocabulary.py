"""The event vocabulary as data: CAMEO codes typed as PLOVER's table says, and the families of
acts that ordinary diplomatic and political reporting uses, each found in a sentence of our own."""
from __future__ import annotations

import re

import pytest

from newsledger.extract.event_lexicon import lexicon

from conftest import SHARED

PLOVER_TABLE = SHARED / "data" / "plover" / "CAMEO2PLOVER-2021.txt"


def _plover_table() -> dict[str, str]:
    """CAMEO code -> PLOVER event type, read from PLOVER's own conversion table."""
    table = {}
    for line in PLOVER_TABLE.read_text(encoding="utf-8").splitlines():
        found = re.match(r"\s*(\d{3,4}):\s*([A-Z]+)", line.split("#")[0])
        if found:
            table.setdefault(found.group(1), found.group(2))
    return table


@pytest.mark.skipif(not PLOVER_TABLE.exists(), reason="../shared/data/plover is not on this machine")
def test_every_cameo_code_has_the_type_plovers_table_gives_it(nlp):
    table = _plover_table()
    wrong = {code: (c.plover, table.get(code)) for code, c in lexicon(nlp("")).codes.items()
             if table.get(code) != c.plover}
    assert wrong == {}


def test_codes_that_used_to_disagree_with_plover(nlp):
    codes = lexicon(nlp("")).codes
    assert (codes["057"].plover, codes["0871"].plover, codes["163"].plover) == ("SUPPORT", "RETREAT", "COERCE")


def test_every_trigger_and_future_act_names_a_known_code(nlp):
    lex = lexicon(nlp(""))
    assert all(t.code.cameo in lex.codes for t in lex.triggers)
    assert {c.plover for c in lex.threat_codes.values()} <= {"THREATEN", "AGREE"}


ACTS = [  # sentence, PLOVER type, CAMEO code, the word that states it
    ("Japan donated $10 million to the World Food Programme on Monday.", "AID", "070", "donated"),
    ("The European Union gave emergency aid to flood victims in Libya last week.", "AID", "070", "gave"),
    ("The government lifted the state of emergency in the capital on Sunday.", "RETREAT", "0814", "lifted"),
    ("Authorities eased restrictions on travel to the northern province.", "CONCEDE", "081", "eased"),
    ("The minister refused to resign on Tuesday.", "REJECT", "1231", "refused"),
    ("The prime minister declined to resign despite mounting pressure.", "REJECT", "1231", "declined"),
    ("The rebels refused to negotiate with the junta.", "REJECT", "120", "refused"),
    ("The rebels rebuffed an offer of talks from the government.", "REJECT", "120", "rebuffed"),
    ("President Ruto telephoned his Ethiopian counterpart on Friday.", "CONSULT", "041", "telephoned"),
    ("Parliament ratified the agreement with Turkey on Wednesday.", "SUPPORT", "057", "ratified"),
    ("Germany suspended military aid to Niger after the coup.", "SANCTION", "162", "suspended"),
    ("The rebels broke off talks with the government on Thursday.", "SANCTION", "164", "broke"),
    ("Ethiopia recalled its ambassador from Somalia on Saturday.", "SANCTION", "161", "recalled"),
    ("Soldiers engaged in a firefight with militants near Kidal.", "ASSAULT", "193", "firefight"),
    ("Troops fired anti-aircraft batteries at the drones over the city.", "ASSAULT", "194", "fired"),
    ("The murder of the journalist in Mogadishu drew condemnation.", "ASSAULT", "180", "murder"),
    ("Saboteurs sabotaged a gas pipeline near Aleppo on Thursday.", "ASSAULT", "1712", "sabotaged"),
    ("Kenya extradited two suspects to Uganda on Monday.", "COOPERATE", "063", "extradited"),
    ("The two armies held joint military exercises near the border.", "COOPERATE", "062", "exercises"),
    ("Police pardoned 200 prisoners ahead of the holiday.", "RETREAT", "0841", "pardoned"),
    ("The army chief stepped down on Friday after the defeat.", "CONCEDE", "0831", "stepped"),
    ("The foreign minister apologized for the strike on the convoy.", "SUPPORT", "055", "apologized"),
    ("The United States pledged $500 million in aid to Ukraine.", "AGREE", "033", "pledged"),
    # acts stated for the future, in someone's words: a promise or a threat (PLOVER's future mode)
    ("Washington said it will supply arms to the coalition.", "AGREE", "033", "supply"),
    ("The army said it will withdraw from the town next month.", "AGREE", "035", "withdraw"),
    ("The opposition said it will boycott the elections.", "THREATEN", "133", "boycott"),
]


@pytest.mark.parametrize("sentence,type_,cameo,trigger", ACTS, ids=[a[3] + "-" + a[2] for a in ACTS])
def test_families_of_acts_are_events(analyze_text, sentence, type_, cameo, trigger):
    ledger = analyze_text(sentence)
    found = [(e.type, e.cameo, e.trigger) for e in ledger.events]
    assert (type_, cameo, trigger) in found, found


@pytest.mark.parametrize("sentence", [
    "A spokesman declined to comment on the report.",
    "The government refused to comment.",
])
def test_declining_to_comment_is_no_act(analyze_text, sentence):
    assert analyze_text(sentence).events == []


def test_ending_a_curfew_is_one_act_not_the_curfew_again(analyze_text):
    ledger = analyze_text("The junta ended the curfew in the capital on Monday.")
    assert [(e.type, e.cameo) for e in ledger.events] == [("RETREAT", "0813")]
