"""POST /api/analyze (nothing stored) and POST /api/articles (token-protected), and their limits."""

from __future__ import annotations

import pytest

from tests.api.conftest import TOKEN

ARTICLE = ("Chancellor Angela Merkel met President Emmanuel Macron in Paris on Monday. "
           '"We agreed on a common line," Merkel told reporters. Both sides pledged 2 billion euros.')
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.mark.model
def test_analyze_returns_an_analysis_and_stores_nothing(writer, store, nlp):
    before = store.counts()
    response = writer.post("/api/analyze", json={"text": ARTICLE, "published": "2024-03-11", "title": "Talks"})
    assert response.status_code == 200, response.text
    analysis = response.json()
    assert analysis["schema_version"] == 1 and analysis["article"]["text"] == ARTICLE
    assert "Angela Merkel" in {entity["name"] for entity in analysis["entities"]}
    assert any(quote["text"] == "We agreed on a common line," or "common line" in quote["text"] for quote in analysis["quotes"])
    assert store.counts() == before


def test_analyze_refuses_empty_text_long_text_and_large_bodies(writer):
    assert writer.post("/api/analyze", json={"text": "   "}).status_code == 400
    assert writer.post("/api/analyze", json={"title": "no text"}).status_code == 400
    too_long = writer.post("/api/analyze", json={"text": "word " * 5_000})  # 25,000 characters > 20,000
    assert too_long.status_code == 400 and "limit" in too_long.json()["error"]
    huge = writer.post("/api/analyze", json={"text": "x" * 60_000})  # a body over 50,000 bytes
    assert huge.status_code == 413 and "too large" in huge.json()["error"]

    def chunks():  # no Content-Length: the limit is counted while reading
        for _ in range(20):
            yield b"x" * 5_000

    streamed = writer.post("/api/analyze", content=chunks(), headers={"Content-Type": "application/json"})
    assert streamed.status_code == 413
    assert writer.post("/api/analyze", content=b"{not json", headers={"Content-Type": "application/json"}).status_code == 400


def test_storing_needs_the_token(client, writer):
    refused = client.post("/api/articles", json={"text": ARTICLE})
    assert refused.status_code == 403 and "NEWSGRAPH_TOKEN" in refused.json()["error"]
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}, {"Authorization": f"Basic {TOKEN}"}):
        response = writer.post("/api/articles", json={"text": ARTICLE}, headers=headers)
        assert response.status_code == 401, headers
        assert response.headers["www-authenticate"] == "Bearer"
    assert writer.get("/api/articles/api-1").status_code == 404


@pytest.mark.model
def test_storing_an_article_with_the_token(writer, store, nlp):
    body = {"text": ARTICLE, "id": "api-1", "published": "2024-03-11", "source": "Test Wire", "title": "Talks"}
    response = writer.post("/api/articles", json=body, headers=AUTH)
    assert response.status_code == 201, response.text
    assert response.json()["id"] == "api-1" and response.json()["stored"] is True
    stored = writer.get("/api/articles/api-1").json()
    assert stored["article"]["source"] == "Test Wire" and stored["article"]["text"] == ARTICLE
    found = writer.get("/api/articles", params={"source": "Test Wire"}).json()["rows"]
    assert [row["article_id"] for row in found] == ["api-1"]
    assert writer.get("/api/articles", params={"entity": "Macron", "source": "Test Wire"}).json()["rows"]
    again = writer.post("/api/articles", json=body, headers=AUTH)
    assert again.status_code == 200 and again.json()["stored"] is False


def test_storing_from_a_url_that_cannot_be_read_is_502(writer):
    response = writer.post("/api/articles", json={"url": "http://127.0.0.1:9/nothing-here"}, headers=AUTH)
    assert response.status_code == 502 and "127.0.0.1:9" in response.json()["error"]
    assert writer.post("/api/articles", json={"url": "ftp://example.com/a"}, headers=AUTH).status_code == 502
    assert writer.post("/api/articles", json={}, headers=AUTH).status_code == 400


@pytest.mark.model
def test_storing_an_article_read_from_a_url(writer, tmp_path, nlp):
    import functools
    import http.server
    import threading

    page = ("<html><head><title>Port strike ends</title></head><body><article><h1>Port strike ends</h1>"
            "<p>Dock workers in Rotterdam ended their strike on Tuesday after the port authority agreed to a "
            "4 percent raise, union leader Anna de Vries said.</p><p>Ships had waited for three days.</p>"
            "</article></body></html>")
    (tmp_path / "story.html").write_text(page, encoding="utf-8")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/story.html"
        response = writer.post("/api/articles", json={"url": url, "id": "from-url"}, headers=AUTH)
    finally:
        server.shutdown()
    assert response.status_code == 201, response.text
    stored = writer.get("/api/articles/from-url").json()
    assert "Dock workers in Rotterdam" in stored["article"]["text"] and stored["article"]["url"] == url
