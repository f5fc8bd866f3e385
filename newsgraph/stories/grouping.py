"""Stories: the reports of one happening grouped together, incrementally, each join with its reasons.

An article joins a story for one of two reasons:

1. **copy**: it is a syndicated copy of an article already in the story (the store links
   near-duplicates at ingest: MinHash over word 5-grams, ``duplicate_of`` and its similarity);
2. **same happening**: it was published within ``WINDOW_DAYS`` of the story's reports, names at
   least ``MIN_SHARED_ENTITIES`` of the same corpus entities, and its words are close to the
   story's (TF-IDF cosine of title and lead against the story's first report, at least
   ``MIN_COSINE``). Two wire reports of one earthquake share the place, the agency and the
   vocabulary; two stories that merely mention the United States share one entity and few words.

Otherwise it starts a story. Stories are never re-split by later arrivals: adding articles only
touches the stories they join, so ids stay stable and a user's corrections hold.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Iterable, Optional

__all__ = ["LEAD_CHARS", "ArticleInfo", "Join", "StoryIndex", "cosine", "lead_terms"]

WINDOW_DAYS = 3
MIN_SHARED_ENTITIES = 2
MIN_COSINE = 0.4
LEAD_WORDS = 120  # title and first words: where a report says what happened
LEAD_CHARS = 2000  # the characters those words are looked for in
_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)
STOP = frozenset(
    "the and for that with from this have has had was were are said says will would could been its their "
    "they them than then there which who what when where also about after before over into more most other "
    "some such only not but one two three new year years last first mln pct reuters inc corp".split()
)


@dataclass(frozen=True)
class ArticleInfo:
    """What grouping reads of one stored article."""

    id: str
    published: Optional[str]
    source: Optional[str]
    terms: Counter  # lead-term counts
    entities: frozenset  # corpus entity ids it mentions
    duplicate_of: Optional[str] = None
    similarity: Optional[float] = None


@dataclass(frozen=True)
class Join:
    article_id: str
    story_id: str
    reason: str  # "first" | "copy" | "same happening"
    score: Optional[float]
    detail: str  # the evidence, in words


@dataclass
class _Story:
    id: str
    first: ArticleInfo
    days: list[int] = field(default_factory=list)
    entities: Counter = field(default_factory=Counter)


def lead_terms(title: Optional[str], text: str) -> Counter:
    """Content words of the title and the article's first ``LEAD_WORDS`` words, lower-cased."""
    words = _WORD.findall(f"{title or ''} {text[:LEAD_CHARS]}".lower())[:LEAD_WORDS]
    return Counter(word for word in words if word not in STOP)


def cosine(a: Counter, b: Counter, idf: dict[str, float]) -> float:
    """TF-IDF cosine of two term counts."""
    dot = sum(count * b[word] * idf.get(word, 1.0) ** 2 for word, count in a.items() if word in b)
    norm_a = math.sqrt(sum((count * idf.get(word, 1.0)) ** 2 for word, count in a.items()))
    norm_b = math.sqrt(sum((count * idf.get(word, 1.0)) ** 2 for word, count in b.items()))
    return dot / (norm_a * norm_b) if norm_a and norm_b else 0.0


def _day(published: Optional[str]) -> Optional[int]:
    try:
        return date.fromisoformat(published[:10]).toordinal() if published else None
    except ValueError:
        return None


def story_id_for(article_id: str) -> str:
    """A story's id: stable, from the article that started it."""
    return "S" + hashlib.sha1(article_id.encode("utf-8")).hexdigest()[:12]


class StoryIndex:
    """The stories so far, indexed for the next article: by member, by entity and by day."""

    def __init__(self, idf: dict[str, float], common_entities: frozenset = frozenset(),
                 names: Optional[dict[str, str]] = None) -> None:
        self.idf = idf
        self.common = common_entities  # entities in so many articles that sharing them says nothing
        self.names = names or {}  # corpus entity id -> name, for the evidence sentence
        self.stories: dict[str, _Story] = {}
        self.story_of: dict[str, str] = {}
        self.by_entity: dict[str, set[str]] = {}

    def add_existing(self, info: ArticleInfo, story_id: str) -> None:
        """Record an article already assigned (a previous run, or a user's correction)."""
        story = self.stories.get(story_id)
        if story is None:
            story = self.stories[story_id] = _Story(story_id, info)
        self._remember(story, info)

    def assign(self, info: ArticleInfo) -> Join:
        """The story ``info`` joins (or starts), with the reason."""
        if info.duplicate_of and info.duplicate_of in self.story_of:
            story = self.stories[self.story_of[info.duplicate_of]]
            detail = f"copy of {info.duplicate_of}"
            if info.similarity is not None:
                detail += f" (similarity {info.similarity:.2f})"
            self._remember(story, info)
            return Join(info.id, story.id, "copy", info.similarity, detail)
        best = self._best_match(info)
        if best is not None:
            story, score, shared = best
            self._remember(story, info)
            names = ", ".join(sorted(self.names.get(entity, entity) for entity in shared)[:5])
            return Join(info.id, story.id, "same happening", round(score, 3),
                        f"{len(shared)} shared entities ({names}); text similarity {score:.2f}")
        story = self.stories[story_id_for(info.id)] = _Story(story_id_for(info.id), info)
        self._remember(story, info)
        return Join(info.id, story.id, "first", None, "first report")

    def _best_match(self, info: ArticleInfo) -> Optional[tuple[_Story, float, set]]:
        day = _day(info.published)
        entities = set(info.entities) - self.common
        counts: Counter = Counter()
        for entity in entities:
            counts.update(self.by_entity.get(entity, ()))
        best = None
        for story_id, shared_count in counts.items():
            if shared_count < MIN_SHARED_ENTITIES:
                continue
            story = self.stories[story_id]
            if day is not None and story.days and min(abs(day - d) for d in story.days) > WINDOW_DAYS:
                continue
            score = cosine(info.terms, story.first.terms, self.idf)
            if score >= MIN_COSINE and (best is None or score > best[1]):
                best = (story, score, entities & set(story.entities))
        return best

    def _remember(self, story: _Story, info: ArticleInfo) -> None:
        self.story_of[info.id] = story.id
        day = _day(info.published)
        if day is not None:
            story.days.append(day)
        for entity in info.entities:
            if entity not in story.entities:
                self.by_entity.setdefault(entity, set()).add(story.id)
            story.entities[entity] += 1


def inverse_document_frequencies(term_counts: Iterable[Counter]) -> dict[str, float]:
    """log(N / df) smoothed, over the articles' lead terms."""
    df: Counter = Counter()
    total = 0
    for terms in term_counts:
        df.update(terms.keys())
        total += 1
    return {word: math.log((1 + total) / (1 + count)) + 1.0 for word, count in df.items()}
