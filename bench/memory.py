"""Peak memory of analyzing one long text: a 1,000,000-character and a 5,000,000-byte article.

    python bench/memory.py [--sizes 1000000c,5000000b] [--model NAME]

Each size runs in a fresh child process, so each peak (ru_maxrss) is its own: the model is
loaded, a warm-up article analyzed (the baseline), then the long text, built from
bench/throughput.py's synthetic news paragraphs with a few non-ASCII names so that bytes and
characters differ. A size ending in "c" counts characters, in "b" UTF-8 bytes. Texts over
100,000 characters are analyzed in parts (newsledger/parts.py), one part alive at a time;
the goal is under 1.5 GB peak for the 5,000,000-byte text.
"""
from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

ACCENTED = ["Béni", "Kaïs", "Mosul’s", "Zaporizhzhia—", "Sŭnch’ŏn", "São Tomé", "Kraków"]


def long_text(size: int, unit: str) -> str:
    """Paragraphs of synthetic news up to `size` characters ("c") or UTF-8 bytes ("b")."""
    from throughput import sentence

    rng = random.Random(size)
    paragraphs, used = [], 0
    while used < size:
        words = " ".join(sentence(rng) for _ in range(rng.randint(3, 8)))
        paragraph = f"{rng.choice(ACCENTED)}: {words}\n\n"
        paragraphs.append(paragraph)
        used += len(paragraph) if unit == "c" else len(paragraph.encode("utf-8"))
    text = "".join(paragraphs)
    if unit == "c":
        return text[:size]
    return text.encode("utf-8")[:size].decode("utf-8", "ignore")


def child(size: int, unit: str, model: str | None) -> None:
    """Runs in the child: analyze, then print one JSON line with the numbers."""
    from newsledger import analyze

    text = long_text(size, unit)
    analyze("Rebels attacked a village near Goma on Sunday, killing 12 people.", model=model)
    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    began = time.process_time()
    ledger = analyze(text, published="2024-03-12", model=model)
    seconds = time.process_time() - began
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"chars": len(text), "bytes": len(text.encode("utf-8")), "baseline_kb": baseline,
                      "peak_kb": peak, "cpu_s": round(seconds, 1), "events": len(ledger.events),
                      "claims": len(ledger.claims)}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000000c,5000000b")
    parser.add_argument("--model", default=None)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(int(args.child[:-1]), args.child[-1], args.model)
        return
    for size in args.sizes.split(","):
        command = [sys.executable, __file__, "--child", size] + (["--model", args.model] if args.model else [])
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode:
            print(f"{size}: failed (exit {done.returncode}): {done.stderr.strip().splitlines()[-1:]}")
            continue
        found = json.loads(done.stdout.strip().splitlines()[-1])
        print(f"{found['chars']:>9,} chars / {found['bytes']:>9,} bytes: peak RSS "
              f"{found['peak_kb'] / 1024:,.0f} MiB (model loaded: {found['baseline_kb'] / 1024:,.0f} MiB), "
              f"{found['cpu_s']} CPU s, {found['events']} events, {found['claims']} claims", flush=True)


if __name__ == "__main__":
    main()
