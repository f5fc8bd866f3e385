"""Format detection by content (the extension only breaks ties), and decoding of text bytes."""

from __future__ import annotations

import gzip
import re
import zlib
from dataclasses import dataclass
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


MAX_REPLACED_SHARE = 0.005  # invalid UTF-8 sequences per character that are still "a few bad bytes"
MAX_LEGACY_SHARE = 0.3  # Windows-1252 text has some accented letters and quotes, not mostly


@dataclass
class Decoded:
    """Text decoded from bytes. ``note`` says what was not clean (None when the bytes were UTF-8);
    ``undecodable`` is set when the bytes are mostly not text in any encoding read here."""

    text: str
    note: Optional[str] = None
    undecodable: bool = False


def decode_document(data: bytes) -> Decoded:
    """Text from bytes: UTF-8 (or UTF-16 with a BOM); UTF-8 with a few invalid bytes, which become
    U+FFFD with a note; Windows-1252, the usual legacy encoding of English pages, when the bytes hold
    no UTF-8 sequence at all; otherwise undecodable."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return Decoded(data.decode("utf-16"))
        except UnicodeDecodeError:
            pass
    try:
        return Decoded(data.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        first = f"{error.reason} at byte {error.start:,}"
    replaced = data.decode("utf-8-sig", errors="replace")
    bad = replaced.count("\ufffd") - data.count("\ufffd".encode("utf-8"))  # U+FFFD written in the text is no bad byte
    has_utf8 = any(ord(char) > 127 and char != "\ufffd" for char in replaced)
    if not has_utf8:
        try:
            legacy = data.decode("cp1252")
        except UnicodeDecodeError:
            legacy = None
        if legacy is not None and sum(ord(char) > 127 for char in legacy) <= MAX_LEGACY_SHARE * len(legacy):
            return Decoded(legacy, f"not UTF-8 ({first}); read as Windows-1252")
    if bad <= MAX_REPLACED_SHARE * len(replaced):
        return Decoded(replaced, f"{bad:,} invalid UTF-8 byte sequence(s) replaced by U+FFFD (first: {first})")
    share = bad / max(1, len(replaced))
    return Decoded(replaced, f"mostly undecodable: {share:.0%} of the characters are invalid UTF-8 ({first})", True)


def decode_text(data: bytes) -> tuple[str, Optional[str]]:
    """The text of :func:`decode_document` and its note (undecodable bytes come back replaced)."""
    decoded = decode_document(data)
    return decoded.text, decoded.note


def read_gzip(data_path: str, limit: int) -> bytes:
    """The decompressed content of a gzip file, up to ``limit`` bytes (a longer one raises ValueError)."""
    with gzip.open(data_path, "rb") as stream:
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise ValueError(f"decompressed content is over the limit of {limit:,} bytes")
    return data
