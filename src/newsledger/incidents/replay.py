"""Which incident each account belongs to, the same whatever order the articles arrived in.

The rule (the one `rebuild` applies to a whole store): accounts are taken in canonical order
(`Key`: the article's publication date, undated last; then its fingerprint, the hash of its
text; then the account's place in the article), and each joins the best-scoring incident that
exists at that point (matching.py), or starts one. Linking new accounts into a store gives the
same result: new accounts are taken in that order among the stored ones, and a stored account
that sorts after a new one is decided again (replayed) when an incident it could have been
matched against changed: an incident whose members changed is "dirty", and every later account
whose window shares a day with a dirty incident's index is replayed, which may make more
incidents dirty. The replay follows changes outward from the new accounts through the blocking
index (`days`) and stops where assignments stop changing; articles that arrive in publication
order replay nothing.

Blocking: an incident is indexed on the days of its accounts' windows and on its span from its
first day, each capped at MAX_INDEXED_DAYS; an account is matched against the incidents indexed
on the days of its own capped window (in its country, when it states a place).
"""
from __future__ import annotations

import hashlib
import heapq
import json
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Iterable, Iterator, Optional

from sqlalchemy import Connection, select

from ..store.schema import articles, incident_accounts, incident_days, incidents
from .accounts import Account, settings
from .matching import Profile, score

MAX_INDEXED_DAYS = 62  # an account dated only to a month or two is indexed on its first days
UNDATED = "9999-12-31"  # articles with no publication date sort last

Key = tuple[str, str, int]  # (published, fingerprint, position in the article)


def key_of(published: Optional[date], fingerprint: str, position: int) -> Key:
    return (published.isoformat() if published else UNDATED, fingerprint, position)


@dataclass(eq=False)
class Member:
    """One account in the run being made: where it was before it (None: new) and where it is."""
    key: Key
    article_id: int
    account: Account
    was: Optional[str] = None
    now: Optional[str] = None
    row: Optional[int] = None  # its incident_accounts row, when stored

    @property
    def fingerprint(self) -> str:
        return self.key[1]

    @property
    def position(self) -> int:
        return self.key[2]


@dataclass(eq=False)
class Cluster:
    """An incident in memory: its members by key (those after the replay point are tentative
    until they are replayed), and the stored summary row it has, if any."""
    id: str
    family: str
    members: list[Member] = field(default_factory=list)
    stored: bool = False
    version: int = 0
    _cache: Optional[tuple] = None

    def add(self, member: Member) -> None:
        self.members.append(member)
        self.members.sort(key=lambda m: m.key)
        self.version += 1

    def remove(self, member: Member) -> None:
        self.members.remove(member)
        self.version += 1

    def before(self, key: Key) -> tuple[Optional[Profile], set[date]]:
        """Its profile and indexed days as they were when the account at `key` was decided."""
        earlier = [m for m in self.members if m.key < key]
        if self._cache and self._cache[:2] == (self.version, len(earlier)):
            return self._cache[2], self._cache[3]
        profile = None
        for m in earlier:
            if profile is None:
                profile = Profile.of(m.account)
            else:
                profile.add(m.account)
        days = indexed_days(m.account for m in earlier)
        self._cache = (self.version, len(earlier), profile, days)
        return profile, days


def window(account: Account) -> tuple[date, date]:
    """The account's days, capped: the days its incidents are looked up on."""
    return account.start, min(account.end, account.start + timedelta(days=MAX_INDEXED_DAYS))


def indexed_days(accounts: Iterable[Account]) -> set[date]:
    """An incident's blocking days: each account's capped window, and the span from the first
    day (capped), so an account dated between two others finds it."""
    days: set[date] = set()
    starts, ends = [], []
    for account in accounts:
        lo, hi = window(account)
        days.update(lo + timedelta(days=k) for k in range((hi - lo).days + 1))
        starts.append(account.start)
        ends.append(account.end)
    if starts:
        lo = min(starts)
        hi = min(max(ends), lo + timedelta(days=MAX_INDEXED_DAYS))
        days.update(lo + timedelta(days=k) for k in range((hi - lo).days + 1))
    return days


def new_id(account: Account, fingerprint: str, position: int) -> str:
    """An incident's id: its first day and a hash of its first account in canonical order."""
    digest = hashlib.sha1(f"{fingerprint}:{position}".encode()).hexdigest()[:10]
    return f"inc-{account.start:%Y%m%d}-{digest}"


class Linker:
    """Decides the new accounts and replays the stored ones they can influence, in canonical
    order. Reads the store; `clusters` holds what changed, for linking.py to write."""

    def __init__(self, connection: Connection):
        self.connection = connection
        self.clusters: dict[str, Cluster] = {}
        self.members: dict[Key, Member] = {}
        self.dirty: set[str] = set()
        self.by_day: dict[date, set[str]] = {}  # days of the clusters in memory (a superset)
        self.scanned: set[date] = set()
        self.queue: list[Key] = []
        self.queued: set[Key] = set()
        self.now: Key = ("", "", -1)
        self.latest = self._latest_stored()
        self.threshold = settings().threshold
        self.stored_days: dict[date, list[tuple[str, str]]] = {}  # day -> stored (incident, country)

    def _latest_stored(self) -> Key:
        row = self.connection.execute(
            select(articles.c.published, articles.c.fingerprint).select_from(incident_accounts.join(articles))
            .order_by(articles.c.published.desc().nulls_first(), articles.c.fingerprint.desc()).limit(1)).first()
        return key_of(row.published, row.fingerprint, 1 << 30) if row else ("", "", -1)

    def run(self, new: list[Member]) -> None:
        for member in new:
            self.members[member.key] = member
            self._enqueue(member.key)
        while self.queue:
            self.now = heapq.heappop(self.queue)
            self.queued.discard(self.now)
            member = self.members[self.now]
            self._move(member, *self._decide(member))

    def _decide(self, member: Member) -> tuple[str, bool]:
        """The incident the account joins, and whether it exists (else the account starts it)."""
        candidates = self._candidates(member)
        scored = sorted((-s, incident_id) for incident_id, profile in candidates.items()
                        if (s := score(member.account, profile)) is not None and s >= self.threshold)
        if scored:
            return scored[0][1], True
        return new_id(member.account, member.fingerprint, member.position), False

    def _move(self, member: Member, target: str, existing: bool) -> None:
        if member.now == target:
            return
        if member.now is not None:
            self.clusters[member.now].remove(member)
            self._changed(self.clusters[member.now])
        if target not in self.clusters and (existing or member.was is not None):
            # a stored incident it joins, with all its members (an incident a new account starts
            # is named after that account, so the store cannot hold it yet)
            self._load([target])
        cluster = self.clusters.get(target)
        if cluster is None:
            cluster = self.clusters[target] = Cluster(id=target, family=member.account.family)
        member.now = target
        cluster.add(member)
        self._index(cluster)
        self._changed(cluster)

    def _index(self, cluster: Cluster) -> None:
        for day in indexed_days(m.account for m in cluster.members):
            self.by_day.setdefault(day, set()).add(cluster.id)

    def _changed(self, cluster: Cluster) -> None:
        """A cluster's members changed: replay every later account that could have been
        matched against it (nothing when no stored account sorts after this point)."""
        self.dirty.add(cluster.id)
        if self.now >= self.latest:
            return
        days = indexed_days(m.account for m in cluster.members)
        if cluster.stored:
            days |= set(self.connection.execute(select(incident_days.c.day).distinct()
                                                .where(incident_days.c.incident_id == cluster.id)).scalars())
        fresh = days - self.scanned
        self.scanned |= fresh
        if fresh:
            ids = self.connection.execute(select(incident_days.c.incident_id).distinct()
                                          .where(incident_days.c.day.in_(sorted(fresh)))).scalars().all()
            self._load(ids)
        for incident_id in {i for d in fresh for i in self.by_day.get(d, ())} | {cluster.id}:
            for m in self.clusters[incident_id].members:
                lo, hi = window(m.account)
                if m.key > self.now and (incident_id == cluster.id or any(lo <= d <= hi for d in fresh)):
                    self._enqueue(m.key)

    def _enqueue(self, key: Key) -> None:
        if key not in self.queued:
            self.queued.add(key)
            heapq.heappush(self.queue, key)

    def _candidates(self, member: Member) -> dict[str, Profile]:
        account = member.account
        lo, hi = window(account)
        days = [lo + timedelta(days=k) for k in range((hi - lo).days + 1)]
        by_country = bool(account.country and account.place is not None)
        countries = (account.country, "") if by_country else None
        stored = {i for i, country in self._stored_on(days) if countries is None or country in countries}
        found = self._stored_profiles(stored - set(self.clusters), member.key)
        for incident_id in {i for d in days for i in self.by_day.get(d, ())}:
            profile, indexed = self.clusters[incident_id].before(member.key)
            if profile is None or not any(lo <= d <= hi for d in indexed):
                continue
            if by_country and profile.countries and account.country not in profile.countries:
                continue
            found[incident_id] = profile
        return found

    def _stored_on(self, days: list[date]) -> Iterator[tuple[str, str]]:
        """The stored incidents indexed on these days, with the country of each index row. The
        store does not change while the linker runs (linking.py writes after), so each day is
        read once per run: the accounts of a batch mostly look up the same days."""
        missing = [d for d in days if d not in self.stored_days]
        if missing:
            for day in missing:
                self.stored_days[day] = []
            rows = self.connection.execute(select(incident_days.c.day, incident_days.c.incident_id,
                                                  incident_days.c.country).where(incident_days.c.day.in_(missing)))
            for row in rows:
                self.stored_days[row.day].append((row.incident_id, row.country))
        return (found for day in days for found in self.stored_days[day])

    def _stored_profiles(self, ids: set[str], key: Key) -> dict[str, Profile]:
        """Stored incidents as they were at `key`: their stored profile when every member sorts
        before it, else loaded and replayed in memory (found there by `_candidates`)."""
        if not ids:
            return {}
        if key < self.latest:
            self._load(ids)
            return {}
        rows = self.connection.execute(select(incidents.c.id, incidents.c.profile).where(incidents.c.id.in_(ids)))
        return {row.id: Profile.from_dict(json.loads(row.profile)) for row in rows}

    def _load(self, ids: Iterable[str]) -> None:
        """Stored incidents into memory, with their members."""
        wanted = sorted(set(ids) - set(self.clusters))
        if not wanted:
            return
        query = (select(incident_accounts.c.id, incident_accounts.c.incident_id, incident_accounts.c.article_id,
                        incident_accounts.c.position, incident_accounts.c.account, incidents.c.family,
                        articles.c.published, articles.c.fingerprint)
                 .select_from(incident_accounts.join(articles).join(incidents))
                 .where(incident_accounts.c.incident_id.in_(wanted)))
        for row in self.connection.execute(query):
            cluster = self.clusters.setdefault(row.incident_id, Cluster(id=row.incident_id, family=row.family,
                                                                        stored=True))
            member = Member(key=key_of(row.published, row.fingerprint, row.position), article_id=row.article_id,
                            account=Account.from_dict(json.loads(row.account)), was=row.incident_id,
                            now=row.incident_id, row=row.id)
            self.members[member.key] = member
            cluster.add(member)
        for incident_id in wanted:
            if incident_id in self.clusters:
                self._index(self.clusters[incident_id])
