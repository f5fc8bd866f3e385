"""Tone: GDELT's V1.5TONE values computed by hand on short invented texts, then through the pipeline."""

from __future__ import annotations

import pytest

from newsgraph.extract.tone import ToneCounts, count_words, tone_from_counts, tone_of_text
from newsgraph.extract.tone.lexicon import NEWS_NEUTRAL, sentiment_lexicon
from newsgraph.extract.tone.scores import words_of


def test_lexicon_is_vaders_words():
    lexicon = sentiment_lexicon()
    assert len(lexicon) > 7000
    assert lexicon["great"] > 0 and lexicon["war"] < 0
    assert not NEWS_NEUTRAL & set(lexicon)  # "crude oil" and "interest rates" carry no tone


def test_words_keep_contractions_whole():
    assert words_of("We don’t know, U.S. officials said.") == ["we", "don't", "know", "u", "s", "officials", "said"]


def test_gdelt_values_by_hand():
    # 13 words; positive: peace, great, success (3); negative: war, killed (2); no pronouns.
    tone = tone_of_text("The peace deal is a great success, but the war killed many people.", active=2)
    assert tone.word_count == 13
    assert tone.positive == pytest.approx(100 * 3 / 13, abs=1e-4)  # 23.0769
    assert tone.negative == pytest.approx(100 * 2 / 13, abs=1e-4)  # 15.3846
    assert tone.tone == pytest.approx(100 * 1 / 13, abs=1e-4)  # 7.6923: positive - negative
    assert tone.polarity == pytest.approx(100 * 5 / 13, abs=1e-4)  # 38.4615: words found in the dictionary
    assert tone.activity_density == pytest.approx(100 * 2 / 13, abs=1e-4)  # "is" is no action; deal? the caller counts
    assert tone.self_group_density == 0.0


def test_pronouns_and_negative_text_by_hand():
    # 15 words; positive: trust; negative: bad, awful; pronouns: we, it, they, our, its.
    tone = tone_of_text("We don't trust it: they said our plan was bad and its costs were awful.")
    assert (tone.word_count, tone.positive, tone.negative) == (15, 6.6667, 13.3333)
    assert tone.tone == -6.6667
    assert tone.polarity == 20.0
    assert tone.self_group_density == 33.3333
    assert tone.activity_density == 0.0  # no verbs given


def test_no_negation_as_in_gdelt():
    # GDELT counts words; "not good" still holds a positive word.
    assert tone_of_text("It is not good.").positive == 25.0


def test_news_neutral_words_carry_no_tone():
    tone = tone_of_text("Crude oil shares fell as interest rates in the United States rose.")
    assert (tone.positive, tone.negative) == (0.0, 0.0)


def test_empty_text_has_zero_tone():
    tone = tone_of_text("  ...  ")
    assert tone.word_count == 0 and tone.tone == 0.0 and tone.polarity == 0.0


def test_counts_add_up():
    first, second = count_words(["good", "day"]), count_words(["bad", "news", "they"], active=1)
    total = first + second
    assert total == ToneCounts(words=5, positive=1, negative=1, pronouns=1, active=1)
    assert tone_from_counts(total).tone == 0.0


@pytest.mark.model
def test_pipeline_sets_tone_on_article_quotes_and_entities(nlp):
    from newsgraph.pipeline import analyze

    text = ('Rebels attacked the city and killed ten people. "This is a wonderful, happy day for peace," '
            'Mayor John Smith said on Monday.')
    analysis = analyze(text, published="2020-01-01", nlp=nlp)
    assert analysis.tone.word_count == len(words_of(text))
    assert analysis.tone.activity_density > 0  # attacked, killed, said
    quote = analysis.quotes[0]
    assert quote.tone.word_count == 8 and quote.tone.positive == 37.5  # wonderful, happy, peace
    assert analysis.tone.tone < quote.tone.tone  # the article around the quote is darker
    smith = next(entity for entity in analysis.entities if "Smith" in entity.name)
    assert smith.tone.word_count < analysis.tone.word_count and smith.tone.positive > 0
