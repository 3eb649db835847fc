"""The model's attribute rules applied by lookup (nlp/attribute_rules.py) give every token the
same POS, morphology, lemma, tag and dependency as spaCy's own AttributeRuler."""
from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG
from spacy.pipeline import AttributeRuler

from newsledger.nlp import model_name
from newsledger.nlp.attribute_rules import IndexedAttributeRuler, index_attribute_ruler

from conftest import SHARED

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
# The model's word exceptions: contractions, pronoun case by dependency, the expletive "there is",
# determiners used as pronouns, and whitespace tokens.
TRICKY = [
    "I told them y'all were gon na lose, and let 's be honest: nothin' was goin' right.",
    "There is no ceasefire. It was there that you saw it, and I did too; they did what they had.",
    "That was what the army said.\n\nThis is  the second paragraph,\n with a broken line.",
    "C'mon, 'em fighters 'll do it, said the ol' commander. Somethin' happened.",
    # two-token rules ("ai" + "n't", "y'" + "all"), met again after the memo has their rows
    "They ain't leaving, y'all. We ai n't either, and y' all know it; they ain't done.",
    "",
    "   \n",
]


def _annotations(nlp, texts: list[str]) -> list[list[list[int]]]:
    return [doc.to_array([POS, TAG, DEP, HEAD, MORPH, LEMMA]).tolist() for doc in nlp.pipe(texts)]


@pytest.fixture(scope="module")
def pipelines():
    stock = spacy.load(model_name(), exclude=["lemmatizer"])
    indexed = spacy.load(model_name(), exclude=["lemmatizer"])
    index_attribute_ruler(indexed)
    return stock, indexed


def test_the_indexed_ruler_replaces_the_stock_one_with_the_same_rules(pipelines, nlp):
    stock, indexed = pipelines
    ruler = indexed.get_pipe("attribute_ruler")
    assert type(ruler) is IndexedAttributeRuler
    assert ruler.patterns == stock.get_pipe("attribute_ruler").patterns
    assert type(nlp.get_pipe("attribute_ruler")) is IndexedAttributeRuler  # what analyze() runs


def test_every_token_gets_the_stock_rulers_attributes(pipelines):
    texts = TRICKY + [(EXAMPLES / "north-kivu-strikes.txt").read_text(encoding="utf-8")]
    texts += [path.read_text(encoding="utf-8") for path in sorted((SHARED / "seed").glob("*.txt"))]
    stock, indexed = pipelines
    assert _annotations(indexed, texts) == _annotations(stock, texts)


def test_a_rule_the_tables_cannot_read_goes_to_the_matcher(pipelines):
    """A rule with an operator ("OP") is left to spaCy's Matcher, with the same result."""
    stock_nlp, _ = pipelines
    texts = ["Rebels rebels attacked the town.", "The rebels said rebels rebels were near."]
    results = []
    for ruler in (AttributeRuler(stock_nlp.vocab), IndexedAttributeRuler(stock_nlp.vocab)):
        ruler.add([[{"LOWER": "rebels", "OP": "+"}, {"TAG": "VBD"}]], {"LEMMA": "insurgent"}, index=-2)
        ruler.add([[{"TAG": "DT"}]], {"POS": "PRON"})
        docs = [ruler(doc) for doc in stock_nlp.pipe(texts, disable=["attribute_ruler"])]
        results.append([[(t.lemma_, t.pos_) for t in doc] for doc in docs])
    assert results[0] == results[1]
    assert ("insurgent", "") in results[1][0]
