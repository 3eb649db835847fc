"""Which language an article is in, so that non-English text is not silently read as English.

English prose is recognised cheaply by its share of English function words; text short of
them (and text mostly outside the Latin script) goes to py3langid, whose model ships inside
its wheel, so nothing is downloaded. Too little text to tell counts as English: the analyzer
then finds little or nothing, which is harmless, while a false "not English" would lose an
article.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .resources import load_data

ENGLISH = "en"
_WORD = re.compile(r"[^\W\d_]+")


class NotEnglish(ValueError):
    """An article in another language, skipped unless the caller asks for any language."""

    def __init__(self, language: str):
        super().__init__(f"the text is in language {language!r}, not English")
        self.language = language


@dataclass(frozen=True)
class LanguageFile:
    """The shape of data/language.yaml: when a text counts as English without a model."""
    min_letters: int
    english_share: float
    latin_share: float
    confidence: float
    sample_chars: int
    function_words: list[str]


@lru_cache(maxsize=1)
def _settings() -> tuple[LanguageFile, frozenset[str]]:
    data = load_data("language.yaml", LanguageFile)
    return data, frozenset(data.function_words)


def detect(text: str) -> str:
    """The ISO 639-1 code of the text's language ("en" when English or too short to tell)."""
    settings, function_words = _settings()
    sample = text[:settings.sample_chars]
    words = _WORD.findall(sample)
    letters = sum(len(word) for word in words)
    if letters < settings.min_letters:
        return ENGLISH
    english = sum(1 for word in words if word.lower() in function_words)
    if english >= settings.english_share * len(words):
        return ENGLISH
    latin = sum(1 for word in words for ch in word if ch < "\u0250")
    language, probability = _identifier().classify(" ".join(words))
    if latin < settings.latin_share * letters:
        return language if language != ENGLISH else "und"
    return language if probability >= settings.confidence else ENGLISH


@lru_cache(maxsize=1)
def _identifier():
    """py3langid's identifier with probabilities (loading its model takes a second or more)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
