"""Time of the full analysis against sentence length: 1x to 64x, and the log-log slope.

    nice python bench/scaling.py

An article of five sentences, each made of clauses with reporting verbs, names and quotation
marks (what the quote finder and the event coder read); the sentence is made 1, 2, 4, ... 64 times
longer by joining more clauses with commas, with no full stop between them. Each size is analysed
three times by ``newsgraph.analyze``; the best CPU time counts. The slope of log(time) against
log(length), fitted over all sizes, is 1 for time in proportion to the length, 2 for time that
grows with its square. The same is measured without the sentence cap (a separate pipeline, the
default one untouched) to show what the cap bounds.
"""

from __future__ import annotations

import argparse
import math
import time

import spacy

from newsgraph.extract import register_factories
from newsgraph.pipeline import COMPONENTS, DEFAULT_MODEL, analyze, load_pipeline

CLAUSES = [
    '"the talks in Oslo will resume soon" Anna Berg told reporters',
    "the ministry said that police had arrested 12 protesters near parliament",
    "officials from Kenya criticised the plan on Tuesday",
    "'we will not sign it' the union leader said",
]


def article(scale: int, sentences: int = 5) -> str:
    """``sentences`` sentences, each of ``scale`` times four clauses."""
    body = ", ".join(CLAUSES[n % len(CLAUSES)] for n in range(4 * scale))
    return " ".join(body[0].upper() + body[1:] + "." for _ in range(sentences))


def uncapped_pipeline() -> spacy.language.Language:
    register_factories()
    nlp = spacy.load(DEFAULT_MODEL)
    for name in COMPONENTS:
        nlp.add_pipe(name)
    return nlp


def best_cpu_seconds(nlp, text: str, rounds: int) -> float:  # type: ignore[no-untyped-def]
    best = math.inf
    for _ in range(rounds):
        started = time.process_time()
        analyze(text, published="2024-03-12", nlp=nlp)
        best = min(best, time.process_time() - started)
    return best


def slope(points: list[tuple[float, float]]) -> float:
    xs, ys = [math.log(x) for x, _ in points], [math.log(y) for _, y in points]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys)) / sum((x - mean_x) ** 2 for x in xs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--max-scale", type=int, default=64)
    parser.add_argument("--no-uncapped", action="store_true", help="skip the pipeline without the sentence cap")
    args = parser.parse_args()
    pipelines = {"full pipeline": load_pipeline()}
    if not args.no_uncapped:
        pipelines["without the sentence cap"] = uncapped_pipeline()
    scales = [2**n for n in range(int(math.log2(args.max_scale)) + 1)]
    for nlp in pipelines.values():
        analyze(article(1), nlp=nlp)  # warm up: what components load on first use
    rows = {name: [] for name in pipelines}
    print("| pipeline | " + " | ".join(f"{scale}x" for scale in scales) + " | log-log slope |")
    print("|---|" + "---|" * (len(scales) + 1))
    for name, nlp in pipelines.items():
        for scale in scales:
            text = article(scale)
            rows[name].append((len(text), best_cpu_seconds(nlp, text, args.rounds)))
        cells = " | ".join(f"{seconds:.3f} s" for _, seconds in rows[name])
        print(f"| {name} | {cells} | **{slope(rows[name]):.2f}** |", flush=True)
    lengths = ", ".join(f"{length:,}" for length, _ in rows["full pipeline"])
    print(f"\nArticle lengths (characters): {lengths}; words per sentence: "
          + ", ".join(str(len(article(scale, 1).split())) for scale in scales))


if __name__ == "__main__":
    main()
