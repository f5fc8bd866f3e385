"""Migrations: frozen steps that upgrade any older store, and produce the tables the code expects."""

from __future__ import annotations

import json
from inspect import getsource

import pytest
from sqlalchemy import create_engine, inspect, select, text

from newsgraph.identity import builder
from newsgraph.query import top_entities
from newsgraph.store import engine_url, migrations, open_store
from newsgraph.store.schema import metadata, migrations_table
from tests.store_testing import BACKENDS, postgres_url, temporary_store


def _version_1_store(path: str) -> None:
    """A store as version 1 made it, holding one article with one entity, and identity tables of the
    older layout that queries used to create on first use, with a user's correction in them."""
    engine = create_engine(engine_url(path))
    with engine.begin() as conn:
        migrations.apply(conn, upto=1)
        conn.execute(text("INSERT INTO articles (id, text, text_hash, ingested_at, published) "
                          "VALUES ('old-1', 'Ingrid Solberg spoke.', 'h1', '2020-01-01', '2020-01-01')"))
        conn.execute(text("INSERT INTO entities (article_id, entity_id, idx, name, key, type, mention_count, data) "
                          "VALUES ('old-1', 'e0', 0, 'Ingrid Solberg', 'ingrid solberg', 'PERSON', 1, '{}')"))
        conn.execute(text("INSERT INTO mentions (article_id, entity_id, idx, start_char, end_char, text, sentence, kind) "
                          "VALUES ('old-1', 'e0', 0, 0, 14, 'Ingrid Solberg', 0, 'name')"))
        conn.execute(text("CREATE TABLE corpus_entities (id VARCHAR PRIMARY KEY, name TEXT)"))
        conn.execute(text("CREATE TABLE identity_overrides (num INTEGER PRIMARY KEY, op VARCHAR(8) NOT NULL, "
                          "members TEXT NOT NULL, label TEXT, created_at VARCHAR NOT NULL)"))
        conn.execute(text("INSERT INTO identity_overrides (op, members, created_at) "
                          "VALUES ('split', :members, '2020-01-02')"), {"members": json.dumps([["old-1", "e0"]])})
    engine.dispose()


def test_a_version_1_store_upgrades_and_keeps_its_data(tmp_path):
    path = str(tmp_path / "v1.db")
    _version_1_store(path)
    with open_store(path) as store:
        with store.read() as conn:
            versions = sorted(conn.execute(select(migrations_table.c.version)).scalars())
            overrides = conn.execute(text("SELECT op FROM identity_overrides")).scalars().all()
        assert versions == [version for version, _, _ in migrations.MIGRATIONS]
        assert overrides == ["split"]  # the user's correction survives the upgrade
        assert store.get_analysis("old-1")["article"]["text"] == "Ingrid Solberg spoke."
        assert builder.is_stale(store)
        builder.rebuild(store)
        assert [row["name"] for row in top_entities(store)] == ["Ingrid Solberg"]


def test_migration_1_is_frozen():
    """Migration 1 builds from its own copy of the tables, never from the current definitions."""
    from newsgraph.store import schema_v1

    assert schema_v1.metadata is not metadata
    assert migrations.MIGRATIONS[0][2].__name__ == "_initial"
    assert "schema_v1.metadata.create_all" in getsource(migrations.MIGRATIONS[0][2])
    current_places = {column.name: type(column.type).__name__ for column in metadata.tables["places"].columns}
    v1_places = {column.name: type(column.type).__name__ for column in schema_v1.metadata.tables["places"].columns}
    assert v1_places["population"] == "Integer" and current_places["population"] == "BigInteger"


@pytest.mark.parametrize("backend", BACKENDS)
def test_migrated_tables_are_the_tables_the_code_uses(backend, tmp_path):
    """Every table and column of newsgraph.store.schema exists after the migrations: a column added
    to the current tables without a migration fails here."""
    if backend == "postgresql" and postgres_url() is None:
        pytest.skip("NEWSGRAPH_TEST_POSTGRES is unset: PostgreSQL store tests skipped")
    with temporary_store(backend, tmp_path) as store:
        with store.read() as conn:
            found = inspect(conn)
            for table in metadata.sorted_tables:
                columns = {column["name"] for column in found.get_columns(table.name)}
                missing = {column.name for column in table.columns} - columns
                assert not missing, f"{table.name}: no migration adds {sorted(missing)}"
