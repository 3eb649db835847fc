"""Reading the ledgers to score: `newsledger analyze` output in any of its shapes.

A JSON ledger, a JSON array of ledgers, JSONL (one a line), or a folder of those files.
Each ledger is keyed by what can pair it with its gold document: the article's URL id
(`heldout:<id>` as ../shared/eval/suites.py writes it, or the URL's last path part), its
title, and the stem of a file that holds one ledger.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..ledger import Ledger


class PredictionError(ValueError):
    """Ledgers that cannot be read; the message names the file (and line)."""


@dataclass
class Prediction:
    keys: frozenset[str]
    ledger: Ledger


def load_predictions(path: str | Path) -> list[Prediction]:
    path = Path(path)
    if not path.exists():
        raise PredictionError(f"{path}: no such file or folder")
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.suffix in (".json", ".jsonl")
                       and not p.name.endswith(".gold.json"))
        found = [p for file in files for p in _file(file)]
        if not found:
            raise PredictionError(f"{path}: no ledger .json or .jsonl files in this folder")
        return found
    return _file(path)


def _file(path: Path) -> list[Prediction]:
    try:
        raw = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise PredictionError(f"{path}: not UTF-8 text") from None
    except OSError as exc:
        raise PredictionError(f"{path}: cannot read ({exc.strerror or exc})") from None
    try:
        data = json.loads(raw)
        rows = [(f"{path}", item) for item in (data if isinstance(data, list) else [data])]
    except json.JSONDecodeError:
        rows = []
        for number, line in enumerate(raw.splitlines(), 1):
            if line.strip():
                try:
                    rows.append((f"{path}:{number}", json.loads(line)))
                except json.JSONDecodeError as exc:
                    raise PredictionError(f"{path}: line {number}: not JSON ({exc.msg})") from None
    alone = len(rows) == 1
    return [_prediction(origin, item, path.name.split(".")[0] if alone else None)
            for origin, item in rows]


def _prediction(origin: str, item, file_stem) -> Prediction:
    if not isinstance(item, dict) or not isinstance(item.get("text"), str):
        raise PredictionError(f"{origin}: not a ledger (expected an object with 'text')")
    try:
        ledger = Ledger.from_dict(item)
    except (TypeError, ValueError, AttributeError, KeyError) as exc:
        raise PredictionError(f"{origin}: malformed ledger ({type(exc).__name__}: {exc})") from None
    article = ledger.article
    keys = {file_stem, article.title if article else None}
    url = (article.url or "") if article else ""
    if url:
        keys |= {url.removeprefix("heldout:"), url.rstrip("/").rsplit("/", 1)[-1].split(".")[0]}
    return Prediction(keys=frozenset(k for k in keys if k), ledger=ledger)
