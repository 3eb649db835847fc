"""Paste or upload an article: analyze it in the server process and store its ledger.

The analyzer (and spaCy) is imported on the first write only, so a read-only server starts fast
and never loads the model. Analyses run one at a time.
"""
from __future__ import annotations

from datetime import date
from typing import Optional

from fastapi import HTTPException
from pydantic import BaseModel, ConfigDict, Field

from .. import __version__

MAX_TEXT = 1_000_000  # characters; the request body limit bounds it too


class ArticleIn(BaseModel):
    """An article to analyze: its text and whatever metadata is known."""
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    text: str = Field(min_length=1, max_length=MAX_TEXT)
    title: Optional[str] = Field(None, max_length=1000)
    url: Optional[str] = Field(None, max_length=2000, pattern=r"^https?://\S+$")
    outlet: Optional[str] = Field(None, max_length=200)
    published: Optional[date] = Field(None, description="anchors relative dates like 'last Tuesday'")


class Stored(BaseModel):
    article: str = Field(description="the article's fingerprint: /api/v1/articles/{article} is its ledger")
    new: bool = Field(description="false when the store already held this article")
    events: int
    claims: int


def uploaded(data: bytes, filename: str) -> dict:
    """An uploaded text or HTML file as ArticleIn fields (HTML: its main text and metadata)."""
    from ..read import ReadError, article_from_html, article_from_text, decode, detect_format

    try:
        kind = detect_format(filename, data[:4096])
        if kind == "jsonl":
            raise ReadError(filename, "a JSONL batch: use `newsledger ingest` for batches")
        text = decode(data, filename)
        item = article_from_html(text, filename) if kind == "html" else article_from_text(text, filename)
    except ReadError as exc:
        raise HTTPException(400, str(exc)) from None
    fields = {"text": item.text, "title": item.title, "url": item.url, "outlet": item.outlet,
              "published": item.published}
    return {key: value for key, value in fields.items() if value is not None}


def analyze_and_store(app, article: ArticleIn) -> Stored:
    from ..nlp import ModelNotFound, model_name
    from ..pipeline import analyze
    from ..store import fingerprint

    with app.analyzing:
        try:
            ledger = analyze(article.text, published=article.published, title=article.title,
                             url=article.url, outlet=article.outlet, model=app.model)
        except ModelNotFound as exc:
            raise HTTPException(503, f"the analyzer is not available ({exc})") from None
        result = app.store.add(ledger, analyzer_version=__version__, model=model_name(app.model))
    return Stored(article=fingerprint(ledger), new=result.new == 1,
                  events=len(ledger.events), claims=len(ledger.claims))
