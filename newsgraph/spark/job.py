"""newsgraph as a Spark job: the same readers and pipeline as ``newsgraph ingest``, Parquet out.

    spark-submit --master yarn .../newsgraph/spark/submit.py INPUTS... --out s3a://bucket/newsgraph/

Steps: the driver lists the inputs (:mod:`newsgraph.spark.inputs`); executors read them; exact
copies (same text, or same URL) are dropped keeping the one read first; each executor's Python
worker loads the spaCy pipeline once, on its first partition, and analyses its articles through
``nlp.pipe`` in batches (``newsgraph.pipeline.analyze_batch``); the rows of every table
(:mod:`newsgraph.spark.outputs`) are written as Hive-style Parquet, ``TABLE/published_date=DAY/``,
replacing only the days this run touched. Nothing of this uses multiprocessing: Spark's cores are
the parallelism.
"""

from __future__ import annotations

import logging
import os
import resource
import sys
import time
from dataclasses import dataclass, field
from functools import partial
from itertools import islice
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional

import pyarrow as pa
from pyspark import StorageLevel
from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.sql import types as T

from newsgraph.ingest.items import Item
from newsgraph.ingest.readers import ReadOptions
from newsgraph.language import detect_language
from newsgraph.pipeline import DEFAULT_MODEL, analyze_batch, pipeline_with_dictionaries
from newsgraph.spark.inputs import first_copies, plan_sources, read_items
from newsgraph.spark.outputs import (
    NO_DATE,
    PARTITION,
    TABLES,
    Row,
    analysis_rows,
    copy_row,
    failure_row,
)

log = logging.getLogger(__name__)
MAX_FILE_ROWS = 200_000  # rows per Parquet file at most
WORKER = "_worker"  # the row each partition adds about the Python worker that analysed it


@dataclass(frozen=True)
class JobSettings:
    """What the executors need to analyse: sent to them with each task."""

    model: str = DEFAULT_MODEL
    dictionaries: Optional[str] = None  # a folder every executor can read
    default_dictionaries: bool = True  # the shipped PETRARCH/Phoenix dictionaries too
    batch_size: int = 16
    options: ReadOptions = field(default_factory=ReadOptions)


@dataclass
class JobCounts:
    read: int = 0  # items read: articles, analyses and unreadable records
    duplicates: int = 0  # left out: the same id and text, or a URL, read before
    copies: int = 0  # exact copies of an article read before: in `analyses` only, without facts
    analysed: int = 0  # articles written
    failed: int = 0  # rows of the failures table
    tables: dict[str, int] = field(default_factory=dict)  # rows written per table
    days: int = 0  # publication days touched
    seconds: float = 0.0  # from reading to the last table written (the Spark session's start not included)
    python_workers: int = 0  # Python worker processes that analysed
    worker_peak_mb: float = 0.0  # the largest peak resident memory of one of them

    def lines(self) -> list[str]:
        rate = self.analysed / self.seconds if self.seconds else 0.0
        out = [(f"read {self.read:,}, analysed {self.analysed:,}, failed {self.failed:,}, copies {self.copies:,}, "
                f"left out {self.duplicates:,} in {self.seconds:.1f} s ({rate:.2f} articles/s)")]
        out.append("rows: " + ", ".join(f"{name} {count:,}" for name, count in self.tables.items()))
        out.append(f"{self.days:,} publication day(s); {self.python_workers} Python worker(s), peak {self.worker_peak_mb:.0f} MB each at most")
        return out


def spark_type(kind: Any) -> T.DataType:
    """The Spark type of a pyarrow column type (those ``export parquet`` uses)."""
    if pa.types.is_list(kind):
        return T.ArrayType(spark_type(kind.value_type), containsNull=True)
    simple = {pa.string(): T.StringType(), pa.int8(): T.ByteType(), pa.int32(): T.IntegerType(),
              pa.int64(): T.LongType(), pa.float64(): T.DoubleType(), pa.bool_(): T.BooleanType()}  # fmt: skip
    if kind not in simple:
        raise TypeError(f"no Spark type for the column type {kind}")
    return simple[kind]


def spark_schema(table: str) -> T.StructType:
    """The table's columns as Spark types."""
    return T.StructType([T.StructField(column.name, spark_type(column.type), nullable=True) for column in TABLES[table]])


_WORKER_SCHEMA = T.StructType([T.StructField("pid", T.LongType()), T.StructField("peak_mb", T.DoubleType())])
_TABLE_ORDER = (*TABLES, WORKER)


def wide_schema() -> T.StructType:
    """All tables in one frame: a row's ``table``, its day, and one struct column per table, of
    which only its own is set. Written from the cache table by table, without Python."""
    structs = [T.StructField(name, spark_schema(name), nullable=True) for name in TABLES]
    return T.StructType([T.StructField("table", T.StringType(), nullable=False),
                         T.StructField(PARTITION, T.StringType(), nullable=True),
                         *structs, T.StructField(WORKER, _WORKER_SCHEMA, nullable=True)])  # fmt: skip


def _wide_row(row: Row) -> tuple[Any, ...]:
    table, values = row
    return (table, values[-1], *(values[:-1] if name == table else None for name in _TABLE_ORDER))


# In local mode one JVM is driver and executor, on the cores the Python workers analyse on, for a
# job of minutes. HotSpot's optimizing compiler (C2) then costs more CPU than its faster code saves:
# on 300 articles the JIT compilers took 21 s of the JVM's 39 s of CPU, the task threads 8 s. C1
# alone compiles at a fraction of that cost (docs/benchmarks.md, Spark). Only for the JVM that
# `session` starts itself; executors of a cluster keep their own settings.
LOCAL_JAVA_OPTIONS = "-XX:TieredStopAtLevel=1"


def session(master: Optional[str] = None, app_name: str = "newsgraph", conf: Optional[dict[str, str]] = None) -> SparkSession:
    """A Spark session; under ``spark-submit`` (no ``master``) the one it configured."""
    builder = SparkSession.builder.appName(app_name)
    if master:
        builder = builder.master(master)
    if master is None or master.startswith("local"):
        # Local Python workers run this interpreter, so they find the same packages (spaCy, the model);
        # PySpark reads the variable when it starts the context (spark-submit sets it from its options).
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        # Workers forked from a daemon that loaded the pipeline (newsgraph.spark.daemon), not each loading it.
        builder = builder.config("spark.python.daemon.module", "newsgraph.spark.daemon")
    if master is not None and master.startswith("local"):
        builder = builder.config("spark.driver.extraJavaOptions", LOCAL_JAVA_OPTIONS)  # the JVM this call starts
    builder = builder.config("spark.sql.sources.partitionOverwriteMode", "dynamic")
    for key, value in (conf or {}).items():
        builder = builder.config(key, value)
    return builder.getOrCreate()


# -- on the executors ------------------------------------------------------------------------------


def _batches(pairs: Iterable[tuple[Any, Item]], size: int) -> Iterator[list[Item]]:
    iterator = iter(pairs)
    while batch := [item for _, item in islice(iterator, size)]:
        yield batch


def _published(item: Item) -> Optional[str]:
    return (item.record or {}).get("published")


def _stored_rows(analysis: dict[str, Any], item: Item) -> list[Row]:
    """The rows of an analysis; one that does not fit the tables is a failure, not a lost task."""
    try:
        return analysis_rows(analysis, item.origin, (item.record or {}).get("author"))
    except (KeyError, TypeError, ValueError, IndexError) as error:
        article_id = (analysis.get("article") or {}).get("id")
        return [failure_row(item.origin, article_id, "analyse", "bad_analysis", f"{type(error).__name__}: {error}")]


def analyse_partition(settings: JobSettings, pairs: Iterator[tuple[Any, Item]]) -> Iterator[Row]:
    """Rows of every table for one partition's items. The pipeline is loaded on first need and
    stays loaded in this Python worker (``pipeline_with_dictionaries`` caches it) for the next partitions."""
    for batch in _batches(pairs, settings.batch_size):
        pending = []
        for item in batch:
            if item.error is not None:
                yield failure_row(item.origin, None, "read", item.error[0], item.error[1])
            elif item.analysis is not None:  # analysed already (an export read back): kept as it is
                yield from _stored_rows(item.analysis, item)
            elif item.extra.get("duplicate_of"):  # an exact copy: stored without analysis, as ingest does
                record = dict(item.record or {}, language=detect_language((item.record or {}).get("text") or ""))
                yield copy_row(record, item.origin, item.extra["duplicate_of"], record.get("author"))
            else:
                pending.append(item)
        if not pending:
            continue
        nlp = pipeline_with_dictionaries(settings.model, settings.dictionaries, settings.default_dictionaries)
        for item, result in zip(pending, analyze_batch(nlp, [item.record for item in pending])):
            data = result.to_dict()
            if "error" in data:
                error = data["error"]
                yield failure_row(item.origin, data.get("id") or item.id, "analyse", error["code"], error["message"], _published(item))
            else:
                yield from _stored_rows(data, item)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux
    yield WORKER, (os.getpid(), peak_mb, None)


# -- on the driver ---------------------------------------------------------------------------------


def _hadoop_path(spark: SparkSession, uri: str) -> tuple[Any, Any]:
    jvm = spark.sparkContext._jvm  # Hadoop's FileSystem: the one Spark writes with, local or not
    assert jvm is not None  # a classic (not Spark Connect) session
    path = jvm.org.apache.hadoop.fs.Path(uri)
    return path.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration()), path


def _output_uri(out: str) -> str:
    return out.rstrip("/") if "://" in out else Path(out).expanduser().resolve().as_uri()


def _clear_days_without_rows(spark: SparkSession, out: str, table: str, days: set[Optional[str]]) -> None:
    """Remove ``table``'s folders for days this run touched but gave it no rows: what an earlier run
    wrote there belongs to articles that are now rewritten without such facts."""
    for day in days:
        fs, path = _hadoop_path(spark, f"{out}/{table}/{PARTITION}={day or NO_DATE}")
        if fs.exists(path):
            fs.delete(path, True)


ARTICLES_PER_TASK = 25  # small tasks: the last ones of the stage end close together on every core


def analysis_tasks(articles: int, cores: int) -> int:
    """How many analysis tasks: at least four per core, and one per ``ARTICLES_PER_TASK`` articles,
    so that when the stage ends no core waits long for another's last task (a task of long
    articles can take minutes; a task costs Spark milliseconds)."""
    return max(1, cores * 4, -(-articles // ARTICLES_PER_TASK))


def _manifest_reader(spark: SparkSession) -> Any:
    return lambda uri: [row.value for row in spark.read.text(uri).collect()]


def run_job(spark: SparkSession, inputs: list[str], out: str, *, partitions: Optional[int] = None,
            settings: Optional[JobSettings] = None) -> JobCounts:  # fmt: skip
    """Read, analyse and write every article of ``inputs`` as Parquet under ``out``.

    Args:
        spark: the session (:func:`session`).
        inputs: files, folders, manifests; local paths or any URI Spark's filesystems read.
        out: output folder (local path or URI); ``out/TABLE/published_date=DAY/*.parquet``.
        partitions: analysis tasks (default: :func:`analysis_tasks`, so a slow partition does not hold the rest).
        settings: model, dictionaries, batch size, read options.
    Returns:
        The :class:`JobCounts`.
    """
    settings = settings or JobSettings()
    started = time.perf_counter()
    out = _output_uri(out)
    context = spark.sparkContext
    sources = plan_sources(inputs, _manifest_reader(spark))
    items = read_items(spark, sources, settings.options).persist(StorageLevel.MEMORY_AND_DISK)
    unique = first_copies(items).persist(StorageLevel.MEMORY_AND_DISK)
    counts = JobCounts(read=items.count())
    kept = unique.count()
    items.unpersist()
    counts.duplicates = counts.read - kept
    log.info("read %d items, %d after copies left out, at %.1f s", counts.read, kept, time.perf_counter() - started)
    tasks = partitions or analysis_tasks(kept, context.defaultParallelism)
    rows = unique.repartition(tasks).mapPartitions(partial(analyse_partition, settings)).map(_wide_row)
    # One conversion from Python rows to Spark's own, and one shuffle that puts each day in one
    # partition, cached: every table is then written from the JVM, one file per day, without a
    # shuffle of its own.
    frame = spark.createDataFrame(rows, wide_schema()).repartition(context.defaultParallelism, PARTITION)
    wide = frame.persist(StorageLevel.MEMORY_AND_DISK)
    per_day = {(row["table"], row[PARTITION]): row["count"] for row in wide.groupBy("table", PARTITION).count().collect()}
    unique.unpersist()
    log.info("analysed at %.1f s", time.perf_counter() - started)
    workers = wide.where(F.col("table") == WORKER).select(f"{WORKER}.*").collect()
    days = {day for name, day in per_day if name != WORKER}
    for table in TABLES:
        table_days = {day for name, day in per_day if name == table}
        _clear_days_without_rows(spark, out, table, days - table_days)
        if table_days:
            rows_of_table = wide.where(F.col("table") == table).select(f"{table}.*", PARTITION)
            # A day is in one partition, so it is one file (a large day split every MAX_FILE_ROWS rows).
            writer = rows_of_table.write.mode("overwrite").option("maxRecordsPerFile", MAX_FILE_ROWS)
            writer.partitionBy(PARTITION).parquet(f"{out}/{table}")
        log.info("%s written at %.1f s", table, time.perf_counter() - started)
        counts.tables[table] = sum(count for (name, _), count in per_day.items() if name == table)
    wide.unpersist()
    counts.analysed, counts.failed, counts.days = counts.tables["articles"], counts.tables["failures"], len(days)
    counts.copies = counts.tables["analyses"] - counts.analysed
    peaks = {row["pid"]: row["peak_mb"] for row in workers}
    counts.python_workers, counts.worker_peak_mb = len(peaks), max(peaks.values(), default=0.0)
    counts.seconds = time.perf_counter() - started
    return counts
