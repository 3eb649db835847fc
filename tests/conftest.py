"""Shared fixtures: the real spaCy pipeline, loaded once per test session."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import settings

from newsledger import analyze
from newsledger.pipeline import prepared

SHARED = Path(__file__).resolve().parents[2] / "shared"

# Property tests check what they compute, never how fast: on a shared CI machine an example
# may take longer than hypothesis's default 200 ms deadline and fail for nothing.
settings.register_profile("newsledger", deadline=None)
settings.load_profile("newsledger")


@pytest.fixture(scope="session")
def nlp():
    """The pipeline analyze() uses: the model, the spaCy stage and the extraction vocabularies."""
    return prepared()


@pytest.fixture(scope="session")
def analyze_text():
    """analyze() with a fixed default publication date so relative dates resolve."""
    def run(text: str, published: date | None = date(2024, 3, 12), **kw):
        return analyze(text, published=published, **kw)
    return run


# --- the store's databases: every store test runs on SQLite and on a real PostgreSQL ---------

import itertools
import os

import psycopg

from pg_server import Cluster, binaries

_database_numbers = itertools.count(1)


@pytest.fixture(scope="session")
def postgres_server():
    """The PostgreSQL server's URL: $NEWSLEDGER_TEST_PG_URL (.ci/run starts one), else a
    throwaway cluster when Debian's binaries are installed, else skip (fail in CI)."""
    url = os.environ.get("NEWSLEDGER_TEST_PG_URL")
    if url:
        yield url
        return
    bindir = binaries()
    if bindir is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI must test the store on PostgreSQL: set NEWSLEDGER_TEST_PG_URL "
                        "or install Debian's postgresql")
        pytest.skip("PostgreSQL is not installed (apt-get install postgresql) and "
                    "NEWSLEDGER_TEST_PG_URL is not set")
    cluster = Cluster(bindir)
    try:
        yield cluster.start()
    finally:
        cluster.stop()


def _database_url(server: str, name: str) -> str:
    base, _, query = server.partition("?")
    return f"{base.rsplit('/', 1)[0]}/{name}" + (f"?{query}" if query else "")


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    """An empty database for one test: a SQLite file, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'newsledger.db'}"
        return
    server = request.getfixturevalue("postgres_server")
    name = f"newsledger_test_{os.getpid()}_{next(_database_numbers)}"
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    yield _database_url(server, name)
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
