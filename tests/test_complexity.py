"""No function in src/ that cannot be read on one screen: radon's cyclomatic complexity <= 25."""
from __future__ import annotations

from pathlib import Path

from radon.complexity import cc_visit
from radon.visitors import Function

SRC = Path(__file__).resolve().parents[1] / "src" / "newsledger"
LIMIT = 25


def test_every_function_stays_within_the_complexity_limit():
    over = {}
    for path in sorted(SRC.rglob("*.py")):
        for block in cc_visit(path.read_text(encoding="utf-8")):  # functions and methods (and classes)
            if isinstance(block, Function) and block.complexity > LIMIT:
                over[f"{path.relative_to(SRC.parent)}:{block.lineno} {block.fullname}"] = block.complexity
    assert not over, f"split these along their rule groups (limit {LIMIT}): {over}"
