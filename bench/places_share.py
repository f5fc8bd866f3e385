"""The places component's share of analysis time, and what loading the gazetteer adds to start-up.

Run: python bench/places_share.py [--articles 50]
Times ``nlp.pipe`` over long Reuters stories (../shared/eval/corpus/reuters21578_sample200_long.jsonl)
with the model and newsgraph_entities, with and without newsgraph_places, best of three runs.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "corpus" / "reuters21578_sample200_long.jsonl"


def _texts(count: int) -> list[str]:
    if not CORPUS.exists():
        raise SystemExit(f"{CORPUS} is absent: this benchmark needs the shared corpus beside the repository")
    with CORPUS.open(encoding="utf-8") as handle:
        return [json.loads(line)["text"] for _, line in zip(range(count), handle)]


def _best_time(nlp, texts: list[str], runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        for _doc in nlp.pipe(texts, batch_size=16):
            pass
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=50)
    args = parser.parse_args()

    from newsgraph.geo.gazetteer import gazetteer
    from newsgraph.pipeline import load_pipeline

    start = time.process_time()
    gazetteer()
    load_seconds = time.process_time() - start

    texts = _texts(args.articles)
    bare = load_pipeline(components=())
    without = load_pipeline(components=("newsgraph_entities",))
    with_places = load_pipeline(components=("newsgraph_entities", "newsgraph_places"))
    with_places(texts[0])  # warm up
    times = {name: _best_time(nlp, texts) for name, nlp in
             (("spacy", bare), ("entities", without), ("entities+places", with_places))}
    places = times["entities+places"] - times["entities"]
    print(f"gazetteer load (CPU): {load_seconds:.2f} s")
    print(f"{args.articles} articles, {sum(map(len, texts)):,} characters")
    for name, seconds in times.items():
        print(f"  {name:<16} {seconds:6.2f} s")
    print(f"places: {places:.2f} s = {100 * places / times['spacy']:.1f}% of the bare spaCy time")


if __name__ == "__main__":
    main()
