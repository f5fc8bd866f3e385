"""The pages in process: each renders, links its JSON twin, and shows what the API returns."""

from __future__ import annotations

import html
import re

from tests.api.conftest import CORPUS, THEMED


def test_every_page_renders_and_links_its_json_twin(client):
    for path in ["/", "/?q=sanctions&source=AP", "/entities?type=PERSON", "/quotes?speaker=Rohani", "/events?source=IRN",
                 "/map", f"/articles/{CORPUS[0]['article']['id']}", "/entities/Khamenei"]:
        response = client.get(path)
        assert response.status_code == 200, path
        twin = re.search(r'id="json-twin" href="([^"]+)"|href="([^"]+)" id="json-twin"', response.text)
        assert twin, path
        url = html.unescape(twin.group(1) or twin.group(2))
        assert client.get(url).status_code == 200, url


def test_search_page_lists_articles_and_clickable_facets(client):
    page = client.get("/", params={"q": "sanctions"}).text
    expected = [a["article"]["id"] for a in CORPUS if "sanctions" in a["article"]["text"]]
    for article_id in expected:
        assert f"/articles/{article_id}?span=" in page
    assert 'data-facet="source"' in page and "/?q=sanctions&amp;source=" in page


def test_article_page_marks_every_fact_at_its_span(client):
    analysis = CORPUS[3]
    text = analysis["article"]["text"]
    page = client.get(f"/articles/{analysis['article']['id']}").text
    pieces = re.findall(r'<span class="(?:f [^"]*|t)"(?: data-facts="([^"]*)")? data-start="(\d+)" data-end="(\d+)"[^>]*>(.*?)</span>',
                        page, re.S)
    assert "".join(html.unescape(piece[3]) for piece in pieces) == text  # the text, whole and in order
    covered: dict[str, list[tuple[int, int]]] = {}
    for facts, start, end, _ in pieces:
        for fact in facts.split():
            covered.setdefault(fact, []).append((int(start), int(end)))
    for number, quote in enumerate(analysis["quotes"]):
        spans = covered[f"q{number}"]
        assert (spans[0][0], spans[-1][1]) == tuple(quote["span"])
        assert text[spans[0][0]:spans[-1][1]] == quote["text"]
    for number, found in enumerate(analysis["dates"]):
        spans = covered[f"d{number}"]
        assert (spans[0][0], spans[-1][1]) == tuple(found["span"])
        assert f"date {found['value']}" in page


def test_missing_and_bad_pages(client):
    assert client.get("/articles/nope").status_code == 404
    assert client.get("/entities/Nobody Atall").status_code == 404
    bad = client.get("/", params={"from": "soon"})
    assert bad.status_code == 400 and "since must be a date" in bad.text
    assert client.get("/events", params={"quad_class": "7"}).status_code == 400
    assert client.get("/no/such/page").status_code == 404


def test_article_page_shows_tone_themes_and_summary_where_stored(client):
    analysis = CORPUS[0]
    assert analysis["article"]["id"] == THEMED
    page = client.get(f"/articles/{THEMED}").text
    first_sentence = analysis["article"]["text"][slice(*analysis["article"]["sentences"][0])]
    assert html.escape(first_sentence, quote=False) in html.unescape(re.search(r'id="summary">(.*?)</p>', page, re.S).group(1)) \
        or first_sentence in html.unescape(page)
    assert "Tone -2.5 (positive 1.5%, negative 4.0%)" in page
    assert 'data-select="th-0">ECON_INFLATION</button>' in page
    start, end = analysis["themes"][0]["spans"][0]
    theme_pieces = re.findall(r'data-facts="[^"]*\bth-0\b[^"]*" data-start="(\d+)" data-end="(\d+)"', page)
    assert (int(theme_pieces[0][0]), int(theme_pieces[-1][1])) == (start, end)
    plain = client.get(f"/articles/{CORPUS[1]['article']['id']}").text
    assert 'id="summary"' not in plain and 'id="tone"' not in plain and "Themes (" not in plain


def test_quote_in_parts_and_event_confidence_render_where_stored():
    from newsgraph.web.highlight import article_facts, segments

    text = '"We will talk," Rohani said, "but not under threat." Iran accused Iraq.'
    first, second = [1, 13], [text.index("but"), text.index("threat") + len("threat")]
    analysis = {"article": {"id": "parts-1", "text": text, "sentences": [[0, len(text)]]}, "entities": [],
                "quotes": [{"span": [first[0], second[1]], "text": text[first[0]:second[1]], "parts": [first, second],
                            "speaker": {"name": "Hassan Rohani"}, "direct": True}],
                "events": [{"span": [text.index("Iran"), len(text) - 1], "code": "112", "confidence": 0.625,
                            "source": {"code": "IRN"}, "target": {"code": "IRQ"},
                            "trigger": {"span": [text.index("accused"), text.index("accused") + 7]}}],
                "dates": [], "quantities": [], "places": []}
    facts = article_facts(analysis)
    pieces = segments(text, facts)
    quoted = [p for p in pieces if "q0" in p["groups"]]
    assert [(p["start"], p["end"]) for p in quoted] == [tuple(first), tuple(second)]  # not the attribution
    assert [b["fact"] for p in pieces for b in p["badges"]] == ["q0"]  # one badge, selecting every part
    event = next(f for f in facts if f["kind"] == "event")
    assert "(confidence 0.62)" in event["label"] or "(confidence 0.63)" in event["label"]
    assert text[event["start"]:event["end"]] == "accused"


def test_a_copy_links_its_original(tmp_path):
    from fastapi.testclient import TestClient

    from newsgraph.api import create_app
    from newsgraph.store import open_store

    with open_store(str(tmp_path / "copies.db")) as store:
        store.add_analysis(CORPUS[0])
        copy = dict(CORPUS[0]["article"], id="copy-1", text=CORPUS[0]["article"]["text"] + " (syndicated)")
        store.add_duplicate(copy, CORPUS[0]["article"]["id"], 0.97)
        page = TestClient(create_app(store)).get("/articles/copy-1").text
        assert f'A copy of <a href="/articles/{CORPUS[0]["article"]["id"]}">' in page
