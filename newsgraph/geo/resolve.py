"""Choosing which place a name means: population prior plus what the rest of the article says.

A mention's candidates are every gazetteer row with its name. Each gets a score:

- a population prior (log10 of inhabitants), and a bonus for countries, continents and
  first-level divisions, which news names far more often than a same-named small town;
- a name bonus when the mention is the place's main name rather than one of its alternates;
- context: the country and first-level division of the other places of the article
  ("Alexandria" with "Rapides Parish" nearby is Alexandria, Louisiana), the source's home country,
  and closeness to places already resolved;
- a hard constraint from a "City, State" or "City, Country" pattern ("Alexandria, La.").

Resolution runs twice: first every mention on its own, then again with the first pass's
countries and divisions as context, each mention's own vote left out.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Optional

from newsgraph.geo.gazetteer import GazPlace, gazetteer
from newsgraph.geo.names import name_key

FEATURE_BONUS = {"continent": 5.0, "country": 5.0, "admin1": 2.5, "admin2": 1.0, "city": 0.0}
MAIN_NAME_BONUS = 1.5
COUNTRY_CONTEXT = 2.5
ADMIN1_CONTEXT = 3.5
HOME_COUNTRY = 1.5
NEAR_KM = 150.0
NEAR_BONUS = 1.5
CAPITAL_BONUS = 1.5
CONSTRAINT_PENALTY = 20.0
# A town found only inside another name ("Gainesville Police") or by the gazetteer alone is kept
# when it is this large, or when a division or place named elsewhere in the article backs it.
WEAK_MIN_POPULATION = 50_000


@dataclass
class Mention:
    """A stretch of text that may name a place, with what the text says around it."""

    start: int
    end: int
    query: str  # the name to look up ("Alexandria" for "the Alexandria City Schools")
    within: Optional[tuple[str, Optional[str]]] = None  # (country, admin1) from "City, State"
    country_only: bool = False  # a demonym or adjective: only a country will do
    weak: bool = False  # found inside another name or by the gazetteer alone: keep only if confident
    prefer: Optional[str] = None  # "admin1" after "state of", "city" after "city of"
    candidates: list[GazPlace] = field(default_factory=list)
    place: Optional[GazPlace] = None
    score: float = 0.0


@dataclass
class Context:
    """What the article says about where it is: votes for countries and divisions, resolved points."""

    countries: Counter = field(default_factory=Counter)
    admin1s: Counter = field(default_factory=Counter)
    points: list[tuple[float, float]] = field(default_factory=list)
    home: Optional[str] = None
    capitals: frozenset = frozenset()


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def candidates_for(mention: Mention) -> list[GazPlace]:
    """Gazetteer rows for the mention, countries only for a demonym."""
    found = gazetteer().lookup(mention.query)
    if mention.country_only:
        found = [p for p in found if p.feature == "country"]
    return found


def _votes(place: GazPlace) -> tuple[Optional[str], Optional[tuple[str, str]]]:
    admin1 = (place.country, place.admin1) if place.admin1 and place.feature != "country" else None
    return place.country, admin1


def score_candidate(place: GazPlace, mention: Mention, context: Context, own: Optional[GazPlace] = None) -> float:
    """How likely ``mention`` means ``place`` (higher is better); ``own`` is the mention's previous
    choice, whose votes are taken out of the context."""
    score = math.log10(place.population + 10) + FEATURE_BONUS.get(place.feature, 0.0)
    if name_key(place.name) == name_key(mention.query):
        score += MAIN_NAME_BONUS
    own_country, own_admin1 = _votes(own) if own else (None, None)
    countries = context.countries[place.country] - (own_country == place.country)
    if place.feature != "country" and place.country and countries > 0:
        score += COUNTRY_CONTEXT * min(1.0, 0.5 + 0.25 * countries)
    if place.admin1 and place.feature not in ("country", "admin1"):
        key = (place.country, place.admin1)
        if context.admin1s[key] - (own_admin1 == key) > 0:
            score += ADMIN1_CONTEXT
    if context.home and place.country == context.home:
        score += HOME_COUNTRY
    if place.feature == "city" and (place.country, name_key(place.name)) in context.capitals:
        score += CAPITAL_BONUS
    if place.feature in ("city", "admin2") and _near(place, context.points, own):
        score += NEAR_BONUS
    if mention.within and not _inside(place, mention.within):
        score -= CONSTRAINT_PENALTY
    if mention.prefer and place.feature == mention.prefer:
        score += FEATURE_BONUS["country"]
    return score


def _near(place: GazPlace, points: list[tuple[float, float]], own: Optional[GazPlace]) -> bool:
    for lat, lon in points:
        if own is not None and (lat, lon) == (own.lat, own.lon):
            continue
        if haversine_km(place.lat, place.lon, lat, lon) <= NEAR_KM:
            return True
    return False


def _inside(place: GazPlace, within: tuple[str, Optional[str]]) -> bool:
    country, admin1 = within
    return place.country == country and (admin1 is None or place.admin1 == admin1)


def choose(mention: Mention, context: Context) -> tuple[Optional[GazPlace], float]:
    """The best candidate and its score; a city beats the same-named division it lies in."""
    if not mention.candidates:
        return None, 0.0
    scored = sorted(((score_candidate(p, mention, context, mention.place), p) for p in mention.candidates),
                    key=lambda item: -item[0])
    best_score, best = scored[0]
    if best.feature == "admin1" and mention.prefer != "admin1":
        for value, place in scored[1:]:
            # "Tehran", "Alexandria", "Mexico City": the province is named after its city, and
            # news means the city unless it says "province" or "state". A national capital wins
            # over a same-named division too ("Washington"); a US state keeps its other towns.
            if place.feature != "city" or place.country != best.country:
                continue
            capital = (place.country, name_key(place.name)) in context.capitals
            inside = place.admin1 == best.admin1 and best.country != "US"
            if (capital or inside) and value > best_score - FEATURE_BONUS["admin1"] - MAIN_NAME_BONUS - CAPITAL_BONUS:
                return place, value
    return best, best_score


def build_context(mentions: Iterable[Mention], home: Optional[str], capitals: frozenset) -> Context:
    """Votes of the places chosen so far."""
    context = Context(home=home, capitals=capitals)
    for mention in mentions:
        place = mention.place
        if place is None:
            continue
        country, admin1 = _votes(place)
        if country:
            context.countries[country] += 1
        if admin1:
            context.admin1s[admin1] += 1
        if place.feature in ("city", "admin2"):
            context.points.append((place.lat, place.lon))
    return context


def resolve_all(mentions: list[Mention], home: Optional[str] = None, capitals: frozenset = frozenset()) -> None:
    """Set ``place`` and ``score`` on every mention (None where nothing fits or it is too weak)."""
    for mention in mentions:
        mention.candidates = candidates_for(mention)
    context = Context(home=home, capitals=capitals)
    for _ in range(3):
        for mention in mentions:
            mention.place, mention.score = choose(mention, context)
        _drop_unbacked(mentions, build_context(mentions, home, capitals))
        context = build_context(mentions, home, capitals)


def _drop_unbacked(mentions: list[Mention], context: Context) -> None:
    for mention in mentions:
        if mention.weak and mention.place is not None and not _backed(mention.place, mention, context):
            mention.place = None


def _backed(place: GazPlace, mention: Mention, context: Context) -> bool:
    """Whether a weakly found place is large enough or supported by the rest of the article."""
    if place.feature != "city" or place.population >= WEAK_MIN_POPULATION or mention.within:
        return True
    key = (place.country, place.admin1)
    return context.admin1s[key] - (_votes(place)[1] == key) > 0 or _near(place, context.points, place)
