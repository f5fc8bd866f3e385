"""``newsgraph ingest`` end to end: the examples, hostile input, idempotence, SIGKILL and resume,
parallel workers, and the export round trip. Uses the model, on small article counts."""

from __future__ import annotations

import gzip
import json
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph.cli import cli
from newsgraph.ingest.readers import ReadOptions
from newsgraph.ingest.run import ingest
from newsgraph.store import open_store
from tests.store_testing import BACKENDS, POSTGRES_ENV, postgres_url, temporary_store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
VOLATILE = {"num", "ingested_at", "created_at", "applied_at"}  # differ between runs by design
PEOPLE = ["Anna Berg", "Tomas Reyes", "Leila Haddad", "Kenji Sato", "Ruth Okoye", "Piotr Nowak", "Maria Lind"]
CITIES = ["Oslo", "Lima", "Cairo", "Osaka", "Lagos", "Krakow", "Malmo", "Quito", "Accra", "Hanoi"]
VERBS = ["met", "criticised", "praised", "visited", "called", "thanked"]


@pytest.fixture(params=BACKENDS)
def store(request, tmp_path):
    """A fresh store on SQLite, and on the test PostgreSQL where one is configured."""
    if request.param == "postgresql" and postgres_url() is None:
        pytest.skip(f"{POSTGRES_ENV} is unset: set it to a PostgreSQL URL to run the store tests there")
    with temporary_store(request.param, tmp_path) as opened:
        yield opened


def synthetic_jsonl(path: Path, count: int, seed: int = 7) -> Path:
    """``count`` short, distinct wire-style articles, plus a bad line and an empty text."""
    rng = random.Random(seed)
    lines = []
    for number in range(count):
        person, other = rng.sample(PEOPLE, 2)
        city = rng.choice(CITIES)
        text = (
            f"{person} {rng.choice(VERBS)} {other} in {city} on Tuesday, officials said in report {number}. "
            f'"We discussed {rng.randint(2, 900)} projects," {person.split()[1]} said.'
        )
        lines.append(json.dumps({"id": f"s{number}", "text": text, "published": "2024-03-12"}))
    lines[3] = "this line is not JSON"
    lines[5] = json.dumps({"id": "empty", "text": "   "})
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def table_rows(db: Path) -> dict[str, list[tuple]]:
    """Every row of every table, without the columns that differ between runs, sorted."""
    conn = sqlite3.connect(db)
    names = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE '%fts%'")]
    out = {}
    for name in names:
        columns = [row[1] for row in conn.execute(f"PRAGMA table_info({name})") if row[1] not in VOLATILE]
        out[name] = sorted(conn.execute(f"SELECT {', '.join(columns)} FROM {name}").fetchall(), key=repr)
    conn.close()
    return out


def test_examples_ingest_prints_a_summary_and_reruns_add_nothing(tmp_path, nlp):
    db = tmp_path / "newsgraph.db"
    args = ["ingest", str(EXAMPLES), "--db", str(db), "--processes", "1"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "Read 9 items" in result.output and "8 stored, 1 stored as copies" in result.output
    assert "Most-mentioned people:" in result.output and "Quotes:" in result.output
    with open_store(str(db)) as store:
        counts = store.counts()
        assert (counts["articles"], counts["duplicates"], counts["failures"]) == (9, 1, 0)
        assert counts["entities"] > 20 and counts["quotes"] > 5
        with store.engine.connect() as conn:
            copy = conn.exec_driver_sql("SELECT id, duplicate_of FROM articles WHERE duplicate_of IS NOT NULL").one()
        assert tuple(copy) == ("regional-news-kendal-flood", "riverside-flood")  # the syndicated copy
        titles = {a["article"]["id"]: a["article"]["title"] for a in store.iter_analyses()}
    assert titles["port-strike"] == "Dock workers in Antwerp begin 48-hour strike over automation plans"
    before = table_rows(db)
    again = CliRunner().invoke(cli, args + ["--no-summary"])
    assert "0 stored, 0 stored as copies of an original, 9 already stored, 0 failed" in again.output
    assert table_rows(db) == before


def test_hostile_input_is_stored_or_recorded(tmp_path, nlp):
    folder = tmp_path / "in"
    folder.mkdir()
    good = "The finance minister said on Monday that the budget would be balanced next year, officials said."
    (folder / "good.txt").write_text(good, "utf-8")
    (folder / "latin1.txt").write_bytes(("Café owners in Paris said on Friday that prices rose. " * 3).encode("cp1252"))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_bytes(b"   \n\n  ")
    rng = random.Random(1)
    (folder / "binary.bin").write_bytes(bytes(rng.randrange(256) for _ in range(5000)))
    (folder / "garbled.txt").write_bytes(bytes(rng.randrange(128, 256) for _ in range(3000)))
    with open(folder / "huge.txt", "wb") as big:  # 50 MB
        big.write(b"All work and no play makes a dull article. " * 1_200_000)
    (folder / "scripts.html").write_text("<html><head><script>track()</script></head><body><script>x()</script></body></html>")
    (folder / "notxml.rss").write_text("<rss><channel><item><title>never closed", "utf-8")
    (folder / "feed.xml").write_text("this is not XML at all, just words pretending to be a feed", "utf-8")
    jsonl = json.dumps({"id": "j1", "text": good.replace("Monday", "Sunday")}) + "\n{broken\n" + json.dumps([1]) + "\n"
    (folder / "dump.jsonl").write_text(jsonl, "utf-8")
    data = gzip.compress(jsonl.encode() * 50)
    (folder / "cut.jsonl.gz").write_bytes(data[: len(data) // 2])
    (folder / "cut.warc.gz").write_bytes(gzip.compress(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 900\r\n\r\nHTTP/1.1 200")[:40])
    with open_store(str(tmp_path / "h.db")) as store:
        stats = ingest([str(folder)], store, processes=1)
        assert stats.read == stats.stored + stats.copies + stats.failed  # nothing lost, nothing stopped
        failures = {(Path(f["origin"].split("#")[0].split(":")[0]).name, f["code"]) for f in store.failures()}
        stored = {Path(row["article"]["id"]).name for row in store.iter_analyses()}
        assert {"good", "latin1", "j1"} <= stored
        assert "Café owners" in store.get_analysis("latin1")["article"]["text"]
        expected = {
            ("empty.txt", "empty_file"), ("blank.txt", "empty_file"), ("binary.bin", "binary_data"),
            ("huge.txt", "too_large"), ("scripts.html", "no_text"), ("notxml.rss", "bad_feed"),
            ("dump.jsonl", "bad_record"), ("cut.jsonl.gz", "truncated"), ("cut.warc.gz", "truncated"),
        }  # fmt: skip
        assert expected <= failures
        assert ("garbled.txt", "not_text") in failures  # high bytes that are no text in any encoding read
        assert {name for name, _ in failures} | {"good.txt", "latin1.txt"} >= {p.name for p in folder.iterdir()} - {"feed.xml"}
        count = len(store.failures())
        again = ingest([str(folder)], store, processes=1)  # a failure recorded once stays one row
        assert (again.stored, len(store.failures())) == (0, count)


def test_sigkill_midway_then_rerun_gives_the_same_rows(tmp_path, nlp):
    source = synthetic_jsonl(tmp_path / "batch.jsonl", 120)
    reference = tmp_path / "reference.db"
    with open_store(str(reference)) as store:
        ingest([str(source)], store, processes=1)
    killed = tmp_path / "killed.db"
    command = [sys.executable, "-c", "from newsgraph.cli import main; main()", "ingest", str(source),
               "--db", str(killed), "--processes", "1", "--no-summary", "--no-progress"]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    stored_at_kill = _wait_for_rows(killed, 10, process)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL
    assert 10 <= stored_at_kill < 118, "the ingest was not interrupted midway"
    with open_store(str(killed)) as store:
        ingest([str(source)], store, processes=1)
    assert table_rows(killed) == table_rows(reference)
    assert len(table_rows(reference)["articles"]) == 118  # 120 lines less the bad line and the empty text
    assert len(table_rows(reference)["failures"]) == 2


def _wait_for_rows(db: Path, wanted: int, process: subprocess.Popen, limit: float = 120.0) -> int:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline and process.poll() is None:
        if db.exists():
            try:
                conn = sqlite3.connect(db, timeout=0.1)
                count = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
                conn.close()
                if count >= wanted:
                    return count
            except sqlite3.OperationalError:  # tables not created yet, or locked for a moment
                pass
        time.sleep(0.02)
    raise AssertionError(f"ingest ended or stalled before storing {wanted} articles (exit {process.poll()})")


def test_parallel_workers_store_the_same_as_one_process(tmp_path, nlp):
    source = synthetic_jsonl(tmp_path / "small.jsonl", 12)
    results = {}
    for processes in (1, 2):
        db = tmp_path / f"p{processes}.db"
        with open_store(str(db)) as store:
            ingest([str(source)], store, processes=processes)
        results[processes] = table_rows(db)
    assert results[1] == results[2]


def test_export_then_ingest_round_trip(tmp_path, nlp, store):
    with open_store(str(tmp_path / "a.db")) as first:
        ingest([str(EXAMPLES)], first, processes=1)
        analyses = list(first.iter_analyses())
    export = tmp_path / "export.jsonl"
    export.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in analyses), "utf-8")
    stats = ingest([str(export)], store, processes=1)
    assert (stats.stored, stats.failed) == (8, 0)
    assert list(store.iter_analyses()) == analyses
    assert ingest([str(export)], store, processes=1).skipped == 8


def test_field_option_and_near_duplicate_link(tmp_path, nlp):
    body = " ".join(f"Sentence {w} about the harbour strike and the talks in Antwerp." for w in "abcdefghij")
    rows = [
        {"key": "orig", "story": body, "day": "2024-04-15"},
        {"key": "copy", "story": "ANTWERP (Wire) - " + body + " Republished under licence.", "day": "2024-04-15"},
    ]
    path = tmp_path / "custom.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows), "utf-8")
    options = ReadOptions(fields={"id": "key", "text": "story", "published": "day"})
    with open_store(str(tmp_path / "n.db")) as store:
        stats = ingest([str(path)], store, processes=1, options=options)
        assert (stats.stored, stats.copies) == (1, 1)
        with store.engine.connect() as conn:
            row = conn.exec_driver_sql("SELECT duplicate_of, similarity FROM articles WHERE id = 'copy'").one()
    assert row[0] == "orig" and row[1] >= 0.8


def test_failures_command_lists_them(tmp_path):
    db = tmp_path / "f.db"
    with open_store(str(db)) as store:
        store.record_failure("dump.jsonl:3", "bad_record", "line 3 is not JSON", stage="read")
    result = CliRunner().invoke(cli, ["failures", "--db", str(db)])
    assert result.exit_code == 0
    assert "dump.jsonl:3\tread\tbad_record\tline 3 is not JSON" in result.output
    as_json = CliRunner().invoke(cli, ["failures", "--db", str(db), "--json"])
    assert json.loads(as_json.output.splitlines()[0])["code"] == "bad_record"
    missing = CliRunner().invoke(cli, ["failures", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code != 0 and "no store" in missing.output


@pytest.mark.parametrize("value", ["text=body", "title=headline"])
def test_field_option_parsing(value, tmp_path):
    from newsgraph.ingest.cli import _parse_fields

    name, column = value.split("=")
    assert _parse_fields((value,)) == {name: column}


def test_field_option_rejects_unknown_names():
    from click import BadParameter

    from newsgraph.ingest.cli import _parse_fields

    with pytest.raises(BadParameter):
        _parse_fields(("colour=red",))


def _analysis(article_id: str, text: str) -> dict:
    article = {"id": article_id, "text": text, "published": None, "source": None, "url": None, "title": None,
               "language": "en", "sentences": [[0, len(text)]]}  # fmt: skip
    return {"schema_version": 1, "article": article,
            **{kind: [] for kind in ("entities", "quotes", "events", "dates", "quantities", "places")}}  # fmt: skip


def test_a_batch_with_an_article_that_does_not_fit_stores_the_others(store):
    from newsgraph.ingest.items import Item
    from newsgraph.ingest.run import IngestStats, StoreBatch

    stats = IngestStats()
    batch = StoreBatch(store, stats, size=10)
    broken = _analysis("b", "Talks ended in Bergen on Friday.")
    broken["places"] = [{"span": [15, 21], "text": None, "sentence": 0}]  # NOT NULL column
    for article_id, analysis in (("a", _analysis("a", "Fishing quotas were agreed.")), ("b", broken),
                                 ("c", _analysis("c", "Ferries ran late in Tromso."))):  # fmt: skip
        batch.add(analysis, Item(origin=f"{article_id}.txt"))
    assert store.article_ids() == []  # waiting for the batch to fill
    batch.flush()
    assert store.article_ids() == ["a", "c"]
    assert (stats.stored, stats.failed) == (2, 1)
    assert [(row["origin"], row["code"]) for row in store.failures()] == [("b.txt", "store_failed")]
