"""Bring a store's schema up to this version's, with the Alembic migrations shipped in the package.

Opening a store runs this: a new database gets every table, an older store gets the revisions it
lacks (its rows kept), a newer one is refused. A store that is already current costs one small
query: the revisions are read from the migration files' `revision =` lines, and Alembic (slow to
import) is loaded only when there is something to migrate. A test checks that this reading
agrees with Alembic's.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from sqlalchemy import Connection, Engine, inspect, text

SCRIPT_LOCATION = "newsledger.store:migrations"
VERSIONS = Path(__file__).parent / "migrations" / "versions"
VERSION_TABLE = "alembic_version"
_ASSIGNED = r"^{name}\s*(?::[^=\n]+)?=\s*(.+)$"  # `name = ...` or `name: type = ...`


class NewerStoreError(RuntimeError):
    """The store was written by a newer newsledger, whose schema this version does not know."""


def alembic_config(connection: Connection | None = None):
    """An Alembic config pointing at the packaged migrations (for `command.upgrade` and friends)."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    config.attributes["connection"] = connection
    return config


@lru_cache(maxsize=1)
def _revisions() -> tuple[frozenset[str], str]:
    """Every revision the package ships, and the newest (the one no other revision follows)."""
    known, followed = set(), set()
    for path in VERSIONS.glob("*.py"):
        source = path.read_text(encoding="utf-8")
        revision = re.search(_ASSIGNED.format(name="revision"), source, re.M)
        down = re.search(_ASSIGNED.format(name="down_revision"), source, re.M)
        if revision is None or down is None:
            continue
        known.update(re.findall(r"[\"'](\w+)[\"']", revision.group(1)))
        followed.update(re.findall(r"[\"'](\w+)[\"']", down.group(1)))
    heads = known - followed
    if len(heads) != 1:
        raise RuntimeError(f"the store's migrations must have one head, not {sorted(heads)}")
    return frozenset(known), heads.pop()


def head_revision() -> str:
    return _revisions()[1]


def current_revision(connection: Connection) -> str | None:
    """The store's schema revision, None for a database without one (a new store)."""
    if not inspect(connection).has_table(VERSION_TABLE):
        return None
    return connection.scalar(text(f"SELECT version_num FROM {VERSION_TABLE}"))


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Run the migrations the store lacks, in one transaction where the database allows."""
    with engine.connect() as connection:
        current = current_revision(connection)
    if current is not None and current not in _revisions()[0]:
        raise NewerStoreError(f"schema revision {current} is newer than this newsledger knows "
                              f"(latest {head_revision()}); upgrade newsledger to open it")
    if revision == "head" and current == head_revision():
        return
    from alembic import command

    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), revision)
