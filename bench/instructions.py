"""Throughput in instructions: bare spaCy vs newsledger on the same corpus, counted by callgrind.

    python bench/instructions.py [--articles 5] [--real] [--model NAME] [--keep DIR]

Wall-clock and even CPU time move by several percent on a shared machine; instruction counts do
not, so this is the measure for deciding whether a change helps (bench/throughput.py stays the
measure of the target). The script runs itself once under valgrind's callgrind with
instrumentation off, so that importing spaCy and loading both pipelines run at valgrind's bare
speed; once both are loaded and warmed up, it asks this script to switch instrumentation on
(callgrind_control -i on) and runs each pass (bare spaCy's nlp.pipe, our spaCy stage's nlp.pipe,
the full analyze_many) as a ctypes callback that libc's qsort calls; callgrind counts only what
runs inside ctypes's callback entry and writes one profile per pass (--toggle-collect,
--dump-after). The ratio printed is bare / newsledger instructions, comparable with
bench/throughput.py's words/second ratio. `--keep DIR` keeps the profiles for
callgrind_annotate. Needs valgrind (and its callgrind_control) on the PATH.

NOT YET SEEN TO FINISH. Loading, not counting, is what takes the time: with instrumentation on
from the start, `--articles 10` had not finished after 10 minutes on the idle machine; with it
off until the passes, `--articles 5` reached the passes (the child said "ready" and
callgrind_control switched instrumentation on) after 53 minutes, about 10 CPU minutes, on the
shared machine at load 8-10, and was stopped there for lack of time, so no count came out yet. Timed phase by phase under callgrind with
instrumentation off (CPU seconds, native in brackets): import spacy 8.1 (0.8), spacy.load 4.5
(0.6), newsledger's nlp.build (the model again, the gazetteer's entity-ruler patterns, data
files) over 40 (1.5). Next step: find what in nlp.build valgrind runs 30x slower than native
(the entity ruler's ~2,500 phrase patterns are the first suspect) and load it from a saved
pipeline, or count a pipeline without the gazetteer for both revisions. (A cheaper counter is
not at hand here: `perf stat -e instructions:u` answers "not supported" in this VM.)
"""
from __future__ import annotations

import argparse
import ctypes
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Callable

# ctypes's entry for a Python callback called from C: only our marker calls one.
MARKER = "closure_fcn"
PASSES = ("bare", "pipeline", "newsledger")
MIN_PASS = 10_000_000  # instructions; any pass over a few words costs far more


def inside_marker(run: Callable[[], object]) -> None:
    """Call `run` as a ctypes callback (the comparison function of libc's qsort on two items)."""
    libc = ctypes.CDLL("libc.so.6")
    compare_type = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)
    calls = []

    def compare(_a: object, _b: object) -> int:
        if not calls:
            calls.append(run())
        return 0

    items = (ctypes.c_int * 2)(0, 1)
    libc.qsort(items, 2, ctypes.sizeof(ctypes.c_int), compare_type(compare))


def measured(args: argparse.Namespace) -> None:
    """Inside callgrind: load, warm up, then each pass in its own marker call."""
    import spacy

    from newsledger import analyze_many
    from newsledger import nlp as nlp_stage
    from newsledger.pipeline import prepared

    items = corpus(args)
    texts = [item.text for item in items]
    model = nlp_stage.model_name(args.model)
    bare = spacy.load(model)
    ours = prepared(model)
    list(bare.pipe(texts[:5]))
    list(ours.pipe(texts[:5]))
    list(analyze_many(items[:5], model=model))
    print("ready", flush=True)  # the parent switches instrumentation on, then answers
    sys.stdin.readline()
    runs = {"bare": lambda: list(bare.pipe(texts, batch_size=16)),
            "pipeline": lambda: list(ours.pipe(texts, batch_size=16)),
            "newsledger": lambda: list(analyze_many(items, model=model))}
    for name in PASSES:
        inside_marker(runs[name])


def corpus(args: argparse.Namespace) -> list:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    if args.real:
        from throughput_real import DEFAULT_DATA, articles

        return articles(DEFAULT_DATA)[: args.articles]
    from throughput import corpus as synthetic

    return synthetic(args.articles)


def totals(folder: Path) -> list[int]:
    """The instruction count of each pass, in order: the dumps callgrind wrote on leaving the
    marker (none other than the passes is expected: MIN_PASS keeps out anything small)."""
    counts = []
    for path in sorted(folder.glob("callgrind.out.*"), key=lambda p: int(p.name.rsplit(".", 1)[1])):
        match = re.search(r"^(?:summary|totals): (\d+)", path.read_text(), re.M)
        if match and int(match.group(1)) > MIN_PASS:
            counts.append(int(match.group(1)))
    return counts


def run_counted(command: list[str]) -> None:
    """Run the measured child under callgrind; switch instrumentation on once it has loaded."""
    env = {**os.environ, "PYTHONHASHSEED": "0", "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
    child = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, env=env, text=True)
    assert child.stdin is not None and child.stdout is not None
    if child.stdout.readline().strip() != "ready":
        sys.exit(f"the measured process ended before its passes (exit status {child.wait()})")
    subprocess.run(["callgrind_control", "--instr=on", str(child.pid)], check=True,
                   stdout=subprocess.DEVNULL)
    child.stdin.write("go\n")
    child.stdin.flush()
    if child.wait() != 0:
        sys.exit(f"the measured process failed (exit status {child.returncode})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=5)
    parser.add_argument("--real", action="store_true", help="PolNeAR dev articles instead of synthetic ones")
    parser.add_argument("--model", default=None, help="spaCy model (default: newsledger's)")
    parser.add_argument("--keep", type=Path, default=None, help="keep callgrind's profiles in DIR")
    parser.add_argument("--measured", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measured:
        measured(args)
        return
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed (apt-get install valgrind)")
    folder = Path(tempfile.mkdtemp(prefix="newsledger-callgrind-"))
    command = ["valgrind", "--tool=callgrind", "--instr-atstart=no", "--collect-atstart=no",
               f"--toggle-collect={MARKER}",
               f"--dump-after={MARKER}", f"--callgrind-out-file={folder}/callgrind.out",
               sys.executable, __file__, "--measured", "--articles", str(args.articles)]
    command += ["--real"] if args.real else []
    command += ["--model", args.model] if args.model else []
    run_counted(command)
    counts = totals(folder)
    if len(counts) != len(PASSES):
        sys.exit(f"expected {len(PASSES)} profiles from callgrind, found {len(counts)} in {folder}")
    cost = dict(zip(PASSES, counts))
    kind = "PolNeAR dev articles" if args.real else "synthetic articles"
    print(f"corpus: {args.articles} {kind}; instructions (callgrind Ir)")
    for name in PASSES:
        print(f"  {name:<11} {cost[name]:>16,}  ({cost[name] / cost['bare']:.3f}x bare)")
    print(f"ratio newsledger / bare: {cost['bare'] / cost['newsledger']:.3f}x (target >= 0.80x)")
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        for path in folder.glob("callgrind.out*"):
            shutil.move(str(path), args.keep / path.name)
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
