"""Full-text search of article titles and text: SQLite FTS5, PostgreSQL tsvector.

Revision ID: 0002
Revises: 0001

SQLite: `article_search`, an FTS5 index over `articles` (external content, so the text is
stored once), kept in step by triggers. PostgreSQL: a generated `search_vector` column with a
GIN index. Both stem English words (FTS5's porter tokenizer, PostgreSQL's 'english'
configuration). Articles stored before this revision are indexed by the upgrade.
"""
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

SQLITE_UPGRADE = (
    "CREATE VIRTUAL TABLE article_search USING fts5(title, text, content='articles', "
    "content_rowid='id', tokenize='porter unicode61')",
    "CREATE TRIGGER article_search_insert AFTER INSERT ON articles BEGIN "
    "INSERT INTO article_search(rowid, title, text) VALUES (new.id, new.title, new.text); END",
    "CREATE TRIGGER article_search_delete AFTER DELETE ON articles BEGIN "
    "INSERT INTO article_search(article_search, rowid, title, text) "
    "VALUES ('delete', old.id, old.title, old.text); END",
    "CREATE TRIGGER article_search_update AFTER UPDATE OF title, text ON articles BEGIN "
    "INSERT INTO article_search(article_search, rowid, title, text) "
    "VALUES ('delete', old.id, old.title, old.text); "
    "INSERT INTO article_search(rowid, title, text) VALUES (new.id, new.title, new.text); END",
    "INSERT INTO article_search(article_search) VALUES ('rebuild')",
)
SQLITE_DOWNGRADE = (
    "DROP TRIGGER article_search_update", "DROP TRIGGER article_search_delete",
    "DROP TRIGGER article_search_insert", "DROP TABLE article_search",
)
POSTGRESQL_UPGRADE = (
    "ALTER TABLE articles ADD COLUMN search_vector tsvector GENERATED ALWAYS AS "
    "(to_tsvector('english', coalesce(title, '') || ' ' || text)) STORED",
    "CREATE INDEX ix_articles_search_vector ON articles USING gin (search_vector)",
)
POSTGRESQL_DOWNGRADE = ("ALTER TABLE articles DROP COLUMN search_vector",)


def upgrade() -> None:
    _run(SQLITE_UPGRADE if _sqlite() else POSTGRESQL_UPGRADE)


def downgrade() -> None:
    _run(SQLITE_DOWNGRADE if _sqlite() else POSTGRESQL_DOWNGRADE)


def _sqlite() -> bool:
    return op.get_bind().dialect.name == "sqlite"


def _run(statements) -> None:
    for statement in statements:
        op.execute(statement)
