"""The /api endpoints across sources, on a store with two reports of one happening."""

from __future__ import annotations

from typing import Any, Iterator

import pytest
from fastapi.testclient import TestClient

from newsgraph.api import create_app
from newsgraph.identity import builder as identity
from newsgraph.stories import builder
from tests.store_testing import postgres_url, temporary_store
from tests.stories.test_store_stories import LEAD_A, LEAD_B, other_report, report

BACKENDS = ["sqlite"] + (["postgresql"] if postgres_url() else [])


@pytest.fixture(scope="module", params=BACKENDS)
def client(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    with temporary_store(request.param, tmp_path_factory.mktemp("stories-api")) as store:
        for analysis in (report("a", "RFE/RL", "2019-04-07", LEAD_A, 5200),
                         report("b", "AP", "2019-04-08", LEAD_B, 8000), other_report("c")):
            store.add_analysis(analysis)
        identity.rebuild(store)
        builder.build(store)
        yield TestClient(create_app(store, token="", cache=False))


def test_stories_list_and_one_story(client):
    listed = client.get("/api/stories").json()
    (story,) = listed["rows"]
    assert story["articles"] == ["a", "b"] and story["sources"] == ["AP", "RFE/RL"]
    one = client.get(f"/api/stories/{story['id']}").json()
    assert [r["reason"] for r in one["reasons"]] == ["first", "same happening"]
    assert client.get("/api/stories?min_articles=1").json()["rows"][0]["id"] == story["id"]
    csv = client.get("/api/stories?format=csv")
    assert csv.status_code == 200 and csv.text.splitlines()[0].startswith("id,")


def test_claims_reused_quotes_and_canonical_events(client):
    (claim,) = client.get("/api/claims?disagree=true").json()["rows"]
    assert [v["value"] for v in claim["values"]] == [5200.0, 8000.0]
    (quote,) = client.get("/api/quotes/reused").json()["rows"]
    assert quote["first"]["article_id"] == "a"
    event, other = client.get("/api/events/canonical").json()["rows"]  # most-reported first
    assert (event["num_articles"], event["num_sources"], other["num_articles"]) == (2, 2, 1)


@pytest.mark.parametrize("url,status", [
    ("/api/stories/Snope", 404),
    ("/api/stories?limit=0", 400),
    ("/api/stories?format=xml", 400),
    ("/api/stories?from=2019-13-01", 400),
    ("/api/events/canonical?root=abc", 400),
])
def test_errors_are_clear(client, url, status):
    response = client.get(url)
    assert response.status_code == status and response.json()["error"]


def test_the_stories_pages(client):
    listing = client.get("/stories")
    assert listing.status_code == 200 and "/stories/S" in listing.text and "2 articles" in listing.text
    story_id = listing.text.split('href="/stories/')[1].split('"')[0]
    page = client.get(f"/stories/{story_id}")
    assert page.status_code == 200 and "same happening" in page.text and "sources differ" in page.text
    assert "?span=" in page.text  # each claim opens its evidence
    assert client.get("/stories/Snope").status_code == 404
    assert client.get("/stories?min_articles=0").status_code == 400
