"""The web pages' charts as pure functions of store rows: markers, clusters, the actor network,
weekly escalation series, and the SVG drawn from them (escaped, sized, coloured)."""
from __future__ import annotations

import dataclasses
from datetime import date

from newsledger.store import EventRow
from newsledger.web import charts, views

HOSTILE = '<script>window.pwned=1</script><img src=x onerror="x()">'


def event(**given) -> EventRow:
    """An event row as the store returns it; fields not given are empty."""
    values = {f.name: None for f in dataclasses.fields(EventRow)}
    values.update(id=1, article_id=1, event_id="ev1", type="ASSAULT", status="asserted", evidence="words",
                  evidence_start=0, evidence_end=5)
    values.update(given)
    return EventRow(**values)


def test_markers_join_events_at_one_place_and_add_their_dead():
    rows = [event(latitude=49.99, longitude=36.23, place_name="Kharkiv", fatalities_min=3),
            event(latitude=49.991, longitude=36.231, place_name="Kharkiv", fatalities_min=2),
            event(latitude=48.0, longitude=37.8, place_name="Donetsk"),
            event(place_name="nowhere")]
    markers = {m.names[0]: m for m in views.event_markers(rows)}
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


def test_network_weights_edges_and_colours_them_by_goldstein():
    rows = ([event(actor_name="A", target_name="B", goldstein=-10.0)] * 3
            + [event(actor_name="C", target_name="B", goldstein=8.0), event(actor_name="A", target_name=None)])
    network = views.actor_network(rows)
    edges = {(e.source, e.target): e for e in network.edges}
    assert set(edges) == {("A", "B"), ("C", "B")}
    assert edges[("A", "B")].events == 3 and edges[("A", "B")].goldstein == -10.0
    svg = charts.network_svg(network)
    assert svg.count('class="edge"') == 2
    assert charts.goldstein_colour(-10.0) in svg and charts.goldstein_colour(8.0) in svg
    assert charts.goldstein_colour(-10.0) != charts.goldstein_colour(8.0)


def test_network_keeps_the_busiest_parties():
    rows = [event(actor_name=f"P{i}", target_name="Hub", goldstein=-1.0) for i in range(30)]
    network = views.actor_network(rows, most=10)
    assert len(network.nodes) == 10 and network.nodes[0] == "Hub" and network.dropped_nodes == 21


def test_weekly_series_sum_goldstein_per_country_and_fill_quiet_weeks():
    rows = [event(date_start=date(2024, 5, 20), place_country="UKR", goldstein=-10.0),  # a Monday
            event(date_start=date(2024, 5, 26), place_country="UKR", goldstein=-2.0),   # same week
            event(date_start=date(2024, 6, 10), place_country="UKR", goldstein=4.0),
            event(date_start=date(2024, 6, 1), target_country="SDN", goldstein=-10.0),
            event(date_start=None, place_country="UKR", goldstein=-10.0)]
    series = {s.name: s for s in views.weekly_series(rows)}
    ukraine = series["UKR"]
    assert [(w.start, w.events, w.goldstein) for w in ukraine.weeks] == [
        (date(2024, 5, 20), 2, -12.0), (date(2024, 5, 27), 0, 0.0), (date(2024, 6, 3), 0, 0.0),
        (date(2024, 6, 10), 1, 4.0)]
    assert series["SDN"].events == 1
    assert [s.name for s in views.weekly_series(rows, only="SDN")] == ["SDN"]


def test_dyads_and_the_escalation_chart():
    rows = [event(date_start=date(2024, 5, 20), actor_name="A", target_name="B", goldstein=-10.0),
            event(date_start=date(2024, 5, 21), actor_name="B", target_name="A", goldstein=-5.0)]
    series = views.weekly_series(rows, by="dyad")
    assert sorted(s.name for s in series) == ["A → B", "B → A"]
    svg = charts.escalation_svg(series)
    assert svg.count('class="panel"') == 2 and svg.count('class="gs down"') == 2


def test_timeline_lanes_by_country():
    rows = [event(date_start=date(2024, 5, 20), place_country="UKR", fatalities_min=3, article_id=4),
            event(date_start=date(2024, 6, 1), place_country="SDN")]
    items = views.event_timeline(rows)
    svg = charts.timeline_svg(items)
    assert svg.count("<circle") == 2 and 'href="/articles/4"' in svg
    assert ">SDN<" in svg and ">UKR<" in svg
