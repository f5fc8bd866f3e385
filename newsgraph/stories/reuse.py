"""Across sources, the same words: numeric claims compared, and quotes traced to their first report.

**Claims.** A quantity with what it counts ("some 5,200 U.S. troops") is a claim: *what* (the
counted noun phrase, normalized), *how many* (value, unit, approximate or a bound), *who says so*
(the quote's speaker when the number is inside a quote, else the outlet), *when* (the article's
publication date) and its evidence. Claims about the same thing in the same unit, in reports of the
same story (:mod:`newsgraph.stories.grouping`), from different outlets are compared; they disagree when their values differ by more than ``TOLERANCE``
(ranges and bounds overlap-tested, not compared point to point).

**Quote reuse.** A direct quote of eight words or more found in several articles, worded the
same or nearly (rapidfuzz's token-set ratio of at least ``MIN_RATIO``: trimming, a changed word or
punctuation do not hide it), is one quote with its earliest report and each outlet's wording.
Candidates share a word 4-gram, so only plausible pairs are compared.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Hashable, Iterable, Optional, Union

from rapidfuzz import fuzz

__all__ = ["Claim", "ClaimGroup", "QuoteReport", "compare_claims", "group_quotes", "object_key"]

TOLERANCE = 0.05
MIN_RATIO = 90.0
MIN_QUOTE_WORDS = 8
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_DROP = frozenset("the a an of some about around nearly almost more than up to at least over under its their "
                  "his her our this that these those".split())


def object_key(counted: Optional[str]) -> Optional[str]:
    """What a number counts, compared across outlets: lower-case content words, plurals folded
    ("The U.S. troops in Iraq" and "U.S. troop in Iraq" are one key)."""
    if not counted:
        return None
    words = [w for w in _WORD.findall(counted.lower().replace(".", "")) if w not in _DROP and not w.isdigit()]
    folded = [w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in words]
    return " ".join(folded) or None


@dataclass(frozen=True)
class Claim:
    key: str
    unit: Optional[str]
    value: Union[float, list[float], None]
    approximate: bool
    bound: Optional[str]
    claimant: str  # the speaker, else the outlet
    outlet: Optional[str]
    article_id: str
    published: Optional[str]
    span: tuple[int, int]
    text: str
    counted: str
    story: Optional[str] = None  # the story of its article: claims are compared within one happening


@dataclass
class ClaimGroup:
    key: str
    unit: Optional[str]
    story: Optional[str] = None
    claims: list[Claim] = field(default_factory=list)

    @property
    def outlets(self) -> set[str]:
        return {c.outlet or c.article_id for c in self.claims}

    @property
    def disagree(self) -> bool:
        intervals = [_interval(c) for c in self.claims if c.value is not None]
        return any(not _overlap(a, b) for i, a in enumerate(intervals) for b in intervals[i + 1:])

    def to_dict(self) -> dict[str, Any]:
        ordered = sorted(self.claims, key=lambda c: (c.published or "9999", c.article_id))
        return {
            "what": self.key, "unit": self.unit, "story": self.story, "disagree": self.disagree, "first": ordered[0].article_id,
            "values": [{"value": c.value, "approximate": c.approximate, "bound": c.bound, "claimant": c.claimant,
                        "outlet": c.outlet, "article_id": c.article_id, "published": c.published,
                        "span": list(c.span), "text": c.text, "counted": c.counted} for c in ordered],
        }


def _interval(claim: Claim) -> tuple[float, float]:
    """The values a claim allows, widened by the tolerance (and by approximation or a bound)."""
    value = claim.value
    low, high = (min(value), max(value)) if isinstance(value, list) else (float(value), float(value))  # type: ignore[arg-type]
    slack = TOLERANCE * (2 if claim.approximate else 1)
    low, high = low * (1 - slack), high * (1 + slack)
    if claim.bound == "upper":
        low = 0.0
    elif claim.bound == "lower":
        high = float("inf")
    return low, high


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def compare_claims(claims: Iterable[Claim], *, min_outlets: int = 2) -> list[ClaimGroup]:
    """Claims grouped by story, what they count and their unit, where at least ``min_outlets`` outlets
    make one: "U.S. troops in Iraq" in a report on a troop withdrawal is compared with the other
    reports of that withdrawal, not with every article that ever counted troops."""
    groups: dict[tuple[Optional[str], str, Optional[str]], ClaimGroup] = {}
    for claim in claims:
        scope = (claim.story or claim.article_id, claim.key, claim.unit)
        groups.setdefault(scope, ClaimGroup(claim.key, claim.unit, claim.story)).claims.append(claim)
    kept = [group for group in groups.values() if len(group.outlets) >= min_outlets]
    return sorted(kept, key=lambda g: (-len(g.outlets), g.key))


@dataclass(frozen=True)
class QuoteReport:
    article_id: str
    index: int
    text: str
    speaker: Optional[str]
    outlet: Optional[str]
    published: Optional[str]
    span: tuple[int, int]


def _grams(text: str) -> set[tuple[str, ...]]:
    words = _WORD.findall(text.lower())
    return {tuple(words[i:i + 4]) for i in range(len(words) - 3)}


def group_quotes(reports: Iterable[QuoteReport]) -> list[list[QuoteReport]]:
    """Quotes told in more than one article, each group earliest report first."""
    items = [r for r in reports if len(_WORD.findall(r.text)) >= MIN_QUOTE_WORDS]
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_gram: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for number, report in enumerate(items):
        for gram in _grams(report.text):
            by_gram[gram].append(number)
    compared: set[tuple[int, int]] = set()
    for members in by_gram.values():
        if len(members) > 50:  # a stock phrase ("said in a statement on"): no evidence of one quote
            continue
        for position, a in enumerate(members):
            for b in members[position + 1:]:
                if (a, b) in compared or items[a].article_id == items[b].article_id:
                    continue
                compared.add((a, b))
                if fuzz.token_set_ratio(items[a].text, items[b].text) >= MIN_RATIO:
                    parent[find(a)] = find(b)
    groups: dict[Hashable, list[QuoteReport]] = defaultdict(list)
    for number, report in enumerate(items):
        groups[find(number)].append(report)
    reused = [sorted(g, key=lambda r: (r.published or "9999", r.article_id)) for g in groups.values()
              if len({r.article_id for r in g}) > 1]
    return sorted(reused, key=lambda g: (-len(g), g[0].published or "", g[0].article_id))
