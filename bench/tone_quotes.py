"""Tone of quotes against the articles they appear in, and example summaries, on Reuters stories.

    python bench/tone_quotes.py [--input FILE.jsonl] [--limit N] [--summaries 3]

Input defaults to ../shared/eval/corpus/reuters21578_sample200_long.jsonl. For every article with
at least one direct quote: the article's tone, the mean tone of its direct quotes, and the tone of
its words outside quotes (the article's counts less the quotes' counts). Then the summaries of the
first ``--summaries`` articles with a quote, sentence by sentence.
"""

from __future__ import annotations

import argparse
import json
import statistics
from pathlib import Path

from newsgraph.extract.tone import ToneCounts, count_words, tone_from_counts
from newsgraph.extract.tone.scores import words_of
from newsgraph.pipeline import analyze_many

REPO = Path(__file__).resolve().parent.parent
DEFAULT_INPUT = REPO.parent / "shared" / "eval" / "corpus" / "reuters21578_sample200_long.jsonl"


def _counts(text: str) -> ToneCounts:
    return count_words(words_of(text))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--input", type=Path, default=DEFAULT_INPUT)
    parser.add_argument("--limit", type=int, default=200)
    parser.add_argument("--summaries", type=int, default=3)
    args = parser.parse_args()
    lines = [json.loads(line) for line in args.input.read_text("utf-8").splitlines() if line.strip()][: args.limit]
    records = [{"id": f"reuters-{r['newid']}", "text": r["text"], "published": r["date"], "title": r.get("title")}
               for r in lines]
    rows, examples = [], []
    analyses = [a for a in analyze_many(records) if hasattr(a, "article")]
    for analysis in analyses:
        quotes = [quote for quote in analysis.quotes if quote.direct]
        if not quotes:
            continue
        quoted = sum((_counts(quote.text) for quote in quotes), ToneCounts())
        whole = _counts(analysis.article.text)
        outside = ToneCounts(whole.words - quoted.words, whole.positive - quoted.positive,
                             whole.negative - quoted.negative)
        rows.append((analysis.tone.tone, statistics.mean(q.tone.tone for q in quotes), tone_from_counts(outside).tone,
                     statistics.mean(q.tone.polarity for q in quotes), analysis.tone.polarity))
        if len(examples) < args.summaries:
            examples.append(analysis)
    print(f"{len(analyses)} articles analysed, {len(rows)} with direct quotes "
          f"({sum(len([q for q in a.quotes if q.direct]) for a in analyses)} direct quotes)")
    names = ("article tone", "mean direct-quote tone", "tone outside quotes", "mean quote polarity", "article polarity")
    for index, name in enumerate(names):
        values = [row[index] for row in rows]
        print(f"  {name:<24} mean {statistics.mean(values):7.3f}  median {statistics.median(values):7.3f}")
    more_negative = sum(1 for row in rows if row[1] < row[2])
    print(f"  quotes darker than the rest of their article in {more_negative} of {len(rows)} articles")
    for analysis in examples:
        print(f"\n{analysis.article.id}: {analysis.article.title} ({len(analysis.article.sentences)} sentences, "
              f"summary {analysis.summary}, tone {analysis.tone.tone}, themes "
              f"{', '.join(theme.theme for theme in analysis.themes[:4])})")
        for index in analysis.summary:
            start, end = analysis.article.sentences[index]
            print(f"  [{index}] {' '.join(analysis.article.text[start:end].split())}")


if __name__ == "__main__":
    main()
