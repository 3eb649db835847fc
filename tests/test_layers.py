"""Imports flow one way: each module imports only its own layer and the layers below it, and no
modules import each other in a circle. Both module-level imports and imports inside functions
count (an import hidden in a function is still a dependency). The reading side (ledger model,
reading, report) must load without spaCy: a web page or a query must not pay for the NLP stage."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "newsledger"

# Bottom to top. A module belongs to the first layer whose prefix names it (the package itself,
# newsledger/__init__, is the public facade and may import anything).
LAYERS: list[tuple[str, ...]] = [
    ("ledger", "article_input", "config", "resources", "vocabulary", "read",
     "language", "parts", "allocator"),  # model, data, reading; which language, long texts
    # in parts; the process's malloc settings
    ("nlp",),              # the spaCy stage
    ("resolve",),          # who and where the words refer to
    ("extract",),          # events and claims
    ("pipeline",),         # the analyzer that ties them
    ("report", "export", "store", "evaluate"),  # outputs
    ("incidents", "ingest"),  # ingest: reading -> analysis -> store
    ("web", "cluster"),
    ("cli", "__main__"),
]


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The newsledger modules this module imports anywhere in its body."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            # `from pkg import module` imports the module; `from module import name` the module.
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base
                       for alias in node.names]
        else:
            continue
        found.update(t for t in targets if t in known and t != name)
    return found


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imports(name, path, set(modules)) for name, path in modules.items()}


def _layer(name: str) -> int | None:
    relative = name.split(".")[1] if "." in name else ""
    for number, prefixes in enumerate(LAYERS):
        if relative in prefixes:
            return number
    return None


def test_every_module_has_a_layer():
    unplaced = [name for name in _graph() if name != "newsledger" and _layer(name) is None]
    assert not unplaced, f"add these to tests/test_layers.py LAYERS: {unplaced}"


def test_imports_point_down_the_layers():
    back_edges = [f"{source} (layer {_layer(source)}) imports {target} (layer {_layer(target)})"
                  for source, targets in sorted(_graph().items()) if source != "newsledger"
                  for target in sorted(targets)
                  if target != "newsledger" and (_layer(target) or 0) > (_layer(source) or 0)]
    assert not back_edges, "\n".join(back_edges)


def test_no_import_cycles():
    graph = _graph()
    cycles = [component for component in _strongly_connected(graph) if len(component) > 1]
    assert not cycles, "modules importing each other in a circle: " + "; ".join(
        " <-> ".join(sorted(component)) for component in cycles)


def _strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iterative."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components = []
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                components.append(component)
    return components


def test_the_check_sees_a_back_edge_inside_a_function(tmp_path):
    """The scanner itself: an import inside a function body counts."""
    module = tmp_path / "probe.py"
    module.write_text("def late():\n    from .pipeline import analyze\n    return analyze\n")
    assert _imports("newsledger.probe", module, {"newsledger.pipeline"}) == {"newsledger.pipeline"}


@pytest.mark.parametrize("module", ["newsledger", "newsledger.ledger", "newsledger.read",
                                    "newsledger.report", "newsledger.config", "newsledger.evaluate"])
def test_reading_side_loads_without_spacy(module):
    code = (f"import sys, {module}\n"
            "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('spacy', 'thinc', 'torch'))\n"
            "print(','.join(loaded))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "", f"import {module} loaded {result.stdout.strip()[:200]}"


def test_public_api_still_reaches_the_analyzer():
    import newsledger
    from newsledger.pipeline import analyze, analyze_many

    assert newsledger.analyze is analyze and newsledger.analyze_many is analyze_many
    assert {"analyze", "analyze_many", "ArticleInput", "Ledger", "load"} <= set(newsledger.__all__)
