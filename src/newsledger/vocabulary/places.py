"""The shape of data/places.yaml: the curated places that NER must find and the geocoder knows."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from ..resources import load_data, read_data

PLACES_FILE = "places.yaml"


@dataclass(frozen=True)
class PlaceEntry:
    """One place: its canonical name, other spellings, ISO3 country, centre and precision
    (country, region, city, sub-city); `label` is the entity type NER should give it."""
    name: str
    country: Optional[str]
    precision: str = "city"
    aliases: list[str] = field(default_factory=list)
    lat: Optional[float] = None  # none: the GeoNames city of this name (or `geonames_name`)
    lon: Optional[float] = None
    label: str = "GPE"
    geonameid: Optional[int] = None
    geonames_name: Optional[str] = None

    @property
    def spellings(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


def read_places(text: str, name: str) -> list[PlaceEntry]:
    """A places file's text as entries, checked against the shape."""
    return read_data(text, name, list[PlaceEntry])


def shipped_places() -> list[PlaceEntry]:
    """The package's places file (read once per process)."""
    return load_data(PLACES_FILE, list[PlaceEntry])
