"""A ledger -> the rows that store it: one article row, and its events, claims and entities."""
from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any, Optional

from ..ledger import ActorRef, Ledger, Span


def fingerprint_of(text: str, url: Optional[str] = None) -> str:
    """An article's identity: sha256 of its text, or of its URL and text when it has a URL
    (the same wire story at two URLs is two articles; the same page fetched twice is one)."""
    material = text if not url else f"{url}\n{text}"
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


def fingerprint(ledger: Ledger) -> str:
    return fingerprint_of(ledger.text, ledger.article.url)


def article_values(ledger: Ledger, key: str, analyzer_version: str, model: str,
                   stored_at: Optional[datetime]) -> dict[str, Any]:
    article = ledger.article
    stored = ledger.to_dict()
    del stored["text"]  # kept once, in the text column
    return {
        "fingerprint": key, "text_sha256": article.id, "url": article.url, "title": article.title,
        "outlet": article.outlet, "published": article.published, "language": article.language,
        "text": ledger.text, "event_count": len(ledger.events), "claim_count": len(ledger.claims),
        "analyzer_version": analyzer_version, "model": model, "stored_at": stored_at,
        "ledger": json.dumps(stored, ensure_ascii=False, separators=(",", ":")),
    }


def child_rows(ledger: Ledger, article_id: int) -> dict[str, list[dict[str, Any]]]:
    return {
        "events": [_event_row(ledger, event, article_id) for event in ledger.events],
        "claims": [_claim_row(ledger, claim, article_id) for claim in ledger.claims],
        "entities": [{"article_id": article_id, "text": mention.text, "label": mention.label,
                      "name": mention.name, "country": mention.country, "kind": mention.kind,
                      "start_offset": mention.span.start, "end_offset": mention.span.end}
                     for mention in ledger.entities],
    }


def _evidence(text: str, spans: list[Span]) -> dict[str, Any]:
    """The exact words of the spans (several joined by ' … '), and where they start and end."""
    ordered = sorted(spans, key=lambda span: span.start)
    return {"evidence": " … ".join(text[span.start:span.end] for span in ordered),
            "evidence_start": ordered[0].start if ordered else 0,
            "evidence_end": ordered[-1].end if ordered else 0}


def _actor(role: str, actor: Optional[ActorRef]) -> dict[str, Any]:
    return {f"{role}_text": actor and actor.text, f"{role}_name": actor and actor.name,
            f"{role}_country": actor and actor.country, f"{role}_kind": actor and actor.kind}


def _event_row(ledger: Ledger, event, article_id: int) -> dict[str, Any]:
    place, when, dead = event.place, event.date, event.fatalities
    return {
        "article_id": article_id, "event_id": event.id, "type": event.type, "mode": event.mode,
        "cameo": event.cameo, "goldstein": event.goldstein, "trigger": event.trigger,
        "status": event.status, "confidence": event.confidence,
        **_actor("actor", event.actor), **_actor("target", event.target),
        "place_text": place and place.text, "place_name": place and place.name,
        "place_country": place and place.country, "place_precision": place and place.precision,
        "latitude": place and place.lat, "longitude": place and place.lon,
        "geonameid": place and place.geonameid,
        "date_text": when and when.text, "date_start": when and when.start,
        "date_end": when and when.end, "date_inferred": when and when.inferred,
        "fatalities_text": dead and dead.text, "fatalities_min": dead and dead.min,
        "fatalities_max": dead and dead.max,
        "source_name": event.source.name if event.source else None,
        "source_text": event.source.text if event.source else None,
        **_evidence(ledger.text, event.evidence),
    }


def _claim_row(ledger: Ledger, claim, article_id: int) -> dict[str, Any]:
    content = claim.content
    spans = claim.evidence or [Span(content.start, content.end)]
    return {
        "article_id": article_id, "claim_id": claim.id, **_actor("claimant", claim.claimant),
        "cue": claim.cue.text if claim.cue else None, "content": content.text,
        "content_start": content.start, "content_end": content.end, "stance": claim.stance,
        "hedged": claim.hedged, "checkworthy": claim.checkworthy, "measure": claim.measure,
        "quantities": json.dumps([_plain(q) for q in claim.quantities], ensure_ascii=False),
        **_evidence(ledger.text, spans),
    }


def _plain(quantity) -> dict[str, Any]:
    return {key: value for key, value in quantity.__dict__.items() if key not in ("span", "unit_span")}
