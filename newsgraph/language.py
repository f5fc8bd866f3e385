"""A light language check: which language's function words (spaCy's stop-word lists) a text
uses most. Enough to tell English news from news in other languages, which is all the English
pipeline needs to know."""

from __future__ import annotations

import importlib.util
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
SAMPLE_WORDS = 200
LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "nl", "sv", "da", "pl", "tr", "id", "ro", "hu", "fi", "cs")
MIN_SHARE = 0.1
MIN_FUNCTION_WORDS = 2  # one shared word ("net", "die") is no evidence of a language  # English news runs at 0.3-0.5 of its own function words


@lru_cache(maxsize=1)
def _languages_of_word() -> dict[str, tuple[str, ...]]:
    """Each function word to the languages it belongs to; words English shares count for English only."""
    english = _stop_words("en")
    owners: dict[str, list[str]] = {word: ["en"] for word in english}
    for code in LANGUAGES[1:]:
        for word in _stop_words(code):
            if word not in english:
                owners.setdefault(word, []).append(code)
    return {word: tuple(codes) for word, codes in owners.items()}


def _stop_words(code: str) -> set[str]:
    """spaCy's stop-word list of a language, read from its file alone. Importing
    ``spacy.lang.fr.stop_words`` would import the whole language package first (tokenizer
    exceptions and all: seconds of regex compiling for French), and this check runs in the
    process that reads and stores while the workers analyse."""
    spec = importlib.util.find_spec("spacy")  # finds the package without importing it
    assert spec is not None and spec.submodule_search_locations, "spaCy is a dependency"
    path = Path(spec.submodule_search_locations[0]) / "lang" / code / "stop_words.py"
    module_spec = importlib.util.spec_from_file_location(f"_stop_words_{code}", path)
    assert module_spec is not None and module_spec.loader is not None
    module = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(module)  # the file only builds a set of words
    return set(module.STOP_WORDS)


def detect_language(text: str) -> str:
    """ISO 639-1 code of the language whose function words the text uses most; "und" if none."""
    words = [word.lower() for word in _WORD.findall(text[:20000])[:SAMPLE_WORDS]]
    if not words:
        return "und"
    counts = Counter({"en": 0})
    owners = _languages_of_word()
    for word in words:
        counts.update(owners.get(word, ()))
    best, count = counts.most_common(1)[0]
    if count >= max(MIN_FUNCTION_WORDS, MIN_SHARE * len(words)):
        return best
    # Few function words of any language: a headline, a name list, a table of figures
    # ("Shr 1.00 vs 87 cts"). Latin letters without accents read as English.
    ascii_share = sum(word.isascii() for word in words) / len(words)
    return "en" if ascii_share >= 0.9 else "und"
