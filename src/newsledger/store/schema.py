"""The store's tables, defined once for SQLite and PostgreSQL (SQLAlchemy Core).

Tables and columns are named for the people who open the database with `sqlite3`, Datasette or
psql: one row per article, event, claim and entity mention, each event and claim row carrying
the exact words of its evidence. The full-text index is dialect-specific DDL and lives in the
migrations (see `search.py`). The migrations in `migrations/versions/` build exactly this schema;
a test compares the two on both engines.
"""
from __future__ import annotations

from sqlalchemy import (Boolean, Column, Date, DateTime, Float, ForeignKey, Index, Integer,
                        MetaData, String, Table, Text, func)

metadata = MetaData()

ID_LENGTH = 64  # a sha256 in hex

articles = Table(
    "articles", metadata,
    Column("id", Integer, primary_key=True),
    Column("fingerprint", String(ID_LENGTH), nullable=False,
           comment="sha256 of the text, or of the URL and the text: what makes an article new"),
    Column("text_sha256", String(ID_LENGTH), nullable=False, comment="the ledger's article id"),
    Column("url", Text),
    Column("title", Text),
    Column("outlet", Text),
    Column("published", Date),
    Column("language", String(16)),
    Column("text", Text, nullable=False),
    Column("event_count", Integer, nullable=False),
    Column("claim_count", Integer, nullable=False),
    Column("analyzer_version", String(32), nullable=False),
    Column("model", Text, nullable=False),
    Column("stored_at", DateTime(timezone=True), nullable=False),
    Column("ledger", Text, nullable=False, comment="the ledger JSON without its text"),
    Index("ix_articles_fingerprint", "fingerprint", unique=True),
    Index("ix_articles_published", "published"),
    Index("ix_articles_url", "url"),
)


def _actor_columns(role: str) -> list[Column]:
    return [Column(f"{role}_text", Text), Column(f"{role}_name", Text),
            Column(f"{role}_country", String(3)), Column(f"{role}_kind", Text)]


events = Table(
    "events", metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"),
           nullable=False),
    Column("event_id", String(32), nullable=False, comment="the event's id within its article"),
    Column("type", String(32), nullable=False, comment="PLOVER event type"),
    Column("mode", Text),
    Column("cameo", String(8)),
    Column("goldstein", Float),
    Column("trigger", Text),
    Column("status", String(16), nullable=False),
    Column("confidence", Float),
    *_actor_columns("actor"),
    *_actor_columns("target"),
    Column("place_text", Text),
    Column("place_name", Text),
    Column("place_country", String(3)),
    Column("place_precision", String(16)),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("geonameid", Integer),
    Column("date_text", Text),
    Column("date_start", Date),
    Column("date_end", Date),
    Column("date_inferred", Boolean),
    Column("fatalities_text", Text),
    Column("fatalities_min", Integer),
    Column("fatalities_max", Integer),
    Column("source_name", Text),
    Column("source_text", Text),
    Column("evidence", Text, nullable=False, comment="the article's exact words"),
    Column("evidence_start", Integer, nullable=False),
    Column("evidence_end", Integer, nullable=False),
    Index("ix_events_article", "article_id"),
    Index("ix_events_type", "type"),
    Index("ix_events_actor_country", "actor_country"),
    Index("ix_events_target_country", "target_country"),
    Index("ix_events_date_start", "date_start"),
    Index("ix_events_type_article", "type", "article_id"),  # "articles with an event of type": index only
)

claims = Table(
    "claims", metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"),
           nullable=False),
    Column("claim_id", String(32), nullable=False, comment="the claim's id within its article"),
    *_actor_columns("claimant"),
    Column("cue", Text),
    Column("content", Text, nullable=False),
    Column("content_start", Integer, nullable=False),
    Column("content_end", Integer, nullable=False),
    Column("stance", String(16), nullable=False),
    Column("hedged", Boolean, nullable=False),
    Column("checkworthy", Float),
    Column("measure", Text),
    Column("quantities", Text, comment="JSON list of the claim's figures"),
    Column("evidence", Text, nullable=False, comment="the article's exact words"),
    Column("evidence_start", Integer, nullable=False),
    Column("evidence_end", Integer, nullable=False),
    Index("ix_claims_article", "article_id"),
    Index("ix_claims_claimant_country", "claimant_country"),
    Index("ix_claims_measure", "measure"),
)

entities = Table(
    "entities", metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"),
           nullable=False),
    Column("text", Text, nullable=False),
    Column("label", String(16), nullable=False, comment="spaCy entity label: GPE, ORG, PERSON..."),
    Column("name", Text),
    Column("country", String(3)),
    Column("kind", Text),
    Column("start_offset", Integer, nullable=False),
    Column("end_offset", Integer, nullable=False),
    Index("ix_entities_article", "article_id"),
)


def _case_insensitive_indexes(table: Table, *names: str) -> None:
    """Indexes on lower(column): name filters match regardless of case and still use an index."""
    for name in names:
        Index(f"ix_{table.name}_{name}", func.lower(table.c[name]))


_case_insensitive_indexes(articles, "outlet")
_case_insensitive_indexes(events, "actor_name", "actor_text", "target_name", "target_text",
                          "place_name", "place_text", "source_name")
_case_insensitive_indexes(claims, "claimant_name", "claimant_text")
_case_insensitive_indexes(entities, "name")


# --- incidents (newsledger.incidents): articles' accounts linked into one happening -------------

incidents = Table(
    "incidents", metadata,
    Column("id", String(40), primary_key=True, comment="inc-YYYYMMDD-<hash of its first account>"),
    Column("family", String(16), nullable=False, comment="violence, coercion (data/incidents.yaml)"),
    Column("country", String(3)),
    Column("place_name", Text),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("date_start", Date, nullable=False),
    Column("date_end", Date, nullable=False),
    Column("sources", Integer, nullable=False, comment="articles that tell of it"),
    Column("first_report", Date),
    Column("last_report", Date),
    Column("fatalities_low", Float),
    Column("fatalities_best", Float),
    Column("fatalities_high", Float),
    Column("best_source", Text),
    Column("best_rule", String(32)),
    Column("disagreement", Float, comment="(largest - smallest) / largest of the sources' tolls"),
    Column("profile", Text, nullable=False, comment="JSON: the evidence new accounts are matched on"),
    Index("ix_incidents_country", "country"),
    Index("ix_incidents_date_start", "date_start"),
)

incident_accounts = Table(
    "incident_accounts", metadata,
    Column("id", Integer, primary_key=True),
    Column("incident_id", String(40), ForeignKey("incidents.id", ondelete="CASCADE"), nullable=False),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False, comment="0 for the article's lead account"),
    Column("events", Text, nullable=False, comment="the article's event ids, comma-separated"),
    Column("account", Text, nullable=False, comment="JSON: the account's evidence"),
    Index("ix_incident_accounts_incident", "incident_id"),
    Index("ix_incident_accounts_article", "article_id", "incident_id"),
)

incident_days = Table(
    "incident_days", metadata,
    Column("incident_id", String(40), ForeignKey("incidents.id", ondelete="CASCADE"), primary_key=True),
    Column("day", Date, primary_key=True),
    Column("country", String(3), primary_key=True, comment="'' when unknown"),
    Index("ix_incident_days_day_country", "day", "country"),
)

incident_figures = Table(
    "incident_figures", metadata,
    Column("id", Integer, primary_key=True),
    Column("incident_id", String(40), ForeignKey("incidents.id", ondelete="CASCADE"), nullable=False),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("claim_id", String(32), nullable=False),
    Column("position", Integer, nullable=False, comment="the claim's place in its article"),
    Column("event_id", String(32)),
    Column("measure", Text, nullable=False),
    Column("claimant", Text, nullable=False, comment="the resolved name, else the article's words"),
    Column("claimant_text", Text, comment="the claimant as the outlet names them"),
    Column("claimant_kind", Text),
    Column("claimant_country", String(3)),
    Column("value", Float),
    Column("low", Float),
    Column("high", Float),
    Column("text", Text, nullable=False, comment="the figure in the article's words"),
    Column("evidence", Text, nullable=False),
    Column("stance", String(16), nullable=False),
    Column("revision", String(16)),
    Index("ix_incident_figures_incident", "incident_id", "measure"),
)

incident_checked = Table(
    "incident_checked", metadata,
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True,
           comment="articles whose accounts have been matched"),
)
