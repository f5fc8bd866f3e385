"""Exports from a store: the JSONL round trip, Parquet tables and GDELT files (SQLite, and PostgreSQL when set)."""

from __future__ import annotations

import json

import pytest

from newsgraph.export import export, gdelt, select_ids
from newsgraph.export.run import corpus_entities_of
from newsgraph.identity import builder as identity_builder
from tests.export.test_gdelt import EVENTS_CODEBOOK, GKG_CODEBOOK, MENTIONS_CODEBOOK, parse
from tests.query.test_query import BACKENDS, open_test_store
from tests.synthetic import synthetic_corpus

CORPUS = list(synthetic_corpus(30, seed=11))


@pytest.fixture(scope="module", params=BACKENDS)
def backend(request):
    return request.param


@pytest.fixture(scope="module")
def store(backend, tmp_path_factory):
    store, url, schema, cleanup = open_test_store(backend, tmp_path_factory)
    for analysis in CORPUS:
        store.add_analysis(analysis)
    identity_builder.rebuild(store)
    yield store
    cleanup()


def _facts(analyses):
    """Everything an analysis says, in a comparable form, keyed by article id."""
    return {a["article"]["id"]: json.dumps(a, sort_keys=True) for a in analyses}


def test_jsonl_round_trip_through_ingest(store, backend, tmp_path, tmp_path_factory):
    from newsgraph.ingest.run import ingest

    path = tmp_path / "out.jsonl"
    counts = export(store, "jsonl", path)
    assert counts == {"articles": len(CORPUS)}
    lines = path.read_text("utf-8").splitlines()
    assert len(lines) == len(CORPUS) and all(json.loads(line)["schema_version"] == 1 for line in lines)
    empty, _, _, cleanup = open_test_store(backend, tmp_path_factory)
    try:
        ingest([str(path)], empty, processes=1)
        assert _facts(empty.iter_analyses()) == _facts(store.iter_analyses()) == _facts(CORPUS)
    finally:
        cleanup()


@pytest.mark.parametrize(
    "filters, expected",
    [
        ({"since": "1987-07-01"}, lambda a: a["article"]["published"] >= "1987-07-01"),  # open end
        ({"since": "1987-03", "until": "1987-05"}, lambda a: "1987-03" <= a["article"]["published"][:7] <= "1987-05"),
        ({"source": "Reuters"}, lambda a: a["article"]["source"] == "Reuters"),  # one source
        ({"search": "embargo"}, lambda a: "embargo" in a["article"]["text"]),  # full-text search
        ({"entity": "Khamenei"}, lambda a: any(e["name"] == "Ali Khamenei" for e in a["entities"])),  # identity
    ],
)
def test_filters_select_the_right_articles(store, filters, expected):
    assert set(select_ids(store, **filters)) == {a["article"]["id"] for a in CORPUS if expected(a)}


def test_parquet_tables_hold_every_fact(store, tmp_path):
    import pyarrow.parquet as pq

    counts = export(store, "parquet", tmp_path / "pq")
    assert counts["articles"] == len(CORPUS)
    for kind in ("quotes", "events", "dates", "quantities", "places"):
        table = pq.read_table(tmp_path / "pq" / f"{kind}.parquet").to_pylist()
        assert len(table) == sum(len(a[kind]) for a in CORPUS) == counts[kind]
        texts = {a["article"]["id"]: a["article"]["text"] for a in CORPUS}
        assert all(texts[row["article_id"]][row["start"]:row["end"]] == row["text"] for row in table)
    events = pq.read_table(tmp_path / "pq" / "events.parquet").to_pylist()
    first = CORPUS[0]["events"][0]
    row = next(r for r in events if r["article_id"] == CORPUS[0]["article"]["id"] and r["idx"] == 0)
    assert (row["code"], row["source_code"], row["target_code"], row["goldstein"]) == (
        first["code"], first["source"]["code"], first["target"]["code"], first["goldstein"])
    mentions = pq.read_table(tmp_path / "pq" / "mentions.parquet")
    assert mentions.num_rows == sum(len(e["mentions"]) for a in CORPUS for e in a["entities"])
    members = pq.read_table(tmp_path / "pq" / "corpus_members.parquet")
    assert members.num_rows == sum(len(a["entities"]) for a in CORPUS)


@pytest.mark.parametrize(
    "fmt, codebook",
    [("gkg", GKG_CODEBOOK), ("events", EVENTS_CODEBOOK), ("mentions", MENTIONS_CODEBOOK)],
)
def test_gdelt_files_from_the_store(store, tmp_path, fmt, codebook):
    path = tmp_path / f"out.{fmt}"
    export(store, fmt, path)
    rows = parse(path.read_text("utf-8"), codebook)  # every row has the codebook's column count
    if fmt == "gkg":
        expected = list(gdelt.gkg_rows(CORPUS))
    else:  # the store knows each actor by its corpus entity
        writer = gdelt.event_rows if fmt == "events" else gdelt.mention_rows
        expected = list(writer(CORPUS, corpus_of=corpus_entities_of(store, {a["article"]["id"] for a in CORPUS})))
    assert len(rows) == len(expected) > 0
    assert path.read_text("utf-8") == "".join("\t".join(row) + "\n" for row in expected)


def test_unknown_format(store, tmp_path):
    with pytest.raises(ValueError, match="unknown format"):
        export(store, "xml", tmp_path / "x")


def test_exact_events_keep_the_old_split(store, tmp_path):
    """With canonical=False an Events row is one exact (day, actors, code, place), as before."""
    canonical, exact = tmp_path / "c.events", tmp_path / "x.events"
    export(store, "events", canonical)
    export(store, "events", exact, canonical=False)
    assert exact.read_text("utf-8") == "".join("\t".join(row) + "\n" for row in gdelt.event_rows(CORPUS, canonical=False))
    assert len(parse(canonical.read_text("utf-8"), EVENTS_CODEBOOK)) <= len(parse(exact.read_text("utf-8"), EVENTS_CODEBOOK))
