"""What every request handler shares: the open store and the write settings."""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from typing import Optional

from fastapi import HTTPException, Request

from ..incidents import IncidentDetail, incident
from ..ledger import Ledger
from ..store import Store
from .guard import TOKEN_ENV, token_matches

ARTICLE_KEY = re.compile(r"[1-9][0-9]{0,17}|[0-9a-f]{64}")


@dataclass
class State:
    store: Store
    allow_writes: bool = False
    token: Optional[str] = None
    model: Optional[str] = None  # spaCy model for paste-to-analyze (None: the default)
    analyzing: threading.Lock = field(default_factory=threading.Lock)  # one analysis at a time

    def ledger(self, key: str) -> Ledger:
        """A stored article's ledger by row id or by fingerprint (what a write answers); 404 if absent."""
        if not ARTICLE_KEY.fullmatch(key):
            raise HTTPException(404, "no such article (expected a row id or a 64-digit fingerprint)")
        try:
            return self.store.ledger(int(key) if key.isdigit() else key)
        except KeyError:
            raise HTTPException(404, f"no article {key} in the store") from None

    def incident(self, incident_id: str) -> IncidentDetail:
        try:
            return incident(self.store, incident_id)
        except KeyError:
            raise HTTPException(404, f"no incident {incident_id} in the store") from None

    def check_write(self, given: Optional[str]) -> None:
        """Writes need --allow-writes and the token; 403 otherwise, saying which is missing."""
        if not self.allow_writes:
            raise HTTPException(403, "writes are off (start the server with --allow-writes)")
        if not token_matches(self.token, given):
            raise HTTPException(403, f"a valid write token is required (the value of ${TOKEN_ENV})")


def state(request: Request) -> State:
    return request.app.state.newsledger
