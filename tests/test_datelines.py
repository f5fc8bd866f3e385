"""A wire story's dateline is a sentence of its own before the parser runs (newsgraph.sentence_cap)."""

from __future__ import annotations

import pytest
import spacy

from newsgraph.sentence_cap import SentenceCap, dateline_ends

BLANK = spacy.blank("en")


@pytest.mark.parametrize("text, body", [
    ("SEATTLE (AP) — Microsoft Corp. said Thursday it will cut jobs.", "Microsoft"),
    ("NAIROBI, March 3 (Reuters) - Kenya's health ministry said on Tuesday.", "Kenya"),
    ("PASADENA, Calif., Jan. 1 (UPI) — A handful of skywriters flew.", "A"),
    ("First line.\nNEW YORK — Stocks rose.", "Stocks"),
    ("WASHINGTON -- The Senate voted.", "The"),
])
def test_the_story_starts_a_sentence_after_its_dateline(text, body):
    doc = SentenceCap()(BLANK(text))
    (end,) = dateline_ends(doc)
    assert doc[end].text == body and doc[end].is_sent_start


@pytest.mark.parametrize("text", [
    "The UN said - and meant it - that talks would go on.",  # no capitals at the line's start
    "NATO forces said on Monday that the talks - which began in May - would go on.",  # lower-case words first
    "LONDON 1996-08-30",  # a CoNLL dateline with no dash: nothing to split
    "Officials met in Oslo.",
])
def test_no_dateline_no_break(text):
    assert dateline_ends(BLANK(text)) == []


@pytest.mark.model
def test_the_dateline_city_is_not_the_subject(nlp):
    from newsgraph.pipeline import analyze

    analysis = analyze("SEATTLE (AP) — Microsoft Corp. said Thursday it will cut about 1,900 jobs.", nlp=nlp)
    (quote,) = analysis.quotes
    assert quote.speaker.name == "Microsoft Corp."
    microsoft = next(e for e in analysis.entities if e.name == "Microsoft Corp.")
    assert "it" in [m.text for m in microsoft.mentions]
