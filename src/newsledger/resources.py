"""Loader for the data files shipped in newsledger/data (lexicons, dictionaries, tables)."""
from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml


def _path(name: str):
    return resources.files("newsledger") / "data" / name


@lru_cache(maxsize=None)
def load_yaml(name: str) -> Any:
    with _path(name).open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@lru_cache(maxsize=None)
def load_csv(name: str) -> tuple[dict[str, str], ...]:
    with _path(name).open(encoding="utf-8", newline="") as fh:
        rows = csv.DictReader(line for line in fh if not line.startswith("#"))
        return tuple(rows)
