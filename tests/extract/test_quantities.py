"""Quantities: number reading, units, ranges, bounds and changes case by case, the seed article and the NewsQuant gate."""

from __future__ import annotations

import pytest

from newsgraph.eval.quantities import (
    GoldQuantity,
    QuantityScores,
    newsquant_change,
    parse_gold_value,
    score_newsquant,
    score_sentence,
    values_match,
)
from newsgraph.extract._numbers import parse_digits, parse_number, parse_words
from newsgraph.extract.quantities.component import find_numbers, vague_range
from newsgraph.extract.quantities.units import canonical_unit, match_unit, singular
from newsgraph.model import Quantity
from tests.conftest import shared_file

# ---------------------------------------------------------------- pure functions, no model


@pytest.mark.parametrize(
    "text,value",
    [
        ("five", 5),  # a single word
        ("twenty-five", 25),  # hyphenated tens
        ("two hundred thousand", 200_000),  # stacked scales
        ("a million", 1_000_000),  # "a" as one before a scale
        ("a dozen", 12),  # dozen
        ("two-thirds", 2 / 3),  # a fraction in words
        ("two and a half", 2.5),  # "and a half"
        ("one hundred and twenty", 120),  # British "and"
        ("two dozen", 24),  # dozen multiplies
        ("half a dozen", 6),
    ],
)
def test_parse_words(text, value):
    assert parse_words(text) == pytest.approx(value)


@pytest.mark.parametrize(
    "text", ["two dozen", "a dozen", "half a dozen", "twenty-four", "a couple of", "2 1/2", "two and a half",
             "three hundred", "a million", "1,200", "several", "a few"],
)
def test_dates_and_quantities_read_numbers_alike(text):
    """One number parser: the date and quantity extractors never disagree on a number."""
    from newsgraph.extract.dates.timex import parse_number as date_number

    assert date_number(text) == parse_number(text)


@pytest.mark.parametrize(
    "text,value",
    [
        ("1,200", 1200),  # thousands separator
        ("3.5", 3.5),  # decimal
        ("2 1/2", 2.5),  # mixed fraction
        ("3/4", 0.75),  # plain fraction
    ],
)
def test_parse_digits(text, value):
    assert parse_digits(text) == pytest.approx(value)


@pytest.mark.parametrize(
    "text,value,high,currency",
    [
        ("It raised $3bn.", 3e9, None, "USD"),  # currency prefix and glued scale
        ("a fine of US $84 billion", 84e9, None, "USD"),  # spaced prefix
        ("sales of €1.2 million", 1.2e6, None, "EUR"),  # euro
        ("worth up to PS2.7m", 2.7e6, None, "GBP"),  # Reuters' "PS" for the pound sign
        ("at Y=28,030", 28030, None, "JPY"),  # Reuters' yen
        ("a speed of 15-22 miles per hour", 15, 22, None),  # hyphen range
        ("US $89 to $93 billion", 89e9, 93e9, "USD"),  # the scale of the high end applies to the low end
        ("from $200,000 to $414 million", 200_000, 414e6, "USD"),  # ... but not when the low end is complete
        ("between 50 and 70 on the scale", 50, 70, None),  # between ... and
        ("4 hundred million people", 400e6, None, None),  # digits with stacked scale words
    ],
)
def test_find_numbers(text, value, high, currency):
    (number,) = find_numbers(text)
    assert number.value == pytest.approx(value)
    assert number.high == (pytest.approx(high) if high is not None else None)
    assert number.currency == currency


@pytest.mark.parametrize(
    "text,low,high",
    [
        ("dozens of people", 12, 120),  # a vague plural is a span of values
        ("tens of thousands of troops", 1e4, 1e5),  # stacked vague plurals
    ],
)
def test_vague_range(text, low, high):
    assert vague_range(text.rsplit(" of ", 1)[0]) == (low, high)


@pytest.mark.parametrize(
    "text,pos,unit,currency",
    [
        ("5 km away", 1, "kilometre", None),  # abbreviation after a space
        ("5km away", 1, "kilometre", None),  # glued abbreviation
        ("2-day visit", 1, "day", None),  # hyphenated unit
        ("19 per cent", 2, "percent", None),  # two-word unit
        ("30 degrees Celsius", 2, "celsius", None),  # longest match wins over "degrees"
        ("9 billion shekels", 9, "shekel", "ILS"),  # currency written after the number
        ("5 men", 1, None, None),  # "m" must not match the start of "men"
    ],
)
def test_match_unit(text, pos, unit, currency):
    found = match_unit(text, pos)
    assert (found[1], found[2]) == (unit, currency) if unit else found is None


@pytest.mark.parametrize(
    "unit,canonical",
    [
        ("%", "percent"),  # symbol
        ("percentage", "percent"),  # NewsQuant's name
        ("US$", "dollar"),  # currency prefix
        ("troops", "troop"),  # a counted noun, singular
        ("heart transplants", "heart transplant"),  # only the last word is made singular
        ("-", None),  # no unit
    ],
)
def test_canonical_unit(unit, canonical):
    assert canonical_unit(unit) == canonical


@pytest.mark.parametrize("word,single", [("cities", "city"), ("people", "people"), ("fishermen", "fisherman"),
                                         ("boxes", "box"), ("bus", "bus")])
def test_singular(word, single):
    assert singular(word) == single


@pytest.mark.parametrize(
    "raw,value",
    [("5200", 5200.0), ("750000.0-1000000.0", (750000.0, 1000000.0)), ("-50.8", -50.8), ("1.99E-29", 1.99e-29)],
)
def test_parse_gold_value(raw, value):
    assert parse_gold_value(raw) == value


def _quantity(**fields):
    return Quantity(span=(0, 1), text="x", sentence=0, value=fields.pop("value", 1.0), **fields)


@pytest.mark.parametrize(
    "fields,label",
    [
        ({}, "="),  # exact
        ({"approximate": True}, "~"),
        ({"bound": "upper"}, "<"),
        ({"bound": "lower"}, ">"),
        ({"change": "up"}, "up"),
        ({"change": "down", "bound": "lower"}, ">"),  # a bound is told before a change, as NewsQuant does
    ],
)
def test_newsquant_change(fields, label):
    assert newsquant_change(_quantity(**fields)) == label


def test_score_sentence_matches_one_to_one():
    scores = QuantityScores()
    gold = [GoldQuantity(5.0, ("percent",), "up"), GoldQuantity(5.0, ("dollar",), "=")]
    predicted = [_quantity(value=5.0, unit="%", change="up")]
    score_sentence(scores, "s", gold, predicted)
    assert (scores.value.tp, scores.value.gold, scores.value.predicted) == (1, 2, 1)
    assert (scores.unit_correct, scores.change_correct) == (1, 1)


def test_values_match_ranges_only_ranges():
    assert values_match((1.0, 2.0), (1.0, 2.0))
    assert not values_match((1.0, 2.0), 1.0)
    assert values_match(5200.0, 5200.00001)


# ---------------------------------------------------------------- in context, with the model


@pytest.fixture(scope="module")
def quantities_nlp():
    """The model with only the quantities component: it reads nothing the other components write."""
    from newsgraph.eval.quantities import quantities_pipeline

    return quantities_pipeline()


@pytest.fixture(scope="module")
def quantities_of(quantities_nlp):
    def run(text):
        return list(quantities_nlp(text)._.ng_quantities)

    return run


@pytest.mark.model
@pytest.mark.parametrize(
    "text,expected",
    [
        # approximate, counted noun from the nummod head
        ("The United States has some 5,200 troops stationed in Iraq.",
         {"text": "some 5,200 troops", "value": 5200, "unit": "troops", "approximate": True}),
        # upper bound, the counted noun named earlier ("the number of fighters")
        ("Estimates of the number of fighters ranging up to 150,000.",
         {"text": "up to 150,000", "value": 150000, "unit": "fighters", "bound": "upper"}),
        # lower bound
        ("Facebook has more than 2.2 billion users.",
         {"value": 2.2e9, "unit": "users", "bound": "lower"}),
        # a rise, percent
        ("Nvidia advanced 8% on Monday.", {"text": "8%", "value": 8, "unit": "percent", "change": "up"}),
        # a fall told by "down"
        ("Shares of Ross were down 2.3% before the bell.", {"value": 2.3, "change": "down"}),
        # "by" between the verb and the amount
        ("The brand was expected to grow sales by 35 per cent this half.", {"value": 35, "change": "up"}),
        # "gave up" is not a rise
        ("A defense that gave up 517 rushing yards.", {"value": 517, "change": None}),
        # a currency with a scale, and a rate
        ("Petrol averaged roughly $2.11 per gallon.",
         {"value": 2.11, "unit": "dollar per gallon", "currency": "USD", "approximate": True}),
        # hyphenated duration
        ("He is on a two-day visit to Iran.", {"text": "two-day", "value": 2, "unit": "day"}),
        # an age in commas after a name
        ("Senard, 65, now faces the task.", {"value": 65, "unit": "year of age"}),
        # a vague plural is a range
        ("Dozens of people were killed.", {"value": [12, 120], "unit": "people"}),
        # a range with the unit written twice
        ("Fees range from 1 per cent to 1.5 per cent.", {"value": [1, 1.5], "unit": "percent"}),
        # a conversion in brackets shares the bound
        ("It makes just under 296 hp (224 kW).", {"value": 224, "unit": "kilowatt", "bound": "upper"}),
        # "one of the" counts one
        ("It was one of the proudest moments in his life.", {"value": 1, "unit": "proudest moments"}),
        # a measure of a substance
        ("The field produced about 1 million barrels of oil, but it closed.",
         {"value": 1e6, "unit": "barrel of oil", "approximate": True}),
        # wire style: "mln" after a number word, a country's dollars
        ("The surplus rose to six mln Canadian dlrs.", {"value": 6e6, "unit": "canadian dollar", "currency": "CAD"}),
        # a digit fraction with a unit
        ("A mouse can get through a 1/4 inch gap.", {"value": 0.25, "unit": "inch"}),
        # a fraction in words with "of"
        ("A third of voters stayed home.", {"value": 1 / 3, "unit": "voters"}),
        # the ">" closing a ticker is not a lower bound
        ("American Motors Corp <AMC> 1,198, down 50 pct.", {"value": 1198, "bound": None}),
        # an age after "aged"
        ("Steve Jobs dies aged 56.", {"value": 56, "unit": "year of age"}),
        # a count with a model name between the number and the noun
        ("China agreed to buy 60 Boeing 787 Dreamliner aircraft.", {"value": 60, "unit": "aircraft"}),
        # an exponent is part of the unit
        ("A volume of 4km^3 was lost.", {"text": "4km^3", "value": 4, "unit": "cubic kilometre"}),
        # a word and a digit in one range
        ("It takes between seven and 10 years.", {"value": [7, 10], "unit": "year"}),
    ],
)
def test_quantity_in_context(quantities_of, text, expected):
    found = quantities_of(text)
    wanted = expected["value"]
    matches = [q for q in found if q.value == (pytest.approx(wanted) if not isinstance(wanted, list) else wanted)]
    assert matches, f"no quantity {wanted} in {found}"
    quantity = matches[0]
    for name, value in expected.items():
        if name != "value":
            assert getattr(quantity, name) == value, (name, quantity)
    assert text[quantity.span[0]:quantity.span[1]] == quantity.text


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "The talks were held in 2019.",  # a year
        "Mahdi met Rohani on April 6.",  # a day of the month
        "The meeting starts at 10.45pm tonight.",  # a time
        "She finished 21st in the race.",  # an ordinal
        "Call 555-123-4567 for details.",  # a phone number
        "Section 3 of the act applies.",  # a section number
        "1. The first point is this.",  # a list number
        "He flew on a Boeing 737 to Paris.",  # a number in a name
        "The iPhone 14's screen is bright.",  # a model number with a possessive
        "The TA-35 index closed.",  # a number glued to letters
        "The game ended 3-1.",  # a score
        "Talks with a third company went on.",  # "a third" as an ordinal
        "Losses grew in the first half of 1987.",  # "the first half of" a period
        "It happened on 9/11 and runs 24/7.",  # a date and a ratio written with a slash
        "He signed a one-time deal.",  # an adjective made with a number word
        "Boeing delivered the final 717 jet.",  # a model number before a singular noun
        "Apple released iOS 5 today.",  # a version after a camel-case name
    ],
)
def test_not_quantities(quantities_of, text):
    assert quantities_of(text) == []


@pytest.mark.model
def test_odd_text_does_not_crash(quantities_of):
    assert quantities_of("$ , - 5- to -- 1/ % per a") is not None
    assert quantities_of(" ") == []
    assert quantities_of("It is " + "9" * 400 + " metres long.") == []  # too large for a JSON number


@pytest.mark.model
@pytest.mark.parametrize("text, counted, expected", [
    ("The United States has 5,000 troops in Iraq.", "5,000 troops", "troops of United States in Iraq"),
    ("Tesla delivered 63,150 cars in the quarter.", "63,150 cars", "cars of Tesla"),
    ("Police in Lodwar arrested three men on Wednesday.", "three men", "men"),  # the police own no men
    ("The outbreak had killed at least 14 people.", "at least 14 people", "people"),
])
def test_the_subject_owns_what_it_has_or_makes_not_what_it_acts_on(quantities_of, text, counted, expected):
    (quantity,) = [q for q in quantities_of(text) if q.text == counted]
    assert quantity.object == expected


# ---------------------------------------------------------------- the seed article and the gate


@pytest.mark.model
def test_seed_quantities(seed_analysis):
    by_text = {q.text: q for q in seed_analysis.quantities}
    troops = by_text["some 5,200 troops"]
    assert (troops.value, troops.unit, troops.approximate) == (5200, "troops", True)
    assert "United States" in troops.object and "Iraq" in troops.object and "troops" in troops.object
    fighters = by_text["up to 150,000"]
    assert (fighters.value, fighters.unit, fighters.bound) == (150000, "fighters", "upper")
    tweets = by_text["five tweets"]
    assert (tweets.value, tweets.unit) == (5, "tweets")
    visit = by_text["two-day"]
    assert (visit.value, visit.unit) == (2, "day")
    article = seed_analysis.article.text
    assert all(article[q.span[0]:q.span[1]] == q.text for q in seed_analysis.quantities)


@pytest.mark.gates
def test_gate_newsquant(quantities_nlp):
    scores = score_newsquant(shared_file("eval", "quantities", "newsquant_dev.json"), quantities_nlp)
    assert scores.value.f1 >= 0.88, scores.to_dict()
    assert scores.unit_accuracy >= 0.85, scores.to_dict()
    assert scores.change_accuracy >= 0.75, scores.to_dict()


@pytest.mark.parametrize(
    "text",
    [
        "In an emergency, call 911 at once.",
        "Witnesses were asked to dial 999.",
        "The Boeing 737 landed at 10:30.",
        "Leaders of the G7 discussed COVID-19 in 2019.",
    ],
)
def test_numbers_that_are_not_quantities(nlp, text):
    from newsgraph.pipeline import analyze

    assert analyze(text, nlp=nlp).quantities == []


def test_a_count_after_a_call_is_still_a_quantity(nlp):
    from newsgraph.pipeline import analyze

    quantities = analyze("The call lasted 45 minutes and 300 people joined.", nlp=nlp).quantities
    assert sorted(q.value for q in quantities) == [45.0, 300.0]
