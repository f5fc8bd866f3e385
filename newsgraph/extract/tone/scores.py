"""GDELT's V1.5TONE values from word counts: pure functions, no spaCy needed.

GDELT defines them as percentages of all the words of a text (GKG codebook V2.1, V1.5TONE):
positive = % of words with a positive connotation, negative = % with a negative one, tone =
positive - negative, polarity = % of words found in the tonal dictionary, activity reference
density = % of active words, self/group reference density = % of pronouns, and the word count.
Here a word is a run of letters or digits (an apostrophe inside keeps "don't" one word); the
tonal dictionary is VADER's lexicon (:mod:`newsgraph.extract.tone.lexicon`), a word being positive
when its valence is above 0 and negative below; active words are verbs, counted by the caller
from the part-of-speech tags.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Optional

from newsgraph.extract.tone.lexicon import PRONOUNS, sentiment_lexicon
from newsgraph.model import Tone

WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
DECIMALS = 4


@dataclass
class ToneCounts:
    """What the tone of a stretch of text is computed from; counts of parts add up."""

    words: int = 0
    positive: int = 0
    negative: int = 0
    pronouns: int = 0
    active: int = 0

    def __add__(self, other: "ToneCounts") -> "ToneCounts":
        return ToneCounts(self.words + other.words, self.positive + other.positive, self.negative + other.negative,
                          self.pronouns + other.pronouns, self.active + other.active)


def words_of(text: str) -> list[str]:
    """The words of ``text``, lower-cased, with curly apostrophes written straight."""
    return [word.lower().replace("’", "'") for word in WORD_RE.findall(text)]


def count_words(words: Iterable[str], active: int = 0, lexicon: Optional[dict[str, float]] = None) -> ToneCounts:
    """Count lower-cased ``words`` against the lexicon; ``active`` is the number of active words among them."""
    lexicon = sentiment_lexicon() if lexicon is None else lexicon
    counts = ToneCounts(active=active)
    for word in words:
        counts.words += 1
        valence = lexicon.get(word)
        if valence is not None and valence > 0:
            counts.positive += 1
        elif valence is not None and valence < 0:
            counts.negative += 1
        if word in PRONOUNS:
            counts.pronouns += 1
    return counts


def _percent(part: int, whole: int) -> float:
    return round(100.0 * part / whole, DECIMALS) if whole else 0.0


def tone_from_counts(counts: ToneCounts) -> Tone:
    """The seven V1.5TONE values of ``counts`` (all 0 for a text without words)."""
    positive = _percent(counts.positive, counts.words)
    negative = _percent(counts.negative, counts.words)
    return Tone(
        tone=_percent(counts.positive - counts.negative, counts.words),
        positive=positive,
        negative=negative,
        polarity=_percent(counts.positive + counts.negative, counts.words),
        activity_density=_percent(counts.active, counts.words),
        self_group_density=_percent(counts.pronouns, counts.words),
        word_count=counts.words,
    )


def tone_of_text(text: str, active: int = 0) -> Tone:
    """The tone of a plain text (``active`` words known to the caller, 0 by default)."""
    return tone_from_counts(count_words(words_of(text), active))
