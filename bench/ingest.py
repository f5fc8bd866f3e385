"""Ingest benchmark: the store's share of the time, next to the analysis, on the first N articles
of a JSONL file, into a fresh SQLite file (or a PostgreSQL URL).

    nice python bench/ingest.py ../shared/eval/corpus/reuters21578.jsonl --limit 1000 --processes 1

Prints a Markdown table for docs/benchmarks.md. The store's time is the time spent in the store
calls (one transaction per article with all its facts, or one failure row); the analysis time is
the rest of the run (with one process, the spaCy pipeline and newsgraph's components).
"""

from __future__ import annotations

import argparse
import itertools
import sys
import tempfile
import time
from pathlib import Path

from newsgraph.ingest.run import ingest
from newsgraph.store import open_store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("jsonl", type=Path)
    parser.add_argument("--limit", type=int, default=1000, help="first N lines of the file")
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--db", help="store URL (default: a new SQLite file in a temporary folder)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        subset = Path(folder) / "subset.jsonl"
        with open(args.jsonl, encoding="utf-8") as source, open(subset, "w", encoding="utf-8") as out:
            out.writelines(itertools.islice(source, args.limit))
        db = args.db or str(Path(folder) / "bench.db")
        with open_store(db) as store:
            started = time.perf_counter()
            stats = ingest([str(subset)], store, processes=args.processes)
            wall = time.perf_counter() - started
            rerun = time.perf_counter()
            again = ingest([str(subset)], store, processes=args.processes)
            rerun = time.perf_counter() - rerun
            counts = store.counts()
    analysis = wall - stats.store_seconds
    rows = [
        ("articles read", f"{stats.read:,}"),
        ("stored / copies / failed", f"{stats.stored:,} / {stats.copies:,} / {stats.failed:,}"),
        ("rows written (entities, mentions, quotes, events, dates, quantities, places)",
         f"{sum(counts[k] for k in ('entities', 'mentions', 'quotes', 'events', 'dates', 'quantities', 'places')):,}"),
        ("wall time", f"{wall:.1f} s ({stats.read / wall:.1f} articles/s)"),
        ("store time", f"{stats.store_seconds:.2f} s ({1000 * stats.store_seconds / max(stats.done, 1):.2f} ms/article)"),
        ("analysis (and reading) time", f"{analysis:.1f} s"),
        ("store time / analysis time", f"{100 * stats.store_seconds / analysis:.1f}%"),
        ("rerun (everything already stored)", f"{rerun:.1f} s, {again.skipped:,} skipped, {again.stored} stored"),
    ]  # fmt: skip
    print(f"{args.limit:,} first lines of {args.jsonl.name}, processes={args.processes}, store={'SQLite' if not args.db else args.db.split(':')[0]}\n")
    print("| measure | value |\n| --- | --- |")
    for name, value in rows:
        print(f"| {name} | {value} |")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
