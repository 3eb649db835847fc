"""The newsledger_layout component: wire datelines and headline lines, found once per Doc."""
from __future__ import annotations

from newsledger.extract.event_mentions import dateline_of, headline, in_dateline


def _datelines(doc):
    return [doc[first:dash + 1].text for first, dash in doc._.datelines]


def _headlines(doc):
    return [doc[start:end].text for start, end in doc._.headlines]


def test_component_runs_after_ner_and_before_dates(nlp):
    names = nlp.pipe_names
    assert names.index("ner") < names.index("newsledger_layout") < names.index("newsledger_dates")


def test_dateline_with_a_date_includes_its_dash(nlp):
    doc = nlp("MOGADISHU, March 3 — Gunmen stormed a hotel in the capital, police said.")
    assert _datelines(doc) == ["MOGADISHU, March 3 —"]
    first, dash = doc._.datelines[0]
    assert doc[dash].text == "—" and doc[first].text == "MOGADISHU"


def test_dateline_with_country_and_agency(nlp):
    doc = nlp("ODESA, Ukraine (AP) — Drones struck the port overnight, the governor said.")
    assert _datelines(doc) == ["ODESA, Ukraine (AP) —"]


def test_dateline_with_spaced_hyphen_and_agency(nlp):
    doc = nlp("KHAN YOUNIS (Reuters) - Shelling damaged two schools on Tuesday.")
    assert _datelines(doc) == ["KHAN YOUNIS (Reuters) -"]


def test_hyphenated_place_is_one_dateline_word(nlp):
    doc = nlp("PORT-AU-PRINCE, Haiti (AP) — Gangs burned a police station on Friday.")
    assert _datelines(doc) == ["PORT-AU-PRINCE, Haiti (AP) —"]


def test_ordinary_sentences_with_dashes_have_no_dateline(nlp):
    for text in ("UN peacekeepers - some 400 of them - withdrew from the town on Monday.",
                 "Israel - Hamas talks resumed in Doha on Sunday.",
                 "Officials said the WHO - which runs the clinics - had left."):
        assert nlp(text)._.datelines == [], text


def test_dateline_only_opens_a_line(nlp):
    doc = nlp("Rebels shelled the town.\n\nBAMAKO, Mali (AFP) — The junta denied losses.\n"
              "The army said MALI - its name for the operation - went on.")
    assert _datelines(doc) == ["BAMAKO, Mali (AFP) —"]


def test_headline_and_crosshead_lines(nlp):
    doc = nlp("Drone strike hits fuel depot near Kherson\n\n"
              "A drone struck a fuel depot on Sunday, the regional governor said.\n\n"
              "Repairs could take weeks\n\n"
              "Firefighters worked through the night.")
    assert _headlines(doc) == ["Drone strike hits fuel depot near Kherson", "Repairs could take weeks"]


def test_lines_ending_like_sentences_and_the_last_line_are_no_headlines(nlp):
    doc = nlp("The army said it had pulled back.\n\n"
              "\"We will return,\" a commander said.\"\n\n"
              "More to follow")
    assert doc._.headlines == []


def test_hard_wrapped_paragraph_lines_are_no_headlines(nlp):
    doc = nlp("Strikes hit the northern districts and\nkilled at least five people, medics\n"
              "said on Monday.")
    assert doc._.headlines == []


def test_helpers_read_the_extensions(nlp):
    doc = nlp("Army retakes bridge near Wad Madani\n\n"
              "WAD MADANI, Sudan, Jan. 9 (Reuters) - The army retook the bridge on Monday.")
    top = headline(doc)
    assert top is not None and top.text == "Army retakes bridge near Wad Madani"
    dash = doc._.datelines[0][1]
    assert in_dateline(doc[dash]) and not in_dateline(doc[dash + 1])
    lede = doc[doc._.datelines[0][0]].sent
    filed = dateline_of(lede)
    assert filed is not None and filed.text == "WAD MADANI, Sudan, Jan. 9 (Reuters) -"


def test_no_headline_when_the_first_line_is_body_text(nlp):
    doc = nlp("Troops withdrew from the border town on Monday.\n\nTalks resume in Geneva")
    assert headline(doc) is None


def test_dashes_come_from_the_data_file(nlp):
    vocab = nlp.get_pipe("newsledger_layout").compiled
    assert {"—", "-"} <= vocab.dashes and "-" in vocab.spaced_dashes
