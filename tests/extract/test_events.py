"""The events component: triggers, actors, intent, negation, dates, merging; the seed article."""

from __future__ import annotations

import pytest

from newsgraph.extract.events.component import find_events, merge_duplicates
from newsgraph.model import Actor, Event
from tests.conftest import shared_file


def _events(nlp, text, published="2019-04-07"):
    from newsgraph.pipeline import make_article, make_doc

    # run the pipeline directly: language detection may leave very short texts unanalysed
    return nlp(make_doc(nlp, make_article(text, published=published)))._.ng_events


@pytest.mark.parametrize(
    "text, source, code, target",
    [
        ("Iraqi Prime Minister Adel Abdul Mahdi met Iranian President Hassan Rohani.", "IRQGOV", "040", "IRNGOV"),
        ("U.S. troops attacked Iraqi rebels.", "USAMIL", "190", "IRQREB"),  # agent codes from nouns
        ("Iraqi police were attacked by U.S. troops.", "USAMIL", "190", "IRQCOP"),  # passive
        ("Iran urged Iraq to expel the troops.", "IRN", "020", "IRQ"),
        ("The United States has called on Baghdad to form partnerships.", "USA", "020", "IRQGOV"),  # capital as government
        ("Germany imposed sanctions on Russia.", "DEU", "163", "RUS"),
        ("Iranian President Hassan Rohani made his first official visit to Iraq.", "IRNGOV", "042", "IRQ"),  # nominal trigger with a light verb
    ],
)
def test_codes(nlp, text, source, code, target):
    found = [(e.source.code, e.code, e.target.code) for e in _events(nlp, text) if e.source and e.target]
    assert (source, code, target) in found


def test_intent_is_not_the_event(nlp):
    # "plans to visit" is an intention to meet (036), not a visit
    events = _events(nlp, "The French president plans to visit Iraq.")
    assert [(e.code, e.modality) for e in events] == [("036", "intent")]


def test_negation_is_flagged(nlp):
    events = _events(nlp, "Iran did not meet Iraqi officials.")
    assert events and all(e.negated for e in events)


def test_date_from_clause_else_published(nlp):
    events = _events(nlp, "Iraq's prime minister met Iran's president on April 6. Iran criticized Israel.")
    dated = {e.code: (e.date, e.date_from) for e in events}
    assert dated["040"] == ("2019-04-06", "text")
    assert dated["111"] == ("2019-04-07", "published")


def test_merge_keeps_evidence():
    def event(span):
        actor = Actor(entity="E1", code="IRQGOV", name="Mahdi", span=span)
        return Event(span=span, text="", sentence=0, code="040", root="04", source=actor, target=Actor("E2", "IRNGOV", "Rohani", span), date="2019-04-06")

    merged = merge_duplicates([event((0, 5)), event((10, 15))])
    assert len(merged) == 1 and merged[0].evidence == [(10, 15)]


def test_empty_lists_degrade(nlp):
    # no sentence boundaries, no entities, dates or places: no events and no error
    assert find_events(nlp.make_doc("Iran met Iraq.")) == []
    doc = nlp("Iran met Iraq.")
    doc._.ng_entities, doc._.ng_dates, doc._.ng_places = [], [], []
    assert isinstance(find_events(doc), list)


def test_seed_article_events(seed_analysis, seed_expected):
    events = [e for e in seed_analysis.events if not e.negated]
    text = seed_analysis.article.text
    for e in seed_analysis.events:  # every span is evidence in the article itself
        assert e.text == text[e.span[0] : e.span[1]] and e.trigger.text == text[e.trigger.span[0] : e.trigger.span[1]]

    def country(actor):
        return (actor.code or "")[:3] if actor else None

    def has(root_options, source, target, date=None, word=None):
        for e in events:
            if e.root not in root_options and e.code not in root_options:
                continue
            if {country(e.source), country(e.target)} != {source, target}:
                continue
            if date and e.date != date:
                continue
            if word and word not in seed_analysis.article.text[e.span[0] : e.span[1]]:
                continue
            return True
        return False

    assert has({"02", "10"}, "IRN", "IRQ", word="urged")  # Khamenei urges Iraq
    assert has({"04"}, "IRN", "IRQ", date="2019-04-06")  # Khamenei meets Abdul Mahdi
    assert has({"04"}, "IRQ", "IRN", date="2019-04-06")  # Abdul Mahdi meets Rohani
    assert has({"042", "040"}, "IRN", "IRQ", date="2019-03")  # Rohani's visit to Iraq in March
    assert has({"02"}, "USA", "IRQ", word="called on")
    assert has({"07", "06"}, "USA", "IRQ", word="support")


@pytest.mark.gates
def test_plover_gate(nlp):
    from newsgraph.eval.events import evaluate_plover

    scores = evaluate_plover(shared_file("eval", "events", "PLOVER_GSR_CAMEO.json"), nlp=nlp)
    assert scores["category_accuracy"] >= 0.60, scores
    assert scores["triples"]["f1"] >= 0.50, scores
