"""Finding themes in a text: term hits over tokens, event hits, and a score per theme. Pure functions.

A token is given as its offsets, its sentence and its forms (lower-cased lemma and text). Within
one theme the longest term wins where terms overlap ("quarterly dividend" over "dividend"). A hit
weighs 1 for a term, 3 for a strong term and 2 for an event of a listed CAMEO code, doubled in the
article's lead (its first two sentences, where news says what it is about); one term counts at
most three times, so a word repeated down a long story does not make its theme. A theme is found
when its strength reaches the theme's threshold; its score is strength / (strength + threshold):
0.5 at the threshold, towards 1 with more evidence.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable, Sequence

from newsgraph.extract.themes.taxonomy import STRONG_WEIGHT, TERM_WEIGHT, Term, ThemeDefinition
from newsgraph.model import Theme

EVENT_WEIGHT = 2.0
LEAD_SENTENCES = 2
LEAD_FACTOR = 2.0
MAX_REPEATS = 3
SCORE_DECIMALS = 3


@dataclass(frozen=True)
class TokenForms:
    start: int
    end: int
    sentence: int
    forms: tuple[str, ...]  # lower-cased lemma and lower-cased text


@dataclass(frozen=True)
class Hit:
    theme: str
    start: int
    end: int
    sentence: int
    weight: float
    term: Term


@dataclass(frozen=True)
class EventFact:
    """What the scorer needs of a CAMEO-coded event."""

    code: str
    start: int
    end: int
    sentence: int


class TermIndex:
    """The terms of a taxonomy, indexed by their first word."""

    def __init__(self, themes: Iterable[ThemeDefinition]) -> None:
        self.themes = {theme.name: theme for theme in themes}
        self.by_first: dict[str, list[tuple[Term, str, float]]] = defaultdict(list)
        for theme in self.themes.values():
            for terms, weight in ((theme.terms, TERM_WEIGHT), (theme.strong, STRONG_WEIGHT)):
                for term in terms:
                    self.by_first[term[0]].append((term, theme.name, weight))
        for entries in self.by_first.values():
            entries.sort(key=lambda entry: -len(entry[0]))  # longest first

    def hits(self, tokens: Sequence[TokenForms]) -> list[Hit]:
        """Every term hit in ``tokens``, the longest per theme where a theme's terms overlap."""
        found: list[Hit] = []
        covered: dict[str, int] = {}  # theme -> index of the first token after its last hit
        for index, token in enumerate(tokens):
            seen_here: set[str] = set()
            for form in dict.fromkeys(token.forms):
                for term, theme, weight in self.by_first.get(form, ()):
                    if theme in seen_here or covered.get(theme, 0) > index or not _matches(tokens, index, term):
                        continue
                    last = tokens[index + len(term) - 1]
                    found.append(Hit(theme, token.start, last.end, token.sentence, weight, term))
                    covered[theme] = index + len(term)
                    seen_here.add(theme)
        return found

    def event_hits(self, events: Iterable[EventFact]) -> list[Hit]:
        """A hit for each event whose CAMEO code starts with one a theme lists."""
        found = []
        for event in events:
            for theme in self.themes.values():
                if any(event.code.startswith(prefix) for prefix in theme.events):
                    found.append(Hit(theme.name, event.start, event.end, event.sentence, EVENT_WEIGHT, ("cameo", event.code)))
        return found


def _matches(tokens: Sequence[TokenForms], index: int, term: Term) -> bool:
    if index + len(term) > len(tokens):
        return False
    return all(word in tokens[index + offset].forms for offset, word in enumerate(term))


def hit_strength(hit: Hit) -> float:
    return hit.weight * (LEAD_FACTOR if hit.sentence < LEAD_SENTENCES else 1.0)


def theme_strengths(hits: Iterable[Hit]) -> dict[str, float]:
    """The summed strength of each theme's hits, a term counted at most ``MAX_REPEATS`` times."""
    strengths: dict[str, float] = defaultdict(float)
    repeats: dict[tuple[str, Term], int] = defaultdict(int)
    for hit in sorted(hits, key=hit_strength, reverse=True):
        repeats[hit.theme, hit.term] += 1
        if repeats[hit.theme, hit.term] <= MAX_REPEATS:
            strengths[hit.theme] += hit_strength(hit)
    return dict(strengths)


def score_themes(hits: Iterable[Hit], themes: dict[str, ThemeDefinition]) -> list[Theme]:
    """The themes whose hits reach their threshold, strongest first, each with its evidence spans."""
    hits = list(hits)
    found = []
    for name, strength in theme_strengths(hits).items():
        threshold = themes[name].threshold
        if strength >= threshold:
            spans = sorted({(hit.start, hit.end) for hit in hits if hit.theme == name})
            found.append(Theme(name, round(strength / (strength + threshold), SCORE_DECIMALS), spans))
    found.sort(key=lambda theme: (-theme.score, theme.theme))
    return found
