"""GDELT's split: one Events row per canonical event (one happening, however many articles tell
it), one Mentions row per passage, each pointing at its event's GlobalEventID."""

from __future__ import annotations

import io

from newsgraph.export import gdelt
from tests.export.test_gdelt import EVENTS_CODEBOOK, MENTIONS_CODEBOOK, parse

TEXT = "Iran's president met Iraq's prime minister in Baghdad on Sunday. They talked."


def _analysis(article_id, published, outlet, *, code="040", day=None, source="E1", target="E2", place=None,
              target_code="IRQGOV", evidence=()):
    target_actor = {"code": target_code, "name": "Iraq", "entity": target, "span": [20, 24]} if target_code else None
    event = {"code": code, "root": code[:2], "quad_class": 1, "goldstein": 1.0, "confidence": 0.9, "sentence": 0,
             "span": [15, 18], "trigger": {"span": [15, 18]}, "date": day or published, "place": place,
             "source": {"code": "IRNGOV", "name": "Iran", "entity": source, "span": [0, 4]},
             "target": target_actor, "evidence": [list(span) for span in evidence]}
    return {"article": {"id": article_id, "text": TEXT, "url": f"https://{outlet}.example/{article_id}",
                        "published": published, "source": outlet, "sentences": [[0, 64], [65, 77]]},
            "entities": [], "places": [], "events": [event]}


def _files(analyses, **options):
    events, mentions = io.StringIO(), io.StringIO()
    gdelt.write_rows(gdelt.event_rows(analyses, **options), events)
    gdelt.write_rows(gdelt.mention_rows(analyses, **options), mentions)
    return parse(events.getvalue(), EVENTS_CODEBOOK), parse(mentions.getvalue(), MENTIONS_CODEBOOK)


# Two articles' entities E1/E2 and E7/E9 are the same two corpus entities.
CORPUS_OF = {("a", "E1"): "C-iran", ("a", "E2"): "C-iraq", ("b", "E7"): "C-iran", ("b", "E9"): "C-iraq"}


def test_one_happening_told_by_two_outlets_is_one_event_with_two_mentions():
    first = _analysis("a", "2019-04-07", "wire")
    # told a day later, in other words (a more precise code of the same root), by other entity ids
    second = _analysis("b", "2019-04-08", "paper", code="042", source="E7", target="E9", evidence=[(65, 77)])
    events, mentions = _files([first, second], corpus_of=CORPUS_OF)
    (row,) = events
    assert (row["NumMentions"], row["NumArticles"], row["NumSources"]) == (3, 2, 2)
    assert row["EventRootCode"] == "04" and row["Day"] == "20190407"  # the earliest report's
    assert row["DATEADDED"] == "20190407000000" and row["SOURCEURL"] == "https://wire.example/a"
    assert len(mentions) == 3 and {m["GlobalEventID"] for m in mentions} == {row["GlobalEventID"]}
    assert sorted(m["MentionIdentifier"] for m in mentions) == [
        "https://paper.example/b", "https://paper.example/b", "https://wire.example/a"]
    assert {m["EventTimeDate"] for m in mentions} == {row["DATEADDED"]}


def test_the_exact_split_keeps_each_coding_apart():
    first = _analysis("a", "2019-04-07", "wire")
    second = _analysis("b", "2019-04-08", "paper", code="042", source="E7", target="E9")
    events, mentions = _files([first, second], corpus_of=CORPUS_OF, canonical=False)
    assert len(events) == 2 and len(mentions) == 2
    assert {m["GlobalEventID"] for m in mentions} == {row["GlobalEventID"] for row in events}


def test_without_corpus_entities_actors_are_their_codes():
    events, _ = _files([_analysis("a", "2019-04-07", "wire"), _analysis("b", "2019-04-07", "paper", source="E7")])
    assert len(events) == 1 and events[0]["NumArticles"] == 2


def test_different_actors_days_places_or_roots_are_different_events():
    base = _analysis("a", "2019-04-07", "wire", place="Baghdad")
    others = [
        _analysis("b", "2019-04-07", "paper", source="E7", target="E8"),  # another target entity
        _analysis("c", "2019-04-20", "paper", source="E7", target="E9"),  # two weeks later
        _analysis("d", "2019-04-07", "paper", source="E7", target="E9", place="Tehran"),  # elsewhere
        _analysis("e", "2019-04-07", "paper", source="E7", target="E9", code="190"),  # another root
    ]
    corpus_of = {**CORPUS_OF, **{(a, e): c for a in "bcde" for e, c in (("E7", "C-iran"), ("E9", "C-iraq"))},
                 ("b", "E8"): "C-syria"}
    for other in others:
        events, mentions = _files([base, other], corpus_of=corpus_of)
        assert len(events) == 2 and len(mentions) == 2, other["article"]["id"]


def test_a_one_sided_event_joins_nothing():
    events, _ = _files([_analysis("a", "2019-04-07", "wire", target_code=None, target=None),
                        _analysis("b", "2019-04-07", "paper", target_code=None, target=None)])
    assert len(events) == 2


def test_ids_are_stable_and_the_event_place_comes_from_a_mention_that_names_it():
    first = _analysis("a", "2019-04-07", "wire")
    second = _analysis("b", "2019-04-07", "paper", source="E7", target="E9", place="Baghdad")
    second["places"] = [{"span": [54, 61], "text": "Baghdad", "name": "Baghdad", "country": "IQ", "feature": "PPLC",
                         "lat": 33.34, "lon": 44.4, "sentence": 0}]
    events, _ = _files([first, second], corpus_of=CORPUS_OF)
    again, _ = _files([first, second], corpus_of=CORPUS_OF)
    assert events == again and len(events) == 1
    assert "Baghdad" in events[0]["ActionGeo_FullName"]
