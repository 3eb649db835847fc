"""Loaders for the data files shipped in newsledger/data (lexicons, dictionaries, tables).

`load_data(name, Shape)` is the typed one: `Shape` is a dataclass whose fields say which keys the
YAML file holds and what each must be (str, int, float, bool, list[...], dict[str, ...], a nested
dataclass, Optional, Any); a field with a default may be left out. The file is checked against it
once, and a mistake raises `DataError` naming the file, the line and the key ("stance.yaml:143:
back_reference_window: expected an integer, found a string"), so a wrong edit to a lexicon
fails at load time with a pointer instead of somewhere in the middle of an analysis.
"""
from __future__ import annotations

import csv
import io
import dataclasses
import types
import typing
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Optional, TypeVar, Union

import yaml

T = TypeVar("T")


class DataError(ValueError):
    """A data file that does not have the shape its reader needs; str() names file and line."""


def _path(name: str):
    return resources.files("newsledger") / "data" / name


def read_text(name: str) -> str:
    """The text of a data file: `name` is a file of the package's data folder ("places.yaml",
    "actors/people.yaml"), or an absolute path to a file of one's own (another lexicon)."""
    path = Path(name)
    source = path if path.is_absolute() else _path(name)
    try:
        return source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"{name}: cannot read data file ({getattr(exc, 'strerror', None) or exc})") from None


def load_table(name: str, shape: type[T]) -> list[T]:
    """The CSV data file `name` as rows of the dataclass `shape`, checked (once per process)."""
    return _loaded_table(name, typing.cast(Any, shape))


@lru_cache(maxsize=None)
def _loaded_table(name: str, shape: Any) -> Any:
    return read_table(read_text(name), name, shape)


def read_table(text: str, name: str, shape: type[T]) -> list[T]:
    """`text` (a CSV file whose `#` lines are comments and whose first other line names the
    columns) as one `shape` per row: every column a field, every field without a default a
    column; a cell becomes the field's type (str, int, float; an empty cell None where the
    field is Optional). A mistake raises DataError naming the file, the line and the column."""
    fields = {f.name: f for f in dataclasses.fields(typing.cast(Any, shape))}
    hints = _hints(typing.cast(Any, shape))
    lines: list[int] = []  # the file's line number of each line handed to the CSV reader

    def content():
        for number, line in enumerate(io.StringIO(text, newline=""), start=1):
            if not line.startswith("#"):
                lines.append(number)
                yield line

    reader = csv.reader(content())
    header = next(reader, None)
    if header is None:
        raise DataError(f"{name}: the file has no header line")
    for column in header:
        if column not in fields:
            raise DataError(f"{name}:{lines[0]}: unknown column {column!r} (known: {', '.join(fields)})")
    missing = [f for f, spec in fields.items() if f not in header
               and spec.default is dataclasses.MISSING and spec.default_factory is dataclasses.MISSING]
    if missing:
        raise DataError(f"{name}:{lines[0]}: missing column {missing[0]!r}")
    rows = []
    for cells in reader:
        line = lines[reader.line_num - 1]
        if len(cells) != len(header):
            raise DataError(f"{name}:{line}: expected {len(header)} cells, found {len(cells)}")
        rows.append(shape(**{column: _cell(cell, hints[column], f"{name}:{line}: {column}")
                             for column, cell in zip(header, cells)}))
    return rows


def _cell(text: str, kind: Any, where: str) -> Any:
    """One CSV cell as `kind`: str, int, float, or Optional of one (empty: None)."""
    args = typing.get_args(kind)
    if type(None) in args:
        if text == "":
            return None
        kind = next(a for a in args if a is not type(None))
    if kind is str:
        return text
    try:
        return kind(text)
    except ValueError:
        raise DataError(f"{where}: expected {_SCALARS.get(kind, kind.__name__)}, found {text!r}") from None


def load_data(name: str, shape: type[T]) -> T:
    """The YAML data file `name` as an instance of `shape` (a dataclass, or a list of one),
    checked against it (once per process)."""
    return _loaded(name, typing.cast(Any, shape))


@lru_cache(maxsize=None)
def _loaded(name: str, shape: Any) -> Any:
    with _path(name).open(encoding="utf-8") as fh:
        text = fh.read()
    return read_data(text, name, shape)


def read_data(text: str, name: str, shape: type[T]) -> T:
    """`text` (the YAML of the file `name`) as an instance of `shape`, checked against it."""
    value, node = _parsed(text, name)
    if node is None:
        raise DataError(f"{name}: the file is empty")
    return _checked(value, node, shape, _Where(name, ""))


# libyaml's parser when PyYAML was built with it: the same nodes, lines and values, several
# times faster to load the data files at startup (each worker process loads them all).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _parsed(text: str, name: str) -> tuple[Any, Optional[yaml.Node]]:
    loader = _LOADER(text)
    try:
        node = loader.get_single_node()  # one parse: the nodes carry the lines, the values are built from them
        value = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        raise DataError(f"{name}{line}: not valid YAML ({getattr(exc, 'problem', None) or exc})") from None
    finally:
        loader.dispose()
    return value, node


@dataclasses.dataclass(frozen=True)
class _Where:
    file: str
    path: str

    def at(self, node: yaml.Node, problem: str) -> DataError:
        where = f"{self.file}:{node.start_mark.line + 1}"
        return DataError(f"{where}: {self.path}: {problem}" if self.path else f"{where}: {problem}")

    def key(self, key: Any) -> _Where:
        return _Where(self.file, f"{self.path}.{key}" if self.path else str(key))


def _record(value: Any, node: yaml.Node, shape: type[T], where: _Where) -> T:
    """A mapping as the dataclass `shape`: every key known, every field without default present."""
    fields = {f.name: f for f in dataclasses.fields(typing.cast(Any, shape))}
    if not isinstance(value, dict) or not isinstance(node, yaml.MappingNode):
        raise where.at(node, f"expected a mapping of {', '.join(fields)}")
    hints = _hints(typing.cast(Any, shape))
    given = {}
    for key, key_node, value_node in _entries(value, node):
        if key not in fields:
            raise where.at(key_node, f"unknown key {key!r} (known: {', '.join(fields)})")
        given[key] = _checked(value[key], value_node, hints[key], where.key(key))
    missing = [name for name, f in fields.items() if name not in given
               and f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING]
    if missing:
        raise where.at(node, f"missing key {missing[0]!r}")
    return shape(**given)


@lru_cache(maxsize=None)
def _hints(shape: type) -> dict[str, Any]:
    return typing.get_type_hints(shape)


def _checked(value: Any, node: yaml.Node, kind: Any, where: _Where) -> Any:
    """The value, once it is seen to be of `kind`."""
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if kind is Any:
        return value
    if origin in (Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        return _one_of(value, node, [a for a in args if a is not type(None)], where)
    if dataclasses.is_dataclass(kind):
        return _record(value, node, kind, where)  # type: ignore[arg-type]
    if origin is list:
        if not isinstance(value, list):
            raise where.at(node, f"expected a list, found {_name(value)}")
        return [_checked(v, n, args[0], where.key(i)) for i, (v, n) in enumerate(zip(value, node.value))]
    if origin is dict:
        if not isinstance(value, dict) or not isinstance(node, yaml.MappingNode):
            raise where.at(node, f"expected a mapping, found {_name(value)}")
        return {_checked(key, key_node, args[0], where.key(key)): _checked(value[key], value_node, args[1], where.key(key))
                for key, key_node, value_node in _entries(value, node)}
    return _scalar(value, node, kind, where)


def _entries(value: dict, node: yaml.MappingNode) -> list[tuple[Any, yaml.Node, yaml.Node]]:
    """A mapping's keys with their key and value nodes (the mapping was built from the nodes, in
    their order, so they pair up unless a key was repeated)."""
    if len(value) == len(node.value):
        return [(key, key_node, value_node) for key, (key_node, value_node) in zip(value, node.value)]
    return [(yaml.safe_load(yaml.serialize(k)), k, v) for k, v in node.value]


def _one_of(value: Any, node: yaml.Node, kinds: list, where: _Where) -> Any:
    """The value as the first of `kinds` it fits ("a word or a list of words")."""
    for kind in kinds[:-1]:
        try:
            return _checked(value, node, kind, where)
        except DataError:
            continue
    return _checked(value, node, kinds[-1], where)


_SCALARS = {str: "a string", int: "an integer", float: "a number", bool: "true or false"}


def _scalar(value: Any, node: yaml.Node, kind: type, where: _Where) -> Any:
    ok = isinstance(value, kind) and not (kind in (int, float) and isinstance(value, bool)) \
        or (kind is float and isinstance(value, int) and not isinstance(value, bool))
    if not ok:
        raise where.at(node, f"expected {_SCALARS.get(kind, kind.__name__)}, found {_name(value)}")
    return value


def _name(value: Any) -> str:
    if value is None:
        return "nothing"
    return {str: "a string", int: "an integer", float: "a number", bool: "true or false",
            list: "a list", dict: "a mapping"}.get(type(value), type(value).__name__)
