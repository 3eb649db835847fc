"""`newsledger evaluate`: per-slot precision/recall/F1 of ledgers against gold JSON and brat."""
from __future__ import annotations

import json
from datetime import date

import pytest
from click.testing import CliRunner

from newsledger.cli import main
from newsledger.evaluate import evaluate
from newsledger.ledger import (ActorRef, Article, Claim, Content, Cue, DateRef, Event, Fatalities,
                               Ledger, PlaceRef, Quantity, Span)

TEXT = ("Militia fighters stormed the village of Tora on Monday, killing nine farmers. "
        "The district governor said the attackers also burned the market. "
        "Aid agencies met regional officials in Kebe on Tuesday.")


def _at(quote: str) -> Span:
    start = TEXT.index(quote)
    return Span(start, start + len(quote))


def _gold() -> dict:
    return {
        "format": "newsledger-gold/1",
        "article": {"file": "tora.txt", "published": "2024-05-08"},
        "events": [
            {"id": "E1", "core": True, "type": "ASSAULT",
             "quotes": ["Militia fighters stormed the village of Tora on Monday, killing nine farmers"],
             "actor": {"names": ["militia"]}, "target": {"names": ["farmers", "Tora"]},
             "place": {"names": ["Tora"]}, "date": {"start": "2024-05-06", "end": "2024-05-06"},
             "fatalities": {"accept": [9, 9]}},
            {"id": "E2", "core": True, "type": "ASSAULT", "quotes": ["the attackers also burned the market"]},
            {"id": "E3", "core": False, "type": "CONSULT",
             "quotes": ["Aid agencies met regional officials in Kebe"]},
        ],
        "claims": [
            {"id": "C1", "core": True, "quote": "the attackers also burned the market",
             "claimant": {"names": ["district governor"]}},
        ],
    }


def _ledger() -> Ledger:
    storm = Event(id="ev1", type="ASSAULT", evidence=[_at("Militia fighters stormed the village of Tora")],
                  actor=ActorRef(text="Militia fighters"), target=ActorRef(text="nine farmers"),
                  place=PlaceRef(text="Kebe", name="Kebe"),  # wrong place
                  date=DateRef(text="on Monday", start=date(2024, 5, 6), end=date(2024, 5, 6)),
                  fatalities=Fatalities(text="nine", min=9, max=9))
    again = Event(id="ev2", type="ASSAULT", evidence=[_at("stormed the village of Tora on Monday")])  # a duplicate
    burned = Event(id="ev3", type="COERCE", evidence=[_at("the attackers also burned the market")])
    invented = Event(id="ev4", type="PROTEST", evidence=[_at("Aid agencies met")])
    claim = Claim(id="cl1", claimant=ActorRef(text="The district governor", span=_at("The district governor")),
                  cue=Cue("said", *_span_pair("said")),
                  content=Content("the attackers also burned the market",
                                  *_span_pair("the attackers also burned the market")),
                  quantities=[Quantity(text="nine", span=_at("nine"), value=9)])
    return Ledger(text=TEXT, article=Article(id="x", url="https://example.org/news/tora.html"),
                  events=[storm, again, burned, invented], claims=[claim])


def _span_pair(quote: str) -> tuple[int, int]:
    span = _at(quote)
    return span.start, span.end


@pytest.fixture
def files(tmp_path):
    gold = tmp_path / "tora.gold.json"
    gold.write_text(json.dumps(_gold()), encoding="utf-8")
    pred = tmp_path / "tora.ledger.json"
    pred.write_text(_ledger().to_json(), encoding="utf-8")
    return gold, pred


def test_events_are_matched_by_quote_and_type_and_slots_judged_on_the_pairs(files):
    sections = evaluate(*files).sections
    events = sections["events"]
    # E1 found; E2 predicted as COERCE (wrong type); the second mention of E1 is a duplicate
    assert (events["events"].gold, events["events"].found) == (2, 1)
    assert (events["events"].predicted, events["events"].right) == (3, 1)
    assert events["events, any type"].found == 2
    assert (events["place"].found, events["place"].right, events["place"].predicted) == (0, 0, 1)
    for slot in ("actor", "target", "date", "fatalities"):
        assert events[slot].found == events[slot].gold == 1, slot
    assert round(events["events"].precision, 3) == 0.333 and events["events"].recall == 0.5
    types = sections["event types"]
    assert set(types) == {"ASSAULT", "COERCE", "PROTEST"}  # CONSULT: only a non-core gold, never said
    assert (types["COERCE"].predicted, types["COERCE"].right) == (1, 0)


def test_claims_are_matched_by_content_and_score_their_claimant_and_figures(files):
    claims = evaluate(*files).sections["claims"]
    assert (claims["claims"].gold, claims["claims"].found, claims["claims"].right) == (1, 1, 1)
    assert claims["claimant"].f1 == 1.0
    assert (claims["quantities"].gold, claims["quantities"].predicted, claims["quantities"].right) == (0, 1, 0)


def test_cli_prints_tables_and_json(files, tmp_path):
    gold, pred = files
    table = CliRunner().invoke(main, ["evaluate", str(gold), str(pred)])
    assert table.exit_code == 0, table.output
    assert "Events by PLOVER type" in table.output
    row = next(line for line in table.output.splitlines() if line.startswith("events "))
    assert row.split()[1:5] == ["2", "1", "3", "1"]
    out = tmp_path / "scores.json"
    result = CliRunner().invoke(main, ["evaluate", str(gold), str(pred), "--format", "json", "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["documents"] == 1 and data["sections"]["events"]["events"]["r"] == 0.5


def test_documents_pair_by_name_or_by_text_and_a_missing_ledger_counts_as_missed(tmp_path):
    golds, preds = tmp_path / "gold", tmp_path / "pred"
    golds.mkdir(), preds.mkdir()
    (golds / "a.gold.json").write_text(json.dumps(_gold()), encoding="utf-8")
    other = _gold() | {"article": {"file": "elsewhere.txt"}}
    other["events"][0]["quotes"] = ["Rebels shelled the port"]
    other["events"], other["claims"] = other["events"][:1], []
    (golds / "b.gold.json").write_text(json.dumps(other), encoding="utf-8")
    (preds / "batch.jsonl").write_text(_ledger().to_json(indent=None) + "\n", encoding="utf-8")
    result = evaluate(golds, preds)
    assert result.documents == 2 and result.unpaired == [str(golds / "b.gold.json")]
    assert result.sections["events"]["events"].gold == 3  # two from a, the missed one from b
    assert result.sections["events"]["events"].found == 1


def _brat_corpus(tmp_path, layout: str):
    text = 'The mayor said the bridge would reopen in May. "It is safe," an engineer told us.\n'
    marks = {"Source": ["The mayor", "an engineer"], "Cue": ["said", "told"],
             "Content": ["the bridge would reopen in May", "It is safe,"]}
    lines, n = [], 0
    for label, quotes in marks.items():
        for quote in quotes:
            n += 1
            start = text.index(quote)
            lines.append(f"T{n}\t{label} {start} {start + len(quote)}\t{quote}")
    lines.append("E1\tAttribution:T1 Cue:T3 Content:T5 Source:T1")
    if layout == "polnear":
        (tmp_path / "text").mkdir()
        (tmp_path / "attributions").mkdir()
        (tmp_path / "text" / "story.txt").write_text(text, encoding="utf-8")
        ann = tmp_path / "attributions" / "story_a1b2.ann"
    else:
        (tmp_path / "story.txt").write_text(text, encoding="utf-8")
        ann = tmp_path / "story.ann"
    ann.write_text("\n".join(lines) + "\n", encoding="utf-8")
    said = text.index("said")
    claim = Claim(id="c1", claimant=ActorRef(text="The mayor", span=Span(0, 9)),
                  cue=Cue("said", said, said + 4),
                  content=Content("the bridge would reopen", said + 5, said + 5 + len("the bridge would reopen")))
    author = Claim(id="c2", claimant=ActorRef(text="author", author=True),
                   content=Content("safe", text.index("safe"), text.index("safe") + 4))
    pred = tmp_path / "pred.jsonl"
    pred.write_text(Ledger(text=text, article=Article(id="s", url="heldout:story"),
                           claims=[claim, author]).to_json(indent=None) + "\n", encoding="utf-8")
    return ann, pred


@pytest.mark.parametrize("layout", ["polnear", "side by side"])
def test_brat_attributions_are_scored_exact_and_by_overlap(tmp_path, layout):
    ann, pred = _brat_corpus(tmp_path, layout)
    gold = tmp_path if layout == "polnear" else ann
    rows = evaluate(gold, pred).sections["attribution"]
    assert (rows["source (exact)"].gold, rows["source (exact)"].found, rows["source (exact)"].right) == (2, 1, 1)
    assert rows["cue (exact)"].precision == 1.0 and rows["cue (exact)"].recall == 0.5
    # the content stops early: no exact match, but it overlaps; the author's own claim is left out
    assert rows["content (exact)"].found == 0
    assert (rows["content (overlap)"].found, rows["content (overlap)"].predicted) == (1, 1)


@pytest.mark.parametrize("problem,message", [
    ("quote", "gold quote not in the predicted article's text"),
    ("pred json", "line 1: not JSON"),
    ("gold json", "not JSON"),
    ("missing", "no such file or folder"),
])
def test_bad_input_is_one_line_naming_the_file(files, problem, message):
    gold, pred = files
    if problem == "quote":
        data = _gold()
        data["events"][0]["quotes"] = ["words the article never uses"]
        gold.write_text(json.dumps(data), encoding="utf-8")
    elif problem == "pred json":
        pred.write_text("{not json\n", encoding="utf-8")
    elif problem == "gold json":
        gold.write_text("[1, 2", encoding="utf-8")
    else:
        pred.unlink()
    result = CliRunner().invoke(main, ["evaluate", str(gold), str(pred)])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and lines[0].startswith("newsledger: error:")


def test_scores_the_real_analyzer_on_an_article_of_our_own(analyze_text, tmp_path):
    text = ("Gunmen ambushed a police patrol near the town of Dori on Sunday, killing four officers, "
            "the regional governor said.")
    ledger = analyze_text(text, published=date(2024, 6, 4))
    pred = tmp_path / "dori.json"
    pred.write_text(ledger.to_json(), encoding="utf-8")
    gold = tmp_path / "dori.gold.json"
    gold.write_text(json.dumps({"events": [{
        "id": "E1", "type": "ASSAULT", "quotes": ["Gunmen ambushed a police patrol near the town of Dori"],
        "actor": {"names": ["gunmen"]}, "place": {"names": ["Dori"]},
        "date": {"start": "2024-06-02", "end": "2024-06-02"}, "fatalities": {"accept": [4, 4]}}],
        "claims": []}), encoding="utf-8")
    events = evaluate(gold, pred).sections["events"]
    assert events["events"].recall == 1.0
    assert all(events[slot].found == 1 for slot in ("actor", "place", "date", "fatalities"))
