"""newsgraph's own English lexicon: the verb dictionary, nominal triggers and modality rules."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from newsgraph.cameo.coder import CoderOptions
from newsgraph.cameo.dictionaries import Dictionaries, _read_verbs

# Nouns that tell an event by themselves: "Mahdi's visit to Tehran", "an attack on the base".
NOMINAL_TRIGGERS = {
    "visit": "042", "trip": "042", "meeting": "040", "talks": "046", "negotiation": "046",
    "attack": "190", "assault": "190", "raid": "190", "bombing": "183", "airstrike": "195", "invasion": "192",
    "offensive": "190", "sanction": "163", "embargo": "163", "support": "070", "aid": "070",
    "assistance": "070", "arrest": "173", "condemnation": "111", "criticism": "111", "protest": "140",
}


@lru_cache(maxsize=1)
def lexicon() -> Dictionaries:
    """The verb dictionary shipped as ``newsgraph/data/cameo_verbs.txt``."""
    text = resources.files("newsgraph.data").joinpath("cameo_verbs.txt").read_text("utf-8")
    result = Dictionaries(name="newsgraph")
    _read_verbs(text, result)
    return result


def options() -> CoderOptions:
    return CoderOptions(nouns=NOMINAL_TRIGGERS, interpret_modality=True)


def user_options() -> CoderOptions:
    """A user's dictionaries decide codes themselves: no nominal triggers or recoding."""
    return CoderOptions()
