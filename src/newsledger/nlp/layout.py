"""Article layout: wire datelines and headline lines, found once per Doc for every later stage.

A dateline ("KHARTOUM, May 14 —", "KYIV, Ukraine (AP) —", "GAZA CITY (Reuters) -") opens a line
of a wire report and says where the report was filed: its names are not where the events
happened, nobody's antecedent and no part of any claim. A headline or crosshead is a whole line,
made of whole sentences, that stops without end punctuation and has body text after it. Runs
after NER because a dateline's words are read by part of speech and entity type; the parser
may cut either one into several sentences, so both are read by line.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from spacy.attrs import IS_SPACE
from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from ..resources import read_data
from .data_component import DataComponent

TokenRange = tuple[int, int]


@dataclass(frozen=True)
class DatelineWords:
    """data/layout.yaml `dateline`: what a dateline is made of."""
    dashes: list[str]
    spaced_dashes: list[str]
    punctuation: list[str]
    word_pos: list[str]
    word_labels: list[str]
    marks: list[str]
    mark_labels: list[str]
    max_tokens: int


@dataclass(frozen=True)
class HeadlineWords:
    """data/layout.yaml `headline`: how a headline line ends and how long it is."""
    end_marks: list[str]
    min_words: int
    max_tokens: int


@dataclass(frozen=True)
class LayoutFile:
    """The shape of data/layout.yaml."""
    dateline: DatelineWords
    headline: HeadlineWords


@dataclass(frozen=True)
class LayoutWords:
    dashes: frozenset[str]
    spaced_dashes: frozenset[str]
    punctuation: frozenset[str]
    word_pos: frozenset[str]
    word_labels: frozenset[str]
    marks: frozenset[str]
    mark_labels: frozenset[str]
    dateline_max_tokens: int
    end_marks: frozenset[str]
    headline_min_words: int
    headline_max_tokens: int

    @classmethod
    def of(cls, data: LayoutFile) -> "LayoutWords":
        dateline, headline = data.dateline, data.headline
        return cls(
            dashes=frozenset(dateline.dashes),
            spaced_dashes=frozenset(dateline.spaced_dashes),
            punctuation=frozenset(dateline.punctuation),
            word_pos=frozenset(dateline.word_pos),
            word_labels=frozenset(dateline.word_labels),
            marks=frozenset(dateline.marks),
            mark_labels=frozenset(dateline.mark_labels),
            dateline_max_tokens=dateline.max_tokens,
            end_marks=frozenset(headline.end_marks),
            headline_min_words=headline.min_words,
            headline_max_tokens=headline.max_tokens,
        )


class LayoutFinder(DataComponent[LayoutWords]):
    """Sets doc._.datelines ((first token, dash token) pairs) and doc._.headlines ((start, end)
    token ranges of headline lines), with the words of its layout file (role: layout)."""

    def compile(self, texts: Mapping[str, str], names: Mapping[str, str]) -> LayoutWords:
        return LayoutWords.of(read_data(texts["layout"], names["layout"], LayoutFile))

    def __call__(self, doc: Doc) -> Doc:
        vocab = self.compiled
        lines = _lines(doc)
        doc._.datelines = [found for found in (_dateline(doc, line, vocab) for line in lines) if found]
        doc._.headlines = _headlines(doc, lines, vocab)
        return doc


@Language.factory("newsledger_layout", default_config={"layout": "layout.yaml"})
def make_layout_finder(nlp: Language, name: str, layout: str) -> LayoutFinder:
    return LayoutFinder(name, {"layout": layout})


def _lines(doc: Doc) -> list[TokenRange]:
    """(first word, last word + 1) of each line that has words."""
    lines: list[TokenRange] = []
    start = last = -1
    for i, space in enumerate(doc.to_array(IS_SPACE).tolist()):
        if not space:
            if start < 0:
                start = i
            last = i
        elif start >= 0 and "\n" in doc[i].text:
            lines.append((start, last + 1))
            start = -1
    if start >= 0:
        lines.append((start, last + 1))
    return lines


def _dateline(doc: Doc, line: TokenRange, vocab: LayoutWords) -> TokenRange | None:
    """A run of names, dates, numbers, capitals, commas and brackets opening the line and
    closed by a dash, marked as a dateline by capitals, a comma, a bracket or a date."""
    start, end = line
    first = doc[start]
    if not (first.is_upper or first.is_title or first.like_num or ":" in first.text):
        return None
    for tok in doc[start:min(end, start + vocab.dateline_max_tokens)]:
        if tok.i > start and _is_dash(tok, vocab):
            return (start, tok.i) if _marked(doc[start:tok.i], vocab) else None
        if not (tok.is_space or _dateline_word(tok, vocab)):
            return None
    return None


def _is_dash(tok: Token, vocab: LayoutWords) -> bool:
    return tok.text in vocab.dashes and (
        tok.text not in vocab.spaced_dashes or bool(tok.doc[tok.i - 1].whitespace_))


def _marked(words: TokenSpan, vocab: LayoutWords) -> bool:
    return any((t.is_upper and len(t) > 1) or t.text in vocab.marks or t.ent_type_ in vocab.mark_labels
               for t in words)


def _dateline_word(tok: Token, vocab: LayoutWords) -> bool:
    if tok.is_punct:  # a hyphen inside a name: "PORT-AU-PRINCE"
        return tok.text in vocab.punctuation or tok.ent_type_ in vocab.word_labels
    return tok.pos_ in vocab.word_pos or tok.like_num or tok.ent_type_ in vocab.word_labels \
        or tok.is_upper or ":" in tok.text


def _headlines(doc: Doc, lines: list[TokenRange], vocab: LayoutWords) -> list[TokenRange]:
    """Lines with body text after them that begin and end sentences (a hard-wrapped paragraph's
    lines do not), hold a few words and stop without end punctuation."""
    if len(lines) < 2:
        return []
    starts = _sentence_first_words(doc)
    found = []
    for (start, end), (following, _) in zip(lines, lines[1:]):
        if end - start > vocab.headline_max_tokens or start not in starts or following not in starts:
            continue
        last = doc[end - 1]
        if last.text in vocab.end_marks or (
                last.is_quote and end - 2 >= start and doc[end - 2].text in vocab.end_marks):
            continue
        if sum(not t.is_space and not t.is_punct for t in doc[start:end]) >= vocab.headline_min_words:
            found.append((start, end))
    return found


def _sentence_first_words(doc: Doc) -> set[int]:
    """The first word of each sentence (a sentence may open with the line break before it)."""
    firsts = set()
    for sent in doc.sents:
        i = sent.start
        while i < sent.end and doc[i].is_space:
            i += 1
        firsts.add(i)
    return firsts
