"""The analyzer's shortcuts answer as the plain way would: the one pipeline per model, and the
bisection that finds attributions reported inside another one's content."""
from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import given, strategies as st

from newsledger import nlp as nlp_stage
from newsledger.extract import attribution
from newsledger.pipeline import pipeline_builds, prepared

ARTICLES = Path(__file__).parent / "articles"


def test_one_pipeline_whichever_way_the_default_model_is_named(nlp):
    builds = pipeline_builds()
    assert prepared() is nlp
    assert prepared(None) is nlp
    assert prepared(nlp_stage.model_name(None)) is nlp
    assert pipeline_builds() == builds  # none of these assembled a second pipeline


def _outermost_by_scan(atts):
    """The plain definition: every pair of attributions compared."""
    spans = [a.whole_content or a.contents[0] for a in atts]

    def within(a, span):
        return span[0] <= a.cue[0] < span[1]

    return [a for a, own in zip(atts, spans)
            if not any(b is not a and within(a, other) and not within(b, own)
                       and (b.assertive or not a.assertive) for b, other in zip(atts, spans))]


def test_outermost_attributions_equal_the_pairwise_scan(nlp, monkeypatch):
    real = attribution._outermost
    seen = []

    def recording(atts):
        kept = real(atts)
        seen.append((list(atts), kept))
        return kept

    monkeypatch.setattr(attribution, "_outermost", recording)
    texts = [yaml.safe_load(path.read_text(encoding="utf-8"))["text"]
             for path in sorted((ARTICLES / "claims").glob("*.yaml"))]
    nested = 0
    for doc in nlp.pipe(texts):
        attribution.find(doc)
    for atts, kept in seen:
        assert [id(a) for a in kept] == [id(a) for a in _outermost_by_scan(atts)]
        nested += len(atts) - len(kept)
    assert len(seen) == len(texts) and nested > 0  # some articles report a report inside another


_ranges = st.tuples(st.integers(0, 40), st.integers(1, 25)).map(lambda r: (r[0], r[0] + r[1]))
_attributions = st.builds(
    lambda cue, content, whole, assertive: attribution.Attribution(
        cue=(cue, cue + 1), source=None, contents=[content], kind="verb", assertive=assertive,
        whole_content=whole),
    st.integers(0, 60), _ranges, st.none() | _ranges, st.booleans())


@given(st.lists(_attributions, max_size=12))
def test_outermost_equals_the_pairwise_scan_on_any_nesting(atts):
    """Contents of every width, cues at their edges: the bisection window never misses one."""
    assert [id(a) for a in attribution._outermost(atts)] == [id(a) for a in _outermost_by_scan(atts)]


def test_the_index_finds_the_sentence_that_token_sent_and_span_sent_find(nlp):
    """DocIndex.sentence_of (a bisection over the sentence starts) gives, for every token and
    every stretch of up to four tokens of real articles, the sentence spaCy's own rescan gives
    (for a stretch that runs into the next sentence, the first)."""
    from newsledger.nlp.doc_index import index_of

    texts = [yaml.safe_load(path.read_text(encoding="utf-8"))["text"]
             for path in sorted((ARTICLES / "claims").glob("*.yaml"))[:12]]
    crossing = 0
    for doc in nlp.pipe(texts):
        index = index_of(doc)
        for token in doc:
            assert index.sentence_of(token.i) == token.sent
            for width in range(1, 5):
                if token.i + width <= len(doc):
                    words = doc[token.i:token.i + width]
                    assert index.sentence_of(words.start) == words.sent
                    crossing += words.end > words.sent.end
    assert crossing > 0  # some stretches run into the next sentence


def test_covering_span_is_char_span_expanded(nlp):
    """covering_span (a bisection over the token offsets) gives the tokens that
    `doc.char_span(start, end, alignment_mode="expand")` gives, for ranges that begin and end
    anywhere in real articles: inside words, on their edges and in the spaces between them (a
    range of spaces alone covers no token: None here, an empty span there)."""
    from newsledger.nlp.extensions import covering_span

    texts = [yaml.safe_load(path.read_text(encoding="utf-8"))["text"]
             for path in sorted((ARTICLES / "claims").glob("*.yaml"))[:4]]
    compared = 0
    for doc in nlp.pipe(texts):
        length = len(doc.text)
        for start in range(0, length, 4):
            for end in (start + 1, start + 2, start + 7, start + 40):
                if end <= length:
                    found = covering_span(doc, start, end)
                    expected = doc.char_span(start, end, alignment_mode="expand")
                    assert found == expected or found is None and expected is not None and len(expected) == 0
                    compared += found is not None
    assert compared > 300


def test_the_index_parse_arrays_equal_the_token_attributes(nlp):
    """The index's parse arrays (heads, labels, children, ancestors, subtrees, tags, spaces,
    sentences) that rules read instead of Token attributes hold, for every token of real
    articles, what spaCy's own Token and Doc attributes give."""
    from newsledger.nlp.doc_index import index_of

    texts = [yaml.safe_load(path.read_text(encoding="utf-8"))["text"]
             for path in sorted((ARTICLES / "events").glob("*.yaml"))[:40]]
    checked = 0
    for doc in nlp.pipe(texts):
        index = index_of(doc)
        heads, deps, children = index.tree
        assert index.sents == list(doc.sents)
        for token in doc:
            i = token.i
            assert (heads[i], deps[i], index.tags[i], index.is_space[i]) == (
                token.head.i, token.dep_, token.tag_, token.is_space)
            assert children[i] == [c.i for c in token.children]
            assert index.ancestors(i) == [a.i for a in token.ancestors]
            assert index.subtree(i) == {t.i for t in token.subtree}
            checked += 1
    assert checked > 1000


def test_the_index_noun_chunks_equal_spacys_iterator(nlp):
    """DocIndex.noun_chunks (spaCy's English rules over the index's arrays, with subtree edges
    of its own) finds, sentence by sentence in real articles, the chunks spaCy's iterator finds."""
    from newsledger.nlp.doc_index import index_of

    texts = [yaml.safe_load(path.read_text(encoding="utf-8"))["text"]
             for path in sorted((ARTICLES / "events").glob("*.yaml"))[:40]]
    chunks = 0
    for doc in nlp.pipe(texts):
        index = index_of(doc)
        assert index._nominal_and_left_edges()[1] == [t.left_edge.i for t in doc]
        for sent in doc.sents:
            expected = [(s, e) for s, e, _ in doc.noun_chunks_iterator(sent)]
            assert index.noun_chunks(sent.start, sent.end) == expected
            chunks += len(expected)
    assert chunks > 300
