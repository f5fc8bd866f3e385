"""The Spark job in local mode against `ingest` + `export parquet` of the same articles, and `load` back.

One SparkSession (local[2]) and one job output are shared by every test: 48 Reuters articles (one
an exact copy of another), an article with empty text and a line that is not JSON.
"""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as ds
import pytest

from newsgraph.export.parquet import SCHEMAS
from newsgraph.export.run import export
from newsgraph.ingest.run import ingest
from newsgraph.query import queries
from newsgraph.spark.loader import DAY_FOLDERS, load_directory
from newsgraph.spark.outputs import PARTITION
from newsgraph.store import open_store
from tests.conftest import REPO, shared_file
from tests.store_testing import BACKENDS, postgres_url, temporary_store

pyspark = pytest.importorskip("pyspark", reason="pyspark is absent: pip install -e '.[spark]' to run the Spark tests")
if shutil.which("java") is None:
    pytest.skip("no java on PATH: Spark needs Java 17", allow_module_level=True)

from newsgraph.spark.job import LOCAL_JAVA_OPTIONS, run_job, session  # noqa: E402  (needs pyspark, checked above)

ARTICLES = 48
BAD_LINES = ['{"id": "empty-one", "text": "   ", "published": "1987-03-02"}', "this line is not JSON"]


@pytest.fixture(scope="module")
def spark():
    session_ = session("local[2]", app_name="newsgraph-tests",
                       conf={"spark.ui.enabled": "false", "spark.ui.showConsoleProgress": "false"})  # fmt: skip
    yield session_
    session_.stop()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    lines = shared_file("eval", "corpus", "reuters21578.jsonl").read_text("utf-8").splitlines()[:ARTICLES]
    path = tmp_path_factory.mktemp("corpus") / "reuters.jsonl"
    path.write_text("\n".join(lines + BAD_LINES) + "\n", "utf-8")
    return path


@pytest.fixture(scope="module")
def job(spark, corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("spark") / "out"
    return out, run_job(spark, [str(corpus)], str(out))


@pytest.fixture(scope="module")
def ingested(corpus, tmp_path_factory):
    """The same file through `newsgraph ingest` into SQLite, and `export parquet` of it."""
    folder = tmp_path_factory.mktemp("ingest")
    store = open_store(str(folder / "ingest.db"))
    ingest([str(corpus)], store, processes=1)
    export(store, "parquet", str(folder / "export"))
    yield store, folder / "export"
    store.close()


def _spark_table(out: Path, table: str) -> pa.Table:
    return ds.dataset(str(out / table), format="parquet", partitioning=DAY_FOLDERS).to_table()


def _sorted_rows(table: pa.Table, columns: list[str]) -> list[tuple]:
    rows = table.select(columns).to_pylist()
    return sorted((tuple(json.dumps(row[c], sort_keys=True) for c in columns) for row in rows))


def _plain(kind: pa.DataType) -> pa.DataType:
    """A type with list element names dropped (Spark names them 'element', pyarrow 'item')."""
    return pa.list_(_plain(kind.value_type)) if pa.types.is_list(kind) else kind


def test_tables_equal_export_parquet(job, ingested):
    out, counts = job
    _, exported = ingested
    assert counts.read == ARTICLES + len(BAD_LINES) and (counts.copies, counts.duplicates) == (1, 0)
    assert counts.analysed == ARTICLES - 1
    for table, schema in SCHEMAS.items():
        ours = _spark_table(out, table)
        theirs = pa.parquet.read_table(exported / f"{table}.parquet")
        for name in schema.names:
            assert _plain(ours.schema.field(name).type) == _plain(theirs.schema.field(name).type), (table, name)
        assert set(ours.schema.names) == {*schema.names, PARTITION}
        assert _sorted_rows(ours, schema.names) == _sorted_rows(theirs, schema.names), table
        assert theirs.num_rows > 0, table  # the comparison compared something


def test_partitioned_by_publication_day(job):
    out, _ = job
    articles = _spark_table(out, "articles").to_pylist()
    assert all(str(row[PARTITION]) == row["published"] for row in articles)
    folders = {path.name for path in (out / "events").iterdir() if path.is_dir()}
    assert folders and all(re.fullmatch(r"published_date=\d{4}-\d{2}-\d{2}", name) for name in folders)


def test_one_file_per_table_and_day(job):
    # The rows are shuffled once, by day, before the cache: each day is in one partition, so one file.
    out, _ = job
    day_folders = [folder for table in out.iterdir() if table.is_dir() for folder in table.iterdir() if folder.is_dir()]
    assert day_folders and all(len(list(folder.glob("*.parquet"))) == 1 for folder in day_folders)


def test_local_jvm_compiles_with_c1_only(spark):
    runtime = spark.sparkContext._jvm.java.lang.management.ManagementFactory.getRuntimeMXBean()
    assert LOCAL_JAVA_OPTIONS in list(runtime.getInputArguments())  # what the running JVM was started with


def test_bad_records_land_in_failures(job):
    out, counts = job
    failures = {row["code"]: row for row in _spark_table(out, "failures").to_pylist()}
    assert counts.failed == 2 and set(failures) == {"empty_text", "bad_record"}
    assert failures["empty_text"]["article_id"] == "empty-one" and failures["empty_text"]["stage"] == "analyse"
    assert failures["bad_record"]["origin"].endswith(f"reuters.jsonl:{ARTICLES + 2}")
    assert "not JSON" in failures["bad_record"]["message"]


def test_rerun_gives_the_same_rows(spark, job, corpus):
    out, first = job
    before = {table: _sorted_rows(_spark_table(out, table), list(schema.names)) for table, schema in SCHEMAS.items()}
    second = run_job(spark, [str(corpus)], str(out))
    assert second.tables == first.tables
    for table, schema in SCHEMAS.items():
        assert _sorted_rows(_spark_table(out, table), list(schema.names)) == before[table], table


def _answers(store) -> dict:
    """What the query commands answer, in a form that does not depend on storing order."""
    counts = store.counts()
    return {
        "counts": counts,
        "analyses": sorted(json.dumps(a, sort_keys=True) for a in store.iter_analyses()),
        "top": [(row["name"], row["type"], row["mentions"]) for row in queries.top_entities(store, top=15)],
        "events": sorted(json.dumps(row, sort_keys=True, default=str) for row in queries.find_events(store, limit=1000)),
        "quotes": sorted(json.dumps(row, sort_keys=True, default=str) for row in queries.find_quotes(store, limit=1000)),
        "search": sorted(row["article_id"] for row in queries.search(store, "cocoa", limit=50)),
        "failures": sorted((row["code"], row["item"]) for row in store.failures()),
    }


@pytest.mark.parametrize("backend", BACKENDS)
def test_load_gives_the_answers_of_ingest(job, ingested, backend, tmp_path):
    if backend == "postgresql" and postgres_url() is None:
        pytest.skip("NEWSGRAPH_TEST_POSTGRES is unset")
    out, _ = job
    ingest_store, _ = ingested
    expected = _answers(ingest_store)
    assert expected["counts"]["duplicates"] == 1 and expected["events"] and expected["quotes"]
    with temporary_store(backend, tmp_path) as store:
        first = load_directory(out, store, batch_size=20)
        assert (first.articles, first.copies, first.failures) == (ARTICLES - 1, 1, 2)
        assert _answers(store) == expected
        again = load_directory(out, store)
        assert (again.articles, again.skipped, again.failures) == (0, ARTICLES, 0)
        assert store.counts() == expected["counts"]


def _docs_queries() -> dict[str, str]:
    """The DuckDB queries of docs/spark.md, by the name in the comment that opens each."""
    text = (REPO / "docs" / "spark.md").read_text("utf-8")
    blocks = re.findall(r"```sql\n(.*?)```", text, re.DOTALL)
    return {re.match(r"-- (\w+)", block).group(1): block for block in blocks if block.startswith("-- ")}


def test_duckdb_queries_of_the_docs(job, ingested):
    duckdb = pytest.importorskip("duckdb", reason="duckdb is absent: pip install -e '.[spark]'")
    out, _ = job
    _, exported = ingested
    sql = _docs_queries()
    assert {"events_per_day", "top_speakers"} <= set(sql)
    run = lambda name: duckdb.sql(sql[name].replace("DIR", str(out))).fetchall()  # noqa: E731
    events = pa.parquet.read_table(exported / "events.parquet").to_pylist()
    articles = {row["id"]: row["published"] for row in pa.parquet.read_table(exported / "articles.parquet").to_pylist()}
    per_day = Counter((articles[row["article_id"]], row["root"]) for row in events)
    assert {(str(day), root): count for day, root, count in run("events_per_day")} == dict(per_day)
    quotes = pa.parquet.read_table(exported / "quotes.parquet").to_pylist()
    speakers = Counter(row["speaker_name"] for row in quotes if row["speaker_name"])
    top = run("top_speakers")
    assert top and all(count == speakers[name] for name, count in top)
    assert top[0][1] == max(speakers.values())
