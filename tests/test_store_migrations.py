"""The store's schema comes from the Alembic migrations shipped in the package: they build what
schema.py describes, an older store is upgraded in place when opened, a newer one is refused."""
from __future__ import annotations

import json
import warnings
from datetime import datetime, timezone

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import insert, text

from newsledger.store import Store, StoreError, migrate
from newsledger.store.schema import articles, metadata
from newsledger.store.store import _engine


def _fts_object(obj, name, type_, reflected, compare_to) -> bool:
    """Full-text objects are dialect DDL outside the shared schema (see 0002)."""
    return not (name or "").startswith(("article_search", "search_vector", "ix_articles_search"))


def test_the_migrations_build_the_schema_the_code_describes(store_url):
    store = Store(store_url)
    with store.engine.connect() as connection, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # expression indexes cannot be reflected on SQLite
        context = MigrationContext.configure(connection, opts={"include_object": _fts_object})
        assert compare_metadata(context, metadata) == []
        assert migrate.current_revision(connection) == migrate.head_revision()
    store.close()


def test_an_older_store_is_upgraded_when_opened_and_keeps_its_articles(store_url):
    engine = _engine(store_url)
    migrate.upgrade(engine, "0001")  # a store as the first release wrote it: no full-text index
    ledger = {"article": {"id": "x", "title": "Old report"}, "events": [], "claims": []}
    with engine.begin() as connection:
        connection.execute(insert(articles).values(
            fingerprint="f" * 64, text_sha256="x" * 64, title="Old report",
            text="Shelling hit the riverside market.", event_count=0, claim_count=0,
            analyzer_version="0.0.9", model="old_model", stored_at=datetime.now(timezone.utc),
            ledger=json.dumps(ledger)))
        assert migrate.current_revision(connection) == "0001"
    engine.dispose()

    with Store(store_url) as store:
        assert [row.title for row in store.articles(text="market")] == ["Old report"]
        assert [row.analyzer_version for row in store.articles()] == ["0.0.9"]
        with store.engine.connect() as connection:
            assert migrate.current_revision(connection) == migrate.head_revision()


def test_the_quick_revision_reading_agrees_with_alembic():
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(migrate.alembic_config())
    assert migrate.head_revision() == scripts.get_current_head()
    assert migrate._revisions()[0] == {script.revision for script in scripts.walk_revisions()}


def test_a_store_from_a_newer_version_is_refused(store_url):
    Store(store_url).close()
    engine = _engine(store_url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'f00d'"))
    engine.dispose()
    with pytest.raises(StoreError, match="newer than this newsledger knows"):
        Store(store_url)
