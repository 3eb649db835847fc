"""The HTML report in a real headless Chromium: it draws, it reacts, it runs no article script,
and it asks the network for nothing.

Needs Debian's `chromium` at /usr/bin/chromium and the `playwright` package (never `playwright
install`). Skipped without them unless NEWSLEDGER_REQUIRE_BROWSER=1, as CI sets. Screenshots go to
$NEWSLEDGER_ARTIFACTS (default: a fresh temporary folder), printed with -s.
"""
from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path

import pytest

from conftest import SHARED
from newsledger.report import render_html
from report_fixtures import HOSTILE, river_ledger

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "north-kivu-strikes.txt"
SEED = SHARED / "seed" / "000_412b146653f816a1.txt"


def _unavailable() -> str | None:
    if not CHROMIUM.exists():
        return f"{CHROMIUM} not found (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install playwright)"
    return None


@pytest.fixture(scope="module")
def browser():
    reason = _unavailable()
    if reason:
        if os.environ.get("NEWSLEDGER_REQUIRE_BROWSER") == "1":
            pytest.fail(f"NEWSLEDGER_REQUIRE_BROWSER=1 but {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def artifacts() -> Path:
    folder = Path(os.environ.get("NEWSLEDGER_ARTIFACTS") or tempfile.mkdtemp(prefix="newsledger-report-"))
    folder.mkdir(parents=True, exist_ok=True)
    print(f"\nreport screenshots: {folder}")
    return folder


class Opened:
    """A report opened from disk, with every request and script error the page made."""

    def __init__(self, browser, page_html: str, path: Path, width: int, height: int):
        path.write_text(page_html, encoding="utf-8")
        self.url = path.resolve().as_uri()
        self.context = browser.new_context(viewport={"width": width, "height": height},
                                           has_touch=width < 800, is_mobile=width < 800)
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.context.on("request", lambda request: self.requests.append(request.url))
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("console", lambda msg: self.errors.append(msg.text) if msg.type == "error" else None)
        self.page.goto(self.url, wait_until="load")

    def outside_requests(self) -> list[str]:
        return [url for url in self.requests if url != self.url]

    def close(self) -> None:
        self.context.close()


def open_report(browser, ledger, artifacts: Path, name: str, width: int = 1280, height: int = 900) -> Opened:
    return Opened(browser, render_html(ledger), artifacts / f"{name}.html", width, height)


def test_river_report_draws_reacts_and_stays_offline(browser, artifacts):
    opened = open_report(browser, river_ledger(), artifacts, "river")
    page = opened.page
    try:
        assert page.locator("#article .hl").count() > 10
        for kind in ("event", "claim", "cue", "actor", "place", "date", "quantity"):
            assert page.locator(f"#article .k-{kind}").first.is_visible(), kind
        assert page.locator("#article .k-claim.st-disputes.start").count() == 1
        assert page.locator("table.events tbody tr").count() == 3
        assert page.locator("table.claims tbody tr").count() == 4
        assert page.locator("svg.timeline .tl-event").count() == 3
        assert page.locator("svg.map .pt").count() == 2
        assert page.locator("svg.map path.land").count() > 5

        # The article's script is text on the page and never ran.
        assert HOSTILE in page.locator("#article").inner_text()
        assert page.evaluate("typeof window.pwned") == "undefined"
        assert page.locator("#article script, #article img").count() == 0

        # Clicking a highlighted place shows its resolved values.
        assert page.locator("#details").is_hidden()
        page.locator("#article .k-place", has_text="Meridian").last.click()
        details = page.locator("#details")
        assert details.is_visible()
        assert "41.32°N 19.45°E" in details.inner_text()
        assert "ASSAULT" in details.inner_text()  # the event around it is listed too
        page.screenshot(path=str(artifacts / "river-desktop-details.png"))

        # A table row selects its event; the timeline bar and its evidence light up with it.
        page.keyboard.press("Escape")
        assert details.is_hidden()
        page.locator("table.claims tbody tr").nth(1).click()
        assert "disputes" in details.inner_text() and "≈ 300 families" in details.inner_text()
        page.locator("table.events tbody tr").first.click()
        assert "CAMEO" in details.inner_text() and "195" in details.inner_text()
        assert page.locator("svg.timeline .tl-event.sel").count() == 1
        assert page.locator("#article .k-event.sel").count() >= 1

        # A layer switched off loses its styling.
        page.locator("input[data-layer=event]").uncheck()
        assert "hide-event" in page.locator("#article").get_attribute("class")

        page.keyboard.press("Escape")
        page.screenshot(path=str(artifacts / "river-desktop.png"), full_page=True)
        assert opened.errors == []
        assert opened.outside_requests() == []
    finally:
        opened.close()


def test_phone_width_stacks_the_panels_under_the_text(browser, artifacts):
    opened = open_report(browser, river_ledger(), artifacts, "river-phone", width=390, height=844)
    page = opened.page
    try:
        article = page.locator("#article").bounding_box()
        side = page.locator(".side-col").bounding_box()
        assert side["y"] >= article["y"] + article["height"]
        assert article["width"] <= 390
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.screenshot(path=str(artifacts / "river-phone.png"), full_page=True)
        page.locator("#article .k-quantity").first.tap()
        assert page.locator("#details").is_visible()
        page.screenshot(path=str(artifacts / "river-phone-details.png"))
        assert opened.errors == [] and opened.outside_requests() == []
    finally:
        opened.close()


def test_print_layout_hides_the_interactive_chrome(browser, artifacts):
    opened = open_report(browser, river_ledger(), artifacts, "river-print")
    page = opened.page
    try:
        page.locator("#article .k-date").first.click()
        page.emulate_media(media="print")
        assert page.locator(".layers").is_hidden() and page.locator("#details").is_hidden()
        assert page.locator("table.events").is_visible()
        assert page.locator("#article .hl.sel").count() >= 1
        assert page.evaluate("getComputedStyle(document.querySelector('#article .hl.sel')).outlineStyle") == "none"
        page.screenshot(path=str(artifacts / "river-print.png"), full_page=True)
    finally:
        opened.close()


@pytest.mark.parametrize("name, source, published", [
    ("example", EXAMPLE, date(2024, 3, 12)),
    ("seed", SEED, date(2024, 1, 9)),
])
def test_analyzed_article_report(browser, artifacts, analyze_text, name, source, published):
    if not source.exists():
        pytest.skip(f"{source} not found")
    text = source.read_text(encoding="utf-8")
    ledger = analyze_text(text, published=published)
    opened = open_report(browser, ledger, artifacts, name)
    page = opened.page
    try:
        assert page.locator("#article").inner_text().split() == text.split()
        highlights = page.locator("#article .hl")
        assert highlights.count() > 0
        assert page.locator("svg.map").is_visible() and page.locator("h2", has_text="Timeline").is_visible()
        highlights.first.click()
        assert page.locator("#details").is_visible()
        assert page.locator("#details .card h3").first.inner_text().strip() != ""
        page.keyboard.press("Escape")
        page.screenshot(path=str(artifacts / f"{name}-desktop.png"), full_page=True)
        page.set_viewport_size({"width": 390, "height": 844})
        page.screenshot(path=str(artifacts / f"{name}-phone.png"), full_page=True)
        assert opened.errors == [] and opened.outside_requests() == []
    finally:
        opened.close()
