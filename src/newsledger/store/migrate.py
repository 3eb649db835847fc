"""Bring a store's schema up to this version's, with the Alembic migrations shipped in the package.

Opening a store runs this: a new database gets every table, an older store gets the revisions it
lacks (its rows kept), a current one is left alone after one cheap version check.
"""
from __future__ import annotations

from functools import lru_cache

from alembic import command
from alembic.config import Config
from alembic.util import CommandError
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

SCRIPT_LOCATION = "newsledger.store:migrations"


class NewerStoreError(RuntimeError):
    """The store was written by a newer newsledger, whose schema this version does not know."""


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic config pointing at the packaged migrations (for `command.upgrade` and friends)."""
    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    config.attributes["connection"] = connection
    return config


@lru_cache(maxsize=1)
def _scripts() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    return _scripts().get_current_head()


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def _known(revision: str) -> bool:
    try:
        return _scripts().get_revision(revision) is not None
    except CommandError:
        return False


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Run the migrations the store lacks, in one transaction where the database allows."""
    with engine.begin() as connection:
        current = current_revision(connection)
        if current is not None and not _known(current):
            raise NewerStoreError(f"schema revision {current} is newer than this newsledger knows "
                                  f"(latest {head_revision()}); upgrade newsledger to open it")
        if current == head_revision() and revision == "head":
            return
        command.upgrade(alembic_config(connection), revision)
