"""Every analysis validates against the JSON Schema, and round-trips through to_dict/from_dict."""

from __future__ import annotations

import pytest

from newsgraph.model import Analysis, Failure
from newsgraph.schema import schema_errors

ARTICLES = [
    # a short wire item: names, a role, a pronoun, a date and a count
    ("Iraqi Prime Minister Adel Abdul Mahdi met Iranian President Hassan Rohani in Tehran on Saturday. "
     "He said the two countries would expand trade, and some 300 businessmen joined the talks.", "2019-04-07"),
    # no publication date, one sentence
    ("The company said it would cut 1,200 jobs.", None),
    # quotation marks and a headline
    ("PRICES RISE\n\"We will act,\" the minister said in a statement.", "2020-01-15"),
]


@pytest.mark.parametrize("text,published", ARTICLES)
def test_analysis_validates_and_round_trips(nlp, text, published):
    from newsgraph.pipeline import analyze

    result = analyze(text, published=published, nlp=nlp)
    data = result.to_dict()
    assert schema_errors(data) == []
    assert Analysis.from_dict(data).to_dict() == data


def test_seed_analysis_validates(seed_analysis):
    assert schema_errors(seed_analysis.to_dict()) == []


def test_failure_record_validates():
    data = Failure(id="x", code="empty_text", message="text is empty").to_dict()
    assert schema_errors(data) == []
    assert Failure.from_dict(data) == Failure(id="x", code="empty_text", message="text is empty")


def test_evidence_check_catches_a_wrong_span(nlp):
    from newsgraph.pipeline import analyze

    data = analyze("Angela Merkel visited Paris.", nlp=nlp).to_dict()
    data["entities"][0]["mentions"][0]["span"] = [1, 3]
    assert any("!=" in error for error in schema_errors(data))
