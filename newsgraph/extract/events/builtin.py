"""newsgraph's own English lexicon: the verb dictionary, nominal triggers and modality rules."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from newsgraph.extract.events.coder import CoderOptions
from newsgraph.extract.events.dictionaries import Dictionaries, _read_verbs

# Nouns that tell an event by themselves: "Mahdi's visit to Tehran", "an attack on the base".
NOMINAL_TRIGGERS = {
    "visit": "042", "trip": "042", "meeting": "040", "talks": "046", "negotiation": "046",
    "attack": "180", "assault": "180", "raid": "190", "bombing": "183", "airstrike": "195", "invasion": "192",
    "offensive": "190", "sanction": "163", "embargo": "163", "support": "070", "aid": "070",
    "assistance": "070", "arrest": "173", "condemnation": "111", "criticism": "111", "protest": "140",
    "mediation": "045", "investigation": "090", "inquiry": "090", "probe": "090", "hearing": "090",
    "ceasefire": "0871", "truce": "0871", "withdrawal": "0874", "curfew": "1723", "strike": "143",
    "demonstration": "141", "rally": "141", "riot": "145", "veto": "129", "threat": "130", "ultimatum": "139",
    "boycott": "143", "shelling": "194", "clash": "190", "fighting": "190", "blockade": "191",
    "crackdown": "175", "negotiations": "046", "accusation": "112", "demand": "100", "appeal": "020",
    "war game": "062", "exercise": "062", "hunger strike": "142", "air strike": "195", "peace talks": "046", "donation": "070", "loan": "071", "apology": "055",
}


@lru_cache(maxsize=1)
def lexicon() -> Dictionaries:
    """The verb dictionary shipped as ``newsgraph/data/cameo_verbs.txt``."""
    text = resources.files("newsgraph.data").joinpath("cameo_verbs.txt").read_text("utf-8")
    result = Dictionaries(name="newsgraph")
    _read_verbs(text, result)
    return result


def options() -> CoderOptions:
    return CoderOptions(nouns=NOMINAL_TRIGGERS, interpret_modality=True, require_source=False)


def user_options() -> CoderOptions:
    """A user's dictionaries decide codes themselves: no nominal triggers or recoding."""
    return CoderOptions()
