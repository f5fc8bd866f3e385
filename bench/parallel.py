"""What a second analysis process buys: ``ingest`` of the first N articles of a JSONL file with one
process and with two, in one run, each into a fresh SQLite file.

    nice python bench/parallel.py ../shared/eval/corpus/reuters21578.jsonl --limit 1000

Prints a Markdown table for docs/benchmarks.md: wall time, articles a second, the speed-up of two
processes over one, and the peak resident memory of one worker (pages it shares with the fork
server, which loaded the pipeline once, included) and of the main process. The fork server is
started before the first timed run, so neither run pays for loading the model.

    nice python bench/parallel.py ../shared/eval/corpus/reuters21578.jsonl --limit 1000 --ceiling

``--ceiling`` measures instead what the cores themselves give: the pipeline alone (no reading, no
store, no main process feeding workers), loaded once and forked into one process that analyses
all the articles and then into two that analyse half each, wall time of each. What ``ingest``
reaches can only be under this ratio.
"""

from __future__ import annotations

import argparse
import itertools
import json
import multiprocessing
import os
import resource
import tempfile
import time
from pathlib import Path

from newsgraph.ingest.run import ingest
from newsgraph.pipeline import analyze, analyze_dicts, load_pipeline
from newsgraph.store import open_store

_TEXTS: list[str] = []  # what the forked analysis processes read (set before they fork)


def _analyse_share(share: tuple[int, int]) -> int:
    nlp = load_pipeline()  # loaded before the fork: this is the parent's copy
    index, of = share
    for text in _TEXTS[index::of]:
        analyze(text, nlp=nlp)
    return len(_TEXTS[index::of])


def ceiling(jsonl: Path, limit: int) -> None:
    """The pipeline alone in one process, then in two with half the articles each."""
    with open(jsonl, encoding="utf-8") as source:
        _TEXTS.extend(json.loads(line)["text"] for line in itertools.islice(source, limit))
    load_pipeline()
    analyze("Officials met in Oslo.", nlp=load_pipeline())
    context = multiprocessing.get_context("fork")
    walls = {}
    for processes in (1, 2):
        load = os.getloadavg()[0]
        started = time.perf_counter()
        with context.Pool(processes) as pool:
            done = sum(pool.map(_analyse_share, [(index, processes) for index in range(processes)]))
        walls[processes] = (time.perf_counter() - started, done, load)
    print("| processes (pipeline alone) | wall s | articles/s | speed-up | load average at start |")
    print("|---|---|---|---|---|")
    for processes, (wall, done, load) in walls.items():
        print(f"| {processes} | {wall:.1f} | {done / wall:.2f} | {walls[1][0] / wall:.2f}x | {load:.1f} |")


def _own_cpu() -> float:
    """CPU seconds of this process, all its threads (reading, planning, storing, feeding workers)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("jsonl", type=Path)
    parser.add_argument("--limit", type=int, default=1000)
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--ceiling", action="store_true", help="the pipeline alone in one and two processes")
    args = parser.parse_args()
    if args.ceiling:
        ceiling(args.jsonl, args.limit)
        return
    list(analyze_dicts([{"id": "warm", "text": "Officials met in Oslo."}], article_timeout=60))  # start the fork server
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        subset = Path(folder) / "subset.jsonl"
        with open(args.jsonl, encoding="utf-8") as source, open(subset, "w", encoding="utf-8") as out:
            out.writelines(itertools.islice(source, args.limit))
        for processes in args.processes:
            with open_store(str(Path(folder) / f"p{processes}.db")) as store:
                load = os.getloadavg()[0]
                cpu = _own_cpu()
                started = time.perf_counter()
                stats = ingest([str(subset)], store, processes=processes)
                wall = time.perf_counter() - started
                cpu = _own_cpu() - cpu
            rows.append((processes, wall, stats, load, cpu))
    base = rows[0][1]
    print("| processes | wall s | articles/s | speed-up | stored / copies / failed | peak RSS of a worker | "
          "main process CPU an article | load average at start |")
    print("|---|---|---|---|---|---|---|---|")
    for processes, wall, stats, load, cpu in rows:
        print(f"| {processes} | {wall:.1f} | {stats.done / wall:.2f} | {base / wall:.2f}x | "
              f"{stats.stored:,} / {stats.copies:,} / {stats.failed:,} | {stats.workers.peak_rss_mb:,.0f} MB | "
              f"{1000 * cpu / max(1, stats.done):.1f} ms | {load:.1f} |")
    print(f"\nPeak RSS of the main process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB")


if __name__ == "__main__":
    main()
