"""``newsgraph load``: the Parquet output of ``newsgraph spark`` into a store (SQLite or PostgreSQL).

It reads the ``analyses`` table (each article's schema-v1 analysis, as ``newsgraph ingest`` would
store it) and ``failures``, and writes them with the store's own row builders
(:mod:`newsgraph.store.rows`), so a loaded store holds what ``ingest`` of the same articles would:
articles already stored (same id, same text or same URL) are skipped, so loading twice adds nothing;
a near-duplicate of a stored article is stored as its copy, without facts, as ingest does. Rows go
in batches, one transaction each: ``COPY`` on PostgreSQL, multi-row inserts on SQLite. Needs only
pyarrow, not Spark.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Optional

import pyarrow as pa
import pyarrow.dataset as ds
from sqlalchemy import Connection

from newsgraph.ingest.dedupe import NearDuplicates, signature
from newsgraph.spark.outputs import PARTITION
from newsgraph.store import Store, text_hash
from newsgraph.store.db import analysis_rows
from newsgraph.store.schema import FACT_TABLES

# The day folders, read as text: a table whose rows all lack a date has only the null folder.
DAY_FOLDERS = ds.partitioning(pa.schema([(PARTITION, pa.string())]), flavor="hive")
_ORIGIN_PLACE = re.compile(r"^(.*?)([:#])(\d+)$")


@dataclass
class LoadCounts:
    articles: int = 0  # analysed articles stored
    copies: int = 0  # near-duplicates of stored articles, stored as their copies
    skipped: int = 0  # already in the store
    failures: int = 0  # failure rows recorded (new ones)
    seconds: float = 0.0

    def line(self) -> str:
        return (f"loaded {self.articles:,} articles and {self.copies:,} copies, skipped {self.skipped:,} already stored, "
                f"recorded {self.failures:,} failures in {self.seconds:.1f} s")  # fmt: skip


@dataclass
class _Loaded:
    analysis: dict[str, Any]
    origin: Optional[str]
    author: Optional[str]
    minhash: Optional[bytes] = None
    duplicate_of: Optional[str] = None
    similarity: float = 1.0


def _origin_order(origin: Optional[str]) -> tuple[str, int]:
    """``FILE:LINE`` and ``ARCHIVE#OFFSET`` in reading order (line 10 after line 9)."""
    match = _ORIGIN_PLACE.match(origin or "")
    return (match.group(1), int(match.group(3))) if match else (origin or "", 0)


def _fragments(directory: Path, table: str) -> Iterator[list[dict[str, Any]]]:
    """The rows of each Parquet file of ``table``, one day's file after another, each in reading order."""
    folder = directory / table
    if not folder.is_dir():
        return
    dataset = ds.dataset(str(folder), format="parquet", partitioning=DAY_FOLDERS)
    for fragment in sorted(dataset.get_fragments(), key=lambda fragment: fragment.path):
        rows = fragment.to_table().to_pylist()  # the file's own columns; the day is in its folder name
        yield sorted(rows, key=lambda row: _origin_order(row.get("origin")))


def read_analyses(directory: str | Path) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """(analysis, its row: origin, author, duplicate_of) of every article in a ``newsgraph spark`` output folder."""
    for rows in _fragments(Path(directory), "analyses"):
        for row in rows:
            yield json.loads(row["analysis"]), row


class _Planner:
    """What the store holds already, kept up to date as articles are loaded."""

    def __init__(self, store: Store):
        self.ids, self.urls, self.originals = store.known_keys()
        self.near = NearDuplicates(known=store.iter_minhashes())

    def plan(self, analysis: dict[str, Any], row: dict[str, Any]) -> Optional[_Loaded]:
        article, origin, author = analysis["article"], row.get("origin"), row.get("author")
        digest = text_hash(article["text"])
        if article["id"] in self.ids or (article.get("url") and article["url"] in self.urls):
            return None
        if row.get("duplicate_of"):  # an exact copy, as the job found it
            self.ids[article["id"]] = digest
            return _Loaded(analysis, origin, author, duplicate_of=row["duplicate_of"])
        if digest in self.originals:
            return None
        self.ids[article["id"]] = digest
        if article.get("url"):
            self.urls.add(article["url"])
        loaded = _Loaded(analysis, origin, author, minhash=signature(article["text"]))
        found = self.near.find(loaded.minhash) if loaded.minhash else None
        if found:
            loaded.duplicate_of, loaded.similarity = found[0], round(found[1], 3)
            return loaded
        self.originals[digest] = article["id"]
        if loaded.minhash:
            self.near.add(article["id"], loaded.minhash)
        return loaded


def _as_copy(analysis: dict[str, Any]) -> dict[str, Any]:
    """A near-duplicate as ingest stores one: the article, no facts."""
    empty: dict[str, list[Any]] = {kind: [] for kind in ("entities", *FACT_TABLES)}
    return {**analysis, **empty}


def _table_rows(batch: list[_Loaded]) -> dict[Any, list[dict[str, Any]]]:
    """The rows of a batch, by table, in the order the store inserts them."""
    out: dict[Any, list[dict[str, Any]]] = {}
    for item in batch:
        analysis = _as_copy(item.analysis) if item.duplicate_of else item.analysis
        meta: dict[str, Any] = {"origin": item.origin, "author": item.author}
        if item.duplicate_of is None:  # only originals are matched against later articles
            meta["minhash"] = item.minhash
        else:
            meta.update(duplicate_of=item.duplicate_of, similarity=item.similarity)
        for table, table_rows in analysis_rows(analysis, **meta):
            out.setdefault(table, []).extend(table_rows)
    return out


def _copy_rows(conn: Connection, table: Any, table_rows: list[dict[str, Any]]) -> None:
    """PostgreSQL's COPY: one stream per table, far fewer round trips than INSERTs."""
    from psycopg import sql  # the store's PostgreSQL driver; only needed on PostgreSQL

    columns = [column.name for column in table.columns if column.name != "num"]
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(sql.Identifier(table.name), sql.SQL(", ").join(map(sql.Identifier, columns)))
    driver = conn.connection.driver_connection
    assert driver is not None  # an open transaction's connection
    with driver.cursor() as cursor, cursor.copy(statement) as copy:
        for row in table_rows:
            copy.write_row([row.get(column) for column in columns])


def _write(store: Store, batch: list[_Loaded]) -> None:
    """One transaction: the batch's articles with all their facts, or nothing."""
    with store.engine.begin() as conn:
        for table, table_rows in _table_rows(batch).items():
            if not table_rows:
                continue
            columns = [column.name for column in table.columns if column.name != "num"]
            table_rows = [{column: row.get(column) for column in columns} for row in table_rows]  # one shape for all
            if store.dialect == "postgresql":
                _copy_rows(conn, table, table_rows)
            else:
                conn.execute(table.insert(), table_rows)


def _load_failures(directory: Path, store: Store) -> int:
    recorded = 0
    for rows in _fragments(directory, "failures"):
        for row in rows:
            recorded += store.record_failure(row["origin"] or "", row["code"] or "unknown", row["message"] or "",
                                             item=row.get("article_id"), stage=row.get("stage") or "analyse")  # fmt: skip
    return recorded


def load_directory(directory: str | Path, store: Store, *, batch_size: int = 500) -> LoadCounts:
    """Load a ``newsgraph spark`` output folder into ``store``; returns what was loaded.

    Raises ``ValueError`` when the folder has no ``analyses`` table (it is not such an output).
    """
    directory = Path(directory)
    if not (directory / "analyses").is_dir():
        raise ValueError(f"{directory} has no analyses/ table: give the --out folder of `newsgraph spark`")
    started = time.perf_counter()
    counts = LoadCounts()
    planner = _Planner(store)
    batch: list[_Loaded] = []
    for analysis, row in read_analyses(directory):
        loaded = planner.plan(analysis, row)
        if loaded is None:
            counts.skipped += 1
            continue
        batch.append(loaded)
        counts.copies += loaded.duplicate_of is not None
        counts.articles += loaded.duplicate_of is None
        if len(batch) >= batch_size:
            _write(store, batch)
            batch = []
    if batch:
        _write(store, batch)
    counts.failures = _load_failures(directory, store)
    counts.seconds = time.perf_counter() - started
    return counts
