"""Claims: attribution, author voice, stance, hedges, check-worthiness and measure keys.

Each tests/articles/claims/*.yaml holds a short article written for these tests and the
claims a careful analyst would record. A claim is found when a predicted content span covers
at least half of the expected quote (the scorer's rule); its slots are then checked.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given, strategies as st

from newsledger.extract.lemmas import candidates, lemma_of

ARTICLES = sorted((Path(__file__).parent / "articles" / "claims").glob("*.yaml"))
ROOT = Path(__file__).resolve().parents[1]


def _load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _quote_span(text: str, quote: str) -> tuple[int, int]:
    start = text.find(quote)
    assert start >= 0, f"quote not in article: {quote!r}"
    return start, start + len(quote)


def _covers(claim, span: tuple[int, int]) -> bool:
    gs, ge = span
    return min(claim.content.end, ge) - max(claim.content.start, gs) >= 0.5 * (ge - gs)


def _names(actor) -> str:
    return " | ".join(x for x in (actor.name, actor.text) if x).lower()


def _quantity_matches(q, want: dict) -> bool:
    return all(getattr(q, k) is not None and abs(getattr(q, k) - v) <= 0.01 * max(abs(v), 1)
               for k, v in want.items())


def test_there_are_enough_articles():
    assert len(ARTICLES) >= 15


@pytest.mark.parametrize("path", ARTICLES, ids=[p.stem for p in ARTICLES])
def test_article_claims(path, analyze_text):
    case = _load(path)
    text = case["text"]
    ledger = analyze_text(text)
    claims = ledger.claims
    for want in case.get("claims") or []:
        span = _quote_span(text, want["quote"])
        found = [c for c in claims if _covers(c, span)]
        assert found, f"no claim covers {want['quote']!r}; got {[c.content.text for c in claims]}"
        claim = found[0]
        if want.get("author"):
            assert claim.claimant.author, f"{want['quote']!r} should be the author's own claim"
            assert claim.cue is None
        if "claimant" in want:
            assert not claim.claimant.author
            assert any(alias.lower() in _names(claim.claimant) for alias in want["claimant"]), \
                f"claimant {claim.claimant} is none of {want['claimant']}"
        if "cue" in want:
            assert claim.cue is not None and claim.cue.text.lower() == want["cue"]
            assert text[claim.cue.start:claim.cue.end] == claim.cue.text
        for q in want.get("quantities") or []:
            assert any(_quantity_matches(p, q) for p in claim.quantities), \
                f"{q} not among {claim.quantities}"
        if "stance" in want:
            assert claim.stance == want["stance"], f"{want['quote']!r}: stance {claim.stance}"
        if "hedged" in want:
            assert claim.hedged == want["hedged"]
            assert all(text[s.start:s.end] for s in claim.hedge_evidence)
        if "measure" in want:
            assert claim.measure == want["measure"]
        if "content" in want:  # the exact boundaries, as attribution corpora mark them
            assert claim.content.text == want["content"], f"content {claim.content.text!r}"
        assert text[claim.content.start:claim.content.end] == claim.content.text
    for quote in case.get("absent") or []:
        span = _quote_span(text, quote)
        assert not [c for c in claims if _covers(c, span)], f"{quote!r} should not be a claim"


def test_same_figure_from_two_sources_shares_a_measure(analyze_text):
    case = _load(ARTICLES[0])
    claims = [c for c in analyze_text(case["text"]).claims if c.quantities]
    keys = {c.measure for c in claims}
    values = {c.quantities[0].value for c in claims}
    assert len(claims) == 2 and len(keys) == 1 and values == {31000, 24000}


def test_checkworthiness_is_explained_by_its_features(analyze_text):
    ledger = analyze_text(_load(ARTICLES[0])["text"])
    for claim in ledger.claims:
        total = sum(claim.checkworthy_features.values())
        assert claim.checkworthy == pytest.approx(min(1.0, max(0.0, total)), abs=1e-3)
        assert "has_number" in claim.checkworthy_features


def test_opinion_scores_lower_than_a_reported_figure(analyze_text):
    ledger = analyze_text("Officials said 12 soldiers were killed in the ambush. "
                          "Officials said the war should end because the government must negotiate.")
    by_text = {c.content.text: c for c in ledger.claims}
    figure = next(c for t, c in by_text.items() if "12 soldiers" in t)
    opinion = [c for t, c in by_text.items() if "should" in t]
    assert not opinion or opinion[0].checkworthy < figure.checkworthy


def test_evidence_spans_lie_in_the_text(analyze_text):
    text = _load(ARTICLES[3])["text"]
    for claim in analyze_text(text).claims:
        assert claim.evidence
        for span in claim.evidence:
            assert 0 <= span.start < span.end <= len(text)
        assert any(s.start <= claim.content.start and claim.content.end <= s.end for s in claim.evidence) \
            or len(claim.evidence) == 2


def test_stance_evidence_points_at_the_dispute_words(analyze_text):
    text = _load(ARTICLES[8])["text"]
    disputed = [c for c in analyze_text(text).claims if c.stance == "disputes"]
    assert disputed
    for claim in disputed:
        words = {text[s.start:s.end].lower() for s in claim.stance_evidence}
        assert words & {"inflated", "no evidence"}


def test_json_round_trip_keeps_claims(analyze_text):
    from newsledger.ledger import Ledger

    ledger = analyze_text(_load(ARTICLES[8])["text"])
    again = Ledger.from_json(ledger.to_json())
    assert [c.content for c in again.claims] == [c.content for c in ledger.claims]
    assert [c.stance for c in again.claims] == [c.stance for c in ledger.claims]


@pytest.mark.parametrize("word,tag,base", [
    ("stated", "VBD", "state"), ("killed", "VBD", "kill"), ("announced", "VBD", "announce"),
    ("alleged", "VBN", "allege"), ("withdrawn", "VBN", "withdraw"), ("denies", "VBZ", "deny"),
    ("fighters", "NNS", "fighter"), ("casualties", "NNS", "casualty"), ("people", "NNS", "person"),
    ("planned", "VBD", "plan"), ("claiming", "VBG", "claim"), ("targeted", "VBD", "target"),
])
def test_lemma_rules(word, tag, base):
    assert lemma_of(word, tag) == base


@given(st.from_regex(r"[a-z]{3,9}", fullmatch=True))
def test_regular_inflections_lead_back_to_their_base(stem):
    assert stem in candidates(stem + "s") or stem.endswith(("s", "y")) or stem in ("be",)
    assert stem in candidates(stem)
    assert candidates(stem.upper()) == candidates(stem)


def test_polnear_bench_skips_without_data(tmp_path, capsys):
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import polnear
    finally:
        sys.path.pop(0)
    assert polnear.main(["--data", str(tmp_path)]) == 0
    assert "skipping" in capsys.readouterr().out


def test_headline_lines_and_datelines(nlp):
    from newsledger.extract.attribution import find

    text = ("Army says it repelled attack on El Obeid\n\nEL OBEID, Sudan, April 3 (Reuters) - The Sudanese army "
            "said on Wednesday it had repelled an attack on El Obeid.\nCROSSHEAD\n\nThe RSF - which denies it - "
            "said nothing.")
    doc = nlp(text)
    found = find(doc)
    heads = [doc[s:e].text.strip() for s, e in sorted(found.headlines)]
    assert heads == ["Army says it repelled attack on El Obeid"]
    assert doc[found.dateline[1]].text == "The"
    assert doc[found.dateline[0]].text == "EL"


def test_no_dateline_in_an_ordinary_lede(nlp):
    from newsledger.extract.attribution import find

    doc = nlp("UN peacekeepers - some 400 of them - withdrew from the town on Monday.")
    lo, hi = find(doc).dateline
    assert lo == hi


def test_headline_news_survives_when_the_body_does_not_restate_it(analyze_text):
    text = ("Houthis seize 12 border posts in Saudi Arabia\n\n"
            "The ministry said on Friday that talks with the Houthis would resume next week.")
    claims = analyze_text(text).claims
    assert any("12 border posts" in c.content.text for c in claims)


def test_writer_comment_on_a_figure_is_not_content_but_hedges_it(analyze_text):
    text = ("A spokesman for the army said its troops had killed 40 militants near the border, "
            "a figure that could not be independently verified.")
    claim = next(c for c in analyze_text(text).claims if "40 militants" in c.content.text)
    assert claim.content.text == "its troops had killed 40 militants near the border"
    assert claim.hedged and claim.stance == "neutral"
    assert any(text[s.start:s.end].startswith("could not be") for s in claim.hedge_evidence)


def _attributions(nlp, text: str) -> list[tuple[str, str, str, bool]]:
    """(cue, source, first content, assertive) for each attribution found in text."""
    from newsledger.extract.attribution import find

    doc = nlp(text)
    return [(doc[a.cue[0]:a.cue[1]].text, doc[a.source[0]:a.source[1]].text if a.source else "",
             doc[a.contents[0][0]:a.contents[0][1]].text, a.assertive) for a in find(doc).attributions]


def test_indirect_questions_and_topics_are_attributed_but_assert_nothing(nlp):
    found = _attributions(nlp, "The senator asked how the convoy had crossed the border unchecked. "
                               "On Tuesday the ministry responded to the allegations.")
    assert ("asked", "The senator", "how the convoy had crossed the border unchecked", False) in found
    assert ("responded", "the ministry", "the allegations", False) in found


def test_a_statement_inside_a_topic_stays_a_claim(analyze_text):
    text = "The army responded to the report by saying that its units had left the village on Sunday."
    claim = next(c for c in analyze_text(text).claims if "left the village" in c.content.text)
    assert claim.cue.text == "saying" and "army" in claim.claimant.text.lower()


def test_citing_is_a_cue_when_it_is_a_verb(nlp):
    found = _attributions(nlp, "Officials closed the Rafah crossing on Monday, citing threats from armed groups.")
    assert ("citing", "Officials", "threats from armed groups", False) in found


def test_transcript_turns_quoted_paragraph_by_paragraph(nlp):
    text = ('"MODERATOR: Will the truce hold through the weekend?\n\n'
            '"GENERAL HASSAN: It will hold as long as the other side keeps its guns silent.')
    found = _attributions(nlp, text)
    assert [(cue, source) for cue, source, _, _ in found] == [(":", "MODERATOR"), (":", "GENERAL HASSAN")]
    assert found[1][2].startswith("It will hold")


def test_a_quotation_carries_on_after_its_cue_within_the_paragraph(nlp):
    from newsledger.extract.attribution import find

    text = ('"The shelling has not stopped since dawn," the mayor said, "and the hospital has no power left." '
            'He spoke by telephone.\n\n"We are running out of fuel for the generators," a nurse wrote.')
    doc = nlp(text)
    said = next(a for a in find(doc).attributions if doc[a.cue[0]].text == "said")
    parts = [doc[lo:hi].text for lo, hi in said.contents]
    assert parts == ['"The shelling has not stopped since dawn,"', '"and the hospital has no power left."']
    doc = nlp('"Nobody has come to help us," she said.\n\n"The roads are closed," the driver added.')
    said = next(a for a in find(doc).attributions if doc[a.cue[0]].text == "said")
    assert [doc[lo:hi].text for lo, hi in said.contents] == ['"Nobody has come to help us,"']


def test_a_trailing_aside_on_a_person_is_the_writers_not_the_sources(nlp):
    found = _attributions(nlp, "The police chief said officers had arrested Omar Haddad, who had led the cell since 2019.")
    assert ("said", "The police chief", "officers had arrested Omar Haddad", True) in found
    found = _attributions(nlp, "The police chief said officers had raided a warehouse, which held weapons for the cell.")
    assert ("said", "The police chief", "officers had raided a warehouse, which held weapons for the cell", True) in found


def test_a_quotation_after_a_second_cue_belongs_to_that_cue(nlp):
    found = _attributions(nlp, '"We see no link to the militia," the governor said, adding that it would take '
                               '"several more days" before the cause was known.')
    said = next(f for f in found if f[0] == "said")
    assert said[2] == '"We see no link to the militia,"'
    assert any(f[0] == "adding" and f[1] == "the governor" for f in found)


def test_a_state_of_mind_toward_a_clause_is_attributed_but_asserts_nothing(nlp):
    found = _attributions(nlp, "Displaced families were frustrated that the aid convoy had turned back at the checkpoint. "
                               "The ministry has been adamant that the talks will resume next week. "
                               "Aid groups are worried about the fate of the detainees.")
    assert ("were frustrated", "Displaced families", "that the aid convoy had turned back at the checkpoint",
            False) in found
    assert ("has been adamant", "The ministry", "that the talks will resume next week", False) in found
    assert ("are worried", "Aid groups", "the fate of the detainees", False) in found
    assert _attributions(nlp, "The soldiers were happy.") == []


def test_quote_only_verbs_are_cues_next_to_a_quotation_only(nlp):
    found = _attributions(nlp, 'The commander continued: "We will hold the bridge until the relief column arrives." '
                               "The shelling continued for three more days.")
    assert found == [("continued", "The commander",
                      '"We will hold the bridge until the relief column arrives."', True)]


def test_passive_cue_with_an_agent_and_a_naming_complement(nlp):
    found = _attributions(nlp, "The ceasefire plan has been endorsed by the Arab League. Critics called the envoy a traitor.")
    assert ("endorsed", "the Arab League", "The ceasefire plan", False) in found
    assert ("called", "Critics", "the envoy a traitor", False) in found


def test_a_directive_to_someone_is_attributed_but_asserts_nothing(nlp):
    found = _attributions(nlp, "The governor told residents to leave the coast before the storm.")
    assert found == [("told", "The governor", "residents to leave the coast before the storm", False)]


def test_stance_nouns_are_attributed_to_their_owner_but_assert_nothing(nlp):
    found = _attributions(nlp, "The mayor's criticism of the curfew angered the police. "
                               "Her determination to reopen the market surprised the traders.")
    assert ("criticism", "The mayor", "the curfew", False) in found
    assert ("determination", "Her", "to reopen the market", False) in found


def test_raise_is_a_cue_only_for_concerns_and_questions(nlp):
    found = _attributions(nlp, "Aid agencies raised concerns about the safety of the corridor. "
                               "The government raised fuel prices by a third.")
    assert [f[0] for f in found] == ["raised"]
    assert found[0][1] == "Aid agencies"


def test_cue_phrase_takes_in_auxiliaries_and_adverbs_but_not_the_source(nlp):
    from newsledger.extract.attribution import find

    doc = nlp("The ministry has also said that the crossing will stay closed. Officials did not deny the report.")
    phrases = [doc[a.cue_phrase[0]:a.cue_phrase[1]].text for a in find(doc).attributions]
    cues = [doc[a.cue[0]:a.cue[1]].text for a in find(doc).attributions]
    assert phrases == ["has also said", "did not deny"] and cues == ["said", "deny"]


def test_a_colon_before_a_quotation_introduces_all_of_it(nlp):
    found = _attributions(nlp, 'The governor said: "The roads to the north are open again. Aid convoys will '
                               'arrive tomorrow."')
    assert found == [("said", "The governor",
                      '"The roads to the north are open again. Aid convoys will arrive tomorrow."', True)]


def test_the_subject_of_a_passive_main_clause_speaks_in_its_complement(nlp):
    found = _attributions(nlp, "The commander was forced to admit that the base had fallen.")
    assert ("admit", "The commander", "that the base had fallen", True) in found


def test_a_ruling_is_a_claim_only_with_its_clause(nlp):
    found = _attributions(nlp, "The high court ruled that the detentions at the border were unlawful. "
                               "The party ruled the province for decades.")
    assert ("ruled", "The high court", "that the detentions at the border were unlawful", True) in found
    assert not [f for f in found if f[1] == "The party" and f[3]]


def test_whom_a_cue_addresses_and_when_are_not_its_topic(nlp):
    found = _attributions(nlp, "The envoy spoke to reporters about the ceasefire. The envoy spoke to reporters on Sunday.")
    assert found == [("spoke", "The envoy", "the ceasefire", False)]


def test_a_source_without_focus_words_or_comparisons(nlp):
    found = _attributions(nlp, "Even China said the missile test was a grave mistake. "
                               "The president, like his predecessor, said the alliance was vital.")
    assert [f[1] for f in found] == ["China", "The president"]


def test_a_trailing_relative_clause_with_its_own_source_is_a_second_attribution(nlp):
    found = _attributions(nlp, "The army said troops had shelled the depot, which local officials said held rockets.")
    assert ("said", "The army", "troops had shelled the depot", True) in found
    assert any(f[1] == "local officials" and f[3] for f in found)


@pytest.mark.parametrize("texts,key", [
    (["Gaza's health ministry says 41,000 people have been killed.",
      "The death toll in Gaza has passed 41,000, according to the health ministry.",
      "The ministry said the number of dead had risen to 41,000.",
      "The ministry said the war had left 41,000 dead."], "killed/people"),
    (["The army said 8,000 Hamas fighters had been killed.", "Israel says it has eliminated 8,000 militants."],
     "killed/fighters"),
    (["Police said 30 people were arrested.", "Police detained 30 protesters, the ministry said.",
      "Police said they had rounded up 30 suspects."], "arrested/people"),
    (["Officials said 1,000 people are missing.", "Officials said 1,000 people remain missing."],
     "missing/people"),
    (["Israel said 250 people were taken hostage.", "Israel said gunmen abducted 250 people."], "abducted/people"),
])
def test_the_same_figure_in_other_words_shares_a_measure_key(analyze_text, texts, key):
    for text in texts:
        measures = [c.measure for c in analyze_text(text).claims if c.quantities]
        assert measures == [key], f"{text!r}: {measures}"


def test_different_measures_of_one_event_keep_apart(analyze_text):
    text = ("The ministry said 40 people were killed in the strike. Medics said 120 people were wounded. "
            "The UN said 3,000 people had fled the town. Police said 12 people were arrested after the strike. "
            "The army said 200 civilians were killed in the offensive. Doctors said 14 children died in the shelling.")
    keys = [c.measure for c in analyze_text(text).claims if c.quantities]
    assert keys == ["killed/people", "wounded/people", "displaced/people", "arrested/people",
                    "killed/civilians", "killed/children"]


def test_a_time_span_does_not_name_the_measure(analyze_text):
    claim = next(c for c in analyze_text("The army said 30 fighters were captured two days ago.").claims
                 if c.quantities)
    assert claim.measure == "captured/fighters"


def test_a_claim_takes_the_key_of_its_listed_measure_and_an_actor_is_no_measure(analyze_text):
    text = ("A car bomb exploded between two schools in Mogadishu, killing 40 people. "
            "Russia dropped more than 3,000 glide bombs on Ukrainian towns in March.")
    keys = {c.content.text.split()[0]: c.measure for c in analyze_text(text).claims if c.quantities}
    assert "killed/people" in keys.values(), keys
    assert "drop/glide bomb" in keys.values() or "drop/bomb" in keys.values(), keys
    assert [c.measure for c in analyze_text("Israeli jets bombed 40 targets in Rafah.").claims] == ["attacked/target"]
