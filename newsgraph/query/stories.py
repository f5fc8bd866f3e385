"""Stories in the store, read only: the reports of one happening, with why each article is there."""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any, Optional

from sqlalchemy import select

from newsgraph.identity import builder as identity
from newsgraph.query.queries import date_filter
from newsgraph.store import Store
from newsgraph.store.schema import (
    articles,
    corpus_members,
    events,
    quantities,
    quotes,
    stories,
    story_members,
)
from newsgraph.stories.events import EventMention, canonical_events
from newsgraph.stories.reuse import Claim, QuoteReport, compare_claims, group_quotes, object_key

__all__ = ["find_canonical_events", "find_claims", "find_stories", "reused_quotes", "story"]


def find_stories(store: Store, *, since: Optional[str] = None, until: Optional[str] = None,
                 min_articles: int = 1, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    """Stories, largest first: id, title, first_seen, last_seen, the stored article ids, their
    sources, and each article's reason for being in the story."""
    query = (select(stories).where(stories.c.articles >= min_articles, *date_filter(stories.c.first_seen, since, until))
             .order_by(stories.c.articles.desc(), stories.c.first_seen, stories.c.id).limit(limit).offset(offset))
    with store.read() as conn:
        rows = [dict(row) for row in conn.execute(query).mappings()]
        members = _members(conn, [row["id"] for row in rows])
    return [_with_members(row, members.get(row["id"], [])) for row in rows]


def story(store: Store, story_id: str) -> dict[str, Any]:
    """One story with its members; LookupError when there is none."""
    with store.read() as conn:
        row = conn.execute(select(stories).where(stories.c.id == story_id)).mappings().first()
        if row is None:
            raise LookupError(f"no story {story_id!r}")
        return _with_members(dict(row), _members(conn, [story_id]).get(story_id, []))


def _members(conn: Any, story_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    if not story_ids:
        return {}
    query = (select(story_members.c.story_id, story_members.c.article_id, story_members.c.reason,
                    story_members.c.score, story_members.c.detail, articles.c.source, articles.c.published,
                    articles.c.title)
             .join(articles, articles.c.id == story_members.c.article_id)
             .where(story_members.c.story_id.in_(story_ids))
             .order_by(articles.c.published, articles.c.num))
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in conn.execute(query).mappings():
        grouped[row["story_id"]].append(dict(row))
    return grouped


def _with_members(row: dict[str, Any], members: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "id": row["id"],
        "title": row["title"],
        "first_seen": row["first_seen"],
        "last_seen": row["last_seen"],
        "articles": [m["article_id"] for m in members],
        "sources": sorted({m["source"] for m in members if m["source"]}),
        "reasons": [{"article_id": m["article_id"], "reason": m["reason"], "score": m["score"], "detail": m["detail"]}
                    for m in members],
    }


def as_json_line(row: dict[str, Any]) -> str:
    return json.dumps(row, ensure_ascii=False)


def find_claims(store: Store, *, disagree: bool = False, min_outlets: int = 2, limit: int = 50) -> list[dict[str, Any]]:
    """Numeric claims about the same thing from several outlets (only those that differ with
    ``disagree``): what is counted, each outlet's value with its article, evidence and date, who
    said it first. A number inside a quote is claimed by the quote's speaker."""
    query = (select(quantities.c.article_id, quantities.c.start_char, quantities.c.end_char, quantities.c.text,
                    quantities.c.value, quantities.c.value_high, quantities.c.unit, quantities.c.approximate,
                    quantities.c.bound, quantities.c.object, articles.c.source, articles.c.published)
             .join(articles, articles.c.id == quantities.c.article_id)
             .where(quantities.c.object.is_not(None), quantities.c.value.is_not(None),
                    articles.c.duplicate_of.is_(None)))
    with store.read() as conn:
        rows = conn.execute(query).mappings().all()
        speakers = _quote_speakers(conn, {row["article_id"] for row in rows})
        story_of = dict(conn.execute(select(story_members.c.article_id, story_members.c.story_id)).all())
    claims = []
    for row in rows:
        key = object_key(row["object"])
        if not key:
            continue
        value = [row["value"], row["value_high"]] if row["value_high"] is not None else row["value"]
        span = (row["start_char"], row["end_char"])
        speaker = next((name for start, end, name in speakers.get(row["article_id"], ())
                        if start <= span[0] and span[1] <= end), None)
        claims.append(Claim(key, row["unit"], value, bool(row["approximate"]), row["bound"],
                            speaker or row["source"] or row["article_id"], row["source"], row["article_id"],
                            row["published"], span, row["text"], row["object"], story_of.get(row["article_id"])))
    groups = [group for group in compare_claims(claims, min_outlets=min_outlets) if group.disagree or not disagree]
    return [group.to_dict() for group in groups[:limit]]


def _quote_speakers(conn: Any, article_ids: set[str]) -> dict[str, list[tuple[int, int, str]]]:
    found: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    query = select(quotes.c.article_id, quotes.c.start_char, quotes.c.end_char, quotes.c.speaker_name).where(
        quotes.c.speaker_name.is_not(None))
    for row in conn.execute(query):
        if row.article_id in article_ids:
            found[row.article_id].append((row.start_char, row.end_char, row.speaker_name))
    return found


def reused_quotes(store: Store, *, speaker: Optional[str] = None, limit: int = 50) -> list[dict[str, Any]]:
    """Direct quotes found in several articles: the earliest report and each outlet's wording."""
    query = (select(quotes.c.article_id, quotes.c.idx, quotes.c.text, quotes.c.speaker_name,
                    quotes.c.start_char, quotes.c.end_char, articles.c.source, articles.c.published)
             .join(articles, articles.c.id == quotes.c.article_id).where(quotes.c.direct.is_(True)))
    with store.read() as conn:
        reports = [QuoteReport(row.article_id, row.idx, row.text, row.speaker_name, row.source, row.published,
                               (row.start_char, row.end_char)) for row in conn.execute(query)]
    groups = group_quotes(reports)
    if speaker:
        wanted = speaker.casefold()
        groups = [g for g in groups if any(r.speaker and wanted in r.speaker.casefold() for r in g)]
    return [{
        "text": group[0].text, "speaker": next((r.speaker for r in group if r.speaker), None),
        "first": {"article_id": group[0].article_id, "outlet": group[0].outlet, "published": group[0].published},
        "reports": [{"article_id": r.article_id, "outlet": r.outlet, "published": r.published, "text": r.text,
                     "span": list(r.span)} for r in group],
    } for group in groups[:limit]]


def find_canonical_events(store: Store, *, root: Optional[str] = None, actor: Optional[str] = None,
                          since: Optional[str] = None, until: Optional[str] = None,
                          limit: int = 50) -> list[dict[str, Any]]:
    """One event per happening (:mod:`newsgraph.stories.events`), most-reported first, each with
    GDELT's NumMentions, NumArticles and NumSources and every mention as evidence. ``actor`` is a
    CAMEO code prefix (source or target); ``root`` a two-digit root code."""
    query = (select(events.c.article_id, events.c.idx, events.c.root, events.c.code, events.c.source_entity,
                    events.c.source_code, events.c.target_entity, events.c.target_code, events.c.date,
                    events.c.place, events.c.start_char, events.c.end_char, events.c.text, articles.c.published,
                    articles.c.source)
             .join(articles, articles.c.id == events.c.article_id)
             .where(articles.c.duplicate_of.is_(None)))
    if root:
        query = query.where(events.c.root == root)
    with store.read() as conn:
        rows = conn.execute(query).mappings().all()
        corpus_of = {(a, e): c for a, e, c in conn.execute(
            select(corpus_members.c.article_id, corpus_members.c.entity_id, corpus_members.c.corpus_id))}
        actors = {corpus_of.get((row["article_id"], row[f"{side}_entity"]), "") for row in rows for side in ("source", "target")}
        kept = identity.actor_codes(conn, actors - {""})
    evidence, mentions = {}, []
    for row in rows:
        row = dict(row)
        for side in ("source", "target"):  # the code the actor keeps across the corpus, as find_events shows it
            row[f"{side}_code"] = kept.get(corpus_of.get((row["article_id"], row[f"{side}_entity"]), "")) or row[f"{side}_code"]
        source = corpus_of.get((row["article_id"], row["source_entity"])) or row["source_code"]
        target = corpus_of.get((row["article_id"], row["target_entity"])) or row["target_code"]
        mention = EventMention(row["article_id"], row["idx"], row["root"], row["code"], source, target,
                               (row["date"] or row["published"] or "")[:10] or None, row["place"], row["source"])
        mentions.append(mention)
        evidence[(row["article_id"], row["idx"])] = row
    found = []
    for event in canonical_events(mentions):
        first = evidence[(event.mentions[0].article_id, event.mentions[0].index)]
        codes = {evidence[(m.article_id, m.index)]["source_code"] or "" for m in event.mentions} | {
            evidence[(m.article_id, m.index)]["target_code"] or "" for m in event.mentions}
        if actor and not any(code.startswith(actor) for code in codes):
            continue
        if (since and (event.last_day or "") < since) or (until and (event.first_day or "9999") > until):
            continue
        found.append({
            "id": event.id, "root": event.root, "code": event.code,
            "source_code": first["source_code"], "target_code": first["target_code"],
            "first_day": event.first_day, "last_day": event.last_day, "place": event.place,
            "num_mentions": event.num_mentions, "num_articles": event.num_articles, "num_sources": event.num_sources,
            "mentions": [{"article_id": m.article_id, "index": m.index,
                          "start": evidence[(m.article_id, m.index)]["start_char"],
                          "end": evidence[(m.article_id, m.index)]["end_char"],
                          "text": evidence[(m.article_id, m.index)]["text"]} for m in event.mentions],
        })
    found.sort(key=lambda e: (-e["num_articles"], -e["num_mentions"], e["first_day"] or ""))
    return found[:limit]
