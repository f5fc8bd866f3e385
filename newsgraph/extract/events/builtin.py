"""newsgraph's own English lexicon, the shipped PETRARCH/Phoenix dictionaries, and the coding setups.

Three setups (:class:`CodingSetup`), chosen by :func:`coding_setup`:

* the default: the shipped CAMEO verb dictionary's patterns, newsgraph's lexicon where none
  matches, entity-first actors filled from the shipped Phoenix actor and agent dictionaries,
  and the precision rules (both actors coded, one event per clause);
* a user's folder on top of the shipped dictionaries (its entries win where both define a phrase);
* ``--no-dictionaries``: newsgraph's lexicon and entity-derived actors only; with a user's
  folder, that folder alone, coded as PETRARCH codes (its actors only, a source required).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Optional

from newsgraph.extract.events.coder import CoderOptions
from newsgraph.extract.events.dictionaries import (
    Dictionaries,
    _read_verbs,
    load_dictionaries,
    merge_dictionaries,
    read_dictionary,
)

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

# The shipped dictionaries (newsgraph/data/petrarch/, MIT, see NOTICE there) and their kinds.
SHIPPED = (
    ("CAMEO.2.0.txt", "verbs"),
    ("Phoenix.Countries.actors.txt", "actors"),
    ("Phoenix.International.actors.txt", "actors"),
    ("Phoenix.MilNonState.actors.txt", "actors"),
    ("Phoenix.agents.txt", "agents"),
    ("Phoenix.discards.txt", "discards"),
)


# Words that only sports and games reports use: their "beat", "attack" and "defeat" are not
# political events. Read as sentence-level discards beside the Phoenix ones.
SPORTS_DISCARDS = {
    "MEDAL", "MEDALS", "MEDALLIST", "MEDALIST", "OLYMPIC", "OLYMPICS", "PARALYMPIC", "TOURNAMENT", "CHAMPIONSHIP",
    "CHAMPIONSHIPS", "SEMIFINAL", "SEMI-FINAL", "QUARTERFINAL", "QUARTER-FINAL", "WORLD CUP", "GRAND SLAM",
    "GOALKEEPER", "STRIKER", "MIDFIELDER", "PENALTY KICK", "KICKOFF", "SCORED A GOAL", "HAT-TRICK", "FIFA", "UEFA",
    "WIMBLEDON", "NBA", "NFL", "TEST MATCH", "GRAND PRIX", "RUGBY", "SOCCER", "TENNIS", "GOLF", "MARATHON",
}


@dataclass(frozen=True)
class CodingSetup:
    """What the event coder looks words up in, and which of its rules apply."""

    verbs: Dictionaries  # the main verb dictionary
    actors: Optional[Dictionaries]  # actor/agent dictionaries filling what entities leave; None: entities only
    options: CoderOptions
    petrarch: bool = False  # a user's dictionaries alone, coded as PETRARCH codes them
    name: str = "default"
    user: Optional[Dictionaries] = None  # a user's dictionaries on top of the shipped ones: their actors first


@lru_cache(maxsize=1)
def lexicon() -> Dictionaries:
    """The verb dictionary shipped as ``newsgraph/data/cameo_verbs.txt``."""
    text = resources.files("newsgraph.data").joinpath("cameo_verbs.txt").read_text("utf-8")
    result = Dictionaries(name="newsgraph")
    _read_verbs(text, result)
    return result


@lru_cache(maxsize=1)
def default_dictionaries() -> Dictionaries:
    """The shipped PETRARCH2 verb and Phoenix actor, agent and discard dictionaries, read once
    per process. Discard entries that are only a year are left out: a year named in a news
    sentence does not make its event historical."""
    folder = resources.files("newsgraph.data").joinpath("petrarch")
    result = Dictionaries(name="CAMEO.2.0")
    for name, kind in SHIPPED:
        with resources.as_file(folder.joinpath(name)) as path:
            read_dictionary(path, kind, result)
    result.discards = {phrase for phrase in result.discards if not phrase.isdigit()} | SPORTS_DISCARDS
    result.max_phrase = max(result.max_phrase, 3)
    result.own_patterns = True
    return result


def options() -> CoderOptions:
    """newsgraph's rules: nominal triggers, modality, both actors coded, one event per clause."""
    return CoderOptions(nouns=NOMINAL_TRIGGERS, interpret_modality=True, require_source=False, require_both=True, one_event_per_clause=True)


def user_options() -> CoderOptions:
    """A user's dictionaries decide codes themselves: no nominal triggers or recoding, and
    patterns matched over the rest of the sentence as TABARI and PETRARCH match them."""
    return CoderOptions(parse_patterns=False)


def coding_setup(dictionaries: Optional[Dictionaries] = None, *, defaults: bool = True) -> CodingSetup:
    """The setup for a user's ``dictionaries`` (or none) with or without the shipped ones."""
    if defaults:
        shipped = default_dictionaries()
        merged = merge_dictionaries(dictionaries, shipped) if dictionaries is not None else shipped
        rules = options()
        rules.fallback = lexicon()
        rules.preferred = dictionaries if dictionaries is not None and dictionaries.verbs else None
        return CodingSetup(merged, merged, rules, name=merged.name, user=dictionaries)
    if dictionaries is None:
        return CodingSetup(lexicon(), None, options(), name="newsgraph")
    return CodingSetup(dictionaries, dictionaries, user_options(), petrarch=True, name=dictionaries.name)


@lru_cache(maxsize=8)
def setup_for_folder(folder: Optional[str], defaults: bool = True) -> CodingSetup:
    """:func:`coding_setup` for a folder of PETRARCH-format dictionaries, loaded once per process."""
    user = load_dictionaries(Path(folder)) if folder else None
    return coding_setup(user, defaults=defaults)
