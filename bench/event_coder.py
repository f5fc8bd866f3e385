"""CPU time of the event coder alone (``find_events``) over parsed news articles.

    python bench/event_coder.py [--input FILE.jsonl] [--limit 50] [--rounds 3]

The articles are parsed once with the full pipeline; then every article's events are coded
``--rounds`` times with the default setup and the best round's CPU time (time.process_time) is
reported, with the number of words and of events. To compare two versions, run it on each.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_INPUT = REPO.parent / "shared" / "eval" / "corpus" / "reuters21578_sample200_long.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", type=Path, default=DEFAULT_INPUT)
    parser.add_argument("--limit", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    from newsgraph.extract.events.builtin import coding_setup
    from newsgraph.extract.events.component import find_events
    from newsgraph.pipeline import load_pipeline, make_article, parse_articles

    lines = [line for line in args.input.read_text("utf-8").splitlines() if line.strip()][: args.limit]
    records = [json.loads(line) for line in lines]
    articles = [make_article(r["text"], id=str(i), published=r.get("date")) for i, r in enumerate(records)]
    docs = list(parse_articles(load_pipeline(), articles))
    setup = coding_setup(None)
    find_events(docs[0], setup=setup)  # the dictionaries are read once, outside the timing
    best, count = float("inf"), 0
    for _ in range(args.rounds):
        start = time.process_time()
        count = sum(len(find_events(doc, setup=setup)) for doc in docs)
        best = min(best, time.process_time() - start)
    words = sum(len(doc) for doc in docs)
    print(f"{len(docs)} articles, {words} words, {count} events: find_events {best:.3f} s of CPU (best of {args.rounds})")


if __name__ == "__main__":
    main()
