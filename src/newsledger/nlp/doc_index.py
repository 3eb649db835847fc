"""The per-Doc index: facts about a parsed Doc that later stages read thousands of times per
article, computed once on first use and kept with the Doc (under one `user_data` key), so that no
stage keeps a module-level cache of "the last Doc".

Each fact is read through spaCy's array API or once per token, because `doc._`, `doc[i]`,
`Doc.ents` and `Doc.char_span` build new Python objects on every call."""
from __future__ import annotations

from bisect import bisect_right
from typing import Any, Callable, Optional, TypeVar, cast

import numpy
from spacy.attrs import DEP, HEAD, IDX, IS_PUNCT, IS_SPACE, LENGTH, LOWER, ORTH, POS, SPACY, TAG
from spacy.lang.en.syntax_iterators import noun_chunks as english_noun_chunks
from spacy.symbols import NOUN, PRON, PROPN
from spacy.tokens import Doc
from spacy.tokens import Span as TokenSpan

from .generations import Generations

_KEY = "newsledger.index"
# spaCy's English noun chunks (spacy/lang/en/syntax_iterators.py): the labels of a chunk's head
_NP_DEPS = frozenset({"oprd", "nsubj", "dobj", "nsubjpass", "pcomp", "pobj", "dative", "appos", "attr", "ROOT"})
_NOMINAL = frozenset({NOUN, PROPN, PRON})
T = TypeVar("T")

# A word's string by its hash, shared by every Doc of the process: spaCy's StringStore decodes a
# new str on every lookup, and the same few thousand words make up most of every article.
# (A hash names the same string in every vocabulary.)
_WORDS: Generations[int, str] = Generations(1 << 12)


def words_of(doc: Doc, ids: list[int]) -> list[str]:
    """The strings of these hashes (ORTH, LOWER ... values of `doc.to_array`)."""
    found: list[Optional[str]] = list(map(_WORDS.newer.get, ids))  # most are known: one pass in C
    if None in found:
        strings = doc.vocab.strings
        for k, word in enumerate(found):
            if word is None:
                found[k] = _WORDS.get(ids[k], strings.__getitem__)
    return cast(list[str], found)  # no None left


class DocIndex:
    """Lazily computed, typed facts about one Doc."""

    __slots__ = ("doc", "_source", "_offsets", "_dateline_tokens", "_entities", "_tokens", "_lowers",
                 "_ent_chars", "_sentences", "_tables", "_lexicons", "_tree",
                 "_tags", "_is_space", "_sents", "_chunk_marks", "covering")

    def __init__(self, doc: Doc):
        self.doc = doc
        self._source: Optional[str] = None
        self._offsets: Optional[tuple[list[int], list[int]]] = None
        self._dateline_tokens: Optional[frozenset[int]] = None
        self._entities: Optional[tuple[list[TokenSpan], list[int]]] = None
        self._tokens: Optional[tuple[list[str], list[str], list[bool]]] = None
        self._lowers: Optional[list[str]] = None
        self._ent_chars: Optional[list[int]] = None
        self._sentences: Optional[tuple[list[tuple[int, int]], list[int], list[int]]] = None
        self._tree: Optional[tuple[list[int], list[str], list[list[int]]]] = None
        self._tags: Optional[list[str]] = None
        self._is_space: Optional[list[bool]] = None
        self._sents: Optional[list[TokenSpan]] = None
        self._chunk_marks: Optional[tuple[list[bool], list[int]]] = None
        self._tables: dict[type, Any] = {}
        # (start char, end char) -> the tokens overlapping them (see extensions.covering_span)
        self.covering: dict[tuple[int, int], Optional[TokenSpan]] = {}
        self._lexicons: dict[type, Any] = {}

    def tables(self, kind: type[T]) -> T:
        """A later stage's own per-Doc tables: one instance of `kind` (a class whose constructor
        takes no argument, typically a dataclass of memo dicts), made on first use. Each stage
        declares its tables as a class of its own, so they stay typed and need no shared keys."""
        try:
            return self._tables[kind]  # cheaper than `get` on the hot path (see index_of)
        except KeyError:
            found = self._tables[kind] = kind()
            return found

    def attach(self, lexicon: Any) -> None:
        """Keep a pipeline component's vocabulary with the Doc (see nlp/data_component.py)."""
        self._lexicons[type(lexicon)] = lexicon

    def lexicon(self, kind: type[T]) -> T:
        """The vocabulary of `kind` that the pipeline which made the Doc handed it."""
        try:
            return self._lexicons[kind]
        except KeyError:
            raise LookupError(f"this Doc has no {kind.__name__}: it was not made by a newsledger "
                              f"pipeline (newsledger.pipeline.assemble) with the component that holds it") from None

    @property
    def source(self) -> str:
        """The article's text as given (curly quotes and NBSP intact; the Doc holds its normalized twin)."""
        if self._source is None:
            given = self.doc._.source_text
            self._source = given if given is not None else self.doc.text
        return self._source

    @property
    def token_offsets(self) -> tuple[list[int], list[int]]:
        """Each token's start and end character offsets."""
        if self._offsets is None:
            starts = self.doc.to_array(IDX)
            self._offsets = (starts.tolist(), (starts + self.doc.to_array(LENGTH)).tolist())
        return self._offsets

    @property
    def dateline_tokens(self) -> frozenset[int]:
        """The token indices inside wire datelines (doc._.datelines, dash included)."""
        if self._dateline_tokens is None:
            self._dateline_tokens = frozenset(
                i for first, dash in self.doc._.datelines or () for i in range(first, dash + 1))
        return self._dateline_tokens

    @property
    def entities(self) -> tuple[list[TokenSpan], list[int]]:
        """The Doc's entities and their start tokens."""
        if self._entities is None:
            ents = list(self.doc.ents)
            self._entities = (ents, [e.start for e in ents])
        return self._entities

    @property
    def tokens(self) -> tuple[list[str], list[str], list[bool]]:
        """Each token's text, trailing whitespace and punctuation flag."""
        if self._tokens is None:
            attrs = self.doc.to_array([ORTH, SPACY, IS_PUNCT])
            self._tokens = (words_of(self.doc, attrs[:, 0].tolist()),
                            [" " if space else "" for space in attrs[:, 1].tolist()],
                            [punct == 1 for punct in attrs[:, 2].tolist()])
        return self._tokens

    @property
    def lowers(self) -> list[str]:
        """Each token's lowercase form."""
        if self._lowers is None:
            self._lowers = words_of(self.doc, self.doc.to_array(LOWER).tolist())
        return self._lowers

    @property
    def tree(self) -> tuple[list[int], list[str], list[list[int]]]:
        """Each token's head (its index; the root is its own head), dependency label and children
        (in order, as `Token.children` gives them): rules walk the parse without building Tokens."""
        if self._tree is None:
            attrs = self.doc.to_array([HEAD, DEP])
            heads = (numpy.arange(len(self.doc)) + attrs[:, 0].view(numpy.int64)).tolist()
            children: list[list[int]] = [[] for _ in heads]
            for i, head in enumerate(heads):
                if head != i:
                    children[head].append(i)
            self._tree = (heads, words_of(self.doc, attrs[:, 1].tolist()), children)
        return self._tree

    def subtree(self, i: int) -> set[int]:
        """The indices of token i's subtree, itself included (`Token.subtree`, as a set)."""
        children = self.tree[2]
        found, todo = {i}, [i]
        while todo:
            for child in children[todo.pop()]:
                found.add(child)
                todo.append(child)
        return found

    def noun_chunks(self, start: int, end: int) -> list[tuple[int, int]]:
        """The (start, end) of the noun chunks of tokens start..end, as the English syntax
        iterator (`doc.noun_chunks_iterator(doc[start:end])`) finds them, from the index's arrays;
        a Doc of another language asks its own iterator."""
        if self.doc.noun_chunks_iterator is not english_noun_chunks:  # type: ignore[attr-defined]
            return [(s, e) for s, e, _ in self.doc.noun_chunks_iterator(self.doc[start:end])]  # type: ignore[attr-defined]
        heads, deps, _ = self.tree
        nominal, left = self._nominal_and_left_edges()
        found, prev_end = [], -1
        for i in range(start, end):
            if not nominal[i] or left[i] <= prev_end:
                continue  # not a noun, or nested in the chunk before
            head = i
            if deps[i] == "conj":  # coordinated to a noun phrase: one of its own
                head = heads[i]
                while deps[head] == "conj" and heads[head] < head:
                    head = heads[head]
            if deps[head] in _NP_DEPS:
                prev_end = i
                found.append((left[i], i + 1))
        return found

    def _nominal_and_left_edges(self) -> tuple[list[bool], list[int]]:
        """Whether each token is a noun, proper noun or pronoun, and its subtree's first token."""
        if self._chunk_marks is None:
            heads = self.tree[0]
            left = list(range(len(heads)))
            for i in range(len(heads)):
                node = i
                while heads[node] != node and left[heads[node]] > i:
                    node = heads[node]
                    left[node] = i
            self._chunk_marks = ([pos in _NOMINAL for pos in self.doc.to_array(POS).tolist()], left)
        return self._chunk_marks

    @property
    def tags(self) -> list[str]:
        """Each token's fine-grained tag (`Token.tag_`)."""
        if self._tags is None:
            self._tags = words_of(self.doc, self.doc.to_array(TAG).tolist())
        return self._tags

    @property
    def is_space(self) -> list[bool]:
        """Whether each token is whitespace (`Token.is_space`)."""
        if self._is_space is None:
            self._is_space = [flag == 1 for flag in self.doc.to_array(IS_SPACE).tolist()]
        return self._is_space

    def ancestors(self, i: int) -> list[int]:
        """Token i's heads up to its sentence's root, nearest first (`Token.ancestors`)."""
        heads = self.tree[0]
        found = []
        while heads[i] != i:
            i = heads[i]
            found.append(i)
        return found

    @property
    def entity_start_chars(self) -> list[int]:
        """The character offset of each entity's start, in order."""
        if self._ent_chars is None:
            self._ent_chars = [e.start_char for e in self.entities[0]]
        return self._ent_chars

    @property
    def sents(self) -> list[TokenSpan]:
        """The sentences, as `Doc.sents` gives them (which builds new spans on every pass)."""
        if self._sents is None:
            self._sents = list(self.doc.sents)
        return self._sents

    @property
    def sentences(self) -> tuple[list[tuple[int, int]], list[int], list[int]]:
        """Each sentence's (start, end) token range, and the starts and ends as separate lists."""
        if self._sentences is None:
            table = [(s.start, s.end) for s in self.sents]
            self._sentences = (table, [s for s, _ in table], [e for _, e in table])
        return self._sentences

    def sentence_of(self, i: int) -> TokenSpan:
        """The sentence holding token i, as `Token.sent` gives it (and `Span.sent` for a span
        that starts at i: the first sentence it is in); they rescan the sentence marks each call.
        One span per sentence, made once."""
        return self.sents[bisect_right(self.sentences[1], i) - 1]


def index_of(doc: Doc) -> DocIndex:
    """The Doc's index, created on first use. (Extraction asks about 1,600 times per article:
    indexing the dict costs a fifth of calling its `get`.)"""
    try:
        return doc.user_data[_KEY]
    except KeyError:
        index = doc.user_data[_KEY] = DocIndex(doc)
        return index


def per_span(found: dict[tuple[int, int], T], words: TokenSpan, read: Callable[[TokenSpan], T]) -> T:
    """`read(words)`, worked out once per span and kept in `found` (one of the Doc's tables):
    merging, coreference and claims ask about the same spans again and again."""
    key = (words.start, words.end)
    try:
        return found[key]
    except KeyError:
        value = found[key] = read(words)
        return value
