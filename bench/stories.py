"""Stories benchmark: near-duplicate precision on Reuters, stories against articles, incremental cost.

    python bench/stories.py --corpus ../shared/eval/corpus/reuters21578.jsonl --db reuters.db --add 1000

1. Near-duplicates: every Reuters text goes through ingest's own MinHash check in corpus order (a
   text is a copy when it matches an earlier original at estimated Jaccard >= 0.8). A seeded sample
   of 200 found pairs is checked by a second, independent measure: the word-level similarity of the
   two normalized texts (difflib's SequenceMatcher ratio over the word sequences); a pair passes
   when that ratio is at least 0.8, i.e. the two texts are at least 80% the same words in the same
   order. Precision is the share of sampled pairs that pass.
2. Stories: on a store with analysed articles (``--db``, made by ``newsgraph ingest``), stories are
   built in a scratch copy for all but the last ``--add`` articles, then the last ones are added
   and timed: articles per second, stories touched, stories against articles.
"""

from __future__ import annotations

import argparse
import difflib
import json
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newsgraph.identity import builder as identity  # noqa: E402
from newsgraph.ingest.dedupe import NearDuplicates, signature  # noqa: E402
from newsgraph.store import open_store  # noqa: E402
from newsgraph.store.rows import normalize_text  # noqa: E402
from newsgraph.store.schema import articles  # noqa: E402
from newsgraph.stories import builder  # noqa: E402


def near_duplicate_pairs(corpus: Path) -> tuple[list[tuple[str, str, float]], dict[str, str], int]:
    index = NearDuplicates()
    texts, pairs, total = {}, [], 0
    with open(corpus, encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            text = record.get("text") or ""
            article_id = str(record.get("newid") or record.get("id"))
            total += 1
            data = signature(text)
            if data is None:
                continue
            texts[article_id] = text
            found = index.find(data)
            if found:
                pairs.append((article_id, found[0], found[1]))
            else:
                index.add(article_id, data)
    return pairs, texts, total


def word_similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, normalize_text(a).split(), normalize_text(b).split(), autojunk=False).ratio()


def check_pairs(corpus: Path, sample: int, seed: int) -> dict:
    started = time.perf_counter()
    pairs, texts, total = near_duplicate_pairs(corpus)
    chosen = random.Random(seed).sample(pairs, min(sample, len(pairs)))
    scores = [word_similarity(texts[a], texts[b]) for a, b, _ in chosen]
    passed = sum(score >= 0.8 for score in scores)
    return {"texts": total, "pairs_found": len(pairs), "sampled": len(chosen), "passed": passed,
            "precision": round(passed / len(chosen), 4) if chosen else None,
            "lowest_word_similarity": round(min(scores), 3) if scores else None,
            "seconds": round(time.perf_counter() - started, 1)}


def incremental(db: str, add: int) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        scratch = str(Path(folder) / "stories.db")
        shutil.copy(db, scratch)
        with open_store(scratch) as store:
            identity.rebuild(store)
            with store.read() as conn:
                ids = [row.id for row in conn.execute(articles.select().order_by(articles.c.num))]
            builder.build(store, rebuild=True, only=set(ids[:-add]))
            before = builder.counts(store)
            started = time.perf_counter()
            result = builder.build(store)
            seconds = time.perf_counter() - started
            after = builder.counts(store)
    return {"articles_before": before["articles"], "stories_before": before["stories"], "added": result["articles_added"],
            "stories_touched": result["stories_touched"], "articles_after": after["articles"],
            "stories_after": after["stories"], "seconds": round(seconds, 2),
            "ms_per_added_article": round(1000 * seconds / max(1, result["articles_added"]), 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--db", help="A store of analysed articles for the story counts and the incremental run.")
    parser.add_argument("--add", type=int, default=1000)
    parser.add_argument("--sample", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    print(json.dumps({"near_duplicates": check_pairs(args.corpus, args.sample, args.seed)}, indent=2))
    if args.db:
        print(json.dumps({"stories": incremental(args.db, args.add)}, indent=2))


if __name__ == "__main__":
    main()
