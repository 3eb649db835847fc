"""Behaviour check for refactors: the ledgers of two revisions, compared byte for byte.

    python bench/compare_ledgers.py compare [BASELINE_REV]   # default: main
    python bench/compare_ledgers.py build OUT_DIR            # this checkout's ledgers into OUT_DIR

`compare` checks BASELINE_REV out into a temporary git worktree, builds its ledgers with this
script (PYTHONPATH points at that worktree's src/, so the same virtual environment runs the other
revision's code), builds the working tree's ledgers the same way, and reports every file whose
bytes differ, with the first differing line. Baseline ledgers are kept per commit under
$TMPDIR/newsledger-ledgers/<sha>-<inputs> (the test articles' names and contents, which shared
texts are present), so comparing again against the same main costs one build.

The articles: the bundled examples (the text one with its publication date, the HTML page, the
JSONL batch), every test article in tests/articles/** (its `text` and `published`), the seed
article of ../shared/seed and, when present, the PolNeAR dev texts of ../shared/data (long real
prose; here only compared, never scored). Exit status 1 when any ledger differs.
"""
from __future__ import annotations

import argparse
import difflib
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED_PUBLISHED = date(2024, 1, 9)
EXAMPLE_PUBLISHED = date(2024, 3, 12)


def articles():
    """(name, ArticleInput) for every article the check covers, in a fixed order."""
    import yaml
    from newsledger import ArticleInput
    from newsledger.read import read

    example = ROOT / "examples" / "north-kivu-strikes.txt"
    yield "example-text", ArticleInput(text=next(read(example).articles).text, published=EXAMPLE_PUBLISHED)
    yield "example-html", next(read(ROOT / "examples" / "north-kivu-strikes.html").articles)
    for number, item in enumerate(read(ROOT / "examples" / "batch.jsonl").articles):
        yield f"example-batch-{number}", item
    for path in sorted((ROOT / "tests" / "articles").rglob("*.yaml")):
        case = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(case, dict) or not isinstance(case.get("text"), str):
            continue
        published = case.get("published")
        yield (f"tests-{path.parent.name}-{path.stem}",
               ArticleInput(text=case["text"], published=published if isinstance(published, date) else None))
    for path in sorted((SHARED / "seed").glob("*.txt")):
        yield f"seed-{path.stem}", ArticleInput(text=path.read_text(encoding="utf-8"), published=SEED_PUBLISHED)
    for path in sorted((SHARED / "data" / "polnear-dev" / "dev" / "text").glob("*.txt")):
        yield f"polnear-{path.stem}", ArticleInput(text=path.read_text(encoding="utf-8"))


def build(out: Path) -> None:
    """Analyze every article with the `newsledger` on sys.path; one `<name>.json` each."""
    import newsledger
    from newsledger import analyze_many

    out.mkdir(parents=True, exist_ok=True)
    named = list(articles())
    for (name, _), ledger in zip(named, analyze_many(item for _, item in named), strict=True):
        (out / f"{name}.json").write_text(ledger.to_json() + "\n", encoding="utf-8")
    print(f"{len(named)} ledgers from {Path(newsledger.__file__).parent} into {out}", file=sys.stderr)


def _build_with(src: Path, out: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(src))
    subprocess.run([sys.executable, str(Path(__file__).resolve()), "build", str(out)],
                   env=env, check=True, cwd=ROOT)


def _inputs_key() -> str:
    """What the ledgers are built from besides the code: the test articles' names and bytes (both
    sides read this working tree's, uncommitted edits included) and which shared texts are here."""
    digest = hashlib.sha256()
    for path in sorted((ROOT / "tests" / "articles").rglob("*.yaml")):
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    for shared in (SHARED / "seed", SHARED / "data" / "polnear-dev"):
        digest.update(f"{shared.name}:{shared.exists()}".encode())
    return digest.hexdigest()[:12]


def _baseline(revision: str) -> Path:
    sha = subprocess.run(["git", "rev-parse", revision], cwd=ROOT, check=True,
                         capture_output=True, text=True).stdout.strip()
    cache = Path(tempfile.gettempdir()) / "newsledger-ledgers" / f"{sha}-{_inputs_key()}"
    if (cache / ".complete").exists():
        print(f"baseline {revision} ({sha[:10]}): cached in {cache}", file=sys.stderr)
        return cache
    shutil.rmtree(cache, ignore_errors=True)
    checkout = Path(tempfile.mkdtemp(prefix="newsledger-baseline-"))
    subprocess.run(["git", "worktree", "add", "--quiet", "--detach", str(checkout), sha], cwd=ROOT, check=True)
    try:
        _build_with(checkout / "src", cache)
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(checkout)], cwd=ROOT, check=False)
    (cache / ".complete").touch()
    return cache


def compare(revision: str) -> int:
    baseline = _baseline(revision)
    with tempfile.TemporaryDirectory(prefix="newsledger-current-") as tmp:
        current = Path(tmp)
        _build_with(ROOT / "src", current)
        return _report(baseline, current, revision)


def _report(baseline: Path, current: Path, revision: str) -> int:
    names = sorted({p.name for p in baseline.glob("*.json")} | {p.name for p in current.glob("*.json")})
    differing = []
    for name in names:
        old, new = baseline / name, current / name
        if old.exists() and new.exists() and old.read_bytes() == new.read_bytes():
            continue
        differing.append(name)
        old_lines = old.read_text(encoding="utf-8").splitlines() if old.exists() else ["<missing>"]
        new_lines = new.read_text(encoding="utf-8").splitlines() if new.exists() else ["<missing>"]
        diff = list(difflib.unified_diff(old_lines, new_lines, revision, "working tree", n=1, lineterm=""))
        print(f"DIFFERS {name}\n  " + "\n  ".join(diff[:12]))
    print(f"{len(names) - len(differing)}/{len(names)} ledgers byte-identical to {revision}")
    return 1 if differing or not names else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("build").add_argument("out", type=Path)
    compare_parser = commands.add_parser("compare")
    compare_parser.add_argument("revision", nargs="?", default="main")
    args = parser.parse_args()
    if args.command == "build":
        build(args.out)
        return 0
    return compare(args.revision)


if __name__ == "__main__":
    sys.exit(main())
