"""When a predicted slot agrees with a gold one: the matching rules of the gold format.

A name agrees when it is one of the gold names, or holds one of them (or is held by one) as
whole words of four letters or more, or when the countries agree; a place when its name agrees
and its country does not contradict; a date when the predicted interval (at most 31 days long)
meets the gold interval; fatalities when every predicted bound lies in the accepted range; a
quantity when a value or bound is within 1% of the gold figure.
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Optional

MAX_DATE_DAYS = 31
_LEADING_ARTICLE = re.compile(r"^(the|a|an)\s+")


def normalize(text: Optional[str]) -> str:
    """Lowercase words only: typographic quotes unified, punctuation and a leading article gone."""
    text = unicodedata.normalize("NFKC", text or "").lower().replace("\u2019", "'").replace("\u2018", "'")
    text = " ".join(re.sub(r"[^\w\s'-]", " ", text).split())
    return _LEADING_ARTICLE.sub("", text)


def _holds(longer: str, shorter: str) -> bool:
    return len(shorter) >= 4 and re.search(rf"\b{re.escape(shorter)}\b", longer) is not None


def names_agree(predicted: set[str], gold_names: list[str]) -> bool:
    for alias in map(normalize, gold_names):
        for said in predicted:
            if said == alias or _holds(said, alias) or _holds(alias, said):
                return True
    return False


def entity_agrees(ref, gold: dict) -> bool:
    """`ref`: a ledger ActorRef (actor, target or claimant); `gold`: names/country or author."""
    if ref is None:
        return False
    if gold.get("author"):
        return bool(getattr(ref, "author", False)) or normalize(ref.name) == "author"
    said = {normalize(ref.name), normalize(ref.text)} - {""}
    if names_agree(said, gold.get("names") or []):
        return True
    return bool(gold.get("country")) and ref.country == gold["country"]


def place_agrees(ref, gold: dict) -> bool:
    if ref is None:
        return False
    if gold.get("country") and ref.country not in (None, gold["country"]):
        return False
    said = {normalize(ref.name), normalize(ref.text)} - {""}
    for alias in map(normalize, gold.get("names") or []):
        for name in said:
            if name == alias or alias in name.split(" , ")[0] or (len(name) >= 4 and name in alias):
                return True
    return False


def _day(value) -> Optional[date]:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def date_agrees(ref, gold: dict) -> bool:
    if ref is None:
        return False
    start, end = _day(ref.start), _day(ref.end or ref.start)
    gold_start, gold_end = _day(gold.get("start")), _day(gold.get("end") or gold.get("start"))
    if start is None or end is None or gold_start is None or gold_end is None \
            or (end - start).days > MAX_DATE_DAYS:
        return False
    return start <= gold_end and end >= gold_start


def fatalities_agree(ref, gold: dict) -> bool:
    if ref is None:
        return False
    low, high = gold["accept"]
    bounds = [b for b in (ref.min, ref.max) if isinstance(b, (int, float))]
    return bool(bounds) and all(low <= b <= high for b in bounds)


def _close(value, figure) -> bool:
    return value is not None and abs(value - figure) <= 0.01 * max(abs(figure), 1)


def quantity_agrees(quantity, gold: dict) -> bool:
    """A ledger Quantity against a gold {value} or {low, high} (either bound may be absent)."""
    if "value" in gold:
        return any(_close(x, gold["value"]) for x in (quantity.value, quantity.low, quantity.high))
    low = quantity.low if quantity.low is not None else quantity.value
    high = quantity.high if quantity.high is not None else quantity.value
    bounds = [(bound, gold[key]) for key, bound in (("low", low), ("high", high)) if key in gold]
    return bool(bounds) and all(_close(x, figure) for x, figure in bounds)


SLOT_RULES = {"actor": entity_agrees, "target": entity_agrees, "place": place_agrees,
              "date": date_agrees, "fatalities": fatalities_agree}
