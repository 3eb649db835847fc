"""Offline geocoding: GeoNames cities and countries plus the shipped supplement."""
from __future__ import annotations

import pytest

from newsledger.nlp.normalize import normalize
from newsledger.resolve.places import lookup_place, resolve_place


@pytest.fixture
def geocode(nlp):
    def run(text: str, phrase: str):
        doc = nlp.make_doc(normalize(text))
        doc._.source_text = text
        doc = nlp(doc)
        start = text.index(phrase)
        return resolve_place(doc, start, start + len(phrase))
    return run


def test_capital_city_with_geonames_id(geocode):
    place = geocode("An airstrike hit a building in Damascus on Sunday.", "Damascus")
    assert (place.name, place.country, place.geonameid, place.precision) == ("Damascus", "SYR", 170654, "city")
    assert place.lat == pytest.approx(33.51, abs=0.05) and place.lon == pytest.approx(36.29, abs=0.05)


def test_country_named_in_the_phrase_picks_the_city(geocode):
    place = geocode("Twin blasts struck the Iranian city of Kerman.", "the Iranian city of Kerman")
    assert (place.name, place.country) == ("Kerman", "IRN")
    assert place.text == "the Iranian city of Kerman"
    assert lookup_place("Kerman, Iran").country == "IRN"


def test_capital_used_as_target_is_still_geocoded(geocode):
    place = geocode("Drones flew toward Tehran before dawn.", "Tehran")
    assert (place.country, place.precision) == ("IRN", "city")


def test_article_context_settles_ambiguous_cities(geocode):
    lebanese = geocode("Lebanese troops deployed after clashes in Tripoli between Lebanese factions.", "Tripoli")
    libyan = geocode("Militias clashed in Tripoli, the seat of Libya's government.", "Tripoli")
    assert lebanese.country == "LBN"
    assert libyan.country == "LBY"


def test_population_decides_without_context():
    assert lookup_place("Damascus").country == "SYR"
    assert lookup_place("Hyderabad", country="PAK").country == "PAK"


@pytest.mark.parametrize("words, country, precision", [
    ("Dahiyeh", "LBN", "sub-city"),
    ("Southern Lebanon", "LBN", "region"),
    ("South Lebanon", "LBN", "region"),
    ("Khan Younis", "PSE", "city"),
    ("Khan Yunis", "PSE", "city"),
    ("the Gaza Strip", "PSE", "region"),
    ("Jabalia", "PSE", "sub-city"),
    ("Donbas", "UKR", "region"),
    ("Kharkiv oblast", "UKR", "region"),
    ("El Fasher", "SDN", "city"),
    ("the Golan Heights", "SYR", "region"),
])
def test_supplement_places(words, country, precision):
    place = lookup_place(words)
    assert (place.country, place.precision) == (country, precision)
    assert place.lat is not None and place.lon is not None


def test_seas_have_coordinates_but_no_country():
    place = lookup_place("the Red Sea")
    assert place.country is None and place.precision == "region" and place.lat is not None


def test_countries_and_their_short_names():
    lebanon = lookup_place("Lebanon")
    assert (lebanon.country, lebanon.precision, lebanon.geonameid) == ("LBN", "country", 272103)
    assert lebanon.lat == pytest.approx(33.9, abs=0.5) and lebanon.lon == pytest.approx(35.9, abs=0.5)
    assert lookup_place("Palestinian Territory").lat is not None
    assert lookup_place("the US").country == "USA"
    assert lookup_place("Burma").country == "MMR"


def test_region_suffix_falls_back_to_the_city():
    place = lookup_place("Aleppo governorate")
    assert (place.country, place.precision) == ("SYR", "region")


def test_unknown_place_is_none():
    assert lookup_place("Xqzvillea") is None
    assert lookup_place("Kerman", country="FRA") is None


def test_common_words_and_empty_spans_are_not_places(geocode, nlp):
    assert lookup_place("so") is None
    assert geocode("They said so.", "so.") is None
    doc = nlp("Hamas said so.")
    assert resolve_place(doc, 3, 3) is None


def test_us_state_or_country_by_article_context(geocode):
    american = geocode("The US Army said troops from Georgia and Texas would deploy; Washington agreed.", "Georgia")
    caucasus = geocode("Russian troops massed near Georgia, and Tbilisi protested to Moscow.", "Georgia")
    assert (american.country, american.precision) == ("USA", "region")
    assert (caucasus.country, caucasus.precision) == ("GEO", "country")


def test_directional_parts_of_known_places():
    north = lookup_place("northern Israel")
    assert (north.name, north.country, north.precision) == ("Northern Israel", "ISR", "region")
    assert lookup_place("eastern Ukraine").country == "UKR"
    assert lookup_place("southern Lebanon").name == "Southern Lebanon"  # the supplement entry wins


@pytest.mark.parametrize("text, phrase, expected", [
    ("An airstrike hit a house in the town of Rafah in southern Gaza.", "the town of Rafah in southern Gaza",
     ("Rafah", "PSE", "city")),
    ("Tanks shelled Khan Younis, in the south of the Gaza Strip, overnight.",
     "Khan Younis, in the south of the Gaza Strip", ("Khan Younis", "PSE", "city")),
    ("Troops dug in near Bakhmut in eastern Ukraine's Donetsk region.",
     "Bakhmut in eastern Ukraine's Donetsk region", ("Bakhmut", "UKR", "city")),
    ("Shelling intensified across eastern Ukraine's Donetsk region.", "eastern Ukraine's Donetsk region",
     ("Donetsk Oblast", "UKR", "region")),
    ("Drones hit the Gaza Strip's Khan Younis before dawn.", "the Gaza Strip's Khan Younis",
     ("Khan Younis", "PSE", "city")),
    ("The RSF besieged El Fasher, the capital of North Darfur, for months.",
     "El Fasher, the capital of North Darfur", ("El Fasher", "SDN", "city")),
])
def test_the_most_specific_place_in_a_phrase_wins(geocode, text, phrase, expected):
    place = geocode(text, phrase)
    assert (place.name, place.country, place.precision) == expected
    assert place.text == phrase


def test_a_broader_place_after_a_comma_picks_among_namesakes(geocode):
    place = geocode("A man was arrested in Lebanon, Pennsylvania, on Friday.", "Lebanon")
    assert (place.country, place.precision) == ("USA", "city")
    assert place.lat == pytest.approx(40.34, abs=0.1) and place.lon == pytest.approx(-76.41, abs=0.1)
    assert lookup_place("Lebanon, Pennsylvania").country == "USA"
    assert geocode("Lebanon and Syria closed the crossing.", "Lebanon").country == "LBN"


def test_the_jordan_is_the_river_and_jordan_the_country(geocode):
    river = geocode("Settlers crossed the Jordan near Jericho at dawn.", "Jordan")
    country = geocode("King Abdullah of Jordan met the envoy in Amman.", "Jordan")
    assert (river.name, river.country) == ("Jordan River", None)
    assert (country.name, country.country) == ("Jordan", "JOR")


def test_an_ambiguous_name_is_no_evidence_for_its_own_country(geocode):
    place = geocode("Voters in Georgia backed the Republican candidate, US media reported.", "Georgia")
    assert (place.country, place.precision) == ("USA", "region")


@pytest.mark.parametrize("words, country, precision", [
    ("Al-Mawasi", "PSE", "sub-city"),
    ("Qalqilya", "PSE", "city"),
    ("Bethlehem", "PSE", "city"),
    ("Bara", "SDN", "city"),
    ("North Kordofan", "SDN", "region"),
    ("Tinzaouaten", "MLI", "city"),
    ("Barsalogho", "BFA", "city"),
    ("Niger State", "NGA", "region"),
    ("Masisi", "COD", "city"),
    ("Minova", "COD", "city"),
    ("Karenni State", "MMR", "region"),
    ("Mon State", "MMR", "region"),
    ("Hiraan", "SOM", "region"),
    ("Galmudug", "SOM", "region"),
    ("Lower Juba", "SOM", "region"),
    ("Ras Isa", "YEM", "city"),
    ("Sumy region", "UKR", "region"),
    ("Sudzha", "RUS", "city"),
    ("Petion-Ville", "HTI", "city"),
    ("Martissant", "HTI", "sub-city"),
])
def test_conflict_localities_in_the_supplement(words, country, precision):
    place = lookup_place(words)
    assert (place.country, place.precision) == (country, precision)
    assert place.lat is not None and place.lon is not None
