"""The shape of data/cameo.csv: the CAMEO codes the event lexicon uses, with their PLOVER type."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from ..resources import load_table

CAMEO_FILE = "cameo.csv"


@dataclass(frozen=True)
class CameoRow:
    """One CAMEO code: its PLOVER type and mode, Goldstein value and our own gloss."""
    cameo: str
    plover: str
    mode: Optional[str]
    goldstein: float
    label: str


def shipped_codes() -> list[CameoRow]:
    """The package's CAMEO table (read once per process)."""
    return load_table(CAMEO_FILE, CameoRow)
