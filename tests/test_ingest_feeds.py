"""Feeds and pages by URL, served from a local http.server on 127.0.0.1 (no other network):
an RSS feed with its own content, an Atom feed whose items only link to their pages, a page
that is too large, a server that does not answer in time, a dead server."""
from __future__ import annotations

import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsledger.cli import main
from newsledger.store import Store

PAGE = """<!doctype html><html><head><title>{title}</title>
<meta property="og:site_name" content="Lakes Courier"></head><body><nav>Home | World</nav>
<article><h1>{title}</h1><p>{body}</p><p>Aid groups said roads into the area remained closed.</p>
</article><footer>Copyright Lakes Courier</footer></body></html>"""
STORIES = {
    "kalehe": ("Rebels shell Kalehe", "Rebel fighters shelled a camp in Kalehe on Monday, killing "
               "six civilians, the provincial health office said."),
    "uvira": ("Police disperse march in Uvira", "Police fired tear gas at protesters in Uvira on "
              "Tuesday, witnesses said."),
}


def rss(base: str) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Great Lakes Wire</title><link>{base}/</link><description>test feed</description>
<item><title>Drone strike near Rutshuru</title><link>{base}/rutshuru</link>
<pubDate>Wed, 13 Mar 2024 08:00:00 GMT</pubDate>
<content:encoded><![CDATA[<p>A drone struck a market near Rutshuru on Tuesday, killing three
traders, local officials said.</p><p>No group claimed the strike.</p>]]></content:encoded></item>
<item><title>Empty item</title></item>
</channel></rss>"""


def atom(base: str) -> str:
    entries = "".join(f"""<entry><title>{title}</title><link href="{base}/{slug}.html"/>
<id>{base}/{slug}</id><updated>2024-03-14T10:00:00Z</updated></entry>"""
                      for slug, (title, _) in STORIES.items())
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Lakes Courier</title><id>{base}/</id>
<updated>2024-03-14T10:00:00Z</updated>{entries}
<entry><title>Gone</title><link href="{base}/missing.html"/><id>{base}/gone</id>
<updated>2024-03-14T10:00:00Z</updated></entry></feed>"""


class _Slow(SimpleHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/slow.html":
            time.sleep(3)
        try:
            super().do_GET()
        except (BrokenPipeError, ConnectionResetError):  # the client gave up, as it should
            pass

    def log_message(self, *args):  # keep the test output clean
        pass


@pytest.fixture
def site(tmp_path):
    """A local web server for the test's own files; yields its base URL and folder."""
    root = tmp_path / "site"
    root.mkdir()
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Slow, directory=str(root)))
    base = f"http://127.0.0.1:{server.server_address[1]}"
    for slug, (title, body) in STORIES.items():
        (root / f"{slug}.html").write_text(PAGE.format(title=title, body=body), encoding="utf-8")
    (root / "slow.html").write_text(PAGE.format(title="Slow", body="Slow news."), encoding="utf-8")
    (root / "big.html").write_text(PAGE.format(title="Big", body="word " * 50_000), encoding="utf-8")
    (root / "feed.rss").write_text(rss(base), encoding="utf-8")
    (root / "atom.xml").write_text(atom(base), encoding="utf-8")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base, root
    server.shutdown()
    server.server_close()


@pytest.fixture
def run(nlp):
    def invoke(*args):
        return CliRunner().invoke(main, list(args), catch_exceptions=False)
    return invoke


def test_a_feed_served_locally_is_ingested(run, site, store_url):
    base, _ = site
    result = run("ingest", f"{base}/feed.rss", f"{base}/atom.xml", "--db", store_url,
                 "--workers", "1")
    assert f"newsledger: warning: {base}/feed.rss: item 2: has no content, link or summary" in result.stderr
    assert f"newsledger: warning: {base}/atom.xml: item 3: {base}/missing.html: cannot fetch (HTTP 404" in result.stderr
    assert "3 new, 0 already stored, 2 failed" in result.stderr
    assert result.exit_code == 1
    with Store(store_url) as store:
        rows = {row.title: row for row in store.articles()}
    assert set(rows) == {"Drone strike near Rutshuru", "Rebels shell Kalehe", "Police disperse march in Uvira"}
    drone = rows["Drone strike near Rutshuru"]
    assert (drone.outlet, drone.url, str(drone.published)) == ("Great Lakes Wire", f"{base}/rutshuru", "2024-03-13")
    assert drone.text.startswith("A drone struck a market near Rutshuru")
    kalehe = rows["Rebels shell Kalehe"]  # link-only: the page was fetched, its text extracted
    assert kalehe.url == f"{base}/kalehe.html" and "Rebel fighters shelled a camp" in kalehe.text
    assert "Copyright" not in kalehe.text and str(kalehe.published) == "2024-03-14"
    again = run("ingest", f"{base}/feed.rss", f"{base}/atom.xml", "--db", store_url, "--workers", "1")
    assert "0 new, 3 already stored, 2 failed" in again.stderr


def test_a_feed_file_and_a_page_url(run, site, tmp_path, store_url):
    base, root = site
    result = run("ingest", str(root / "feed.rss"), f"{base}/uvira.html", "--db", store_url,
                 "--workers", "1")
    assert "2 new, 0 already stored, 1 failed" in result.stderr
    with Store(store_url) as store:
        assert {row.url for row in store.articles()} == {f"{base}/rutshuru", f"{base}/uvira.html"}


def test_slow_large_and_dead_servers_are_skipped_with_a_reason(run, site, tmp_path):
    base, _ = site
    url = f"sqlite:///{tmp_path / 'n.db'}"
    result = run("ingest", f"{base}/slow.html", f"{base}/big.html", "http://127.0.0.1:9/x.html",
                 f"{base}/kalehe.html", "--db", url, "--workers", "1", "--timeout", "0.5",
                 "--max-bytes", "100000")
    lines = result.stderr.splitlines()
    assert f"newsledger: warning: {base}/slow.html: cannot fetch (no answer within 0.5 s) (skipped)" in lines
    assert f"newsledger: warning: {base}/big.html: page is over the 100,000-byte limit (raise it with --max-bytes) (skipped)" in lines
    assert any(line.startswith("newsledger: warning: http://127.0.0.1:9/x.html: cannot fetch (") for line in lines)
    assert "1 new, 0 already stored, 3 failed" in result.stderr
