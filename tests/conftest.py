"""Shared fixtures: the real spaCy pipeline, loaded once per test session."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from newsledger import analyze
from newsledger.nlp import build

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(scope="session")
def nlp():
    return build()


@pytest.fixture(scope="session")
def analyze_text():
    """analyze() with a fixed default publication date so relative dates resolve."""
    def run(text: str, published: date | None = date(2024, 3, 12), **kw):
        return analyze(text, published=published, **kw)
    return run
