"""`newsledger serve` in a real process, driven by Debian's chromium through Playwright: each page
draws with data, filters change what is listed, the charts draw, the hostile article stays text,
nothing is fetched from outside, pages read with JavaScript off, and paste-to-analyze stores an
article only when writes are on. Screenshots of every page at desktop and phone width go to
$NEWSLEDGER_ARTIFACTS (default: a fresh temporary folder), printed with -s.

Chromium is found as the report's browser test finds it (and skipped the same way without it).
"""
from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

from test_report_browser import browser  # noqa: F401  (the report tests' chromium fixture)
from web_store import filled_store, store_copy

pytestmark = pytest.mark.browser

TOKEN = "browser-test-token"
PAGES = ["/", "/incidents", "/events", "/articles", "/claims", "/map", "/network", "/escalation", "/analyze"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """`newsledger serve` as a child process on a free local port."""

    def __init__(self, db_url: str, *extra: str, env: dict | None = None):
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        command = [str(Path(sys.executable).parent / "newsledger"), "serve", "--db", db_url,
                   "--port", str(self.port), *extra]
        self.process = subprocess.Popen(command, env={**os.environ, **(env or {})},
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.base + "/api/v1/counts", timeout=1)
                return
            except OSError:
                if self.process.poll() is not None:
                    break
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"newsledger serve did not start: {self.process.stdout.read().decode()[-2000:]}")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.fixture(scope="module")
def server():
    running = Server(f"sqlite:///{filled_store()}")
    yield running
    running.stop()


@pytest.fixture(scope="module")
def artifacts() -> Path:
    folder = Path(os.environ.get("NEWSLEDGER_ARTIFACTS") or tempfile.mkdtemp(prefix="newsledger-web-"))
    folder.mkdir(parents=True, exist_ok=True)
    print(f"\nweb screenshots: {folder}")
    return folder


class Visit:
    """A browser context that records script errors and every URL the pages ask for."""

    def __init__(self, browser, base: str, width: int = 1280, height: int = 900, script: bool = True):
        self.base = base
        self.context = browser.new_context(viewport={"width": width, "height": height}, java_script_enabled=script,
                                           has_touch=width < 800, is_mobile=width < 800)
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.context.on("request", lambda request: self.requests.append(request.url))
        self.page = self.context.new_page()
        self.page.set_default_timeout(120_000)  # the first analysis loads the model, on a busy 2-core machine
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("console", lambda msg: self.errors.append(msg.text) if msg.type == "error" else None)

    def open(self, path: str):
        response = self.page.goto(self.base + path, wait_until="load")
        assert response.status == 200, (path, response.status)
        return self.page

    def outside(self) -> list[str]:
        return [url for url in self.requests if not url.startswith(self.base) and url not in ("about:blank", "data:,")]

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visit(browser, server):
    opened = Visit(browser, server.base)
    yield opened
    assert opened.errors == [] and opened.outside() == []
    opened.close()


def rows(page, table: str) -> int:
    return page.locator(f"table.{table} tbody tr").count()


def test_every_page_draws_with_data(visit):
    page = visit.open("/")
    assert int(page.locator(".count strong").first.inner_text()) == 6
    assert rows(page, "events") > 0 and rows(page, "articles") > 0
    for kind in ("events", "claims", "articles"):
        assert rows(visit.open(f"/{kind}"), kind) > 0, kind
    page = visit.open("/map")
    assert page.locator("svg.map .mk").count() >= 4 and page.locator("svg.map path.land").count() > 20
    assert page.locator("svg.timeline circle.dot").count() >= 4
    assert {"UKR", "SDN", "SOM"} <= set(page.locator("svg.timeline text.lane").all_text_contents())
    page = visit.open("/network")
    assert page.locator("svg.network path.edge").count() >= 3 and rows(page, "edges") >= 3
    page = visit.open("/escalation")
    assert page.locator("svg.escalation g.panel").count() >= 3
    assert page.locator("svg.escalation rect.gs.down").count() >= 3
    page = visit.open("/escalation?by=dyad")
    assert any("→" in name for name in page.locator("svg.escalation .panel-title").all_text_contents())


def test_incidents_timeline_and_an_incident_with_conflicting_tolls(visit):
    page = visit.open("/incidents")
    everything = rows(page, "incidents")
    assert everything >= 3
    assert page.locator("svg.timeline circle.dot").count() >= 3
    assert {"UKR", "SDN", "SOM"} <= set(page.locator("svg.timeline text.lane").all_text_contents())
    assert page.locator("svg.map .mk").count() >= 3  # the incidents on the map, linked to their pages
    assert page.locator("svg.map a[href^='/incidents/']").count() >= 3
    page.locator("form.filters input[name=place]").fill("Kharkiv")
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_load_state("load")
    assert 0 < rows(page, "incidents") < everything
    page.locator("table.incidents a").first.click()
    page.wait_for_load_state("load")
    assert {"Eastern Courier", "Kyiv Morning"} <= set(page.locator("table.reports td[data-label=outlet]").all_inner_texts())
    accounts = page.frame_locator("iframe.report")  # every account side by side, the tolls over time
    assert {"Eastern Courier", "Kyiv Morning"} <= set(accounts.locator(".account h3").all_inner_texts())
    assert accounts.locator("svg[aria-label='tolls over time'] circle").count() >= 2
    figures = accounts.locator("table").last.inner_text()
    assert "three people" in figures and "five" in figures
    page.locator("table.reports a").first.click()  # an account leads to its article, which links back
    page.wait_for_load_state("load")
    assert page.locator("p.incidents a").count() >= 1
    linked = page.locator("p.incidents a").first.get_attribute("href").rsplit("/", 1)[1]
    report = page.frame_locator("iframe.report")  # and its report names the incident of each event
    assert linked in report.locator("table.events span.incident").all_inner_texts()


def test_filters_change_the_results(visit):
    page = visit.open("/events")
    everything = rows(page, "events")
    page.locator("form.filters input[name=country]").fill("SDN")
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_load_state("load")
    assert "country=SDN" in page.url
    sudan = rows(page, "events")
    assert 0 < sudan < everything
    assert all("SDN" in text for text in page.locator("table.events td[data-label='actor → target']").all_inner_texts())
    page.select_option("form.filters select[name=type]", "ACCUSE")  # a select applies at once
    page.wait_for_url("**type=ACCUSE**")
    assert 0 < rows(page, "events") < sudan
    page = visit.open("/map?country=RUS")  # Russia on either side: the events in Ukraine
    russia = page.locator("svg.map .mk").count()
    assert 0 < russia < visit.open("/map").locator("svg.map .mk").count()


def test_claims_filter_by_stance(visit):
    page = visit.open("/claims")
    everything = rows(page, "claims")
    stances = page.locator("table.claims td[data-label=stance] a.stance").all_inner_texts()
    assert "disputes" in stances and "neutral" in stances
    page.select_option("form.filters select[name=stance]", "disputes")  # a select applies at once
    page.wait_for_url("**stance=disputes**")
    assert 0 < rows(page, "claims") < everything
    assert set(page.locator("table.claims td[data-label=stance] a.stance").all_inner_texts()) == {"disputes"}
    page.locator("form.filters a", has_text="clear").click()
    page.wait_for_load_state("load")
    page.locator("table.claims a.st-neutral").first.click()  # a stance in a row selects its like
    page.wait_for_url("**stance=neutral**")
    assert set(page.locator("table.claims td[data-label=stance] a.stance").all_inner_texts()) == {"neutral"}


def test_charts_answer_pointing_and_tapping(visit):
    page = visit.open("/map")
    marker = page.locator("svg.map .mk").first
    marker.click()
    assert page.locator("#details").is_visible() and "event" in page.locator("#details").inner_text()
    marker.click()  # the second click follows the marker's link to its events
    page.wait_for_url("**/events?place=**")
    assert rows(page, "events") >= 1
    page = visit.open("/network")
    page.locator("svg.network .node").first.hover()
    assert "focus" in page.locator("svg.network").get_attribute("class")
    assert page.locator("svg.network path.edge.on").count() >= 1


def test_article_page_shows_the_report(visit):
    page = visit.open("/articles?text=Mogadishu")
    page.locator("table.articles a", has_text="Mogadishu").click()
    page.wait_for_load_state("load")
    report = page.frame_locator("iframe.report")
    assert "car bomb exploded" in report.locator("#article").inner_text()
    assert report.locator("table.events tbody tr").count() >= 1


def test_hostile_article_shows_as_text(visit):
    page = visit.open("/articles")
    assert "<script>window.pwned = 1</script> Shelling in Donetsk" in page.locator("table.articles").inner_text()
    assert page.locator("table.articles script, table.articles img, table.articles b").count() == 0
    page.locator("table.articles a", has_text="Shelling in Donetsk").click()
    page.wait_for_load_state("load")
    assert "<script>window.pwned" in page.locator("h1").inner_text()
    report = page.frame_locator("iframe.report")
    assert 'onerror="window.pwned=5"' in report.locator("#article").inner_text()
    for path in ("/", "/events", "/claims", "/map", "/network"):
        visit.open(path)
        assert visit.page.evaluate("typeof window.pwned") == "undefined", path


def test_pages_read_with_javascript_off(browser, server):
    visit = Visit(browser, server.base, script=False)
    try:
        assert rows(visit.open("/events"), "events") > 0
        assert visit.open("/map").locator("svg.map .mk").count() >= 4
        assert visit.open("/network").locator("svg.network path.edge").count() >= 3
        page = visit.open("/events")
        page.locator("form.filters input[name=country]").fill("SOM")
        page.locator("form.filters button[type=submit]").click()
        page.wait_for_load_state("load")
        assert 0 < rows(page, "events") and "country=SOM" in page.url
    finally:
        visit.close()


def test_analyze_is_refused_when_writes_are_off(visit):
    page = visit.open("/analyze")
    assert page.locator("form.analyze").count() == 0 and "read-only" in page.locator(".notice").inner_text()
    response = page.request.post(visit.base + "/analyze", multipart={"text": "Some text.", "token": TOKEN})
    assert response.status == 403


def test_paste_to_analyze_stores_the_article(browser, tmp_path):
    url = store_copy(tmp_path)
    writable = Server(url, "--allow-writes", env={"NEWSLEDGER_WRITE_TOKEN": TOKEN})
    visit = Visit(browser, writable.base)
    try:
        page = visit.open("/analyze")
        page.locator("textarea[name=text]").fill(
            "BOSASO, Somalia — Gunmen attacked a checkpoint in Bosaso on Thursday, killing two guards, "
            "the port's security chief said.")
        page.locator("input[name=title]").fill("Checkpoint attack in Bosaso")
        page.locator("input[name=published]").fill("2024-06-20")
        page.locator("input[name=token]").fill("wrong token")
        page.locator("form.analyze button[type=submit]").click()
        page.wait_for_load_state("load")
        assert "write token" in page.locator(".error").inner_text()
        visit.errors.clear()  # the refusal's 403 is logged by the browser
        page = visit.open("/analyze")
        page.locator("textarea[name=text]").fill(
            "BOSASO, Somalia — Gunmen attacked a checkpoint in Bosaso on Thursday, killing two guards, "
            "the port's security chief said.")
        page.locator("input[name=title]").fill("Checkpoint attack in Bosaso")
        page.locator("input[name=token]").fill(TOKEN)
        page.locator("form.analyze button[type=submit]").click()
        page.wait_for_url("**/articles/*", timeout=120_000)
        assert page.locator("h1").inner_text() == "Checkpoint attack in Bosaso"
        page = visit.open("/articles?text=Bosaso")
        assert rows(page, "articles") == 1
        assert visit.outside() == []
    finally:
        visit.close()
        writable.stop()


def test_worker_processes_serve_the_same_pages(server):
    """`serve --workers 2`: two processes answer on one port, each with the store open."""
    workers = Server(f"sqlite:///{filled_store()}", "--workers", "2")
    try:
        children = [stat.parent for stat in Path("/proc").glob("[0-9]*/stat")
                    if stat.read_text().rsplit(")", 1)[1].split()[1] == str(workers.process.pid)]
        assert sum(b"spawn_main" in (child / "cmdline").read_bytes() for child in children) == 2
        for path in ("/api/v1/counts", "/incidents?country=UKR", "/map", "/network", "/escalation?by=dyad") * 2:
            with urllib.request.urlopen(workers.base + path, timeout=30) as one, \
                    urllib.request.urlopen(server.base + path, timeout=30) as other:
                assert one.read() == other.read(), path
    finally:
        workers.stop()


@pytest.mark.parametrize("width, height", [(1280, 900), (390, 844)])
def test_screenshots(browser, server, artifacts, width, height):
    visit = Visit(browser, server.base, width, height)
    try:
        strike = visit.open("/incidents?place=Kharkiv").locator("table.incidents a").first.get_attribute("href")
        for path in PAGES + ["/articles/1", "/escalation?by=dyad", strike, "/claims?stance=disputes",
                             "/incidents?limit=2&offset=2", "/articles/2/report"]:
            page = visit.open(path)
            assert page.evaluate("document.documentElement.scrollWidth") <= width, path
            name = re.sub(r"[/?=&]", "-", path.strip("/")) or "dashboard"
            page.screenshot(path=str(artifacts / f"{name}-{width}.png"), full_page=True)
        assert visit.errors == [] and visit.outside() == []
    finally:
        visit.close()
