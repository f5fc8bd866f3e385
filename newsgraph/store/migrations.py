"""Schema migrations: numbered steps, each applied once and recorded in ``newsgraph_migrations``.

A new schema change is a new function appended to ``MIGRATIONS`` (and the same change made to
the current tables in :mod:`newsgraph.store.schema`); migration 1 builds from the frozen
:mod:`newsgraph.store.schema_v1` and never changes; ``apply`` is re-runnable and
runs only the steps a database has not seen, so an old store file upgrades when it is opened.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Callable, Optional

from sqlalchemy import (
    Column,
    Connection,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    select,
    text,
)

from newsgraph.store import schema_v1
from newsgraph.store.schema import migrations_table

SQLITE_FTS = (
    # External-content FTS5 tables: the text lives once, in articles/quotes; triggers keep the index in step.
    "CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='num')",
    "CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles BEGIN "
    "INSERT INTO articles_fts(rowid, title, text) VALUES (new.num, new.title, new.text); END",
    "CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles BEGIN "
    "INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.num, old.title, old.text); END",
    "CREATE TRIGGER articles_fts_au AFTER UPDATE OF title, text ON articles BEGIN "
    "INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.num, old.title, old.text); "
    "INSERT INTO articles_fts(rowid, title, text) VALUES (new.num, new.title, new.text); END",
    "CREATE VIRTUAL TABLE quotes_fts USING fts5(text, speaker_name, content='quotes', content_rowid='num')",
    "CREATE TRIGGER quotes_fts_ai AFTER INSERT ON quotes BEGIN "
    "INSERT INTO quotes_fts(rowid, text, speaker_name) VALUES (new.num, new.text, new.speaker_name); END",
    "CREATE TRIGGER quotes_fts_ad AFTER DELETE ON quotes BEGIN "
    "INSERT INTO quotes_fts(quotes_fts, rowid, text, speaker_name) "
    "VALUES ('delete', old.num, old.text, old.speaker_name); END",
)

POSTGRES_FTS = (
    # Generated tsvector columns with GIN indexes: PostgreSQL keeps them current on every write.
    "ALTER TABLE articles ADD COLUMN tsv tsvector GENERATED ALWAYS AS "
    "(to_tsvector('english', coalesce(title, '') || ' ' || text)) STORED",
    "CREATE INDEX ix_articles_tsv ON articles USING GIN (tsv)",
    "ALTER TABLE quotes ADD COLUMN tsv tsvector GENERATED ALWAYS AS "
    "(to_tsvector('english', text || ' ' || coalesce(speaker_name, ''))) STORED",
    "CREATE INDEX ix_quotes_tsv ON quotes USING GIN (tsv)",
)


def _initial(conn: Connection) -> None:
    """The tables as version 1 had them (a frozen copy), plus full-text search in the dialect's own way."""
    schema_v1.metadata.create_all(conn, checkfirst=True)
    statements = SQLITE_FTS if conn.dialect.name == "sqlite" else POSTGRES_FTS
    for statement in statements:
        conn.execute(text(statement))


def _bigint_places(conn: Connection) -> None:
    """Populations over 2**31 (continents): 64-bit integers. SQLite's INTEGER is 64-bit already."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("ALTER TABLE places ALTER COLUMN population TYPE BIGINT, ALTER COLUMN geonameid TYPE BIGINT"))


def _identity_tables_v3() -> MetaData:
    """The identity tables as migration 3 creates them (a frozen copy: later changes are new migrations)."""
    frozen = MetaData()
    Table(
        "corpus_entities", frozen,
        Column("id", String, primary_key=True), Column("name", Text, nullable=False),
        Column("type", String(16), nullable=False), Column("country", String(3)), Column("role", Text),
        Column("articles", Integer, nullable=False), Column("mentions", Integer, nullable=False),
        Column("aliases", Text, nullable=False), Column("example_article", String),
        Column("example_start", Integer), Column("example_end", Integer),
        Index("ix_corpus_entities_mentions", "mentions"), Index("ix_corpus_entities_type", "type", "mentions"),
    )
    Table(
        "corpus_members", frozen,
        Column("article_id", String, primary_key=True), Column("entity_id", String, primary_key=True),
        Column("corpus_id", String, nullable=False), Column("published", String(10)),
        Column("mentions", Integer, nullable=False), Column("role", Text),
        Index("ix_corpus_members_corpus", "corpus_id", "published", "article_id", "entity_id", "mentions"),
        Index("ix_corpus_members_article", "article_id", "corpus_id"),
    )
    Table(
        "corpus_names", frozen,
        Column("key", Text, primary_key=True), Column("corpus_id", String, primary_key=True),
        Column("mentions", Integer, nullable=False),
    )
    Table(
        "identity_overrides", frozen,
        Column("num", Integer, primary_key=True, autoincrement=True), Column("op", String(8), nullable=False),
        Column("members", Text, nullable=False), Column("label", Text), Column("created_at", String, nullable=False),
    )
    return frozen


QUERY_INDEXES_V3 = (
    "CREATE INDEX IF NOT EXISTS ix_events_root_date ON events (root, date)",
    "CREATE INDEX IF NOT EXISTS ix_events_date ON events (date)",
    "CREATE INDEX IF NOT EXISTS ix_events_source_code ON events (source_code)",
    "CREATE INDEX IF NOT EXISTS ix_events_target_code ON events (target_code)",
    "CREATE INDEX IF NOT EXISTS ix_events_source_entity ON events (article_id, source_entity)",
    "CREATE INDEX IF NOT EXISTS ix_events_target_entity ON events (article_id, target_entity)",
    "CREATE INDEX IF NOT EXISTS ix_quotes_speaker ON quotes (article_id, speaker_entity)",
    "CREATE INDEX IF NOT EXISTS ix_mentions_entity ON mentions (entity_id)",
)


def _identity_and_indexes(conn: Connection) -> None:
    """Cross-article identity tables and the indexes behind the query filters.

    Stores made before this migration may hold identity tables that queries created on first use:
    the derived ones are dropped (``newsgraph identity rebuild`` refills them); users' corrections
    in ``identity_overrides`` are kept.
    """
    frozen = _identity_tables_v3()
    derived = [frozen.tables[name] for name in ("corpus_names", "corpus_members", "corpus_entities")]
    frozen.drop_all(conn, tables=derived, checkfirst=True)
    frozen.create_all(conn, checkfirst=True)
    for statement in QUERY_INDEXES_V3:
        conn.execute(text(statement))


def _article_themes_v4() -> Table:
    """The article_themes table as migration 4 creates it (a frozen copy)."""
    frozen = MetaData()
    Table("articles", frozen, Column("id", String, primary_key=True))  # only for the foreign key
    return Table(
        "article_themes", frozen,
        Column("num", Integer, primary_key=True, autoincrement=True),
        Column("article_id", String, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
        Column("theme", String(64), nullable=False), Column("score", Float, nullable=False),
        Column("start_char", Integer), Column("end_char", Integer), Column("evidence_count", Integer, nullable=False),
        UniqueConstraint("article_id", "theme"),
        Index("ix_article_themes_theme_score", "theme", "score"),
    )


def _tone_and_themes(conn: Connection) -> None:
    """The article's tone as a column and a table of its themes, for filtering by them. Articles stored
    earlier keep their tone NULL and no theme rows until they are analysed again."""
    conn.execute(text("ALTER TABLE articles ADD COLUMN tone FLOAT"))
    conn.execute(text("CREATE INDEX ix_articles_tone ON articles (tone)"))
    _article_themes_v4().create(conn, checkfirst=True)


def _web_indexes(conn: Connection) -> None:
    """Indexes behind the web pages: the map's points and the articles naming a place (covering, so
    counting articles per point reads the index alone), and the countries facet."""
    conn.execute(text("CREATE INDEX IF NOT EXISTS ix_places_point ON places (geonameid, lat, lon, article_id)"))
    conn.execute(text("CREATE INDEX IF NOT EXISTS ix_places_country3 ON places (country3, article_id)"))


def _stories(conn: Connection) -> None:
    """Stories across sources: the story tables (a frozen copy of their first layout)."""
    frozen = MetaData()
    Table("stories", frozen, Column("id", String, primary_key=True), Column("title", Text),
          Column("first_seen", String(10), index=True), Column("last_seen", String(10)),
          Column("articles", Integer, nullable=False), Column("sources", Integer, nullable=False))
    Table("story_members", frozen, Column("article_id", String, primary_key=True),
          Column("story_id", String, nullable=False, index=True), Column("reason", String(16), nullable=False),
          Column("score", Float), Column("detail", Text))
    Table("story_overrides", frozen, Column("num", Integer, primary_key=True, autoincrement=True),
          Column("op", String(8), nullable=False), Column("articles", Text, nullable=False),
          Column("story_id", String), Column("created_at", String, nullable=False))
    frozen.create_all(conn, checkfirst=True)


def _actor_codes(conn: Connection) -> None:
    # Filled by the next identity rebuild (ingest runs one); until then queries code each event's
    # actors from the events themselves.
    conn.execute(text("ALTER TABLE corpus_entities ADD COLUMN actor_code VARCHAR(16)"))


MIGRATIONS: list[tuple[int, str, Callable[[Connection], None]]] = [
    (1, "articles, entities, mentions, facts, failures, full-text search", _initial),
    (2, "64-bit place populations and geoname ids", _bigint_places),
    (3, "cross-article identity tables; indexes for the query filters", _identity_and_indexes),
    (4, "article tone column and article_themes table", _tone_and_themes),
    (5, "stories across sources", _stories),
    (12, "indexes for the web pages' filters", _web_indexes),
    (13, "one CAMEO actor code per corpus entity", _actor_codes),
]


def apply(conn: Connection, *, upto: Optional[int] = None) -> list[int]:
    """Run the migrations ``conn``'s database lacks, in order (up to version ``upto`` when given);
    returns the versions applied."""
    if conn.dialect.name == "postgresql":  # two processes opening a new database at once take turns
        conn.execute(text("SELECT pg_advisory_xact_lock(7406221)"))
    elif conn.dialect.name == "sqlite" and not getattr(conn.connection.dbapi_connection, "in_transaction", True):
        # The same for SQLite: take the write lock before reading the version, or two processes both
        # find a table missing and the second one's CREATE fails ("table ... already exists").
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    migrations_table.create(conn, checkfirst=True)
    done = set(conn.execute(select(migrations_table.c.version)).scalars())
    applied = []
    for version, name, step in MIGRATIONS:
        if version in done or (upto is not None and version > upto):
            continue
        step(conn)
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        conn.execute(migrations_table.insert().values(version=version, name=name, applied_at=now))
        applied.append(version)
    return applied


def current_version() -> int:
    """The schema version a fully migrated store has."""
    return MIGRATIONS[-1][0]
