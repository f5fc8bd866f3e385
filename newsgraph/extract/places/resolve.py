"""Choosing which place a name means: population prior plus what the rest of the article says.

A mention's candidates are every gazetteer row with its name. Each gets a score:

- a population prior (log10 of inhabitants), and a bonus for countries, continents and
  first-level divisions, which news names far more often than a same-named small town;
- a name bonus when the mention is the place's main name rather than one of its alternates;
- context: the country and first-level division of the other places of the article
  ("Alexandria" with "Rapides Parish" nearby is Alexandria, Louisiana), the source's home country,
  and closeness to places already resolved;
- a hard constraint from a "City, State" or "City, Country" pattern ("Alexandria, La."), from
  "X, in Y province" and from "the Kenyan town of X";
- the dateline ("KABUL, Afghanistan -"): where the article was filed backs places in its country
  and division;
- a capital named as a government ("Moscow denied") means the national capital.

Regions, seas and landmarks (:mod:`newsgraph.extract.places.regions`) are candidates beside the
gazetteer's rows. After the last round each mention keeps the reason it won (:data:`REASONS`):
the part of the score that most separates the chosen place from the best candidate elsewhere.

Resolution runs in rounds: first every mention on its own, then again with the previous round's
countries and divisions as context. Each distinct name votes once, and a mention never counts
its own name's vote (two "Athens" must not confirm each other).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Optional

from newsgraph.extract.places.gazetteer import GazPlace, gazetteer
from newsgraph.extract.places.names import CITY_SHORT_NAMES, name_key, state_abbreviation
from newsgraph.extract.places.regions import Region, regions_named

FEATURE_BONUS = {"continent": 5.0, "country": 5.0, "admin1": 2.5, "admin2": 1.0, "city": 0.0,
                 "region": 5.0, "water": 5.0, "mountain": 5.0, "landmark": 5.0}
# Features of the regions table, which weighs a region as a place of this many people (news names
# "Gaza" for the strip, not for the Mozambican province).
REGION_FEATURES = frozenset({"region", "water", "mountain", "landmark"})
REGION_POPULATION = 1_000_000
# A region within this distance of the article's other places ("the Gulf" beside Texas is the
# Gulf of Mexico, beside Iran the Persian Gulf).
REGION_NEAR_KM = 2_000.0
MAIN_NAME_BONUS = 1.5
COUNTRY_CONTEXT = 2.5
# The more of the article lies in one country, the more its other names do too (up to this factor).
COUNTRY_CONTEXT_CAP = 1.0
ADMIN1_CONTEXT = 3.5
# A town or county in a country the article does not name, when it names others this often.
FOREIGN_PENALTY = 1.0
FOREIGN_VOTES = 2
HOME_COUNTRY = 1.5
NEAR_KM = 150.0
NEAR_BONUS = 1.5
# Every other name of the article with some candidate in the same or a neighbouring grid cell
# (CELL_DEGREES wide) adds this much, up to COLOCATED_NAMES names: "Athens" with "Frankston" and
# "Henderson County" is Athens, Texas, even before either is resolved.
COLOCATED_BONUS = 1.0
COLOCATED_NAMES = 3
CELL_DEGREES = 1.5
MAX_GRID_CANDIDATES = 25
CAPITAL_BONUS = 1.5
# "Moscow denied", "Washington said": a name used as a government means the national capital.
GOVERNMENT_BONUS = 8.0
# Candidates in the country and in the division of the article's dateline.
DATELINE_COUNTRY = 2.0
DATELINE_ADMIN1 = 2.0
# A town whose county is named elsewhere in the article ("Paris" with "Henry County" is Paris,
# Tennessee), and a county in which a town named elsewhere in the article lies.
CONTAINED_BONUS = 4.0
CONSTRAINT_PENALTY = 20.0
CITY_SHARE = 0.25
# A division's population is that of all its towns, a city's only its own. Where the largest
# city of the name lies in another country, has at least this size and a tenth of the division's
# people (about a division's largest town's share), the division gets no bonus for its kind and
# counts that tenth: "St. Louis" is the US city, not Senegal's region, unless the article backs
# Senegal; "Victoria" and "Ontario" stay the state and the province (over ten times the Canadian
# and the Californian city).
LARGE_CITY_POPULATION = 100_000
DIVISION_SHARE_OF_TOWNS = 0.1
# A town found only inside another name ("Gainesville Police") or by the gazetteer alone is kept
# when it is this large, or when a division or place named elsewhere in the article backs it.
WEAK_MIN_POPULATION = 50_000

#: Why a place was chosen, as kept in ``Place.reason``: the part of the score that most separates
#: it from the best candidate elsewhere; ``only`` when no candidate lies elsewhere.
REASONS = (
    "only", "population", "constraint", "dateline", "metonymy", "in-country", "in-admin1", "contained",
    "nearest", "home-country", "capital", "demonym", "named-in",
)
PRIOR = "population"


# "Northeast Georgia", "Southern California": a part of a place that the gazetteer has whole.
DIRECTIONS = {
    "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "northern", "southern",
    "eastern", "western", "central", "northeastern", "northwestern", "southeastern", "southwestern", "upstate",
}


# Names inside a longer one that are words, not places: "South" in "South Central", "Lake" in
# "Lake Vermont".
INNER_STOP = DIRECTIONS | {"lake", "river", "creek", "park", "mount", "city", "county", "state", "region",
                           "national", "united", "new", "old", "port", "fort", "island", "islands", "valley",
                           "bay", "town", "village"}


@dataclass
class Mention:
    """A stretch of text that may name a place, with what the text says around it."""

    start: int
    end: int
    query: str  # the name to look up ("Alexandria" for "the Alexandria City Schools")
    within: Optional[tuple[Optional[str], Optional[str]]] = None  # (country, admin1) from "City, State"
    # the text surely puts it there ("Holliday, Mo.", "the Kenyan town of X"): no namesake
    # elsewhere will do, and a name the gazetteer lacks there gets the division's point
    firm: bool = False
    country_only: bool = False  # a demonym or adjective: only a country will do
    country_code: Optional[str] = None  # ISO alpha-2 when the text already says which country
    weak: bool = False  # found inside another name or by the gazetteer alone: keep only if confident
    # the name key of the place it is listed with where the model saw another kind of name
    # ("clinics in Lodwar and Kakuma"): kept only in or near that place
    beside: Optional[str] = None
    # the name key of the town it is a part of ("Cairo's Abbasiya neighbourhood"): placed there
    town: Optional[str] = None
    loose: bool = False  # a region name ("Middle East"): only a large place or one backed by context
    prefer: Optional[str] = None  # "admin1" after "state of", "city" after "city of"
    # before a state-government noun ("Georgia lawmakers", "the Georgia capitol"): the US state,
    # unless the article's other places lie in the country of the name (Tbilisi, Abkhazia)
    state_government: bool = False
    government: bool = False  # used for a government ("Moscow denied"): a national capital if any
    dateline: bool = False  # the article's dateline ("KABUL, Afghanistan -")
    candidates: list[GazPlace] = field(default_factory=list)
    place: Optional[GazPlace] = None
    score: float = 0.0
    reason: Optional[str] = None  # one of REASONS once resolved


@dataclass
class Context:
    """What the article says about where it is: one vote per distinct name for its place."""

    votes: dict[str, GazPlace] = field(default_factory=dict)  # name key -> chosen place
    countries: Counter = field(default_factory=Counter)
    admin1s: Counter = field(default_factory=Counter)
    home: Optional[str] = None
    capitals: frozenset = frozenset()  # gazetteer rows of the national capitals
    # grid cell -> name keys with a candidate there: towns of one story lie near each other
    cells: dict[tuple[int, int], set[str]] = field(default_factory=dict)
    # (country, admin1, county key) -> name keys with a town there, and every name key of the article
    counties: dict[tuple[str, str, str], set[str]] = field(default_factory=dict)
    names: frozenset = frozenset()
    dateline: Optional[GazPlace] = None  # where the article was filed, once resolved
    _others: dict = field(default_factory=dict, repr=False)

    def add(self, key: str, place: GazPlace) -> None:
        if key in self.votes:
            return
        self.votes[key] = place
        country, admin1 = _votes(place)
        if country:
            self.countries[country] += 1
        if admin1:
            self.admin1s[admin1] += 1

    def others(self, key: str) -> tuple[Counter, Counter, list[GazPlace]]:
        """Country and division votes, and places, of every name but ``key`` and the names that
        contain it or that it contains ("Dublin City" says nothing about where "Dublin" is)."""
        cached = self._others.get(key)
        if cached is None:
            countries, admin1s, places = Counter(self.countries), Counter(self.admin1s), []
            for other, place in self.votes.items():
                if not related_names(other, key):
                    places.append(place)
                    continue
                country, admin1 = _votes(place)
                if country:
                    countries[country] -= 1
                if admin1:
                    admin1s[admin1] -= 1
            cached = self._others[key] = (countries, admin1s, places)
        return cached


def related_names(a: str, b: str) -> bool:
    """Whether name keys ``a`` and ``b`` are one name, or one opens the other."""
    return a == b or a.startswith(b + " ") or b.startswith(a + " ")


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def candidates_for(mention: Mention) -> list[GazPlace]:
    """Gazetteer rows for the mention: the country for a demonym, the state for "La.", and for
    "Northeast Georgia" the places called "Georgia"."""
    table = gazetteer()
    if mention.country_code:
        country = table.country(mention.country_code)
        return [country] if country else []
    abbreviation = state_abbreviation(mention.query) if "." in mention.query else None
    if abbreviation is not None:
        state = table.admin1(*abbreviation)
        return [state] if state else []
    short = CITY_SHORT_NAMES.get(mention.query.replace("South ", "").strip())
    if short is not None:  # "L.A." is Los Angeles, not the postal code of Louisiana
        return [p for p in table.lookup(short[0]) if p.country == short[1] and p.feature == "city"][:1]
    found = table.lookup(mention.query)
    if not mention.weak or mention.prefer == "admin2":  # "Barrow" for Barrow County, Georgia, named as a place
        found = found + short_counties(mention, found)
    regions = [] if mention.weak else [region_place(region) for region in regions_named(mention.query)]
    inner = after_direction(mention.query)
    if not found and not regions and inner and name_key(inner) not in INNER_STOP:  # "North Island" is no part of Iceland
        found = [p for p in table.lookup(inner) if p.feature != "city"]
    if mention.country_only:
        return [p for p in found if p.feature == "country"]
    # Regions only for names found as places: "Wall Street" opening "Wall Street Journal" is none.
    return found + regions


def after_direction(name: str) -> Optional[str]:
    """The name after a leading direction: "Texas" in "Northeast Texas" and in "Far West Texas";
    None without one, or with nothing after it."""
    words = name.split()
    skip = 2 if len(words) > 2 and words[0].lower() == "far" and words[1].lower() in DIRECTIONS else 1
    if words[0].lower() not in DIRECTIONS and skip == 1 or len(words) <= skip:
        return None
    return " ".join(words[skip:])


def short_counties(mention: Mention, found: list[GazPlace]) -> list[GazPlace]:
    """Counties called by the mention's name without "County" ("Geauga", "Barrow"), where no
    better-known place bears the name: "Dallas" is the city, not Dallas County, Missouri, and
    "Delaware" the state. In a list the text calls counties ("Barrow and Jackson counties")
    every county of the name is a candidate."""
    counties = gazetteer().short_county(mention.query)
    if mention.prefer == "admin2":
        return counties
    largest = max((place.population for place in found), default=0)
    return [county for county in counties if county.population > largest]


_REGION_ROWS: dict[Region, GazPlace] = {}


def region_place(region: Region) -> GazPlace:
    """A region, water, mountain or landmark as a candidate (row -1: not in the gazetteer file)."""
    place = _REGION_ROWS.get(region)
    if place is None:
        place = _REGION_ROWS[region] = GazPlace(
            row=-1, geonameid=None, name=region.name, lat=region.lat, lon=region.lon, country=region.country,
            admin1=None, admin2=None, feature=region.feature, population=REGION_POPULATION)
    return place


def _votes(place: GazPlace) -> tuple[Optional[str], Optional[tuple[Optional[str], str]]]:
    admin1 = (place.country, place.admin1) if place.admin1 and place.feature != "country" else None
    return place.country, admin1


def score_candidate(place: GazPlace, mention: Mention, context: Context) -> float:
    """How likely ``mention`` means ``place`` (higher is better)."""
    return sum(score_parts(place, mention, context).values())


def score_parts(place: GazPlace, mention: Mention, context: Context) -> dict[str, float]:
    """The parts of a candidate's score, named after the reasons of :data:`REASONS`."""
    key = name_key(mention.query)
    if place.feature == "admin1" and _large_city_abroad(place, key, mention.candidates):
        prior = math.log10(DIVISION_SHARE_OF_TOWNS * place.population + 10)
    else:
        prior = math.log10(place.population + 10) + FEATURE_BONUS.get(place.feature, 0.0)
    if name_key(place.name) == key or place.feature in REGION_FEATURES:
        prior += MAIN_NAME_BONUS
    parts = {PRIOR: prior}
    countries, admin1s, others = context.others(key)
    local = place.feature in ("city", "admin2")
    if place.feature != "country" and place.country and countries[place.country] > 0:
        parts["in-country"] = COUNTRY_CONTEXT * min(COUNTRY_CONTEXT_CAP, 0.5 + 0.25 * countries[place.country])
    if place.admin1 and place.feature != "country" and admin1s[(place.country, place.admin1)] > 0:
        parts["in-admin1"] = ADMIN1_CONTEXT
    if FOREIGN_PENALTY and local and not mention.government and place.country and countries[place.country] <= 0 \
            and sum(v for v in countries.values() if v > 0) >= FOREIGN_VOTES:
        parts["in-country"] = -FOREIGN_PENALTY
    if context.home and place.country == context.home:
        parts["home-country"] = HOME_COUNTRY
    capital = place.row in context.capitals
    if capital:
        parts["capital"] = CAPITAL_BONUS
        # ... by this name: "Victoria said" is the Seychelles, not Hong Kong (once called Victoria).
        if mention.government and (name_key(place.name) == key or (place.country, key) in gazetteer().capitals):
            parts["metonymy"] = GOVERNMENT_BONUS
    nearest = 0.0
    if local and _near(place, others):
        nearest += NEAR_BONUS
    if local and context.cells:
        nearest += COLOCATED_BONUS * min(COLOCATED_NAMES, len(_colocated(place, key, context.cells)))
    if place.feature in REGION_FEATURES and _near(place, others, REGION_NEAR_KM, any_feature=True):
        nearest += NEAR_BONUS
    if nearest:
        parts["nearest"] = nearest
    if local and _contained(place, key, context):
        parts["contained"] = CONTAINED_BONUS
    constraint = 0.0
    if mention.within and not _inside(place, mention.within):
        constraint -= CONSTRAINT_PENALTY
    if mention.prefer and place.feature == mention.prefer:
        constraint += FEATURE_BONUS["country"]
    if mention.state_government and place.feature == "admin1" and place.country == "US" \
            and not _country_backed(mention, countries):
        constraint += FEATURE_BONUS["country"]
    if constraint:
        parts["constraint"] = constraint
    dateline = context.dateline
    if dateline is not None and not mention.dateline and place.feature != "country" \
            and place.country == dateline.country:
        parts["dateline"] = DATELINE_COUNTRY + (
            DATELINE_ADMIN1 if place.admin1 and place.admin1 == dateline.admin1 else 0.0)
    return parts


def reason_for(mention: Mention, context: Context) -> Optional[str]:
    """Why ``mention.place`` was chosen: the part of the score that most separates it from the best
    candidate lying elsewhere (over NEAR_KM away), ``only`` when there is none."""
    chosen = mention.place
    if chosen is None:
        return None
    if mention.country_code:
        return "demonym"
    rivals = [p for p in mention.candidates
              if haversine_km(p.lat, p.lon, chosen.lat, chosen.lon) > NEAR_KM]
    if not rivals:
        return "only"
    mine = score_parts(chosen, mention, context)
    rival = max((score_parts(p, mention, context) for p in rivals), key=lambda parts: sum(parts.values()))
    gains = {part: mine.get(part, 0.0) - rival.get(part, 0.0) for part in set(mine) | set(rival) if part != PRIOR}
    best = max(gains, key=lambda part: (gains[part], part), default=None)
    return best if best is not None and gains[best] > 0 else PRIOR


def _cell(place: GazPlace) -> tuple[int, int]:
    return int(math.floor(place.lat / CELL_DEGREES)), int(math.floor(place.lon / CELL_DEGREES))


def candidate_cells(mentions: list[Mention]) -> dict[tuple[int, int], set[str]]:
    """Grid cells of the local candidates (towns, counties) of each distinct name, weak ones
    included: a town opening an organisation's name ("Hartford Hospital", "Belchertown State
    School") says where the story is even where it is not itself a toponym. After the first
    round only placed names count (:func:`chosen_cells`), and weak ones do not."""
    cells: dict[tuple[int, int], set[str]] = {}
    for mention in mentions:
        key = name_key(mention.query)
        local = [p for p in mention.candidates if p.feature in ("city", "admin2")][:MAX_GRID_CANDIDATES]
        for place in local:
            cells.setdefault(_cell(place), set()).add(key)
    return cells


def chosen_cells(mentions: list[Mention]) -> dict[tuple[int, int], set[str]]:
    """Grid cells of the places chosen for each distinct name."""
    cells: dict[tuple[int, int], set[str]] = {}
    for mention in mentions:
        # A country's or division's point is only its middle: it says nothing about which town
        # of that name is meant (the middle of the United States is Washington, Kansas).
        if mention.weak or mention.place is None or mention.place.feature not in ("city", "admin2"):
            continue
        cells.setdefault(_cell(mention.place), set()).add(name_key(mention.query))
    return cells


def candidate_counties(mentions: list[Mention]) -> dict[tuple[str, str, str], set[str]]:
    """The counties (country, admin1, county name key) that each distinct name has a town in."""
    counties: dict[tuple[str, str, str], set[str]] = {}
    for mention in mentions:
        key = name_key(mention.query)
        for place in mention.candidates[:MAX_GRID_CANDIDATES]:
            if place.feature == "city" and place.admin2 and place.country:
                counties.setdefault((place.country, place.admin1 or "", name_key(place.admin2)), set()).add(key)
    return counties


def _contained(place: GazPlace, key: str, context: Context) -> bool:
    """A town whose county the article names, or a county holding a town the article names."""
    if not place.admin2 or not place.country:
        return False
    county = name_key(place.admin2)
    if place.feature == "city":
        return not related_names(county, key) and county in context.names
    holders = context.counties.get((place.country, place.admin1 or "", county), ())
    return any(not related_names(other, key) for other in holders)


def _colocated(place: GazPlace, key: str, cells: dict[tuple[int, int], set[str]]) -> set[str]:
    row, column = _cell(place)
    names: set[str] = set()
    for dr in (-1, 0, 1):
        for dc in (-1, 0, 1):
            names |= cells.get((row + dr, column + dc), set())
    names.discard(key)
    return names


def _country_backed(mention: Mention, countries: Counter) -> bool:
    """Whether the article's other places lie in a country that the mention can name."""
    return any(c.feature == "country" and countries[c.country] > 0 for c in mention.candidates)


def _large_city_abroad(division: GazPlace, key: str, candidates: list[GazPlace]) -> bool:
    """Whether the largest city called ``key`` (its main name) lies in another country, with
    LARGE_CITY_POPULATION or more and a tenth of the division's people ("Alexandria" is Egypt's
    city before Virginia's: no)."""
    cities = [c for c in candidates if c.feature == "city" and name_key(c.name) == key]
    largest = max(cities, key=lambda c: c.population, default=None)
    return largest is not None and largest.country != division.country and largest.population >= max(
        LARGE_CITY_POPULATION, DIVISION_SHARE_OF_TOWNS * division.population)


def _beside(place: GazPlace, listed_with: Optional[GazPlace]) -> bool:
    """Whether ``place`` fits the place it is listed with: a country beside a country, else in
    the same country and first-level division, or near it ("in Lodwar and Kakuma")."""
    if listed_with is None:
        return False
    if place.feature == "country" or listed_with.feature == "country":
        return place.feature == listed_with.feature or place.country == listed_with.country
    if _near(place, [listed_with], any_feature=listed_with.feature != "admin1"):
        return True
    return place.country == listed_with.country and (place.admin1 == listed_with.admin1 or place.feature == "admin1")


def _near(place: GazPlace, others: list[GazPlace], km: float = NEAR_KM, any_feature: bool = False) -> bool:
    return any((any_feature and o.feature != "continent" or o.feature in ("city", "admin2"))
               and haversine_km(place.lat, place.lon, o.lat, o.lon) <= km for o in others)


def _inside(place: GazPlace, within: tuple[Optional[str], Optional[str]]) -> bool:
    country, admin1 = within
    return place.country == country and (admin1 is None or place.admin1 == admin1)


def choose(mention: Mention, context: Context) -> tuple[Optional[GazPlace], float]:
    """The best candidate and its score; a city beats the same-named division it lies in."""
    if not mention.candidates:
        return None, 0.0
    if mention.firm and not mention.weak and mention.within and not any(_inside(p, mention.within) for p in mention.candidates):
        # "Holliday, Mo." where the gazetteer has no Holliday in Missouri: a namesake elsewhere
        # is surely wrong (see :func:`division_point`).
        return None, 0.0
    scored = sorted(((score_candidate(p, mention, context), p) for p in mention.candidates),
                    key=lambda item: -item[0])
    best_score, best = scored[0]
    if best.feature == "admin2" and not _says_division(mention.query) and mention.prefer != "admin2":
        # "Montreal", "Calgary": a county named after its town means the town, unless the
        # text says "County", "Parish" or "counties".
        for value, place in scored[1:]:
            if place.feature == "city" and place.country == best.country and place.admin1 == best.admin1 \
                    and name_key(place.admin2 or "") == name_key(best.name):
                return place, value
    if best.feature == "admin1" and mention.prefer != "admin1":
        for value, place in scored[1:]:
            # "Tehran", "Alexandria", "Mexico City": the province is named after its city, and
            # news means the city unless it says "province" or "state". A national capital wins
            # over a same-named division too ("Washington"); a US state keeps its other towns.
            if place.feature != "city" or place.country != best.country:
                continue
            capital = place.row in context.capitals
            # ... when the city is a good part of its division: Tehran, not Quebec City.
            inside = place.admin1 == best.admin1 and best.country != "US" \
                and place.population >= CITY_SHARE * best.population
            if (capital or inside) and value > best_score - FEATURE_BONUS["admin1"] - MAIN_NAME_BONUS - CAPITAL_BONUS:
                return place, value
    return best, best_score


DIVISION_WORDS = {"county", "parish", "district", "borough", "shire", "township", "municipality", "region", "co"}


def _says_division(query: str) -> bool:
    return any(word in DIVISION_WORDS for word in name_key(query).split())


def build_context(mentions: Iterable[Mention], home: Optional[str], capitals: frozenset,
                  cells: Optional[dict] = None, counties: Optional[dict] = None,
                  names: frozenset = frozenset()) -> Context:
    """Votes of the places chosen so far, one per distinct name (the first mention's choice)."""
    context = Context(home=home, capitals=capitals, cells=cells or {}, counties=counties or {}, names=names)
    for mention in mentions:
        if mention.place is not None:
            context.add(name_key(mention.query), mention.place)
            if mention.dateline and context.dateline is None:
                context.dateline = mention.place
    return context


def resolve_all(mentions: list[Mention], home: Optional[str] = None, capitals: frozenset = frozenset()) -> Context:
    """Set ``place`` and ``score`` on every mention (None where nothing fits or it is too weak);
    returns what the article says about where it is, for :func:`place_inside`."""
    for mention in mentions:
        mention.candidates = candidates_for(mention)
    cells = candidate_cells(mentions)
    counties = candidate_counties(mentions)
    names = frozenset(name_key(m.query) for m in mentions if not m.country_code)
    context = Context(home=home, capitals=capitals, cells=cells, counties=counties, names=names)
    for _ in range(3):
        for mention in mentions:
            mention.place, mention.score = choose(mention, context)
        _drop_unbacked(mentions, build_context(mentions, home, capitals, cells, counties, names))
        # Later rounds look at where the other names were placed, not at all their candidates:
        # "Washington" has a town near every small place.
        cells = chosen_cells(mentions)
        context = build_context(mentions, home, capitals, cells, counties, names)
    one_sense_per_name(mentions, context)
    for mention in mentions:
        mention.reason = reason_for(mention, context)
    return context


# Words before a place's name that are not part of it: "the State of Illinois", "Historic Dublin".
LEADING_WORDS = DIRECTIONS | {"the", "state", "province", "commonwealth", "of", "historic", "downtown", "greater",
                              "town", "village", "city", "w", "e", "n", "s", "n.e", "n.w", "s.e", "s.w"}


def place_inside(mention: Mention, context: Context) -> Optional[GazPlace]:
    """For a name the gazetteer lacks as a whole, the place it opens with: "Otter Tail County Road",
    "Athens Regional Park", "Fargo City", "the State of Illinois' Web", "South Los Angeles". The
    longest such name is taken, and kept only where a town would be kept if named alone: a division,
    a large town, or one the article's other places back."""
    words = mention.query.split()
    skipped = 0
    while skipped < len(words) - 1 and words[skipped].lower().rstrip(".") in LEADING_WORDS:
        skipped += 1
    if "of" in (word.lower() for word in words[:skipped]):
        # "the State of Illinois’ Web site": the possessive is no part of the place's name (but
        # "St. Michael's Hospital" is not St. Michael)
        words = [re.sub(r"(?:'s|’s|'|’)$", "", word) for word in words]
    # "West Virginia Democratic Party" is West Virginia: the name as written first, then without
    # its leading words.
    for first in dict.fromkeys((0, skipped)):
        for end in range(len(words), first, -1):
            if first == 0 and end == len(words):
                continue  # the whole name was looked up already
            # not weak: counties without "County" are candidates ("Kanawha River" flows by Kanawha County)
            inner = Mention(mention.start, mention.end, " ".join(words[first:end]))
            key = name_key(inner.query)
            if key in INNER_STOP:
                continue  # "South" or "Lake" alone
            inner.candidates = candidates_for(inner)
            if key.split()[0] in INNER_STOP and all(name_key(p.name) != key for p in inner.candidates):
                continue  # "South Central" only where some place is so called
            if not inner.candidates:
                continue
            place, _ = choose(inner, context)
            return place if place is not None and _supported(place, inner, context) else None
    return None


def division_point(mention: Mention) -> Optional[GazPlace]:
    """The division or country the text puts a name in ("Holliday, Mo.", "the Georgian village
    of Prisi"), for a name the gazetteer lacks there: the nearest point the text allows."""
    if mention.within is None or not mention.firm or mention.weak:
        return None
    country, admin1 = mention.within
    if country is None:
        return None
    table = gazetteer()
    return table.admin1(country, admin1) if admin1 else table.country(country)


def _supported(place: GazPlace, mention: Mention, context: Context) -> bool:
    """Whether the article backs ``place``: a country or first-level division, or a place in a
    division or near a place the article names ("Athens Regional Park" is in Athens, Greece only
    in a story set there)."""
    if place.feature in ("country", "admin1", "continent"):
        return True
    key = name_key(mention.query)
    named = context.votes.get(key)
    if named is not None and named.row == place.row:
        return True  # "Los Angeles City" where the article also names Los Angeles
    countries, admin1s, others = context.others(key)
    if (place.population >= WEAK_MIN_POPULATION or place.feature == "admin2") and countries[place.country] > 0:
        return True  # "Alachua County Sheriff" in an American story
    return admin1s[(place.country, place.admin1)] > 0 or _near(place, others)


def one_sense_per_name(mentions: list[Mention], context: Context) -> None:
    """Give every unqualified mention of one name the place that fits all of them best: an article
    about Dublin, Texas that once writes "Dublin approved the plan" still means the Texas town.
    Mentions the text qualifies ("Alexandria, La.", "Kano state") keep their own place."""
    groups: dict[str, list[Mention]] = {}
    for mention in mentions:
        if mention.place is not None and not (mention.within or mention.prefer or mention.country_code):
            groups.setdefault(name_key(mention.query), []).append(mention)
    for group in groups.values():
        places = [m.place for m in group if m.place is not None]  # all of them: the group has placed mentions
        if len({p.row if p.row >= 0 else p.name for p in places}) < 2:
            continue
        chosen = {id(p): p for p in places}.values()
        best = max(chosen, key=lambda place: sum(score_candidate(place, m, context) for m in group))
        for mention in group:
            mention.place = best


def _drop_unbacked(mentions: list[Mention], context: Context) -> None:
    for mention in mentions:
        if (mention.weak or mention.loose) and mention.place is not None and not _backed(mention.place, mention, context):
            mention.place = None


def _backed(place: GazPlace, mention: Mention, context: Context) -> bool:
    """Whether a weakly found place is large enough or supported by the rest of the article."""
    if mention.beside is not None:
        return _beside(place, context.votes.get(mention.beside))
    if place.feature != "city" or mention.within and _inside(place, mention.within):
        return True
    if mention.loose and name_key(place.name) != name_key(mention.query):
        return False  # a region ("Middle East") is never a town's other name
    if place.population >= WEAK_MIN_POPULATION:
        return True
    _, admin1s, others = context.others(name_key(mention.query))
    return admin1s[(place.country, place.admin1)] > 0 or _near(place, others)
