"""Hypothesis strategies for fuzzing: what real pipelines feed the analyzer, at its worst.

News-like fragments with numbers, dates, quotes and awkward unicode (lone surrogates, RTL marks,
combining marks, zero-width characters), extreme publication dates, huge numbers, HTML pages and
JSONL lines. Used by tests/test_fuzz.py (a short run in CI) and bench/fuzz.py (the long run), and
`check_ledger` is the property both assert: valid JSON whose every span points into its text.
"""
from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone

from hypothesis import strategies as st

from newsledger import ArticleInput, analyze_many
from newsledger.ledger import Ledger
from newsledger.read import ReadError, article_from_html, article_from_record

FRAGMENTS = [
    "Rebels attacked a village near Goma", "Government forces shelled the town", "on Sunday",
    "killing", "at least", "people", "civilians", "soldiers were killed", "residents said",
    "the army said in a statement", "M23 denied responsibility", "according to the ministry",
    "The United Nations said", "an air strike hit a market in Khan Younis", "wounded",
    "Teachers threatened further strikes over pay", "The news hit me by surprise",
    "two days later", "last week", "next month", "in early March", "between October 7 and",
    "since 2006", "the 2023-24 season", "a 10-year-old boy", "Resolution 2334", "3 p.m.",
    "Al-Shabaab fighters stormed a hotel in Mogadishu", "drones struck Kharkiv overnight",
    "he said", "she told reporters", "claimed", "\"We will respond,\" a spokesman said",
    "\u201cThey fired on us,\u201d a witness said", "(Reuters) -", "GOMA, March 12 -",
    "the death toll rose to", "dozens", "hundreds of", "more than 1,500", "up to 2 million",
    "90% of the missiles", "$5bn", "one", "No one was hurt", "It was not clear who fired first",
    "Sunday 14", "On March 14 soldiers", "On January 1, 0001", "in the year 9999", "On 31/12/9999",
]
ODD_CHARACTERS = [
    "\ud83d", "\ude00", "\ud83d\ude00", "\u202e", "\u202b", "\u200f", "\u200b", "\u200d", "\ufeff",
    "\u0301", "\u0301\u0301\u0301", "\u00a0", "\u2019", "\u201c", "\u2014", "\u2026", "\t", "\r",
    "\x0b", "\x0c", "\u2028", "\u2029", "\U0001f600", "\uffff", "\ufffd",
    "\u0645\u0631\u062d\u0628\u0627", "\u05e9\u05dc\u05d5\u05dd", "\u041a\u0438\u0435\u0432",
    "\u5317\u4eac", "e\u0301", "\uff11\uff12", "\u0661\u0662\u0663", "\u00b2", "\u2155",
]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
EXTREME_DAYS = [date.min, date.max, date(1, 1, 1), date(9999, 12, 31), date(1970, 1, 1),
                date(2000, 2, 29), date(9999, 12, 1), date(1, 12, 31)]

huge_numbers = st.one_of(
    st.integers(min_value=0, max_value=10**6),
    st.integers(min_value=10**15, max_value=10**40),
    st.integers(min_value=1, max_value=9).map(lambda d: str(d) * 400),
    st.integers(min_value=0, max_value=10**9).map(lambda n: f"{n:,}"),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(["1e308", "1e400", "1.5 million", "2 to 3 million", "10k", "5bn", "2\u20133",
                     "0600", "-7", "1/2", "99.99%", "1,000,000,000,000,000,000,000 people"]),
).map(str)

date_phrases = st.one_of(
    st.dates().map(lambda d: f"{MONTHS[d.month - 1]} {d.day}, {d.year:04d}"),
    st.dates().map(lambda d: f"{d.day} {MONTHS[d.month - 1]} {d.year}"),
    st.dates().map(date.isoformat),
    st.tuples(st.sampled_from(WEEKDAYS), st.integers(0, 99)).map(lambda t: f"On {t[0]} {t[1]}"),
    st.tuples(st.sampled_from(MONTHS), st.integers(0, 99)).map(lambda t: f"{t[0]} {t[1]}"),
    st.integers(0, 10**6).map(lambda n: f"{n} years ago"),
    st.integers(0, 10**6).map(lambda n: f"in {n} days"),
    st.sampled_from(["next year", "last month", "the decade", "the 1990s", "this summer",
                     "yesterday", "the next day", "two years later", "31/02/2024", "00/00/0000"]),
)

pieces = st.one_of(
    st.sampled_from(FRAGMENTS), st.sampled_from(FRAGMENTS), st.sampled_from(FRAGMENTS),
    huge_numbers, date_phrases, st.sampled_from(ODD_CHARACTERS),
    st.text(max_size=12),
)
separators = st.sampled_from([" ", " ", " ", ", ", ". ", "\n", "\n\n", "", " - ", ": "])

texts = st.lists(st.tuples(pieces, separators), max_size=24).map(
    lambda parts: "".join(p + s for p, s in parts))

published_values = st.one_of(
    st.none(), st.dates(), st.sampled_from(EXTREME_DAYS),
    st.datetimes(timezones=st.sampled_from([None, timezone.utc, timezone(timedelta(hours=14))])),
)

articles = st.builds(ArticleInput, text=texts, published=published_values,
                     title=st.one_of(st.none(), st.text(max_size=20)))

published_strings = st.one_of(
    st.sampled_from(["0001-01-01T00:00:00Z", "9999-12-31", "9999-12-31T23:59:59+14:00",
                     "2024-02-30", "2024-13-01", "", " ", "yesterday", "2024-03-12",
                     "2024-03-12T10:00:00.123456-05:00"]),
    st.dates().map(date.isoformat), st.text(max_size=12),
)
record_values = st.one_of(st.none(), texts, st.integers(), st.booleans(), st.lists(st.integers(), max_size=2))


@st.composite
def jsonl_lines(draw) -> bytes:
    """One JSONL line as a scraper or another tool writes it, well-formed or not."""
    record = {}
    for key in draw(st.lists(st.sampled_from(["text", "html", "title", "url", "outlet",
                                              "published", "extra"]), max_size=5, unique=True)):
        if key == "published":
            record[key] = draw(st.one_of(published_strings, record_values))
        elif key == "html":
            record[key] = draw(html_pages())
        else:
            record[key] = draw(record_values)
    line = json.dumps(record, ensure_ascii=draw(st.booleans()))
    shape = draw(st.sampled_from(["as is", "as is", "as is", "cut", "array", "bytes"]))
    if shape == "cut":
        line = line[:draw(st.integers(0, max(0, len(line) - 1)))]
    elif shape == "array":
        line = f"[{line}]"
    raw = line.encode("utf-8", "surrogatepass")
    if shape == "bytes":
        raw += draw(st.binary(max_size=8))
    return raw


@st.composite
def html_pages(draw) -> str:
    """An HTML page or fragment: maybe a date tag (sane, impossible or extreme), then text."""
    body = draw(texts)
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n") if p) or body
    meta = draw(st.one_of(st.just(""), published_strings.map(
        lambda d: f'<meta property="article:published_time" content="{d}">')))
    shape = draw(st.sampled_from(["page", "fragment", "broken"]))
    if shape == "fragment":
        return paragraphs
    if shape == "broken":
        return f"<html><head>{meta}<title>{body[:20]}</title><body><article>{paragraphs}"
    return (f"<!DOCTYPE html><html><head>{meta}<title>{body[:20]}</title></head><body><nav>Home"
            f"</nav><article>{paragraphs}</article><footer>Copyright 2024</footer></body></html>")


def strict_json(raw: str):
    """json.loads that refuses Infinity and NaN, which are not JSON."""
    def refuse(name):
        raise ValueError(f"{name} is not JSON")
    return json.loads(raw, parse_constant=refuse)


def ledger_problems(ledger: Ledger) -> list[str]:
    """What is wrong with a ledger: not JSON, not round-tripping, or a span that leaves its text
    or does not hold the words recorded with it. Empty when it is valid."""
    try:
        raw = ledger.to_json()
        raw.encode("utf-8")
        data = strict_json(raw)
        if Ledger.from_json(raw).to_json() != raw:
            return ["the ledger does not survive a JSON round trip"]
    except (ValueError, TypeError, UnicodeError) as exc:
        return [f"not valid JSON: {type(exc).__name__}: {exc}"]
    text, problems = data["text"], []

    def walk(value, path):
        if isinstance(value, dict):
            start, end = value.get("start"), value.get("end")
            if isinstance(start, int) and isinstance(end, int) and not isinstance(start, bool):
                if not 0 <= start <= end <= len(text):
                    problems.append(f"{path}: span {start}-{end} outside a text of {len(text)}")
                elif isinstance(value.get("text"), str) and text[start:end] != value["text"]:
                    problems.append(f"{path}: {value['text']!r} != text[{start}:{end}] "
                                    f"{text[start:end]!r}")
            span = value.get("span")
            if isinstance(span, dict) and isinstance(value.get("text"), str) \
                    and isinstance(span.get("start"), int) and isinstance(span.get("end"), int) \
                    and 0 <= span["start"] <= span["end"] <= len(text) \
                    and text[span["start"]:span["end"]] != value["text"]:
                problems.append(f"{path}: {value['text']!r} != its span's "
                                f"{text[span['start']:span['end']]!r}")
            for key, item in value.items():
                walk(item, f"{path}.{key}")
        elif isinstance(value, list):
            for number, item in enumerate(value):
                walk(item, f"{path}[{number}]")
    walk({key: value for key, value in data.items() if key != "text"}, "ledger")
    return problems


def valid_input(item: ArticleInput) -> bool:
    """Whether the analyzer must take this article without complaint (a str text, a date)."""
    return isinstance(item.text, str) and (item.published is None
                                           or isinstance(item.published, (date, datetime)))


def fuzz_batch(articles: list[ArticleInput], lines: list[bytes], pages: list[str]) -> tuple[int, list[str]]:
    """Read the JSONL lines and HTML pages, analyze them with the articles in one analyze_many
    batch; (inputs tried, one line per crash, invalid ledger or lost article)."""
    failures: list[str] = []
    inputs = list(articles)
    for raw in lines:
        try:
            inputs.append(article_from_record(raw, "fuzz.jsonl:1"))
        except ReadError:
            pass
        except Exception as exc:  # noqa: BLE001  (a crash is what we are looking for)
            failures.append(f"crash: JSONL reader on {raw!r}: {type(exc).__name__}: {exc}")
    for html in pages:
        try:
            inputs.append(article_from_html(html, "fuzz.html"))
        except ReadError:
            pass
        except Exception as exc:  # noqa: BLE001
            failures.append(f"crash: HTML reader on {html!r}: {type(exc).__name__}: {exc}")

    def on_error(item: ArticleInput, exc: Exception) -> None:
        if valid_input(item) or not isinstance(exc, (TypeError, ValueError)):
            failures.append(f"crash: analysis of {item!r}: {type(exc).__name__}: {exc}")

    analyzed = 0
    try:
        for ledger in analyze_many(inputs, on_error=on_error, any_language=True):
            analyzed += 1
            failures.extend(f"invalid ledger for {ledger.text!r}: {problem}"
                            for problem in ledger_problems(ledger))
    except Exception as exc:  # noqa: BLE001
        failures.append(f"crash: analyze_many itself: {type(exc).__name__}: {exc}")
    expected = sum(1 for item in inputs if valid_input(item))
    if analyzed < expected and not failures:
        failures.append(f"lost: {expected - analyzed} of {expected} good articles gave no ledger")
    return len(articles) + len(lines) + len(pages), failures
