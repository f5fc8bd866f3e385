"""The pages in headless Chromium: search -> article -> entity -> map by clicks, the selected
evidence against the API's spans, the hostile article running nothing, both page widths.

Screenshots of each page are saved (see conftest.py) for docs/web.md."""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from typing import Any

from tests.hostile import HOSTILE_ID

WIDTHS = (1280, 400)


def api(site: str, path: str) -> Any:
    with urllib.request.urlopen(site + path) as response:  # the test's own local server
        return json.loads(response.read())


def selected_evidence(page: Any) -> dict[str, Any]:
    """The selected pieces of the article text: joined text, first start, last end."""
    return page.evaluate("""() => {
        const pieces = [...document.querySelectorAll('#article-text .selected')];
        return {text: pieces.map(p => p.textContent).join(''),
                start: pieces.length ? +pieces[0].dataset.start : null,
                end: pieces.length ? +pieces[pieces.length - 1].dataset.end : null};
    }""")


def test_search_article_entity_map_by_clicks(page, site, shots):
    page.goto(site + "/")
    page.wait_for_selector("canvas.chart[data-ready='1']")
    page.screenshot(path=str(shots / "web-search.png"))

    page.fill("#q", "sanctions")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/?q=sanctions*")
    total = int(page.text_content("#article-count"))
    expected = api(site, "/api/facets?q=sanctions")["articles"]
    assert total == expected > 0
    page.click("aside.facets a[data-facet='source'] >> nth=0")  # a facet filters when clicked
    page.wait_for_url("**source=*")
    assert int(page.text_content("#article-count")) < total

    page.goto(site + "/?q=sanctions")
    first = page.locator("a.title").first
    article_id = urllib.parse.unquote(urllib.parse.urlparse(first.get_attribute("href")).path.split("/articles/")[1])
    first.click()
    page.wait_for_selector("#article-text .selected")  # the matching word, selected on arrival
    assert selected_evidence(page)["text"].lower() == "sanctions"

    analysis = api(site, f"/api/articles/{urllib.parse.quote(article_id)}")
    quote = next(q for q in analysis["quotes"] if "sanctions" in q["text"])
    number = analysis["quotes"].index(quote)
    page.click(f".fact-panel button[data-select='q{number}']")
    evidence = selected_evidence(page)
    assert (evidence["start"], evidence["end"]) == tuple(quote["span"])
    assert evidence["text"] == quote["text"] == analysis["article"]["text"][quote["span"][0]:quote["span"][1]]
    assert "characters" in page.text_content("#selection")

    event = analysis["events"][0] if analysis["events"] else None
    if event:  # an event highlights its trigger
        page.click(".fact-panel button[data-select='v0']")
        evidence = selected_evidence(page)
        assert (evidence["start"], evidence["end"]) == tuple(event["trigger"]["span"])
    date_piece = page.locator("#article-text .f-date").first
    if analysis["dates"]:
        assert "date " + analysis["dates"][0]["value"] in date_piece.get_attribute("title")  # the value on hover
    page.screenshot(path=str(shots / "web-article.png"))

    person = page.locator(".fact-panel button.t-PERSON").first
    name = person.text_content()
    person.click()  # all of an entity's mentions at once
    mentions = next(e for e in analysis["entities"] if e["name"] == name)["mentions"]
    assert page.locator("#article-text .selected").count() >= len(mentions)
    group = person.get_attribute("data-select")
    page.click(f".fact-panel li:has(button[data-select='{group}']) a.more")
    page.wait_for_selector("#entity-name")
    assert page.text_content("#entity-name") == name
    page.wait_for_selector("canvas.chart[data-ready='1']")
    page.screenshot(path=str(shots / "web-entity.png"))
    page.click("#entity-articles")
    page.wait_for_url("**/?entity=*")
    profile = api(site, "/api/entities/" + urllib.parse.quote(name))
    assert int(page.text_content("#article-count")) == profile["entity"]["articles"]

    page.goto(site + "/map")
    page.wait_for_selector("#map[data-ready='1']")
    page.screenshot(path=str(shots / "web-map.png"))
    points = page.locator("#map path.leaflet-interactive")
    assert points.count() > 0
    points.first.click()
    page.wait_for_selector("#map-articles a.map-article")
    heading = page.text_content("#map-panel h2")
    place = heading.split(" \u2014 ")[0]
    listed = page.locator("#map-articles a.map-article")
    point = next(p for p in api(site, "/api/places")["rows"] if p["name"] == place)
    assert listed.count() == min(point["articles"], 20)
    page.screenshot(path=str(shots / "web-map-click.png"))
    listed.first.click()
    page.wait_for_selector("#article-text")
    assert place in page.text_content("#article-text")
    assert page.errors == []


def test_quotes_and_events_pages(page, site, shots):
    page.goto(site + "/quotes")
    page.click("aside.facets a >> nth=0")
    page.wait_for_url("**/quotes?speaker=*")
    speaker = urllib.parse.parse_qs(urllib.parse.urlparse(page.url).query)["speaker"][0]
    assert page.locator("ul.quotes li").count() == len(api(site, "/api/quotes?speaker=" + urllib.parse.quote(speaker))["rows"])
    page.screenshot(path=str(shots / "web-quotes.png"))
    page.goto(site + "/events?source=IRN")
    page.wait_for_selector("canvas.chart[data-ready='1']")
    assert page.locator("table.events tbody tr").count() == len(api(site, "/api/events?source=IRN")["rows"])
    page.screenshot(path=str(shots / "web-events.png"))
    page.locator("table.events a.evidence").first.click()
    page.wait_for_selector("#article-text .selected")
    assert page.errors == []


def test_hostile_article_runs_nothing(page, site, shots):
    analysis = api(site, f"/api/articles/{HOSTILE_ID}")
    for path in (f"/articles/{HOSTILE_ID}", "/?q=fine", "/quotes", "/entities?q=evil", "/map", "/?source=" +
                 urllib.parse.quote(analysis["article"]["source"])):
        page.goto(site + path)
        page.wait_for_load_state("networkidle")
        for element in page.locator("#article-text .f, .badge, a").all()[:40]:
            if element.is_visible():
                element.hover()
        assert page.evaluate("() => window.__xss") is None, path
        assert page.locator("#article-text img, #article-text svg, #article-text script, main a[href^='javascript']").count() == 0
    page.goto(site + f"/articles/{HOSTILE_ID}")
    shown = page.text_content("#article-text")
    assert "<script>window.__xss = 1</script>" in shown and "</textarea>" in shown
    page.click(".badge")
    assert selected_evidence(page)["text"] == analysis["quotes"][0]["text"]
    page.screenshot(path=str(shots / "web-hostile.png"))
    assert page.evaluate("() => window.__xss") is None
    assert page.errors == []


def test_pages_at_both_widths(browser, site, shots):
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 900})
        tab = context.new_page()
        for name, path in (("search", "/"), ("article", "/articles/syn-0-1"), ("entity", "/entities/Khamenei"),
                           ("map", "/map")):
            assert tab.goto(site + path).status == 200, path
            tab.wait_for_load_state("networkidle")
            overflow = tab.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 1, (name, width, overflow)  # nothing wider than the screen
            if width == 400:
                tab.screenshot(path=str(shots / f"web-{name}-400.png"))
        context.close()
