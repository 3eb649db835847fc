"""Base forms without spaCy's lemmatizer (excluded for speed): suffix rules plus a data table.

The rules only need to be consistent, not perfect: measure keys compare lemmas produced by
the same rules in two articles, and lexicon look-ups try every plausible base form. Words the
rules get wrong go in data/lemmas.yaml.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from ..resources import load_data

VOWELS = set("aeiou")
# Final consonant -> vowels before it that signal a silent final "e" (stat-ed -> state).
_SILENT_E_AFTER = {
    "t": "aou", "d": "aeiou", "k": "aiou", "r": "aiou", "m": "aeiou", "n": "ai",
    "p": "aiy", "b": "iuo", "l": "ui",
}
_ALWAYS_E = set("cvzus")
_KEEP_DOUBLE = set("lsfz")


@dataclass(frozen=True)
class LemmasFile:
    """The shape of data/lemmas.yaml: irregular forms and their base form."""
    irregular: dict[str, str]


@lru_cache(maxsize=1)
def _irregular() -> dict[str, str]:
    return {k.lower(): v.lower() for k, v in load_data("lemmas.yaml", LemmasFile).irregular.items()}


def _silent_e(stem: str) -> bool:
    if len(stem) < 3:
        return False
    last, before = stem[-1], stem[-2]
    if last in VOWELS - {"u"} or before == last:
        return False
    if last == "g":
        return before not in "ng"
    if last in _ALWAYS_E:
        return True
    if before not in VOWELS or stem[-3] in VOWELS:
        return False
    return before in _SILENT_E_AFTER.get(last, "")


def _undouble(stem: str) -> str | None:
    if len(stem) > 3 and stem[-1] == stem[-2] and stem[-1] not in VOWELS | _KEEP_DOUBLE:
        return stem[:-1]
    return None


def candidates(word: str) -> list[str]:
    """Every plausible base form of `word`, most likely first (for lexicon membership tests)."""
    w = word.lower()
    irregular = _irregular().get(w)
    out = [irregular] if irregular else []
    out.append(w)
    for suffix in ("ing", "ed"):
        if w.endswith(suffix) and len(w) > len(suffix) + 2:
            stem = w[: -len(suffix)]
            out += [x for x in (_undouble(stem), stem + "e", stem) if x]
    if w.endswith("ied") or w.endswith("ies"):
        out.append(w[:-3] + "y")
    if w.endswith("es"):
        out.append(w[:-2])
    if w.endswith("s") and not w.endswith("ss"):
        out.append(w[:-1])
    if w.endswith("d") and len(w) > 3:
        out.append(w[:-1])
    return list(dict.fromkeys(out))


def lemma_of(word: str, tag: str) -> str:
    """The single best base form given a Penn tag (VBD, VBN, VBG, VBZ, NNS, ...)."""
    w = word.lower()
    irregular = _irregular().get(w)
    if irregular:
        return irregular
    if tag in ("VBD", "VBN", "VBG"):
        suffix = "ing" if w.endswith("ing") else "ed" if w.endswith("ed") else None
        if w.endswith("ied") and len(w) > 4:
            return w[:-3] + "y"
        if suffix and len(w) > len(suffix) + 2:
            stem = w[: -len(suffix)]
            return _undouble(stem) or (stem + "e" if _silent_e(stem) else stem)
        return w
    if tag in ("VBZ", "NNS", "NNPS"):
        if w.endswith("ies") and len(w) > 4:
            return w[:-3] + "y"
        if w.endswith(("sses", "shes", "ches", "xes", "zes")):
            return w[:-2]
        if w.endswith("s") and not w.endswith(("ss", "us", "is")):
            return w[:-1]
    return w


def lemma(token: Token) -> str:
    return lemma_of(token.text, token.tag_)
