"""Schema migrations: numbered steps, each applied once and recorded in ``newsgraph_migrations``.

A new schema change is a new function appended to ``MIGRATIONS`` (and the same change made to
the current tables in :mod:`newsgraph.store.schema`); migration 1 builds from the frozen
:mod:`newsgraph.store.schema_v1` and never changes; ``apply`` is re-runnable and
runs only the steps a database has not seen, so an old store file upgrades when it is opened.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Callable

from sqlalchemy import Connection, select, text

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


MIGRATIONS: list[tuple[int, str, Callable[[Connection], None]]] = [
    (1, "articles, entities, mentions, facts, failures, full-text search", _initial),
    (2, "64-bit place populations and geoname ids", _bigint_places),
]


def apply(conn: Connection) -> list[int]:
    """Run the migrations ``conn``'s database lacks, in order; returns the versions applied."""
    if conn.dialect.name == "postgresql":  # two processes opening a new database at once take turns
        conn.execute(text("SELECT pg_advisory_xact_lock(7406221)"))
    migrations_table.create(conn, checkfirst=True)
    done = set(conn.execute(select(migrations_table.c.version)).scalars())
    applied = []
    for version, name, step in MIGRATIONS:
        if version in done:
            continue
        step(conn)
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        conn.execute(migrations_table.insert().values(version=version, name=name, applied_at=now))
        applied.append(version)
    return applied


def current_version() -> int:
    """The schema version a fully migrated store has."""
    return MIGRATIONS[-1][0]
