"""Dates: calendar arithmetic, recognition, anchoring rules case by case, the seed article and the TempEval-3 gate."""

from __future__ import annotations

import json
from datetime import date

import pytest
from click.testing import CliRunner

from newsgraph.extract.dates.patterns import find_candidates
from newsgraph.extract.dates.timex import (
    duration_value,
    iso_week,
    nearest_year,
    parse_number,
    parse_value,
    point_value,
    shift,
    weekday_date,
)
from newsgraph.extract.dates.values import Context, normalize
from tests.conftest import shared_file

PUBLISHED = "2019-04-07"  # a Sunday, as in the seed article


def resolve(text: str, published: str | None = PUBLISHED, tense: str | None = None) -> list[tuple[str, str, str | None, str | None]]:
    """(text, type, value, anchor) of every expression in ``text``, read in order with one tense for all."""
    context = Context(published=date.fromisoformat(published) if published else None, tense=tense)
    found = []
    for cand in find_candidates(text):
        value = normalize(cand, context)
        if value.type == "DATE" and not value.comparison:
            context.remember(value.value, 0)
        found.append((text[cand.start : cand.end], value.type, value.value, value.anchor))
    return found


def only(text: str, **kwargs) -> tuple[str, str, str | None, str | None]:
    found = resolve(text, **kwargs)
    assert len(found) == 1, found
    return found[0]


# --- calendar arithmetic (newsgraph.extract.dates.timex) ---------------------------------------------


@pytest.mark.parametrize(
    "month,dom,published,direction,year",
    [
        (3, None, "2019-04-07", "past", 2019),  # "in March", said in April: this March
        (3, None, "2019-01-15", "past", 2018),  # said in January: last year's March
        (3, None, "2019-04-07", "future", 2020),  # "will ... in March", said in April: next March
        (12, None, "2019-04-07", None, 2018),  # no tense: the past December, reports look back
        (5, None, "2019-04-07", None, 2019),  # no tense, next month: this year's May
        (4, 6, "2019-04-07", "past", 2019),  # the day before publication
        (4, 20, "2019-04-07", "past", 2019),  # two weeks ahead in a past clause: "said it would pay April 20"
        (10, 23, "2019-04-07", "past", 2018),  # half a year ahead in a past clause: last October
        (1, 14, "2019-12-20", "future", 2020),  # future, past the new year
    ],
)
def test_nearest_year(month, dom, published, direction, year):
    assert nearest_year(month, dom, date.fromisoformat(published), direction) == year


@pytest.mark.parametrize(
    "weekday,direction,strict,expected",
    [
        (5, "past", False, "2019-04-06"),  # "on Saturday" in a past clause, published Sunday 7 April
        (5, "future", False, "2019-04-13"),  # "will ... on Saturday"
        (6, "past", False, "2019-04-07"),  # "on Sunday" said on a Sunday: that day
        (6, "past", True, "2019-03-31"),  # "last Sunday" said on a Sunday: a week back
        (0, None, False, "2019-04-01"),  # no tense: the latest Monday
    ],
)
def test_weekday_date(weekday, direction, strict, expected):
    assert weekday_date(weekday, date(2019, 4, 7), direction, strict).isoformat() == expected


@pytest.mark.parametrize(
    "amount,unit,value",
    [
        (2, "day", "P2D"),
        (3, "hour", "PT3H"),
        (1, "year", "P1Y"),
        (None, "year", "PXY"),  # "several years"
        (2.5, "year", "P2Y6M"),  # "2 1/2 years"
        (5.5, "hour", "PT5H30M"),
        (18, "month", "P18M"),
        (2, "weekend", "P4D"),
    ],
)
def test_duration_value(amount, unit, value):
    assert duration_value(amount, unit) == value


@pytest.mark.parametrize(
    "text,number",
    [("24", 24), ("twenty-four", 24), ("twenty four", 24), ("a", 1), ("a couple of", 2), ("2 1/2", 2.5), ("several", None),
     ("two dozen", 24), ("half a dozen", 6), ("two and a half", 2.5), ("one hundred", 100)],
)
def test_parse_number(text, number):
    assert parse_number(text) == number


@pytest.mark.parametrize(
    "value,unit,amount,expected",
    [
        ("2019-Q1", "quarter", -1, "2018-Q4"),  # the quarter before the first
        ("2019-Q3", "year", -1, "2018-Q3"),  # a year earlier keeps the quarter
        ("2019-04-06", "day", -1, "2019-04-05"),  # the day before
        ("2019-03", "month", 1, "2019-04"),  # the following month
        ("2019-W14", "week", 1, "2019-W15"),  # next week
        ("2019-SU", "season", -1, "2019-SP"),  # the season before summer
        ("2019-SP", "season", -1, "2019-WI"),  # winter 2019 runs from December 2018
        ("2019-FA", "season", 1, "2020-WI"),  # the winter after fall 2019 is winter 2020
    ],
)
def test_shift(value, unit, amount, expected):
    assert point_value(shift(parse_value(value), unit, amount)) == expected


def test_iso_week_and_vague_values():
    assert iso_week(date(2019, 4, 7)) == "2019-W14"
    assert parse_value("PAST_REF") is None  # a vague value is no anchor for "the day before"
    assert parse_value("XXXX-04-06") is None


# --- recognition and anchoring, case by case ------------------------------------------------


@pytest.mark.parametrize(
    "text,tense,expected",
    [
        # a date with its year needs no anchor
        ("on April 6, 2019", None, ("April 6, 2019", "DATE", "2019-04-06", None)),
        # a year-less date takes its year from the publication date
        ("on April 6", "past", ("April 6", "DATE", "2019-04-06", "published")),
        ("in March", "past", ("March", "DATE", "2019-03", "published")),
        # the weekday before publication in a past clause, after it in a future one
        ("on Saturday", "past", ("Saturday", "DATE", "2019-04-06", "published")),
        ("on Saturday", "future", ("Saturday", "DATE", "2019-04-13", "published")),
        ("last Friday", None, ("last Friday", "DATE", "2019-04-05", "published")),
        # relative units count from publication; the span keeps "earlier", "last"
        ("next week", None, ("next week", "DATE", "2019-W15", "published")),
        ("earlier this month", None, ("earlier this month", "DATE", "2019-04", "published")),
        ("last year", None, ("last year", "DATE", "2018", "published")),
        ("two years ago", None, ("two years ago", "DATE", "2017", "published")),
        ("yesterday", None, ("yesterday", "DATE", "2019-04-06", "published")),
        ("this summer", None, ("this summer", "DATE", "2019-SU", "published")),
        ("June last year", None, ("June last year", "DATE", "2018-06", "published")),
        # fiscal quarters and years
        ("the third quarter of 1989", None, ("the third quarter of 1989", "DATE", "1989-Q3", None)),
        ("in the first quarter", "past", ("the first quarter", "DATE", "2019-Q1", "published")),
        ("in the fourth quarter", "past", ("the fourth quarter", "DATE", "2018-Q4", "published")),
        ("fiscal 1989", None, ("fiscal 1989", "DATE", "1989", None)),
        # decades, centuries, spoken years
        ("in the early 1990s", None, ("the early 1990s", "DATE", "199", None)),
        ("nineteen ninety-six", None, ("nineteen ninety-six", "DATE", "1996", None)),
        ("the first half of 2019", None, ("the first half of 2019", "DATE", "2019-H1", None)),
        ("FY2019 results", None, ("FY2019", "DATE", "2019", None)),
        ("every two weeks", None, ("every two weeks", "SET", "P2W", None)),
        # durations
        ("a two-day visit", None, ("two-day", "DURATION", "P2D", None)),
        ("for three hours", None, ("three hours", "DURATION", "PT3H", None)),
        ("the past two months", None, ("the past two months", "DURATION", "P2M", None)),
        ("for several years", None, ("several years", "DURATION", "PXY", None)),
        # sets and clock times
        ("daily", None, ("daily", "SET", "P1D", None)),
        ("each Thursday", None, ("each Thursday", "SET", "XXXX-WXX-4", None)),
        ("at 10 p.m. Wednesday", "past", ("10 p.m. Wednesday", "TIME", "2019-04-03T22:00", "published")),
        # vague references are typed, never given a precise value
        ("recently", None, ("recently", "DATE", "PAST_REF", None)),
        ("now", None, ("now", "DATE", "PRESENT_REF", None)),
        ("in the future", None, ("the future", "DATE", "FUTURE_REF", None)),
        ("many years ago", None, ("many years ago", "DATE", "PAST_REF", None)),
        ("the early years", None, None),  # an event-anchored period only with its "of ..."
        ("in the weeks before the vote", None, ("the weeks", "DATE", None, None)),  # stretched by the parse
        # holidays, weekends, fractions
        ("on Election Day", "future", ("Election Day", "DATE", "2019-11-05", "published")),
        ("this weekend", None, ("this weekend", "DATE", "2019-W14-WE", "published")),
        ("for two and a half years", None, ("two and a half years", "DURATION", "P2Y6M", None)),
        # "three days later": a length, as TimeML marks it
        ("three days later", None, ("three days", "DURATION", "P3D", None)),
    ],
)
def test_expression(text, tense, expected):
    found = resolve(text, tense=tense)
    assert found == ([expected] if expected else [])


@pytest.mark.parametrize(
    "text,expected",
    [
        # "the day before" counts from the date the text gave, not from publication
        ("Mahdi arrived on April 6. The day before, he met Rohani.", ("The day before", "DATE", "2019-04-05", "text")),
        # a year-over-year comparison after a quarter is that quarter a year back
        ("Profit rose in the third quarter of 2018 from a year earlier.", ("a year earlier", "DATE", "2017-Q3", "text")),
        ("Sales fell in the third quarter of 2018; in the year-ago quarter they rose.",
         ("the year-ago quarter", "DATE", "2017-Q3", "text")),
        # the following month after a month given with its year
        ("The deal closed in March 2015. The following month, it was undone.", ("The following month", "DATE", "2015-04", "text")),
    ],
)
def test_anchored_on_the_text(text, expected):
    assert resolve(text, tense="past")[-1] == expected


def test_year_range_is_two_years():
    # "2014-2016": both ends are found
    assert [f[2] for f in resolve("from 2014-2016")] == ["2014", "2016"]


def test_range_takes_the_closing_year():
    # "from March to May 2018": the opening end takes the year the closing end names
    from newsgraph.extract.dates.component import _is_range, _year_from_range_end

    text = "from March to May 2018"
    first, second = find_candidates(text)
    assert _is_range(text, first, second)
    opening = _year_from_range_end(first, second)
    assert normalize(opening, Context(published=date(2019, 4, 7))).value == "2018-03"


@pytest.mark.parametrize(
    "text,expected",
    [
        ("on Saturday", ("Saturday", "DATE", "XXXX-WXX-6", None)),  # weekday with no anchor
        ("on April 6", ("April 6", "DATE", "XXXX-04-06", None)),
        ("last year", ("last year", "DATE", "XXXX", None)),
        ("yesterday", ("yesterday", "DATE", "XXXX-XX-XX", None)),
        ("on April 6, 2019", ("April 6, 2019", "DATE", "2019-04-06", None)),  # explicit: still resolved
        ("two days", ("two days", "DURATION", "P2D", None)),
    ],
)
def test_without_publication_date_nothing_is_invented(text, expected):
    assert only(text, published=None) == expected


@pytest.mark.parametrize(
    "text",
    [
        "the 6-year-old boy",  # an age, not a duration
        "Theresa may go.",  # the modal, lower-case
        "$2,000 in cash",  # money
        "Mr. Reupke, 52 years old, resigned.",  # an age
        "15 million instructions per second",  # a rate, not a time
        "call 1-800-2000 now-ish",  # a phone number
    ],
)
def test_not_times(text):
    assert resolve(text) == []


# --- with the parse: tense, ambiguous words, the component ---------------------------------


def dates_of(nlp, text: str, published: str | None = PUBLISHED):
    from newsgraph.pipeline import analyze

    return [(d.text, d.type, d.value, d.anchor) for d in analyze(text, published=published, nlp=nlp).dates]


@pytest.mark.model
@pytest.mark.parametrize(
    "text,value",
    [
        ("Mahdi met Rohani on Saturday.", "2019-04-06"),  # past tense: the Saturday before
        ("Mahdi will meet Rohani on Saturday.", "2019-04-13"),  # "will": the Saturday after
        ("Mahdi is expected to meet Rohani on Saturday.", "2019-04-13"),  # present + "expected to"
        ("The talks took place in December.", "2018-12"),  # year-less month, past
        ("The talks will take place in December.", "2019-12"),  # year-less month, future
    ],
)
def test_tense_decides_direction(nlp, text, value):
    assert [d[2] for d in dates_of(nlp, text)] == [value]


@pytest.mark.model
def test_range_ends_resolve_together(nlp):
    # the closing end of a range comes after the opening one, across the new year
    assert dates_of(nlp, "Fighting lasted from November to February.") == [
        ("November", "DATE", "2018-11", "published"),
        ("February", "DATE", "2019-02", "text"),
    ]


@pytest.mark.model
def test_ambiguous_words_use_the_parse(nlp):
    found = dates_of(nlp, "Theresa May said prices fall in May. The fall of the wall came later.")
    assert [d[0] for d in found] == ["May"]


@pytest.mark.model
def test_event_period_spans_its_complement_and_has_no_value(nlp):
    found = dates_of(nlp, "They want a government like those of the early years of occupying Iraq, he said.")
    assert ("the early years of occupying Iraq", "DATE", None, None) in found


@pytest.mark.model
def test_spans_are_evidence(nlp):
    text = "On Friday, Oct. 23, 1998, talks began; a week later they stalled, and since then nothing moved."
    from newsgraph.pipeline import analyze

    for ref in analyze(text, published="1998-11-01", nlp=nlp).dates:
        assert text[ref.span[0] : ref.span[1]] == ref.text
    assert dates_of(nlp, text, "1998-11-01")[0] == ("Friday, Oct. 23, 1998", "DATE", "1998-10-23", None)


def test_seed_article_dates(seed_analysis, seed_expected):
    """Every date the analyst expects from the seed article, with its value."""
    found = [(d.text, d.type, d.value) for d in seed_analysis.dates]
    for item in seed_expected["dates"]:
        matches = [f for f in found if f[0] == item["text"]]
        assert len(matches) == item.get("count", 1), (item, found)
        for _text, kind, value in matches:
            assert value == item["value"], (item, value)
            if item.get("kind") == "duration":
                assert kind == "DURATION"
    vague = [d for d in seed_analysis.dates if d.text == "the early years of occupying Iraq"]
    assert vague and vague[0].value is None and vague[0].anchor is None
    april = [d for d in seed_analysis.dates if d.text == "April 6"]
    assert all(d.anchor == "published" for d in april)


# --- the scorer -----------------------------------------------------------------------------


def test_scorer_matching_and_values():
    from newsgraph.eval.timex import TimexScore, match_relaxed, same_value

    assert match_relaxed([(0, 5), (10, 20)], [(2, 4), (12, 30), (40, 45)]) == [(1, 1), (0, 0)]
    assert same_value("2000-W7", "2000-W07")  # the gold writes weeks both ways
    assert not same_value("2019-03", "2018-03")
    score = TimexScore()
    gold = {"timex3": [{"start": 0, "end": 7, "type": "DATE", "value": "2019-04-06", "text": "April 6"},
                       {"start": 20, "end": 27, "type": "DURATION", "value": "P2D", "text": "two-day"}]}  # fmt: skip
    score.add(gold, [{"span": (0, 7), "text": "April 6", "type": "DATE", "value": "2019-04-06"},
                     {"span": (20, 24), "text": "two-", "type": "DATE", "value": "P2D"},
                     {"span": (40, 44), "text": "now", "type": "DATE", "value": "PRESENT_REF"}])  # fmt: skip
    assert (score.strict.tp, score.relaxed.tp, score.relaxed.predicted) == (1, 2, 3)
    assert score.value_accuracy == 1.0 and score.type_accuracy == 0.5
    assert round(score.value.precision, 3) == 0.667 and score.value.recall == 1.0


def test_eval_command_reports_a_bad_file(tmp_path):
    from newsgraph.eval.timex import command

    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "x"}\n', encoding="utf-8")
    result = CliRunner().invoke(command, ["--timeml", str(bad)])
    assert result.exit_code != 0 and "bad.jsonl:1" in result.output


@pytest.mark.gates
def test_gate_tempeval3(nlp):
    """TempEval-3 TimeBank + AQUAINT: relaxed span F1 >= 0.88, value accuracy >= 0.80, per file and combined."""
    from newsgraph.eval.timex import score_files

    paths = [shared_file("eval", "timex", "timebank.jsonl"), shared_file("eval", "timex", "aquaint.jsonl")]
    scores = score_files(nlp, paths)
    report = json.dumps({name: score.to_dict() for name, score in scores.items()})
    for name in ("timebank.jsonl", "aquaint.jsonl", "combined"):
        assert scores[name].relaxed.f1 >= 0.88, report
        assert scores[name].value_accuracy >= 0.80, report
