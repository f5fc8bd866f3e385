"""Inputs of the Spark job: paths in, an RDD of ``(position, Item)`` out, read by ``newsgraph.ingest``'s readers.

The driver only lists what to read; executors read it. JSON Lines files are split into lines by
Spark (so one big dump spreads over the whole cluster); other local files (text, HTML, WARC, CSV,
gzip) are read whole by ``newsgraph.ingest.sources.read_inputs``, exactly as ``newsgraph ingest``
reads them; files on other filesystems (``hdfs://``, ``s3a://``, ...) come through Spark's
``binaryFiles``. A manifest (``NAME.paths`` or ``NAME.paths.gz``: one path or URI a line, as
Common Crawl publishes them) stands for the files it lists.

Every item carries its position in the input, ``(input number, place in it)``, so "the first of
several copies" means the same as in ``newsgraph ingest``: the one read first.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional

from newsgraph.articles import article_id_for
from newsgraph.ingest.formats import SNIFF_BYTES, detect
from newsgraph.ingest.items import Item, failed
from newsgraph.ingest.readers import ReadOptions, read_json_lines, starts_json_lines
from newsgraph.ingest.sources import read_bytes, read_inputs, walk
from newsgraph.store import text_hash

MANIFEST_SUFFIXES = (".paths", ".paths.gz")
LINE_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")  # remote files read as JSON Lines

Position = tuple[Any, ...]


@dataclass(frozen=True)
class Source:
    """One thing to read: ``lines`` (a JSON Lines file, split by Spark), ``local`` (a file read whole
    by the ingest readers), ``remote`` (a file, folder or glob on a Hadoop filesystem) or ``missing``."""

    kind: str
    path: str
    number: int = 0


def _has_scheme(value: str) -> bool:
    return "://" in value and not value.startswith("file://")


def _local_path(value: str) -> Path:
    return Path(value[len("file://") :] if value.startswith("file://") else value).expanduser()


def plan_sources(inputs: Iterable[str], read_manifest: Any = None) -> list[Source]:
    """What the executors will read, numbered in input order (directories walked, sorted).

    Args:
        inputs: local paths or URIs of files, folders, globs (remote only) and manifests.
        read_manifest: reads the lines of a remote manifest (the job passes Spark's text reader).
    """
    planned: list[Source] = []
    for value in inputs:
        planned.extend(_plan_one(value, read_manifest))
    return [replace(source, number=number) for number, source in enumerate(planned)]


def _plan_one(value: str, read_manifest: Any) -> list[Source]:
    if _has_scheme(value):
        if value.lower().endswith(MANIFEST_SUFFIXES):
            if read_manifest is None:
                return [Source("missing", value)]
            return plan_sources(_resolved(read_manifest(value), value), read_manifest)
        return [Source("lines" if value.lower().endswith(LINE_SUFFIXES) else "remote", value)]
    path = _local_path(value)
    if path.is_dir():
        return [_plan_file(file) for file in walk(path)]
    if path.is_file():
        if path.name.lower().endswith(MANIFEST_SUFFIXES):
            return plan_sources(_resolved(_manifest_lines(path), str(path.parent) + "/"), read_manifest)
        return [_plan_file(path)]
    return [Source("missing", value)]


def _plan_file(path: Path) -> Source:
    try:
        with open(path, "rb") as stream:
            head = stream.read(SNIFF_BYTES)
    except OSError:
        return Source("local", str(path))  # the reader reports why it cannot be read
    if detect(head, path.name) == "jsonl" and starts_json_lines(head):
        return Source("lines", str(path.resolve()))
    return Source("local", str(path.resolve()))


def _manifest_lines(path: Path) -> list[str]:
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as stream:
        return list(stream)


def _resolved(lines: Iterable[str], manifest: str) -> list[str]:
    """Manifest lines as paths: a relative one is taken from the manifest's folder."""
    folder = manifest if manifest.endswith("/") else manifest.rsplit("/", 1)[0] + "/"
    out = []
    for line in lines:
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line if "://" in line or line.startswith("/") else folder + line)
    return out


def read_items(spark: Any, sources: list[Source], options: ReadOptions) -> Any:
    """An RDD of ``(position, Item)`` for every source; unreadable ones are failed items, never errors."""
    context = spark.sparkContext
    parts = []
    local = [source for source in sources if source.kind == "local"]
    if local:
        slices = max(1, min(len(local), context.defaultParallelism * 4))
        parts.append(context.parallelize([(s.number, s.path) for s in local], slices).flatMap(partial(_local_items, options)))
    for source in sources:
        if source.kind == "lines":
            uri = source.path if _has_scheme(source.path) else Path(source.path).as_uri()
            # Bytes, not str: the reader decodes each line (UTF-8, else Windows-1252) as ingest does.
            lines = context.textFile(uri, use_unicode=False).zipWithIndex()
            parts.append(lines.mapPartitions(partial(_line_items, source.number, source.path, options)))
        elif source.kind == "remote":
            parts.append(context.binaryFiles(source.path).flatMap(partial(_remote_items, source.number, options)))
    missing = [((s.number,), failed(s.path, "not_found", "no such file, directory or URI")) for s in sources if s.kind == "missing"]
    if missing:
        parts.append(context.parallelize(missing, 1))
    return context.union(parts) if parts else context.emptyRDD()


def _line_items(number: int, origin: str, options: ReadOptions, lines: Iterator[tuple[bytes, int]]) -> Iterator[tuple[Position, Item]]:
    for line, index in lines:
        for item in read_json_lines([line], origin, options, first_line=index + 1):
            yield (number, index), item


def _local_items(options: ReadOptions, source: tuple[int, str]) -> Iterator[tuple[Position, Item]]:
    number, path = source
    for place, item in enumerate(read_inputs([path], options)):
        yield (number, place), item


def _remote_items(number: int, options: ReadOptions, file: tuple[str, bytes]) -> Iterator[tuple[Position, Item]]:
    uri, data = file
    name = uri.rsplit("/", 1)[-1]
    fmt = detect(data[:SNIFF_BYTES], name)
    stem = name.split(".", 1)[0] or None
    for place, item in enumerate(read_bytes(data, fmt, uri, options, id=stem)):
        yield (number, uri, place), item


# -- which copy is kept ------------------------------------------------------------------------------


def item_text(item: Item) -> Optional[str]:
    """The text of an article or analysis item; None for failed items and records without text."""
    if item.record is not None:
        text = item.record.get("text")
    elif item.analysis is not None:
        text = (item.analysis.get("article") or {}).get("text")
    else:
        return None
    return text if isinstance(text, str) and text.strip() else None


def item_url(item: Item) -> Optional[str]:
    data = item.record if item.record is not None else (item.analysis or {}).get("article") or {}
    return data.get("url") or None


def item_id(item: Item) -> str:
    """The id ``newsgraph ingest`` gives the article: its own, else a hash of its text."""
    data = item.record if item.record is not None else (item.analysis or {}).get("article") or {}
    return str(data.get("id") or article_id_for(item_text(item) or ""))


def with_id(item: Item, article_id: str) -> Item:
    if item.record is not None:
        return replace(item, record=dict(item.record, id=article_id))
    analysis = item.analysis or {}
    return replace(item, analysis=dict(analysis, article=dict(analysis.get("article") or {}, id=article_id)))


def _first(left: tuple[Position, Item], right: tuple[Position, Item]) -> tuple[Position, Item]:
    return left if left[0] <= right[0] else right


def _ids_for(group: tuple[str, Iterable[tuple[Position, Item]]]) -> Iterator[tuple[Position, Item]]:
    """Articles sharing an id, as ingest takes them: the first read keeps it; a later one with the
    same text is the same article, dropped; one with another text gets the id with its text hash
    appended."""
    article_id, members = group
    seen: set[str] = set()
    for position, item in sorted(members, key=lambda pair: pair[0]):
        digest = text_hash(item_text(item) or "")
        if digest in seen:
            continue
        new_id = article_id if not seen else f"{article_id}~{digest[:8]}"
        seen.add(digest)
        yield position, with_id(item, new_id)


def _copies_of(group: tuple[str, Iterable[tuple[Position, Item]]]) -> Iterator[tuple[Position, Item]]:
    """Articles with one text: the first read is the original; the others are its copies, marked
    with ``extra["duplicate_of"]`` and stored without analysis, as ingest stores them."""
    ordered = sorted(group[1], key=lambda pair: pair[0])
    original = item_id(ordered[0][1])
    yield ordered[0]
    for position, item in ordered[1:]:
        yield position, replace(item, extra={**item.extra, "duplicate_of": original})


def first_copies(items: Any) -> Any:
    """The items as ``newsgraph ingest`` would store them: ids made unique (the same id and text
    twice is one article), a URL read before left out, a text read before marked as a copy of it.
    Failed items and records without text pass through."""
    with_text = items.filter(lambda pair: item_text(pair[1]) is not None)
    rest = items.filter(lambda pair: item_text(pair[1]) is None)
    by_id = with_text.map(lambda pair: (item_id(pair[1]), pair)).groupByKey().flatMap(_ids_for)
    with_url = by_id.filter(lambda pair: item_url(pair[1]) is not None)
    by_url = with_url.map(lambda pair: (item_url(pair[1]), pair)).reduceByKey(_first).values()
    unique = by_url.union(by_id.filter(lambda pair: item_url(pair[1]) is None))
    marked = unique.map(lambda pair: (text_hash(item_text(pair[1]) or ""), pair)).groupByKey().flatMap(_copies_of)
    return marked.union(rest)
