"""Numbers as news writes them: digits, number words, scales and fractions, read to a float.

Pure functions over strings, so the rules are testable without a spaCy model. The regular
expressions are compiled once, at import.
"""

from __future__ import annotations

import re
from typing import Optional

from newsgraph.extract.quantities.units import CURRENCY_PREFIXES, SCALES

ONES = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
WORD_SCALES = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
               "mln": 1e6, "mn": 1e6, "bln": 1e9, "bn": 1e9}
FRACTIONS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4, "fourths": 4,
    "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7, "eighth": 8, "eighths": 8,
    "ninth": 9, "ninths": 9, "tenth": 10, "tenths": 10,
}

_ONES = "|".join(sorted(ONES, key=len, reverse=True))
_DIGIT_WORDS = "one|two|three|four|five|six|seven|eight|nine"
_TENS = "|".join(TENS)
_BASE = rf"(?:(?:{_TENS})(?:[-\s](?:{_DIGIT_WORDS}))?|{_ONES})"
_SCALE_WORDS = "hundred|thousand|million|billion|trillion|mln|bln|mn|bn"
# "twenty-five", "two hundred thousand", "a million", "a dozen", "two-thirds"
WORD_NUMBER_RE = re.compile(  # the lookahead on the first letter makes the scan over long texts quick
    rf"\b(?=[aAoOtTfFsSeEnNzZhHdD])(?:(?:{_DIGIT_WORDS}|a)[-\s](?:{'|'.join(FRACTIONS)})\b(?!-)"
    rf"|{_BASE}\s+and\s+a\s+half"
    rf"|(?:a|one|half\s+a)\s+dozen"
    rf"|(?:{_BASE}|an?)(?:[\s-](?:{_SCALE_WORDS}))+(?:\s+and\s+{_BASE})?(?:\s+(?:{_SCALE_WORDS}))*"
    rf"|{_BASE})\b(?!-(?:{_DIGIT_WORDS}|{_SCALE_WORDS})\b)",
    re.IGNORECASE,
)

_PREFIXES = sorted(CURRENCY_PREFIXES, key=len, reverse=True)
CURRENCY_PREFIX_ALT = "|".join(
    re.escape(p) + (r"(?=\s?[-−+]?\d)" if p[-1].isalpha() else "") for p in _PREFIXES
)
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_SCALE_ALT = "|".join(sorted(SCALES, key=len, reverse=True))
# "$3bn", "US $84 billion", "-50.8", "+0.2", "1,200", "2 1/2", "3/4", "minus-130"
DIGIT_NUMBER_RE = re.compile(
    rf"(?<![\w.$£€¥'’‘^])(?<!\d,)(?<!/)(?:(?P<cur>{CURRENCY_PREFIX_ALT})\s?)?"
    rf"(?P<sign>(?<![-−])[-−+]|minus[-\s])?"
    rf"(?P<num>\d{{1,2}}/\d{{1,3}}(?![\d/])|(?:{_NUM})(?:\s\d/\d{{1,2}}(?![\d/]))?)"
    rf"(?:(?P<scale>(?:[ \u00a0]?(?:trillion|billion|million|thousand|hundred)\b)+|[ \u00a0]?(?:bn|mn|mln|tn|bln)\b"
    rf"|(?:{_SCALE_ALT})\b))?",
)


def parse_digits(text: str) -> Optional[float]:
    """A number written in digits: "1,200" -> 1200.0, "2 1/2" -> 2.5, "3/4" -> 0.75."""
    text = text.replace(",", "").strip()
    whole, _, fraction = text.partition(" ")
    try:
        if "/" in whole:
            top, bottom = whole.split("/")
            return float(top) / float(bottom) if float(bottom) else None
        value = float(whole)
        if fraction:
            top, bottom = fraction.split("/")
            value += float(top) / float(bottom) if float(bottom) else 0.0
        return value
    except ValueError:
        return None


# Words that are exact small counts in news prose: "a couple of days", "both sides", "a single shot".
COUNT_WORDS = {"couple": 2.0, "both": 2.0, "single": 1.0, "pair": 2.0}
_DIGITS = re.compile(r"\d+(?:\.\d+)?|\d+/\d+|\.\d+")


def parse_number(text: str) -> Optional[float]:
    """Any exact number news writes, in digits, words or both; None for vague words ("several").

    The one number reader of the extractors: dates ("two weeks", "2 1/2 years") and quantities
    ("two dozen", "a million", "1,200") both read numbers here, so they never disagree.

    >>> parse_number("two dozen"), parse_number("half a dozen"), parse_number("2 1/2"), parse_number("a couple of")
    (24.0, 6.0, 2.5, 2.0)
    """
    words = [word for word in re.split(r"[-\s]+", text.lower().replace(",", "").strip()) if word]
    while words and words[-1] == "of":  # "a couple of", "a dozen of"
        words.pop()
    if not words:
        return None
    if words[-3:] == ["and", "a", "half"]:
        whole = parse_number(" ".join(words[:-3])) if len(words) > 3 else None
        return whole + 0.5 if whole is not None else None
    if words[-1] == "dozen":  # a multiplier: "two dozen" is 24, "half a dozen" 6, "a dozen" 12
        times = parse_number(" ".join(words[:-1])) if len(words) > 1 else 1.0
        return times * 12 if times is not None else None
    if words in (["half"], ["half", "a"], ["half", "an"]):
        return 0.5
    if len(words) == 2 and words[-1] in FRACTIONS:  # "two-thirds", "a quarter"
        top = 1 if words[0] in ("a", "an") else ONES.get(words[0])
        return top / FRACTIONS[words[-1]] if top is not None else None
    if words[-1] in COUNT_WORDS and len(words) <= 2 and words[0] in ("a", "an", words[-1]):
        return COUNT_WORDS[words[-1]]
    if all(_DIGITS.fullmatch(word) for word in words):
        return parse_digits(" ".join(words))
    return _sum_of_words(words)


def _sum_of_words(words: list[str]) -> Optional[float]:
    """ "two hundred thousand" -> 200000: ones and tens add up, "hundred" multiplies the group, larger
    scales close it. A digit group may start it ("3 million")."""
    total, current = 0.0, 0.0
    for position, word in enumerate(words):
        if word in ("a", "an") and position == 0:
            current = 1.0
        elif _DIGITS.fullmatch(word) and position == 0:
            current = parse_digits(word) or 0.0
        elif word in ONES:
            current += ONES[word]
        elif word in TENS:
            current += TENS[word]
        elif word == "hundred":
            current = (current or 1.0) * 100
        elif word in WORD_SCALES:
            total += (current or 1.0) * WORD_SCALES[word]
            current = 0.0
        elif word != "and":
            return None
    return total + current


def parse_words(text: str) -> Optional[float]:
    """A number written in words: "twenty-five" -> 25, "two hundred thousand" -> 200000, "two-thirds" -> 0.667."""
    return parse_number(text)


def scale_factor(scale: Optional[str]) -> float:
    """The multiplier of a scale word or suffix ("bn" -> 1e9); 1 for none."""
    if not scale:
        return 1.0
    factor = 1.0
    for word in scale.split():
        factor *= SCALES.get(word, SCALES.get(word.lower(), 1.0))
    return factor


def tidy(value: float) -> float:
    """Round away float noise from scaling: 1.2 * 1e6 is 1200000.0, not 1199999.9999999998."""
    return float(f"{value:.12g}")
