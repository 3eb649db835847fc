"""One article in, one Ledger out: read → NLP → extract → resolve → ledger."""
from __future__ import annotations

import dataclasses
import gc
import re
from functools import lru_cache
from datetime import date, datetime
from typing import Any, Callable, Iterable, Iterator, Mapping, Optional

from spacy.language import Language
from spacy.tokens import Doc

from . import nlp as nlp_stage
from .allocator import keep_model_arrays_in_heap
from .article_input import ArticleInput
from .extract import attribution, event_lexicon, figures, stance  # noqa: F401  (register factories)
from .extract import claims as claim_extraction
from .extract import events as event_extraction
from .language import ENGLISH, NotEnglish
from .language import detect as detect_language
from .ledger import Article, Ledger
from .nlp.normalize import normalize
from .parts import PART_CHARS, join, parts
from .resolve import entities as entity_resolution
from .resolve.places import place_gazetteer
from .resolve.service import Resolver
from .vocabulary.actors import dictionary


def analyze(text: str, *, published: date | datetime | str | None = None, title: Optional[str] = None,
            url: Optional[str] = None, outlet: Optional[str] = None,
            model: Optional[str] = None, any_language: bool = False) -> Ledger:
    """Analyze one article's text; `published` anchors relative dates ("last Tuesday").

    Text in another language than English raises `NotEnglish` unless `any_language`."""
    item = ArticleInput(text=text, title=title, url=url, outlet=outlet, published=published)
    return next(analyze_many([item], model=model, any_language=any_language))


ErrorHandler = Callable[[ArticleInput, Exception], None]


def analyze_many(items: Iterable[ArticleInput], *, model: Optional[str] | Language = None,
                 batch_size: int = 16, on_error: Optional[ErrorHandler] = None,
                 any_language: bool = False) -> Iterator[Ledger]:
    """Stream articles through the spaCy pipeline in batches (nlp.pipe) for throughput.

    With `on_error`, an article that fails anywhere (its arguments, its language, the spaCy
    stage, extraction) is handed to it and skipped, so one odd article does not end a batch of
    thousands; without it the error propagates. Ledgers come out in input order. `model` is a
    model name, or a pipeline made by `assemble` (with other lexicons, say).

    Each group is analyzed in a spaCy memory zone: the words and strings its articles add to the
    shared vocabulary are dropped when the group is done (ledgers hold plain values, no spaCy
    objects), so a process that analyzes millions of articles does not grow with every new
    word, number and name it meets."""
    nlp = model if isinstance(model, Language) else prepared(model)
    for group in _groups(items, batch_size):
        ready = []
        for item in group:
            try:
                ready.append(_checked(item, any_language))
            except Exception as exc:  # noqa: BLE001  (reported through on_error, the batch goes on)
                _fail(item, exc, on_error)
        with nlp.memory_zone():
            ledgers = list(_analyzed(nlp, ready, on_error))
        yield from ledgers


def _groups(items: Iterable[ArticleInput], size: int) -> Iterator[list[ArticleInput]]:
    group: list[ArticleInput] = []
    for item in items:
        group.append(item)
        if len(group) >= size:
            yield group
            group = []
    if group:
        yield group


def _fail(item: ArticleInput, exc: Exception, on_error: Optional[ErrorHandler]) -> None:
    if on_error is None:
        raise exc
    on_error(item, exc)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _checked(item: ArticleInput, any_language: bool) -> tuple[ArticleInput, str]:
    """The item as the pipeline needs it, and its language; TypeError/ValueError say what is wrong."""
    if not isinstance(item, ArticleInput):
        raise TypeError(f"expected an ArticleInput, not {type(item).__name__}")
    if not isinstance(item.text, str):
        hint = " (decode bytes first, e.g. data.decode('utf-8'))" if isinstance(item.text, (bytes, bytearray)) else ""
        raise TypeError(f"text must be a str, not {type(item.text).__name__}{hint}")
    language = detect_language(item.text)
    if language != ENGLISH and not any_language:
        raise NotEnglish(language)
    published = published_date(item.published)
    source = None if published is None else item.published_source or "given"
    # A lone surrogate (half of a cut emoji, common in scraped JSON) cannot be written as UTF-8;
    # U+FFFD takes its place, one character for one, so offsets stay valid.
    fields = {name: _SURROGATE.sub("\ufffd", value) for name in ("text", "title", "url", "outlet")
              if isinstance(value := getattr(item, name), str)}
    return dataclasses.replace(item, **fields, published=published, published_source=source), language


def published_date(value: date | datetime | str | None) -> Optional[date]:
    """A publication date from a date, a datetime (its day) or an ISO 8601 string."""
    if value is None or type(value) is date:
        return value
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return date(value.year, value.month, value.day)
    if isinstance(value, str):
        from .read import parse_published

        return parse_published(value)
    raise TypeError(f"published must be a date, a datetime or a 'YYYY-MM-DD' string, "
                    f"not {type(value).__name__}")


def _analyzed(nlp: Language, entries: list[tuple[ArticleInput, str]],
              on_error: Optional[ErrorHandler]) -> Iterator[Ledger]:
    """Ledgers for checked entries, in order: short texts batched, long ones in parts."""
    run: list[tuple[ArticleInput, str]] = []
    for entry in entries:
        if len(entry[0].text) <= PART_CHARS:
            run.append(entry)
            continue
        yield from _piped(nlp, run, on_error)
        run = []
        try:
            yield _in_parts(nlp, *entry)
        except Exception as exc:  # noqa: BLE001
            _fail(entry[0], exc, on_error)
    yield from _piped(nlp, run, on_error)


def _piped(nlp: Language, entries: list[tuple[ArticleInput, str]],
           on_error: Optional[ErrorHandler]) -> Iterator[Ledger]:
    """One nlp.pipe batch; if the spaCy stage fails on it, each article again alone, so that only
    the failing one is lost."""
    if not entries:
        return
    try:
        docs = list(nlp.pipe((_doc(nlp, item) for item, _ in entries), batch_size=len(entries)))
    except Exception as exc:  # noqa: BLE001
        if on_error is None:
            raise
        if len(entries) == 1:
            on_error(entries[0][0], exc)
            return
        for entry in entries:
            yield from _piped(nlp, [entry], on_error)
        return
    for doc, (item, language) in zip(docs, entries):
        try:
            ledger = ledger_from_doc(doc, item, language)
        except Exception as exc:  # noqa: BLE001
            _fail(item, exc, on_error)
            continue
        yield ledger


def _doc(nlp: Language, item: ArticleInput) -> Doc:
    doc = nlp.make_doc(normalize(item.text))
    doc._.published = item.published
    doc._.source_text = item.text
    return doc


def _in_parts(nlp: Language, item: ArticleInput, language: str) -> Ledger:
    """A text over PART_CHARS analyzed part by part, one Doc alive at a time."""
    pieces = []
    for offset, text in parts(item.text):
        part = dataclasses.replace(item, text=text)
        pieces.append((offset, ledger_from_doc(nlp(_doc(nlp, part)), part, language)))
    return join(item.text, pieces)


# The extraction stage's vocabularies, held by the pipeline like the spaCy stage's (configured,
# saved and loaded with it; see nlp/data_component.py) and handed to each Doc.
EXTRACTION_COMPONENTS = ("newsledger_event_lexicon", "newsledger_cue_lexicon", "newsledger_stance_lexicon")


def assemble(model: Optional[str] = None, config: Optional[Mapping[str, Mapping[str, Any]]] = None) -> Language:
    """A fresh pipeline: the model (a package, or a folder a newsledger pipeline was saved to
    with nlp.to_disk) with every newsledger component. `config` gives components their settings,
    other lexicons for instance: {"newsledger_event_lexicon": {"triggers": "/abs/triggers.yaml"}}."""
    known = {name for name, _ in nlp_stage.COMPONENTS} | set(EXTRACTION_COMPONENTS)
    unknown = sorted(set(config or {}) - known)
    if unknown:
        raise ValueError(f"no newsledger component {unknown[0]!r} (known: {', '.join(sorted(known))})")
    nlp = nlp_stage.build(model, config)
    for name in EXTRACTION_COMPONENTS:
        nlp_stage.add_component(nlp, name, config)
    return nlp


def prepared(model: Optional[str] = None) -> Language:
    """The pipeline of `model`, assembled once per process, with the tables that resolution
    reads loaded up front; then moved out of the garbage collector's reach (gc.freeze): the
    gazetteer, actor dictionary and lexicons are long-lived objects that every full collection
    would otherwise rescan, at a cost of a few percent of analysis time. They live as long as
    the process anyway. The process's malloc thresholds are fixed too (allocator.py).
    `prepared()`, `prepared(None)` and `prepared("<the default model>")` are one pipeline
    (keyed by the model's name, not by how the call spelled it)."""
    return _prepared(nlp_stage.model_name(model))


def pipeline_builds() -> int:
    """How many pipelines this process has assembled (one per model it analyzed with)."""
    return _prepared.cache_info().misses


@lru_cache(maxsize=None)
def _prepared(model: str) -> Language:
    nlp = assemble(model)
    place_gazetteer()
    dictionary()
    gc.collect()
    gc.freeze()
    keep_model_arrays_in_heap()
    return nlp


def ledger_from_doc(doc: Doc, item: ArticleInput, language: str = ENGLISH) -> Ledger:
    article = Article(id=Article.id_for(item.text), title=item.title, url=item.url,
                      outlet=item.outlet, published=published_date(item.published), language=language,
                      published_source=item.published_source)
    resolver = Resolver(doc)
    events = event_extraction.extract(doc, resolver)
    claims = figures.link(doc, events, claim_extraction.extract(doc, events, resolver))
    return Ledger(
        text=item.text,
        article=article,
        events=events,
        claims=claims,
        entities=entity_resolution.mentions(doc),
        dates=list(doc._.dates or []),
        quantities=list(doc._.quantities or []),
    )
