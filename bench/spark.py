"""Spark benchmark: `newsgraph spark` in local[1] and local[2] against `ingest --processes 2`, on
the first N articles of a JSONL file, with the JVM's start-up apart and the memory each core needs.

    nice python bench/spark.py ../shared/eval/corpus/reuters21578.jsonl --limit 2000

Each Spark run is a fresh process (its own JVM). Its rate is the job's own time: reading,
leaving out copies, analysing (the pipeline loads once in each Python worker: that is counted)
and writing every table; the session's start is reported on its own line. Memory: the largest
peak resident size of one Python worker (one per core) and the JVM's peak. Prints a Markdown
table for docs/benchmarks.md, with the load average at the start and end (the cores may be shared).

    nice python bench/spark.py ../shared/eval/corpus/reuters21578.jsonl --limit 300 --cpu

With ``--cpu``, one local[1] run only (``--master`` for another), and where its CPU time went, per stage (read and copies,
analysis, writing): the JVM's (by kind of thread: JIT compilers, garbage collector, task threads,
the rest, which is mostly the driver's query planning) and the Python workers', in ms per article.
CPU time does not depend on what else runs on the cores, where wall-clock time does. From that
split it prints the local[2]/local[1] ratio it predicts (see ``predicted_ratio``).
"""

from __future__ import annotations

import argparse
import itertools
import json
import logging
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _peak_mb(pid: int) -> float:
    """The peak resident memory of a process (Linux: VmHWM), in MB."""
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


_TICKS = os.sysconf("SC_CLK_TCK")


def _stat(pid: int, thread: str = "") -> tuple[int, float, float]:
    """A process's parent id, its own CPU seconds (user+system) and those of its children it
    reaped; with ``thread`` (a thread id), the own CPU seconds are the thread's."""
    with open(f"/proc/{pid}/{'task/' + thread + '/' if thread else ''}stat", encoding="ascii") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()  # after the command name, which may hold spaces
    own = (int(fields[11]) + int(fields[12])) / _TICKS
    reaped = (int(fields[13]) + int(fields[14])) / _TICKS
    return int(fields[1]), own, reaped


def _descendants(root: int) -> list[int]:
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                parents[int(entry)] = _stat(int(entry))[0]
            except OSError:  # ended meanwhile
                continue
    found, frontier = [], [root]
    while frontier:
        children = [pid for pid, parent in parents.items() if parent in frontier]
        found += children
        frontier = children
    return found


def cpu_seconds(jvm_pid: int) -> dict[str, float]:
    """CPU seconds so far of the JVM (driver and executor in local mode), of the Python processes
    under it (the daemon and the workers forked from it, ended ones counted through their parent)
    and of this driver process."""
    python = 0.0
    for pid in _descendants(jvm_pid):
        try:
            _, own, reaped = _stat(pid)
        except OSError:
            continue
        python += own + reaped
    driver = sum(os.times()[:2])
    return {"jvm": _stat(jvm_pid)[1], "python": python, "driver": driver, **jvm_threads(jvm_pid)}


def _thread_kind(name: str) -> str:
    """What a JVM thread does, from its name (Linux keeps the first 15 characters)."""
    if "Compiler" in name:
        return "jvm_jit"
    if name.startswith(("GC ", "G1 ", "VM Thread")):
        return "jvm_gc"
    if name.startswith("Executor task"):
        return "jvm_tasks"
    return "jvm_other"


def jvm_threads(jvm_pid: int) -> dict[str, float]:
    """The JVM's CPU seconds by kind of thread (threads that ended are not counted)."""
    out = dict.fromkeys(("jvm_jit", "jvm_gc", "jvm_tasks", "jvm_other"), 0.0)
    for tid in os.listdir(f"/proc/{jvm_pid}/task"):
        try:
            with open(f"/proc/{jvm_pid}/task/{tid}/comm", encoding="utf-8", errors="replace") as comm:
                kind = _thread_kind(comm.read().strip())
            out[kind] += _stat(jvm_pid, tid)[1]
        except OSError:
            continue
    return out


class _StageClock(logging.Handler):
    """Takes the CPU seconds at each stage the job logs: read (copies left out), analysed, each table written."""

    def __init__(self, jvm_pid: int) -> None:
        super().__init__()
        self.jvm_pid = jvm_pid
        self.marks: list[tuple[str, float, dict[str, float]]] = [("start", time.perf_counter(), cpu_seconds(jvm_pid))]

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        stage = "read" if message.startswith("read ") else "analysis" if message.startswith("analysed") else "write"
        self.marks.append((stage, time.perf_counter(), cpu_seconds(self.jvm_pid)))

    def stages(self) -> dict[str, dict[str, float]]:
        """Wall and CPU seconds per stage, from the mark before its first to its last."""
        out: dict[str, dict[str, float]] = {}
        for (_, wall0, cpu0), (stage, wall1, cpu1) in itertools.pairwise(self.marks):
            spent = out.setdefault(stage, dict.fromkeys(("wall", *cpu0), 0.0))
            spent["wall"] += wall1 - wall0
            for key in cpu0:
                spent[key] += cpu1.get(key, 0.0) - cpu0[key]
        return out


def child(master: str, subset: str, out: str, conf: list[str]) -> None:
    """One Spark run in this process; prints its figures as JSON."""
    from newsgraph.spark.job import run_job, session

    started = time.perf_counter()
    extra = dict(pair.split("=", 1) for pair in conf)
    spark = session(master, app_name="newsgraph-bench",
                    conf={"spark.ui.enabled": "false", "spark.ui.showConsoleProgress": "false", **extra})  # fmt: skip
    spark.sparkContext.parallelize(range(4), 2).count()  # the first job starts the executors' Python side
    start_up = time.perf_counter() - started
    jvm_pid = spark.sparkContext._jvm.java.lang.ProcessHandle.current().pid()
    clock = _StageClock(jvm_pid)
    job_log = logging.getLogger("newsgraph.spark.job")
    job_log.setLevel(logging.INFO)
    job_log.addHandler(clock)
    counts = run_job(spark, [subset], out)
    job_log.removeHandler(clock)
    figures = {"master": master, "start_up": start_up, "seconds": counts.seconds, "read": counts.read,
               "analysed": counts.analysed, "failed": counts.failed, "copies": counts.copies,
               "workers": counts.python_workers, "worker_peak_mb": counts.worker_peak_mb,
               "jvm_peak_mb": _peak_mb(jvm_pid), "rows": counts.tables, "cpu": clock.stages()}  # fmt: skip
    spark.stop()
    print("BENCH " + json.dumps(figures))


def _spark_run(master: str, subset: Path, folder: Path, conf: list[str]) -> dict:
    command = [sys.executable, __file__, "--child", master, str(subset), str(folder / f"out-{master[6:-1]}")]
    command += [f"--conf={pair}" for pair in conf]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    line = next((line for line in done.stdout.splitlines() if line.startswith("BENCH ")), None)
    if line is None:
        raise SystemExit(f"the {master} run failed:\n{done.stderr[-3000:]}")
    return json.loads(line[len("BENCH "):])


def _ingest_run(subset: Path, folder: Path, processes: int) -> dict:
    from newsgraph.ingest.run import ingest
    from newsgraph.store import open_store

    with open_store(str(folder / "ingest.db")) as store:
        started = time.perf_counter()
        stats = ingest([str(subset)], store, processes=processes)
        return {"seconds": time.perf_counter() - started, "stored": stats.stored, "copies": stats.copies}


_KINDS = (("jvm_jit", "JVM: JIT compilers"), ("jvm_gc", "JVM: garbage collector"), ("jvm_tasks", "JVM: task threads"),
          ("jvm_other", "JVM: other threads (planning, scheduling)"), ("jvm", "JVM, all threads"),
          ("python", "Python workers"), ("driver", "Python driver"))  # fmt: skip


def predicted_ratio(stages: dict[str, dict[str, float]]) -> float:
    """The local[2]/local[1] ratio a local[1] run's CPU split predicts on two otherwise idle cores.

    In local[1] one Python worker analyses while the JVM works on the second core, so a stage
    takes about max(Python, JVM + driver) seconds; in local[2] the two cores share all of it, about
    (Python + JVM + driver) / 2. An upper bound: a stage does not always split evenly over the cores.
    """
    one = sum(max(cpu["python"], cpu["jvm"] + cpu["driver"]) for cpu in stages.values())
    two = sum((cpu["python"] + cpu["jvm"] + cpu["driver"]) / 2 for cpu in stages.values())
    return one / two


def print_cpu(run: dict) -> None:
    """The CPU breakdown of a run, per stage and in all, in ms per article analysed."""
    stages, per_article = run["cpu"], 1000 / max(1, run["analysed"])
    names = list(stages)
    print(f"| CPU ms per article ({run['analysed']:,} analysed, {run['master']}) | {' | '.join(names)} | all |")
    print("| --- |" + " --- |" * (len(names) + 1))
    walls = " | ".join(f"{stages[name]['wall'] * per_article:.1f}" for name in names)
    print(f"| wall-clock | {walls} | {run['seconds'] * per_article:.1f} |")
    for key, label in _KINDS:
        values = [stages[name][key] * per_article for name in names]
        print(f"| {label} | {' | '.join(f'{value:.1f}' for value in values)} | {sum(values):.1f} |")
    print(f"\npredicted local[2]/local[1] on two idle cores: {predicted_ratio(stages):.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("jsonl", type=Path, nargs="?")
    parser.add_argument("--limit", type=int, default=2000, help="first N lines of the file")
    parser.add_argument("--cpu", action="store_true", help="one Spark run and its CPU time per stage")
    parser.add_argument("--master", default="local[1]", help="with --cpu: the master of that run")
    parser.add_argument("--conf", action="append", default=[], metavar="KEY=VALUE", help="a Spark setting for the runs")
    parser.add_argument("--child", nargs=3, metavar=("MASTER", "SUBSET", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child, args.conf)
        return
    if args.jsonl is None:
        parser.error("give the JSONL file")
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        subset = folder / "subset.jsonl"
        with open(args.jsonl, encoding="utf-8") as source, open(subset, "w", encoding="utf-8") as out:
            out.writelines(itertools.islice(source, args.limit))
        load_before = os.getloadavg()
        if args.cpu:
            run = _spark_run(args.master, subset, folder, args.conf)
            print(f"{args.limit:,} first lines of {args.jsonl.name}; load average {load_before[0]:.1f} at the start, "
                  f"{os.getloadavg()[0]:.1f} at the end\n")  # fmt: skip
            print_cpu(run)
            return
        runs = [_spark_run(master, subset, folder, args.conf) for master in ("local[1]", "local[2]")]
        ingested = _ingest_run(subset, folder, processes=2)
        load_after = os.getloadavg()
    one, two = runs
    rate = lambda run: run["analysed"] / run["seconds"]  # noqa: E731
    ingest_rate = ingested["stored"] / ingested["seconds"]
    print(f"{args.limit:,} first lines of {args.jsonl.name}; {os.cpu_count()} cores; load average "
          f"{load_before[0]:.1f} at the start, {load_after[0]:.1f} at the end\n")
    print("| run | articles analysed | seconds | articles/s | vs local[1] |\n| --- | --- | --- | --- | --- |")
    for run in runs:
        print(f"| newsgraph spark, {run['master']} | {run['analysed']:,} | {run['seconds']:.1f} | {rate(run):.2f} | {rate(run) / rate(one):.2f}x |")
    print(f"| ingest --processes 2 (SQLite) | {ingested['stored']:,} | {ingested['seconds']:.1f} | {ingest_rate:.2f} | {ingest_rate / rate(one):.2f}x |")
    print("\n| measure | local[1] | local[2] |\n| --- | --- | --- |")
    print(f"| Spark session start (JVM, first job) | {one['start_up']:.1f} s | {two['start_up']:.1f} s |")
    print(f"| Python workers / peak resident memory of one | {one['workers']} / {one['worker_peak_mb']:.0f} MB | {two['workers']} / {two['worker_peak_mb']:.0f} MB |")
    print(f"| JVM peak resident memory | {one['jvm_peak_mb']:.0f} MB | {two['jvm_peak_mb']:.0f} MB |")
    print(f"| copies / failed | {one['copies']} / {one['failed']} | {two['copies']} / {two['failed']} |")
    print(f"\nrows (local[2]): {json.dumps(two['rows'])}\n")
    print_cpu(one)


if __name__ == "__main__":
    main()
