"""The places component: recognition, geocoding in context, metonymy, and the quality gates."""

from __future__ import annotations

import pytest

from newsgraph.eval.geo import evaluate, haversine_km
from newsgraph.extract.places.component import home_country
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
# 161 km holds a floor just under the measured level, above the targets (LGL 0.80, TR-News 0.85),
# which are asserted apart.
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
    assert lgl_scores["accuracy_161km"] >= 0.83


@pytest.mark.gates
def test_gate_trnews(trnews_scores):
    assert trnews_scores["spans"]["f1"] >= 0.80
    assert trnews_scores["accuracy_161km"] >= 0.90


@pytest.mark.gates
def test_gate_accuracy_targets(lgl_scores, trnews_scores):
    assert lgl_scores["accuracy_161km"] >= 0.80
    assert trnews_scores["accuracy_161km"] >= 0.85
