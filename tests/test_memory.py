"""Memory over a long run: what analysing an article adds to spaCy's shared vocabulary (every new
word, name and number) is dropped after its batch, so an ingest or a cluster worker that analyzes
millions of articles does not grow with them (bench/scale.py measures worker RSS over 20,000)."""
from __future__ import annotations

from newsledger import ArticleInput, analyze_many
from newsledger.pipeline import prepared

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
