"""Query and export timings on a store at the scale of the Reuters-21578 corpus (19,043 articles).

What is measured (say so wherever a figure is quoted):

* The store holds one article per Reuters-21578 story (19,043), dated like the story. The first
  ``--analyse`` stories are analysed by the real pipeline; every further article is a replica of
  one of those analyses (same facts and text, a marker line appended so its text is distinct),
  dated like its own Reuters story. Fact counts and the Zipf-like skew of entity frequencies are
  those of real analyses, but each distinct entity recurs about 19,043 / N times more often.
* Each query runs through the library functions the CLI calls (``newsgraph.query``), warm,
  ``--repeat`` times; the table gives the median and the slowest run. The corpus-level identity is
  built once before timing (its build time is reported on its own line).
* ``CLI`` times one run of the command-line program, Python start-up and imports included.

Usage:
    nice python bench/queries.py --sqlite /tmp/bench.db [--postgres postgresql://postgres@127.0.0.1/test]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable, Optional

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "eval" / "corpus" / "reuters21578.jsonl"


def read_corpus(path: Path) -> list[dict[str, Any]]:
    """Reuters records as ingestable records: id, text, published, title, source."""
    records = []
    with open(path, encoding="utf-8") as stream:
        for line in stream:
            raw = json.loads(line)
            if raw.get("text", "").strip():
                records.append({"id": f"reuters-{raw['newid']}", "text": raw["text"], "published": raw.get("date"),
                                "title": raw.get("title"), "source": "Reuters"})
    return records


def analyses_of(records: list[dict[str, Any]], cache: Path, processes: int) -> list[dict[str, Any]]:
    """Analyses of ``records`` by the real pipeline, kept in ``cache`` between runs."""
    if cache.exists():
        cached = [json.loads(line) for line in cache.read_text("utf-8").splitlines()]
        if [a.get("article", {}).get("id") for a in cached] == [r["id"] for r in records]:
            return cached
    from newsgraph.pipeline import analyze_dicts

    started = time.perf_counter()
    results = list(analyze_dicts(records, processes=processes))
    print(f"analysed {len(records)} articles in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    cache.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in results), "utf-8")
    return results


def replica(analysis: dict[str, Any], record: dict[str, Any], number: int) -> dict[str, Any]:
    """The analysis again as article ``number``: same facts and offsets, its own id, date and text hash."""
    copy = json.loads(json.dumps(analysis))
    article = copy["article"]
    article["text"] = article["text"] + f"\n(bench replica {number})"
    article.update(id=f"bench-{number}", published=record["published"], url=None)
    return copy


def fill(store: Any, records: list[dict[str, Any]], analyses: list[dict[str, Any]]) -> float:
    """Store one analysis per record; returns the seconds it took."""
    good = [a for a in analyses if "article" in a]
    started = time.perf_counter()
    for number, record in enumerate(records):
        base = good[number % len(good)]
        store.add_analysis(base if number < len(good) else replica(base, record, number))
        if number % 2000 == 0:
            print(f"  stored {number}/{len(records)}", file=sys.stderr)
    return time.perf_counter() - started


def timed(function: Callable[[], Any], repeat: int) -> tuple[float, float, Any]:
    """(median ms, max ms, last result) of ``repeat`` warm runs after one warm-up run."""
    result = function()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), max(times), result


def query_plan(store: Any) -> list[tuple[str, Callable[[], Any], list[str]]]:
    """The commands to time: (command line, library call, CLI arguments)."""
    from newsgraph import query

    person = query.top_entities(store, type="PERSON", top=1)[0]["name"]
    place = query.top_entities(store, type="GPE", top=1)[0]["name"]
    speaker = next((q["speaker"] for q in query.find_quotes(store, limit=200) if q["speaker"]), person)
    month = ("1987-03-01", "1987-03-31")
    return [
        ("entities --top 20", lambda: query.top_entities(store, top=20), ["entities", "--top", "20"]),
        ("entities --type PERSON --country USA", lambda: query.top_entities(store, type="PERSON", country="USA"),
         ["entities", "--type", "PERSON", "--country", "USA"]),
        (f"entity '{person}' (top person)", lambda: query.entity_profile(store, person), ["entity", person]),
        (f"entity '{place}' (top place)", lambda: query.entity_profile(store, place), ["entity", place]),
        (f"quotes --speaker '{speaker}'", lambda: query.find_quotes(store, speaker=speaker), ["quotes", "--speaker", speaker]),
        ("quotes --search 'interest rates'", lambda: query.find_quotes(store, q="interest rates"),
         ["quotes", "--search", "interest rates"]),
        ("quotes --since 1987-03-01 --until 1987-03-31", lambda: query.find_quotes(store, since=month[0], until=month[1]),
         ["quotes", "--since", month[0], "--until", month[1]]),
        ("events --actor USA", lambda: query.find_events(store, actor="USA"), ["events", "--actor", "USA"]),
        ("events --code 04 --since 1987-03-01 --until 1987-03-31",
         lambda: query.find_events(store, code="04", since=month[0], until=month[1]),
         ["events", "--code", "04", "--since", month[0], "--until", month[1]]),
        (f"events --actor '{person}'", lambda: query.find_events(store, actor=person), ["events", "--actor", person]),
        ("search 'oil prices'", lambda: query.search(store, "oil prices"), ["search", "oil prices"]),
        ("show bench-12345", lambda: query.article(store, "bench-12345"), ["show", "bench-12345"]),
    ]


def cli_ms(url: str, args: list[str]) -> float:
    """One run of the ``newsgraph`` program, start-up included."""
    env = dict(os.environ, NEWSGRAPH_DB=url)
    started = time.perf_counter()
    program = Path(sys.executable).with_name("newsgraph")
    subprocess.run([str(program), *args], env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return (time.perf_counter() - started) * 1000


def bench_store(label: str, store: Any, url: Optional[str], repeat: int) -> list[str]:
    from newsgraph.identity import builder as identity

    lines = []
    started = time.perf_counter()
    with store.engine.begin() as conn:
        groups = identity.build(conn)
    lines.append(f"| {label} | identity build ({groups:,} corpus entities) | {(time.perf_counter() - started) * 1000:,.0f} | | | |")
    for command, call, args in query_plan(store):
        median, slowest, result = timed(call, repeat)
        rows = len(result) if isinstance(result, list) else 1
        cli = f"{cli_ms(url, args):,.0f}" if url else "n/a"
        lines.append(f"| {label} | `{command}` | {median:,.1f} | {slowest:,.1f} | {rows} | {cli} |")
        print(lines[-1], file=sys.stderr)
    return lines


def bench_exports(label: str, store: Any) -> list[str]:
    from newsgraph.export import export

    lines = []
    with tempfile.TemporaryDirectory() as directory:
        for fmt in ("jsonl", "parquet", "gkg", "events", "mentions"):
            for scope, filters in (("one month (1987-03)", {"since": "1987-03-01", "until": "1987-03-31"}), ("all", {})):
                started = time.perf_counter()
                counts = export(store, fmt, Path(directory) / f"{fmt}-{len(filters)}", **filters)
                seconds = time.perf_counter() - started
                written = counts.get("articles", next(iter(counts.values())))
                what = "articles" if fmt in ("jsonl", "parquet", "gkg") else f"{fmt} rows"
                lines.append(f"| {label} | `export {fmt}` | {scope} | {written:,} {what} | {seconds:,.1f} |")
                print(lines[-1], file=sys.stderr)
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--articles", type=int, default=19_043, help="Articles in the store.")
    parser.add_argument("--analyse", type=int, default=400, help="Stories analysed by the real pipeline.")
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "newsgraph-bench-analyses.jsonl")
    parser.add_argument("--sqlite", help="SQLite file for the bench store (built when empty).")
    parser.add_argument("--postgres", help="PostgreSQL URL of a database for the bench store (built when empty).")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-exports", action="store_true")
    parser.add_argument("--no-queries", action="store_true")
    args = parser.parse_args()
    if not args.corpus.exists():
        sys.exit(f"{args.corpus} is absent: this benchmark needs the Reuters-21578 corpus")
    from newsgraph.store import open_store

    records = read_corpus(args.corpus)[: args.articles]
    analyses = analyses_of(records[: args.analyse], args.cache, args.processes)
    query_lines, export_lines = [], []
    for label, url, schema in (("SQLite", args.sqlite, None), ("PostgreSQL", args.postgres, None)):
        if not url:
            continue
        store = open_store(url, schema=schema)
        if store.counts()["articles"] == 0:
            seconds = fill(store, records, analyses)
            print(f"{label}: stored {len(records)} articles in {seconds:.0f} s", file=sys.stderr)
        counts = store.counts()
        print(f"{label}: {json.dumps(counts)}", file=sys.stderr)
        if not args.no_queries:
            query_lines += bench_store(f"{label} ({counts['articles']:,} articles)", store, url, args.repeat)
        if not args.no_exports:
            export_lines += bench_exports(label, store)
        store.close()
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end of the run")
    print("| store | command | median ms | slowest ms | rows | CLI ms |\n|---|---|---|---|---|---|")
    print("\n".join(query_lines))
    if export_lines:
        print("\n| store | export | articles chosen | written | seconds |\n|---|---|---|---|---|")
        print("\n".join(export_lines))


if __name__ == "__main__":
    main()
