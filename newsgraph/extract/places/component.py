"""The ``newsgraph_places`` component: where things are, with a point on the map for each place.

Fills ``Doc._.ng_places`` with :class:`newsgraph.model.Place`, in three steps:

1. :func:`find_mentions`: the model's GPE and LOC names, road-like FAC names, demonyms and
   country adjectives ("Iraqi", "US officials", ``modifier``), places that open another name
   ("the Alexandria City Public Schools"), capitalised names after "in"/"near"/"at" that the
   model missed, and the state or country of a "City, State" pattern ("Alexandria, La."); names the
   model gave another type where the text makes them places ("clinics in Lodwar and Kakuma",
   "the city of Tabriz"), and named parts of towns ("Cairo's Abbasiya neighbourhood").
2. :func:`newsgraph.extract.places.resolve.resolve_all`: which place each name means, from population and
   the rest of the article (see that module).
3. :func:`is_metonymic`: a capital standing for its government ("Tehran said", "support from
   Washington") keeps its point but is flagged ``metonymy`` and tied to the country's entity.
   The frame is read before resolution, so that "Washington said" means the national capital.
   Seats of power ("the Kremlin", "the White House") are placed and flagged the same way.

The text also narrows the candidates: the dateline ("KABUL, Afghanistan (AP) -"), "X, in Y
province", "the Kenyan town of X", "Nigeria's Borno state", "X province" and "the city of X".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from spacy.attrs import ENT_IOB, IS_TITLE, IS_UPPER
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsgraph.countries import alpha2_to_alpha3, country, country_from_demonym
from newsgraph.extract._common import FactComponent, sentence_index
from newsgraph.extract.places.gazetteer import GazPlace, gazetteer
from newsgraph.extract.places.names import name_key, state_abbreviation
from newsgraph.extract.places.regions import seat_named
from newsgraph.extract.places.resolve import (
    DIRECTIONS,
    NEAR_KM,
    REGION_FEATURES,
    Mention,
    after_direction,
    division_point,
    haversine_km,
    place_inside,
    resolve_all,
)
from newsgraph.model import Place

PLACE_LABELS = {"GPE", "LOC"}
# Names that may hold a place at their start: "Gainesville Police", "Ohio State University".
HOST_LABELS = {"ORG", "PERSON", "FAC", "NORP", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW"}
# Last words of a FAC name that make it a toponym of its own (roads, parks, waters).
LANDMARK_WORDS = {
    "street", "st.", "avenue", "ave.", "road", "rd.", "drive", "dr.", "boulevard", "blvd.", "highway", "interstate",
    "lane", "parkway", "way", "trail", "bridge", "park", "lake", "river", "creek", "square", "airport", "forest",
    "mountain", "mountains", "island", "islands", "bay", "canal", "valley", "beach", "harbor", "harbour", "pike",
}
WATER_WORDS = {"river", "lake", "creek", "bay", "sea", "ocean", "gulf", "canal", "harbor", "harbour", "strait"}
LOCATIVE = {"in", "at", "near", "outside", "from", "to", "into", "across", "throughout", "around", "toward", "towards"}
MAX_NAME_TOKENS = 4
# Nouns whose possessor or "from"/"with" object is a government when it is a capital:
# "support from Washington", "ties with Tehran", "Moscow's position".
ACTOR_NOUNS = {
    "support", "pressure", "aid", "ties", "relations", "talks", "demands", "demand", "criticism", "sanctions",
    "warning", "threat", "threats", "response", "position", "stance", "policy", "policies", "decision", "influence",
    "backing", "approval", "request", "offer", "proposal", "call", "calls", "deal", "agreement", "dialogue",
    "cooperation", "help", "assistance", "funding", "message", "opposition", "protest", "complaint", "envoy",
    "ambassador", "allies", "ally", "officials", "government", "administration", "leadership", "military",
}
# Nouns whose possessor is the city itself: "Tehran's streets", "Baghdad's mayor".
LOCAL_NOUNS = {
    "streets", "street", "residents", "mayor", "outskirts", "suburbs", "airport", "centre", "center", "downtown",
    "population", "people", "neighborhood", "neighbourhood", "districts", "district", "traffic", "skyline", "air",
    "old", "main", "university", "hospitals", "hospital", "markets", "market", "port", "stock", "bazaar",
}
# Verbs whose "from" / "on" object is an actor: "receives support from Washington", "called on Baghdad".
ACTOR_VERBS = {
    "receive", "get", "seek", "obtain", "win", "hear", "face", "demand", "request", "accept", "need", "expect",
    "call", "rely", "depend", "urge", "press", "pressure", "impose", "put",
}
LOCAL_PREPOSITIONS = {"in", "at", "near", "to", "into", "outside", "across", "around", "inside", "through", "via"}
# Words that are division names somewhere ("North" in Cameroon) but in English text are not places.
GENERIC_NAMES = {"north", "south", "east", "west", "central", "centre", "center", "northern", "southern", "eastern",
                 "western", "midwest", "downtown", "uptown", "city", "county", "state", "capital", "mainland"}
_CITY_STATE = re.compile(r"\s*,\s*((?:[A-Z][A-Za-z]*\.?\s?){1,3})")
# Words for a kind of division or settlement, and which gazetteer feature each asks for.
KIND_FEATURES = {
    "province": "admin1", "provinces": "admin1", "state": "admin1", "region": "admin1", "governorate": "admin1",
    "prefecture": "admin1", "oblast": "admin1", "department": "admin1",
    "town": "city", "city": "city", "village": "city", "capital": "city", "port": "city", "hamlet": "city",
    "district": None, "county": None, "municipality": None, "area": None, "island": None, "community": None,
}
# Plural kinds after a list of names: "Barrow, Jackson and Madison counties", "Kano and Kaduna states".
# "districts" are first-level divisions in some countries and second-level ones in others: the
# names are places, of no one kind.
PLURAL_KIND_FEATURES: dict[str, Optional[str]] = {
    "counties": "admin2", "parishes": "admin2", "states": "admin1", "provinces": "admin1", "regions": "admin1",
    "governorates": "admin1", "prefectures": "admin1", "oblasts": "admin1", "districts": None,
}
_PLURAL_KIND_AFTER = re.compile(rf"\s+({'|'.join(PLURAL_KIND_FEATURES)})\b")
# What joins the names of such a list: a comma, "and", "or".
_LIST_JOIN = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|&\s*)$")
_KIND = "|".join(sorted(KIND_FEATURES, key=len, reverse=True))
# "the Kenyan town of", "Syria's northern province of": a country, then a kind of place, then "of".
_KIND_OF = re.compile(rf"(?:'s|’s|-[a-z]+)?\s+(?:[a-z][a-z\-]+\s+){{0,2}}?({_KIND})\s+of\s+(?:the\s+)?")
# "Nigeria's northeastern": a country's possessive, then the place.
_POSSESSIVE = re.compile(r"(?:'s|’s)\s+(?:[a-z][a-z\-]+\s+){0,2}?")
# "X, in Y", "X in northern Y", "X, in the Y region": Y is where X is.
_IN_PLACE = re.compile(r",?\s+in\s+(?:the\s+)?(?:(?:north|south|east|west|central)[a-z]*\s+)?"
                       rf"(?:(?:{_KIND})\s+of\s+)?")
# "Y province", "Borno state" right after a name: the division, not its town.
_KIND_AFTER = re.compile(rf"\s+({_KIND})\b")
# "the city of X", "the state of X" right before a name.
_KIND_BEFORE = re.compile(rf"\b({_KIND})\s+of\s+(?:the\s+)?$")
# Nouns of a US state's government after its name: "the Georgia capitol", "Georgia lawmakers",
# "Georgia Gov. Brian Kemp", "Georgia's state senate" (a country has no capitol, governor or
# General Assembly).
_STATE_GOVERNMENT = re.compile(
    r"(?:'s|’s)?\s+(?:state\s+)?(?:capitol|legislature|legislators|legislative|lawmakers|governor|gov\.|"
    r"lieutenant governor|lt\. gov\.|general assembly|senate|senators?|statehouse|state house|"
    r"attorney general|secretary of state)(?![a-z])", re.IGNORECASE)
# "KABUL, Afghanistan (AP) -", "BAGHDAD, April 6 (Reuters) -": a dateline at the start of a line.
_DATELINE = re.compile(r"(?m)^[ \t]*([A-Z][A-Z'.\-]+(?: [A-Z][A-Z'.\-]+){0,3})(?=\s*(?:,|\(|-|—|–))")
DATELINE_CHARS = 400


@Language.factory("newsgraph_places", assigns=["doc._.ng_places"], requires=["doc.ents", "doc._.ng_entities"])
def make_places(nlp: Language, name: str) -> "PlaceFinder":
    return PlaceFinder(nlp, name)


class PlaceFinder(FactComponent):
    """Sets ``Doc._.ng_places``: a list of :class:`newsgraph.model.Place`.

    The gazetteer is loaded once per process, on the first document.
    """

    extension = "ng_places"

    def find(self, doc: Doc) -> list[Place]:
        return find_places(doc)


@dataclass
class Found:
    """A mention with how it was found."""

    mention: Mention
    modifier: bool = False
    landmark: bool = False  # a road or park the gazetteer cannot place: kept without a point
    keep: bool = False  # a place name even where the gazetteer has no point for it
    inside: bool = False  # placed at the place its name opens with ("Athens Regional Park")
    approximate: bool = False  # placed at the division the text puts it in ("Holliday, Mo.")


def find_places(doc: Doc) -> list[Place]:
    """All places in ``doc``, in text order."""
    found = find_mentions(doc)
    mark_governments(doc, found)
    context = resolve_all([f.mention for f in found], home_country(doc._.ng_source), gazetteer().capital_rows)
    places, text = [], doc.text  # Doc.text joins every token: once per document
    for item in found:
        if item.mention.place is None and (item.keep or item.landmark):
            inner = place_inside(item.mention, context)
            if inner is not None:
                item.mention.place, item.mention.reason, item.inside = inner, "named-in", True
        if item.mention.town is not None:
            _place_in_town(item, context.votes.get(item.mention.town))
        if item.mention.place is None and not item.mention.weak:
            division = division_point(item.mention)
            if division is not None:
                item.mention.place, item.mention.reason, item.approximate = division, "constraint", True
        place = to_place(doc, item, text)
        if place is not None:
            places.append(place)
    return places


def _place_in_town(item: Found, town: Optional[GazPlace]) -> None:
    """A part of a town ("Cairo's Abbasiya neighbourhood") away from the town, or unplaced, takes
    the town's point."""
    place = item.mention.place
    if town is None or town.feature != "city" or place is not None and haversine_km(place.lat, place.lon, town.lat, town.lon) <= NEAR_KM:
        return
    item.mention.place, item.mention.reason, item.approximate = town, "constraint", True


def mark_governments(doc: Doc, found: list[Found]) -> None:
    """Flag the names of capitals used as governments ("Moscow denied"), before resolution."""
    capital_names = _capital_names()
    for item in found:
        if name_key(item.mention.query) in capital_names and is_metonymic(doc, item.mention.start, item.mention.end):
            # "Victoria said on Monday": a capital named as a government is a place even where
            # the model took it for an organisation.
            item.mention.government, item.mention.weak = True, False


def find_mentions(doc: Doc) -> list[Found]:
    """Every stretch of ``doc`` that may name a place (see the module docstring), without overlaps."""
    found: list[Found] = []
    taken: set[int] = set()

    def add(item: Optional[Found]) -> None:
        if item is None:
            return
        chars = range(item.mention.start, item.mention.end)
        if item.mention.end > item.mention.start and not taken.intersection(chars):
            taken.update(chars)
            found.append(item)

    for item in _capital_subjects(doc):
        add(item)
    for item in _party_homes(doc):
        add(item)
    for ent in doc.ents:
        if ent.label_ in PLACE_LABELS:
            for piece in _split_list(ent):
                add(_place_name(piece))
    for ent in doc.ents:
        if ent.label_ == "NORP" or ent.label_ in HOST_LABELS:
            add(_seat(ent) or _demonym(ent) or _landmark(ent) or _leading_place(ent))
    for i in _capitalised_outside_names(doc):
        token = doc[i]
        if token.idx not in taken and token.text[:1].isupper():
            add(_bare_demonym(doc, token) or _after_preposition(doc, token) or _conjunct_place(doc, token, taken))
    _dateline(doc, found, add)
    _city_state(doc, found, add)
    _listed_divisions(doc, found, add)
    _listed_with_place(doc, found, add)
    _settlements_named(doc.text, add)
    _town_parts(doc.text, found, add)
    _whole_saint_names(doc.text, found)
    found.sort(key=lambda f: f.mention.start)
    _narrow_by_text(doc, found)
    return found


# "Rep. Vicki Lensing, D-Iowa City", "Sen. Byron Dorgan (D-N.D.)": a legislator's party and the
# state or town they stand for.
_PARTY_HOME = re.compile(r"[A-Z][a-z]+(?:,\s*|\s*\()[DRI]-([A-Z][\w.'’]*(?: [A-Z][\w.'’]*){0,2})")
_PARTY_HOME_END = re.compile(r"\s*[.,;:)\"“”]|\s+(?:and|or)\b|\s*$")


def _party_homes(doc: Doc) -> list[Found]:
    """The place after a legislator's party letter ("D-Iowa City", "R-Texas", "D-W. Va."): the
    longest run of its words that is a known place or a state's abbreviation."""
    found, text = [], doc.text
    for match in _PARTY_HOME.finditer(text):
        words = match.group(1).split()
        start = match.start(1)
        for size in range(len(words), 0, -1):
            name = " ".join(words[:size]).rstrip(",;")
            if name.endswith(".") and state_abbreviation(name) is None:
                name = name[:-1]  # "D-Iowa City." ends the sentence
            query = _party_home_name(name)
            # the place closes the aside: "D-Iowa City," but not "Normandy, D-Day landings"
            if query is not None and (query.endswith(".") or _PARTY_HOME_END.match(text, start + len(name))):
                found.append(Found(Mention(start, start + len(name), query), keep=True))
                break
    return found


def _party_home_name(name: str) -> Optional[str]:
    """The name to look up for a party's place: the name, or a state's abbreviation that lost its
    last dot ("D-Calif")."""
    if name_key(name) in GENERIC_NAMES:
        return None
    if state_abbreviation(name) is not None or gazetteer().lookup(name) or gazetteer().short_county(name):
        return name
    if not name.endswith(".") and state_abbreviation(name + ".") is not None:
        return name + "."
    return None


def _capitalised_outside_names(doc: Doc) -> list[int]:
    """Indexes of title-case or capitals tokens outside the model's names (without making a Token
    object for every word: this runs on every document)."""
    if not len(doc):
        return []
    array = doc.to_array([IS_TITLE, IS_UPPER, ENT_IOB])
    outside = array[:, 2] == 2  # ENT_IOB: 2 is "O"
    return [int(i) for i in (array[:, :2].any(axis=1) & outside).nonzero()[0]]


def _split_list(ent: Span) -> list[Span]:
    """"Alexandria, La." or "Cairo, Egypt" tagged as one name: its pieces."""
    pieces, start = [], ent.start
    for token in ent:
        if token.text in {",", ";"}:
            if token.i > start:
                pieces.append(ent.doc[start : token.i])
            start = token.i + 1
    if ent.end > start:
        pieces.append(ent.doc[start : ent.end])
    return pieces


def _trim(span: Span) -> Optional[Span]:
    """Without a leading article, trailing possessive or punctuation."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ in {"the", "a", "an"} or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].is_punct and doc[end - 1].text != "." or doc[end - 1].lower_ in {"'s", "’s", "'"}):
        end -= 1
    if end <= start or not any(ch.isupper() for ch in doc[start:end].text[:1]):
        return None
    return doc[start:end]


def _is_modifier(span: Span) -> bool:
    """"US officials", "U.S. forces": the name modifies a noun after it."""
    root = span.root
    return root.dep_ in {"compound", "amod", "nmod"} and root.head.i >= span.end and root.head.pos_ in {"NOUN", "PROPN"}


def _place_name(span: Span) -> Optional[Found]:
    trimmed = _trim(span)
    if trimmed is None:
        return None
    text = trimmed.text
    start = span.start_char if span.doc[span.start].lower_ == "the" else trimmed.start_char
    if name_key(text) in GENERIC_NAMES:
        return None
    demonym = _demonym_country(text)
    if demonym and not gazetteer().lookup(text):
        return Found(Mention(start, trimmed.end_char, text, country_code=demonym), modifier=True)
    loose = span.label_ == "LOC"  # regions and waters: a same-named village is not what is meant
    return Found(Mention(start, trimmed.end_char, text, loose=loose), modifier=_is_modifier(trimmed), keep=True)


@lru_cache(maxsize=4096)
def _demonym_country(text: str) -> Optional[str]:
    """ISO alpha-2 of the country a demonym or adjective points to ("Iraqi" -> "IQ"), else None."""
    alpha3 = country_from_demonym(text)
    found = country(alpha3) if alpha3 else None
    return found.alpha2 if found else None


def _demonym(ent: Span) -> Optional[Found]:
    trimmed = _trim(ent)
    if trimmed is None:
        return None
    code = _demonym_country(trimmed.text)
    if code is None:
        return None
    return Found(Mention(trimmed.start_char, trimmed.end_char, trimmed.text, country_code=code), modifier=True)


def _bare_demonym(doc: Doc, token: Token) -> Optional[Found]:
    """A country adjective the model did not tag ("Sri Lankan", "Israeli")."""
    for size in (2, 1):
        if token.i + size > len(doc):
            continue
        span = doc[token.i : token.i + size]
        if any(t.ent_iob_ != "O" for t in span):
            continue
        code = _demonym_country(span.text)
        if code:
            return Found(Mention(span.start_char, span.end_char, span.text, country_code=code), modifier=True)
    return None


def _landmark(ent: Span) -> Optional[Found]:
    """A road, park or water named as a facility ("Darby Street"): a toponym without a point."""
    trimmed = _trim(ent)
    if trimmed is None or ent.label_ not in {"FAC", "ORG", "PERSON"} or trimmed[-1].lower_ not in LANDMARK_WORDS:
        return None
    if len(trimmed) < 2:
        return None
    return Found(Mention(trimmed.start_char, trimmed.end_char, trimmed.text, weak=True), landmark=True)


def _leading_place(ent: Span) -> Optional[Found]:
    """A place at the start of another name: "Ohio" in "Ohio State University"."""
    trimmed = _trim(ent)
    if trimmed is None:
        return None
    doc = ent.doc
    first = trimmed.start
    # "the State of Ohio", "Commonwealth of Kentucky": the place after the kind of place.
    if first + 2 < trimmed.end and doc[first].lower_ in KIND_OF_WORDS and doc[first + 1].lower_ == "of":
        first += 2
    whole = trimmed.end - first
    for size in range(min(MAX_NAME_TOKENS, whole), 0, -1):
        span = doc[first : first + size]
        if not all(t.text[:1].isupper() or t.is_punct for t in span) or span[-1].is_punct:
            continue
        places = _known_or_part(span)
        if not places or name_key(span.text) in GENERIC_NAMES:
            continue
        if size < whole and name_key(span.text) in BODY_WORDS:
            continue  # "Federal Trade Commission" does not open with Brazil's Federal District
        strong = any(p.feature in {"country", "admin1", "continent"} for p in places)
        # "Rapides Parish Fire District": a name that says it is a division is no person's.
        division = span[-1].lower_ in DIVISION_NOUNS and any(p.feature == "admin2" for p in places)
        if ent.label_ == "PERSON" and size < whole and not division:
            return None  # "Jackson" in "Jackson Browne" is the person
        if ent.label_ == "PERSON" and not (strong or division) and not _after_locative(doc, trimmed.start):
            return None
        return Found(Mention(span.start_char, span.end_char, span.text, weak=not strong))
    return None


def _known_or_part(span: Span) -> list[GazPlace]:
    """The places called ``span``; for "Northeast Texas" the places called "Texas" that are no
    town; none for a direction alone ("Northeast" is a region of Iceland, not the start of
    "Northeast Texas Community College")."""
    words = span.text.split()
    inner = after_direction(span.text)
    if inner is None:
        return [] if words[0].lower() in DIRECTIONS else gazetteer().lookup(span.text)
    # "South Africa" and "West Virginia" are names of their own; "Far North" is Cameroon's region,
    # but "Far North Queensland" is part of Queensland
    return gazetteer().lookup(span.text) or [p for p in gazetteer().lookup(inner) if p.feature != "city"]


# Words that open the names of bodies and institutions, and are also some place's name in the
# gazetteer ("Federal" is Brazil's Federal District, "Union" a county): not a place where they open
# a longer name ("Federal Reserve", "General Motors", "Union Pacific", "Royal Navy").
BODY_WORDS = {"federal", "general", "royal", "national", "united", "international", "metropolitan", "supreme",
              "democratic", "republican", "socialist", "popular", "union", "central", "capital"}


# Words before "of" that name a kind of place: "the State of Ohio", "the City of Dublin".
KIND_OF_WORDS = {"state", "commonwealth", "city", "town", "village", "county", "province", "republic", "kingdom",
                 "borough", "township", "district", "region"}
# Last words of a second-level division's name.
DIVISION_NOUNS = {"county", "parish", "borough", "district"}


def _after_locative(doc: Doc, i: int) -> bool:
    return i > 0 and doc[i - 1].lower_ in LOCATIVE


def _longest_known_name(doc: Doc, token: Token) -> Optional[Found]:
    """The longest run of untagged capitalised words from ``token`` that the gazetteer knows, as a
    weak mention ("Fargo", "Red Wing"); None when no run from it is a known, specific place name."""
    end = token.i + 1
    while end < len(doc) and end - token.i < MAX_NAME_TOKENS and doc[end].text[:1].isupper() \
            and doc[end].ent_iob_ == "O" and doc[end].is_alpha:
        end += 1
    for stop in range(end, token.i, -1):
        span = doc[token.i : stop]
        if name_key(span.text) not in GENERIC_NAMES and gazetteer().lookup(span.text):
            return Found(Mention(span.start_char, span.end_char, span.text, weak=True))
    return None


def _after_preposition(doc: Doc, token: Token) -> Optional[Found]:
    """A capitalised name after "in", "near", "at" that the model left untagged ("in Fargo")."""
    if not _after_locative(doc, token.i) or token.pos_ not in {"PROPN", "NOUN", "ADJ"}:
        return None
    return _longest_known_name(doc, token)


@lru_cache(maxsize=1)
def _capital_names() -> frozenset:
    """Name keys of every national capital."""
    return frozenset(key for _, key in gazetteer().capitals)


def _seat(ent: Span) -> Optional[Found]:
    """A building that stands for a government: "the Kremlin", "the White House"."""
    trimmed = _trim(ent)
    if trimmed is None or seat_named(trimmed.text) is None:
        return None
    return Found(Mention(trimmed.start_char, trimmed.end_char, trimmed.text), keep=True)


def _capital_subjects(doc: Doc) -> list[Found]:
    """National capitals as the subject of a verb, whatever the model took them for: "Rabat said"
    (tagged a person), "Port of Spain said" ("Spain" alone a place), "Sana'a said" (untagged).
    A name the article also gives a person in full ("Sofia Perez ... Sofia said") is left alone."""
    found = []
    names = _capital_names()
    for token in doc:
        if token.dep_ not in {"nsubj", "nsubjpass"} or not token.text[:1].isupper() \
                or token.head.pos_ not in {"VERB", "AUX"}:
            continue
        span = _capital_at(doc, token, names)
        if span is not None and not _someones_name(doc, span):
            found.append(Found(Mention(span.start_char, span.end_char, span.text, government=True), keep=True))
    return found


def _capital_at(doc: Doc, token: Token, names: frozenset) -> Optional[Span]:
    """The longest capital's name ending at ``token`` or at the end of its phrase ("Port of Spain")."""
    sentence_start = token.sent.start if doc.has_annotation("SENT_START") else 0
    ends = sorted({token.i + 1, token.right_edge.i + 1}, reverse=True)
    for start in range(max(sentence_start, token.i - MAX_NAME_TOKENS), token.i + 1):
        for end in ends:
            span = doc[start:end]
            if span[0].text[:1].isupper() and name_key(span.text) in names:
                return span
    return None


def _someones_name(doc: Doc, span: Span) -> bool:
    """Whether a person named elsewhere in the article bears this name and more ("Sofia Perez")."""
    for ent in doc.ents:
        if ent.label_ == "PERSON" and len(ent) > len(span) and span.text in ent.text.split():
            return True
    return False


def _dateline(doc: Doc, found: list[Found], add) -> None:
    """The place the article was filed from, in capitals at the start of a line near the top."""
    for match in _DATELINE.finditer(doc.text[:DATELINE_CHARS]):
        name = match.group(1)
        if len(name) < 3 or not gazetteer().lookup(name):
            continue
        start, end = match.start(1), match.end(1)
        overlapping = [item for item in found if item.mention.start < end and start < item.mention.end]
        if overlapping:
            item = min(overlapping, key=lambda f: f.mention.start)
            item.mention.dateline, item.mention.weak = True, False
            if item.mention.start == start and item.mention.end < end and all(f.mention.end <= end for f in overlapping):
                # "ST. PAUL -" where the model took only "ST" (or "ST" and "PARIS" apart): the
                # dateline's whole name
                item.mention.end, item.mention.query = end, name
                found[:] = [f for f in found if f is item or f not in overlapping]
            return
        add(Found(Mention(start, end, name, dateline=True)))
        return


# Words that open a place's name and are no place alone: "ST. PAUL" taken by the model as "ST".
NAME_OPENERS = {"st", "ste", "mount", "fort", "port"}
_NEXT_WORDS = re.compile(r"\.?\s+([A-Z][\w'’]*(?:\s+[A-Z][\w'’]*){0,2})")


def _whole_saint_names(text: str, found: list[Found]) -> None:
    """A mention that is only "St." or "Mt.", or ends with it ("Fort St."), takes the capitalised
    words after it that make a known name ("ST. JOHN'S", "St. Paul", "Fort St. John"), and the
    mentions found inside them are dropped."""
    for item in list(found):
        mention = item.mention
        words = name_key(mention.query).split()
        if not words or words[-1] not in NAME_OPENERS:
            continue
        following = _NEXT_WORDS.match(text, mention.end)
        if following is None:
            continue
        words = following.group(1).split()
        for size in range(len(words), 0, -1):
            end = following.start(1) + len(" ".join(words[:size]))
            name = text[mention.start : end]
            if gazetteer().lookup(name):
                mention.end, mention.query, mention.weak = end, name, False
                found[:] = [f for f in found if f is item or not (mention.start <= f.mention.start < end)]
                break


def _narrow_by_text(doc: Doc, found: list[Found]) -> None:
    """What the words around a name say about it: "the Kenyan town of X" (X is in Kenya), "X, in Y
    province" (X is in Y), "Borno state" and "the state of Borno" (a division, not its town)."""
    text = doc.text
    for item, following in zip(found, found[1:] + [None]):
        mention = item.mention
        kind = _KIND_AFTER.match(text, mention.end)
        if kind and not mention.query.lower().endswith(kind.group(1)):
            mention.prefer = mention.prefer or KIND_FEATURES[kind.group(1)]
        kind = _KIND_BEFORE.search(text, max(0, mention.start - 40), mention.start)
        if kind:
            mention.prefer = mention.prefer or KIND_FEATURES[kind.group(1)]
        mention.state_government = bool(_STATE_GOVERNMENT.match(text, mention.end))
        if following is None or following.mention.within:
            continue
        where = _country_of(mention)
        if where:
            frame = _KIND_OF.match(text, mention.end) or _POSSESSIVE.match(text, mention.end)
            if frame and frame.end() == following.mention.start and not following.mention.weak:
                following.mention.within, following.mention.firm = (where, None), True
                if frame.re is _KIND_OF:
                    following.mention.prefer = KIND_FEATURES[frame.group(1)] or following.mention.prefer
            continue
        frame = _IN_PLACE.match(text, mention.end)
        if frame and frame.end() == following.mention.start and not mention.within:
            within = _division(following.mention.query)
            if within is not None:
                mention.within = within
                mention.firm = _is_town_name(mention.query) and _one_division(following.mention.query)


def _listed_divisions(doc: Doc, found: list[Found], add) -> None:
    """"Becker, Clay and Douglas counties", "Borno and Yobe states": every name of a list that the
    text closes with a plural kind is that kind of division, found or not by the model."""
    by_start = {f.mention.start: f for f in found}
    for token in doc:
        if token.text not in PLURAL_KIND_FEATURES:
            continue
        feature = PLURAL_KIND_FEATURES[token.text]
        for span in _list_before(doc, token.i):
            item = by_start.get(span.start_char)
            if item is not None and item.mention.end == span.end_char:
                item.mention.prefer = item.mention.prefer or feature
            elif _has_division(span.text, feature):
                # of no one kind ("districts"), the name is kept only where the article backs it
                add(Found(Mention(span.start_char, span.end_char, span.text, prefer=feature, weak=feature is None),
                          keep=feature is not None))


# Types the model gives a town's name by mistake ("Kakuma" a person, "Aleppo" a language).
OTHER_TYPE_LABELS = HOST_LABELS | {"LANGUAGE"}
_POSSESSIVE_AFTER = re.compile(r"'s|’s|'")
# A list opened by a locative preposition: "clinics in Lodwar and Kakuma".
_LIST_OPENER = re.compile(r"\b(?:in|near|at|from|to)\s+(?:the\s+)?$", re.IGNORECASE)
LIST_OPENER_CHARS = 12
LIST_JOIN_CHARS = 8


def _listed_with_place(doc: Doc, found: list[Found], add) -> None:
    """A name the model took for a person's or an organisation's, listed with a place after a
    locative preposition ("clinics in Lodwar and Kakuma", "in Lodwar, Kakuma or Lokichoggio"): a
    weak mention, kept where the gazetteer has it in or near the place that opens the list. Right
    after the preposition ("heavy fighting in Aleppo"), it is weak as a name after "in" that the
    model missed, unless a person named in the article bears it ("Sofia Perez")."""
    text = doc.text
    by_end = {f.mention.end: f for f in found}
    for ent in doc.ents:
        if ent.label_ not in OTHER_TYPE_LABELS:
            continue
        span = _trim(ent)
        if span is None or name_key(span.text) in GENERIC_NAMES:
            continue
        # the cheap tests of the text first: most such names are in no list and after no preposition
        listed = _LIST_JOIN.search(text, max(0, span.start_char - LIST_JOIN_CHARS), span.start_char)
        head = _list_head(text, span.start_char, by_end) if listed else None
        if head is not None:
            mention = Mention(span.start_char, span.end_char, span.text, weak=True, beside=head)
        elif _after_locative(doc, span.start) and not _POSSESSIVE_AFTER.match(text, span.end_char) \
                and not _someones_name(doc, span):
            mention = Mention(span.start_char, span.end_char, span.text, weak=True)
        else:
            continue
        if not gazetteer().lookup(span.text):
            continue
        item = Found(mention)
        count = len(found)
        add(item)
        if len(found) > count:
            by_end[span.end_char] = item


# "the city of Tabriz", "the towns of Haris and Varzaqan": the names after a kind of settlement.
_SETTLEMENT_OF = re.compile(r"\bthe\s+(?:[a-z\-]+\s+){0,2}?(city|town|village|port|cities|towns|villages)\s+of\s+")
_SETTLEMENT_NAME = re.compile(r"[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*){0,2}")
_SETTLEMENT_JOIN = re.compile(r",\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+")


def _settlements_named(text: str, add) -> None:
    """The names after "the city of", "the towns of" whatever the model made of them ("the city
    of Tabriz", a person to the model): weak towns, kept where large or backed by the article."""
    for frame in _SETTLEMENT_OF.finditer(text):
        plural = frame.group(1).endswith("s")
        position = frame.end()
        while True:
            name = _SETTLEMENT_NAME.match(text, position)
            if name is None:
                break
            query = name.group().rstrip("'’")
            if name_key(query) not in GENERIC_NAMES and any(p.feature == "city" for p in gazetteer().lookup(query)):
                add(Found(Mention(name.start(), name.start() + len(query), query, weak=True, prefer="city")))
            join = _SETTLEMENT_JOIN.match(text, name.end()) if plural else None
            if join is None:
                break
            position = join.end()


# "Cairo's Abbasiya neighbourhood", "Giza's Haram district": a town, then a named part of it.
_TOWN_PART = re.compile(r"([A-Z][\w\-]*(?: [A-Z][\w\-]*){0,2})(?:'s|’s) ([A-Z][\w\-]*(?: [A-Z][\w\-]*){0,2}) "
                        r"(?:district|neighbourhood|neighborhood|quarter|suburb)\b")


def _town_parts(text: str, found: list[Found], add) -> None:
    """A named part of a town after the town's possessive ("Cairo's Abbasiya neighbourhood"):
    placed at the town's point once the town is placed (a city, not a division or a country)."""
    by_span = {(f.mention.start, f.mention.end): f for f in found}
    for match in _TOWN_PART.finditer(text):
        owner = by_span.get(match.span(1))
        if owner is None or _country_of(owner.mention) or name_key(match.group(2)) in GENERIC_NAMES:
            continue  # a country's district is a division: "Kenya's Turkana district"
        town = name_key(owner.mention.query)
        part = by_span.get(match.span(2))
        if part is not None:
            part.mention.town = town
        else:
            # weak: a namesake elsewhere ("Haram", Norway) must not vote for the article's places
            add(Found(Mention(match.start(2), match.end(2), match.group(2), town=town, weak=True), keep=True))


def _list_head(text: str, start: int, by_end: dict[int, Found]) -> Optional[str]:
    """The name key of the first place of the list whose next name starts at ``start``, when a
    locative preposition opens the list; None when no found place comes just before."""
    head: Optional[Found] = None
    while True:
        before = next((f for end, f in by_end.items() if end < start and _LIST_JOIN.fullmatch(text, end, start)), None)
        if before is None:
            break
        head, start = before, before.mention.start
    if head is None or not _LIST_OPENER.search(text, max(0, start - LIST_OPENER_CHARS), start):
        return None
    return head.mention.beside or name_key(head.mention.query)


def _list_before(doc: Doc, end: int) -> list[Span]:
    """The capitalised names of the list that ends at token ``end`` ("Barrow, Jackson and Madison")."""
    names: list[Span] = []
    i = end - 1
    while i >= 0:
        stop = i + 1
        while i >= 0 and stop - i <= MAX_NAME_TOKENS and doc[i].text[:1].isupper() and doc[i].is_alpha:
            i -= 1
        if i + 1 == stop:
            break
        names.append(doc[i + 1 : stop])
        joined = False
        while i >= 0 and doc[i].lower_ in {",", "and", "or", "&"}:
            i, joined = i - 1, True
        if not joined:
            break
    return names


@lru_cache(maxsize=4096)
def _has_division(text: str, feature: Optional[str]) -> bool:
    """Whether the gazetteer has a division of that kind so called ("Barrow" County, "Yobe" State;
    any place for "Kenema and Kailahun districts")."""
    table = gazetteer()
    if name_key(text) in GENERIC_NAMES:
        return False
    if feature is None:
        return bool(table.lookup(text) or table.short_county(text))
    if feature == "admin2" and table.short_county(text):
        return True
    return any(p.feature == feature for p in table.lookup(text)) or (
        feature == "admin1" and any(p.feature == feature for p in table.lookup(text + " State")))


def _country_of(mention: Mention) -> Optional[str]:
    """ISO alpha-2 when the mention is a country's name or adjective ("Kenyan", "Nigeria")."""
    if mention.country_code:
        return mention.country_code
    within = _division(mention.query)
    return within[0] if within and within[1] is None else None


def _conjunct_place(doc: Doc, token: Token, taken: set[int]) -> Optional[Found]:
    """A capitalised name joined to a place by "and", "or" or a comma that the model left untagged:
    "deaths in Owo and Akure". Kept, like a name after "in", only when the gazetteer has it and
    the article backs it (see ``weak``)."""
    head = token.head
    if token.dep_ != "conj" or head.idx not in taken or token.pos_ not in {"PROPN", "NOUN"}:
        return None
    return _longest_known_name(doc, token)


def _city_state(doc: Doc, found: list[Found], add) -> None:
    """"Alexandria, La.", "Cairo, Egypt": the second name constrains the first and is a place too."""
    by_start = {f.mention.start: f for f in found}
    text = doc.text  # Doc.text joins every token: once per document
    for item in list(found):
        mention = item.mention
        if mention.country_code:
            continue
        match = _CITY_STATE.match(text, mention.end)
        if not match:
            continue
        words = match.group(1).strip()
        first_is_country = (_division(mention.query) or (None, "?"))[1] is None
        closed = _CLOSING.match(text, match.end(1)) is not None
        for cut in range(len(words), 0, -1):
            if cut < len(words) and words[cut] not in " .":
                continue
            candidate = words[:cut].strip()
            within = _division(candidate)
            if within is None:
                continue
            if first_is_country and within[1] is None:
                break  # "in Russia, U.S. officials said": two countries are a list, not a town and its country
            mention.within = within
            # "Holliday, Mo.", "Grantville, Pennsylvania, on": sure where the state's name is
            # abbreviated, or whole and closed by punctuation, and the first name is a town's.
            mention.firm = _is_town_name(mention.query) and (
                state_abbreviation(candidate) is not None
                or cut == len(words) and (closed or candidate.endswith(".")) and _one_division(candidate))
            start = match.start(1)
            if start not in by_start:
                add(Found(Mention(start, start + len(candidate), candidate)))
            else:
                by_start[start].mention.within = None
            break


# What may follow the state of "Town, State": the end of the sentence, a dash, or a comma that
# does not go on to another name ("Becker, Clay, Douglas, Grant" is a list of counties).
_CLOSING = re.compile(r"\s*(?:[.;:)\]]|—|–|-|$|,\s*(?![A-Z]))")


def _is_town_name(text: str) -> bool:
    """Whether ``text`` may be a town's name: no division, country or generic word ("Indiana,
    Ill., border", "Missouri, New York and Virginia" are lists)."""
    return name_key(text) not in GENERIC_NAMES and _division(text) is None \
        and not any(p.feature == "continent" for p in gazetteer().lookup(text))


@lru_cache(maxsize=4096)
def _one_division(text: str) -> bool:
    """Whether ``text`` is the name of exactly one first-level division or country ("Georgia" is
    both a state and a country; "North" names several divisions)."""
    if name_key(text) in GENERIC_NAMES:
        return False
    key = name_key(text)
    divisions = [p for p in gazetteer().lookup(text)
                 if p.feature in ("country", "admin1") and name_key(p.name) == key]
    return len(divisions) == 1


@lru_cache(maxsize=4096)
def _division(text: str) -> Optional[tuple[Optional[str], Optional[str]]]:
    """(country, admin1) for a US state abbreviation, a first-level division or a country name."""
    key = name_key(text)
    abbreviation = state_abbreviation(text)
    if abbreviation is not None:
        return abbreviation
    words = text.split()
    if len(words) > 1 and words[-1].lower() in KIND_FEATURES and KIND_FEATURES[words[-1].lower()] == "admin1":
        return _division(" ".join(words[:-1]))  # "Eastern Province", "Borno State"
    for place in gazetteer().lookup(text):
        if place.feature == "country":
            return place.country, None
        if place.feature == "admin1" and name_key(place.name) == key or len(text) > 3 and place.feature == "admin1":
            return place.country, place.admin1
    return None


def home_country(source: Optional[str]) -> Optional[str]:
    """ISO alpha-2 of the source's country when its web domain tells it ("bbc.co.uk" -> GB)."""
    if not source:
        return None
    host = source.strip().lower().split("/")[0]
    if "." not in host:
        return None
    tld = host.rsplit(".", 1)[-1]
    code = "GB" if tld == "uk" else tld.upper()
    return code if len(code) == 2 and gazetteer().country(code) else None


def to_place(doc: Doc, item: Found, article_text: str) -> Optional[Place]:
    """The Place of a resolved (or landmark) mention; None for a weak mention left unresolved."""
    mention, place = item.mention, item.mention.place
    if place is None and not (item.keep or item.landmark):
        return None
    text = article_text[mention.start : mention.end]
    result = Place(span=(mention.start, mention.end), text=text, sentence=sentence_index(doc, mention.start),
                   name=text, modifier=item.modifier)
    if place is None:
        result.feature = "landmark" if item.landmark else None
        if item.landmark and text.split()[-1].lower() in WATER_WORDS:
            result.feature = "water"
        return result
    _fill(result, place)
    result.reason = mention.reason
    if item.inside and item.landmark:
        # "Athens Regional Park": a site in Athens, at Athens' point, not Athens itself.
        result.name, result.geonameid, result.population = text, None, None
        result.feature = "water" if text.split()[-1].lower() in WATER_WORDS else "landmark"
    if item.approximate:
        # "Holliday, Mo.": the town at its state's point, which says only where it roughly is.
        result.name, result.geonameid, result.feature, result.population = text, None, None, None
    if gazetteer().is_capital(place):
        result.metonymy = mention.government or is_metonymic(doc, mention.start, mention.end)
    elif place.feature in REGION_FEATURES and seat_named(place.name):
        # "the Kremlin said", "a White House spokesman": the government, unless it is where
        # something happens ("at the White House").
        result.metonymy = not _located(doc, mention.start, mention.end)
    result.entity = _entity_id(doc, result)
    return result


def _located(doc: Doc, start: int, end: int) -> bool:
    """Whether the name at ``[start, end)`` is the object of "in", "at", "to" and the like."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and span.root.dep_ == "pobj" and span.root.head.lower_ in LOCAL_PREPOSITIONS


def _fill(result: Place, place: GazPlace) -> None:
    result.name = place.name
    result.geonameid = place.geonameid
    result.lat, result.lon = round(place.lat, 5), round(place.lon, 5)
    result.country = place.country
    result.country3 = alpha2_to_alpha3(place.country) if place.country else None
    division = gazetteer().admin1(place.country, place.admin1) if place.country and place.admin1 else None
    result.admin1 = division.name if division is not None else None
    result.admin1_code = place.admin1 if division is not None else None
    result.feature = place.feature
    # A region's population is only its weight in resolution, not a count of people.
    result.population = None if place.feature in REGION_FEATURES else place.population or None


def is_metonymy_token(token: Token) -> bool:
    """Whether a capital's head token stands for its government, from its syntactic role."""
    head = token.head
    if token.dep_ in {"nsubj", "nsubjpass"} and head.pos_ in {"VERB", "AUX"}:
        return True
    if token.dep_ == "poss":
        return head.lower_ not in LOCAL_NOUNS
    if token.dep_ == "pobj" and head.lower_ in {"from", "with", "by", "between", "against", "on"}:
        governor = head.head
        if governor.pos_ in {"VERB", "AUX"}:
            return head.lower_ in {"by", "with", "against", "between"} or governor.lemma_.lower() in ACTOR_VERBS
        return governor.lower_ in ACTOR_NOUNS
    if token.dep_ == "conj":
        return is_metonymy_token(head)
    return False


def is_metonymic(doc: Doc, start: int, end: int) -> bool:
    """Whether the capital named at ``[start, end)`` stands for its government ("Tehran said")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ in LOCAL_PREPOSITIONS:
        return False
    return is_metonymy_token(root)


def _entity_id(doc: Doc, place: Place) -> Optional[str]:
    """The entity cluster of the country when the place stands for it, else the one at its span."""
    entities = doc._.ng_entities if Doc.has_extension("ng_entities") else None
    if not entities:
        return None
    if place.metonymy and place.country3:
        for entity in entities:
            if entity.country == place.country3 and entity.type == "GPE":
                return entity.id
        return None
    for entity in entities:
        for mention in entity.mentions:
            if mention.span[0] < place.span[1] and place.span[0] < mention.span[1]:
                return entity.id
    return None
