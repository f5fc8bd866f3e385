"""Extractive summaries by sentence ranking: pure functions over sentence features.

A sentence's score is ``CENTRALITY_WEIGHT`` x its centrality + ``POSITION_WEIGHT`` x its position
score + bonuses. Centrality: for each distinct content word of the sentence, the number of other
sentences that use it, summed and divided by the square root of the sentence's distinct words (so
long sentences do not win by length alone), scaled so the most central sentence has 1. Position:
1 / sqrt(1 + index). Sentences with fewer than ``MIN_WORDS`` words (datelines, sign-offs) are not
chosen, nor one that repeats most of the words of a sentence already chosen.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Sequence

SUMMARY_SENTENCES = 3
MIN_WORDS = 5
CENTRALITY_WEIGHT = 0.5
POSITION_WEIGHT = 0.4
QUOTE_BONUS = 0.15
EVENT_BONUS = 0.1
MAX_OVERLAP = 0.6  # Jaccard overlap of content words above which a sentence repeats a chosen one


@dataclass
class SentenceFeatures:
    words: int  # number of words
    content: frozenset[str] = field(default_factory=frozenset)  # lower-cased lemmas of content words
    has_quote: bool = False
    has_event: bool = False


def centrality(sentences: Sequence[SentenceFeatures]) -> list[float]:
    """Each sentence's share of the article's vocabulary, 1 for the most central one."""
    document_frequency = Counter(word for sentence in sentences for word in sentence.content)
    raw = [sum(document_frequency[word] - 1 for word in s.content) / math.sqrt(len(s.content) + 1) for s in sentences]
    top = max(raw, default=0.0)
    return [value / top if top else 0.0 for value in raw]


def sentence_scores(sentences: Sequence[SentenceFeatures]) -> list[float]:
    central = centrality(sentences)
    scores = []
    for index, (sentence, central_share) in enumerate(zip(sentences, central)):
        score = CENTRALITY_WEIGHT * central_share + POSITION_WEIGHT / math.sqrt(1 + index)
        score += QUOTE_BONUS if sentence.has_quote else 0.0
        score += EVENT_BONUS if sentence.has_event else 0.0
        scores.append(score)
    return scores


def _overlap(first: frozenset[str], second: frozenset[str]) -> float:
    union = first | second
    return len(first & second) / len(union) if union else 1.0


def summarize(sentences: Sequence[SentenceFeatures], size: int = SUMMARY_SENTENCES) -> list[int]:
    """Indexes of the ``size`` best sentences, in article order (all eligible ones when there are fewer)."""
    scores = sentence_scores(sentences)
    ranked = sorted(range(len(sentences)), key=lambda index: (-scores[index], index))
    chosen: list[int] = []
    for index in ranked:
        if len(chosen) == size:
            break
        sentence = sentences[index]
        if sentence.words < MIN_WORDS:
            continue
        if any(_overlap(sentence.content, sentences[other].content) > MAX_OVERLAP for other in chosen):
            continue
        chosen.append(index)
    if not chosen and sentences:  # only short sentences: the first one still says something
        chosen = [0]
    return sorted(chosen)
