"""The REST API and the pages over a real store: every endpoint, the filters, paging, writes
behind --allow-writes and a token, limits, headers, and bad requests answered 4xx, never 500.
A property-based run (schemathesis, over the app's own OpenAPI document) looks for server errors."""
from __future__ import annotations

from urllib.parse import quote

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from schemathesis.generation import GenerationMode

from newsledger.store import Store
from newsledger.web import create_app
from web_store import HOSTILE_TITLE, filled_store, store_copy

TOKEN = "s3cret-test-token"


@pytest.fixture(scope="module")
def store():
    with Store(f"sqlite:///{filled_store()}") as opened:
        yield opened


@pytest.fixture(scope="module")
def client(store):
    return TestClient(create_app(store), raise_server_exceptions=False)


def get(client, path: str, status: int = 200):
    response = client.get(path)
    assert response.status_code == status, (path, response.text[:300])
    return response


# --- reading ------------------------------------------------------------------------------------

def test_lists_page_through_every_row(client, store):
    for kind in ("articles", "events", "claims"):
        total = store.count(kind)
        assert total > 0
        seen, path = [], f"/api/v1/{kind}?limit=2"
        while path:
            page = get(client, path).json()
            assert page["total"] == total and len(page["items"]) <= 2
            seen.extend(item["id"] for item in page["items"])
            path = page["next"]
        assert sorted(seen) == sorted(row.id for row in getattr(store, kind)())


def test_filters_select_rows(client):
    sudan = get(client, "/api/v1/events?country=sdn&limit=500").json()
    assert sudan["total"] > 0
    assert all("SDN" in (e["actor_country"], e["target_country"]) for e in sudan["items"])
    agree = get(client, "/api/v1/events?type=AGREE").json()["items"]
    assert agree and {e["type"] for e in agree} == {"AGREE"}
    june = get(client, "/api/v1/events?since=2024-06-01&until=2024-06-30&limit=500").json()["items"]
    assert june and all("2024-06-01" <= e["date_start"] <= "2024-06-30" for e in june)
    mogadishu = get(client, "/api/v1/articles?text=Mogadishu").json()["items"]
    assert [a["title"] for a in mogadishu] == ["Bomb blast in Mogadishu kills nine"]
    horn = get(client, "/api/v1/articles?outlet=horn%20observer").json()
    assert horn["total"] == 2
    killed = get(client, "/api/v1/claims?measure=killed/people&limit=500").json()["items"]
    assert killed and all(c["measure"] == "killed/people" for c in killed)


def test_one_article_ledger_and_counts(client, store):
    first = next(store.articles(limit=1))
    ledger = get(client, f"/api/v1/articles/{first.id}").json()
    assert ledger["text"] == first.text and ledger["article"]["title"] == first.title
    by_fingerprint = get(client, f"/api/v1/articles/{first.fingerprint}").json()
    assert by_fingerprint["text"] == first.text
    counts = get(client, "/api/v1/counts").json()
    assert counts == {kind: store.count(kind) for kind in ("articles", "events", "claims")}


def test_openapi_schemas_come_from_the_store_rows(client):
    schema = get(client, "/api/v1/openapi.json").json()
    components = schema["components"]["schemas"]
    assert {"EventRow", "ClaimRow", "ArticleRow", "Ledger"} <= set(components)
    assert {"goldstein", "latitude", "evidence"} <= set(components["EventRow"]["properties"])
    events = schema["paths"]["/api/v1/events"]["get"]["parameters"]
    limit = next(p for p in events if p["name"] == "limit")
    assert limit["schema"]["maximum"] == 500
    docs = get(client, "/api/v1/docs").text
    assert "/static/docs/swagger-ui-bundle.js" in docs and "http" not in docs.replace("http-equiv", "")
    assert get(client, "/static/docs/swagger-ui-bundle.js").headers["content-type"].startswith("text/javascript")


def test_downloads_in_the_export_formats(client, store):
    import io
    import json

    import pandas as pd

    sudan = store.count("events", country="SDN")
    csv = get(client, "/api/v1/events/export?format=csv&country=SDN")
    assert csv.headers["content-type"].startswith("text/csv") and "attachment" in csv.headers["content-disposition"]
    table = pd.read_csv(io.BytesIO(csv.content))
    assert len(table) == sudan > 0
    parquet = pd.read_parquet(io.BytesIO(get(client, "/api/v1/events/export?format=parquet").content))
    assert len(parquet) == store.count("events")
    geojson = get(client, "/api/v1/events/export?format=geojson").json()
    assert geojson["type"] == "FeatureCollection" and geojson["features"]
    ledgers = [json.loads(line) for line in get(client, "/api/v1/articles/export?outlet=Horn%20Observer").text.splitlines()]
    assert sorted(ledger["article"]["title"] for ledger in ledgers) == sorted(
        a.title for a in store.articles(outlet="Horn Observer"))
    assert client.get("/api/v1/events/export?format=xml").status_code == 422
    page = get(client, "/events?country=SDN").text
    assert "/api/v1/events/export?country=SDN&amp;format=parquet" in page


def kharkiv(client) -> dict:
    """The incident of the Kharkiv strike, told by two outlets with different tolls."""
    found = get(client, "/api/v1/incidents?place=Kharkiv&min_sources=2").json()["items"]
    assert len(found) == 1, found
    return found[0]


def test_incidents_their_accounts_and_figures(client):
    listed = get(client, "/api/v1/incidents?limit=500").json()
    assert listed["items"] and listed["next"] is None
    strike = kharkiv(client)
    assert set(strike["outlets"]) == {"Eastern Courier", "Kyiv Morning"}
    detail = get(client, f"/api/v1/incidents/{strike['id']}").json()
    assert {r["outlet"] for r in detail["reports"]} == {"Eastern Courier", "Kyiv Morning"}
    figures = get(client, f"/api/v1/incidents/{strike['id']}/numbers?measure=killed").json()
    tolls = {(f["outlet"], f["value"]) for f in figures}
    assert ("Eastern Courier", 3) in tolls and ("Kyiv Morning", 5) in tolls
    page = get(client, f"/incidents/{strike['id']}").text
    assert "Eastern Courier" in page and "Kyiv Morning" in page
    report = get(client, f"/incidents/{strike['id']}/page")
    assert report.headers["content-security-policy"] == "frame-ancestors 'self'"
    first = next(r for r in detail["reports"] if r["outlet"] == "Eastern Courier")
    assert f"/incidents/{strike['id']}" in get(client, f"/articles/{first['article_id']}").text
    framed = get(client, f"/articles/{first['article_id']}/report").text  # the report names the incident
    assert f'<span class="incident" title="newsledger incidents show {strike["id"]}">' in framed
    table = get(client, "/api/v1/events/export?format=csv&place=Kharkiv").text
    assert strike["id"] in table  # each event row carries its incident


def test_incident_filters_and_paging(client):
    everything = get(client, "/api/v1/incidents?limit=500").json()
    assert everything["total"] == len(everything["items"]) > 2 and everything["offset"] == 0
    seen, path = [], "/api/v1/incidents?limit=2"
    while path:  # the next links walk every incident once, in the same order, each page counting all
        page = get(client, path).json()
        assert page["total"] == everything["total"] and len(page["items"]) <= 2
        seen.extend(page["items"])
        path = page["next"]
    assert seen == everything["items"]
    second = get(client, "/api/v1/incidents?limit=1&offset=1").json()
    assert second["items"] == everything["items"][1:2] and second["offset"] == 1
    beyond = get(client, f"/api/v1/incidents?offset={everything['total']}").json()
    assert beyond["items"] == [] and beyond["next"] is None and beyond["total"] == everything["total"]
    somalia = get(client, "/api/v1/incidents?country=SOM").json()
    assert somalia["items"] and all(i["country"] == "SOM" for i in somalia["items"])
    assert somalia["total"] == len(somalia["items"]) < everything["total"]
    told = get(client, "/api/v1/incidents?min_sources=2").json()
    assert told["total"] == sum(i["sources"] >= 2 for i in everything["items"]) >= 1
    page = get(client, "/incidents?limit=1&offset=1").text
    assert f"2–2 of {everything['total']}" in page and 'rel="prev"' in page


def test_claims_by_stance(client, store):
    """Each stance selects exactly the claims the ledgers give that stance; articles filtered by
    stance are those with such a claim."""
    every = {claim.id: claim.stance for claim in store.claims()}
    assert {"disputes", "neutral"} <= set(every.values())  # the test articles have both
    for stance in ("asserts", "supports", "disputes", "neutral"):
        listed = get(client, f"/api/v1/claims?stance={stance}&limit=500").json()
        assert listed["total"] == sum(value == stance for value in every.values())
        assert {c["id"] for c in listed["items"]} == {key for key, value in every.items() if value == stance}
    disputing = get(client, "/api/v1/articles?stance=disputes&limit=500").json()["items"]
    assert disputing and {a["id"] for a in disputing} == {c.article_id for c in store.claims(stance="disputes")}
    page = get(client, "/claims?stance=disputes").text
    assert '<option value="disputes" selected>' in page and "st-neutral" not in page
    assert "stance=disputes" in page  # the downloads keep the selection


# --- bad requests -------------------------------------------------------------------------------

BAD = [
    "/api/v1/events?limit=0", "/api/v1/events?limit=501", "/api/v1/events?limit=100000000000000000000",
    "/api/v1/events?limit=ten", "/api/v1/events?offset=-1", "/api/v1/events?since=2024-13-01",
    "/api/v1/events?since=2024-06-10&until=2024-06-01", "/api/v1/events?country=UKRAINE",
    "/api/v1/events?colour=red", "/api/v1/events?measure=killed", "/api/v1/claims?actor=Russia",
    "/api/v1/events?type=" + quote("ASSAULT' OR '1'='1"), "/api/v1/events?text=" + quote("'\";--*"),
    "/api/v1/events?actor=" + "x" * 201, "/api/v1/articles/0", "/api/v1/articles/abc",
    "/api/v1/articles/99999999", "/api/v1/nothing-here", "/api/v1/incidents?min_sources=0",
    "/api/v1/incidents?measure=killed", "/api/v1/incidents/inc-00000000-none", "/api/v1/incidents/" + quote("x'--"),
    "/api/v1/incidents/inc-00000000-none/numbers", "/api/v1/claims?stance=denies",
    "/api/v1/claims?stance=" + quote("neutral' OR '1'='1"), "/api/v1/events?stance=neutral",
    "/api/v1/incidents?offset=-1", "/api/v1/incidents?limit=501", "/api/v1/incidents?offset=x",
]


@pytest.mark.parametrize("path", BAD)
def test_bad_api_requests_get_a_json_error(client, path):
    response = client.get(path)
    assert 400 <= response.status_code < 500, (path, response.status_code, response.text[:200])
    error = response.json()["error"]
    assert error["status"] == response.status_code and error["message"]
    assert "Traceback" not in response.text


@pytest.mark.parametrize("value", ["' OR 1=1 --", "Russia'; DROP TABLE events; --", '") UNION SELECT * FROM articles --',
                                   "%", "_", "\\", "NEAR(a b)", "* OR x"])
def test_sql_and_search_syntax_are_plain_values(client, store, value):
    before = store.count("events")
    for name in ("actor", "place", "outlet", "text"):
        response = client.get(f"/api/v1/events?{name}={quote(value)}")
        assert response.status_code in (200, 422), (name, value, response.text[:200])
        if response.status_code == 200:
            assert response.json()["total"] == 0
    assert store.count("events") == before


@pytest.mark.parametrize("path", ["/events?limit=9999", "/events?country=1", "/map?bogus=1", "/incidents/none",
                                  "/incidents?min_sources=x",
                                  "/escalation?by=planet", "/articles/xyz", "/articles/424242", "/nowhere"])
def test_bad_page_requests_get_an_html_error(client, path):
    response = client.get(path)
    assert 400 <= response.status_code < 500
    assert response.headers["content-type"].startswith("text/html")
    assert "Traceback" not in response.text


def test_every_response_carries_the_strict_policy(client):
    for path in ("/", "/events", "/api/v1/events", "/nowhere"):
        headers = client.get(path).headers
        assert "script-src 'self'" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"


# --- the hostile article ------------------------------------------------------------------------

def test_hostile_article_is_escaped_on_every_page(client, store):
    hostile = next(a for a in store.articles() if a.title and a.title.startswith("<script>"))
    assert hostile.title.startswith(HOSTILE_TITLE)
    for path in ("/", "/articles", "/events", "/claims", f"/articles/{hostile.id}", "/map", "/network", "/incidents"):
        html = get(client, path).text
        assert "<script>window.pwned" not in html, path
        assert 'onerror="window' not in html and "<b onmouseover" not in html, path
    assert "&lt;script&gt;window.pwned = 1&lt;/script&gt; Shelling in Donetsk" in get(client, "/articles").text


# --- writes -------------------------------------------------------------------------------------

ARTICLE = {"text": "GAROWE, Somalia — Gunmen attacked a police station in Garowe on Friday, killing four "
                   "officers, the regional police commissioner said.", "outlet": "Test Desk",
           "published": "2024-06-15", "title": "Police station attacked in Garowe"}


def test_writes_are_refused_when_off(client, store):
    before = store.count("articles")
    response = client.post("/api/v1/articles", json=ARTICLE, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 403 and "writes are off" in response.json()["error"]["message"]
    assert client.post("/analyze", data={"text": ARTICLE["text"], "token": TOKEN}).status_code == 403
    assert store.count("articles") == before


def test_writes_need_the_token_and_store_once(tmp_path):
    with Store(store_copy(tmp_path)) as store:
        client = TestClient(create_app(store, allow_writes=True, token=TOKEN), raise_server_exceptions=False)
        before = store.count("articles")
        assert client.post("/api/v1/articles", json=ARTICLE).status_code == 403
        assert client.post("/api/v1/articles", json=ARTICLE, headers={"Authorization": "Bearer wrong"}).status_code == 403
        assert client.post("/api/v1/articles", json={"text": ""},
                           headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 422
        stored = client.post("/api/v1/articles", json=ARTICLE, headers={"Authorization": f"Bearer {TOKEN}"})
        assert stored.status_code == 201, stored.text
        assert stored.json()["new"] is True and stored.json()["events"] >= 1
        assert store.count("articles") == before + 1
        again = client.post("/api/v1/articles", json=ARTICLE, headers={"Authorization": f"Bearer {TOKEN}"})
        assert again.json()["new"] is False and store.count("articles") == before + 1
        ledger = get(client, f"/api/v1/articles/{stored.json()['article']}").json()
        assert ledger["article"]["title"] == ARTICLE["title"]


def test_form_upload_analyzes_a_file(tmp_path):
    with Store(store_copy(tmp_path)) as store:
        client = TestClient(create_app(store, allow_writes=True, token=TOKEN), raise_server_exceptions=False)
        page = ("<html><head><title>Clash in Baidoa</title></head><body><article><p>BAIDOA, Somalia — "
                "Fighters attacked an army base in Baidoa on Thursday, killing three soldiers, officials said."
                "</p></article></body></html>").encode("utf-8")
        refused = client.post("/analyze", data={"token": "nope"}, files={"file": ("clash.html", page, "text/html")})
        assert refused.status_code == 403
        response = client.post("/analyze", data={"token": TOKEN, "published": "2024-06-20"},
                               files={"file": ("clash.html", page, "text/html")}, follow_redirects=False)
        assert response.status_code == 303, response.text[:300]
        shown = get(client, response.headers["location"]).text
        assert "Clash in Baidoa" in shown
        binary = client.post("/analyze", data={"token": TOKEN}, files={"file": ("x.txt", b"\x00\x01\x02" * 50, "text/plain")})
        assert binary.status_code == 400 and "binary" in binary.text


def test_request_bodies_are_limited(tmp_path):
    with Store(store_copy(tmp_path)) as store:
        client = TestClient(create_app(store, allow_writes=True, token=TOKEN, max_body=10_000),
                            raise_server_exceptions=False)
        big = {**ARTICLE, "text": "word " * 5000}
        response = client.post("/api/v1/articles", json=big, headers={"Authorization": f"Bearer {TOKEN}"})
        assert response.status_code == 413 and response.json()["error"]["status"] == 413

        def chunks():  # no declared length: counted while read
            for _ in range(10):
                yield b"x" * 2000
        response = client.post("/api/v1/articles", content=chunks(),
                               headers={"Authorization": f"Bearer {TOKEN}", "content-type": "application/json"})
        assert response.status_code == 413


# --- property-based run over the OpenAPI document -----------------------------------------------

@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_no_request_makes_a_server_error(store, mode):
    """Requests generated from the OpenAPI document, valid and invalid, on every operation
    (writes are off here, so posts are refused before analysis): never a 5xx, and every error
    a JSON error body."""
    app = create_app(store)
    operations = schemathesis.openapi.from_asgi("/api/v1/openapi.json", app).get_all_operations()
    calls = 0
    for operation in (result.ok() for result in operations):
        if mode is GenerationMode.NEGATIVE and not any(operation.iter_parameters()):
            continue  # nothing to get wrong (e.g. /counts)
        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def run(case):
            nonlocal calls
            response = case.call()
            calls += 1
            assert response.status_code < 500, (case.method, case.formatted_path, case.query, response.text[:300])
            if response.status_code >= 400:
                assert response.json()["error"]["status"] == response.status_code
        run()
    assert calls > 100
