"""Attribution benchmark on PolNeAR dev (brat Source/Cue/Content spans).

    .venv/bin/python bench/polnear.py [--data DIR] [--limit N]

Runs newsledger's attribution stage (the parsed Doc only, no other extraction) on each dev
article and scores source, cue and content spans against the annotations, as precision,
recall and F1 under two matchings, each one-to-one and greedy:
- exact: the predicted and gold spans cover the same characters once surrounding spaces,
  punctuation and quotation marks are ignored (discontinuous gold spans are their union);
- overlap: the two spans share at least one character.
Cue pairs decide which attribution a source or content is compared with: a gold source
counts as found only through an attribution whose cue overlaps the gold cue. The predicted
cue is the cue phrase (with its auxiliaries and adverbs, as PolNeAR marks cues); a content
split into coordinated claims is scored whole.
The data is read at benchmark time only; it skips with a message when it is absent.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear-dev" / "dev"
IGNORED = set(" \t\n\r\u00a0.,;:!?\"'“”‘’()[]—–-")


def read_gold(ann: Path) -> list[dict]:
    """Attributions as {"cue": chars, "source": chars, "content": chars} (sets of offsets)."""
    spans, relations = {}, []
    for line in ann.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, *ranges = parts[1].split(" ", 1)
            chars = set()
            for piece in (ranges[0] if ranges else "").split(";"):
                a, b = piece.split()
                chars.update(range(int(a), int(b)))
            spans[parts[0]] = (label, chars)
        elif line.startswith("E") and len(parts) >= 2:
            roles = dict(arg.split(":", 1) for arg in parts[1].split())
            relations.append(roles)
    gold = []
    for roles in relations:
        att = {}
        for role in ("Cue", "Source", "Content"):
            ref = roles.get(role)
            att[role.lower()] = spans[ref][1] if ref in spans else set()
        if att["cue"]:
            gold.append(att)
    return gold


def core(chars: set, text: str) -> frozenset:
    return frozenset(i for i in chars if i < len(text) and text[i] not in IGNORED)


def predict(doc) -> list[dict]:
    from newsledger.extract import attribution

    out = []
    for att in attribution.find(doc).attributions:
        def chars(rng):
            if rng is None:
                return set()
            return set(range(doc[rng[0]].idx, doc[rng[1] - 1].idx + len(doc[rng[1] - 1])))
        content = set()
        ranges = sorted(att.contents)
        for k, rng in enumerate(ranges):
            content |= chars(rng)
            # coordinated claims split apart ("killed X, and destroyed Y") are one content
            # here: the conjunction and punctuation between them are not the writer's
            if k + 1 < len(ranges) and all(t.is_punct or t.is_space or t.dep_ == "cc"
                                           for t in doc[rng[1]:ranges[k + 1][0]]):
                content |= chars((rng[1] - 1, ranges[k + 1][0] + 1))
        cue, source = chars(att.cue_phrase or att.cue), chars(att.source)
        # a content may run across its own interrupting cue ("X, she said, did Y"); PolNeAR
        # gives every token one role, so those words count as cue and source only
        out.append({"cue": cue, "source": source, "content": content - cue - source})
    return out


def pair(golds: list[dict], preds: list[dict]) -> dict[int, int]:
    """Gold index -> prediction index, by cue overlap (greedy, one-to-one)."""
    pairs, used = {}, set()
    for gi, g in enumerate(golds):
        for pi, p in enumerate(preds):
            if pi not in used and g["cue"] & p["cue"]:
                pairs[gi] = pi
                used.add(pi)
                break
    return pairs


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--limit", type=int, default=None, help="score only the first N articles")
    args = ap.parse_args(argv)
    if not (args.data / "attributions").is_dir():
        print(f"PolNeAR dev data not found at {args.data}; skipping the attribution benchmark "
              f"(it lives in ../shared/data/polnear-dev, outside the project).")
        return 0

    from newsledger.pipeline import prepared
    from newsledger.nlp.normalize import normalize

    anns = sorted((args.data / "attributions").glob("*.ann"))[: args.limit]
    items = []
    for ann in anns:
        txt = args.data / "text" / (ann.stem.rsplit("_", 1)[0] + ".txt")
        if txt.exists():
            items.append((txt.read_text(encoding="utf-8"), read_gold(ann)))
    nlp = prepared()  # the analyzer's pipeline: the cue lexicon comes with it
    counts = {(role, how): [0, 0, 0] for role in ("cue", "source", "content") for how in ("exact", "overlap")}
    started = time.perf_counter()

    def docs():
        for text, _ in items:
            doc = nlp.make_doc(normalize(text))
            doc._.source_text = text
            yield doc

    for doc, (text, golds) in zip(nlp.pipe(docs(), batch_size=16), items):
        preds = predict(doc)
        pairs = pair(golds, preds)
        for role in ("cue", "source", "content"):
            g_spans = [core(g[role], text) for g in golds]
            p_spans = [core(p[role], text) for p in preds]
            n_gold = sum(1 for s in g_spans if s)
            n_pred = sum(1 for s in p_spans if s)
            for how in ("exact", "overlap"):
                tp = 0
                for gi, pi in pairs.items():
                    g, p = g_spans[gi], p_spans[pi]
                    if g and p and (g == p if how == "exact" else g & p):
                        tp += 1
                c = counts[(role, how)]
                c[0] += tp
                c[1] += n_pred
                c[2] += n_gold
    elapsed = time.perf_counter() - started
    print(f"PolNeAR dev: {len(items)} articles, {sum(len(g) for _, g in items)} gold attributions, {elapsed:.1f}s")
    print(f"{'':8} {'exact P/R/F1':>20} {'overlap P/R/F1':>22}")
    for role in ("cue", "source", "content"):
        cells = []
        for how in ("exact", "overlap"):
            p, r, f = prf(*counts[(role, how)])
            cells.append(f"{p:.2f} {r:.2f} {f:.2f}")
        print(f"{role:8} {cells[0]:>20} {cells[1]:>22}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
