"""Throughput of the full analysis against the bare spaCy pipeline, on the same articles, in one run.

    python bench/throughput.py [--input FILE.jsonl] [--limit N] [--rounds 2] [--json]

Input defaults to ../shared/eval/corpus/reuters21578_sample200_long.jsonl, or the bundled
examples where that is absent. Times are CPU seconds of this process (time.process_time), which
other work on a shared machine disturbs far less than wall time; wall time is reported too. The
two pipelines alternate for ``--rounds`` rounds and each keeps its best round. Per-component
shares come from timing each pipeline component's calls during the full runs.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_INPUT = REPO.parent / "shared" / "eval" / "corpus" / "reuters21578_sample200_long.jsonl"


def load_records(path: Path, limit: int) -> list[dict]:
    if path.suffix == ".jsonl":
        lines = path.read_text("utf-8").splitlines()
        return [json.loads(line) for line in lines if line.strip()][:limit]
    from newsgraph.ingest import read_path  # the bundled examples, through the readers

    return [article for article in read_path(path)][:limit]


def timed(function) -> tuple[float, float]:
    cpu, wall = time.process_time(), time.perf_counter()
    function()
    return time.process_time() - cpu, time.perf_counter() - wall


class _Timed:
    """A component wrapper that adds the CPU time of each call (and batch) to ``totals``."""

    def __init__(self, component, name: str, totals: dict[str, float]):
        self.component, self.name, self.totals = component, name, totals

    def __call__(self, doc):
        start = time.process_time()
        result = self.component(doc)
        self.totals[self.name] += time.process_time() - start
        return result

    def pipe(self, docs, **kwargs):
        if not hasattr(self.component, "pipe"):
            yield from map(self, docs)
            return
        iterator = self.component.pipe(docs, **kwargs)
        while True:
            start = time.process_time()
            try:
                doc = next(iterator)
            except StopIteration:
                return
            finally:
                self.totals[self.name] += time.process_time() - start
            yield doc

    def __getattr__(self, attribute):
        return getattr(self.component, attribute)


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--input", type=Path, default=DEFAULT_INPUT if DEFAULT_INPUT.exists() else REPO / "examples")
    parser.add_argument("--limit", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    import spacy

    from newsgraph.pipeline import DEFAULT_MODEL, analyze_many, load_pipeline

    records = load_records(args.input, args.limit)
    texts = [record["text"] for record in records]
    words = sum(len(text.split()) for text in texts)
    bare = spacy.load(DEFAULT_MODEL)
    full = load_pipeline()
    totals: dict[str, float] = defaultdict(float)
    for index, (name, component) in enumerate(list(full._components)):
        full._components[index] = (name, _Timed(component, name, totals))
    list(bare.pipe(texts[:5]))
    list(analyze_many(records[:5]))
    totals.clear()
    best = {"bare": (float("inf"), 0.0), "full": (float("inf"), 0.0)}
    for _ in range(args.rounds):
        best["bare"] = min(best["bare"], timed(lambda: list(bare.pipe(texts))))
        best["full"] = min(best["full"], timed(lambda: list(analyze_many(records))))
    component_total = sum(totals.values()) or 1.0
    ours = sum(seconds for name, seconds in totals.items() if name.startswith("newsgraph_"))
    result = {
        "input": str(args.input),
        "articles": len(texts),
        "words": words,
        "bare": _rates(best["bare"], len(texts), words),
        "full": _rates(best["full"], len(texts), words),
        "ratio_full_to_bare": round(best["bare"][0] / best["full"][0], 3),
        "component_share": {name: round(seconds / component_total, 4) for name, seconds in totals.items()},
        # Robust to a busy machine: the share of the full pipeline's time spent in newsgraph's
        # own components (timed inside the same run) bounds what they cost against the model.
        "newsgraph_components_share": round(ours / component_total, 4),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        _print_table(result)
    return result


def _rates(times: tuple[float, float], articles: int, words: int) -> dict:
    cpu, wall = times
    return {
        "cpu_s": round(cpu, 2),
        "wall_s": round(wall, 2),
        "articles_per_s": round(articles / cpu, 2),
        "words_per_s": round(words / cpu),
    }


def _print_table(result: dict) -> None:
    print(f"{result['articles']} articles, {result['words']} words from {result['input']}")
    print(f"{'pipeline':<8}{'CPU s':>8}{'wall s':>8}{'art/s':>8}{'words/s':>10}")
    for name in ("bare", "full"):
        r = result[name]
        print(f"{name:<8}{r['cpu_s']:>8}{r['wall_s']:>8}{r['articles_per_s']:>8}{r['words_per_s']:>10}")
    print(f"full / bare throughput: {result['ratio_full_to_bare']}")
    print(f"newsgraph components' share of pipeline CPU time: {result['newsgraph_components_share']:.1%}")
    print(f"peak RSS: {result['peak_rss_mb']} MB")
    print("share of pipeline CPU time by component:")
    for name, share in sorted(result["component_share"].items(), key=lambda item: -item[1]):
        print(f"  {name:<24}{share:>7.1%}")


if __name__ == "__main__":
    main(sys.argv[1:])
