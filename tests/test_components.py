"""The pipeline's components are configured the spaCy way: a saved pipeline loads with its
vocabulary and gives the same ledgers, and a pipeline can be given other lexicons, which it keeps
when saved and loaded again, while the default pipeline stays as it was."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import spacy

from newsledger import ArticleInput
from newsledger.pipeline import analyze_many, assemble
from newsledger.resources import DataError, read_text

from conftest import SHARED

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
PUMMELED = "Government troops pummeled the rebel town of Kamango on Tuesday."
GRUMBLED = "The mayor of Beni grumbled that 40 homes had burned in the night."


def _ledgers(nlp, texts: list[str]) -> list[str]:
    items = [ArticleInput(text=text, published=date(2024, 3, 12)) for text in texts]
    return [ledger.to_json() for ledger in analyze_many(items, model=nlp)]


def _articles() -> list[str]:
    texts = [(EXAMPLES / "north-kivu-strikes.txt").read_text(encoding="utf-8")]
    texts += [path.read_text(encoding="utf-8") for path in sorted((SHARED / "seed").glob("*.txt"))]
    return texts


@pytest.fixture(scope="module")
def other_lexicons(tmp_path_factory) -> dict[str, dict[str, str]]:
    """Copies of the shipped trigger and cue files with one more event verb and reporting verb."""
    folder = tmp_path_factory.mktemp("lexicons")
    triggers = read_text("event_triggers.yaml").replace(
        "triggers:\n", 'triggers:\n  - {lemma: pummel, pos: VERB, cameo: "195"}\n', 1)
    cues = read_text("attribution.yaml").replace("verbs:\n  - say\n", "verbs:\n  - grumble\n  - say\n", 1)
    (folder / "triggers.yaml").write_text(triggers, encoding="utf-8")
    (folder / "cues.yaml").write_text(cues, encoding="utf-8")
    return {"newsledger_event_lexicon": {"triggers": str(folder / "triggers.yaml")},
            "newsledger_cue_lexicon": {"cues": str(folder / "cues.yaml")}}


def test_a_saved_pipeline_loads_and_gives_the_same_ledgers(nlp, tmp_path):
    texts = _articles()
    nlp.to_disk(tmp_path / "pipeline")
    assert (tmp_path / "pipeline" / "newsledger_event_lexicon" / "triggers.yaml").read_text(
        encoding="utf-8") == read_text("event_triggers.yaml")
    loaded = assemble(str(tmp_path / "pipeline"))
    assert loaded.pipe_names == nlp.pipe_names
    assert _ledgers(loaded, texts) == _ledgers(nlp, texts)


def _found(nlp) -> tuple[list[str], list[str]]:
    pummeled, grumbled = (next(analyze_many([ArticleInput(text=t)], model=nlp)) for t in (PUMMELED, GRUMBLED))
    return ([f"{e.type} {e.trigger}" for e in pummeled.events],
            [c.cue.text for c in grumbled.claims if c.cue is not None])


def test_other_lexicons_find_their_words_and_survive_saving(other_lexicons, tmp_path, nlp):
    assert _found(nlp) == ([], [])  # the shipped lexicons know neither word
    other = assemble(config=other_lexicons)
    assert _found(other) == (["ASSAULT pummeled"], ["grumbled"])
    other.to_disk(tmp_path / "other")
    for path in other_lexicons.values():
        Path(next(iter(path.values()))).unlink()  # the saved pipeline needs the files no more
    assert _found(assemble(str(tmp_path / "other"))) == (["ASSAULT pummeled"], ["grumbled"])
    assert _found(nlp) == ([], [])  # the default pipeline is unchanged


def test_a_component_saves_to_bytes_too(nlp):
    cues = nlp.get_pipe("newsledger_cue_lexicon")
    copy = spacy.blank("en").add_pipe("newsledger_cue_lexicon", config={"cues": "/nonexistent/cues.yaml"})
    copy.from_bytes(cues.to_bytes())
    assert copy.compiled.verbs == cues.compiled.verbs


def test_a_broken_lexicon_names_its_file_and_line(tmp_path):
    broken = tmp_path / "cues.yaml"
    broken.write_text(read_text("attribution.yaml").replace("verbs:\n  - say\n", "verbs:\n  - [say]\n", 1),
                      encoding="utf-8")
    nlp = spacy.blank("en")
    component = nlp.add_pipe("newsledger_cue_lexicon", config={"cues": str(broken)})
    with pytest.raises(DataError, match=rf"^{broken}:7: verbs.0: expected a string, found a list"):
        component.initialize(nlp=nlp)


def test_an_unknown_component_in_the_config_is_refused():
    with pytest.raises(ValueError, match="no newsledger component 'newsledger_nothing'"):
        assemble(config={"newsledger_nothing": {}})
