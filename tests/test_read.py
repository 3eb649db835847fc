"""Readers: encodings, binary refusal, format detection, HTML metadata, JSONL batches, stdin."""
from __future__ import annotations

import io
import json
import sys
from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given, strategies as st

from newsledger.read import (
    ReadError, article_from_html, decode, detect_format, parse_published, read,
)

REPORT = ("The ministry\u2019s spokesman said \u201cat least 40\u201d people died in Kh\u00e1n "
          "Y\u00fanis on Tuesday \u2014 a caf\u00e9 was hit at 5\u00a0p.m., the army said.\n")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be",
                                      "utf-32", "cp1252"])
def test_decode_detects_common_encodings(encoding):
    assert decode(REPORT.encode(encoding), "a.txt") == REPORT
    if encoding in ("utf-16-le", "utf-16-be"):  # with a byte-order mark too
        assert decode(("\ufeff" + REPORT).encode(encoding), "a.txt") == REPORT


def test_decode_reads_latin1_west_european_text():
    text = "Caf\u00e9 owners in Sa\u00efda fled after an \u00e9lite unit struck at 5\u00a0p.m., the army said."
    assert decode(text.encode("latin-1"), "a.txt") == text


def test_decode_reads_cyrillic_code_page():
    text = ("\u0412\u043e\u0435\u043d\u043d\u044b\u0435 \u0437\u0430\u044f\u0432\u0438\u043b\u0438, "
            "\u0447\u0442\u043e \u0443\u0434\u0430\u0440 \u0431\u044b\u043b \u043d\u0430\u043d\u0435\u0441\u0435\u043d "
            "\u043f\u043e \u0433\u043e\u0440\u043e\u0434\u0443 \u0432\u0447\u0435\u0440\u0430 "
            "\u0432\u0435\u0447\u0435\u0440\u043e\u043c.")
    assert decode(text.encode("cp1251"), "a.txt") == text


def test_decode_drops_bom_keeps_nbsp_and_unifies_line_ends():
    data = "\ufeffFirst line\u00a0here.\r\nSecond line.\rThird.".encode("utf-8")
    assert decode(data, "a.txt") == "First line\u00a0here.\nSecond line.\nThird."


_ARTICLE_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("\n\t"),
    min_size=1).filter(lambda t: not t.startswith("\ufeff"))


@given(_ARTICLE_TEXT, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]))
def test_decode_round_trips_any_text_in_a_unicode_encoding(text, encoding):
    assert decode(text.encode(encoding), "a.txt") == text


@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
    b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + bytes(range(256)) * 4,
    b"ELF\x00\x01\x02" * 50,
    b"header\x01\x02\x03\x04\x05\x06\x07\x08 some words" * 20,
])
def test_decode_refuses_binary_input(data):
    with pytest.raises(ReadError, match=r"^notes\.pdf: binary input, not text$"):
        decode(data, "notes.pdf")


@given(st.dates(min_value=date(1000, 1, 1)), st.times(), st.sampled_from([None, timezone.utc, timezone(timedelta(hours=-5))]))
def test_parse_published_takes_the_day_of_any_iso_timestamp(day, time, tz):
    assert parse_published(day.isoformat()) == day
    stamp = datetime.combine(day, time, tzinfo=tz)
    assert parse_published(stamp.isoformat()) == day
    assert parse_published(stamp.strftime("%Y-%m-%dT%H:%M:%S") + ("Z" if tz is timezone.utc else "")) == day


@pytest.mark.parametrize("value", ["", "yesterday", "2024-02-30", "12/03/2024", "2024-3"])
def test_parse_published_rejects_non_dates(value):
    with pytest.raises(ValueError, match="expected YYYY-MM-DD"):
        parse_published(value)


@pytest.mark.parametrize("name, head, expected", [
    ("a.txt", b"{\"text\": \"x\"}", "text"),          # the extension wins
    ("a.HTM", b"plain words", "html"),
    ("a.ndjson", b"", "jsonl"),
    ("-", b"\xef\xbb\xbf{\"text\": \"x\", \"url\": null}\n{", "jsonl"),
    ("-", b"  <!DOCTYPE html><html><body><p>x</p>", "html"),
    ("download", b"<div>nav</div><body><p>Shelling resumed.</p></body>", "html"),
    ("-", b"{not json at all} said the sign.", "text"),
    ("-", b'{"text": "' + b"a long first line " * 300, "jsonl"),
    ("-", b"{}\n", "jsonl"),
    ("-", b"Rebels shelled the town.", "text"),
])
def test_detect_format_by_extension_then_content(name, head, expected):
    assert detect_format(name, head) == expected


PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Ceasefire collapses in border town | Valley Courier</title>
<meta property="og:title" content="Ceasefire collapses in border town">
<meta property="og:site_name" content="Valley Courier">
<meta property="article:published_time" content="2023-11-05T06:15:00+01:00">
<link rel="canonical" href="https://courier.example.net/2023/11/05/ceasefire">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/login">Sign in</a></nav>
<article><h1>Ceasefire collapses in border town</h1>
<p>Heavy machine-gun fire broke a week-old truce in the border town on Saturday, residents said,
and at least four people were wounded when mortar rounds hit a school used as a shelter.</p>
<p>The interior ministry accused militia fighters of opening fire first. A militia commander
told reporters by telephone that his men had only answered an attack by army units.</p>
</article>
<footer>Copyright Valley Courier. All rights reserved.</footer></body></html>"""


def test_html_reader_takes_main_text_and_page_metadata():
    article = article_from_html(PAGE, "page.html")
    assert "mortar rounds hit a school" in article.text
    assert "answered an attack by army units" in article.text
    assert "Sign in" not in article.text and "All rights reserved" not in article.text
    assert article.title == "Ceasefire collapses in border town"
    assert article.outlet == "Valley Courier"
    assert article.url == "https://courier.example.net/2023/11/05/ceasefire"
    assert article.published == date(2023, 11, 5)


@pytest.mark.parametrize("html", ["<html><head><title>Empty</title></head><body></body></html>",
                                  "<<<>>> </p></div>", "   "])
def test_html_reader_refuses_pages_without_text(html):
    with pytest.raises(ReadError, match=r"^page\.html: (no article text found in the HTML|empty input)"):
        article_from_html(html, "page.html")


def _jsonl(tmp_path, lines):
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_jsonl_reader_streams_records_with_metadata(tmp_path):
    path = _jsonl(tmp_path, [
        json.dumps({"text": "Gunmen killed 3 villagers.", "title": "Raid", "url": "https://x.example/1",
                    "outlet": "Wire", "published": "2024-01-09T07:00:00Z"}),
        "",
        json.dumps({"html": PAGE, "outlet": "Courier (print edition)"}),
    ])
    reading = read(path)
    assert reading.format == "jsonl"
    first, second = list(reading.articles)
    assert (first.text, first.title, first.url, first.outlet, first.published) == (
        "Gunmen killed 3 villagers.", "Raid", "https://x.example/1", "Wire", date(2024, 1, 9))
    assert "mortar rounds" in second.text
    assert second.outlet == "Courier (print edition)"  # the record overrides the page
    assert second.published == date(2023, 11, 5)


def test_jsonl_reader_reports_bad_lines_by_number_and_keeps_the_rest(tmp_path):
    path = _jsonl(tmp_path, [
        json.dumps({"text": "Troops withdrew from the ridge."}),
        "{\"text\": \"unterminated",
        json.dumps(["not", "an", "object"]),
        json.dumps({"title": "no text"}),
        json.dumps({"text": "Protesters marched.", "published": "last week"}),
        json.dumps({"text": 42}),
        json.dumps({"text": "   "}),
        json.dumps({"text": "Police detained 12 protesters."}),
    ])
    skipped = []
    texts = [a.text for a in read(path, on_skip=skipped.append).articles]
    assert texts == ["Troops withdrew from the ridge.", "Police detained 12 protesters."]
    assert [str(e).split(": ", 1)[0] for e in skipped] == [f"{path}:{n}" for n in (2, 3, 4, 5, 6, 7)]
    assert "malformed JSON" in str(skipped[0])
    assert "'published'" in str(skipped[3])


def test_jsonl_reader_raises_on_a_bad_line_without_a_handler(tmp_path):
    path = _jsonl(tmp_path, [json.dumps({"text": "ok"}), "nope"])
    with pytest.raises(ReadError, match=r"batch\.jsonl:2: malformed JSON"):
        list(read(path).articles)


def test_jsonl_reader_skips_a_number_python_cannot_convert(tmp_path):
    """Valid JSON syntax that json.loads still refuses (an integer past Python's digit limit)
    is a bad line like any other, not a crash."""
    path = _jsonl(tmp_path, ['{"text": "Shelling hit the port.", "id": ' + "7" * 5000 + "}",
                             json.dumps({"text": "Police detained 12 protesters."})])
    skipped = []
    texts = [a.text for a in read(path, on_skip=skipped.append).articles]
    assert texts == ["Police detained 12 protesters."]
    assert str(skipped[0]).startswith(f"{path}:1: malformed JSON")


def test_size_limit_applies_to_whole_text_and_to_each_jsonl_line(tmp_path):
    text = tmp_path / "long.txt"
    text.write_text("word " * 100, encoding="utf-8")
    assert read(text, max_bytes=500).articles
    with pytest.raises(ReadError, match=r"long\.txt: input is over the 499-byte limit"):
        read(text, max_bytes=499)
    batch = _jsonl(tmp_path, [json.dumps({"text": "short"}), json.dumps({"text": "x" * 600})])
    skipped = []
    assert [a.text for a in read(batch, max_bytes=500, on_skip=skipped.append).articles] == ["short"]
    assert "batch.jsonl:2: line is over the 500-byte limit" in str(skipped[0])


def test_reads_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(REPORT.encode("utf-16"))))
    reading = read("-")
    assert (reading.name, reading.format) == ("<stdin>", "text")
    assert [a.text for a in reading.articles] == [REPORT]


def test_missing_file_and_directory_are_named(tmp_path):
    with pytest.raises(ReadError, match=r"nothing\.txt: no such file$"):
        read(tmp_path / "nothing.txt")
    with pytest.raises(ReadError, match=r": is a directory, not a file$"):
        read(tmp_path)


def test_a_stray_control_character_is_not_binary():
    text = "Shelling resumed at dawn.\x1b Residents fled towards the river, the mayor said."
    assert decode(text.encode("utf-8"), "a.txt") == text
