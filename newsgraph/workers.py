"""Analysis in worker processes, each article under a time budget.

Every article goes to a worker process, which analyses it component by component and says in
shared memory which article and which component it is on. An article still running when its
budget is spent is stopped by killing its worker (this works even when the time goes inside C
code, where nothing in the worker could interrupt it); it becomes a ``timeout`` failure naming
the component, a fresh worker takes the dead one's place, and the batch goes on. A worker that
dies for another reason (a segfault, the kernel's out-of-memory killer) fails its article as
``worker_died`` the same way.

Workers are forked from a fork server that has the default pipeline loaded already
(:mod:`newsgraph.worker_preload`), so starting or replacing one takes milliseconds and the
model's memory is shared between them instead of loaded once each.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import resource
import time
from collections import deque
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator, Optional

from newsgraph.model import Failure

__all__ = ["DEFAULT_ARTICLE_TIMEOUT", "WorkerPool", "WorkerStats"]

DEFAULT_ARTICLE_TIMEOUT = 60.0  # seconds; a long wire story takes well under one
STAGE_BYTES = 48  # room for a component name in shared memory
IN_FLIGHT = 2  # articles handed to a worker at once: the next one waits there while the parent stores
MAX_WAITING_RESULTS = 2000  # results held back for order before reading more input
_CONTEXT = multiprocessing.get_context("forkserver")
_CONTEXT.set_forkserver_preload(["newsgraph.worker_preload"])


@dataclass
class WorkerStats:
    """What the workers did: started (replacements included), stopped over budget, died, and the
    largest peak resident memory of any one worker (pages shared with the fork server included)."""

    started: int = 0
    timeouts: int = 0
    died: int = 0
    peak_rss_mb: float = 0.0


def stage_setter(stage: Any) -> Callable[[str], None]:
    """A function that writes the current stage's name where the parent reads it."""
    def on_stage(name: str) -> None:
        stage.value = name.encode("utf-8")[: STAGE_BYTES - 1]

    return on_stage


def serve(conn: Any, running: Any, stage: Any, analyse: Callable[[Any, Callable[[str], None]], dict[str, Any]]) -> None:
    """A worker's loop: receive (seq, record), analyse it, send (seq, result dict, peak RSS MB).

    ``analyse(record, on_stage)`` is the worker's own analysis (the pipeline module gives it, so this
    module needs no pipeline and no model)."""
    on_stage = stage_setter(stage)
    on_stage("ready")
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):  # the parent is gone: nothing more to do
            return
        if message is None:
            return
        seq, record = message
        on_stage("prepare")
        running[0] = seq
        running[1] = time.monotonic()
        result = analyse(record, on_stage)
        running[1] = 0.0
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        try:
            conn.send((seq, result, peak_mb))
        except (BrokenPipeError, OSError):
            return


class _Worker:
    """One worker process, its pipe, and the articles handed to it (seq, record), oldest first."""

    def __init__(self, target: Callable[..., None], model: Optional[str], dictionaries: Optional[str],
                 default_dictionaries: bool = True):
        self.conn, child_conn = _CONTEXT.Pipe()
        self.running = _CONTEXT.Array("d", [-1.0, 0.0], lock=False)  # seq being analysed, its start time
        self.stage = _CONTEXT.Array("c", STAGE_BYTES, lock=False)
        self.process = _CONTEXT.Process(
            target=target, args=(child_conn, self.running, self.stage, model, dictionaries, default_dictionaries), daemon=True
        )
        self.process.start()
        child_conn.close()
        self.assigned: deque[tuple[int, Any]] = deque()

    def send(self, seq: int, record: Any) -> None:
        self.assigned.append((seq, record))
        self.conn.send((seq, record))

    def current(self) -> tuple[Optional[int], float, str]:
        """The seq of the article being analysed (None when idle), since when, in which stage."""
        seq, started = self.running[0], self.running[1]
        if started == 0.0 or not self.assigned or int(seq) != self.assigned[0][0]:
            return None, 0.0, ""
        return int(seq), started, self.stage.value.decode("utf-8", "replace")

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.process.kill()
        else:
            try:
                self.conn.send(None)
            except OSError:
                pass
        self.process.join(5 if not kill else None)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


class WorkerPool:
    """Worker processes that analyse records under a per-article time budget, results in input order.

    Args:
        target: what a worker process runs (:func:`newsgraph.pipeline.analysis_worker`): it loads
            its pipeline and calls :func:`serve`.
        processes: worker processes.
        article_timeout: seconds one article may take (None: no limit).
        model, dictionaries: the pipeline the workers use (None: the default model) (see :func:`newsgraph.pipeline.pipeline_with_dictionaries`).

    Example:
        >>> with WorkerPool(analysis_worker, 2, article_timeout=60) as pool:
        ...     for result in pool.imap(records):   # dicts: analyses or error records
        ...         ...
    """

    def __init__(
        self,
        target: Callable[..., None],
        processes: int,
        article_timeout: Optional[float] = DEFAULT_ARTICLE_TIMEOUT,
        model: Optional[str] = None,
        dictionaries: Optional[str] = None,
        default_dictionaries: bool = True,
    ):
        self.target = target  # the worker's entry point: (conn, running, stage, model, dictionaries, defaults)
        self.article_timeout = article_timeout
        self.model = model  # None: the default model
        self.dictionaries = dictionaries
        self.default_dictionaries = default_dictionaries  # the shipped event dictionaries, under ``dictionaries``
        self.stats = WorkerStats()
        self.workers = [self._start() for _ in range(max(1, processes))]

    def __enter__(self) -> "WorkerPool":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def close(self) -> None:
        for worker in self.workers:
            worker.stop(kill=bool(worker.assigned))
        self.workers = []

    def _start(self) -> _Worker:
        self.stats.started += 1
        return _Worker(self.target, self.model, self.dictionaries, self.default_dictionaries)

    def imap(self, records: Iterable[Any]) -> Iterator[dict[str, Any]]:
        """The result dict of every record, in input order. A :class:`Failure` among the records passes
        through in its place without going to a worker."""
        source = iter(records)
        finished: dict[int, dict[str, Any]] = {}
        next_in, next_out, exhausted = 0, 0, False
        while True:
            while not exhausted and len(finished) < MAX_WAITING_RESULTS:
                worker = min(self.workers, key=lambda w: len(w.assigned))
                if len(worker.assigned) >= IN_FLIGHT:
                    break
                try:
                    record = next(source)
                except StopIteration:
                    exhausted = True
                    break
                if isinstance(record, Failure):
                    finished[next_in] = record.to_dict()
                else:
                    worker.send(next_in, record)
                next_in += 1
            while next_out in finished:
                yield finished.pop(next_out)
                next_out += 1
            busy = [worker for worker in self.workers if worker.assigned]
            if not busy:
                if exhausted:
                    return
                continue
            self._collect(busy, finished)

    def _collect(self, busy: list[_Worker], finished: dict[int, dict[str, Any]]) -> None:
        """Wait for results (or deaths) until the nearest deadline, then stop what ran over it."""
        wait = 1.0
        if self.article_timeout is not None:
            now = time.monotonic()
            starts = [started for started in (w.current()[1] for w in busy) if started]
            if starts:
                wait = max(0.0, min(starts) + self.article_timeout - now) + 0.01
            else:
                wait = min(wait, self.article_timeout)
        handles: dict[Any, _Worker] = {worker.conn: worker for worker in busy}
        handles.update({worker.process.sentinel: worker for worker in busy})
        for handle in multiprocessing.connection.wait(list(handles), timeout=wait):
            worker = handles[handle]
            if worker not in self.workers:
                continue  # replaced already in this round
            if handle is worker.conn:
                self._receive(worker, finished)
            elif not worker.conn.poll():
                self._replace(worker, finished, "worker_died")
        if self.article_timeout is not None:
            now = time.monotonic()
            for worker in list(self.workers):
                seq, started, _ = worker.current()
                if seq is not None and now - started > self.article_timeout:
                    self._replace(worker, finished, "timeout")

    def _receive(self, worker: _Worker, finished: dict[int, dict[str, Any]]) -> None:
        try:
            while worker.conn.poll():
                seq, result, peak_mb = worker.conn.recv()
                worker.assigned.popleft()
                finished[seq] = result
                self.stats.peak_rss_mb = max(self.stats.peak_rss_mb, peak_mb)
        except (EOFError, OSError):
            self._replace(worker, finished, "worker_died")

    def _replace(self, worker: _Worker, finished: dict[int, dict[str, Any]], code: str) -> None:
        """Stop a worker, fail the article it was on, and give the rest of its articles to a fresh one."""
        seq, started, stage = worker.current()
        if worker.stage.value == b"load" and not worker.process.is_alive():
            raise RuntimeError(f"an analysis worker process could not start (exit code {worker.process.exitcode}); "
                               "the model or pipeline does not load")
        if seq is None and worker.assigned:
            seq = worker.assigned[0][0]
        worker.stop(kill=True)
        index = self.workers.index(worker)
        if seq is not None:
            record = next(record for assigned_seq, record in worker.assigned if assigned_seq == seq)
            finished[seq] = self._failure(record, code, stage, started).to_dict()
        fresh = self._start()
        self.workers[index] = fresh
        for assigned_seq, record in worker.assigned:
            if assigned_seq != seq:
                fresh.send(assigned_seq, record)

    def _failure(self, record: Any, code: str, stage: str, started: float) -> Failure:
        article_id = record.get("id") if isinstance(record, dict) else None
        where = f" in {stage}" if stage else ""
        if code == "timeout":
            self.stats.timeouts += 1
            message = f"analysis stopped after {self.article_timeout:g} s{where} (the article's time budget)"
        else:
            self.stats.died += 1
            ran = f" after {time.monotonic() - started:.1f} s" if started else ""
            message = f"the worker process analysing it died{where}{ran} (out of memory, or a crash)"
        return Failure(id=article_id, code=code, message=message, stage=stage or None)
