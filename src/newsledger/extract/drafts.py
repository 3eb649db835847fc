"""A claim under construction: the ledger record plus the token ranges later stages need."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from ..ledger import Claim

TokenRange = tuple[int, int]


@dataclass
class ClaimDraft:
    claim: Claim
    content: TokenRange
    sentence: TokenRange
    group: int  # claims split from one attribution share a group
    attributed: bool
    whole: TokenRange  # the attribution's full content, before coordinated claims were split
    frame: Optional[TokenRange] = None  # the cue's clause outside the content
    claimant_key: Optional[str] = None
    states_event: bool = False  # the author's statement of an event the event stage found
    asserted: bool = True  # False for a stance, plan, question or topic ("called for", "asked how")
    evidence: dict[str, list[TokenRange]] = field(default_factory=lambda: {"disputes": [], "supports": []})
