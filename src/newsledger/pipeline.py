"""One article in, one Ledger out: read → NLP → extract → resolve → ledger."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Iterable, Iterator, Optional

from spacy.tokens import Doc

from . import nlp as nlp_stage
from .extract import claims as claim_extraction
from .extract import events as event_extraction
from .ledger import Article, Ledger
from .nlp.normalize import normalize
from .resolve import entities as entity_resolution


@dataclass
class ArticleInput:
    """What a reader hands to the analyzer: the text to analyze plus whatever metadata is known."""
    text: str
    title: Optional[str] = None
    url: Optional[str] = None
    outlet: Optional[str] = None
    published: Optional[date] = None


def analyze(text: str, *, published: Optional[date] = None, title: Optional[str] = None,
            url: Optional[str] = None, outlet: Optional[str] = None,
            model: Optional[str] = None) -> Ledger:
    """Analyze one article's text; `published` anchors relative dates ("last Tuesday")."""
    item = ArticleInput(text=text, title=title, url=url, outlet=outlet, published=published)
    return next(analyze_many([item], model=model))


def analyze_many(items: Iterable[ArticleInput], *, model: Optional[str] = None,
                 batch_size: int = 16) -> Iterator[Ledger]:
    """Stream articles through the spaCy pipeline in batches (nlp.pipe) for throughput."""
    nlp = nlp_stage.build(model)

    def docs_in(batch_items):
        for item in batch_items:
            doc = nlp.make_doc(normalize(item.text))
            doc._.published = item.published
            doc._.source_text = item.text
            yield doc, item

    for doc, item in nlp.pipe(docs_in(items), as_tuples=True, batch_size=batch_size):
        yield ledger_from_doc(doc, item)


def ledger_from_doc(doc: Doc, item: ArticleInput) -> Ledger:
    article = Article(id=Article.id_for(item.text), title=item.title, url=item.url,
                      outlet=item.outlet, published=item.published)
    events = event_extraction.extract(doc)
    claims = claim_extraction.extract(doc, events)
    return Ledger(
        text=item.text,
        article=article,
        events=events,
        claims=claims,
        entities=entity_resolution.mentions(doc),
        dates=list(doc._.dates or []),
        quantities=list(doc._.quantities or []),
    )
