"""Summaries: sentence ranking on invented features, and summaries that are article sentences in order."""

from __future__ import annotations

import pytest

from newsgraph.extract.summary import SentenceFeatures, summarize
from newsgraph.extract.summary.rank import centrality


def features(*word_lists: str, quotes: tuple[int, ...] = ()) -> list[SentenceFeatures]:
    return [SentenceFeatures(len(words.split()) + 3, frozenset(words.split()), index in quotes)
            for index, words in enumerate(word_lists)]


def test_central_sentences_share_the_article_words():
    sentences = features("oil price opec", "opec oil output", "weather sunny", "oil price output opec")
    shares = centrality(sentences)
    assert shares[3] == 1.0 and shares[2] == 0.0


def test_summary_is_three_sentences_in_article_order():
    sentences = features("oil price opec cut", "weather sunny mild", "opec oil output cut", "football score",
                         "oil price rise opec", "cat dog")
    chosen = summarize(sentences)
    assert chosen == sorted(chosen) and len(chosen) == 3
    assert 0 in chosen and 2 in chosen and 4 in chosen


def test_quotes_lift_a_sentence():
    plain = summarize(features("a b", "c d", "e f", "g h", "i j"), size=2)
    quoted = summarize(features("a b", "c d", "e f", "g h", "i j", quotes=(3,)), size=2)
    assert plain == [0, 1] and quoted == [0, 3]  # the lead still comes first


def test_short_and_repeated_sentences_are_skipped():
    sentences = [SentenceFeatures(2, frozenset({"reuter"})), *features("oil price opec", "oil price opec", "tanker port")]
    assert summarize(sentences) == [1, 3]


def test_short_articles_keep_what_they_have():
    assert summarize([SentenceFeatures(2, frozenset({"hello"}))]) == [0]
    assert summarize([]) == []


@pytest.mark.model
def test_summary_sentences_are_article_sentences_in_order(nlp):
    from newsgraph.pipeline import analyze

    text = ("OPEC agreed on Sunday to cut oil output by one mln barrels per day. The cut takes effect in March. "
            "Oil prices rose two dlrs after the decision. \"This is a good day for producers,\" the Saudi oil "
            "minister said. The weather in Vienna was cold. Ministers meet again in June to review oil output.")
    analysis = analyze(text, nlp=nlp)
    assert len(analysis.summary) == 3
    assert analysis.summary == sorted(set(analysis.summary))
    assert all(0 <= index < len(analysis.article.sentences) for index in analysis.summary)
    summary_text = [text[slice(*analysis.article.sentences[index])] for index in analysis.summary]
    assert summary_text[0].startswith("OPEC agreed")
    assert not any("weather" in sentence for sentence in summary_text)
