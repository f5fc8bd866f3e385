"""The vocabulary the entity rules share: roles and titles (``newsgraph/data/roles.json``),
determiners and honorifics."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Optional

from spacy.tokens import Token

__all__ = ["CALENDAR_WORDS", "NATIONS", "DETERMINERS", "PURE_HONORIFICS", "role_vocabulary", "is_title", "first_name_gender"]

DETERMINERS = {"the", "a", "an"}
# Nations that are not states (so not in the country table) but are named like countries and
# field their own national sides: places, never organizations or people.
NATIONS = {"england", "scotland", "wales", "northern ireland", "great britain", "britain"}
# Months and weekdays: the model runs them into the name that follows ("August National Association").
CALENDAR_WORDS = {"january", "february", "march", "april", "june", "july", "august", "september", "october",
                  "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                  "sunday"}
# Honorifics are part of how a person is addressed, not an office: never a role on their own.
PURE_HONORIFICS = {
    "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "dr", "dr.", "sir", "dame", "lord", "ayatollah", "sheikh",
    "sheik", "rev", "rev.", "reverend", "father", "sister", "brother", "mullah", "hojatoleslam", "saint", "st.",
}


@lru_cache(maxsize=1)
def role_vocabulary() -> dict[str, frozenset[str]]:
    """The role lexicon of ``newsgraph/data/roles.json`` as frozensets."""
    raw = json.loads(resources.files("newsgraph.data").joinpath("roles.json").read_text("utf-8"))
    return {key: frozenset(value) for key, value in raw.items() if isinstance(value, list)}



def is_title(token: Token) -> bool:
    """Whether the token is an honorific or a word of a title ("Mr", "Prime", "Minister")."""
    vocabulary = role_vocabulary()
    return token.lower_ in vocabulary["honorifics"] or token.lower_ in vocabulary["title_words"]


@lru_cache(maxsize=4096)
def first_name_gender(first_name: str) -> Optional[str]:
    """Gender of a first name from the gender-guesser name list, only where it is unambiguous."""
    guess = _gender_detector().get_gender(first_name)
    return {"male": "m", "female": "f"}.get(guess)


@lru_cache(maxsize=1)
def _gender_detector():
    import gender_guesser.detector  # noqa: PLC0415 - lazy: the name list loads only when a first name is looked up

    return gender_guesser.detector.Detector(case_sensitive=False)
