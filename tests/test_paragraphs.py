"""Paragraph and headline breaks become sentence breaks; hard-wrapped lines do not."""


def sentences(nlp, text):
    return [s.text.strip() for s in nlp(text).sents if s.text.strip()]


def test_headline_does_not_run_into_the_lede(nlp):
    text = ("Shelling hits market in eastern town\n\n"
            "GOMA, June 3 - Rebels shelled a market in the town on Friday, officials said.")
    assert sentences(nlp, text)[0] == "Shelling hits market in eastern town"


def test_single_line_break_after_a_full_stop_starts_a_sentence(nlp):
    text = "Police detained four protesters.\nthe ministry later released two of them."
    assert sentences(nlp, text) == ["Police detained four protesters.",
                                    "the ministry later released two of them."]


def test_hard_wrapped_line_inside_a_sentence_is_not_a_break(nlp):
    text = "The army said on Monday that\nrebels had attacked a village near the\nborder."
    assert len(sentences(nlp, text)) == 1


def test_headline_on_its_own_line_is_its_own_sentence(nlp):
    text = ("Troops withdraw from border town after talks\n"
            "Government troops withdrew from the town on Monday, the defence ministry said.")
    assert sentences(nlp, text)[0] == "Troops withdraw from border town after talks"
