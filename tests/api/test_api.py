"""Every endpoint, its filters and its errors, checked against the synthetic facts computed in Python."""

from __future__ import annotations

import csv
import io
from collections import Counter
from typing import Any

import pytest

from tests.api.conftest import CORPUS, THEMED
from tests.hostile import HOSTILE_ID

ORIGINALS = {analysis["article"]["id"]: analysis for analysis in CORPUS}


def rows(response: Any) -> list[dict[str, Any]]:
    assert response.status_code == 200, response.text
    return response.json()["rows"]


def error(response: Any, status: int) -> str:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and body["error"], body
    return body["error"]


def csv_rows(response: Any) -> list[dict[str, str]]:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.text)))


def published(article_id: str) -> str:
    return ORIGINALS[article_id]["article"]["published"] if article_id in ORIGINALS else "1987-06-01"


# -- /api/articles ----------------------------------------------------------------------------------


def test_articles_newest_first_with_paging(client):
    first = client.get("/api/articles", params={"limit": 10}).json()
    assert len(first["rows"]) == 10 and first["limit"] == 10 and first["offset"] == 0
    dates = [row["published"] for row in first["rows"]]
    assert dates == sorted(dates, reverse=True)
    assert first["next"] and "offset=10" in first["next"]
    everything = rows(client.get("/api/articles", params={"limit": 1000}))
    assert len(everything) == len(CORPUS) + 1
    second = rows(client.get("/api/articles", params={"limit": 10, "offset": 10}))
    assert [r["article_id"] for r in second] == [r["article_id"] for r in everything[10:20]]
    last = client.get("/api/articles", params={"limit": 1000}).json()
    assert last["next"] is None


def test_articles_full_text_gives_the_matching_span(client):
    found = rows(client.get("/api/articles", params={"q": "sanctions", "limit": 100}))
    expected = {a["article"]["id"] for a in CORPUS if "sanctions" in a["article"]["text"]}
    assert {row["article_id"] for row in found} == expected and expected
    for row in found:
        text = ORIGINALS[row["article_id"]]["article"]["text"]
        assert text[row["start"]:row["end"]].lower() == "sanctions"
        assert "sanctions" in row["snippet"]


def test_articles_by_date_source_country_place_and_entity(client):
    march = rows(client.get("/api/articles", params={"from": "1987-03", "to": "1987-03", "limit": 1000}))
    assert {r["article_id"] for r in march} == {i for i, a in ORIGINALS.items() if a["article"]["published"].startswith("1987-03")}
    ap = rows(client.get("/api/articles", params={"source": "AP", "limit": 1000}))
    assert {r["article_id"] for r in ap} == {i for i, a in ORIGINALS.items() if a["article"]["source"] == "AP"}
    in_japan = {i for i, a in ORIGINALS.items() if any(p["country3"] == "JPN" for p in a["places"])}
    for code in ("JPN", "JP", "jpn"):
        assert {r["article_id"] for r in rows(client.get("/api/articles", params={"country": code, "limit": 1000}))} == in_japan
    tokyo = rows(client.get("/api/articles", params={"place": "1850147", "limit": 1000}))
    assert {r["article_id"] for r in tokyo} == {i for i, a in ORIGINALS.items() if any(p["name"] == "Tokyo" for p in a["places"])}
    by_name = rows(client.get("/api/articles", params={"place": "Tokyo", "limit": 1000}))
    assert {r["article_id"] for r in by_name} == {r["article_id"] for r in tokyo}
    with_merkel = {i for i, a in ORIGINALS.items() if any(e["name"] == "Angela Merkel" for e in a["entities"])}
    found = rows(client.get("/api/articles", params={"entity": "Merkel", "limit": 1000}))
    assert {r["article_id"] for r in found} == with_merkel
    entity_id = rows(client.get("/api/entities", params={"q": "angela merkel"}))[0]["id"]
    assert {r["article_id"] for r in rows(client.get("/api/articles", params={"entity": entity_id, "limit": 1000}))} == with_merkel
    both = rows(client.get("/api/articles", params={"entity": "Merkel", "source": "AP", "limit": 1000}))
    assert {r["article_id"] for r in both} == with_merkel & {r["article_id"] for r in ap}


def test_articles_by_tone_range(client):
    found = rows(client.get("/api/articles", params={"tone_max": -2}))
    assert [row["article_id"] for row in found] == [THEMED]  # the only article with a tone, -2.5
    assert rows(client.get("/api/articles", params={"tone_min": 0})) == []
    assert client.get("/api/articles", params={"tone_min": 500}).status_code == 400  # out of -100..100


def test_articles_by_theme(client):
    found = rows(client.get("/api/articles", params={"theme": "ECON_INFLATION"}))
    assert [row["article_id"] for row in found] == [THEMED]
    assert rows(client.get("/api/articles", params={"theme": "NO_SUCH_THEME"})) == []
    assert client.get("/api/facets").json()["themes"] == [{"value": "ECON_INFLATION", "articles": 1}]


@pytest.mark.parametrize("params, message", [
    ({"limit": 1001}, "limit"), ({"limit": 0}, "limit"), ({"limit": "ten"}, "limit"), ({"offset": -1}, "offset"),
    ({"from": "1987-13-01"}, "date"), ({"to": "yesterday"}, "date"), ({"format": "xml"}, "format"),
])
def test_articles_bad_parameters_are_400_saying_what(client, params, message):
    assert message in error(client.get("/api/articles", params=params), 400)


def test_articles_unknown_entity_is_404(client):
    assert "no entity named" in error(client.get("/api/articles", params={"entity": "Nobody Atall"}), 404)


def test_every_list_has_a_csv_twin(client):
    for path, params in [("/api/articles", {"q": "talks"}), ("/api/entities", {"type": "PERSON"}),
                         ("/api/quotes", {"speaker": "Rohani"}), ("/api/events", {"source": "IRN"}),
                         ("/api/places", {}), ("/api/timeline", {"entity": "Merkel"}), ("/api/speakers", {}),
                         ("/api/events/timeline", {"interval": "month"})]:
        as_json = rows(client.get(path, params=params))
        as_csv = csv_rows(client.get(path, params={**params, "format": "csv"}))
        assert len(as_csv) == len(as_json) > 0, path
        first = as_json[0]
        assert {k: (str(v) if v is not None else "") for k, v in first.items() if not isinstance(v, (bool, float))} \
            .items() <= as_csv[0].items(), path


# -- /api/articles/{id} and facets ------------------------------------------------------------------


def test_one_article_is_the_stored_analysis(client, store):
    article_id = CORPUS[5]["article"]["id"]
    body = client.get(f"/api/articles/{article_id}").json()
    assert body == store.get_analysis(article_id)
    assert body["schema_version"] == 1 and body["article"]["text"] == CORPUS[5]["article"]["text"]
    assert "no article" in error(client.get("/api/articles/not-there"), 404)


def test_facets_count_the_selected_articles(client):
    everything = client.get("/api/facets").json()
    assert everything["articles"] == len(CORPUS) + 1
    sources = Counter(a["article"]["source"] for a in CORPUS)
    assert {row["value"]: row["articles"] for row in everything["sources"] if row["value"] in sources} == dict(sources)
    ap = client.get("/api/facets", params={"source": "AP", "top": 3}).json()
    assert ap["articles"] == sources["AP"] and [row["value"] for row in ap["sources"]] == ["AP"]
    assert len(ap["entities"]) == 3
    people = Counter(e["name"] for a in CORPUS if a["article"]["source"] == "AP" for e in {x["name"]: x for x in a["entities"]}.values())
    top = ap["entities"][0]
    assert top["articles"] == people.most_common(1)[0][1]
    assert "top" in error(client.get("/api/facets", params={"top": 0}), 400)


# -- entities ---------------------------------------------------------------------------------------


def test_entities_filters_and_paging(client):
    people = rows(client.get("/api/entities", params={"type": "person", "limit": 100}))
    assert people and all(row["type"] == "PERSON" for row in people)
    assert [row["mentions"] for row in people] == sorted((row["mentions"] for row in people), reverse=True)
    iranians = rows(client.get("/api/entities", params={"type": "PERSON", "country": "IRN", "limit": 100}))
    assert {row["name"] for row in iranians} == {"Ali Khamenei", "Hassan Rohani", "Mahdi Karroubi"}
    assert [row["name"] for row in rows(client.get("/api/entities", params={"q": "KHAM"}))] == ["Ali Khamenei"]
    assert rows(client.get("/api/entities", params={"q": "%"})) == []  # a wildcard matches itself only
    page = rows(client.get("/api/entities", params={"type": "PERSON", "limit": 2, "offset": 2}))
    assert page == people[2:4]
    for row in people:
        text = (ORIGINALS.get(row["article_id"]) or {}).get("article", {}).get("text", "")
        assert text[row["start"]:row["end"]], row  # the example mention is real evidence


def test_entity_profile(client):
    khamenei = rows(client.get("/api/entities", params={"q": "Khamenei"}))[0]
    profile = client.get(f"/api/entities/{khamenei['id']}").json()
    assert profile["entity"]["name"] == "Ali Khamenei"
    assert set(profile) >= {"aliases", "roles", "mentions_by_day", "quotes_by", "quotes_about", "co_occurring",
                            "events_as_source", "events_as_target"}
    in_articles = [a for a in CORPUS if any(e["name"] == "Ali Khamenei" for e in a["entities"])]
    assert sum(day["articles"] for day in profile["mentions_by_day"]) == len(in_articles)
    said = [q for a in CORPUS for q in a["quotes"] if q["speaker"]["name"] == "Ali Khamenei"]
    assert len(profile["quotes_by"]) == min(len(said), 20)
    assert client.get("/api/entities/Khamenei").json()["entity"]["id"] == khamenei["id"]
    assert "no entity" in error(client.get("/api/entities/Nobody Atall"), 404)
    assert "limit" in error(client.get(f"/api/entities/{khamenei['id']}", params={"limit": 5000}), 400)


# -- quotes -----------------------------------------------------------------------------------------


def test_quotes_by_speaker_words_and_medium(client):
    by_rohani = rows(client.get("/api/quotes", params={"speaker": "Rohani", "limit": 1000}))
    expected = [(a["article"]["id"], q["span"][0]) for a in CORPUS for q in a["quotes"] if q["speaker"]["name"] == "Hassan Rohani"]
    assert sorted((r["article_id"], r["start"]) for r in by_rohani) == sorted(expected)
    for row in by_rohani:
        assert ORIGINALS[row["article_id"]]["article"]["text"][row["start"]:row["end"]] == row["text"]
    words = rows(client.get("/api/quotes", params={"q": "frank useful", "limit": 1000}))
    assert words and all(r["text"] == "The talks were frank and useful" for r in words)
    assert rows(client.get("/api/quotes", params={"medium": "television"})) == []
    hostile = rows(client.get("/api/quotes", params={"medium": "<script>window.__xss = 10</script>"}))
    assert [r["article_id"] for r in hostile] == [HOSTILE_ID]
    dated = rows(client.get("/api/quotes", params={"from": "1987-06", "to": "1987-06", "limit": 1000}))
    assert all(r["published"].startswith("1987-06") for r in dated) and dated
    speakers = rows(client.get("/api/speakers", params={"limit": 3}))
    counts = Counter(q["speaker"]["name"] for a in CORPUS for q in a["quotes"])
    assert [(r["speaker"], r["quotes"]) for r in speakers] == sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:3]


# -- events -----------------------------------------------------------------------------------------


def events_where(test) -> list[tuple[str, int]]:
    return sorted((a["article"]["id"], e["span"][0]) for a in CORPUS for e in a["events"] if test(e))


def test_events_filters(client):
    def got(params):
        return sorted((r["article_id"], r["start"]) for r in rows(client.get("/api/events", params={**params, "limit": 1000})))

    assert got({"source": "IRN"}) == events_where(lambda e: e["source"]["code"].startswith("IRN"))
    assert got({"target": "DEU"}) == events_where(lambda e: e["target"]["code"].startswith("DEU"))
    assert got({"source": "Angela Merkel"}) == events_where(lambda e: e["source"]["name"] == "Angela Merkel")
    assert got({"source": "IRN", "target": "Merkel"}) == events_where(
        lambda e: e["source"]["code"].startswith("IRN") and e["target"]["name"] == "Angela Merkel")
    assert got({"code": "02"}) == events_where(lambda e: e["code"].startswith("02"))
    assert got({"root": "16"}) == events_where(lambda e: e["root"] == "16")
    assert got({"quad_class": 3}) == events_where(lambda e: e["quad_class"] == 3)
    assert got({"from": "1987-05-01", "to": "1987-05-31"}) == events_where(lambda e: e["date"].startswith("1987-05"))
    assert got({"code": "%"}) == []
    assert "quad_class" in error(client.get("/api/events", params={"quad_class": 9}), 400)


def test_event_timeline_means_goldstein(client):
    months = rows(client.get("/api/events/timeline", params={"interval": "month"}))
    events = [e for a in CORPUS for e in a["events"]]
    assert sum(r["events"] for r in months) == len(events)
    march = [e["goldstein"] for e in events if e["date"].startswith("1987-03")]
    row = next(r for r in months if r["period"] == "1987-03")
    assert row["events"] == len(march) and row["goldstein"] == round(sum(march) / len(march), 2)
    assert "interval" in error(client.get("/api/events/timeline", params={"interval": "year"}), 400)


# -- places and timeline ----------------------------------------------------------------------------


def test_places_are_points_with_article_counts(client):
    points = rows(client.get("/api/places"))
    tokyo = next(p for p in points if p["name"] == "Tokyo")
    expected = [a for a in CORPUS if any(p["name"] == "Tokyo" for p in a["places"])]
    assert tokyo["articles"] == len(expected) and tokyo["geonameid"] == 1850147
    assert tokyo["mentions"] == sum(1 for a in CORPUS for p in a["places"] if p["name"] == "Tokyo")
    assert (tokyo["lat"], tokyo["lon"]) == (35.69, 139.69)
    assert ORIGINALS[tokyo["article_id"]]["article"]["text"][tokyo["start"]:tokyo["end"]] == "Tokyo"
    assert [p["articles"] for p in points] == sorted((p["articles"] for p in points), reverse=True)
    march = rows(client.get("/api/places", params={"from": "1987-03", "to": "1987-03"}))
    assert sum(p["articles"] for p in march) < sum(p["articles"] for p in points)
    assert len(rows(client.get("/api/places", params={"limit": 2}))) == 2


def test_timeline_per_source_and_interval(client):
    days = rows(client.get("/api/timeline"))
    assert sum(r["articles"] for r in days) == len(CORPUS) + 1
    per_source = Counter(a["article"]["source"] for a in CORPUS)
    assert {s: sum(r["articles"] for r in days if r["source"] == s) for s in per_source} == dict(per_source)
    months = rows(client.get("/api/timeline", params={"interval": "month"}))
    assert all(len(r["period"]) == 7 for r in months)
    weeks = rows(client.get("/api/timeline", params={"interval": "week"}))
    from datetime import date

    assert all(date.fromisoformat(r["period"]).weekday() == 0 for r in weeks)
    merkel = rows(client.get("/api/timeline", params={"entity": "Merkel", "interval": "month"}))
    mentions = sum(len(e["mentions"]) for a in CORPUS for e in a["entities"] if e["name"] == "Angela Merkel")
    assert sum(r["mentions"] for r in merkel) == mentions
    frank = rows(client.get("/api/timeline", params={"q": "frank"}))  # a word without other forms in the corpus
    assert sum(r["articles"] for r in frank) == sum(1 for a in CORPUS if "frank" in a["article"]["text"].lower())
    assert "interval" in error(client.get("/api/timeline", params={"interval": "hour"}), 400)
    assert "no entity" in error(client.get("/api/timeline", params={"entity": "Nobody Atall"}), 404)


# -- docs -------------------------------------------------------------------------------------------


def test_openapi_and_docs(client):
    spec = client.get("/openapi.json").json()
    for path in ("/api/articles", "/api/articles/{article_id}", "/api/entities", "/api/entities/{entity_id}",
                 "/api/quotes", "/api/events", "/api/places", "/api/timeline", "/api/analyze"):
        assert path in spec["paths"], path
    docs = client.get("/docs")
    assert docs.status_code == 200 and "swagger-ui-bundle.js" in docs.text and "<script>" not in docs.text


def test_answers_are_kept_until_the_store_changes(tmp_path):
    import time

    from fastapi.testclient import TestClient

    from newsgraph.api import create_app
    from newsgraph.identity import builder
    from newsgraph.store import open_store

    with open_store(str(tmp_path / "cache.db")) as store:
        for analysis in CORPUS[:10]:
            store.add_analysis(analysis)
        builder.rebuild(store)
        app = create_app(store)
        client = TestClient(app)
        first = client.get("/api/articles", params={"limit": 100})
        assert len(first.json()["rows"]) == 10
        hits = app.state.answers.hits
        again = client.get("/api/articles", params={"limit": 100})
        assert again.content == first.content and app.state.answers.hits == hits + 1
        assert again.headers["content-security-policy"] == first.headers["content-security-policy"]
        store.add_analysis(CORPUS[10])  # as another process's ingest would
        time.sleep(1.2)  # the store's version is looked at once a second
        assert len(client.get("/api/articles", params={"limit": 100}).json()["rows"]) == 11
        uncached = TestClient(create_app(store, cache=False))
        assert len(uncached.get("/api/articles", params={"limit": 100}).json()["rows"]) == 11
