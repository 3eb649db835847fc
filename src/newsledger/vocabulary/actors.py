"""The actor dictionary: states, organizations and people and the words that name them, loaded
once from data/actors/*.yaml. Vocabulary only (no spaCy): the NLP stage's gazetteer reads its
aliases, resolution reads everything."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources as importlib_resources
from typing import Iterable, Optional, Union

from ..resources import load_data

ACTOR_DIR = "actors"
SECTORS_FILE = f"{ACTOR_DIR}/sectors.yaml"
COUNTRIES_FILE = f"{ACTOR_DIR}/countries.yaml"
PEOPLE_FILE = f"{ACTOR_DIR}/people.yaml"


@dataclass(frozen=True)
class Actor:
    """One dictionary entry: a state, organization or person and the words that name it."""
    key: str
    name: str
    country: Optional[str]
    kind: Optional[str]
    label: str  # entity label the gazetteer gives its aliases: GPE, ORG, PERSON
    aliases: tuple[str, ...] = ()
    metonyms: tuple[str, ...] = ()  # place names used for the actor ("Tehran", "Sana'a")
    demonyms: tuple[str, ...] = ()
    org: Optional[str] = None  # for people and wings: the organization they belong to
    role: Optional[str] = None
    is_country: bool = False
    gender: Optional[str] = None  # people: "m" | "f", only to match he/she
    centroid: Optional[tuple[float, float]] = None  # countries: approximate centre, for geocoding

    @property
    def person(self) -> bool:
        return self.label == "PERSON"


@dataclass(frozen=True)
class CountryEntry:
    """One row of data/actors/countries.yaml."""
    iso3: str
    name: str
    demonyms: list[str] = field(default_factory=list)
    capitals: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    centroid: Optional[list[float]] = None
    forces: dict[str, str] = field(default_factory=dict)  # head noun or state body -> its name


@dataclass(frozen=True)
class ActorEntry:
    """One row of the other files of data/actors/ (armed groups, organizations, people)."""
    key: str
    name: str
    country: Optional[str] = None
    kind: Optional[str] = None
    label: Optional[str] = None
    aliases: list[str] = field(default_factory=list)
    metonyms: list[str] = field(default_factory=list)
    org: Optional[str] = None
    parent: Optional[str] = None
    role: Optional[str] = None
    gender: Optional[str] = None
    as_of: Optional[date] = None
    until: Optional[date] = None


@dataclass(frozen=True)
class StateBody:
    name: str  # a template: "Police Forces of {country}"
    heads: list[str]


@dataclass(frozen=True)
class SectorsFile:
    """The shape of data/actors/sectors.yaml."""
    heads: dict[str, list[str]]
    member_nouns: list[str]
    person_roles: list[str]
    pronouns: dict[str, dict[str, Union[bool, str]]]
    descriptions: dict[str, list[str]]
    leading_words: list[str]
    sponsor_words: list[str]
    partitives: list[str]
    state_bodies: dict[str, StateBody] = field(default_factory=dict)
    local_modifiers: list[str] = field(default_factory=list)
    case_sensitive: list[str] = field(default_factory=list)
    impersonal_verbs: list[str] = field(default_factory=list)
    offices: list[str] = field(default_factory=list)
    honorifics: dict[str, str] = field(default_factory=dict)
    national_kinds: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)


class ActorDictionary:
    """All actor data, indexed once: aliases, demonyms, sector head nouns and anaphora."""

    def __init__(self, entries: Iterable[Actor], countries: Iterable[Actor], sectors: SectorsFile):
        self.by_key: dict[str, Actor] = {}
        self.by_alias: dict[str, Actor] = {}
        self.by_demonym: dict[str, Actor] = {}
        self.forces: dict[tuple[str, str], str] = {}
        for actor in [*countries, *entries]:
            self.by_key.setdefault(actor.key, actor)
            for alias in (actor.name, *actor.aliases, *actor.metonyms):
                self.by_alias.setdefault(fold(alias), actor)
            for demonym in actor.demonyms:
                self.by_demonym.setdefault(fold(demonym), actor)
        self._read_sectors(sectors)
        self.cased = frozenset(folded for folded in (*self.by_alias, *self.by_demonym)
                               if not _is_lowercase_alias(self, folded))
        # Every beginning of a folded alias or demonym: a scan stops as soon as the words so far
        # begin none ("the army of" cannot grow into an alias once "the army o" begins none).
        self.prefixes = frozenset(folded[:n] for folded in (*self.by_alias, *self.by_demonym)
                                  for n in range(1, len(folded) + 1))
        # Acronyms and listed common words match only as written ("US" but not "us").
        self.exact: dict[str, set[str]] = {}
        listed = set(sectors.case_sensitive)
        for actor in self.by_key.values():
            for alias in (actor.name, *actor.aliases, *actor.metonyms, *actor.demonyms):
                if is_acronym(alias) or alias in listed:
                    self.exact.setdefault(fold(alias), set()).add(" ".join(alias.split()))

    def _read_sectors(self, sectors: SectorsFile) -> None:
        """The sector tables: head nouns, state bodies, roles, pronouns, titles and the rest."""
        self.heads: dict[str, str] = {}
        for kind, nouns in sectors.heads.items():
            for noun in nouns:
                self.heads.setdefault(fold(noun), kind)
        self.bodies: dict[str, tuple[str, str]] = {}  # head noun -> (state body, name template)
        for body, spec in sectors.state_bodies.items():
            for noun in spec.heads:
                self.bodies[fold(noun)] = (body, spec.name)
        self.body_names = {body: spec.name for body, spec in sectors.state_bodies.items()}
        self.member_nouns = frozenset(fold(n) for n in sectors.member_nouns)
        self.person_roles = frozenset(fold(n) for n in sectors.person_roles)
        self.pronouns: dict[str, dict] = {k: dict(v) for k, v in sectors.pronouns.items()}
        self.honorifics: dict[str, str] = dict(sectors.honorifics)
        self.titles = frozenset(fold(t) for t in sectors.titles)
        self.offices = frozenset(fold(o) for o in sectors.offices)
        self.impersonal_verbs = frozenset(sectors.impersonal_verbs)
        self.national_kinds = frozenset(sectors.national_kinds)
        self.descriptions: dict[str, frozenset[str]] = {
            fold(k): frozenset(v) for k, v in sectors.descriptions.items()}
        self.local_modifiers = frozenset(sectors.local_modifiers)
        self.leading_words = frozenset(sectors.leading_words)
        self.sponsor_words = frozenset(sectors.sponsor_words)
        self.partitives = frozenset(sectors.partitives)

    def actors(self) -> Iterable[Actor]:
        return self.by_key.values()

    def match(self, words: str, strict: bool = True) -> Optional[tuple[Actor, bool]]:
        """An actor for these words, and whether they were a demonym ("Israeli").

        Acronyms always match only as written ("US", not "us"); `strict` (for words found in
        running text) also keeps capitalized aliases from all-lowercase words ("trump", "amnesty").
        """
        folded = fold(words)
        if folded in self.exact and " ".join(words.split()) not in self.exact[folded]:
            return None
        if strict and words.islower() and folded in self.cased:
            return None
        if folded in self.by_alias:
            return self.by_alias[folded], False
        if folded in self.by_demonym:
            return self.by_demonym[folded], True
        return None

    def set_forces(self, iso3: str, forces: dict[str, str]) -> None:
        for head, name in forces.items():
            self.forces[(iso3, fold(head))] = name

    def state_body(self, country: Actor, head: Optional[str], kind: Optional[str]) -> Optional[str]:
        """The name of a country's body a head noun stands for ("army" -> "Kenya Defence Forces"):
        its `forces` entry for the head or for the body, else the body's neutral name."""
        named = self.forces.get((country.key, head or ""))
        if named is not None:
            return named
        body, template = self.bodies.get(head or "", (None, None))
        if body is None and kind == "MIL" and "military" in self.body_names:
            body, template = "military", self.body_names["military"]
        if body is None or template is None:
            return None
        return self.forces.get((country.key, body)) or template.format(country=country.name)


def _is_lowercase_alias(book: "ActorDictionary", folded: str) -> bool:
    actor = book.by_alias.get(folded) or book.by_demonym.get(folded)
    if actor is None:
        return False
    spellings = (actor.name, *actor.aliases, *actor.metonyms, *actor.demonyms)
    return any(fold(s) == folded and s.islower() for s in spellings)


def is_acronym(alias: str) -> bool:
    """True when any word is an acronym: all capitals ("US", "the U.S.", "UN Security Council") or
    a capital inside the word ("LeT", "DoD"), so the case is part of the name."""
    for word in alias.split():
        if sum(c.isalpha() for c in word) >= 2 and word == word.upper():
            return True
        if any(c.isupper() and prev.isalpha() and prev.islower() for prev, c in zip(word, word[1:])):
            return True
    return False


@lru_cache(maxsize=1 << 15)
def fold(words: str) -> str:
    """The lookup key for words: lower case, straight apostrophes, single spaces (kept: the
    alias scan folds the same short word runs in every article). Loading the dictionary alone
    folds ~36,000 aliases, so the cache is full from the start and a worker's memory does not
    climb with the new names of its first thousands of articles (about 200 bytes a run)."""
    return " ".join(words.replace("\u2019", "'").replace("\u00a0", " ").lower().split())


def _data_files() -> list[str]:
    folder = importlib_resources.files("newsledger") / "data" / ACTOR_DIR
    return sorted(f"{ACTOR_DIR}/{p.name}" for p in folder.iterdir() if p.name.endswith(".yaml"))


@lru_cache(maxsize=1)
def dictionary() -> ActorDictionary:
    """The actor dictionary, loaded once from every YAML file in data/actors/."""
    sectors = load_data(SECTORS_FILE, SectorsFile)
    countries, forces = [], {}
    for row in load_data(COUNTRIES_FILE, list[CountryEntry]):
        countries.append(Actor(
            key=row.iso3, name=row.name, country=row.iso3, kind="GOV", label="GPE",
            aliases=tuple(row.aliases), metonyms=tuple(row.capitals), demonyms=tuple(row.demonyms),
            is_country=True, centroid=(row.centroid[0], row.centroid[1]) if row.centroid else None))
        if row.forces:
            forces[row.iso3] = row.forces
    entries = []
    for name in _data_files():
        if name in (SECTORS_FILE, COUNTRIES_FILE):
            continue
        default_label = "PERSON" if name == PEOPLE_FILE else "ORG"
        for entry in load_data(name, list[ActorEntry]):
            entries.append(Actor(
                key=entry.key, name=entry.name, country=entry.country, kind=entry.kind,
                label=entry.label or default_label, aliases=tuple(entry.aliases),
                metonyms=tuple(entry.metonyms), org=entry.org or entry.parent, role=entry.role,
                gender=entry.gender))
    book = ActorDictionary(entries, countries, sectors)
    for iso3, table in forces.items():
        book.set_forces(iso3, table)
    return book


def lookup_actor(name: str) -> Optional[Actor]:
    """The dictionary actor these exact words name (alias, capital or demonym), if any."""
    found = dictionary().match(strip_article(name), strict=False)
    return found[0] if found else None


def strip_article(words: str) -> str:
    """Words without a leading article and a trailing possessive ("the Houthis'" -> "Houthis")."""
    words = words.strip().rstrip(".,;:")
    for suffix in ("'s", "\u2019s", "'", "\u2019"):
        if words.endswith(suffix):
            words = words[: -len(suffix)]
            break
    first, _, rest = words.partition(" ")
    return rest if first.lower() in ("the", "a", "an") and rest else words
