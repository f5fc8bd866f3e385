"""Queries and exports only read: every table has the same content before and after them."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import select

from newsgraph import query
from newsgraph.export.run import export, select_ids
from newsgraph.identity import builder
from newsgraph.store.schema import metadata
from tests.query.test_query import BACKENDS, CORPUS, open_test_store


def _checksum(store) -> dict[str, str]:
    """A digest of every row of every table, in primary-key order."""
    digests = {}
    with store.read() as conn:
        for table in metadata.sorted_tables:
            order = list(table.primary_key.columns) or list(table.columns)
            digest = hashlib.sha256()
            for row in conn.execute(select(table).order_by(*order)):
                digest.update(repr(tuple(row)).encode("utf-8", "surrogatepass"))
            digests[table.name] = digest.hexdigest()
    return digests


def _every_read(store, tmp_path) -> None:
    person = query.top_entities(store, type="PERSON", top=1)[0]["name"]
    query.top_entities(store, country="IRQ")
    query.entity_profile(store, person)
    query.find_quotes(store, speaker=person)
    query.find_quotes(store, q="troops", since="2019-01", until="2019-12-31")
    query.find_events(store, actor="IRN", root="04")
    query.find_events(store, actor=person)
    query.search(store, "Iraq")
    article_id = select_ids(store)[0]
    query.fact_marks(query.article(store, article_id))
    store.counts()
    builder.is_stale(store)
    for fmt, name in (("jsonl", "out.jsonl"), ("gkg", "out.gkg.csv"), ("events", "out.events.csv"),
                      ("parquet", "parquet")):
        export(store, fmt, tmp_path / name)


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("stale", [False, True], ids=["identity current", "identity stale"])
def test_read_queries_change_no_row(backend, stale, tmp_path, tmp_path_factory):
    store, _, _, cleanup = open_test_store(backend, tmp_path_factory)
    try:
        for analysis in CORPUS[:-5]:
            store.add_analysis(analysis)
        builder.rebuild(store)
        if stale:  # entities stored since the build: a query must not rebuild behind the user's back
            for analysis in CORPUS[-5:]:
                store.add_analysis(analysis)
        before = _checksum(store)
        _every_read(store, tmp_path)
        assert _checksum(store) == before
        assert builder.is_stale(store) is stale
    finally:
        cleanup()
