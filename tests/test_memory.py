"""Memory over a long run: what analysing an article adds to spaCy's shared vocabulary (every new
word, name and number) is dropped after its batch, so an ingest or a cluster worker that analyzes
millions of articles does not grow with them (bench/scale.py measures worker RSS over 20,000)."""
from __future__ import annotations

import random

from newsledger import ArticleInput, analyze_many
from newsledger.nlp import doc_index
from newsledger.pipeline import prepared
from newsledger.vocabulary.actors import fold

PLACES = ["Qelvarosk", "Dunmirav", "Ostrelai"]
SPEAKERS = ["Mirtavo Zelundi", "Anjeka Prowlitz", "Tesmar Uldoveny"]


def article(place: str, speaker: str, killed: int) -> ArticleInput:
    return ArticleInput(text=f"Gunmen attacked the village of {place} on Monday, killing {killed:,} "
                             f"civilians, said {speaker}, a local official.", published="2024-03-12")


def test_words_new_to_the_vocabulary_leave_it_after_their_batch():
    nlp = prepared()  # the pipeline analyze_many runs
    list(analyze_many([article("Goma", "Jean Mbala", 3)]))  # the code paths and tables used once
    strings, vocabulary = len(nlp.vocab.strings), set(nlp.vocab.strings)
    items = [article(place, speaker, 1000 + 37 * number)
             for number, (place, speaker) in enumerate(zip(PLACES, SPEAKERS))]

    ledgers = list(analyze_many(items, batch_size=2))

    assert len(nlp.vocab.strings) == strings
    assert set(nlp.vocab.strings) == vocabulary
    assert [ledger.events[0].place.text for ledger in ledgers] == PLACES  # read after the zone
    assert [ledger.events[0].source.name for ledger in ledgers] == SPEAKERS
    assert [ledger.events[0].fatalities.min for ledger in ledgers] == [1000, 1037, 1074]


def made_up_names(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    syllables = ["ka", "ro", "vel", "mi", "dun", "tsa", "or", "bel", "ni", "qua", "zer", "lo"]
    return ["".join(rng.choice(syllables) for _ in range(4)).capitalize() for _ in range(count)]


def test_the_word_caches_stay_bounded_in_a_stream_of_new_names():
    """The caches a worker keeps for the whole process do not grow with a stream whose every
    article names new places and people (6,000 new words here): nlp/doc_index.py's strings of
    words (two hashes a word: as written and lower case) stay within their bound, and every word
    still reads right after the cache turned; the alias folding cache is as full as after one."""
    list(analyze_many([article("Goma", "Jean Mbala", 3)]))
    folded = fold.cache_info().currsize
    names_per_article, articles = 100, 60
    items = [ArticleInput(text=f"Gunmen attacked {', '.join(names)} on Monday, killing 4 civilians.",
                          published="2024-03-12")
             for names in (made_up_names(names_per_article, seed) for seed in range(articles))]

    list(analyze_many(items))

    cached = len(doc_index._WORDS)
    assert cached <= 2 * doc_index._WORDS.bound + 4 * names_per_article  # one article over the bound
    assert fold.cache_info().currsize == folded
    nlp = prepared()
    with nlp.memory_zone():
        doc = nlp(items[0].text + " " + ", ".join(made_up_names(names_per_article, articles)))
        index = doc_index.index_of(doc)
        assert index.tokens[0] == [token.text for token in doc]
        assert index.lowers == [token.lower_ for token in doc]


def test_the_attribute_rules_memo_turns_over_and_keeps_its_results(monkeypatch):
    """nlp/attribute_rules.py remembers the one-token rules of every token row it met, in two
    generations; with a small bound, a stream of new names turns them over many times, the memo
    stays within it, and an article analyzed again gives the same ledger as the first time."""
    nlp = prepared(None)
    first = next(analyze_many([article("Goma", "Jean Mbala", 3)], model=nlp)).to_json()
    tables = nlp.get_pipe("attribute_ruler")._compiled()
    monkeypatch.setattr(tables.seen, "bound", 500)
    items = [ArticleInput(text=f"Officials in {', '.join(made_up_names(100, seed))} said on Monday "
                               f"that 4 civilians were killed.", published="2024-03-12")
             for seed in range(1000, 1030)]

    list(analyze_many(items, model=nlp))

    assert 0 < len(tables.seen.newer) <= 500 and 0 < len(tables.seen.older) <= 500
    assert next(analyze_many([article("Goma", "Jean Mbala", 3)], model=nlp)).to_json() == first
