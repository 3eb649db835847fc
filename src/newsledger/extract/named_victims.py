"""Victims named after the act: reports often give a count first ("five farmers were shot dead")
and the names later, in a sentence of their own ("The victims were identified as A, B and C",
"The two wounded nuns are A and B") or after a colon ("the following officers died in the
clash: A, B and C"). Such a list says who the event's casualty phrase stands for."""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from ..nlp.doc_index import index_of
from .event_lexicon import EventLexicon, lexicon

COPULAS = frozenset({"is", "are", "was", "were"})
NAME_TAGS = frozenset({"NNP", "NNPS"})
NOT_A_NAME_START = frozenset({"ADV", "VERB", "AUX", "ADP", "PART", "SCONJ"})


def victim_lists(doc: Doc) -> list[TokenSpan]:
    """The name lists of the article's naming sentences, in text order."""
    lex = lexicon(doc)
    found = (_named_list(sent, lex) for sent in index_of(doc).sents)
    return [span for span in found if span is not None]


def _named_list(sent: TokenSpan, lex: EventLexicon) -> Optional[TokenSpan]:
    start = _after_colon(sent, lex) or _after_naming_verb(sent, lex)
    if start is None:
        return None
    end = sent.end
    while end > start and (sent.doc[end - 1].is_punct or sent.doc[end - 1].is_space):
        end -= 1
    names = sent.doc[start:end]
    if not any(t.tag_ in NAME_TAGS or t.ent_type_ == "PERSON" for t in names):
        return None  # "the dead were mostly children": no names
    if names[0].pos_ in NOT_A_NAME_START or (names[0].pos_ == "ADJ" and names[0].dep_ == "acomp"):
        return None  # "the body is currently at the hospital", "... bodies are due to meet in X"
    return names


def _after_colon(sent: TokenSpan, lex: EventLexicon) -> Optional[int]:
    """"the following officers died: A, B and C": where the list after the colon starts."""
    index = index_of(sent.doc)
    lowers, texts, (heads, deps, _) = index.lowers, index.tokens[0], index.tree
    opener = next((i for i in range(sent.start, sent.end) if lowers[i] in lex.list_words and deps[i] == "amod"), None)
    if opener is None:
        return None
    return next((i + 1 for i in range(sent.start, sent.end) if texts[i] == ":" and i > heads[opener]), None)


def _after_naming_verb(sent: TokenSpan, lex: EventLexicon) -> Optional[int]:
    """"the victims were identified as A and B", "the wounded are A and B": where the names start."""
    root = sent.root
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or not (_names_victims(subject, lex) or _they_after_victims(subject, sent, lex)):
        return None
    if root.lower_ in COPULAS:
        return root.i + 1
    if root.lower_ in lex.naming_verbs:
        return next((c.i + 1 for c in root.children if c.dep_ == "prep" and c.lower_ == "as"), None)
    return None


def _they_after_victims(subject: Token, sent: TokenSpan, lex: EventLexicon) -> bool:
    """"The names of the four people killed were released. They are A, B, C and D": "they"
    right after a sentence whose subject speaks of victims."""
    if subject.lower_ != "they" or sent.start == 0:
        return False
    before = sent.doc[sent.start - 1].sent.root
    return any(c.dep_ in ("nsubj", "nsubjpass") and any(t.lower_ in lex.victim_words for t in c.subtree)
               for c in before.children)


def _names_victims(subject: Token, lex: EventLexicon) -> bool:
    """"the victims", "the two wounded nuns", "one of the injured persons", "those who were
    kidnapped": the subject's head, or a word or clause that describes it, or the head of its
    "of" phrase, is a victim word."""
    heads = [subject] + [o for p in subject.children if p.dep_ == "prep" and p.lower_ == "of"
                         for o in p.children if o.dep_ == "pobj"]
    return any(h.lower_ in lex.victim_words or any(
        c.dep_ in ("amod", "compound", "acl", "relcl") and c.lower_ in lex.victim_words for c in h.children)
        for h in heads)
