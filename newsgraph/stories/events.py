"""One event per happening: the same event reported by several articles becomes one canonical event.

GDELT counts every report: a summit covered by 40 outlets is 40 events. Here two event mentions
are one happening when they have the same CAMEO root code, the same source and the same target
(their corpus entities when the actors are entities, else their actor codes), dates within a
window (the event's own date, else its article's publication date), and no two different known
places. Each canonical event keeps every mention (article, index) as its evidence and GDELT's
counts: NumMentions, NumArticles, NumSources.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Hashable, Iterable, Mapping, Optional

__all__ = ["CanonicalEvent", "EventMention", "canonical_events", "event_mention_key", "group_event_mentions"]

WINDOW_DAYS = 3  # reports of one happening appear within days; a longer gap is a new happening


@dataclass(frozen=True)
class EventMention:
    """One coded event in one article, as the grouping sees it."""

    article_id: str
    index: int  # position in the article's events
    root: str
    code: str
    source: Optional[str]  # corpus entity id, else actor code
    target: Optional[str]
    day: Optional[str]  # YYYY-MM-DD: the event's date, else the article's publication date
    place: Optional[str] = None
    outlet: Optional[str] = None  # the article's source


@dataclass
class CanonicalEvent:
    id: str
    root: str
    code: str  # the most frequent code among the mentions
    source: Optional[str]
    target: Optional[str]
    first_day: Optional[str]
    last_day: Optional[str]
    place: Optional[str]
    mentions: list[EventMention] = field(default_factory=list)

    @property
    def num_mentions(self) -> int:
        return len(self.mentions)

    @property
    def num_articles(self) -> int:
        return len({m.article_id for m in self.mentions})

    @property
    def num_sources(self) -> int:
        return len({m.outlet or m.article_id for m in self.mentions})


def _ordinal(day: Optional[str]) -> Optional[int]:
    try:
        return date.fromisoformat(day[:10]).toordinal() if day else None
    except ValueError:
        return None


def canonical_events(mentions: Iterable[EventMention], window_days: int = WINDOW_DAYS) -> list[CanonicalEvent]:
    """Group event mentions into canonical events, earliest first.

    Within one (root, source, target) the mentions are taken in date order; a mention joins the
    current group when it is within ``window_days`` of the group's last day and its place does not
    contradict the group's. Mentions without source or target are never joined to others: a
    one-sided "protest" is not evidence of the same happening.
    """
    by_dyad: dict[tuple[str, Optional[str], Optional[str]], list[EventMention]] = {}
    singles = []
    for mention in mentions:
        if mention.source is None or mention.target is None:
            singles.append([mention])
            continue
        by_dyad.setdefault((mention.root, mention.source, mention.target), []).append(mention)
    groups: list[list[EventMention]] = list(singles)
    for dyad_mentions in by_dyad.values():
        dyad_mentions.sort(key=lambda m: (_ordinal(m.day) or 0, m.article_id, m.index))
        current: list[EventMention] = []
        for mention in dyad_mentions:
            if current and _joins(current, mention, window_days):
                current.append(mention)
            else:
                if current:
                    groups.append(current)
                current = [mention]
        if current:
            groups.append(current)
    events = [_canonical(group) for group in groups]
    return sorted(events, key=lambda e: (e.first_day or "", e.id))


def _joins(group: list[EventMention], mention: EventMention, window_days: int) -> bool:
    known = [day for day in (_ordinal(m.day) for m in group) if day is not None]
    last = max(known, default=None)
    day = _ordinal(mention.day)
    if last is not None and day is not None and day - last > window_days:
        return False
    places = {m.place for m in group if m.place}
    return not (mention.place and places and mention.place not in places)


def _canonical(group: list[EventMention]) -> CanonicalEvent:
    first = group[0]
    codes = [m.code for m in group]
    days = sorted(m.day for m in group if m.day)
    places = [m.place for m in group if m.place]
    key = f"{first.root}|{first.source}|{first.target}|{days[0] if days else ''}|{first.article_id}:{first.index}"
    return CanonicalEvent(
        id="CE" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12],
        root=first.root,
        code=max(sorted(set(codes)), key=codes.count),
        source=first.source,
        target=first.target,
        first_day=days[0] if days else None,
        last_day=days[-1] if days else None,
        place=max(sorted(set(places)), key=places.count) if places else None,
        mentions=list(group),
    )


def event_mention_key(lemma: str, actors: set[Hashable]) -> Optional[tuple[str, frozenset]]:
    """A hashable description of an event mention for grouping: its trigger lemma and its actors."""
    return (lemma, frozenset(actors)) if lemma else None


def group_event_mentions(items: Mapping[Any, Optional[tuple[str, frozenset]]]) -> dict[Any, Hashable]:
    """Cluster event mentions (key -> (lemma, actors)) so that two with the same trigger lemma that
    share an actor are one happening (and the closure of that); others stay alone."""
    parent: dict[Hashable, Hashable] = {key: key for key in items}

    def find(key: Hashable) -> Hashable:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    seen: dict[tuple[str, Hashable], Hashable] = {}
    for key, description in items.items():
        if not description:
            continue
        lemma, actors = description
        for actor in actors:
            other = seen.setdefault((lemma, actor), key)
            if other != key:
                parent[find(key)] = find(other)
    return {key: find(key) for key in items}
