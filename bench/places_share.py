"""The places component's share of analysis time, and what loading the gazetteer adds to start-up.

Run: python bench/places_share.py [--articles 50]
Over long Reuters stories (../shared/eval/corpus/reuters21578_sample200_long.jsonl) it measures the
CPU time (not wall time, so that other jobs on a shared machine do not count) of the bare spaCy
pipeline's ``nlp.pipe`` and of the places component alone over the same documents, already
through the model and newsgraph_entities; best of three runs each.
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


def _best_cpu(work, runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.process_time()
        work()
        best = min(best, time.process_time() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=50)
    args = parser.parse_args()

    from newsgraph.extract.places.component import find_places
    from newsgraph.extract.places.gazetteer import gazetteer
    from newsgraph.pipeline import load_pipeline

    start = time.process_time()
    gazetteer()
    load_seconds = time.process_time() - start

    texts = _texts(args.articles)
    bare = load_pipeline(components=())
    with_entities = load_pipeline(components=("newsgraph_entities",))
    docs = list(with_entities.pipe(texts, batch_size=16))
    spacy_seconds = _best_cpu(lambda: list(bare.pipe(texts, batch_size=16)))
    places_seconds = _best_cpu(lambda: [find_places(doc) for doc in docs])
    found = sum(len(find_places(doc)) for doc in docs)
    print(f"gazetteer load (CPU): {load_seconds:.2f} s")
    print(f"{args.articles} articles, {sum(map(len, texts)):,} characters, {found} places")
    print(f"  bare spaCy nlp.pipe (CPU): {spacy_seconds:6.2f} s")
    print(f"  newsgraph_places    (CPU): {places_seconds:6.2f} s")
    print(f"places: {100 * places_seconds / spacy_seconds:.1f}% of the bare spaCy time")


if __name__ == "__main__":
    main()
