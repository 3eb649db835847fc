"""The typed data-file loader: a shipped file loads into its shape, and a mistake in a file is
reported with the file, the line and the key, before any analysis runs."""
from __future__ import annotations

import typing
from dataclasses import dataclass, field
from importlib import resources as importlib_resources
from typing import Optional

import pytest

from newsledger.export.tables import AcledFile, Country, PloverFile
from newsledger.extract.attribution import CueFile
from newsledger.extract.checkworthiness import ScoreFile
from newsledger.extract.event_lexicon import TriggersFile
from newsledger.extract.events import ConfidenceWeights
from newsledger.extract.figures import FiguresFile
from newsledger.extract.lemmas import LemmasFile
from newsledger.extract.measures import MeasuresFile
from newsledger.extract.stance import HedgesFile, StanceFile
from newsledger.incidents.accounts import IncidentsFile
from newsledger.incidents.names import AliasEntry, NamesFile
from newsledger.language import LanguageFile
from newsledger.nlp.dates import DatesFile
from newsledger.nlp.layout import LayoutFile
from newsledger.nlp.quantities import NumbersFile
from newsledger.resources import DataError, load_data, read_data, read_table, read_text
from newsledger.vocabulary.actors import ActorEntry, CountryEntry, SectorsFile
from newsledger.vocabulary.cameo import CameoRow
from newsledger.vocabulary.places import PlaceEntry


@dataclass(frozen=True)
class Inner:
    name: str
    weight: float = 1.0


@dataclass(frozen=True)
class Shape:
    words: list[str]
    table: dict[str, int]
    inner: Inner
    limit: int = 3
    note: Optional[str] = None
    phrases: list[list[str]] = field(default_factory=list)


GOOD = """\
words: [strike, attack]
table:
  a: 1
  b: 2
inner:
  name: x
"""


def test_a_good_file_loads_into_its_shape():
    data = read_data(GOOD, "good.yaml", Shape)
    assert data == Shape(words=["strike", "attack"], table={"a": 1, "b": 2}, inner=Inner("x"))


@pytest.mark.parametrize("text, message", [
    (GOOD.replace("b: 2", "b: two"), "bad.yaml:4: table.b: expected an integer, found a string"),
    (GOOD.replace("[strike, attack]", "[strike, [attack]]"), "bad.yaml:1: words.1: expected a string, found a list"),
    (GOOD + "limit: true\n", "bad.yaml:7: limit: expected an integer, found true or false"),
    (GOOD + "colour: red\n", "bad.yaml:7: unknown key 'colour' (known: words, table, inner, limit, note, phrases)"),
    (GOOD.replace("  name: x\n", "  weight: 2\n"), "bad.yaml:6: inner: missing key 'name'"),
    ("words: [strike\n", "bad.yaml:2: not valid YAML"),
    ("", "bad.yaml: the file is empty"),
])
def test_a_mistake_names_the_file_line_and_key(text, message):
    with pytest.raises(DataError) as caught:
        read_data(text, "bad.yaml", Shape)
    assert str(caught.value).startswith(message)


def test_a_number_field_takes_an_integer():
    assert read_data("name: x\nweight: 2\n", "inner.yaml", Inner).weight == 2


def test_the_shipped_checkworthiness_file_has_its_shape():
    data = load_data("checkworthiness.yaml", ScoreFile)
    assert data.weights["base"] > 0 and "will" in data.future_markers


# --- every shipped data file has a typed shape ----------------------------------------------

SHAPES = {
    "actors/armed_groups.yaml": list[ActorEntry],
    "actors/countries.yaml": list[CountryEntry],
    "actors/organizations.yaml": list[ActorEntry],
    "actors/people.yaml": list[ActorEntry],
    "actors/sectors.yaml": SectorsFile,
    "aliases.yaml": list[AliasEntry],
    "attribution.yaml": CueFile,
    "cameo.csv": CameoRow,
    "checkworthiness.yaml": ScoreFile,
    "confidence.yaml": ConfidenceWeights,
    "dates.yaml": DatesFile,
    "event_triggers.yaml": TriggersFile,
    "export/acled.yaml": AcledFile,
    "export/countries.csv": Country,
    "export/plover.yaml": PloverFile,
    "figures.yaml": FiguresFile,
    "hedges.yaml": HedgesFile,
    "incidents.yaml": IncidentsFile,
    "language.yaml": LanguageFile,
    "layout.yaml": LayoutFile,
    "lemmas.yaml": LemmasFile,
    "measures.yaml": MeasuresFile,
    "names.yaml": NamesFile,
    "numbers.yaml": NumbersFile,
    "places.yaml": list[PlaceEntry],
    "sector_codes.yaml": dict[str, str],
    "stance.yaml": StanceFile,
}


def _shipped_files() -> set[str]:
    root = importlib_resources.files("newsledger") / "data"
    found, stack = set(), [(root, "")]
    while stack:
        folder, prefix = stack.pop()
        for entry in folder.iterdir():
            if entry.is_dir():
                stack.append((entry, f"{prefix}{entry.name}/"))
            elif entry.name.endswith((".yaml", ".csv")):
                found.add(prefix + entry.name)
    return found


def _read(name: str, text: str):
    shape = SHAPES[name]
    return read_table(text, name, shape) if name.endswith(".csv") else read_data(text, name, shape)


def test_every_data_file_has_a_shape():
    assert _shipped_files() == set(SHAPES)


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_every_data_file_loads_into_its_shape(name):
    assert _read(name, read_text(name))


def _broken(name: str) -> str:
    """A line that is wrong for the kind of file: an unknown key, a list for a word, a row short
    of cells."""
    shape = SHAPES[name]
    if name.endswith(".csv"):
        return "ONLY-ONE-CELL"
    if typing.get_origin(shape) is list:
        return "- {no_such_key: 1}"
    if typing.get_origin(shape) is dict:
        return "NEW: [a, list]"
    return "no_such_key: 1"


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_a_broken_copy_of_each_file_names_the_file_and_line(name):
    text = read_text(name).rstrip("\n") + "\n" + _broken(name) + "\n"
    with pytest.raises(DataError) as caught:
        _read(name, text)
    message = str(caught.value)
    assert message.startswith(f"{name}:{text.count(chr(10))}: ") and "\n" not in message
