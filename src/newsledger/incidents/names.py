"""Names folded across spellings, transliterations and diacritics, and known aliases.

"Mohammed al-Husseini", "Muhammad al-Hussaini" and "Mohamed Al-Husseini" fold to the same words;
"Khan Younis" and "Khan Yunis" too. Rules (data/names.yaml): strip diacritics, lowercase, drop
particles ("al", "ibn"), unify letter groups transliterations write differently, collapse
doubled letters, a consonantal y after a consonant, and a final "h" after a vowel. Aliases (data/aliases.yaml and the files in
$NEWSLEDGER_ALIASES) map a nom de guerre to its person's folded name.
"""
from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Optional

from ..resources import load_data, read_data

ALIASES_ENV = "NEWSLEDGER_ALIASES"
Folded = tuple[str, ...]


@dataclass(frozen=True)
class NamesFile:
    """The shape of data/names.yaml: name particles to drop and spellings folded together."""
    particles: list[str]
    letters: dict[str, str]


@dataclass(frozen=True)
class AliasEntry:
    """One person of an aliases file (data/aliases.yaml, $NEWSLEDGER_ALIASES)."""
    name: str
    aliases: list[str] = field(default_factory=list)


@lru_cache(maxsize=1)
def _rules() -> tuple[frozenset, re.Pattern, dict]:
    data = load_data("names.yaml", NamesFile)
    letters = dict(data.letters)
    pattern = re.compile("|".join(sorted(map(re.escape, letters), key=len, reverse=True)))
    return frozenset(data.particles), pattern, letters


@lru_cache(maxsize=65536)
def fold(name: str) -> Folded:
    """The name's words in folded form: ("muhamad", "husini") for "Mohammed al-Husseini"."""
    return fold_text(name)


def fold_text(text: str) -> Folded:
    """Every word of a text folded like a name (the text is not cached: texts are long and seen
    once; its words are, since most words of an article recur in the next one)."""
    particles = _rules()[0]
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return tuple(_fold_word(word) for word in re.findall(r"[a-z]+", plain) if word not in particles)


@lru_cache(maxsize=65536)
def _fold_word(word: str) -> str:
    _, pattern, letters = _rules()
    word = pattern.sub(lambda m: letters[m.group(0)], word)
    word = re.sub(r"(?<=[^aiu])y(?=[aiu])", "i", word)  # Yahya / Yahia
    word = re.sub(r"(.)\1+", r"\1", word)
    return re.sub(r"(?<=[aiu])h$", "", word)


def same_person(a: Folded, b: Folded) -> bool:
    """Equal words, or two or more words of the shorter all in the longer ("Hassan Mahdi" and
    "Hassan Ali Mahdi")."""
    if a == b:
        return bool(a)
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return len(short) >= 2 and set(short) <= set(long_)


def canonical(name: str, aliases: Optional[dict[Folded, Folded]] = None) -> Folded:
    """The folded name, or the folded name of the person it is an alias of."""
    folded = fold(name)
    table = alias_table() if aliases is None else aliases
    return table.get(folded, folded)


def alias_table(extra: Iterable[str | Path] = ()) -> dict[Folded, Folded]:
    files = tuple(str(p) for p in extra) + tuple(p for p in os.environ.get(ALIASES_ENV, "").split(os.pathsep) if p)
    return _alias_table(files)


@lru_cache(maxsize=8)
def _alias_table(files: tuple[str, ...]) -> dict[Folded, Folded]:
    entries = list(load_data("aliases.yaml", list[AliasEntry]))
    for path in files:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ValueError(f"{path}: cannot read aliases ({exc})") from None
        entries += read_data(text, path, list[AliasEntry]) if text.strip() else []
    table = {}
    for entry in entries:
        person = fold(entry.name)
        for alias in entry.aliases:
            table[fold(alias)] = person
    return table
