"""What the Spark job's driver plans to read, and which copy of an article it keeps (no Spark needed)."""

from __future__ import annotations

from pathlib import Path

from newsgraph.ingest.items import Item
from newsgraph.spark.inputs import _copies_of, _ids_for, plan_sources
from newsgraph.spark.outputs import TABLES, analysis_rows, copy_row, failure_row
from newsgraph.store import text_hash


def _article(article_id: str, text: str) -> Item:
    return Item(origin=f"feed.jsonl:{article_id}", record={"id": article_id, "text": text})


def test_sources_are_planned_in_input_order(tmp_path: Path):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.jsonl").write_text('{"id": "1", "text": "The port reopened on Monday."}\n', "utf-8")
    (tmp_path / "news" / "b.txt").write_text("The port reopened on Monday after a strike.", "utf-8")
    (tmp_path / "news" / "b.txt.meta.json").write_text('{"title": "Port"}', "utf-8")  # a sidecar, read with b.txt
    manifest = tmp_path / "archives.paths"
    manifest.write_text("# two archives\nnews/b.txt\n/no/such/archive.warc.gz\n", "utf-8")
    planned = plan_sources([str(tmp_path / "news"), str(manifest), "hdfs://cluster/cc-news/", "s3a://bucket/x.jsonl.gz"])
    kinds = [(source.kind, Path(source.path).name) for source in planned]
    assert kinds == [("lines", "a.jsonl"), ("local", "b.txt"), ("local", "b.txt"), ("missing", "archive.warc.gz"),
                     ("remote", "cc-news"), ("lines", "x.jsonl.gz")]  # fmt: skip
    assert [source.number for source in planned] == list(range(6))


def test_an_id_used_twice_follows_the_ingest_rule():
    first, same, other = _article("7", "Rain fell."), _article("7", "Rain  fell."), _article("7", "Snow fell.")
    kept = list(_ids_for(("7", [((0, 2), other), ((0, 0), first), ((0, 1), same)])))
    # the first read keeps its id; the same text again is the same article; another text gets the id with its hash
    assert [(position, item.record["id"]) for position, item in kept] == [((0, 0), "7"), ((0, 2), f"7~{text_hash('Snow fell.')[:8]}")]


def test_a_text_read_before_makes_a_copy():
    original, copy = _article("1", "Oil rose."), _article("2", "Oil rose.")
    marked = list(_copies_of(("hash", [((1, 0), copy), ((0, 5), original)])))
    assert [item.extra.get("duplicate_of") for _, item in marked] == [None, "1"]


def test_rows_are_in_column_order_with_the_day_last():
    analysis = {"schema_version": 1, "article": {"id": "a1", "text": "Oil rose 5%.", "published": "2024-01-02",
                                                  "sentences": [[0, 12]]},
                "quantities": [{"span": [9, 11], "text": "5%", "value": 5, "unit": "percent"}]}  # fmt: skip
    rows = dict(analysis_rows(analysis, "feed.jsonl:1"))
    assert rows["articles"][-1] == "2024-01-02" and len(rows["articles"]) == len(TABLES["articles"]) + 1
    quantity = dict(zip(TABLES["quantities"].names, rows["quantities"]))
    assert quantity["value"] == 5.0 and isinstance(quantity["value"], float)  # Spark wants a float for a double column
    table, copy = copy_row({"id": "a2", "text": "Oil rose 5%.", "published": "2024-01-02"}, "feed.jsonl:2", "a1")
    assert table == "analyses" and dict(zip(TABLES["analyses"].names, copy))["duplicate_of"] == "a1"
    table, failure = failure_row("feed.jsonl:3", None, "read", "bad_record", "line 3 is not JSON")
    assert table == "failures" and failure[-1] is None
