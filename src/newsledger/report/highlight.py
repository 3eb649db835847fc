"""Overlapping spans -> well-nested HTML highlights of the article text.

Extracted spans overlap and nest freely (an event's evidence holds actors, a date and a quantity;
a claim may straddle an event's edge). The text is cut at every span boundary; each piece is
wrapped in exactly the layers that cover it. Open elements are kept as a stack and reused while
they still apply, so a layer is split into several elements only where another layer crosses it.
"""
from __future__ import annotations

import html
from dataclasses import dataclass, field


@dataclass
class Layer:
    """One highlighted span: `classes` style it, `key` links it to its details in the page data."""
    key: str
    kind: str
    start: int
    end: int
    classes: tuple[str, ...] = ()
    attrs: dict[str, str] = field(default_factory=dict)


# Wider, more structural layers sit outside narrower ones when two spans are identical.
KIND_ORDER = {"event": 0, "claim": 1, "cue": 2, "actor": 3, "place": 4, "date": 5, "quantity": 6}


def _nesting_key(layer: Layer) -> tuple:
    return (layer.start, -layer.end, KIND_ORDER.get(layer.kind, 9), layer.key)


def _open_tag(layer: Layer, at: int) -> str:
    classes = ["hl", f"k-{layer.kind}", *layer.classes]
    if at == layer.start:
        classes.append("start")
    attrs = "".join(f' {name}="{html.escape(value)}"' for name, value in layer.attrs.items())
    return f'<span class="{html.escape(" ".join(classes))}" data-a="{html.escape(layer.key)}"{attrs}>'


def valid_layers(text: str, layers: list[Layer]) -> list[Layer]:
    """Drop spans that do not point into the text; a bad offset must not break the page."""
    return [layer for layer in layers if 0 <= layer.start < layer.end <= len(text)]


def highlight(text: str, layers: list[Layer]) -> str:
    """The escaped text with every layer wrapped around the characters it covers."""
    layers = sorted(valid_layers(text, layers), key=_nesting_key)
    cuts = sorted({0, len(text), *(l.start for l in layers), *(l.end for l in layers)})
    starting: dict[int, list[Layer]] = {}
    for layer in layers:
        starting.setdefault(layer.start, []).append(layer)

    out: list[str] = []
    active: list[Layer] = []   # layers covering the current piece, in nesting order
    stack: list[Layer] = []    # layers with an open element, outermost first
    for piece_start, piece_end in zip(cuts, cuts[1:]):
        active = [l for l in active if l.end > piece_start] + starting.get(piece_start, [])
        active.sort(key=_nesting_key)
        shared = 0
        while shared < len(stack) and shared < len(active) and stack[shared] is active[shared]:
            shared += 1
        out.append("</span>" * (len(stack) - shared))
        del stack[shared:]
        for layer in active[shared:]:
            out.append(_open_tag(layer, piece_start))
            stack.append(layer)
        out.append(html.escape(text[piece_start:piece_end]))
    out.append("</span>" * len(stack))
    return "".join(out)
