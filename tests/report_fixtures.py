"""Hand-built ledgers for the report tests: invented articles with every kind of record.

Offsets are found by searching the test text for each phrase, so the records stay correct if the
text is edited. This is test data for the renderer, not a stand-in for the analyzer.
"""
from __future__ import annotations

from datetime import date

from newsledger.ledger import (ActorRef, Article, Claim, Content, Cue, DateMention, DateRef, EntityMention, Event,
                               Fatalities, Ledger, PlaceRef, Quantity, Source, Span)

HOSTILE = '<script>window.pwned = 1</script><img src=x onerror="window.pwned=2"><!-- & </p>'

RIVER_TEXT = (
    "Drones strike fuel depot near Port Meridian\n\n"
    "Coastal Front fighters launched drones at a fuel depot outside Port Meridian on Sunday, killing at least "
    "14 workers, the regional health office said. The Coastal Front denied targeting civilians and said "
    "it had hit \"only military stores\".\n\n"
    "On Monday the Interior Ministry claimed that some 300 families had fled the district, a figure the "
    "article's own count of 40 to 60 families from shelter lists contradicts. Aid convoys reached "
    "Lakeside on Tuesday, the ministry said. " + HOSTILE + "\n"
)


def at(text: str, phrase: str, nth: int = 0) -> Span:
    """The span of the nth occurrence of phrase in text."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return Span(start, start + len(phrase))


def river_ledger() -> Ledger:
    """An invented article about a strike on a depot, with events, claims and every mention kind."""
    text = RIVER_TEXT

    def cut(phrase: str, nth: int = 0) -> tuple[str, Span]:
        span = at(text, phrase, nth)
        return text[span.start:span.end], span

    front_text, front_span = cut("Coastal Front fighters")
    depot_text, depot_span = cut("Port Meridian", 1)
    sunday_text, sunday_span = cut("on Sunday")
    killed_text, killed_span = cut("at least 14 workers")
    ministry_text, ministry_span = cut("the Interior Ministry")
    lakeside_text, lakeside_span = cut("Lakeside")
    strike = Event(
        id="ev1", type="ASSAULT", mode="aerial", cameo="195", goldstein=-10.0, trigger="launched drones",
        evidence=[at(text, "Coastal Front fighters launched drones at a fuel depot outside Port Meridian on Sunday, "
                           "killing at least 14 workers")],
        actor=ActorRef(text=front_text, name="Coastal Front", kind="REB", span=front_span),
        target=ActorRef(text="a fuel depot", name="fuel depot workers", kind="CVL",
                        span=at(text, "a fuel depot")),
        place=PlaceRef(text=depot_text, name="Port Meridian", country="ALB", lat=41.32, lon=19.45,
                       geonameid=1234567, precision="city", span=depot_span),
        date=DateRef(text=sunday_text, start=date(2024, 3, 10), end=date(2024, 3, 10), span=sunday_span),
        fatalities=Fatalities(text=killed_text, min=14, max=None, span=killed_span),
        status="asserted", source=Source(name="regional health office", text="the regional health office",
                                         span=at(text, "the regional health office")),
        confidence=0.81,
    )
    flight = Event(
        id="ev2", type="MOBILIZE", evidence=[at(text, "some 300 families had fled the district")],
        actor=ActorRef(text="some 300 families", name="civilians", kind="CVL"),
        date=DateRef(text="On Monday", start=date(2024, 3, 4), end=date(2024, 3, 11), inferred=True),
        status="claimed", source=Source(name="Interior Ministry", text=ministry_text, span=ministry_span),
        confidence=0.55,
    )
    convoy = Event(
        id="ev3", type="AID", evidence=[at(text, "Aid convoys reached Lakeside on Tuesday")],
        target=ActorRef(text="Lakeside", name="Lakeside residents", kind="CVL"),
        place=PlaceRef(text=lakeside_text, name="Lakeside", country="MKD", lat=41.11, lon=20.80,
                       precision="city", span=lakeside_span),
        date=DateRef(text="on Tuesday", start=date(2024, 3, 12), end=date(2024, 3, 12), span=at(text, "on Tuesday")),
        status="claimed", source=Source(name="Interior Ministry", text="the ministry"),
    )
    denial = Claim(
        id="cl1", claimant=ActorRef(text="The Coastal Front", name="Coastal Front", kind="REB",
                                    span=at(text, "The Coastal Front")),
        cue=Cue("denied", *_pair(at(text, "denied"))),
        content=content(text, "targeting civilians"),
        stance="neutral", checkworthy=0.62,
    )
    families = Claim(
        id="cl2", claimant=ActorRef(text=ministry_text, name="Interior Ministry", country="ALB", kind="GOV",
                                    span=ministry_span),
        cue=Cue("claimed", *_pair(at(text, "claimed"))),
        content=content(text, "some 300 families had fled the district"),
        quantities=[Quantity(text="some 300 families", span=at(text, "some 300 families"), value=300, approx=True,
                             unit="families")],
        stance="disputes", stance_evidence=[at(text, "contradicts")], checkworthy=0.91,
        checkworthy_features={"number": 1.0, "attributed": 1.0},
    )
    own_count = Claim(
        id="cl3", claimant=ActorRef(text="", author=True),
        content=content(text, "40 to 60 families from shelter lists"),
        quantities=[Quantity(text="40 to 60 families", span=at(text, "40 to 60 families"), low=40, high=60,
                             unit="families")],
        stance="asserts", checkworthy=0.7,
    )
    hostile = Claim(
        id="cl4", claimant=ActorRef(text=HOSTILE, name=HOSTILE, author=False, span=at(text, HOSTILE)),
        content=content(text, HOSTILE), stance="supports", checkworthy=0.1,
    )
    entities = [
        EntityMention(text="Port Meridian", span=at(text, "Port Meridian"), label="GPE", name="Port Meridian",
                      country="ALB"),
        EntityMention(text="Port Meridian", span=depot_span, label="GPE", name="Port Meridian", country="ALB"),
        EntityMention(text="Coastal Front", span=at(text, "Coastal Front"), label="ORG", name="Coastal Front",
                      kind="REB"),
        EntityMention(text="Interior Ministry", span=at(text, "Interior Ministry"), label="ORG",
                      name="Interior Ministry", country="ALB", kind="GOV"),
        EntityMention(text=lakeside_text, span=lakeside_span, label="GPE", name="Lakeside", country="MKD"),
    ]
    dates = [
        DateMention(text="Sunday", span=at(text, "Sunday"), start=date(2024, 3, 10), end=date(2024, 3, 10)),
        DateMention(text="Monday", span=at(text, "Monday"), start=date(2024, 3, 11), end=date(2024, 3, 11)),
        DateMention(text="Tuesday", span=at(text, "Tuesday"), start=date(2024, 3, 12), end=date(2024, 3, 12)),
    ]
    quantities = [
        Quantity(text="at least 14 workers", span=killed_span, low=14, unit="workers",
                 unit_span=at(text, "workers")),
        Quantity(text="some 300 families", span=at(text, "some 300 families"), value=300, approx=True,
                 unit="families"),
        Quantity(text="40 to 60 families", span=at(text, "40 to 60 families"), low=40, high=60, unit="families"),
    ]
    return Ledger(text=text, article=Article(id=Article.id_for(text), title="Drones strike fuel depot",
                                             outlet="Test Wire", url="https://example.org/depot",
                                             published=date(2024, 3, 12)),
                  events=[strike, flight, convoy], claims=[denial, families, own_count, hostile],
                  entities=entities, dates=dates, quantities=quantities)


def _pair(span: Span) -> tuple[int, int]:
    return span.start, span.end


def content(text: str, phrase: str) -> Content:
    span = at(text, phrase)
    return Content(text[span.start:span.end], span.start, span.end)
