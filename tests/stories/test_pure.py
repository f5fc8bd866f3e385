"""Stories, canonical events, claims and quote reuse: the pure rules, on invented records."""

from __future__ import annotations

from collections import Counter

import pytest

from newsgraph.eval.coref_metrics import b_cubed, conll, muc
from newsgraph.stories.events import EventMention, canonical_events, group_event_mentions
from newsgraph.stories.grouping import ArticleInfo, StoryIndex, cosine, inverse_document_frequencies, lead_terms
from newsgraph.stories.reuse import Claim, QuoteReport, compare_claims, group_quotes, object_key

QUAKE = "A strong earthquake struck southern Turkey on Monday, killing dozens and toppling buildings in Gaziantep"
QUAKE_2 = "Rescuers searched toppled buildings in Gaziantep after the earthquake in southern Turkey killed dozens"
BUDGET = "The finance ministry in Ankara presented a budget with higher spending on roads and schools"


def _info(article_id, text, entities, published="2023-02-06", **extra):
    return ArticleInfo(article_id, published, extra.pop("source", article_id), lead_terms(None, text),
                       frozenset(entities), **extra)


def _index(*texts):
    return StoryIndex(inverse_document_frequencies(lead_terms(None, t) for t in texts))


def test_two_reports_of_one_happening_make_one_story():
    index = _index(QUAKE, QUAKE_2, BUDGET)
    first = index.assign(_info("a", QUAKE, {"Q-turkey", "Q-gaziantep"}))
    second = index.assign(_info("b", QUAKE_2, {"Q-turkey", "Q-gaziantep"}, published="2023-02-07"))
    assert first.reason == "first" and second.reason == "same happening"
    assert second.story_id == first.story_id and "2 shared entities" in second.detail


def test_shared_entities_without_shared_words_are_two_stories():
    index = _index(QUAKE, QUAKE_2, BUDGET)
    first = index.assign(_info("a", QUAKE, {"Q-turkey", "Q-ankara"}))
    other = index.assign(_info("c", BUDGET, {"Q-turkey", "Q-ankara"}))
    assert other.story_id != first.story_id and other.reason == "first"


def test_the_same_words_weeks_apart_are_two_stories():
    index = _index(QUAKE, QUAKE_2)
    first = index.assign(_info("a", QUAKE, {"Q-turkey", "Q-gaziantep"}))
    later = index.assign(_info("b", QUAKE_2, {"Q-turkey", "Q-gaziantep"}, published="2023-03-20"))
    assert later.story_id != first.story_id


def test_one_shared_entity_is_not_enough():
    index = _index(QUAKE, QUAKE_2)
    first = index.assign(_info("a", QUAKE, {"Q-turkey"}))
    second = index.assign(_info("b", QUAKE_2, {"Q-turkey"}))
    assert second.story_id != first.story_id


def test_a_syndicated_copy_joins_its_original_story():
    index = _index(QUAKE, BUDGET)
    first = index.assign(_info("a", QUAKE, set()))
    copy = index.assign(_info("b", BUDGET, set(), duplicate_of="a", similarity=0.91))
    assert copy.story_id == first.story_id and copy.reason == "copy" and "0.91" in copy.detail


def test_entities_everyone_mentions_are_no_evidence():
    idf = inverse_document_frequencies([lead_terms(None, QUAKE), lead_terms(None, QUAKE_2)])
    index = StoryIndex(idf, common_entities=frozenset({"Q-usa", "Q-reuters"}))
    first = index.assign(_info("a", QUAKE, {"Q-usa", "Q-reuters"}))
    second = index.assign(_info("b", QUAKE_2, {"Q-usa", "Q-reuters"}))
    assert second.story_id != first.story_id


def test_cosine_is_one_for_the_same_terms_and_zero_for_none_shared():
    terms = lead_terms(None, QUAKE)
    assert cosine(terms, terms, {}) == pytest.approx(1.0)
    assert cosine(terms, Counter({"unrelated": 1}), {}) == 0.0


def _event(article, day, source="IRN", target="IRQ", root="04", place=None, outlet=None, index=0):
    return EventMention(article, index, root, root + "2", source, target, day, place, outlet or article)


def test_reports_of_one_meeting_are_one_canonical_event():
    events = canonical_events([_event("a", "2019-04-06"), _event("b", "2019-04-07", outlet="other"),
                               _event("c", "2019-04-06", outlet="a")])
    assert len(events) == 1
    assert (events[0].num_mentions, events[0].num_articles, events[0].num_sources) == (3, 3, 2)


@pytest.mark.parametrize("second", [
    _event("b", "2019-04-20"),  # two weeks later: another meeting
    _event("b", "2019-04-07", target="SYR"),  # another target
    _event("b", "2019-04-07", root="19"),  # another kind of event
    _event("b", "2019-04-07", source=None),  # no source: no evidence of the same happening
])
def test_different_happenings_stay_apart(second):
    assert len(canonical_events([_event("a", "2019-04-06"), second])) == 2


def test_different_known_places_stay_apart():
    events = canonical_events([_event("a", "2019-04-06", place="Baghdad"), _event("b", "2019-04-06", place="Tehran")])
    assert len(events) == 2


def test_event_mentions_join_on_lemma_and_a_shared_actor():
    labels = group_event_mentions({1: ("defeat", frozenset({"boeing"})), 2: ("defeat", frozenset({"boeing", "eads"})),
                                   3: ("defeat", frozenset({"airbus"})), 4: ("win", frozenset({"boeing"})), 5: None})
    assert labels[1] == labels[2] and len({labels[1], labels[3], labels[4], labels[5]}) == 4


def test_object_keys_fold_determiners_and_plurals():
    assert object_key("the U.S. troops in Iraq") == object_key("U.S. troop in Iraq") == "us troop in iraq"
    assert object_key(None) is None


def _claim(value, outlet, approximate=False, bound=None, story="S1"):
    return Claim("us troop in iraq", None, value, approximate, bound, outlet, outlet, outlet + "-1", "2019-04-07",
                 (0, 5), str(value), "troops", story)


def test_claims_that_differ_disagree_and_bounds_overlap():
    assert compare_claims([_claim(5200, "RFE/RL", approximate=True), _claim(5000, "AP")])[0].disagree is False
    assert compare_claims([_claim(5200, "RFE/RL"), _claim(8000, "AP")])[0].disagree is True
    assert compare_claims([_claim(5200, "RFE/RL"), _claim(8000, "AP", bound="upper")])[0].disagree is False
    assert compare_claims([_claim(5200, "RFE/RL"), _claim([5000, 6000], "AP")])[0].disagree is False


def test_claims_of_other_stories_are_not_compared():
    assert compare_claims([_claim(5200, "RFE/RL", story="S1"), _claim(8000, "AP", story="S2")]) == []


def _quote(article, text, published):
    return QuoteReport(article, 0, text, "Khamenei", article, published, (0, len(text)))


def test_a_quote_retold_with_small_changes_is_traced_to_its_first_report():
    original = "We will never accept the presence of American troops in our region, not now and not ever"
    trimmed = "we will never accept the presence of American troops in our region, not now and not ever."
    other = "The economy will grow faster next year than anyone in the region expects it to"
    groups = group_quotes([_quote("late", trimmed, "2019-04-08"), _quote("early", original, "2019-04-06"),
                           _quote("x", other, "2019-04-06")])
    assert [[r.article_id for r in g] for g in groups] == [["early", "late"]]


def test_short_quotes_are_not_traced():
    assert group_quotes([_quote("a", "a disaster", "2019-04-06"), _quote("b", "a disaster", "2019-04-07")]) == []


def test_coreference_scores_on_known_clusterings():
    gold = {1: "A", 2: "A", 3: "A", 4: "B", 5: "B"}
    assert conll(gold, gold)["conll"]["f1"] == 1.0
    singletons = {m: m for m in gold}
    assert muc(gold, singletons).recall == 0.0 and b_cubed(gold, singletons).precision == 1.0
    one = {m: "X" for m in gold}
    assert muc(gold, one).recall == 1.0
    assert b_cubed(gold, one).precision == pytest.approx((3 * 3 / 5 + 2 * 2 / 5) / 5)
