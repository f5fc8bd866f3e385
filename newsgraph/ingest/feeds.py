"""RSS and Atom feeds with feedparser: one article per entry, from its full content or description,
or, with ``follow``, from the page it links to."""

from __future__ import annotations

from typing import Any, Iterator

import feedparser

from newsgraph.ingest.fetch import FetchError, fetch
from newsgraph.ingest.items import Item, article, failed
from newsgraph.ingest.readers import ReadOptions, html_to_text, read_html


def entry_text(entry: Any) -> str:
    """The fullest text an entry carries: ``content:encoded``/Atom content, else its description."""
    contents = entry.get("content") or []
    best = max((c.get("value", "") for c in contents), key=len, default="")
    summary = entry.get("summary", "") or ""
    return html_to_text(best if len(best) >= len(summary) else summary)


def read_feed(data: bytes, origin: str, options: ReadOptions) -> Iterator[Item]:
    """Every entry of an RSS/Atom feed (bytes: feedparser is never handed a URL to fetch itself)."""
    parsed = feedparser.parse(data)
    if parsed.bozo and not any(entry_text(entry) for entry in parsed.entries):
        parsed.entries = []  # broken markup that yielded nothing readable: one failure, not empty articles
    if not parsed.entries:
        if parsed.bozo:
            reason = getattr(parsed, "bozo_exception", "unknown error")
            yield failed(origin, "bad_feed", f"not a readable RSS/Atom feed: {reason}")
        else:
            yield failed(origin, "empty_feed", "the feed has no entries")
        return
    source = parsed.feed.get("title") or options.source
    for number, entry in enumerate(parsed.entries, start=1):
        yield from _entry_items(entry, f"{origin}#{entry.get('id') or entry.get('link') or number}", source, options)


def _entry_items(entry: Any, where: str, source: Any, options: ReadOptions) -> Iterator[Item]:
    link = entry.get("link")
    meta = {
        "id": entry.get("id") or link,
        "url": link,
        "title": entry.get("title"),
        "published": entry.get("published_parsed") or entry.get("updated_parsed"),
        "source": source,
        "author": entry.get("author"),
    }
    if options.follow and link:
        page = _followed(link, meta, options)
        if page is not None and page.record is not None:
            yield page
            return
        if page is not None:  # the page failed: say so, and keep the entry's own text
            yield page
    yield article(where, entry_text(entry), **meta)


def _followed(link: str, meta: dict[str, Any], options: ReadOptions) -> Item | None:
    try:
        response = fetch(link, timeout=options.timeout, retries=options.retries, max_bytes=options.max_bytes)
    except FetchError as error:
        return failed(link, error.code, error.message)
    fallback = {key: value for key, value in meta.items() if key != "url"}
    return next(read_html(response.data, link, options, url=response.url, **fallback), None)
