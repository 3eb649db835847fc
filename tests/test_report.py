"""The HTML report: nesting of highlights, escaping, tables, timeline, map, bundled outline."""
from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from datetime import date, timedelta
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SHARED
from newsledger.ledger import Article, DateRef, Ledger, Quantity, Span
from newsledger.report import build_outline, describe, render_html, script_json
from newsledger.report.annotate import annotate
from newsledger.report.charts import MapPoint, place_labels, ticks, timeline_svg, view_box, world
from newsledger.report.highlight import Layer, highlight
from report_fixtures import HOSTILE, river_ledger

SEED = SHARED / "seed" / "000_412b146653f816a1.txt"
VOID = {"meta", "br", "input", "img", "link", "hr"}


class Coverage(HTMLParser):
    """Reads highlighted HTML back: the plain text, and which layer keys cover each character."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str | None] = []
        self.text: list[str] = []
        self.covering: list[frozenset[str]] = []

    def handle_starttag(self, tag, attrs):
        assert tag == "span", tag
        self.stack.append(dict(attrs).get("data-a"))

    def handle_endtag(self, tag):
        assert tag == "span" and self.stack, "unbalanced </span>"
        self.stack.pop()

    def handle_data(self, data):
        keys = frozenset(k for k in self.stack if k)
        self.text.append(data)
        self.covering.extend([keys] * len(data))


def read_back(markup: str) -> Coverage:
    parser = Coverage()
    parser.feed(markup)
    parser.close()
    assert parser.stack == [], "unclosed span"
    return parser


def article_markup(page: str) -> str:
    return re.split(r'<div id="article" class="article[^"]*">', page, maxsplit=1)[1].split("</div>\n</section>", 1)[0]


def expected_cover(layers: list[Layer], length: int) -> list[frozenset[str]]:
    return [frozenset(l.key for l in layers if l.start <= i < l.end) for i in range(length)]


# --- highlighting -----------------------------------------------------------------------------

def test_crossing_and_nested_spans_become_well_nested_markup():
    text = "The army shelled Kaya town on Friday."
    layers = [Layer("e", "event", 4, 26), Layer("c", "claim", 9, 36), Layer("a", "actor", 4, 8),
              Layer("p", "place", 17, 21), Layer("d", "date", 27, 36), Layer("q", "quantity", 17, 26)]
    markup = highlight(text, layers)
    back = read_back(markup)
    assert "".join(back.text) == text
    assert back.covering == expected_cover(layers, len(text))
    # The crossing claim is split where the event closes, and only there.
    assert markup.count('data-a="c"') == 2
    assert markup.count('data-a="e"') == 1


def test_first_piece_of_a_span_is_marked_as_its_start():
    markup = highlight("abcdef", [Layer("x", "event", 0, 4), Layer("y", "claim", 2, 6)])
    assert markup.count(" start") == 2
    assert re.search(r'class="hl k-claim"[^>]*data-a="y"', markup)  # the continuation is not a start


def test_spans_outside_the_text_are_dropped():
    markup = highlight("short", [Layer("bad", "event", 3, 99), Layer("empty", "date", 2, 2), Layer("ok", "date", 0, 5)])
    assert 'data-a="bad"' not in markup and 'data-a="empty"' not in markup
    assert 'data-a="ok"' in markup


@st.composite
def texts_with_layers(draw):
    text = draw(st.text(alphabet=st.sampled_from("ab <>&\"'\n\u00a0é"), min_size=1, max_size=40))
    kinds = sorted({"event", "claim", "cue", "actor", "place", "date", "quantity"})
    layers = []
    for n in range(draw(st.integers(0, 8))):
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, len(text)))
        layers.append(Layer(f"k{n}", draw(st.sampled_from(kinds)), start, end))
    return text, layers


@settings(max_examples=200, deadline=None)
@given(texts_with_layers())
def test_highlighting_keeps_the_text_and_covers_exactly_the_spans(case):
    text, layers = case
    back = read_back(highlight(text, layers))
    assert "".join(back.text) == text
    assert back.covering == expected_cover(layers, len(text))


@settings(max_examples=200, deadline=None)
@given(st.recursive(st.text() | st.integers() | st.none(),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
                    max_leaves=12))
def test_script_json_cannot_close_a_script_and_reads_back(value):
    raw = script_json(value)
    assert "<" not in raw and ">" not in raw and "&" not in raw
    assert json.loads(raw) == value


# --- the whole page ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def river_page() -> str:
    return render_html(river_ledger())


def test_article_text_reads_back_exactly(river_page):
    ledger = river_ledger()
    back = read_back(article_markup(river_page))
    assert "".join(back.text) == ledger.text


def test_every_layer_kind_is_highlighted(river_page):
    for kind in ("event", "claim", "cue", "actor", "place", "date", "quantity"):
        assert f"k-{kind}" in river_page, kind
    assert 'data-label="ASSAULT"' in river_page and "t-ASSAULT" in river_page
    assert re.search(r'class="hl k-claim cc-\d st-disputes start"', river_page)
    assert "cc-author" in river_page  # the article's own voice


def test_evidence_of_an_event_is_selected_together_and_cards_carry_resolved_values(river_page):
    ledger = river_ledger()
    data = json.loads(html.unescape(re.search(r'id="ledger-data">(.*?)</script>', river_page).group(1)))
    event_card = data["cards"]["e0"]
    rows = dict(event_card["rows"])
    assert rows["CAMEO"] == "195" and rows["Goldstein"] == "-10" and rows["Status"] == "asserted"
    assert rows["Coordinates"] == "41.32°N 19.45°E" and rows["Fatalities"] == "≥ 14"
    assert rows["Date"] == "2024-03-10"
    titles = [card["title"] for card in data["cards"].values()]
    assert "stance cue of cl2 (disputes): “contradicts”" in titles
    assert "source of ev1: regional health office" in titles
    claim_rows = dict(data["cards"]["c1"]["rows"])
    assert claim_rows["Stance"] == "disputes" and claim_rows["Check-worthy"] == "0.91"
    assert claim_rows["Number"] == "≈ 300 families"
    evidence = ledger.events[0].evidence[0]
    back = read_back(article_markup(river_page))
    assert all("e0" in back.covering[i] for i in range(evidence.start, evidence.end))


def test_tables_timeline_and_map_list_every_record(river_page):
    events_table = river_page.split('<table class="events">', 1)[1].split("</table>", 1)[0]
    claims_table = river_page.split('<table class="claims">', 1)[1].split("</table>", 1)[0]
    assert events_table.count("<tr data-a=") == 3 and claims_table.count("<tr data-a=") == 4
    assert "Coastal Front (REB) → fuel depot workers (CVL)" in events_table
    assert "2024-03-04</span> – <span" in events_table
    assert river_page.count('class="tl-event"') == 3
    assert river_page.count('<g class="pt"') == 2
    assert "Port Meridian: ev1" in river_page


def test_hostile_article_text_stays_text(river_page):
    assert HOSTILE not in river_page
    assert html.escape(HOSTILE) in river_page
    assert river_page.count("<script") == 2 and river_page.count("</script>") == 2
    assert "<img" not in river_page and "<!--" not in river_page
    back = read_back(article_markup(river_page))
    assert HOSTILE in "".join(back.text)


def test_page_loads_nothing_from_outside_and_only_its_own_script_may_run(river_page):
    assert not re.search(r"<(?:script|link|img|iframe|object|embed|source)\b[^>]*\b(?:src|href)=", river_page)
    assert "url(" not in river_page.split("<style>", 1)[1].split("</style>", 1)[0]
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', river_page).group(1)
    assert "default-src 'none'" in csp
    script = re.search(r"<script>(.*?)</script>", river_page, re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in csp


def test_a_ledger_read_back_from_json_renders_the_same_page(river_page):
    assert render_html(Ledger.from_json(river_ledger().to_json())) == river_page


def test_only_web_links_become_links():
    ledger = river_ledger()
    ledger.article.url = "javascript:alert(1)"
    page = render_html(ledger)
    assert 'href="javascript' not in page and "javascript:alert(1)" in page


def test_an_article_with_nothing_extracted_still_renders():
    text = "Nothing happened here today."
    page = render_html(Ledger(text=text, article=Article(id=Article.id_for(text))))
    assert "No events extracted." in page and "No claims extracted." in page
    assert "".join(read_back(article_markup(page)).text) == text
    assert '<svg class="map"' in page


def test_analyzed_article_renders_with_its_mentions(analyze_text):
    text = ("Rebels attacked an army post in Goma on Monday, killing 12 soldiers, "
            "the Congolese army said. The M23 rebels denied the claim.\n")
    ledger = analyze_text(text)
    assert ledger.entities
    page = render_html(ledger)
    back = read_back(article_markup(page))
    assert "".join(back.text) == text
    covered = {key for keys in back.covering for key in keys}
    assert len(covered) >= len({(e.span.start, e.span.end) for e in ledger.entities})


def test_seed_article_report():
    if not SEED.exists():
        pytest.skip(f"seed article not found at {SEED}")
    from newsledger import analyze
    text = SEED.read_text(encoding="utf-8")
    ledger = analyze(text, published=date(2024, 1, 9))
    page = render_html(ledger)
    back = read_back(article_markup(page))
    assert "".join(back.text) == text
    assert page.count('class="hl ') > 0
    assert '<svg class="map"' in page and "<figure" in page


# --- timeline and map -------------------------------------------------------------------------

@settings(max_examples=200, deadline=None)
@given(st.dates(date(1990, 1, 1), date(2040, 1, 1)), st.integers(1, 20000))
def test_timeline_ticks_are_few_ordered_and_inside_the_range(lo, days):
    hi = lo + timedelta(days=days)
    tick_dates, _ = ticks(lo, hi)
    assert tick_dates == sorted(tick_dates)
    assert all(lo <= t <= hi for t in tick_dates)
    assert 1 <= len(tick_dates) <= 8


def test_map_frames_the_places_with_margin():
    points = [MapPoint(36.29, 33.51, "Damascus", "k1"), MapPoint(34.47, 31.5, "Gaza", "k2")]
    west, south, east, north = view_box(points, [])
    assert west < 34.47 - 1 and east > 36.29 + 1 and south < 31.5 - 1 and north > 33.51 + 1
    assert east - west < 40  # zoomed in, not the whole world


def test_map_without_places_frames_the_named_countries_or_the_world():
    syria = [c for c in world() if c.iso3 == "SYR"]
    west, south, east, north = view_box([], syria)
    assert 25 < west < 36 and 42 < east < 55
    assert view_box([], []) == (-180.0, -60.0, 180.0, 84.0)


def test_bundled_outline_is_small_and_complete():
    from importlib import resources
    asset = resources.files("newsledger.report").joinpath("assets/world-110m.json")
    assert len(asset.read_bytes()) <= 200_000
    countries = world()
    codes = {c.iso3 for c in countries}
    assert len(countries) >= 170 and {"SYR", "ISR", "UKR", "COD", "YEM", "USA", "RUS"} <= codes
    for country in countries:
        west, south, east, north = country.bbox
        assert -180 <= west <= east <= 180 and -90 <= south <= north <= 90


@st.composite
def map_scenes(draw):
    frame = (0.0, 0.0, 100.0, 60.0)
    points = draw(st.lists(st.tuples(st.floats(0, 100), st.floats(0, 60),
                                     st.text(alphabet="abc :,", min_size=1, max_size=20)), max_size=12))
    return frame, points


@settings(max_examples=200, deadline=None)
@given(map_scenes())
def test_map_labels_never_overlap_each_other_or_leave_the_frame(scene):
    frame, points = scene
    font, gap = 2.6, 1.2
    boxes = []
    for (x, y, text), label in zip(points, place_labels(points, font, gap, frame)):
        if label is None:
            continue
        tx, ty, anchor = label
        width = 0.6 * font * len(text)
        left = {"start": tx, "end": tx - width, "middle": tx - width / 2}[anchor]
        box = (left, ty - font * 0.8, left + width, ty + font * 0.2)
        assert frame[0] <= box[0] and box[2] <= frame[2] and frame[1] <= box[1] and box[3] <= frame[3]
        assert not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in boxes)
        boxes.append(box)


def test_numbers_bounds_and_intervals_read_naturally():
    assert describe.bounds(8000, 9000) == "8,000–9,000"
    assert describe.bounds(1000, None) == "≥ 1,000" and describe.bounds(None, 1500) == "≤ 1,500"
    assert describe.number(2.5) == "2.5" and describe.number(70.0) == "70"
    span = Span(0, 6)
    assert describe.quantity(Quantity("dozens", span, low=24, approx=True, unit="people")) == "≥ 24 (approx.) people"
    assert describe.quantity(Quantity("some 1,500", span, value=1500, approx=True)) == "≈ 1,500"
    assert describe.interval(date(2024, 1, 9), date(2024, 1, 9)) == "2024-01-09"
    assert describe.interval(None, None) == "unresolved"
    assert describe.interval(None, date(2024, 1, 9)) == "until 2024-01-09"


def test_timeline_shows_open_intervals_and_counts_undated_events():
    ledger = river_ledger()
    ledger.events[1].date = DateRef(text="by Monday", start=None, end=date(2024, 3, 11))
    ledger.events[2].date = None
    svg = timeline_svg(ledger, annotate(ledger))
    assert svg.count('class="tl-event"') == 2
    assert "ev2 MOBILIZE · civilians: until 2024-03-11" in svg
    assert "1 event(s) without a resolved date" in svg


def test_outline_builder_decodes_shared_and_reversed_arcs():
    # Two unit squares side by side sharing the arc x=1; quantized in steps of 1 degree.
    topology = {
        "transform": {"scale": [1, 1], "translate": [10, 20]},
        "arcs": [
            [[1, 0], [0, 1]],                    # shared edge, (11,20) -> (11,21)
            [[1, 1], [-1, 0], [0, -1], [1, 0]],  # west square's other edges, (11,21) -> (11,20)
            [[1, 0], [1, 0], [0, 1], [-1, 0]],   # east square's other edges, (11,20) -> (11,21)
        ],
        "objects": {"countries": {"geometries": [
            {"type": "Polygon", "arcs": [[0, 1]], "id": "760", "properties": {"name": "West"}},
            {"type": "Polygon", "arcs": [[2, ~0]], "id": "376", "properties": {"name": "East"}},
        ]}},
    }
    west, east = build_outline.build(topology)["countries"]
    assert (west["iso3"], east["iso3"]) == ("SYR", "ISR")
    assert west["rings"] == [[110, 200, 110, 210, 100, 210, 100, 200, 110, 200]]
    assert east["rings"] == [[110, 200, 120, 200, 120, 210, 110, 210, 110, 200]]
