"""The articles, events, claims and entities tables.

Revision ID: 0001
Revises:
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('articles',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('fingerprint', sa.String(length=64), nullable=False, comment='sha256 of the text, or of the URL and the text: what makes an article new'),
    sa.Column('text_sha256', sa.String(length=64), nullable=False, comment="the ledger's article id"),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('outlet', sa.Text(), nullable=True),
    sa.Column('published', sa.Date(), nullable=True),
    sa.Column('language', sa.String(length=16), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('event_count', sa.Integer(), nullable=False),
    sa.Column('claim_count', sa.Integer(), nullable=False),
    sa.Column('analyzer_version', sa.String(length=32), nullable=False),
    sa.Column('model', sa.Text(), nullable=False),
    sa.Column('stored_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ledger', sa.Text(), nullable=False, comment='the ledger JSON without its text'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_articles_fingerprint', 'articles', ['fingerprint'], unique=True)
    op.create_index('ix_articles_published', 'articles', ['published'], unique=False)
    op.create_index('ix_articles_url', 'articles', ['url'], unique=False)
    op.create_table('claims',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('claim_id', sa.String(length=32), nullable=False, comment="the claim's id within its article"),
    sa.Column('claimant_text', sa.Text(), nullable=True),
    sa.Column('claimant_name', sa.Text(), nullable=True),
    sa.Column('claimant_country', sa.String(length=3), nullable=True),
    sa.Column('claimant_kind', sa.Text(), nullable=True),
    sa.Column('cue', sa.Text(), nullable=True),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('content_start', sa.Integer(), nullable=False),
    sa.Column('content_end', sa.Integer(), nullable=False),
    sa.Column('stance', sa.String(length=16), nullable=False),
    sa.Column('hedged', sa.Boolean(), nullable=False),
    sa.Column('checkworthy', sa.Float(), nullable=True),
    sa.Column('measure', sa.Text(), nullable=True),
    sa.Column('quantities', sa.Text(), nullable=True, comment="JSON list of the claim's figures"),
    sa.Column('evidence', sa.Text(), nullable=False, comment="the article's exact words"),
    sa.Column('evidence_start', sa.Integer(), nullable=False),
    sa.Column('evidence_end', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_claims_article', 'claims', ['article_id'], unique=False)
    op.create_index('ix_claims_claimant_country', 'claims', ['claimant_country'], unique=False)
    op.create_index('ix_claims_measure', 'claims', ['measure'], unique=False)
    op.create_table('entities',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('label', sa.String(length=16), nullable=False, comment='spaCy entity label: GPE, ORG, PERSON...'),
    sa.Column('name', sa.Text(), nullable=True),
    sa.Column('country', sa.String(length=3), nullable=True),
    sa.Column('kind', sa.Text(), nullable=True),
    sa.Column('start_offset', sa.Integer(), nullable=False),
    sa.Column('end_offset', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_entities_article', 'entities', ['article_id'], unique=False)
    op.create_table('events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.String(length=32), nullable=False, comment="the event's id within its article"),
    sa.Column('type', sa.String(length=32), nullable=False, comment='PLOVER event type'),
    sa.Column('mode', sa.Text(), nullable=True),
    sa.Column('cameo', sa.String(length=8), nullable=True),
    sa.Column('goldstein', sa.Float(), nullable=True),
    sa.Column('trigger', sa.Text(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('confidence', sa.Float(), nullable=True),
    sa.Column('actor_text', sa.Text(), nullable=True),
    sa.Column('actor_name', sa.Text(), nullable=True),
    sa.Column('actor_country', sa.String(length=3), nullable=True),
    sa.Column('actor_kind', sa.Text(), nullable=True),
    sa.Column('target_text', sa.Text(), nullable=True),
    sa.Column('target_name', sa.Text(), nullable=True),
    sa.Column('target_country', sa.String(length=3), nullable=True),
    sa.Column('target_kind', sa.Text(), nullable=True),
    sa.Column('place_text', sa.Text(), nullable=True),
    sa.Column('place_name', sa.Text(), nullable=True),
    sa.Column('place_country', sa.String(length=3), nullable=True),
    sa.Column('place_precision', sa.String(length=16), nullable=True),
    sa.Column('latitude', sa.Float(), nullable=True),
    sa.Column('longitude', sa.Float(), nullable=True),
    sa.Column('geonameid', sa.Integer(), nullable=True),
    sa.Column('date_text', sa.Text(), nullable=True),
    sa.Column('date_start', sa.Date(), nullable=True),
    sa.Column('date_end', sa.Date(), nullable=True),
    sa.Column('date_inferred', sa.Boolean(), nullable=True),
    sa.Column('fatalities_text', sa.Text(), nullable=True),
    sa.Column('fatalities_min', sa.Integer(), nullable=True),
    sa.Column('fatalities_max', sa.Integer(), nullable=True),
    sa.Column('source_name', sa.Text(), nullable=True),
    sa.Column('source_text', sa.Text(), nullable=True),
    sa.Column('evidence', sa.Text(), nullable=False, comment="the article's exact words"),
    sa.Column('evidence_start', sa.Integer(), nullable=False),
    sa.Column('evidence_end', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_events_actor_country', 'events', ['actor_country'], unique=False)
    op.create_index('ix_events_article', 'events', ['article_id'], unique=False)
    op.create_index('ix_events_date_start', 'events', ['date_start'], unique=False)
    op.create_index('ix_events_target_country', 'events', ['target_country'], unique=False)
    op.create_index('ix_events_type', 'events', ['type'], unique=False)
    op.create_index("ix_articles_outlet", "articles", [sa.text("lower(outlet)")])
    op.create_index("ix_claims_claimant_name", "claims", [sa.text("lower(claimant_name)")])
    op.create_index("ix_claims_claimant_text", "claims", [sa.text("lower(claimant_text)")])
    op.create_index("ix_entities_name", "entities", [sa.text("lower(name)")])
    op.create_index("ix_events_actor_name", "events", [sa.text("lower(actor_name)")])
    op.create_index("ix_events_actor_text", "events", [sa.text("lower(actor_text)")])
    op.create_index("ix_events_place_name", "events", [sa.text("lower(place_name)")])
    op.create_index("ix_events_place_text", "events", [sa.text("lower(place_text)")])
    op.create_index("ix_events_source_name", "events", [sa.text("lower(source_name)")])
    op.create_index("ix_events_target_name", "events", [sa.text("lower(target_name)")])
    op.create_index("ix_events_target_text", "events", [sa.text("lower(target_text)")])

def downgrade() -> None:
    for table in ("entities", "claims", "events", "articles"):
        op.drop_table(table)
