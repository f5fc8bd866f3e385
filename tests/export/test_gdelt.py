"""GDELT exports parsed back with the field definitions of GDELT's codebooks, and checked against the facts.

The field lists below are written out again from the codebooks (Event Codebook V2.0, GKG Codebook
V2.1), independently of ``newsgraph.export.gdelt``, so a column out of place fails here.
"""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from newsgraph.export import gdelt
from tests.synthetic import synthetic_analysis, synthetic_corpus

INT, FLOAT, TEXT, DAY, STAMP = "int", "float", "text", "YYYYMMDD", "YYYYMMDDHHMMSS"

_ACTOR = [("Code", TEXT), ("Name", TEXT), ("CountryCode", TEXT), ("KnownGroupCode", TEXT), ("EthnicCode", TEXT),
          ("Religion1Code", TEXT), ("Religion2Code", TEXT), ("Type1Code", TEXT), ("Type2Code", TEXT), ("Type3Code", TEXT)]
_GEO = [("Type", INT), ("FullName", TEXT), ("CountryCode", TEXT), ("ADM1Code", TEXT), ("ADM2Code", TEXT),
        ("Lat", FLOAT), ("Long", FLOAT), ("FeatureID", TEXT)]
EVENTS_CODEBOOK = (
    [("GlobalEventID", INT), ("Day", DAY), ("MonthYear", INT), ("Year", INT), ("FractionDate", FLOAT)]
    + [("Actor1" + n, t) for n, t in _ACTOR] + [("Actor2" + n, t) for n, t in _ACTOR]
    + [("IsRootEvent", INT), ("EventCode", TEXT), ("EventBaseCode", TEXT), ("EventRootCode", TEXT),
       ("QuadClass", INT), ("GoldsteinScale", FLOAT), ("NumMentions", INT), ("NumSources", INT),
       ("NumArticles", INT), ("AvgTone", FLOAT)]
    + [("Actor1Geo_" + n, t) for n, t in _GEO] + [("Actor2Geo_" + n, t) for n, t in _GEO]
    + [("ActionGeo_" + n, t) for n, t in _GEO] + [("DATEADDED", STAMP), ("SOURCEURL", TEXT)]
)
MENTIONS_CODEBOOK = [
    ("GlobalEventID", INT), ("EventTimeDate", STAMP), ("MentionTimeDate", STAMP), ("MentionType", INT),
    ("MentionSourceName", TEXT), ("MentionIdentifier", TEXT), ("SentenceID", INT), ("Actor1CharOffset", INT),
    ("Actor2CharOffset", INT), ("ActionCharOffset", INT), ("InRawText", INT), ("Confidence", INT),
    ("MentionDocLen", INT), ("MentionDocTone", FLOAT), ("MentionDocTranslationInfo", TEXT), ("Extras", TEXT),
]
GKG_CODEBOOK = [
    ("GKGRECORDID", TEXT), ("V2.1DATE", STAMP), ("V2SOURCECOLLECTIONIDENTIFIER", INT), ("V2SOURCECOMMONNAME", TEXT),
    ("V2DOCUMENTIDENTIFIER", TEXT), ("V1COUNTS", TEXT), ("V2.1COUNTS", TEXT), ("V1THEMES", TEXT),
    ("V2ENHANCEDTHEMES", TEXT), ("V1LOCATIONS", TEXT), ("V2ENHANCEDLOCATIONS", TEXT), ("V1PERSONS", TEXT),
    ("V2ENHANCEDPERSONS", TEXT), ("V1ORGANIZATIONS", TEXT), ("V2ENHANCEDORGANIZATIONS", TEXT), ("V1.5TONE", TEXT),
    ("V2.1ENHANCEDDATES", TEXT), ("V2GCAM", TEXT), ("V2.1SHARINGIMAGE", TEXT), ("V2.1RELATEDIMAGES", TEXT),
    ("V2.1SOCIALIMAGEEMBEDS", TEXT), ("V2.1SOCIALVIDEOEMBEDS", TEXT), ("V2.1QUOTATIONS", TEXT),
    ("V2.1ALLNAMES", TEXT), ("V2.1AMOUNTS", TEXT), ("V2.1TRANSLATIONINFO", TEXT), ("V2EXTRASXML", TEXT),
]


def _value(kind: str, raw: str):
    """One field parsed by its codebook type; blank is None."""
    if raw == "":
        return None
    if kind == INT:
        return int(raw)
    if kind == FLOAT:
        return float(raw)
    if kind == DAY:
        assert re.fullmatch(r"\d{8}", raw), raw
    if kind == STAMP:
        assert re.fullmatch(r"\d{14}", raw), raw
    return raw


def parse(text: str, codebook: list[tuple[str, str]]) -> list[dict]:
    """Rows of a GDELT file (tab-separated, no header, no quoting) as dicts keyed by codebook names."""
    rows = []
    for line in text.splitlines():
        fields = line.split("\t")
        assert len(fields) == len(codebook), f"{len(fields)} fields, codebook has {len(codebook)}"
        rows.append({name: _value(kind, raw) for (name, kind), raw in zip(codebook, fields)})
    return rows


def _export(kind: str, analyses: list[dict]) -> str:
    out = io.StringIO()
    gdelt.write_rows(gdelt.WRITERS[kind](analyses), out)
    return out.getvalue()


@pytest.fixture(scope="module")
def corpus() -> list[dict]:
    return list(synthetic_corpus(40, seed=3))


@pytest.mark.parametrize(
    "kind, codebook, count",
    [
        ("gkg", GKG_CODEBOOK, 27),  # GKG 2.1
        ("events", EVENTS_CODEBOOK, 61),  # Events 2.0
        ("mentions", MENTIONS_CODEBOOK, 16),  # Mentions 2.0
    ],
)
def test_every_row_has_the_codebook_column_count(corpus, kind, codebook, count):
    assert len(codebook) == count
    assert list(gdelt.COLUMNS[kind]) == [name for name, _ in codebook]
    text = _export(kind, corpus)
    assert text.endswith("\n")
    lines = text.splitlines()
    assert lines and all(line.count("\t") == count - 1 for line in lines)
    # csv's reader with GDELT's dialect (tab, no quoting) gives the same fields.
    reader = csv.reader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE)
    assert all(len(row) == count for row in reader)


def _facts_by_article(corpus):
    return {analysis["article"]["id"]: analysis for analysis in corpus}


def test_events_and_mentions_match_the_stored_events(corpus):
    events = {row["GlobalEventID"]: row for row in parse(_export("events", corpus), EVENTS_CODEBOOK)}
    mentions = parse(_export("mentions", corpus), MENTIONS_CODEBOOK)
    by_id = _facts_by_article(corpus)
    assert len(mentions) == sum(len(a["events"]) for a in corpus)
    for mention in mentions:
        article_id = re.search(r"<NEWSGRAPH_ARTICLE_ID>(.*)</NEWSGRAPH_ARTICLE_ID>", mention["Extras"])[1]
        analysis = by_id[article_id]
        event = next(e for e in analysis["events"] if e["trigger"]["span"][0] == mention["ActionCharOffset"])
        row = events[mention["GlobalEventID"]]
        assert row["EventCode"] == event["code"] and row["EventRootCode"] == event["root"]
        assert row["EventBaseCode"] == event["code"][:3]
        assert row["QuadClass"] == event["quad_class"] and row["GoldsteinScale"] == event["goldstein"]
        assert row["Actor1Code"] == event["source"]["code"] and row["Actor2Code"] == event["target"]["code"]
        assert row["Actor1CountryCode"] == event["source"]["code"][:3] and row["Actor1Type1Code"] == "GOV"
        assert row["Day"] == event["date"].replace("-", "")
        assert row["MonthYear"] == int(event["date"][:7].replace("-", "")) and row["Year"] == int(event["date"][:4])
        assert mention["Actor1CharOffset"] == event["source"]["span"][0]
        assert mention["Actor2CharOffset"] == event["target"]["span"][0]
        assert mention["SentenceID"] == event["sentence"] + 1
        assert mention["MentionDocLen"] == len(analysis["article"]["text"])
        assert mention["MentionIdentifier"] == analysis["article"]["url"]
        assert mention["MentionTimeDate"] == analysis["article"]["published"].replace("-", "") + "000000"
        assert mention["EventTimeDate"] == row["DATEADDED"] <= mention["MentionTimeDate"]
        # The action place is the event's place: the city's FIPS country and coordinates.
        place = next(p for p in analysis["places"] if p["name"] == event["place"])
        assert row["ActionGeo_Lat"] == round(place["lat"], 4) and row["ActionGeo_FeatureID"] == str(place["geonameid"])
    for row in events.values():
        assert row["NumMentions"] == sum(m["GlobalEventID"] == row["GlobalEventID"] for m in mentions)
        assert row["NumArticles"] <= row["NumMentions"]


def _blocks(field, sep=";"):
    return [block for block in (field or "").split(sep) if block]


def test_gkg_fields_match_the_facts(corpus):
    rows = parse(_export("gkg", corpus), GKG_CODEBOOK)
    assert len(rows) == len(corpus)
    for row, analysis in zip(rows, corpus):
        article, text = analysis["article"], analysis["article"]["text"]
        assert row["V2DOCUMENTIDENTIFIER"] == article["url"] and row["V2SOURCECOLLECTIONIDENTIFIER"] == 1
        assert row["V2.1DATE"] == article["published"].replace("-", "") + "000000"
        assert re.fullmatch(r"\d{14}-\d+", row["GKGRECORDID"])
        # Persons: Name,Offset blocks; the offset is a mention of that person.
        persons = [block.rsplit(",", 1) for block in _blocks(row["V2ENHANCEDPERSONS"])]
        person_mentions = {m["span"][0]: e["name"] for e in analysis["entities"] if e["type"] == "PERSON" for m in e["mentions"]}
        assert {int(offset): name for name, offset in persons} == person_mentions
        assert set(_blocks(row["V1PERSONS"])) == set(person_mentions.values())
        # Locations: 9 '#'-separated sub-fields; the offset points at the place name.
        for block in _blocks(row["V2ENHANCEDLOCATIONS"]):
            kind, full_name, fips, adm1, adm2, lat, lon, feature, offset = block.split("#")
            place = next(p for p in analysis["places"] if p["span"][0] == int(offset))
            assert int(kind) in (1, 2, 3, 4, 5) and full_name.startswith(place["name"])
            assert (float(lat), float(lon)) == (round(place["lat"], 4), round(place["lon"], 4))
            assert adm1.startswith(fips) and feature == str(place["geonameid"])
        # Quotations: Offset|Length|Verb|Quote blocks separated by '#'.
        quotes = [block.split("|") for block in _blocks(row["V2.1QUOTATIONS"], "#")]
        assert [(int(o), int(n), verb, q) for o, n, verb, q in quotes] == [
            (q["span"][0], q["span"][1] - q["span"][0], q["cue"]["text"], q["text"]) for q in analysis["quotes"]
        ]
        for offset, length, _, quote in quotes:
            assert text[int(offset):int(offset) + int(length)] == quote
        # Dates: Resolution#Month#Day#Year#Offset.
        dates = [tuple(map(int, block.split("#"))) for block in _blocks(row["V2.1ENHANCEDDATES"])]
        expected = [(4, int(d["value"][5:7]), int(d["value"][8:]), int(d["value"][:4]), d["span"][0]) for d in analysis["dates"]]
        assert dates == expected
        # Amounts: Amount,Object,Offset, one per quantity.
        amounts = [block.split(",") for block in _blocks(row["V2.1AMOUNTS"])]
        assert [(float(a), o, int(off)) for a, o, off in amounts] == [
            (q["value"], q["object"], q["span"][0]) for q in analysis["quantities"]
        ]
        # Counts: 10 sub-fields in V1COUNTS, 11 (with the offset) in V2.1COUNTS.
        for block in _blocks(row["V2.1COUNTS"]):
            parts = block.split("#")
            assert len(parts) == 11 and parts[0] in {"KILL", "WOUND", "ARREST"}
            assert text[int(parts[10]):].startswith(parts[1])
        assert all(len(block.split("#")) == 10 for block in _blocks(row["V1COUNTS"]))
        # Tone: seven comma-separated numbers, the last the word count.
        tone = [float(value) for value in row["V1.5TONE"].split(",")]
        assert len(tone) == 7 and tone[6] == len(re.findall(r"\w+", text))
        assert f"<NEWSGRAPH_ARTICLE_ID>{article['id']}</NEWSGRAPH_ARTICLE_ID>" in row["V2EXTRASXML"]


@pytest.mark.parametrize(
    "code, expected",
    [
        ("IRQGOV", ["IRQGOV", "", "IRQ", "", "", "", "", "GOV", "", ""]),  # country + type
        ("USAMILREB", ["USAMILREB", "", "USA", "", "", "", "", "MIL", "REB", ""]),  # two types
        ("IGOUNO", ["IGOUNO", "", "", "UNO", "", "", "", "IGO", "", ""]),  # IGO with a known group
        ("IRNSHI", ["IRNSHI", "", "IRN", "", "", "SHI", "", "", "", ""]),  # religion
        ("---GOV", ["---GOV", "", "", "", "", "", "", "GOV", "", ""]),  # no country, a type
        (None, ["", "", "", "", "", "", "", "", "", ""]),  # no actor
    ],
)
def test_actor_code_split(code, expected):
    assert gdelt.actor_fields(code, None) == expected


@pytest.mark.parametrize(
    "value, block",
    [
        ("2019-04-07", "4#4#7#2019#12"),  # full date
        ("XXXX-04-07", "3#4#7#0#12"),  # month and day without a year
        ("2019-04", "2#4#0#2019#12"),  # month and year
        ("2019", "1#0#0#2019#12"),  # year only
        ("2019-W14", None),  # weeks have no GKG resolution
        (None, None),  # vague expression
    ],
)
def test_date_blocks(value, block):
    assert gdelt.date_block(value, 12) == block


def test_delimiters_inside_values_cannot_shift_columns():
    analysis = synthetic_analysis(5, seed=1)
    analysis["article"]["source"] = "Bad\tSource\nName"
    analysis["quotes"][0:0] = []
    for quote in analysis["quotes"]:
        quote["cue"]["text"] = "said|#"
    row = gdelt.gkg_row(analysis)
    assert len(row) == 27 and all("\t" not in field and "\n" not in field for field in row)
    for block in _blocks(row[22], "#"):
        assert len(block.split("|")) == 4


def test_failures_are_skipped():
    failure = {"schema_version": 1, "id": "x", "error": {"code": "empty_text", "message": "text is empty"}}
    assert list(gdelt.gkg_rows([failure])) == [] and list(gdelt.event_rows([failure])) == []


@pytest.mark.parametrize(
    "day, fraction",
    [("20190407", "2019.3479"), ("19870101", "1987.0849"), ("", "")],  # (MONTH*30+DAY)/365
)
def test_fraction_date(day, fraction):
    assert gdelt.fraction_date(day) == fraction


def test_one_event_told_by_two_articles_is_one_row_with_two_mentions():
    first = synthetic_analysis(20, seed=2)
    second = json.loads(json.dumps(first))
    second["article"].update(id="copy", url="https://news.example/copy", published="1987-03-02", source="AFP")
    events = parse(_export("events", [first, second]), EVENTS_CODEBOOK)
    mentions = parse(_export("mentions", [first, second]), MENTIONS_CODEBOOK)
    assert len(events) == len(first["events"]) and len(mentions) == 2 * len(first["events"])
    row = events[0]
    assert (row["NumMentions"], row["NumArticles"], row["NumSources"]) == (2, 2, 2)
    # Added when first reported; each mention keeps its own article's date.
    assert row["DATEADDED"] == "19870228000000"
    assert sorted(m["MentionTimeDate"] for m in mentions if m["GlobalEventID"] == row["GlobalEventID"]) == [
        "19870228000000", "19870302000000"]


def test_real_analysis_of_the_seed_article_parses_back(seed_analysis):
    """The extractors' own output (not synthetic facts) gives codebook-exact rows whose offsets hold."""
    analysis = seed_analysis.to_dict()
    text = analysis["article"]["text"]
    gkg = parse(_export("gkg", [analysis]), GKG_CODEBOOK)
    assert len(gkg) == 1
    for block in _blocks(gkg[0]["V2.1ALLNAMES"]):
        name, offset = block.rsplit(",", 1)
        assert 0 <= int(offset) < len(text)
    for block in _blocks(gkg[0]["V2.1QUOTATIONS"], "#"):
        offset, length, _, quote = block.split("|")
        assert " ".join(text[int(offset):int(offset) + int(length)].replace("|", " ").replace("#", " ").split()) == " ".join(quote.split())
    events = parse(_export("events", [analysis]), EVENTS_CODEBOOK)
    mentions = parse(_export("mentions", [analysis]), MENTIONS_CODEBOOK)
    assert len(mentions) >= len(analysis["events"]) >= len(events)
    codes = {e["code"] for e in analysis["events"]}
    assert {row["EventCode"] for row in events} == codes
    for mention in mentions:
        assert 0 <= mention["ActionCharOffset"] < len(text) and mention["SentenceID"] >= 1


def test_lead_paragraph_sentences():
    article = {"text": "BAGHDAD - One. Two.\n\nThree.", "sentences": [(0, 14), (15, 19), (21, 27)]}
    assert gdelt.lead_sentences(article) == 2  # the first paragraph holds two sentences
    assert gdelt.lead_sentences({"text": "One. Two.", "sentences": [(0, 4), (5, 9)]}) == 1  # no break: the first


def test_seed_events_carry_root_flag_geo_and_confidence(seed_analysis):
    analysis = seed_analysis.to_dict()
    rows = parse(_export("events", [analysis]), EVENTS_CODEBOOK)
    mentions = parse(_export("mentions", [analysis]), MENTIONS_CODEBOOK)
    lead = gdelt.lead_sentences(analysis["article"])
    in_lead = {e["code"] for e in analysis["events"] if e["sentence"] < lead}
    assert {r["EventCode"] for r in rows if r["IsRootEvent"] == 1} == in_lead
    meeting = next(r for r in rows if r["EventRootCode"] == "04" and r["ActionGeo_FullName"])
    assert "Tehran" in meeting["ActionGeo_FullName"]  # ActionGeo from the event's place
    assert {meeting["Actor1Geo_CountryCode"], meeting["Actor2Geo_CountryCode"]} == {"IR", "IZ"}  # FIPS of the actors' countries
    confidences = {round(100 * e["confidence"]) for e in analysis["events"]}
    assert {m["Confidence"] for m in mentions} <= confidences


def _place(**fields):
    return {"span": [0, 5], "text": fields.get("name", ""), "sentence": 0, **fields}


def test_v2_location_types_follow_resolved_features():
    """GKG location types come from the places' resolved feature classes."""
    place_geo = gdelt.place_geo
    state = place_geo(_place(name="Louisiana", country="US", country3="USA", admin1="Louisiana",
                             admin1_code="LA", feature="admin1", lat=31.0, lon=-92.0))
    town = place_geo(_place(name="Alexandria", country="US", country3="USA", admin1="Louisiana",
                            admin1_code="LA", feature="city", lat=31.3, lon=-92.4, geonameid=4314550))
    province = place_geo(_place(name="Tehran", country="IR", country3="IRN", admin1="Tehran", admin1_code="26",
                                feature="admin1", lat=35.7, lon=51.4))
    strait = place_geo(_place(name="Strait of Hormuz", feature="water", lat=26.6, lon=56.3))
    darfur = place_geo(_place(name="Darfur", country="SD", country3="SDN", feature="region", lat=13.5, lon=24.0))
    iraq = place_geo(_place(name="Iraq", country="IQ", country3="IRQ", feature="country", lat=33.0, lon=44.0))
    assert (state.type, state.adm1) == (gdelt.GEO_USSTATE, "USLA")
    assert (town.type, town.adm1, town.feature_id) == (gdelt.GEO_USCITY, "USLA", "4314550")
    assert (province.type, province.adm1) == (gdelt.GEO_WORLDSTATE, "IR26")
    assert strait is None  # no country to place it in
    assert darfur.type == gdelt.GEO_WORLDSTATE and iraq.type == gdelt.GEO_COUNTRY
    kremlin = place_geo(_place(name="Kremlin", country="RU", country3="RUS", feature="landmark", lat=55.75, lon=37.6))
    assert kremlin.type == gdelt.GEO_WORLDCITY
