"""The web pages' charts: what the database sums up from stored event rows (markers, the actor
network, weekly escalation series, timeline days, on SQLite and PostgreSQL), clusters, and the
SVG drawn from them (escaped, sized, coloured)."""
from __future__ import annotations

import dataclasses
from datetime import date, datetime, timezone

import pytest
from sqlalchemy import insert

from newsledger.store import EventRow, Store
from newsledger.store.schema import articles, events
from newsledger.web import charts, queries, views

HOSTILE = '<script>window.pwned=1</script><img src=x onerror="x()">'


def event(**given) -> EventRow:
    """An event row as the store returns it; fields not given are empty."""
    values = {f.name: None for f in dataclasses.fields(EventRow)}
    values.update(id=1, article_id=1, event_id="ev1", type="ASSAULT", status="asserted", evidence="words",
                  evidence_start=0, evidence_end=5)
    values.update(given)
    return EventRow(**values)


@pytest.fixture
def stored(store_url):
    """Stores the given event rows (in one article) and returns what a chart page sums up: the
    store and its newest events."""
    opened = []

    def store_rows(rows: list[EventRow]):
        store = Store(store_url)
        opened.append(store)
        with store.engine.begin() as connection:
            connection.execute(insert(articles).values(
                id=1, fingerprint="f" * 64, text_sha256="s" * 64, text="words", event_count=len(rows), claim_count=0,
                analyzer_version="test", model="test", stored_at=datetime.now(timezone.utc), ledger="{}"))
            connection.execute(insert(events), [{**{name: value for name, value in dataclasses.asdict(row).items()
                                                     if name in events.c}, "id": number}
                                                for number, row in enumerate(rows, 1)])
        return store, queries.chosen_events(store, {}, 2000)
    yield store_rows
    for store in opened:
        store.close()


def test_markers_join_events_at_one_place_and_add_their_dead(stored):
    store, chosen = stored([event(latitude=49.99, longitude=36.23, place_name="Kharkiv", fatalities_min=3),
            event(latitude=49.991, longitude=36.231, place_name="Kharkiv", fatalities_min=2),
            event(latitude=48.0, longitude=37.8, place_name="Donetsk"),
            event(place_name="nowhere")])
    markers = {m.names[0]: m for m in views.event_markers(queries.map_places(store, chosen))}
    assert set(markers) == {"Kharkiv", "Donetsk"}
    assert (markers["Kharkiv"].events, markers["Kharkiv"].fatalities) == (2, 5)


def test_dense_markers_cluster_and_distant_ones_stay_apart():
    near = [views.Marker(36.2 + i * 0.01, 50.0, 1, i) for i in range(5)]
    far = views.Marker(10.0, 50.0, 1, 0, ["Far"])
    merged = views.cluster(near + [far], cell=1.0, scale=0.64)
    assert len(merged) == 2
    cluster = max(merged, key=lambda m: m.events)
    assert (cluster.events, cluster.fatalities) == (5, sum(range(5)))


def test_map_sizes_points_by_fatalities_and_escapes_names():
    svg = charts.map_svg([views.Marker(36.2, 50.0, 1, 0, [HOSTILE]), views.Marker(30.5, 15.6, 1, 100, ["B"])])
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    radii = [float(part.split('"')[0]) for part in svg.split(' r="')[1:]]
    assert radii[0] > radii[1]  # the deadlier one first, and larger
    assert svg.count('class="land') > 3  # the bundled world outline around them


def test_network_weights_edges_and_colours_them_by_goldstein(stored):
    store, chosen = stored([event(actor_name="A", target_name="B", goldstein=-10.0)] * 3
                           + [event(actor_name="C", target_name="B", goldstein=8.0), event(actor_name="A", target_name=None),
                              event(actor_name="", actor_text="C", target_name="B"), event(actor_name="A", target_text="A")])
    network = views.actor_network(queries.network_pairs(store, chosen))
    edges = {(e.source, e.target): e for e in network.edges}
    assert set(edges) == {("A", "B"), ("C", "B")}
    assert edges[("A", "B")].events == 3 and edges[("A", "B")].goldstein == -10.0
    assert edges[("C", "B")].events == 2 and edges[("C", "B")].goldstein == 8.0  # the mean of those scored
    svg = charts.network_svg(network)
    assert svg.count('class="edge"') == 2
    assert charts.goldstein_colour(-10.0) in svg and charts.goldstein_colour(8.0) in svg
    assert charts.goldstein_colour(-10.0) != charts.goldstein_colour(8.0)


def test_network_keeps_the_busiest_parties(stored):
    store, chosen = stored([event(actor_name=f"P{i}", target_name="Hub", goldstein=-1.0) for i in range(30)])
    network = views.actor_network(queries.network_pairs(store, chosen), most=10)
    assert len(network.nodes) == 10 and network.nodes[0] == "Hub" and network.dropped_nodes == 21


def test_weekly_series_sum_goldstein_per_country_and_fill_quiet_weeks(stored):
    store, chosen = stored([event(date_start=date(2024, 5, 20), place_country="UKR", goldstein=-10.0),  # a Monday
            event(date_start=date(2024, 5, 26), place_country="UKR", goldstein=-2.0),   # same week
            event(date_start=date(2024, 6, 10), place_country="UKR", goldstein=4.0),
            event(date_start=date(2024, 6, 1), target_country="SDN", goldstein=-10.0),
            event(date_start=None, place_country="UKR", goldstein=-10.0)])
    weeks = queries.weekly_sums(store, chosen, "country")
    series = {s.name: s for s in views.weekly_series(weeks)}
    ukraine = series["UKR"]
    assert [(w.start, w.events, w.goldstein) for w in ukraine.weeks] == [
        (date(2024, 5, 20), 2, -12.0), (date(2024, 5, 27), 0, 0.0), (date(2024, 6, 3), 0, 0.0),
        (date(2024, 6, 10), 1, 4.0)]
    assert series["SDN"].events == 1
    assert [s.name for s in views.weekly_series(weeks, only="SDN")] == ["SDN"]


def test_dyads_and_the_escalation_chart(stored):
    store, chosen = stored([event(date_start=date(2024, 5, 20), actor_name="A", target_name="B", goldstein=-10.0),
                            event(date_start=date(2024, 5, 21), actor_name="B", target_name="A", goldstein=-5.0)])
    series = views.weekly_series(queries.weekly_sums(store, chosen, "dyad"))
    assert sorted(s.name for s in series) == ["A → B", "B → A"]
    svg = charts.escalation_svg(series)
    assert svg.count('class="panel"') == 2 and svg.count('class="gs down"') == 2


def test_timeline_lanes_by_country(stored):
    store, chosen = stored([event(date_start=date(2024, 5, 20), place_country="UKR", fatalities_min=3),
                            event(date_start=date(2024, 6, 1), place_country="SDN", actor_name="A", target_text="B"),
                            event(date_start=date(2024, 6, 1), place_country="SDN", fatalities_min=2),
                            event(date_start=date(2024, 6, 2), target_country="SDN", actor_name="A", target_text="B")])
    items = {(item.lane, item.day): item for item in views.event_timeline(queries.timeline_days(store, chosen))}
    assert set(items) == {("UKR", date(2024, 5, 20)), ("SDN", date(2024, 6, 1)), ("SDN", date(2024, 6, 2))}
    one, two = items[("SDN", date(2024, 6, 2))], items[("SDN", date(2024, 6, 1))]
    assert (one.label, one.href, two.label, two.href, two.size) == ("ASSAULT A → B", "/articles/1", "2 events", None, 2)
    svg = charts.timeline_svg(list(items.values()))
    assert svg.count("<circle") == 3 and 'href="/articles/1"' in svg
    assert ">SDN<" in svg and ">UKR<" in svg
