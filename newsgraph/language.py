"""A light check that a text is English, from the share of English function words."""

from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
SAMPLE_WORDS = 400
MIN_STOPWORD_SHARE = 0.2  # English news runs at 0.4-0.5; other Latin-script languages below 0.1


def detect_language(text: str) -> str:
    """"en" where the text reads as English, "und" (undetermined) otherwise."""
    words = _WORD.findall(text[:20000])[:SAMPLE_WORDS]
    if not words:
        return "und"
    share = sum(word.lower() in STOP_WORDS for word in words) / len(words)
    if len(words) < 8:
        return "en" if share > 0 or all(w.isascii() for w in words) else "und"
    return "en" if share >= MIN_STOPWORD_SHARE else "und"
