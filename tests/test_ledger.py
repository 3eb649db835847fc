"""Ledger JSON: every span points at its own words, and JSON in/out loses nothing."""
from __future__ import annotations

from datetime import date

from click.testing import CliRunner

import newsledger
from newsledger.cli import main
from newsledger.ledger import (
    ActorRef, Article, Claim, Content, Cue, DateMention, DateRef, EntityMention, Event, Fatalities,
    Ledger, PlaceRef, Quantity, Source, Span,
)

# NBSP, curly quotes, an em dash and accents: the characters the pipeline normalizes behind the scenes.
TRICKY = (
    "KHARKIV, Ukraine \u2014 Russian missiles struck an apartment block in Kharkiv on\u00a0Tuesday, "
    "killing at least 11\u00a0people, regional governor Oleh Synehubov said.\n"
    "\u201cThey hit a residential area,\u201d Ukraine\u2019s air force said, adding that 2 of 5 "
    "missiles were shot down. Moscow\u2019s defence ministry claimed it had struck \u201cmilitary "
    "targets\u201d in the city on Monday and denied hitting civilians.\n"
    "Officials in Kyiv said more than 1,200 buildings had been damaged since January, while "
    "the United Nations said about 30\u00a0percent of the city\u2019s schools were closed.\n"
)


def evidence_in(node, path="ledger"):
    """Every (where, start, end, words) the JSON claims are taken from the text, wherever it sits."""
    if isinstance(node, dict):
        span = node.get("span")
        if isinstance(span, dict) and isinstance(node.get("text"), str):
            yield path, span["start"], span["end"], node["text"]
        if isinstance(node.get("start"), int) and isinstance(node.get("text"), str):
            yield path, node["start"], node["end"], node["text"]
        for key, value in node.items():
            if key != "text":
                yield from evidence_in(value, f"{path}.{key}")
    elif isinstance(node, list):
        for number, value in enumerate(node):
            yield from evidence_in(value, f"{path}[{number}]")


def assert_spans_hold(data: dict) -> int:
    text = data["text"]
    checked = 0
    for where, start, end, words in evidence_in({k: v for k, v in data.items() if k != "text"}):
        assert 0 <= start < end <= len(text), where
        assert text[start:end] == words, f"{where}: {text[start:end]!r} != {words!r}"
        checked += 1
    for event in data["events"]:
        assert event["evidence"], event["id"]
        for span in event["evidence"]:
            assert 0 <= span["start"] < span["end"] <= len(text), event["id"]
    return checked


def test_offsets_point_at_the_original_words(analyze_text):
    data = analyze_text(TRICKY).to_dict()
    assert data["text"] == TRICKY  # NBSP and curly quotes kept
    assert {"Kharkiv", "Oleh Synehubov"} <= {e["text"] for e in data["entities"]}
    assert assert_spans_hold(data) >= len(data["entities"]) > 0


def test_offsets_hold_after_reading_a_cp1252_file(tmp_path, nlp):
    path = tmp_path / "tricky.txt"
    path.write_bytes(TRICKY.replace("\u00a0", " ").replace("\n", "\r\n").encode("cp1252")
                     .replace(b"on Tuesday", b"on\xa0Tuesday"))
    result = CliRunner().invoke(main, ["analyze", str(path), "--published", "2024-03-12"])
    assert result.exit_code == 0, result.stderr
    data = Ledger.from_json(result.stdout).to_dict()
    assert "on\u00a0Tuesday" in data["text"] and "\r" not in data["text"]
    assert assert_spans_hold(data) > 0


def test_analyzed_ledger_survives_json(analyze_text, tmp_path):
    ledger = analyze_text(TRICKY, title="Strike on Kharkiv", outlet="Wire")
    assert Ledger.from_dict(ledger.to_dict()) == ledger
    path = tmp_path / "ledger.json"
    path.write_text(ledger.to_json(), encoding="utf-8")
    assert newsledger.load(path) == ledger


def full_ledger() -> Ledger:
    """A ledger with every record type and optional field filled, to catch anything JSON drops."""
    text = "Rebels said they killed 40 soldiers in Goma on Monday."
    rebels = ActorRef(text="Rebels", name="M23", country="COD", kind="REB", span=Span(0, 6))
    return Ledger(
        text=text,
        article=Article(id=Article.id_for(text), title="T", url="https://x.example/a", outlet="O",
                        published=date(2024, 3, 12)),
        events=[Event(
            id="ev1", type="ASSAULT", evidence=[Span(0, 53)], trigger="killed", mode="firearms",
            cameo="190", goldstein=-10.0, actor=ActorRef(text="they", name="M23", span=Span(12, 16)),
            target=ActorRef(text="soldiers", kind="MIL", span=Span(27, 35)),
            place=PlaceRef(text="Goma", name="Goma", country="COD", lat=-1.68, lon=29.22,
                           geonameid=216281, precision="city", span=Span(39, 43)),
            date=DateRef(text="on Monday", start=date(2024, 3, 11), end=date(2024, 3, 11),
                         inferred=False, span=Span(44, 53)),
            fatalities=Fatalities(text="40 soldiers", min=40, max=40, span=Span(24, 35)),
            status="claimed", source=Source(name="M23", text="Rebels", span=Span(0, 6)),
            confidence=0.75)],
        claims=[Claim(
            id="cl1", claimant=rebels, content=Content(text=text[12:53], start=12, end=53),
            cue=Cue(text="said", start=7, end=11),
            quantities=[Quantity(text="40 soldiers", span=Span(24, 35), value=40.0, unit="soldiers",
                                 unit_span=Span(27, 35))],
            stance="neutral", stance_evidence=[Span(7, 11)], hedged=True, checkworthy=0.9,
            checkworthy_features={"number": 1.0, "named_actor": 0.5}, measure="fatalities")],
        entities=[EntityMention(text="Goma", span=Span(39, 43), label="GPE", name="Goma",
                                country="COD", kind="PLACE")],
        dates=[DateMention(text="Monday", span=Span(47, 53), start=date(2024, 3, 11),
                           end=date(2024, 3, 11), kind="date")],
        quantities=[Quantity(text="40", span=Span(24, 26), low=35.5, high=40.0, approx=True)],
    )


def test_every_field_survives_json():
    ledger = full_ledger()
    again = Ledger.from_json(ledger.to_json())
    assert again == ledger
    assert again.to_dict() == ledger.to_dict()
    assert isinstance(again.events[0].date.start, date)
    assert isinstance(again.claims[0].quantities[0].unit_span, Span)
    assert assert_spans_hold(ledger.to_dict()) == 13
