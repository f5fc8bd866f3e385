"""Format detection by content (the extension only breaks ties), and decoding of text bytes."""

from __future__ import annotations

import gzip
import re
import zlib
from typing import Optional

SNIFF_BYTES = 65536
BINARY_MAGIC = {
    b"%PDF": "PDF",
    b"\x89PNG": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"PK\x03\x04": "ZIP archive",
    b"\x7fELF": "executable",
    b"SQLite format 3": "SQLite database",
    b"BZh": "bzip2 archive",
    b"\xfd7zXZ": "xz archive",
    b"RIFF": "RIFF media",
}
_FEED_ROOT = re.compile(rb"<(rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
_HTML_ROOT = re.compile(rb"<(!doctype\s+html|html|head|body|article|div|p|meta|title)[\s>]", re.IGNORECASE)
_EXTENSIONS = {
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".csv": "csv", ".tsv": "csv",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".xml": "feed", ".rss": "feed", ".atom": "feed",
    ".warc": "warc", ".txt": "text", ".md": "text", ".text": "text",
}  # fmt: skip


def gunzip_head(head: bytes) -> Optional[bytes]:
    """The first bytes inside a gzip stream (None when it is not one or is broken at the start)."""
    if not head.startswith(b"\x1f\x8b"):
        return None
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, SNIFF_BYTES)
    except zlib.error:
        return None


_CONTROL = bytes(b for b in range(32) if b not in b"\t\n\r\f") + b"\x7f"
MAX_CONTROL_SHARE = 0.05  # text has next to none; random bytes have about 11%


def _looks_binary(sample: bytes) -> bool:
    return b"\x00" in sample or len(sample.translate(None, _CONTROL)) < (1 - MAX_CONTROL_SHARE) * len(sample)


def detect(head: bytes, name: str = "") -> str:
    """The format of a file or response from its first bytes (and name, for ties).

    Returns one of ``warc``, ``gzip`` (gzip around something else), ``jsonl``, ``csv``, ``html``,
    ``feed``, ``text``, ``empty``, or ``binary:<what>``.
    """
    lower = name.lower()
    if not head.strip():
        return "empty"
    inner = gunzip_head(head)
    if inner is not None:
        return "warc" if inner.startswith(b"WARC/") else "gzip"
    if head.startswith(b"WARC/"):
        return "warc"
    for magic, what in BINARY_MAGIC.items():
        if head.startswith(magic):
            return f"binary:{what}"
    if not head.startswith((b"\xff\xfe", b"\xfe\xff")) and _looks_binary(head[:8192]):
        return "binary:data"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:2048]
    if start[:1] in (b"{", b"["):
        return "jsonl"
    if start.startswith(b"<"):
        if _FEED_ROOT.search(head[:4096]):
            return "feed"
        if _HTML_ROOT.search(head[:4096]) or lower.endswith((".html", ".htm")):
            return "html"
    by_extension = next((fmt for ext, fmt in _EXTENSIONS.items() if lower.endswith(ext)), None)
    if by_extension in ("csv", "feed", "html") or (by_extension == "jsonl" and start[:1] in (b"{", b"[")):
        return by_extension
    return "text"


def decode_text(data: bytes) -> tuple[str, Optional[str]]:
    """Text from bytes: UTF-8 (or UTF-16 with a BOM), else Windows-1252, the usual legacy encoding of
    English pages; as a last resort UTF-8 with replacement characters, which the analysis refuses
    as binary data when there are many. Returns the text and a note when the bytes were not UTF-8."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        note = f"not UTF-8 ({error.reason} at byte {error.start})"
    try:
        return data.decode("cp1252"), note + "; read as Windows-1252"
    except UnicodeDecodeError:
        return data.decode("utf-8", errors="replace"), note + "; undecodable bytes replaced"


def read_gzip(data_path: str, limit: int) -> bytes:
    """The decompressed content of a gzip file, up to ``limit`` bytes (a longer one raises ValueError)."""
    with gzip.open(data_path, "rb") as stream:
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise ValueError(f"decompressed content is over the limit of {limit:,} bytes")
    return data
