"""What a reader hands to the analyzer: one article's text and what is known about it.

Its own module, free of spaCy, so that reading (read.py) sits below the analyzer and a web page
or a store can build inputs without loading the NLP stage."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Optional


@dataclass
class ArticleInput:
    """The text to analyze plus whatever metadata is known."""
    text: str
    title: Optional[str] = None
    url: Optional[str] = None
    outlet: Optional[str] = None
    published: date | datetime | str | None = None  # the analyzer reads it as a date (pipeline.published_date)
    origin: Optional[str] = None  # where it was read from ("batch.jsonl:3"), for messages
    published_source: Optional[str] = None  # "metadata" when read from the page; None: given
