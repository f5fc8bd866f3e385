"""``newsgraph ingest``: read, skip what is stored, analyse in parallel, store in batches of articles.

Reading runs in a thread ahead of the analysis, so the progress bar knows the total early; the
analysis runs in ``processes`` worker processes (``newsgraph.workers.WorkerPool``, order
preserving, each article under a time budget); the store is written from this process only. Killed at any moment, a rerun finds
every stored article already there and does the rest.
"""

from __future__ import annotations

import os
import queue
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator, Optional

from newsgraph.articles import article_id_for
from newsgraph.ingest.dedupe import NearDuplicates, signature
from newsgraph.ingest.items import Item
from newsgraph.ingest.readers import ReadOptions
from newsgraph.ingest.sources import read_inputs
from newsgraph.language import detect_language
from newsgraph.model import Failure
from newsgraph.pipeline import DEFAULT_MODEL, analysis_worker, analyze_dicts
from newsgraph.store import Store
from newsgraph.store.rows import text_hash
from newsgraph.workers import DEFAULT_ARTICLE_TIMEOUT, WorkerPool, WorkerStats

_END = object()


@dataclass
class Job:
    """What happens to one item: ``analyse``, ``copy`` (store linked to its original, unanalysed),
    ``analysed`` (an analysis read from a file: store as is) or ``failure`` (record why)."""

    kind: str
    item: Item
    record: Optional[dict[str, Any]] = None
    minhash: Optional[bytes] = None
    duplicate_of: Optional[str] = None
    similarity: float = 1.0


@dataclass
class IngestStats:
    read: int = 0  # items read
    planned: int = 0  # items that went on to analysis or storing
    done: int = 0
    stored: int = 0  # new articles, analysed
    copies: int = 0  # exact or near-duplicates, stored linked to their original
    skipped: int = 0  # already in the store
    failed: int = 0
    not_english: int = 0  # stored without facts: the analysis is for English text
    warnings: int = 0  # stored articles with a recorded warning (an unreadable date, replaced bytes, ...)
    skipped_timeouts: int = 0  # ran over the time budget in an earlier run: not tried again
    seconds: float = 0.0
    store_seconds: float = 0.0  # time spent writing to the store
    failures: list[tuple[str, str, str]] = field(default_factory=list)  # new ones: origin, code, message
    workers: WorkerStats = field(default_factory=WorkerStats)


class Planner:
    """Decides before analysis what each item needs, from what the store and this run already hold."""

    def __init__(self, store: Store, retry_failed: bool = False):
        self.ids, self.urls, self.originals = store.known_keys()
        self.near = NearDuplicates(known=store.iter_minhashes())
        # Articles that ran over their time budget before would most likely do so again.
        self.timed_out = set() if retry_failed else {
            (row["origin"], row["item"]) for row in store.failures() if row["code"] == "timeout"
        }

    def plan(self, item: Item) -> Optional[Job]:
        """The job for an item, or None when it is already stored."""
        if item.error is not None:
            return Job("failure", item)
        if item.analysis is not None:
            return self._plan_analysis(item)
        record = dict(item.record or {})
        text = record.get("text")
        if not isinstance(text, str) or not text.strip():
            return Job("analyse", item, record=record)  # the pipeline says what is wrong with it
        digest = text_hash(text)
        article_id = self._new_id(record.get("id") or article_id_for(text), digest)
        if article_id is None or record.get("url") in self.urls:
            return None
        if (item.origin, article_id) in self.timed_out:
            return Job("timed_out", item)
        record["id"] = article_id
        return self._plan_text(item, record, digest)

    def _new_id(self, article_id: str, digest: str) -> Optional[str]:
        """The id to store under; None when this very article is stored. Another text under a taken
        id gets the id with its hash appended, the same on every run."""
        for candidate in (article_id, f"{article_id}~{digest[:8]}"):
            if candidate not in self.ids:
                return candidate
            if self.ids[candidate] == digest:
                return None
        return None

    def _plan_text(self, item: Item, record: dict[str, Any], digest: str) -> Job:
        article_id = record["id"]
        self.ids[article_id] = digest
        if record.get("url"):
            self.urls.add(record["url"])
        if digest in self.originals:
            return Job("copy", item, record=record, duplicate_of=self.originals[digest])
        minhash = signature(record["text"])
        found = self.near.find(minhash) if minhash else None
        if found:
            return Job("copy", item, record=record, duplicate_of=found[0], similarity=found[1])
        self.originals[digest] = article_id
        if minhash:
            self.near.add(article_id, minhash)
        return Job("analyse", item, record=record, minhash=minhash)

    def _plan_analysis(self, item: Item) -> Optional[Job]:
        data = item.analysis or {}
        article = data.get("article") or {}
        text = article.get("text")
        if not isinstance(text, str) or not article.get("id"):
            return Job("failure", Item(item.origin, error=("bad_record", "analysis record without article id or text")))
        digest = text_hash(text)
        article_id = self._new_id(str(article["id"]), digest)
        if article_id is None or article.get("url") in self.urls or digest in self.originals:
            return None
        if article_id != article["id"]:
            item = Item(item.origin, analysis=dict(data, article=dict(article, id=article_id)))
        self.ids[article_id] = digest
        self.originals[digest] = article_id
        if article.get("url"):
            self.urls.add(article["url"])
        minhash = signature(text)
        if minhash:
            self.near.add(article_id, minhash)
        return Job("analysed", item, minhash=minhash)


def ingest(
    inputs: Iterable[str],
    store: Store,
    *,
    processes: Optional[int] = None,
    options: Optional[ReadOptions] = None,
    model: str = DEFAULT_MODEL,
    batch_size: int = 16,
    progress: Optional[Callable[[IngestStats], None]] = None,
    skip_files: Iterable[str] = (),
    article_timeout: Optional[float] = DEFAULT_ARTICLE_TIMEOUT,
    retry_failed: bool = False,
    dictionaries: Optional[str] = None,
    default_dictionaries: bool = True,
) -> IngestStats:
    """Read, analyse and store every article of ``inputs``.

    Args:
        inputs: files, directories and URLs.
        store: where to store.
        processes: analysis worker processes (default: every core, or one for under 32 articles).
        options: how to read (:class:`ReadOptions`).
        progress: called with the running :class:`IngestStats` after each item.
        skip_files: files never to read as input (the database itself).
        article_timeout: seconds one article's analysis may take before it is stopped and recorded as
            a ``timeout`` failure (None: no limit).
        retry_failed: analyse again articles that timed out in an earlier run (skipped otherwise).
        dictionaries: a folder of PETRARCH-format dictionaries for the event coder.
        default_dictionaries: code events with the shipped PETRARCH/Phoenix dictionaries.
    Returns:
        The :class:`IngestStats` of this run.
    """
    stats = IngestStats()
    started = time.perf_counter()
    planner = Planner(store, retry_failed)
    jobs: queue.Queue[Any] = queue.Queue()
    reader = threading.Thread(
        target=_produce, args=(read_inputs(inputs, options, skip=skip_files), planner, jobs, stats), daemon=True
    )
    reader.start()
    while reader.is_alive() and stats.planned == 0:  # everything stored already: start no workers
        reader.join(0.05)
    if stats.planned == 0:
        stats.seconds = time.perf_counter() - started
        return stats
    processes = processes or _default_processes(reader, stats)
    pending: deque[Job] = deque()
    if article_timeout is None and processes == 1:
        results = analyze_dicts(_records(jobs, pending), processes=1, batch_size=batch_size, model=model,
                                dictionaries=dictionaries, default_dictionaries=default_dictionaries)
    else:
        pool = WorkerPool(analysis_worker, processes, article_timeout, model, dictionaries, default_dictionaries)
        stats.workers = pool.stats
        results = _closing(pool, pool.imap(_records(jobs, pending)))
    batch = StoreBatch(store, stats)
    for result in results:
        job = pending.popleft()
        tick = time.perf_counter()
        _finish(batch, job, result, stats)
        stats.store_seconds += time.perf_counter() - tick
        stats.done += 1
        if progress:
            progress(stats)
    tick = time.perf_counter()
    batch.flush()
    stats.store_seconds += time.perf_counter() - tick
    stats.seconds = time.perf_counter() - started
    return stats


class StoreBatch:
    """Analysed articles waiting to be stored together, in one transaction.

    Storing one article per transaction spends most of its time on the statements and the commit
    themselves (about half the store's CPU time on wire stories), in the process that also feeds the
    workers. Up to ``size`` articles, or what ``seconds`` gathered, go in one transaction; anything
    else (a failure, a copy) first writes what waits, so the store keeps the input's order. What waits
    when the process is killed is analysed again by a rerun, as an uncommitted article always was.
    """

    def __init__(self, store: Store, stats: IngestStats, size: int = 32, seconds: float = 1.0):
        self.store, self.stats, self.size, self.seconds = store, stats, size, seconds
        self.waiting: list[tuple[dict[str, Any], Item, dict[str, Any]]] = []
        self.since = 0.0

    def add(self, analysis: dict[str, Any], item: Item, **meta: Any) -> None:
        if not self.waiting:
            self.since = time.monotonic()
        self.waiting.append((analysis, item, meta))
        if len(self.waiting) >= self.size or time.monotonic() - self.since >= self.seconds:
            self.flush()

    def flush(self) -> None:
        waiting, self.waiting = self.waiting, []
        if not waiting:
            return
        try:
            self.store.add_analyses([(analysis, dict(meta, origin=item.origin)) for analysis, item, meta in waiting])
        except Exception:  # one of them is stored already or does not fit: each alone says which
            for analysis, item, meta in waiting:
                _add(self.store, self.stats, analysis, item, **meta)
            return
        for analysis, item, _ in waiting:
            _count_stored(self.store, self.stats, analysis, item)


SMALL_BATCH = 32  # fewer articles than this: one process, as starting workers costs more than it saves


def _default_processes(reader: threading.Thread, stats: IngestStats) -> int:
    """Every core, unless the whole input turns out to be a handful of articles."""
    cores = os.cpu_count() or 1
    while reader.is_alive() and stats.planned < SMALL_BATCH:
        reader.join(0.05)
    return 1 if stats.planned < SMALL_BATCH else cores


def _closing(pool: Any, results: Iterator[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    try:
        yield from results
    finally:
        pool.close()


def _produce(items: Iterator[Item], planner: Planner, jobs: "queue.Queue[Any]", stats: IngestStats) -> None:
    try:
        for item in items:
            stats.read += 1
            job = planner.plan(item)
            if job is None:
                stats.skipped += 1
                continue
            if job.kind == "timed_out":
                stats.skipped_timeouts += 1
                continue
            stats.planned += 1
            jobs.put(job)
    except Exception as error:  # never leave the analysis waiting for a reader that died
        jobs.put(Job("failure", Item(origin="(input)", error=("read_error", f"{type(error).__name__}: {error}"))))
        stats.planned += 1
    finally:
        jobs.put(_END)


def _records(jobs: "queue.Queue[Any]", pending: deque[Job]) -> Iterator[Any]:
    """What the analysis gets: the records to analyse, and a stand-in Failure, passed through in
    place, for every job that needs no analysis (so results stay aligned with ``pending``)."""
    while (job := jobs.get()) is not _END:
        pending.append(job)
        yield job.record if job.kind == "analyse" else Failure(id=job.item.id, code="not_analysed", message="")


def _finish(batch: StoreBatch, job: Job, result: dict[str, Any], stats: IngestStats) -> None:
    item = job.item
    if job.kind == "analysed" or (job.kind == "analyse" and "error" not in result):
        analysis = (item.analysis or {}) if job.kind == "analysed" else result
        author = None if job.kind == "analysed" else (job.record or {}).get("author")
        batch.add(analysis, item, minhash=job.minhash, author=author)
        return
    batch.flush()  # what waits goes first: the store keeps the input's order
    store = batch.store
    if job.kind == "failure":
        code, message = item.error or ("read_error", "unreadable")
        _fail(store, stats, item.origin, code, message, "", "read")
    elif job.kind == "copy":
        record = dict(job.record or {}, language=detect_language((job.record or {})["text"]))
        article = {key: record.get(key) for key in ("id", "text", "published", "source", "url", "title", "language")}
        if store.add_duplicate(article, job.duplicate_of or "", job.similarity, origin=item.origin, author=record.get("author")):
            stats.copies += 1
            _warn(store, stats, item.origin, str(article["id"]), record.get("warnings") or [])
    else:
        error = result["error"]
        _fail(store, stats, item.origin, error["code"], error["message"], result.get("id") or "", "analyse")


def _add(store: Store, stats: IngestStats, analysis: dict[str, Any], item: Item, minhash: Any = None, author: Any = None) -> None:
    try:
        if store.add_analysis(analysis, origin=item.origin, minhash=minhash, author=author):
            _count_stored(store, stats, analysis, item)
    except Exception as error:  # e.g. an analysis file whose facts do not fit the schema
        _fail(store, stats, item.origin, "store_failed", f"{type(error).__name__}: {error}", item.id or "", "store")


def _count_stored(store: Store, stats: IngestStats, analysis: dict[str, Any], item: Item) -> None:
    stats.stored += 1
    article = analysis.get("article") or {}
    stats.not_english += article.get("language") not in ("en", None)
    _warn(store, stats, item.origin, str(article.get("id") or ""), article.get("warnings") or [])


def _warn(store: Store, stats: IngestStats, origin: str, article_id: str, warnings: list[dict[str, Any]]) -> None:
    """A stored article's warnings, as one row of the failures table (its stage: read, date or parse),
    so that what was lost (a date, some bytes, a sentence boundary) is listed with the failures."""
    if not warnings:
        return
    stats.warnings += 1
    message = "; ".join(warning["message"] for warning in warnings)
    store.record_failure(origin, warnings[0]["code"], message, item=article_id, stage=warnings[0]["stage"])


def _fail(store: Store, stats: IngestStats, origin: str, code: str, message: str, article_id: str, stage: str) -> None:
    stats.failed += 1
    if store.record_failure(origin, code, message, item=article_id, stage=stage):
        stats.failures.append((origin, code, message))
