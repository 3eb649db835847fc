"""Reading annotations to score against: newsledger gold JSON, or brat standoff (PolNeAR).

Two formats, one shape: a `GoldDocument` per article, with the events and claims of the
newsledger gold format (../shared/gold/README.md) or the Source/Cue/Content spans of a brat
annotation. No spaCy here: the evaluator runs wherever ledgers can be read.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

GOLD_FORMAT = "newsledger-gold/1"
BRAT_LABELS = ("Source", "Cue", "Content")


class GoldError(ValueError):
    """Annotations that cannot be read; the message names the file."""


@dataclass
class GoldEvent:
    id: str
    type: str
    quotes: list[str]
    core: bool
    slots: dict  # actor, target, place, date, fatalities: as the gold file gives them


@dataclass
class GoldClaim:
    id: str
    quote: str
    core: bool
    claimant: Optional[dict]
    quantities: list[dict]
    stance: Optional[str]


@dataclass
class GoldDocument:
    """One annotated article. `key` pairs it with a prediction (file stem or URL id); `text`
    is known for brat (its .txt file) and left to the prediction for gold JSON."""
    key: str
    origin: str
    text: Optional[str] = None
    events: list[GoldEvent] = field(default_factory=list)
    claims: list[GoldClaim] = field(default_factory=list)
    # brat (attribution) documents only: label -> [(start, end)]; None for ledger gold
    spans: Optional[dict[str, list[tuple[int, int]]]] = None

    def quotes(self) -> list[str]:
        return [q for e in self.events for q in e.quotes] + [c.quote for c in self.claims]


def load_gold(path: str | Path) -> list[GoldDocument]:
    """Gold documents from a gold JSON file, a brat .ann file (its .txt beside it or in a
    sibling text/ folder), or a folder of either (PolNeAR's split folders included)."""
    path = Path(path)
    if not path.exists():
        raise GoldError(f"{path}: no such file or folder")
    if path.is_dir():
        docs = [doc for file in sorted(path.rglob("*.gold.json")) for doc in _gold_json(file)]
        docs += [_brat(file) for file in sorted(path.rglob("*.ann"))]
        if not docs:
            raise GoldError(f"{path}: no *.gold.json or brat *.ann files in this folder")
        return docs
    if path.suffix == ".ann":
        return [_brat(path)]
    return _gold_json(path)


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise GoldError(f"{path}: not UTF-8 text") from None
    except OSError as exc:
        raise GoldError(f"{path}: cannot read ({exc.strerror or exc})") from None


def _gold_json(path: Path) -> list[GoldDocument]:
    try:
        data = json.loads(_read_text(path))
    except json.JSONDecodeError as exc:
        raise GoldError(f"{path}: not JSON ({exc.msg}, line {exc.lineno})") from None
    if not isinstance(data, dict) or not isinstance(data.get("events", []), list) \
            or not isinstance(data.get("claims", []), list) \
            or not ({"events", "claims"} & data.keys() or data.get("format") == GOLD_FORMAT):
        raise GoldError(f"{path}: not a newsledger gold file (expected 'events' and 'claims' lists)")
    article = data.get("article")
    if not isinstance(article, dict):
        article = {}
    key = Path(str(article.get("file") or path.name.removesuffix(".gold.json"))).stem
    try:
        events = [_event(e, n) for n, e in enumerate(data.get("events", []), 1)]
        claims = [_claim(c, n) for n, c in enumerate(data.get("claims", []), 1)]
    except (KeyError, TypeError, AttributeError) as exc:
        raise GoldError(f"{path}: malformed gold entry ({type(exc).__name__}: {exc})") from None
    return [GoldDocument(key=key, origin=str(path), events=events, claims=claims)]


def _event(entry: dict, number: int) -> GoldEvent:
    quotes = entry["quotes"]
    if not quotes or not all(isinstance(q, str) and q for q in quotes):
        raise TypeError(f"event {entry.get('id', number)} has no quotes")
    slots = {k: entry[k] for k in ("actor", "target", "place", "date", "fatalities") if entry.get(k)}
    return GoldEvent(id=str(entry.get("id") or f"E{number}"), type=str(entry["type"]).upper(),
                     quotes=list(quotes), core=bool(entry.get("core", True)), slots=slots)


def _claim(entry: dict, number: int) -> GoldClaim:
    if not isinstance(entry["quote"], str) or not entry["quote"]:
        raise TypeError(f"claim {entry.get('id', number)} has no quote")
    return GoldClaim(id=str(entry.get("id") or f"C{number}"), quote=entry["quote"],
                     core=bool(entry.get("core", True)), claimant=entry.get("claimant") or None,
                     quantities=list(entry.get("quantities") or []), stance=entry.get("stance"))


def _brat(ann: Path) -> GoldDocument:
    """A brat .ann file; PolNeAR names it `<article>_<annotator>.ann` and keeps the article in
    ../text/<article>.txt. Discontinuous spans ("0 5;9 14") count from first start to last end."""
    text_file = _brat_text(ann)
    spans: dict[str, list[tuple[int, int]]] = {label: [] for label in BRAT_LABELS}
    for number, line in enumerate(_read_text(ann).splitlines(), 1):
        fields = line.split("\t")
        if not line.startswith("T") or len(fields) < 2:
            continue
        label, _, offsets = fields[1].partition(" ")
        if label not in spans:
            continue
        try:
            pieces = [tuple(int(x) for x in piece.split()) for piece in offsets.split(";")]
            start, end = pieces[0][0], pieces[-1][-1]
        except (ValueError, IndexError):
            raise GoldError(f"{ann}: line {number}: bad offsets {offsets!r}") from None
        spans[label].append((start, end))
    return GoldDocument(key=text_file.stem, origin=str(ann), text=_read_text(text_file), spans=spans)


def _brat_text(ann: Path) -> Path:
    stem = ann.stem
    candidates = [ann.with_suffix(".txt")]
    if "_" in stem:
        article = stem.rsplit("_", 1)[0]
        candidates += [ann.with_name(article + ".txt"), ann.parent.parent / "text" / (article + ".txt")]
    candidates.append(ann.parent.parent / "text" / (stem + ".txt"))
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise GoldError(f"{ann}: its article text ({candidates[0].name}) was not found beside it "
                    f"or in ../text/")
