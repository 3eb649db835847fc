"""One article in, one Ledger out: read → NLP → extract → resolve → ledger."""
from __future__ import annotations

import gc
from functools import lru_cache
from datetime import date
from typing import Callable, Iterable, Iterator, Optional

from spacy.language import Language
from spacy.tokens import Doc

from . import nlp as nlp_stage
from .article_input import ArticleInput
from .extract import attribution, event_lexicon, stance
from .extract import claims as claim_extraction
from .extract import events as event_extraction
from .ledger import Article, Ledger
from .nlp.normalize import normalize
from .resolve import entities as entity_resolution
from .resolve.places import gazetteer
from .vocabulary.actors import dictionary


def analyze(text: str, *, published: Optional[date] = None, title: Optional[str] = None,
            url: Optional[str] = None, outlet: Optional[str] = None,
            model: Optional[str] = None) -> Ledger:
    """Analyze one article's text; `published` anchors relative dates ("last Tuesday")."""
    item = ArticleInput(text=text, title=title, url=url, outlet=outlet, published=published)
    return next(analyze_many([item], model=model))


def analyze_many(items: Iterable[ArticleInput], *, model: Optional[str] = None,
                 batch_size: int = 16,
                 on_error: Optional[Callable[[ArticleInput, Exception], None]] = None) -> Iterator[Ledger]:
    """Stream articles through the spaCy pipeline in batches (nlp.pipe) for throughput.

    With `on_error`, an article whose extraction fails is handed to it and skipped, so one odd
    article does not end a batch of thousands; without it the error propagates."""
    nlp = prepared(model)

    def docs_in(batch_items):
        for item in batch_items:
            doc = nlp.make_doc(normalize(item.text))
            doc._.published = item.published
            doc._.source_text = item.text
            yield doc, item

    for doc, item in nlp.pipe(docs_in(items), as_tuples=True, batch_size=batch_size):
        if on_error is None:
            yield ledger_from_doc(doc, item)
            continue
        try:
            ledger = ledger_from_doc(doc, item)
        except Exception as exc:  # noqa: BLE001  (reported through on_error, the batch goes on)
            on_error(item, exc)
            continue
        yield ledger


@lru_cache(maxsize=None)
def prepared(model: Optional[str] = None) -> Language:
    """The spaCy pipeline with every table extraction reads loaded up front, then moved out of
    the garbage collector's reach (gc.freeze): the gazetteer, actor dictionary and lexicons are
    long-lived objects that every full collection would otherwise rescan, at a cost of a few
    percent of analysis time. They live as long as the process anyway."""
    nlp = nlp_stage.build(model)
    gazetteer()
    dictionary()
    event_lexicon.trigger_matcher(nlp.vocab)
    attribution.lexicon()
    stance.lexicon()
    gc.collect()
    gc.freeze()
    return nlp


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
