"""A short fuzzing run (bench/fuzz.py runs the long one): generated articles, JSONL lines and
HTML pages through the readers and analyze_many; no crash, no lost article, every ledger valid
JSON whose every span points into its text."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzz_inputs import articles, fuzz_batch, html_pages, jsonl_lines


@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(articles, min_size=16, max_size=32), st.lists(jsonl_lines(), max_size=8),
       st.lists(html_pages(), max_size=2))
def test_no_input_crashes_the_analyzer_or_gives_an_invalid_ledger(batch, lines, pages):
    _, failures = fuzz_batch(batch, lines, pages)
    assert failures == []
