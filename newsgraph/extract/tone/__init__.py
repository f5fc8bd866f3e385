"""Tone: GDELT's V1.5TONE measures for an article, each quote and each entity.

``scores`` counts words against a sentiment lexicon (VADER's, from the ``vaderSentiment``
package) and turns the counts into GDELT's seven values; ``lexicon`` loads the word lists;
``component`` is the ``newsgraph_tone`` spaCy component. ``docs/tone.md`` says how the values
map to GDELT's and where they differ.
"""

from newsgraph.extract.tone.scores import ToneCounts, count_words, tone_from_counts, tone_of_text

__all__ = ["ToneCounts", "count_words", "tone_from_counts", "tone_of_text"]
