"""Alembic's entry point for the store's migrations, run by `newsledger.store.migrate`.

The caller hands over an open connection (config.attributes["connection"]); there is no
alembic.ini and no logging setup, so upgrading a store prints nothing.
"""
from alembic import context

from newsledger.store.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata,
                  render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
