"""Readers: every format from small files made here, URLs from a server on 127.0.0.1. No model needed."""

from __future__ import annotations

import gzip
import http.server
import io
import json
import threading
import time
from pathlib import Path

import pytest

from newsgraph.ingest.fetch import USER_AGENT, FetchError, fetch
from newsgraph.ingest.formats import decode_text, detect
from newsgraph.ingest.items import parse_date
from newsgraph.ingest.readers import ReadOptions, front_matter, html_to_text
from newsgraph.ingest.sources import read_inputs

BODY = "The minister said on Tuesday that the talks in Oslo would resume next month. " * 3
PAGE = (
    "<html><head><title>Talks to resume | Daily</title><meta property='og:site_name' content='The Daily'>"
    "<meta name='author' content='Jane Roe'><meta property='article:published_time' content='2024-03-05T10:00:00Z'>"
    "<script>var x = 1;</script></head><body><nav><a href='/'>Home</a></nav><article><h1>Talks to resume</h1>"
    f"<p>{BODY}</p><p>Officials from both countries will meet in Bergen, a spokesman said on Monday.</p>"
    "</article><footer>Copyright</footer></body></html>"
)
FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>City Desk</title><link>http://example.invalid/</link>
<item><title>One</title><link>{link1}</link><guid>g1</guid><pubDate>Wed, 04 Sep 2024 07:15:00 +0000</pubDate>
<description>Short.</description><content:encoded><![CDATA[<p>First paragraph of the story.</p><p>Second one.</p>]]></content:encoded></item>
<item><title>Two</title><link>{link2}</link><guid>g2</guid><description>&lt;p&gt;Only a description here.&lt;/p&gt;</description></item>
</channel></rss>"""


def items_of(*paths, **options):
    return list(read_inputs([str(p) for p in paths], ReadOptions(**options)))


def records_of(*paths, **options):
    return [item.record for item in items_of(*paths, **options)]


def errors_of(*paths, **options):
    return [(item.origin, item.error[0]) for item in items_of(*paths, **options) if item.error]


@pytest.mark.parametrize(
    "head, name, expected",
    [
        (b"", "a.txt", "empty"),  # nothing at all
        (b"  \n\t", "a.txt", "empty"),  # only whitespace
        (b"WARC/1.0\r\nWARC-Type: warcinfo", "x.bin", "warc"),  # by content, whatever the name
        (gzip.compress(b"WARC/1.1\r\n"), "x.gz", "warc"),  # compressed WARC
        (gzip.compress(b'{"text": "a"}\n'), "x.jsonl.gz", "gzip"),  # gzip around something else
        (b'{"text": "a"}\n', "notes.txt", "jsonl"),  # JSON content in a .txt file
        (b"\xef\xbb\xbf[{\"text\": 1}]", "a.json", "jsonl"),  # BOM then a JSON array
        (b'<?xml version="1.0"?><rss version="2.0">', "feed", "feed"),  # RSS without extension
        (b"<feed xmlns='http://www.w3.org/2005/Atom'>", "a.xml", "feed"),  # Atom
        (b"<!DOCTYPE html><html><body>", "page.txt", "html"),  # HTML in a .txt file
        (b"id,text\n1,hello\n", "a.csv", "csv"),  # CSV by extension (content is plain text)
        (b"%PDF-1.7 ...", "a.txt", "binary:PDF"),  # known magic
        (b"abc\x00\x01\x02def", "a.txt", "binary:data"),  # NUL bytes
        (b"Just some words.", "a", "text"),  # plain text
    ],
)
def test_detect(head, name, expected):
    assert detect(head, name) == expected


@pytest.mark.parametrize(
    "data, text, note",
    [
        ("Café".encode("utf-8"), "Café", None),  # UTF-8
        ("Café".encode("cp1252"), "Café", "not UTF-8"),  # legacy Windows-1252
        (b"\xef\xbb\xbfHi", "Hi", None),  # BOM dropped
        ("Hi".encode("utf-16"), "Hi", None),  # UTF-16 with BOM
    ],
)
def test_decode_text(data, text, note):
    decoded, why = decode_text(data)
    assert decoded == text
    assert (why or "").startswith(note or "")
    assert (why is None) == (note is None)


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2024-03-05", "2024-03-05"),  # ISO date
        ("2024-03-05T10:00:00+02:00", "2024-03-05"),  # ISO timestamp
        ("Wed, 04 Sep 2024 07:15:00 +0000", "2024-09-04"),  # RFC 2822 (RSS)
        ("26-FEB-1987 15:01:01.79", "1987-02-26"),  # Reuters-21578
        ("March 5, 2024", "2024-03-05"),  # written out
        ("2024-02-30", None),  # impossible date
        ("yesterday", None),  # unreadable: dropped, not failed
        (None, None),
    ],
)
def test_parse_date(value, expected):
    assert parse_date(value) == expected


def test_front_matter():
    meta, body = front_matter("---\ntitle: \"Hello: world\"\npublished: 2024-03-05\nnot a field\n---\nBody text.\n")
    assert meta == {"title": "Hello: world", "published": "2024-03-05"}
    assert body == "Body text.\n"
    assert front_matter("No front matter.\n---\n") == ({}, "No front matter.\n---\n")


def test_text_file_with_front_matter_and_sidecar(tmp_path):
    (tmp_path / "a.txt").write_text("---\ntitle: Talks\ndate: 2024-03-05\n---\n" + BODY, "utf-8")
    (tmp_path / "b.txt").write_text(BODY + " Another.", "utf-8")
    (tmp_path / "b.meta.json").write_text(json.dumps({"url": "https://x.invalid/b", "source": "Wire"}), "utf-8")
    a, b = records_of(tmp_path)
    assert a == {"id": "a", "text": BODY, "title": "Talks", "published": "2024-03-05"}
    assert b == {"id": "b", "text": BODY + " Another.", "url": "https://x.invalid/b", "source": "Wire"}


def test_jsonl_aliases_field_options_and_bad_lines(tmp_path):
    lines = [
        json.dumps({"newid": 7, "date": "26-FEB-1987 15:01:01.79", "title": "T", "text": "Text one."}),
        "not json",
        json.dumps({"headline": "No text"}),
        json.dumps(["a list"]),
        "",
        json.dumps({"body": "Text two.", "link": "https://x.invalid/2"}),
    ]
    path = tmp_path / "dump.jsonl"
    path.write_text("\n".join(lines), "utf-8")
    items = items_of(path)
    assert items[0].record == {"id": "7", "text": "Text one.", "title": "T", "published": "1987-02-26"}
    assert [(i.origin, i.error[0]) for i in items[1:4]] == [
        (f"{path}:2", "bad_record"),
        (f"{path}:3", "bad_record"),
        (f"{path}:4", "bad_record"),
    ]
    assert items[4].record == {"text": "Text two.", "url": "https://x.invalid/2"}
    custom = records_of(path, fields={"text": "headline"})
    assert custom[2] == {"text": "No text", "title": "No text"}


def test_jsonl_file_is_streamed_by_newlines_only(tmp_path):
    path = tmp_path / "dump.jsonl"
    lines = [json.dumps({"id": "a", "text": "One\u2028line"}, ensure_ascii=False), json.dumps({"id": "b", "text": "Two"})]
    path.write_bytes("\r\n".join(lines).encode("utf-8") + b"\r\n")
    items = items_of(path)
    assert [(i.origin, i.record["text"]) for i in items] == [(f"{path}:1", "One\u2028line"), (f"{path}:2", "Two")]


def test_json_array_and_analysis_records(tmp_path):
    analysis = {"schema_version": 1, "article": {"id": "a", "text": "x"}, "entities": []}
    path = tmp_path / "records.json"
    path.write_text(json.dumps([{"text": "One."}, analysis, {"id": "z", "error": {"code": "empty_text", "message": "m"}}]))
    one, two, three = items_of(path)
    assert one.record == {"text": "One."} and one.origin == f"{path}#1"
    assert two.analysis == analysis
    assert three.error == ("empty_text", "m")


def test_csv(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text('id,headline,body,published\n1,First,"Text, with comma.",2024-01-02\n2,Second,,\n', "utf-8")
    items = items_of(path)
    assert items[0].record == {"id": "1", "title": "First", "text": "Text, with comma.", "published": "2024-01-02"}
    assert items[1].record == {"id": "2", "title": "Second", "text": ""}  # empty text: the analysis refuses it


def test_html_page(tmp_path):
    (tmp_path / "page.html").write_text(PAGE, "utf-8")
    (record,) = records_of(tmp_path)
    assert record["id"] == "page"
    assert (record["title"], record["author"], record["published"], record["source"]) == (
        "Talks to resume", "Jane Roe", "2024-03-05", "The Daily",
    )  # fmt: skip
    assert "talks in Oslo would resume" in record["text"]
    assert "var x" not in record["text"] and "Home" not in record["text"]


def test_html_with_scripts_only_is_a_failure(tmp_path):
    (tmp_path / "s.html").write_text("<html><head><script>alert(1)</script></head><body><script>x()</script></body></html>")
    assert errors_of(tmp_path) == [(str(tmp_path / "s.html"), "no_text")]


def test_feed_entries(tmp_path):
    path = tmp_path / "feed.xml"
    path.write_text(FEED.format(link1="https://x.invalid/1", link2="https://x.invalid/2"), "utf-8")
    one, two = records_of(path)
    assert one == {"id": "g1", "text": "First paragraph of the story.\n\nSecond one.", "url": "https://x.invalid/1",
                   "title": "One", "published": "2024-09-04", "source": "City Desk"}  # fmt: skip
    assert two["text"] == "Only a description here."


@pytest.mark.parametrize(
    "content",
    [
        b"<rss><channel><item><title>broken",  # XML cut short
        b"<?xml version='1.0'?><rss version='2.0'>this is not a feed at all { ] }",  # not XML inside
    ],
)
def test_feed_that_is_not_xml_is_a_failure(tmp_path, content):
    (tmp_path / "bad.rss").write_bytes(content)
    (error,) = errors_of(tmp_path)
    assert error[1] in ("bad_feed", "empty_feed")


def test_html_to_text():
    assert html_to_text("<p>One &amp; two</p><p>Three<br>four</p><script>x</script>") == "One & two\n\nThree\n\nfour"
    assert html_to_text("Plain &amp; simple") == "Plain & simple"


def _warc(path: Path, pages: list[tuple[str, str]], gz: bool = True) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as stream:
        writer = WARCWriter(stream, gzip=gz)
        for url, html in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(html.encode()), http_headers=headers)
            writer.write_record(record)
        image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://x.invalid/i.png", "response",
                                                      payload=io.BytesIO(b"\x89PNG"), http_headers=image))  # fmt: skip


def test_warc_html_responses_only(tmp_path):
    _warc(tmp_path / "news.warc.gz", [("https://x.invalid/a", PAGE), ("https://x.invalid/b", PAGE.replace("Oslo", "Rome"))])
    records = records_of(tmp_path / "news.warc.gz")
    assert [r["url"] for r in records] == ["https://x.invalid/a", "https://x.invalid/b"]
    assert "Rome" in records[1]["text"]


@pytest.mark.parametrize("gz", [True, False])
def test_truncated_warc_keeps_what_came_before(tmp_path, gz):
    path = tmp_path / ("t.warc.gz" if gz else "t.warc")
    _warc(path, [("https://x.invalid/a", PAGE), ("https://x.invalid/b", PAGE.replace("Oslo", "Rome") * 20)], gz=gz)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * 2 // 3])
    items = items_of(path)
    assert items[0].record["url"] == "https://x.invalid/a"
    assert len(items) == 2 and items[1].error[0] == "truncated"


def test_gzip_jsonl_and_truncated_gzip(tmp_path):
    data = gzip.compress(b"".join(json.dumps({"id": str(i), "text": BODY}).encode() + b"\n" for i in range(50)))
    (tmp_path / "a.jsonl.gz").write_bytes(data)
    (tmp_path / "b.jsonl.gz").write_bytes(data[: len(data) // 2])
    items = items_of(tmp_path)
    assert len([i for i in items if i.record]) == 50
    assert [(Path(i.origin).name, i.error[0]) for i in items if i.error] == [("b.jsonl.gz", "truncated")]


def test_hostile_files_are_failures(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (tmp_path / "big.txt").write_bytes(b"word " * 10_000)
    errors = dict((Path(origin).name, code) for origin, code in errors_of(tmp_path, max_bytes=20_000))
    assert errors == {"empty.txt": "empty_file", "image.png": "binary_data", "big.txt": "too_large"}


def test_missing_input_is_a_failure(tmp_path):
    assert errors_of(tmp_path / "nope") == [(str(tmp_path / "nope"), "not_found")]


def test_directory_walk_is_sorted_and_skips_hidden_and_sidecars(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("Two.")
    (tmp_path / "1.txt").write_text("One.")
    (tmp_path / ".hidden.txt").write_text("Hidden.")
    (tmp_path / "1.meta.json").write_text('{"title": "T"}')
    assert [r["text"] for r in records_of(tmp_path)] == ["One.", "Two."]


# -- HTTP, against a server on 127.0.0.1 ---------------------------------------------------------


class _Handler(http.server.BaseHTTPRequestHandler):
    hits: dict[str, int] = {}
    agents: list[str] = []

    def do_GET(self):  # noqa: N802 (http.server's name)
        self.hits[self.path] = self.hits.get(self.path, 0) + 1
        self.agents.append(self.headers.get("User-Agent", ""))
        base = f"http://127.0.0.1:{self.server.server_port}"
        if self.path == "/page":
            self._send(200, PAGE.encode(), "text/html")
        elif self.path == "/feed":
            self._send(200, FEED.format(link1=f"{base}/page", link2=f"{base}/missing").encode(), "application/rss+xml")
        elif self.path == "/flaky" and self.hits[self.path] < 2:
            self._send(503, b"busy", "text/plain")
        elif self.path == "/flaky":
            self._send(200, PAGE.encode(), "text/html")
        elif self.path == "/big":
            self._send(200, b"x" * 50_000, "text/plain")
        elif self.path == "/slow":
            time.sleep(1.0)
            self._send(200, b"late", "text/plain")
        else:
            self._send(404, b"not found", "text/plain")

    def _send(self, status, body, content_type):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()


def test_fetch_page_with_user_agent(server):
    response = fetch(f"{server}/page")
    assert response.data == PAGE.encode()
    assert _Handler.agents[-1] == USER_AGENT and USER_AGENT.startswith("newsgraph/")


def test_fetch_retries_then_succeeds(server):
    assert fetch(f"{server}/flaky", backoff=0.01).data == PAGE.encode()
    assert _Handler.hits["/flaky"] == 2


@pytest.mark.parametrize(
    "path, kwargs, code",
    [
        ("/missing", {}, "http_error"),  # 404: not retried
        ("/big", {"max_bytes": 1000}, "too_large"),  # over the size cap
        ("/slow", {"timeout": 0.2, "retries": 1, "backoff": 0.01}, "fetch_failed"),  # timeouts, retried, then given up
    ],
)
def test_fetch_failures(server, path, kwargs, code):
    with pytest.raises(FetchError) as caught:
        fetch(server + path, **kwargs)
    assert caught.value.code == code


def test_read_url_page_and_feed_with_follow(server):
    (page,) = list(read_inputs([f"{server}/page"]))
    assert page.record["title"] == "Talks to resume" and page.origin == f"{server}/page"
    items = list(read_inputs([f"{server}/feed"], ReadOptions(follow=True, retries=0)))
    followed, missing, fallback = items
    assert "talks in Oslo would resume" in followed.record["text"]
    assert (followed.record["id"], followed.record["title"]) == ("g1", "Talks to resume")  # the page's own title
    assert (missing.origin, missing.error[0]) == (f"{server}/missing", "http_error")
    assert fallback.record["text"] == "Only a description here."
