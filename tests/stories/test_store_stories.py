"""Stories, claims, quote reuse and canonical events in a store: incremental, corrected, read back."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from newsgraph.cli import cli
from newsgraph.identity import builder as identity
from newsgraph.model import Analysis
from newsgraph.query.stories import find_canonical_events, find_claims, find_stories, reused_quotes, story
from newsgraph.stories import builder
from tests.store_testing import BACKENDS, POSTGRES_ENV, postgres_url, temporary_store

QUOTE = "We will not leave Iraq until the job is done, whatever the cost to us"


def report(article_id: str, outlet: str, published: str, lead: str, troops: float, person: str = "Jim Keller",
           city: str = "Baghdad", quote: str = QUOTE) -> dict:
    """A report of a troop deployment: two named entities, a quote, a number of troops, an event."""
    surname = person.split()[-1]
    text = f'{lead} U.S. Defense Secretary {person} said in {city}. "{quote}," {surname} said. Some {troops:,.0f} troops are there.'
    def span(needle: str, after: int = 0) -> list[int]:
        start = text.index(needle, after)
        return [start, start + len(needle)]
    keller, baghdad = span(person), span(city)
    quote_span = span(quote)
    number = f"Some {troops:,.0f} troops"
    return Analysis.from_dict({
        "schema_version": 1,
        "article": {"id": article_id, "text": text, "published": published, "source": outlet, "url": None,
                    "title": None, "language": "en", "sentences": [[0, len(text)]]},
        "entities": [
            {"id": "E1", "name": person, "type": "PERSON", "country": "USA", "role": "Defense Secretary",
             "mentions": [{"span": keller, "text": person, "sentence": 0, "kind": "name"}]},
            {"id": "E2", "name": city, "type": "GPE", "country": "IRQ", "role": None,
             "mentions": [{"span": baghdad, "text": city, "sentence": 0, "kind": "name"}]},
        ],
        "quotes": [{"span": quote_span, "text": quote, "sentence": 0, "direct": True, "partial": False,
                    "speaker": {"entity": "E1", "name": person, "span": span(surname, quote_span[1])},
                    "cue": {"text": "said", "span": span("said", quote_span[1])}, "medium": None}],
        "events": [{"span": span("said"), "text": "said", "sentence": 0, "code": "042", "root": "04",
                    "source": {"entity": "E1", "code": "USAGOV", "name": person, "span": keller},
                    "target": {"entity": "E2", "code": "IRQ", "name": city, "span": baghdad},
                    "date": published, "date_from": "published"}],
        "quantities": [{"span": span(number), "text": number, "sentence": 0, "value": troops, "unit": None,
                        "approximate": True, "object": "U.S. troops"}],
    }).to_dict()  # fmt: skip


LEAD_A = "The United States will send more troops to Iraq to train the Iraqi army, the Pentagon announced,"
LEAD_B = "More American troops will go to Iraq to train the Iraqi army, the Pentagon announced on Tuesday,"
OTHER_QUOTE = "Schools and hospitals come first in this budget, and roads will have to wait"
OTHER = "A new budget for schools and hospitals was presented to parliament on Monday by the finance minister,"


def other_report(article_id: str, troops: float = 10) -> dict:
    """Another story the same day: other people, another place, other words."""
    return report(article_id, "Gazette", "2019-04-08", OTHER, troops, person="Anna Berg", city="Mosul",
                  quote=OTHER_QUOTE)


@pytest.fixture(params=BACKENDS)
def store(request, tmp_path):
    if request.param == "postgresql" and postgres_url() is None:
        pytest.skip(f"{POSTGRES_ENV} is unset: PostgreSQL story tests skipped")
    with temporary_store(request.param, tmp_path) as opened:
        yield opened


def _add(store, *analyses):
    for analysis in analyses:
        assert store.add_analysis(analysis)
    identity.rebuild(store)
    return builder.build(store)


def test_reports_of_one_happening_become_one_story_incrementally(store):
    first = _add(store, report("a", "RFE/RL", "2019-04-07", LEAD_A, 5200))
    assert (first["articles_added"], first["stories"]) == (1, 1)
    second = _add(store, report("b", "AP", "2019-04-08", LEAD_B, 8000),
                  other_report("c"))
    assert second["articles_added"] == 2 and second["stories_touched"] == 2
    (big,) = find_stories(store, min_articles=2)
    assert big["articles"] == ["a", "b"] and big["sources"] == ["AP", "RFE/RL"]
    assert [r["reason"] for r in big["reasons"]] == ["first", "same happening"]
    again = builder.build(store)
    assert again["articles_added"] == 0 and again["stories_touched"] == 0


def test_split_and_merge_survive_a_rebuild(store):
    _add(store, report("a", "RFE/RL", "2019-04-07", LEAD_A, 5200), report("b", "AP", "2019-04-08", LEAD_B, 5100))
    (big,) = find_stories(store, min_articles=2)
    new_id = builder.split(store, big["id"], ["b"])
    assert story(store, new_id)["articles"] == ["b"] and story(store, big["id"])["articles"] == ["a"]
    builder.build(store, rebuild=True)
    assert story(store, new_id)["articles"] == ["b"]
    builder.merge(store, [big["id"], new_id])
    builder.build(store, rebuild=True)
    assert story(store, big["id"])["articles"] == ["a", "b"]
    with pytest.raises(LookupError):
        builder.split(store, big["id"], ["a", "b"])


def test_claims_compare_outlets_within_a_story(store):
    _add(store, report("a", "RFE/RL", "2019-04-07", LEAD_A, 5200), report("b", "AP", "2019-04-08", LEAD_B, 8000),
         other_report("c", 5200))
    (claim,) = find_claims(store, disagree=True)
    assert claim["what"] == "us troop" and claim["first"] == "a"
    assert [(v["outlet"], v["value"], v["claimant"]) for v in claim["values"]] == [
        ("RFE/RL", 5200.0, "RFE/RL"), ("AP", 8000.0, "AP")]
    assert claim["values"][0]["text"] == "Some 5,200 troops"


def test_a_quote_in_several_outlets_is_traced_to_the_first(store):
    _add(store, report("b", "AP", "2019-04-08", LEAD_B, 8000), report("a", "RFE/RL", "2019-04-07", LEAD_A, 5200))
    (quote,) = reused_quotes(store)
    assert quote["first"]["article_id"] == "a" and len(quote["reports"]) == 2
    assert reused_quotes(store, speaker="Nobody") == []


def test_one_meeting_reported_twice_is_one_canonical_event(store):
    _add(store, report("a", "RFE/RL", "2019-04-07", LEAD_A, 5200), report("b", "AP", "2019-04-08", LEAD_B, 8000))
    (event,) = find_canonical_events(store)
    assert (event["num_mentions"], event["num_articles"], event["num_sources"]) == (2, 2, 2)
    assert {m["article_id"] for m in event["mentions"]} == {"a", "b"}


def test_the_stories_commands(tmp_path):
    path = str(tmp_path / "stories.db")
    from newsgraph.store import open_store

    with open_store(path) as opened:
        _add(opened, report("a", "RFE/RL", "2019-04-07", LEAD_A, 5200), report("b", "AP", "2019-04-08", LEAD_B, 8000))
    runner = CliRunner()
    listed = runner.invoke(cli, ["stories", "--json", "--db", path], catch_exceptions=False)
    (row,) = [json.loads(line) for line in listed.output.splitlines()]
    assert set(row) >= {"id", "articles", "sources", "first_seen", "reasons"} and row["articles"] == ["a", "b"]
    split = runner.invoke(cli, ["stories", "split", row["id"], "--article", "b", "--db", path])
    assert split.exit_code == 0 and split.output.startswith("split off S")
    merged = runner.invoke(cli, ["stories", "merge", row["id"], split.output.split()[2].rstrip(":"), "--db", path])
    assert merged.exit_code == 0
    bad = runner.invoke(cli, ["stories", "split", "Snope", "--article", "b", "--db", path])
    assert bad.exit_code == 1 and "no story" in bad.output
    claims = runner.invoke(cli, ["claims", "--disagree", "--json", "--db", path], catch_exceptions=False)
    assert json.loads(claims.output.splitlines()[0])["disagree"] is True
    quotes = runner.invoke(cli, ["reused-quotes", "--db", path], catch_exceptions=False)
    assert "first in a" in quotes.output
    canonical = runner.invoke(cli, ["events", "--canonical", "--json", "--db", path], catch_exceptions=False)
    assert json.loads(canonical.output)[0]["num_articles"] == 2
