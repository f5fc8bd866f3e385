"""How the quotes finder's cost grows with sentence length: 1x and 8x inputs, timed in one run.

    python bench/quote_scaling.py [--copies 100] [--hostile-copies 5000]

Two inputs: one long sentence of reported speech with quotations, and one sentence of clauses that
each open a quotation that never closes. Only the finder is timed (CPU seconds, best of three), on
Docs parsed beforehand. A linear finder costs about 8 times as much on the 8x input.
"""

from __future__ import annotations

import argparse
import time

from newsgraph.extract.quotes.component import find_quotes
from newsgraph.pipeline import load_pipeline

CLAUSE = 'the minister said that the talks had failed, "and we will go," '
OPENINGS = ('He said "it is ', "she said “it is ", "he said ”it is ", "he said 'it is ")


def long_sentence(copies: int) -> str:
    return "Officials said " + CLAUSE * copies + "."


def hostile_marks(copies: int) -> str:
    return "".join(OPENINGS[i % len(OPENINGS)] for i in range(copies)) + "."


def finder_seconds(doc) -> float:
    best = float("inf")
    for _ in range(3):
        started = time.process_time()
        find_quotes(doc)
        best = min(best, time.process_time() - started)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=100)
    parser.add_argument("--hostile-copies", type=int, default=5000, help="size of the one large hostile text")
    args = parser.parse_args()
    nlp = load_pipeline(components=("newsgraph_entities",))
    for make in (long_sentence, hostile_marks):
        small, large = nlp(make(args.copies)), nlp(make(8 * args.copies))
        one, eight = finder_seconds(small), finder_seconds(large)
        print(f"{make.__name__}: {len(small)} tokens {one:.4f} s, {len(large)} tokens {eight:.4f} s, ratio {eight / one:.1f}")
    text = hostile_marks(args.hostile_copies)
    doc = nlp(text)
    started = time.process_time()
    find_quotes(doc)
    print(f"hostile text of {len(text)} characters ({len(doc)} tokens): {time.process_time() - started:.3f} s")


if __name__ == "__main__":
    main()
