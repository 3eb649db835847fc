"""Issue 15: nothing a user feeds the analyzer crashes it or loses the good articles around it.

Every test here failed on the code before the fix (a traceback, a lost batch, a wrong value).
"""
from __future__ import annotations

import json
import re
from datetime import date, datetime

import pytest
from click.testing import CliRunner

from newsledger import ArticleInput, analyze, analyze_many
from newsledger.cli import main
from newsledger.language import NotEnglish
from newsledger.parts import PART_CHARS, parts
from newsledger.read import article_from_html

PUBLISHED = date(2024, 3, 12)
FIRST = "Rebels attacked a village near Goma on Sunday, killing 12 civilians, residents said."
SECOND = "Soldiers shelled a market in Bunia on Monday, killing four traders, a local official said."
GERMAN = ("Die Armee hat am Montag ein Dorf im Osten des Landes angegriffen. Dabei wurden nach "
          "Angaben der Behörden zwölf Menschen getötet, teilte ein Sprecher mit.")
RUSSIAN = ("Армия атаковала деревню на востоке страны в понедельник, погибли двенадцать человек, "
           "сообщили местные власти.")
ARABIC = "قصفت القوات الحكومية قرية في شمال البلاد يوم الاثنين وقتل اثنا عشر شخصا بحسب السكان"


def invoke(*args, input=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input)


def strict_json(raw: str):
    """json.loads that refuses Infinity and NaN, which are not JSON."""
    def refuse(name):
        raise ValueError(f"{name} is not JSON")
    return json.loads(raw, parse_constant=refuse)


def assert_spans_point_at_text(ledger):
    data = strict_json(ledger.to_json())
    text = data["text"]

    def walk(value):
        if isinstance(value, dict):
            if isinstance(value.get("start"), int) and isinstance(value.get("end"), int):
                assert 0 <= value["start"] <= value["end"] <= len(text)
                if isinstance(value.get("text"), str):
                    assert text[value["start"]:value["end"]] == value["text"]
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
    walk({key: value for key, value in data.items() if key != "text"})


# --- long texts ------------------------------------------------------------------------------

def test_a_text_over_a_million_characters_is_analyzed_in_parts():
    padding = "\n" * 1_000_000  # blank lines: cheap for spaCy, and over its max_length in all
    text = FIRST + padding + SECOND
    ledger = analyze(text, published=PUBLISHED)
    assert_spans_point_at_text(ledger)
    triggers = [(e.id, text[e.evidence[0].start:e.evidence[0].end]) for e in ledger.events]
    assert [event_id for event_id, _ in triggers] == ["ev1", "ev2"]
    assert "Goma" in triggers[0][1] and "Bunia" in triggers[1][1]
    assert [e.fatalities.min for e in ledger.events] == [12, 4]


def test_parts_cover_the_text_and_end_at_paragraph_or_sentence_breaks():
    text = ("A sentence of a long transcript. " * 40 + "\n\n") * 400
    pieces = list(parts(text, limit=5000))
    assert "".join(piece for _, piece in pieces) == text
    assert all(len(piece) <= 5000 for _, piece in pieces)
    assert all(text[offset:offset + len(piece)] == piece for offset, piece in pieces)
    assert all(piece.endswith(("\n\n", ". ")) for _, piece in pieces[:-1])
    assert len(list(parts("x" * 12_000, limit=5000))) == 3  # no break at all: cut anyway


def test_short_texts_are_one_part():
    assert list(parts(FIRST)) == [(0, FIRST)]
    assert len(FIRST) < PART_CHARS


# --- batches keep their good articles --------------------------------------------------------

def test_one_bad_record_loses_no_good_one(tmp_path):
    records = [
        {"text": FIRST, "title": "good 1"},
        {"text": "Rebels attacked \ud83d a village near Goma last week.", "title": "lone surrogate"},
        {"text": FIRST, "title": "title with a lone surrogate \ude00"},
        {"text": "Rebels attacked a village near Goma last week.", "published": "0001-01-01T00:00:00Z",
         "title": "Go zero time"},
        {"text": "Talks are due to resume next month.", "published": "9999-12-31", "title": "year 9999"},
        {"text": "Talks resumed. " + " " * 1_000_001, "title": "over a million characters"},
        {"text": SECOND, "title": "good 2"},
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    result = invoke("analyze", path)
    assert result.stderr == ""
    assert result.exit_code == 0
    ledgers = [strict_json(line) for line in result.stdout.splitlines()]
    assert [l["article"]["title"] for l in ledgers] == [r["title"].replace("\ude00", "\ufffd") for r in records]
    assert "\ufffd" in ledgers[1]["text"]  # one character for one: offsets still hold
    assert ledgers[3]["article"]["published"] == "0001-01-01"


def test_on_error_gets_each_failure_and_the_others_are_analyzed():
    failures = []
    items = [ArticleInput(text=FIRST), ArticleInput(text=None), ArticleInput(text=GERMAN),
             ArticleInput(text=FIRST, published=object()), ArticleInput(text=SECOND)]
    ledgers = list(analyze_many(items, on_error=lambda item, exc: failures.append(type(exc)),
                                batch_size=2))
    assert [l.text for l in ledgers] == [FIRST, SECOND]
    assert failures == [TypeError, NotEnglish, TypeError]


# --- dates and numbers at the ends of their ranges -------------------------------------------

@pytest.mark.parametrize("text, published", [
    ("Rebels attacked a village last week.", date(1, 1, 1)),
    ("Talks will resume next month.", date(9999, 12, 20)),
    ("On January 1, 0001 rebels attacked a village, and again a year earlier.", PUBLISHED),
    ("The truce ends in 9000 years, on December 31, 9999.", date(9999, 12, 1)),
])
def test_date_arithmetic_at_the_calendar_ends_gives_no_date_not_an_error(text, published):
    ledger = analyze(text, published=published)
    assert_spans_point_at_text(ledger)
    assert ledger.dates  # the expressions are still found


def test_cli_published_at_year_one(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Rebels attacked a village last week.\n", encoding="utf-8")
    result = invoke("analyze", path, "--published", "0001-01-01")
    assert result.exit_code == 0, result.stderr
    assert strict_json(result.stdout)["article"]["published"] == "0001-01-01"


def test_a_400_digit_number_is_no_error_and_no_infinity():
    ledger = analyze("Rebels killed " + "9" * 400 + " people in Goma, officials said.", published=PUBLISHED)
    data = strict_json(ledger.to_json())
    value = data["quantities"][0]["value"]  # exact to Decimal's 28 significant digits
    assert isinstance(value, int) and abs(value - int("9" * 400)) <= 10 ** 372
    assert data["events"][0]["fatalities"]["min"] == value


def test_large_integers_keep_every_digit():
    ledger = analyze("The ministry said 12345678901234567891 dollars had been lost.", published=PUBLISHED)
    assert strict_json(ledger.to_json())["quantities"][0]["value"] == 12345678901234567891


@pytest.mark.parametrize("text, day, dead", [
    ("On Sunday 14 people were killed in an attack in Goma.", "2024-03-10", 14),
    ("On Sunday 14 Congolese soldiers were killed in an attack near Goma.", "2024-03-10", 14),
])
def test_a_weekday_before_a_count_is_a_date_and_a_count(text, day, dead):
    event, = analyze(text, published=PUBLISHED).events
    assert event.date.text == "Sunday" and event.date.start.isoformat() == day
    assert event.fatalities.min == dead


def test_a_day_of_the_month_stays_a_date():
    ledger = analyze("On Sunday 10 March rebels attacked Goma.", published=PUBLISHED)
    assert [(d.text, d.start) for d in ledger.dates] == [("Sunday 10 March", date(2024, 3, 10))]


# --- where the publication date came from ----------------------------------------------------

PAGE = ("<html><head>{meta}<title>Clashes in Goma</title></head><body><header><nav><a href='/'>Home"
        "</a></nav></header><article><p>The offensive began on 5 January 2021 when rebels first "
        "attacked Goma. On Sunday, 14 people were killed in fresh clashes near the airport, "
        "residents said. The army said it had repelled the attack and that calm had returned.</p>"
        "</article><footer>Copyright 2024 Example News</footer></body></html>")


def meta(day: str) -> str:
    return f'<meta property="article:published_time" content="{day}T10:00:00Z">'


def test_no_publication_date_is_guessed_from_the_page_text():
    article = article_from_html(PAGE.format(meta=""), "page.html")
    assert article.published is None and article.published_source is None


def test_an_impossible_meta_date_is_no_date():
    assert article_from_html(PAGE.format(meta=meta("2024-02-30")), "page.html").published is None


def test_the_ledger_says_where_the_publication_date_came_from(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(PAGE.format(meta=meta("2024-03-12")), encoding="utf-8")
    article = strict_json(invoke("analyze", path).stdout)["article"]
    assert (article["published"], article["published_source"]) == ("2024-03-12", "metadata")
    article = strict_json(invoke("analyze", path, "--published", "2024-03-13").stdout)["article"]
    assert (article["published"], article["published_source"]) == ("2024-03-13", "given")
    assert analyze(FIRST).article.published_source is None


def test_a_one_paragraph_fragment_is_an_article():
    article = article_from_html(f"<p>{FIRST}</p>", "fragment.html")
    assert article.text.strip() == FIRST


# --- language --------------------------------------------------------------------------------

@pytest.mark.parametrize("text, language", [(GERMAN, "de"), (RUSSIAN, "ru"), (ARABIC, "ar")])
def test_other_languages_are_detected_and_skipped_unless_forced(text, language):
    with pytest.raises(NotEnglish) as raised:
        analyze(text)
    assert raised.value.language == language
    assert analyze(text, any_language=True).article.language == language


def test_english_is_english():
    assert analyze(FIRST).article.language == "en"
    assert analyze("On Sunday 14 people were killed.").article.language == "en"


def test_cli_skips_a_non_english_article_with_one_warning(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join(json.dumps({"text": t}) for t in (FIRST, RUSSIAN, SECOND)) + "\n",
                    encoding="utf-8")
    result = invoke("analyze", path)
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) == 2
    assert f"{path}:2: the text is in language 'ru', not English; article skipped" in result.stderr
    forced = invoke("analyze", path, "--any-language")
    assert forced.exit_code == 0
    assert [strict_json(l)["article"]["language"] for l in forced.stdout.splitlines()] == ["en", "ru", "en"]


# --- library arguments -----------------------------------------------------------------------

def test_published_may_be_a_string_or_a_datetime():
    for published in ("2024-03-12", datetime(2024, 3, 12, 17, 30)):
        ledger = analyze(FIRST, published=published)
        assert strict_json(ledger.to_json())["article"]["published"] == "2024-03-12"
        assert ledger.events[0].date.start == date(2024, 3, 10)


@pytest.mark.parametrize("text, message", [
    (None, "text must be a str, not NoneType"),
    (FIRST.encode(), "text must be a str, not bytes (decode bytes first"),
])
def test_a_text_that_is_not_a_str_is_a_clear_type_error(text, message):
    with pytest.raises(TypeError, match=message.replace("(", r"\(")):
        analyze(text)


def test_a_bad_published_value_is_a_clear_error():
    with pytest.raises(ValueError, match="invalid date 'soon'"):
        analyze(FIRST, published="soon")
    with pytest.raises(TypeError, match="published must be a date"):
        analyze(FIRST, published=20240312)


def test_newsledger_without_a_command_prints_the_usage_text():
    result = invoke()
    assert result.exit_code == 2
    assert result.stderr.startswith("Usage: ") and "[OPTIONS] COMMAND [ARGS]" in result.stderr
    assert "analyze" in result.stderr and len(result.stderr.splitlines()) > 5


# --- the HTML report -------------------------------------------------------------------------

def test_report_shows_the_cue_of_a_denial_the_sector_codes_and_the_date_source():
    from newsledger.report import render_html

    ledger = analyze("M23 denied responsibility for the attack on Goma, which killed 12 civilians.",
                     published="2024-03-12")
    page = render_html(ledger)
    claims = re.search(r'<table class="claims">.*?</table>', page, re.S).group()
    assert '<td data-label="says"><div>denied</div></td>' in claims
    assert "<dt>REB</dt><dd>rebels, armed groups fighting a government" in page
    assert "published 2024-03-12 (as given)" in page
    assert "publication date unknown" in render_html(analyze(FIRST))


def test_report_starts_with_events_claims_and_cues_highlighted_only():
    from newsledger.report import render_html

    page = render_html(analyze(FIRST, published=PUBLISHED))
    checked = re.findall(r'data-layer="(\w+)" checked', page)
    assert checked == ["event", "claim", "cue"]
    assert 'id="article" class="article hide-actor hide-place hide-date hide-quantity"' in page


# --- text that is not about conflict ---------------------------------------------------------

def test_a_figure_of_speech_is_no_event():
    assert analyze("The news hit me by surprise.", published=PUBLISHED).events == []


@pytest.mark.parametrize("text, codes", [
    ("Teachers threatened further strikes over pay.", [("THREATEN", "133")]),
    ("Nurses began a strike over wages on Monday.", [("PROTEST", "143")]),
    ("A strike by miners closed the port.", [("PROTEST", "143")]),
    ("Dock workers went on strike on Monday.", [("PROTEST", "143")]),
])
def test_a_labour_strike_is_a_protest_not_an_armed_strike(text, codes):
    events = analyze(text, published=PUBLISHED).events
    assert [(e.type, e.cameo) for e in events] == codes
    assert all(e.target is None for e in events)  # not the pay, not the strike itself


@pytest.mark.parametrize("text, trigger", [
    ("Rebels threatened further strikes on the capital.", "threatened"),
    ("An air strike hit a school in Gaza on Sunday, killing 12 people.", "strike"),
    ("Doctors said the strike hit a hospital.", "strike"),
])
def test_military_strikes_stay_events(text, trigger):
    assert [e.trigger for e in analyze(text, published=PUBLISHED).events] == [trigger]
