"""A bounded memo for long-running workers: a news stream brings new names with every article, so
a memo keyed by words must forget the ones met once without dropping the ones in use."""
from __future__ import annotations

from typing import Callable, Generic, Hashable, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Generations(Generic[K, V]):
    """Two generations of at most `bound` entries: when the newer is full it becomes the older and
    the oldest is dropped; an entry found in the older moves up. Entries in use stay, one met once
    is gone after two turns, so the memo holds at most 2 x bound whatever the stream. Hot loops may
    read `newer` directly and call `get` on a miss."""

    def __init__(self, bound: int) -> None:
        self.bound = bound
        self.newer: dict[K, V] = {}
        self.older: dict[K, V] = {}

    def __len__(self) -> int:
        return len(self.newer) + len(self.older)

    def get(self, key: K, compute: Callable[[K], V]) -> V:
        value = self.newer.get(key)
        if value is None:
            value = self.older.get(key)
            if value is None:
                value = compute(key)
            if len(self.newer) >= self.bound:
                self.older, self.newer = self.newer, {}
            self.newer[key] = value
        return value
