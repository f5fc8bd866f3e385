"""Stories benchmark: near-duplicate precision on Reuters, stories against articles, incremental cost.

    python bench/stories.py --corpus ../shared/eval/corpus/reuters21578.jsonl --db reuters.db --add 1000

1. Near-duplicates: every Reuters text goes through ingest's own MinHash check in corpus order (a
   text is a copy when it matches an earlier original at estimated Jaccard >= 0.8). A seeded sample
   of 200 found pairs is checked by a second, independent measure: the word-level similarity of the
   two normalized texts (difflib's SequenceMatcher ratio over the word sequences); a pair passes
   when that ratio is at least 0.8, i.e. the two texts are at least 80% the same words in the same
   order. Precision is the share of sampled pairs that pass.
2. Stories: on a store with analysed articles (``--db``, made by ``newsgraph ingest``), stories are
   built in a scratch copy (or, ``--in-place``, in the store itself) for all but the last ``--add``
   articles, then the last ones are added and timed: articles per second, stories touched, stories
   against articles. The store is read in columns (ids, leads, entity sets), never whole articles,
   so a 19,000-article store fits in little memory:

    python bench/stories.py --db reuters19k.db --add 1000
"""

from __future__ import annotations

import argparse
import difflib
import json
import random
import sqlite3
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator, Optional

from sqlalchemy import select

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newsgraph.identity import builder as identity  # noqa: E402
from newsgraph.ingest.dedupe import NearDuplicates, signature  # noqa: E402
from newsgraph.store import open_store  # noqa: E402
from newsgraph.store.rows import normalize_text  # noqa: E402
from newsgraph.store.schema import articles, corpus_members  # noqa: E402
from newsgraph.stories import builder  # noqa: E402


def _records(corpus: Path) -> Iterator[tuple[str, str]]:
    with open(corpus, encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            yield str(record.get("newid") or record.get("id")), record.get("text") or ""


def near_duplicate_pairs(corpus: Path) -> tuple[list[tuple[str, str, float]], int]:
    """(copy, original, estimated Jaccard) for every copy, in corpus order, and the count of texts.
    Only the MinHash signatures are kept, never the texts."""
    index = NearDuplicates()
    pairs, total = [], 0
    for article_id, text in _records(corpus):
        total += 1
        data = signature(text)
        if data is None:
            continue
        found = index.find(data)
        if found:
            pairs.append((article_id, found[0], found[1]))
        else:
            index.add(article_id, data)
    return pairs, total


def word_similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, normalize_text(a).split(), normalize_text(b).split(), autojunk=False).ratio()


def check_pairs(corpus: Path, sample: int, seed: int) -> dict:
    started = time.perf_counter()
    pairs, total = near_duplicate_pairs(corpus)
    chosen = random.Random(seed).sample(pairs, min(sample, len(pairs)))
    wanted = {article_id for a, b, _ in chosen for article_id in (a, b)}
    texts = {article_id: text for article_id, text in _records(corpus) if article_id in wanted}  # a second pass
    scores = [word_similarity(texts[a], texts[b]) for a, b, _ in chosen]
    passed = sum(score >= 0.8 for score in scores)
    return {"texts": total, "pairs_found": len(pairs), "sampled": len(chosen), "passed": passed,
            "precision": round(passed / len(chosen), 4) if chosen else None,
            "lowest_word_similarity": round(min(scores), 3) if scores else None,
            "seconds": round(time.perf_counter() - started, 1)}


def _sqlite_path(db: str) -> Optional[Path]:
    if db.startswith("postgresql"):
        return None
    return Path(db[len("sqlite:///"):] if db.startswith("sqlite:///") else db)


@contextmanager
def _working_store(db: str, in_place: bool) -> Iterator[Any]:
    """The store the run rebuilds stories in: a consistent copy of a SQLite store (SQLite's backup,
    which takes what the write-ahead log holds too), or, with ``in_place``, the store itself."""
    path = _sqlite_path(db)
    if in_place or path is None:
        if not in_place:
            raise SystemExit("a PostgreSQL store is not copied: pass --in-place to rebuild its stories where they are")
        with open_store(db) as store:
            yield store
        return
    with tempfile.TemporaryDirectory(dir=path.parent) as folder:
        scratch = Path(folder) / "stories.db"
        with sqlite3.connect(path) as source, sqlite3.connect(scratch) as target:
            source.backup(target)
        with open_store(str(scratch)) as store:
            yield store


def incremental(db: str, add: int, in_place: bool = False) -> dict:
    with _working_store(db, in_place) as store:
        with store.read() as conn:
            ids = list(conn.execute(select(articles.c.id).order_by(articles.c.num)).scalars())
            has_identity = conn.execute(select(corpus_members.c.article_id).limit(1)).first() is not None
        if not has_identity:  # a store written without the identity stage
            identity.rebuild(store)
        builder.build(store, rebuild=True, only=set(ids[:-add]))
        before = builder.counts(store)
        started = time.perf_counter()
        result = builder.build(store)
        seconds = time.perf_counter() - started
        after = builder.counts(store)
    return {"articles_in_store": len(ids), "articles_before": before["articles"], "stories_before": before["stories"],
            "added": result["articles_added"], "stories_touched": result["stories_touched"],
            "articles_after": after["articles"], "stories_after": after["stories"], "seconds": round(seconds, 2),
            "ms_per_added_article": round(1000 * seconds / max(1, result["articles_added"]), 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, help="The Reuters JSONL for the near-duplicate check (skipped without).")
    parser.add_argument("--db", help="A store of analysed articles (SQLite path or URL, or postgresql://...) for the "
                                     "story counts and the incremental run; a SQLite store is copied first.")
    parser.add_argument("--in-place", action="store_true",
                        help="Rebuild the stories in the store itself (users' merges and splits are replayed); "
                             "needed for PostgreSQL.")
    parser.add_argument("--add", type=int, default=1000)
    parser.add_argument("--sample", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    if args.corpus:
        print(json.dumps({"near_duplicates": check_pairs(args.corpus, args.sample, args.seed)}, indent=2))
    if args.db:
        print(json.dumps({"stories": incremental(args.db, args.add, args.in_place)}, indent=2))


if __name__ == "__main__":
    main()
