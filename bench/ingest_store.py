"""Store-only benchmark: write the same analyses into a fresh SQLite file and a fresh PostgreSQL
schema, one transaction per article, and time it (no analysis: the analyses come from a store).

    python bench/ingest_store.py newsgraph.db --limit 1000 --postgres postgresql://postgres@127.0.0.1:5432/test
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the tests package holds the store fixtures

from newsgraph.store import open_store
from tests.store_testing import temporary_store


def _time_writes(store, analyses: list[dict]) -> float:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    for analysis in analyses:
        store.add_analysis(analysis, origin="bench")
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", help="a store holding analyses (file path or URL)")
    parser.add_argument("--limit", type=int, default=1000)
    parser.add_argument("--postgres", help="PostgreSQL URL to measure too (a schema of its own, dropped after)")
    args = parser.parse_args()
    with open_store(args.source) as source:
        analyses = list(source.iter_analyses(source.article_ids(include_duplicates=False)[: args.limit]))
    rows = sum(len(a[k]) for a in analyses for k in ("entities", "quotes", "events", "dates", "quantities", "places"))
    rows += sum(len(e["mentions"]) for a in analyses for e in a["entities"])
    print(f"{len(analyses):,} analyses, {rows:,} fact rows\n")
    print("| store | total | per article |\n| --- | --- | --- |")
    backends = ["sqlite"] + (["postgresql"] if args.postgres else [])
    with tempfile.TemporaryDirectory() as folder:
        for backend in backends:
            if backend == "postgresql":
                import os

                os.environ["NEWSGRAPH_TEST_POSTGRES"] = args.postgres
            with temporary_store(backend, Path(folder)) as store:
                seconds = _time_writes(store, analyses)
            print(f"| {backend} | {seconds:.2f} s | {1000 * seconds / len(analyses):.2f} ms |")


if __name__ == "__main__":
    main()
