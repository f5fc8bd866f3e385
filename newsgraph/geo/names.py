"""How place names are compared: one key for "St. Louis", "Saint Louis" and "ST LOUIS"."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u02bb": "'", "`": "'"})
_PUNCT = re.compile(r"[.,()\"]")
_SPACES = re.compile(r"[\s\-]+")
# Abbreviated generic words that GeoNames writes out in full ("Ft. Worth" is "Fort Worth").
_PREFIXES = {"saint": "st", "sainte": "ste", "ft": "fort", "mt": "mount"}


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """The lookup key of a place name: lower case, no accents or dots, "the" and "Saint" normalised.

    >>> name_key("St. Louis") == name_key("Saint-Louis")
    True
    """
    text = unicodedata.normalize("NFKD", name.translate(_APOSTROPHES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = _SPACES.sub(" ", _PUNCT.sub("", text)).strip()
    if text.startswith("the "):
        text = text[4:]
    words = text.split(" ")
    if words and words[0] in _PREFIXES:
        words[0] = _PREFIXES[words[0]]
    return " ".join(words)
