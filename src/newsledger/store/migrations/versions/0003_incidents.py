"""The incident tables: articles' accounts linked into incidents, with their figures.

Revision ID: 0003
Revises: 0002

Stores opened by this version start with no incidents; `newsledger incidents rebuild` (or the
next ingest) links the articles they already hold.
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "incidents",
        sa.Column("id", sa.String(length=40), nullable=False, comment="inc-YYYYMMDD-<hash of its first account>"),
        sa.Column("family", sa.String(length=16), nullable=False, comment="violence, coercion (data/incidents.yaml)"),
        sa.Column("country", sa.String(length=3), nullable=True),
        sa.Column("place_name", sa.Text(), nullable=True),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("date_start", sa.Date(), nullable=False),
        sa.Column("date_end", sa.Date(), nullable=False),
        sa.Column("sources", sa.Integer(), nullable=False, comment="articles that tell of it"),
        sa.Column("first_report", sa.Date(), nullable=True),
        sa.Column("last_report", sa.Date(), nullable=True),
        sa.Column("fatalities_low", sa.Float(), nullable=True),
        sa.Column("fatalities_best", sa.Float(), nullable=True),
        sa.Column("fatalities_high", sa.Float(), nullable=True),
        sa.Column("best_source", sa.Text(), nullable=True),
        sa.Column("best_rule", sa.String(length=32), nullable=True),
        sa.Column("disagreement", sa.Float(), nullable=True,
                  comment="(largest - smallest) / largest of the sources' tolls"),
        sa.Column("profile", sa.Text(), nullable=False, comment="JSON: the evidence new accounts are matched on"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_incidents_country", "incidents", ["country"], unique=False)
    op.create_index("ix_incidents_date_start", "incidents", ["date_start"], unique=False)
    op.create_table(
        "incident_accounts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.String(length=40), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False, comment="0 for the article's lead account"),
        sa.Column("events", sa.Text(), nullable=False, comment="the article's event ids, comma-separated"),
        sa.Column("account", sa.Text(), nullable=False, comment="JSON: the account's evidence"),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["incident_id"], ["incidents.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_incident_accounts_incident", "incident_accounts", ["incident_id"], unique=False)
    op.create_index("ix_incident_accounts_article", "incident_accounts", ["article_id"], unique=False)
    op.create_table(
        "incident_days",
        sa.Column("incident_id", sa.String(length=40), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("country", sa.String(length=3), nullable=False, comment="'' when unknown"),
        sa.ForeignKeyConstraint(["incident_id"], ["incidents.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("incident_id", "day", "country"),
    )
    op.create_index("ix_incident_days_day_country", "incident_days", ["day", "country"], unique=False)
    op.create_table(
        "incident_figures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.String(length=40), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.String(length=32), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False, comment="the claim's place in its article"),
        sa.Column("event_id", sa.String(length=32), nullable=True),
        sa.Column("measure", sa.Text(), nullable=False),
        sa.Column("claimant", sa.Text(), nullable=False, comment="the resolved name, else the article's words"),
        sa.Column("claimant_text", sa.Text(), nullable=True, comment="the claimant as the outlet names them"),
        sa.Column("claimant_kind", sa.Text(), nullable=True),
        sa.Column("claimant_country", sa.String(length=3), nullable=True),
        sa.Column("value", sa.Float(), nullable=True),
        sa.Column("low", sa.Float(), nullable=True),
        sa.Column("high", sa.Float(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False, comment="the figure in the article's words"),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("stance", sa.String(length=16), nullable=False),
        sa.Column("revision", sa.String(length=16), nullable=True),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["incident_id"], ["incidents.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_incident_figures_incident", "incident_figures", ["incident_id", "measure"], unique=False)
    op.create_table(
        "incident_checked",
        sa.Column("article_id", sa.Integer(), nullable=False, comment="articles whose accounts have been matched"),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("article_id"),
    )


def downgrade() -> None:
    for table in ("incident_checked", "incident_figures", "incident_days", "incident_accounts", "incidents"):
        op.drop_table(table)
