"""Load on ``newsgraph serve``: concurrent clients against the API and pages over a Reuters-scale store.

What is measured (say so wherever a figure is quoted):

* The store is bench/queries.py's: one article per Reuters-21578 story (19,043), the first
  ``--analyse`` stories analysed by the real pipeline, the others replicas of those analyses
  dated like their own story; the identity is built once. It is built when the file is empty.
* ``newsgraph serve`` runs as its own process on 127.0.0.1 (``--workers`` processes). ``--clients``
  clients (asyncio + httpx, one process) each loop for ``--seconds``: pick an endpoint at random
  from the mix below with parameters drawn from the store (people, places, sources, words,
  article ids), send it, wait for the whole answer, then think for a random 0 to 2 x ``--think``
  seconds (``--think 0``: back to back). Latency is from sending to the last byte.
* An error is any answer other than 200, or a failed connection or timeout.
* ``--no-cache`` turns off the server's answer cache (newsgraph/api/cache.py), so every request
  reaches the database; with it, a URL asked again before the store changes is answered from memory.

* ``--single`` times single uncached calls of the query functions behind the endpoints instead.

Usage:
    nice python bench/serve.py --db /tmp/bench.db --clients 100 --seconds 30
    nice python bench/serve.py --db /tmp/bench.db --single
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import signal
import statistics
import subprocess
import sys
import time
import urllib.request
from collections import defaultdict
from pathlib import Path
from typing import Any, Callable
from urllib.parse import quote, urlencode

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))

import queries as store_bench  # noqa: E402  (bench/queries.py: the same Reuters-scale store)

LIST_ENDPOINTS = ("/api/articles", "/api/entities", "/api/quotes", "/api/events", "/api/places", "/api/timeline")


def build_store(db: str, corpus: Path, articles: int, analyse: int, processes: int, cache: Path) -> None:
    """Fill an empty store as bench/queries.py does, then build the identity."""
    from newsgraph.identity import builder
    from newsgraph.store import open_store

    with open_store(db) as store:
        if store.counts()["articles"]:
            if builder.is_stale(store):
                builder.rebuild(store)
            return
        records = store_bench.read_corpus(corpus)[:articles]
        analyses = store_bench.analyses_of(records[:analyse], cache, processes)
        seconds = store_bench.fill(store, records, analyses)
        print(f"stored {len(records)} articles in {seconds:.0f} s", file=sys.stderr)
        started = time.perf_counter()
        builder.rebuild(store)
        print(f"identity built in {time.perf_counter() - started:.0f} s", file=sys.stderr)


def request_mix(db: str, seed: int) -> list[tuple[str, Callable[[random.Random], str]]]:
    """(endpoint label, a function drawing one URL of it) from the store's own names, words and ids."""
    from newsgraph import query
    from newsgraph.query import browse
    from newsgraph.store import open_store

    with open_store(db) as store:
        people = [row["id"] for row in query.top_entities(store, type="PERSON", top=30)]
        places = [row["geonameid"] for row in browse.place_points(store, limit=50) if row["geonameid"]]
        speakers = [row["speaker"] for row in browse.top_speakers(store, limit=30)]
        article_ids = store.article_ids(include_duplicates=False)
    words = ["oil", "prices", "bank", "trade", "dollar", "wheat", "coffee", "tax", "strike", "merger", "\"interest rates\""]
    sources = ["Reuters"]

    def pick(values: list[Any]) -> Callable[[random.Random], Any]:
        return lambda rng: rng.choice(values)

    word, person, place, speaker = pick(words), pick(people), pick(places), pick(speakers)

    def url(path: str, **params: Any) -> str:
        return path + ("?" + urlencode(params) if params else "")

    def articles(rng: random.Random) -> str:
        choice = rng.randrange(5)
        if choice == 0:
            return url("/api/articles")
        if choice == 1:
            return url("/api/articles", q=word(rng))
        if choice == 2:
            return url("/api/articles", entity=person(rng), limit=20)
        if choice == 3:
            return url("/api/articles", place=place(rng), limit=20)
        return url("/api/articles", source=rng.choice(sources), **{"from": "1987-03-01", "to": "1987-03-31"})

    return [
        ("/api/articles", articles),
        ("/api/entities", lambda rng: url("/api/entities", type=rng.choice(["PERSON", "ORG", "GPE"]))
         if rng.random() < 0.5 else url("/api/entities", q=rng.choice(["bank", "oil", "trade", "min"]))),
        ("/api/quotes", lambda rng: url("/api/quotes", speaker=speaker(rng)) if rng.random() < 0.5
         else url("/api/quotes", q=word(rng))),
        ("/api/events", lambda rng: url("/api/events", source=rng.choice(["USA", "JPN", "GBR", "FRA"]))
         if rng.random() < 0.5 else url("/api/events", code=rng.choice(["04", "05", "19", "1"]))),
        ("/api/places", lambda rng: url("/api/places", limit=1000)),
        ("/api/timeline", lambda rng: url("/api/timeline", entity=person(rng), interval="week")
         if rng.random() < 0.5 else url("/api/timeline", q=word(rng), interval="day")),
        ("/api/facets", lambda rng: url("/api/facets", q=word(rng))),
        ("/api/articles/{id}", lambda rng: "/api/articles/" + quote(rng.choice(article_ids))),
        ("/api/entities/{id}", lambda rng: "/api/entities/" + quote(person(rng))),
        ("/ (search page)", lambda rng: url("/", q=word(rng))),
        ("/articles/{id} (page)", lambda rng: "/articles/" + quote(rng.choice(article_ids))),
    ]


async def client(number: int, base: str, mix: list, deadline: float, think: float, seed: int,
                 timings: dict[str, list[float]], errors: dict[str, list[str]], counted_from: float,
                 asked: set[str]) -> None:
    import httpx

    rng = random.Random(seed * 1000 + number)
    async with httpx.AsyncClient(base_url=base, timeout=60.0) as http:
        await asyncio.sleep(rng.random() * max(think, 0.05))  # clients start spread out, as users do
        while time.monotonic() < deadline:
            label, draw = rng.choice(mix)
            path = draw(rng)
            started = time.perf_counter()
            counted = time.monotonic() >= counted_from  # requests of the warm-up are sent, not counted
            try:
                response = await http.get(path)
                await response.aread()
                elapsed = time.perf_counter() - started
                if response.status_code != 200:
                    errors[label].append(f"{response.status_code} {path}")
                elif counted:
                    timings[label].append(elapsed * 1000)
                    asked.add(path)
            except httpx.HTTPError as error:
                errors[label].append(f"{type(error).__name__} {path}")
            if think:
                await asyncio.sleep(rng.uniform(0, 2 * think))


def single_requests(db: str, repeat: int = 3) -> None:
    """Median ms of single uncached calls of the query functions behind the endpoints (no server)."""
    from newsgraph.query import browse, find_events
    from newsgraph.store import open_store

    with open_store(db) as store:
        person = browse.list_entities(store, type="PERSON", limit=1)[0]["id"]
        place = next(p["geonameid"] for p in browse.place_points(store, limit=10) if p["geonameid"])
        calls = [
            ("newest 50 articles", lambda: browse.find_articles(store)),
            ("articles matching 'oil'", lambda: browse.find_articles(store, q="oil")),
            ("articles naming the top place", lambda: browse.find_articles(store, place=str(place), limit=20)),
            ("articles naming the top person", lambda: browse.find_articles(store, entity=person, limit=20)),
            ("events by source JPN", lambda: find_events(store, source="JPN")),
            ("events under code 04", lambda: find_events(store, code="04")),
            ("the map's 1,000 points", lambda: browse.place_points(store)),
            ("facets of 'coffee'", lambda: browse.article_facets(store, q="coffee")),
            ("facets of the whole store", lambda: browse.article_facets(store)),
            ("weekly timeline of the top person", lambda: browse.timeline(store, entity=person, interval="week")),
            ("daily timeline of 'oil'", lambda: browse.timeline(store, q="oil")),
        ]
        print("| call | median ms |")
        print("|---|---|")
        for name, call in calls:
            times = []
            for _ in range(repeat):
                started = time.perf_counter()
                call()
                times.append((time.perf_counter() - started) * 1000)
            print(f"| {name} | {statistics.median(times):.1f} |")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def wait_until_up(base: str, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(base + "/api/articles?limit=1", timeout=5):
                return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError("the server did not come up")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True, help="SQLite file (built when empty) or PostgreSQL URL of the store.")
    parser.add_argument("--corpus", type=Path, default=store_bench.CORPUS)
    parser.add_argument("--articles", type=int, default=19_043)
    parser.add_argument("--analyse", type=int, default=400)
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--analyses-cache", dest="analyses_cache", type=Path,
                        default=Path("/tmp/newsgraph-bench-analyses.jsonl"), help="bench/queries.py's analyses, kept")
    parser.add_argument("--clients", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--think", type=float, default=1.0, help="Mean seconds a client waits between requests.")
    parser.add_argument("--workers", type=int, default=1, help="newsgraph serve --workers")
    parser.add_argument("--warmup", type=float, default=0.0,
                        help="Seconds of load before the measured ones (sent, not counted; errors are counted).")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--cache", action=argparse.BooleanOptionalAction, default=True,
                        help="newsgraph serve --cache/--no-cache (answers kept until the store changes)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--single", action="store_true", help="Only time single uncached query calls, no server.")
    args = parser.parse_args()
    if "://" not in args.db and not args.corpus.exists():
        sys.exit(f"{args.corpus} is absent: this benchmark needs the Reuters-21578 corpus")
    build_store(args.db, args.corpus, args.articles, args.analyse, args.processes, args.analyses_cache)
    if args.single:
        single_requests(args.db)
        return
    mix = request_mix(args.db, args.seed)
    base = f"http://127.0.0.1:{args.port}"
    program = [sys.executable, "-c", "from newsgraph.cli import main; main()", "serve", "--db", args.db,
               "--port", str(args.port), "--workers", str(args.workers), "--cache" if args.cache else "--no-cache"]
    env = dict(os.environ, PYTHONPATH=str(REPO))
    env.pop("NEWSGRAPH_TOKEN", None)
    server = subprocess.Popen(program, env=env, start_new_session=True)
    try:
        wait_until_up(base)
        timings: dict[str, list[float]] = defaultdict(list)
        errors: dict[str, list[str]] = defaultdict(list)
        asked: set[str] = set()

        async def run() -> float:
            counted_from = time.monotonic() + args.warmup
            deadline = counted_from + args.seconds
            await asyncio.gather(*(client(n, base, mix, deadline, args.think, args.seed, timings, errors, counted_from, asked)
                                   for n in range(args.clients)))
            return time.monotonic() - counted_from

        wall = asyncio.run(run())
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    total = sum(len(v) for v in timings.values())  # measured requests (errors: of the whole run)
    failed = sum(len(v) for v in errors.values())
    print(f"{args.clients} clients, {args.seconds:.0f} s after {args.warmup:.0f} s of warm-up, think {args.think} s, "
          f"{args.workers} worker(s), cache {'on' if args.cache else 'off'}: "
          f"{total + failed:,} requests in {wall:.1f} s ({(total + failed) / wall:.0f}/s), {failed} errors, "
          f"{len(asked):,} distinct URLs; load average {os.getloadavg()[0]:.1f}")
    print("| endpoint | requests | errors | p50 ms | p95 ms | max ms |")
    print("|---|---|---|---|---|---|")
    for label, _ in mix:
        values = timings.get(label, [])
        if not values:
            print(f"| `{label}` | 0 | {len(errors.get(label, []))} | | | |")
            continue
        print(f"| `{label}` | {len(values):,} | {len(errors.get(label, []))} | {statistics.median(values):.0f} | "
              f"{percentile(values, 0.95):.0f} | {max(values):.0f} |")
    lists = [v for label in LIST_ENDPOINTS for v in timings.get(label, [])]
    if lists:
        print(f"list endpoints together: p50 {statistics.median(lists):.0f} ms, p95 {percentile(lists, 0.95):.0f} ms")
    for label, found in errors.items():
        for line in found[:5]:
            print(f"error: {label}: {line}", file=sys.stderr)


if __name__ == "__main__":
    main()
