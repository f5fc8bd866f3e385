"""Inputs to items: walk directories, fetch URLs, detect each file's format and hand it to its reader."""

from __future__ import annotations

import io
import json
import os
import zlib
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional

from newsgraph.ingest.feeds import read_feed
from newsgraph.ingest.fetch import FetchError, fetch
from newsgraph.ingest.formats import SNIFF_BYTES, detect, read_gzip
from newsgraph.ingest.items import Item, failed
from newsgraph.ingest.readers import (
    ReadOptions,
    read_csv,
    read_html,
    read_json_lines,
    read_jsonl,
    read_text,
    starts_json_lines,
)
from newsgraph.ingest.warc import read_warc

SIDECAR_SUFFIX = ".meta.json"
CONTAINERS = ("jsonl", "csv", "feed", "warc", "gzip")  # many articles a file: no single-document size cap
MAX_CONTAINER_BYTES = 2_000_000_000  # read whole: JSON arrays, CSV, feeds, gzip (JSON Lines and WARC stream)


def is_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


def read_inputs(inputs: Iterable[str], options: Optional[ReadOptions] = None, skip: Iterable[str] = ()) -> Iterator[Item]:
    """Items of every input, in order: files, directories (walked, sorted) and http(s) URLs.

    Args:
        inputs: paths and URLs as the user gave them.
        options: how to read them (:class:`ReadOptions`).
        skip: files never to read (the database being written, for one).
    """
    options = options or ReadOptions()
    skipped = {os.path.realpath(path) for path in skip}
    for value in inputs:
        if is_url(value):
            yield from read_url(value, options)
            continue
        path = Path(value)
        if path.is_dir():
            for file in walk(path):
                if os.path.realpath(file) not in skipped:
                    yield from _guarded(read_file(file, options), str(file))
        elif path.is_file():
            yield from _guarded(read_file(path, options), value)
        else:
            yield failed(value, "not_found", "no such file, directory or URL")


def _guarded(items: Iterator[Item], origin: str) -> Iterator[Item]:
    """A reader's items; should the reader itself break, one failure for the rest of that file."""
    try:
        yield from items
    except Exception as error:  # a bug in one reader must not stop the batch
        yield failed(origin, "read_error", f"reading stopped: {type(error).__name__}: {error}")


def walk(root: Path) -> Iterator[Path]:
    """Files under ``root`` in a stable order, leaving out hidden ones, metadata sidecars and
    SQLite's journal files."""
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
        for name in sorted(files):
            if name.startswith(".") or name.endswith((SIDECAR_SUFFIX, "-wal", "-shm", "-journal")):
                continue
            yield Path(folder) / name


def sidecar(path: Path) -> Optional[dict[str, Any]]:
    """Metadata for ``a.txt`` from ``a.txt.meta.json`` or ``a.meta.json``, when either exists."""
    for candidate in (path.with_name(path.name + SIDECAR_SUFFIX), path.with_suffix(SIDECAR_SUFFIX)):
        if candidate.is_file():
            try:
                data = json.loads(candidate.read_text("utf-8"))
            except (OSError, ValueError):
                return None
            return data if isinstance(data, dict) else None
    return None


def read_file(path: Path, options: ReadOptions) -> Iterator[Item]:
    """The items of one file, whatever its format."""
    origin = str(path)
    try:
        size = path.stat().st_size
        with open(path, "rb") as stream:
            head = stream.read(SNIFF_BYTES)
    except OSError as error:
        yield failed(origin, "unreadable", f"cannot read: {error.strerror or error}")
        return
    fmt = detect(head, path.name)
    streamed = fmt == "warc" or (fmt == "jsonl" and starts_json_lines(head))
    cap = MAX_CONTAINER_BYTES if fmt in CONTAINERS else options.max_bytes
    if not streamed and fmt != "empty" and not fmt.startswith("binary:") and size > cap:
        yield failed(origin, "too_large", f"file of {size:,} bytes is over the limit of {cap:,} for a {fmt} file")
        return
    if fmt == "warc":
        with open(path, "rb") as stream:
            yield from read_warc(stream, origin, options)
        return
    if fmt == "gzip":
        yield from _read_gzip(path, origin, options)
        return
    if fmt == "jsonl" and streamed:  # line by line: a dump may be larger than memory
        with open(path, "rb") as stream:
            yield from read_json_lines(stream, origin, options)
        return
    try:
        data = path.read_bytes()
    except OSError as error:
        yield failed(origin, "unreadable", f"cannot read: {error.strerror or error}")
        return
    yield from read_bytes(data, fmt, origin, options, id=path.stem, sidecar=sidecar(path))


def _read_gzip(path: Path, origin: str, options: ReadOptions) -> Iterator[Item]:
    try:
        data = read_gzip(str(path), MAX_CONTAINER_BYTES)
    except (OSError, EOFError, zlib.error) as error:
        yield failed(origin, "truncated", f"gzip data is damaged or truncated: {error}")
        return
    except ValueError as error:
        yield failed(origin, "too_large", str(error))
        return
    inner = path.name[:-3] if path.name.lower().endswith(".gz") else path.name
    fmt = detect(data[:SNIFF_BYTES], inner)
    yield from read_bytes(data, fmt, origin, options, id=Path(inner).stem)


def read_bytes(data: bytes, fmt: str, origin: str, options: ReadOptions, **hints: Any) -> Iterator[Item]:
    """Items from the bytes of one document of a known format (see :func:`detect`)."""
    if fmt == "empty":
        yield failed(origin, "empty_file", "no content")
    elif fmt.startswith("binary:"):
        yield failed(origin, "binary_data", f"not text: looks like {fmt.split(':', 1)[1]}")
    elif fmt == "jsonl":
        yield from read_jsonl(data, origin, options)
    elif fmt == "csv":
        yield from read_csv(data, origin, options)
    elif fmt == "feed":
        yield from read_feed(data, origin, options)
    elif fmt == "warc":
        yield from read_warc(io.BytesIO(data), origin, options)
    elif fmt == "html":
        yield from read_html(data, origin, options, url=hints.get("url"), id=hints.get("id"))
    elif fmt == "gzip":
        yield failed(origin, "unsupported", "gzip inside gzip is not read")
    else:
        item_hints = {"id": hints.get("id"), "url": hints.get("url")}
        meta = {**{k: v for k, v in item_hints.items() if v}, **(hints.get("sidecar") or {})}
        yield from read_text(data, origin, options, sidecar=meta)


def read_url(url: str, options: ReadOptions) -> Iterator[Item]:
    """Fetch a URL and read what came back: a page, a feed, a dump or an archive."""
    try:
        response = fetch(url, timeout=options.timeout, retries=options.retries, max_bytes=options.max_bytes)
    except FetchError as error:
        yield failed(url, error.code, error.message)
        return
    fmt = detect(response.data[:SNIFF_BYTES], response.url.split("?", 1)[0])
    if fmt == "text" and "html" in response.content_type.lower():
        fmt = "html"
    yield from read_bytes(response.data, fmt, url, options, url=response.url, id=None)
