"""Spark benchmark: `newsgraph spark` in local[1] and local[2] against `ingest --processes 2`, on
the first N articles of a JSONL file, with the JVM's start-up apart and the memory each core needs.

    nice python bench/spark.py ../shared/eval/corpus/reuters21578.jsonl --limit 2000

Each Spark run is a fresh process (its own JVM). Its rate is the job's own time: reading,
leaving out copies, analysing (the pipeline loads once in each Python worker: that is counted)
and writing every table; the session's start is reported on its own line. Memory: the largest
peak resident size of one Python worker (one per core) and the JVM's peak. Prints a Markdown
table for docs/benchmarks.md, with the load average at the start and end (the cores may be shared).
"""

from __future__ import annotations

import argparse
import itertools
import json
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


def child(master: str, subset: str, out: str) -> None:
    """One Spark run in this process; prints its figures as JSON."""
    from newsgraph.spark.job import run_job, session

    started = time.perf_counter()
    spark = session(master, app_name="newsgraph-bench",
                    conf={"spark.ui.enabled": "false", "spark.ui.showConsoleProgress": "false"})  # fmt: skip
    spark.sparkContext.parallelize(range(4), 2).count()  # the first job starts the executors' Python side
    start_up = time.perf_counter() - started
    jvm_pid = spark.sparkContext._jvm.java.lang.ProcessHandle.current().pid()
    counts = run_job(spark, [subset], out)
    figures = {"master": master, "start_up": start_up, "seconds": counts.seconds, "read": counts.read,
               "analysed": counts.analysed, "failed": counts.failed, "copies": counts.copies,
               "workers": counts.python_workers, "worker_peak_mb": counts.worker_peak_mb,
               "jvm_peak_mb": _peak_mb(jvm_pid), "rows": counts.tables}  # fmt: skip
    spark.stop()
    print("BENCH " + json.dumps(figures))


def _spark_run(master: str, subset: Path, folder: Path) -> dict:
    command = [sys.executable, __file__, "--child", master, str(subset), str(folder / f"out-{master[6:-1]}")]
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("jsonl", type=Path, nargs="?")
    parser.add_argument("--limit", type=int, default=2000, help="first N lines of the file")
    parser.add_argument("--child", nargs=3, metavar=("MASTER", "SUBSET", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    if args.jsonl is None:
        parser.error("give the JSONL file")
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        subset = folder / "subset.jsonl"
        with open(args.jsonl, encoding="utf-8") as source, open(subset, "w", encoding="utf-8") as out:
            out.writelines(itertools.islice(source, args.limit))
        load_before = os.getloadavg()
        runs = [_spark_run(master, subset, folder) for master in ("local[1]", "local[2]")]
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
    print(f"\nrows (local[2]): {json.dumps(two['rows'])}")


if __name__ == "__main__":
    main()
