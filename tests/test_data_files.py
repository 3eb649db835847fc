"""The typed data-file loader: a shipped file loads into its shape, and a mistake in a file is
reported with the file, the line and the key, before any analysis runs."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

import pytest

from newsledger.extract.checkworthiness import ScoreFile
from newsledger.resources import DataError, load_data, read_data


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
