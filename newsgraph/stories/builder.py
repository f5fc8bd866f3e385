"""Stories in the store: assign every article not yet in a story, keep users' merges and splits.

``update(store)`` is incremental: articles already in a story stay where they are; new ones join
a story or start one (:mod:`newsgraph.stories.grouping`). ``newsgraph ingest`` runs it after the
identity stage; ``newsgraph stories build`` does on demand (``--rebuild`` starts over, replaying the
corrections).
"""

from __future__ import annotations

import hashlib
import json
import time
from collections import Counter, defaultdict
from datetime import datetime, timezone
from typing import Any, Iterable, Optional

from sqlalchemy import delete, func, insert, select, text
from sqlalchemy import update as sql_update
from sqlalchemy.exc import OperationalError

from newsgraph.store import Store
from newsgraph.store.schema import articles, corpus_entities, corpus_members, stories, story_members, story_overrides
from newsgraph.stories.grouping import (
    LEAD_CHARS,
    ArticleInfo,
    Join,
    StoryIndex,
    inverse_document_frequencies,
    lead_terms,
)

__all__ = ["build", "counts", "merge", "split"]

COMMON_SHARE = 0.01  # an entity in more than 1% of the articles (a country, the wire agency) is no evidence
LOCK = 7406223


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _article_infos(conn: Any, ids: Optional[set[str]] = None) -> dict[str, ArticleInfo]:
    entity_sets: dict[str, set[str]] = defaultdict(set)
    for article_id, corpus_id in conn.execute(select(corpus_members.c.article_id, corpus_members.c.corpus_id)):
        entity_sets[article_id].add(corpus_id)
    # only the lead is read: a store of many long articles is not loaded whole
    query = select(articles.c.id, articles.c.published, articles.c.source, articles.c.title,
                   func.substr(articles.c.text, 1, LEAD_CHARS).label("text"),
                   articles.c.duplicate_of, articles.c.similarity).order_by(articles.c.num)
    infos = {}
    for row in conn.execute(query):
        if ids is not None and row.id not in ids:
            continue
        infos[row.id] = ArticleInfo(row.id, row.published, row.source, lead_terms(row.title, row.text),
                                    frozenset(entity_sets.get(row.id, ())), row.duplicate_of, row.similarity)
    return infos


def _common_entities(conn: Any, total: int) -> frozenset:
    limit = max(10, int(total * COMMON_SHARE))
    return frozenset(conn.execute(select(corpus_entities.c.id).where(corpus_entities.c.articles > limit)).scalars())


def build(store: Store, *, rebuild: bool = False, only: Optional[set[str]] = None) -> dict[str, Any]:
    """Assign the articles no story holds yet (of ``only``, when given); with ``rebuild``, all of them
    again. Returns counters: articles added, stories touched, stories and articles in all, seconds.

    Two processes finishing an ingest into one SQLite store at once: the second one's write can time
    out on the lock; it tries again, and then finds the first one's stories in place.
    """
    for attempt in range(3):
        try:
            return _build(store, rebuild=rebuild, only=only)
        except OperationalError:
            if attempt == 2 or store.dialect != "sqlite":
                raise
            time.sleep(1 + attempt)
    raise AssertionError("unreachable")


def _build(store: Store, *, rebuild: bool, only: Optional[set[str]]) -> dict[str, Any]:
    started = time.perf_counter()
    with store.write() as conn:
        if conn.dialect.name == "postgresql":  # two ingests finishing at once take turns
            conn.execute(text(f"SELECT pg_advisory_xact_lock({LOCK})"))
        if rebuild:
            conn.execute(delete(story_members))
            conn.execute(delete(stories))
        infos = _article_infos(conn)
        placed = dict(conn.execute(select(story_members.c.article_id, story_members.c.story_id)).all())
        names = dict(conn.execute(select(corpus_entities.c.id, corpus_entities.c.name)).all())
        index = StoryIndex(inverse_document_frequencies(info.terms for info in infos.values()),
                           _common_entities(conn, len(infos)), names)
        for article_id, story_id in placed.items():
            if article_id in infos:
                index.add_existing(infos[article_id], story_id)
        new = [info for article_id, info in infos.items()
               if article_id not in placed and (only is None or article_id in only)]
        joins = [index.assign(info) for info in new]
        _write_joins(conn, joins)
        touched = {join.story_id for join in joins}
        if rebuild:
            _replay_overrides(conn)
            touched = set(conn.execute(select(story_members.c.story_id).distinct()).scalars())
        _refresh_stories(conn, touched)
        total = conn.execute(select(func.count()).select_from(stories)).scalar_one()
    return {"articles_added": len(joins), "stories_touched": len(touched), "stories": total,
            "articles": len(infos), "seconds": round(time.perf_counter() - started, 3)}


def _write_joins(conn: Any, joins: Iterable[Join]) -> None:
    rows = [{"article_id": j.article_id, "story_id": j.story_id, "reason": j.reason, "score": j.score,
             "detail": j.detail} for j in joins]
    for start in range(0, len(rows), 5000):
        conn.execute(insert(story_members), rows[start:start + 5000])


def _refresh_stories(conn: Any, story_ids: set[str]) -> None:
    """Recount the touched stories' articles, sources, dates and title from their members."""
    if not story_ids:
        return
    ids = sorted(story_ids)
    conn.execute(delete(stories).where(stories.c.id.in_(ids)))
    members = (select(story_members.c.story_id, articles.c.published, articles.c.source, articles.c.title,
                      func.substr(articles.c.text, 1, LEAD_CHARS).label("text"), articles.c.num)
               .join(articles, articles.c.id == story_members.c.article_id)
               .where(story_members.c.story_id.in_(ids)).order_by(articles.c.num))
    grouped: dict[str, list[Any]] = defaultdict(list)
    for row in conn.execute(members):
        grouped[row.story_id].append(row)
    rows = []
    for story_id, members_of in grouped.items():
        dates = sorted(m.published for m in members_of if m.published)
        first = min(members_of, key=lambda m: (m.published or "9999", m.num))
        rows.append({"id": story_id, "title": first.title or " ".join(first.text.split()[:12]),
                     "first_seen": dates[0] if dates else None, "last_seen": dates[-1] if dates else None,
                     "articles": len(members_of), "sources": len({str(m.source) for m in members_of if m.source}) or 1})
    if rows:
        conn.execute(insert(stories), rows)


def _replay_overrides(conn: Any) -> None:
    for row in conn.execute(select(story_overrides).order_by(story_overrides.c.num)).all():
        _apply(conn, row.op, json.loads(row.articles), row.story_id)


def _apply(conn: Any, op: str, article_ids: list[str], story_id: Optional[str]) -> set[str]:
    """Move the articles into ``story_id`` (merge) or into a story of their own (split); returns the
    stories touched."""
    before = set(conn.execute(select(story_members.c.story_id).where(
        story_members.c.article_id.in_(article_ids))).scalars())
    target = story_id if op == "merge" and story_id else "S" + _digest(article_ids)
    conn.execute(sql_update(story_members).where(story_members.c.article_id.in_(article_ids))
                 .values(story_id=target, reason="user", score=None, detail=f"{op} by a user"))
    return before | {target}


def _digest(ids: list[str]) -> str:
    return hashlib.sha1("\0".join(sorted(ids)).encode("utf-8")).hexdigest()[:12]


def merge(store: Store, story_ids: list[str]) -> str:
    """Put every article of the given stories into the first one; kept across rebuilds."""
    with store.write() as conn:
        found = set(conn.execute(select(stories.c.id).where(stories.c.id.in_(story_ids))).scalars())
        missing = [story_id for story_id in story_ids if story_id not in found]
        if missing:
            raise LookupError(f"no story {missing[0]!r}")
        ids = list(conn.execute(select(story_members.c.article_id).where(
            story_members.c.story_id.in_(story_ids[1:]))).scalars())
        conn.execute(insert(story_overrides).values(op="merge", articles=json.dumps(ids), story_id=story_ids[0],
                                                    created_at=_now()))
        _refresh_stories(conn, _apply(conn, "merge", ids, story_ids[0]))
    return story_ids[0]


def split(store: Store, story_id: str, article_ids: list[str]) -> str:
    """Take the given articles out of ``story_id`` into a story of their own; kept across rebuilds."""
    with store.write() as conn:
        members = set(conn.execute(select(story_members.c.article_id).where(
            story_members.c.story_id == story_id)).scalars())
        if not members:
            raise LookupError(f"no story {story_id!r}")
        outside = [article_id for article_id in article_ids if article_id not in members]
        if outside:
            raise LookupError(f"article {outside[0]!r} is not in story {story_id}")
        if set(article_ids) == members:
            raise LookupError(f"the split would take every article of {story_id}: nothing to split")
        conn.execute(insert(story_overrides).values(op="split", articles=json.dumps(sorted(article_ids)),
                                                    created_at=_now()))
        touched = _apply(conn, "split", sorted(article_ids), None)
        _refresh_stories(conn, touched)
    return "S" + _digest(sorted(article_ids))


def counts(store: Store) -> Counter:
    """Articles and stories, for "unique stories" beside "articles"."""
    with store.read() as conn:
        return Counter(articles=conn.execute(select(func.count()).select_from(story_members)).scalar_one(),
                       stories=conn.execute(select(func.count()).select_from(stories)).scalar_one())
