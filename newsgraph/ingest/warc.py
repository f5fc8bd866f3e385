"""WARC and WARC.gz archives (the Common Crawl News format): the HTML responses, read with warcio."""

from __future__ import annotations

import zlib
from typing import Any, BinaryIO, Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from newsgraph.ingest.items import Item, failed, parse_date
from newsgraph.ingest.readers import ReadOptions, read_html

HTML_TYPES = ("text/html", "application/xhtml")


def read_warc(stream: BinaryIO, origin: str, options: ReadOptions) -> Iterator[Item]:
    """Every HTML response with status 200, as an article at ``origin#offset``. Requests, metadata
    and other content types are skipped; a truncated or corrupt archive yields what came before
    the damage and one failure saying where it is."""
    records = ArchiveIterator(stream)
    offset = 0
    try:
        for record in records:
            if not _is_html_response(record):
                offset = records.get_record_offset()  # reads the record to its end: only after its content
                continue
            data = record.content_stream().read(options.max_bytes + 1)
            offset = records.get_record_offset()
            where = f"{origin}#{offset}"
            if len(data) > options.max_bytes:
                yield failed(where, "too_large", f"response is over the limit of {options.max_bytes:,} bytes")
                continue
            if getattr(record.raw_stream, "limit", 0) > 0:  # the archive ended inside this record
                yield failed(where, "truncated", f"archive is truncated inside the record at offset {offset}")
                return
            headers = record.rec_headers
            url = headers.get_header("WARC-Target-URI")
            yield from read_html(data, where, options, url=url, published=parse_date(headers.get_header("WARC-Date")))
    except (ArchiveLoadFailed, EOFError, zlib.error, OSError, ValueError, AttributeError, TypeError) as error:
        # warcio meets damaged headers with assorted errors; each means the same: the archive is damaged here
        yield failed(f"{origin}#{offset}", "truncated", f"archive is damaged or truncated after offset {offset}: {error}")


def _is_html_response(record: Any) -> bool:  # a warcio ArcWarcRecord: warcio ships no type information
    if getattr(record, "rec_type", None) != "response" or record.http_headers is None:
        return False
    http = record.http_headers
    content_type = (http.get_header("Content-Type") or "").lower()
    return http.get_statuscode() == "200" and content_type.startswith(HTML_TYPES)
