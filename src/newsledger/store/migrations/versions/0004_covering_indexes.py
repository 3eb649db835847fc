"""Covering indexes for the filters that go through an event's article (incidents by event type,
articles by event type) and for finding an article's incidents.

Revision ID: 0004
Revises: 0003

With `type` alone indexed, "the articles with an ASSAULT event" read every matching event row
(16,000 rows of a 100,000-event store) just for its article_id; (type, article_id) answers from
the index. Likewise (article_id, incident_id) answers "the incidents these articles tell of"
without reading the accounts' JSON.
"""
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_events_type_article", "events", ["type", "article_id"], unique=False)
    op.drop_index("ix_incident_accounts_article", table_name="incident_accounts")
    op.create_index("ix_incident_accounts_article", "incident_accounts", ["article_id", "incident_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_incident_accounts_article", table_name="incident_accounts")
    op.create_index("ix_incident_accounts_article", "incident_accounts", ["article_id"], unique=False)
    op.drop_index("ix_events_type_article", table_name="events")
