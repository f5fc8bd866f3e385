"""What ``newsgraph ingest`` prints when it is done: this run's numbers, then what the store holds."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from newsgraph.ingest.run import IngestStats
from newsgraph.query import top_entities
from newsgraph.store import Store
from newsgraph.store.schema import quotes

FACT_NAMES = ("entities", "mentions", "quotes", "events", "dates", "quantities", "places")


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def run_line(stats: IngestStats) -> str:
    """One line on this run: what was read and what became of it."""
    rate = stats.done / stats.seconds if stats.seconds else 0.0
    return (
        f"Read {_plural(stats.read, 'item')} in {stats.seconds:.1f} s ({rate:.1f}/s): {stats.stored:,} stored, "
        f"{stats.copies:,} stored as copies of an original, {stats.skipped:,} already stored, {stats.failed:,} failed."
    ) + "".join(f" {note}." for note in _notes(stats))


def _notes(stats: IngestStats) -> list[str]:
    """What the counts above do not say: articles kept with less than a full analysis, and skips."""
    notes = []
    if stats.not_english:
        notes.append(f"{stats.not_english:,} not English: stored without facts")
    if stats.warnings:
        notes.append(f"{_plural(stats.warnings, 'article')} stored with a warning (a date, bytes or a sentence "
                     "boundary lost: see `newsgraph failures`)")
    if stats.skipped_timeouts:
        notes.append(f"{stats.skipped_timeouts:,} skipped: over the time budget in an earlier run "
                     "(--retry-failed tries them again)")
    return notes


def store_summary(store: Store, people: int = 5, quote_count: int = 3) -> str:
    """Counts of every table, the most-mentioned people and a few quotes."""
    counts = store.counts()
    facts = ", ".join(f"{counts[name]:,} {name}" for name in FACT_NAMES)
    lines = [
        f"The store holds {_plural(counts['articles'], 'article')} ({counts['duplicates']:,} of them copies), "
        f"{facts}; {_plural(counts['failures'], 'failure')}."
    ]
    top = top_entities(store, type="PERSON", top=people)
    if top:
        lines.append("Most-mentioned people:")
        width = max(len(row["name"]) for row in top)
        for row in top:
            lines.append(f"  {row['name']:<{width}}  {_plural(int(row['mentions']), 'mention')} in "
                         f"{_plural(int(row['articles']), 'article')}")
    sample = sample_quotes(store, quote_count)
    if sample:
        lines.append("Quotes:")
        lines.extend(f"  {_short(row['speaker_name'], 40)}: \u201c{_short(row['text'])}\u201d ({row['article_id']})" for row in sample)
    if counts["failures"]:
        lines.append("See `newsgraph failures` for what could not be read or analysed.")
    return "\n".join(lines)


def sample_quotes(store: Store, limit: int) -> list[dict[str, Any]]:
    """Direct quotes with a named speaker, one per article first, in storing order."""
    query = (
        select(quotes.c.article_id, quotes.c.speaker_name, quotes.c.text)
        .where(quotes.c.speaker_name.is_not(None), quotes.c.direct.is_(True))
        .order_by(quotes.c.num)
        .limit(200)
    )
    with store.read() as conn:
        rows = [dict(row._mapping) for row in conn.execute(query)]
    chosen, seen = [], set()
    for row in rows:
        if row["article_id"] not in seen:
            seen.add(row["article_id"])
            chosen.append(row)
    return chosen[:limit]


def _short(text: str, width: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rsplit(" ", 1)[0] + "\u2026"
