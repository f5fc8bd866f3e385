"""Readers: bytes of one format in, :class:`Item` records out. Each one turns what it cannot read
into a failed item that names the problem, so one bad record never stops the rest.

Every reader is ``read_<format>(data, origin, options)``; ``newsgraph.ingest.sources`` picks one by
content.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any, Iterable, Iterator, Optional, Union

import lxml.html

from newsgraph.ingest.formats import decode_document, decode_text
from newsgraph.ingest.items import Item, article, failed, warning

ALIASES = {
    "id": ("id", "newid", "doc_id", "docid", "article_id", "guid", "uuid", "_id"),
    "text": ("text", "body", "content", "maintext", "full_text", "article", "story"),
    "title": ("title", "headline", "heading"),
    "published": ("published", "date", "pubdate", "published_at", "publish_date", "date_publish", "datePublished"),
    "url": ("url", "link", "uri", "source_url"),
    "source": ("source", "site", "site_name", "sitename", "publisher", "outlet", "source_name"),
    "language": ("language", "lang"),
    "author": ("author", "authors", "byline"),
}
_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n---[ \t]*\r?\n", re.DOTALL)
_META_LINE = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*$")


@dataclass
class ReadOptions:
    """How inputs are read.

    Args:
        fields: record field names where they differ from the usual ones, e.g. ``{"text": "body"}``.
        follow: for feeds, fetch each entry's linked page and read the article there.
        max_bytes: largest single document (text file, page, HTTP response) read; larger ones fail.
        source: source name for articles that do not say theirs.
        timeout, retries: for HTTP fetches.
    """

    fields: dict[str, str] = field(default_factory=dict)
    follow: bool = False
    max_bytes: int = 20_000_000
    source: Optional[str] = None
    timeout: float = 20.0
    retries: int = 2


def pick(record: dict[str, Any], name: str, options: ReadOptions) -> Any:
    """A record's value for one of our fields, by the configured name or the usual aliases."""
    if name in options.fields:
        return record.get(options.fields[name])
    present = [alias for alias in ALIASES[name] if alias in record]
    filled = [alias for alias in present if record[alias] not in (None, "")]
    return record[(filled or present)[0]] if present else None


def record_item(record: Any, origin: str, options: ReadOptions) -> Item:
    """An item from one JSON/CSV record: an article, an analysis (schema v1) or an error record."""
    if not isinstance(record, dict):
        return failed(origin, "bad_record", f"record is a JSON {type(record).__name__}, not an object")
    if isinstance(record.get("article"), dict) and "schema_version" in record:
        return Item(origin=origin, analysis=record)
    if isinstance(record.get("error"), dict) and "text" not in record:
        error = record["error"]
        return failed(origin, str(error.get("code", "bad_record")), str(error.get("message", "error record")))
    text = pick(record, "text", options)
    if text is None:
        wanted = options.fields.get("text", "text")
        return failed(origin, "bad_record", f"record has no {wanted!r} field (fields: {', '.join(list(record)[:12])})")
    if not isinstance(text, str):
        return failed(origin, "bad_record", f"text field is a {type(text).__name__}, not a string")
    meta = {name: pick(record, name, options) for name in ALIASES if name != "text"}
    meta["source"] = meta["source"] or options.source
    return article(origin, text, **meta)


def read_jsonl(data: bytes, origin: str, options: ReadOptions) -> Iterator[Item]:
    """JSON Lines (one object a line), a JSON array of objects, or one JSON object."""
    text, _ = decode_text(data)
    stripped = text.lstrip()
    lines = text.split("\n")  # only newlines: U+2028 and friends may sit inside JSON strings
    first = next((line for line in lines if line.strip()), "")
    if stripped.startswith("[") or (not _parses(first) and _parses(text)):  # an array, or one pretty object
        yield from _read_json_document(text, origin, options)
        return
    yield from read_json_lines(lines, origin, options)


def read_json_lines(
    lines: Iterable[Union[str, bytes]], origin: str, options: ReadOptions, first_line: int = 1
) -> Iterator[Item]:
    """One item per non-blank line, named ``origin:LINE``; lines may be bytes (a file streamed).
    ``first_line`` is the number of the first line given (a slice of a file read elsewhere, as Spark does)."""
    for number, line in enumerate(lines, start=first_line):
        if isinstance(line, bytes):
            line = decode_text(line)[0]
        if not line.strip():
            continue
        where = f"{origin}:{number}"
        try:
            record = json.loads(line)
        except (json.JSONDecodeError, RecursionError) as error:
            yield failed(where, "bad_record", f"line {number} is not JSON: {getattr(error, 'msg', error)}")
            continue
        yield record_item(record, where, options)


def starts_json_lines(head: bytes) -> bool:
    """Whether a file's first line is a whole JSON object: then it is JSON Lines, to be streamed."""
    first = head.lstrip(b"\xef\xbb\xbf \t\r\n").split(b"\n", 1)
    return len(first) == 2 and first[0].startswith(b"{") and _parses(decode_text(first[0])[0])


def _parses(text: str) -> bool:
    try:
        json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        return False
    return True


def _read_json_document(text: str, origin: str, options: ReadOptions) -> Iterator[Item]:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        yield failed(origin, "bad_json", f"not JSON: {error.msg} at line {error.lineno}")
        return
    records = document if isinstance(document, list) else [document]
    for number, record in enumerate(records, start=1):
        yield record_item(record, f"{origin}#{number}" if len(records) > 1 else origin, options)


def read_csv(data: bytes, origin: str, options: ReadOptions) -> Iterator[Item]:
    """CSV or TSV with a header row; columns are named as for JSON records."""
    text, _ = decode_text(data)
    try:
        dialect = csv.Sniffer().sniff(text[:8192], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel_tab if origin.lower().endswith(".tsv") else csv.excel
    csv.field_size_limit(max(options.max_bytes, 1_000_000))
    reader = csv.DictReader(io.StringIO(text, newline=""), dialect=dialect)
    try:
        for number, row in enumerate(reader, start=2):
            yield record_item({k: v for k, v in row.items() if k is not None}, f"{origin}:{number}", options)
    except csv.Error as error:
        yield failed(f"{origin}:{reader.line_num}", "bad_csv", f"CSV error: {error}")


def front_matter(text: str) -> tuple[dict[str, str], str]:
    """Metadata from a leading ``---`` block of ``key: value`` lines, and the text after it."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    meta = {}
    for line in match.group(1).splitlines():
        found = _META_LINE.match(line)
        if found:
            meta[found.group(1).lower()] = found.group(2).strip().strip("\"'")
    return meta, text[match.end() :]


def read_text(data: bytes, origin: str, options: ReadOptions, sidecar: Optional[dict[str, Any]] = None) -> Iterator[Item]:
    """A plain-text article, with metadata from front matter and/or a sidecar JSON object. Bytes that
    are mostly undecodable are a ``not_text`` failure; a few bad bytes, a ``bad_bytes`` warning."""
    decoded = decode_document(data)
    if decoded.undecodable:
        yield failed(origin, "not_text", f"not text: {decoded.note}")
        return
    meta, body = front_matter(decoded.text)
    meta = {**(sidecar or {}), **meta}
    fields = {name: pick(meta, name, options) for name in ALIASES if name != "text"}
    fields["source"] = fields["source"] or options.source
    code = "not_utf8" if decoded.note and "Windows-1252" in decoded.note else "bad_bytes"
    warnings = [warning("read", code, decoded.note)] if decoded.note else []
    yield article(origin, body, warnings=warnings, **fields)


def html_to_text(fragment: str) -> str:
    """Readable text of an HTML fragment (a feed entry's content): paragraphs on their own lines."""
    if "<" not in fragment:
        return html.unescape(fragment).strip()
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # lxml raises several types on junk markup; unreadable markup means no text
        return ""
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    for block in root.xpath("//p|//div|//br|//li|//h1|//h2|//h3|//h4|//blockquote"):
        block.tail = "\n\n" + (block.tail or "")
    lines = [re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in root.text_content().split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def read_html(data: bytes, origin: str, options: ReadOptions, url: Optional[str] = None, **fallback: Any) -> Iterator[Item]:
    """A web page: main text and metadata (title, date, author, site name) by trafilatura."""
    import trafilatura  # noqa: PLC0415 - lazy: importing it takes 0.7 s, and most inputs are not HTML

    try:
        document = trafilatura.bare_extraction(data, url=url, with_metadata=True, include_comments=False)
    except Exception as error:  # trafilatura surfaces lxml and parser errors of many kinds
        yield failed(origin, "bad_html", f"page could not be parsed: {type(error).__name__}: {error}")
        return
    text = getattr(document, "text", None) if document is not None else None
    warnings = []
    if not text or not text.strip():
        text = visible_text(decode_text(data)[0])
        if len(text.split()) < MIN_FALLBACK_WORDS:
            yield failed(origin, "no_text", "no article text found in the page (nor any paragraph of visible text)")
            return
        warnings.append(warning("read", "fallback_text", "no main article text found in the page (markup nested "
                                "too deep, or no article structure): the page's whole visible text was read"))
    yield article(
        origin,
        text,
        warnings=warnings,
        id=fallback.get("id"),
        url=getattr(document, "url", None) or url or fallback.get("url"),
        title=getattr(document, "title", None) or fallback.get("title"),
        published=getattr(document, "date", None) or fallback.get("published"),
        source=getattr(document, "sitename", None) or fallback.get("source") or options.source,
        author=getattr(document, "author", None) or fallback.get("author"),
        language=getattr(document, "language", None),
    )


MIN_FALLBACK_WORDS = 20  # less visible text than this is a page without an article
_BLOCK_TAGS = frozenset("p div br li h1 h2 h3 h4 h5 h6 blockquote section article tr td th pre header footer".split())
_HIDDEN_TAGS = frozenset("script style noscript template head title svg".split())


class _VisibleText(HTMLParser):
    """Text outside scripts, styles and the head, with block elements on their own lines. The parser
    keeps no tree, so markup nested any depth costs nothing more."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in _HIDDEN_TAGS:
            self.hidden += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN_TAGS:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def visible_text(page: str) -> str:
    """The visible text of an HTML page when a main-text extractor finds none: paragraphs on their own
    lines, runs of blank lines and spaces collapsed."""
    parser = _VisibleText()
    parser.feed(page)
    parser.close()
    lines = [re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in "".join(parser.parts).split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(line for line in lines if line)).strip()
