"""The tables the Spark job writes: those of ``newsgraph export parquet``, plus ``analyses`` and ``failures``.

Pure functions, no Spark needed: an analysis (or a failure) in, one tuple per row of each table out,
in the column order of the table's schema with the partition value last. The fact tables' columns
and types are ``newsgraph.export.parquet.SCHEMAS`` themselves, so the two outputs cannot drift apart.
"""

from __future__ import annotations

import json
from typing import Any, Callable, Optional

import pyarrow as pa

from newsgraph.export.parquet import SCHEMAS, rows

PARTITION = "published_date"  # Hive-style folder per publication day: TABLE/published_date=YYYY-MM-DD/
NO_DATE = "__HIVE_DEFAULT_PARTITION__"  # the folder Spark, DuckDB and pyarrow use for a missing value

ANALYSES_SCHEMA = pa.schema(
    [
        pa.field("article_id", pa.string()),
        pa.field("origin", pa.string()),  # where the article was read: FILE:LINE, ARCHIVE#OFFSET, ...
        pa.field("author", pa.string()),
        pa.field("analysis", pa.string()),  # the schema-v1 analysis as JSON, what `newsgraph load` stores
        pa.field("duplicate_of", pa.string()),  # set for an exact copy: the article it copies (no facts)
    ]
)
FAILURES_SCHEMA = pa.schema(
    [
        pa.field("origin", pa.string()),
        pa.field("article_id", pa.string()),
        pa.field("stage", pa.string()),  # read or analyse
        pa.field("code", pa.string()),
        pa.field("message", pa.string()),
    ]
)
TABLES: dict[str, pa.Schema] = {**SCHEMAS, "analyses": ANALYSES_SCHEMA, "failures": FAILURES_SCHEMA}
FACT_TABLES = tuple(SCHEMAS)  # the tables `export parquet` writes, column for column

Row = tuple[str, tuple[Any, ...]]  # (table name, values in schema order + partition value)


def _as_float(value: Any) -> Optional[float]:
    return None if value is None else float(value)


def _as_int(value: Any) -> Optional[int]:
    return None if value is None else int(value)


def _as_bool(value: Any) -> Optional[bool]:
    return None if value is None else bool(value)


def _as_str(value: Any) -> Optional[str]:
    return None if value is None else str(value)


def _converter(kind: pa.DataType) -> Callable[[Any], Any]:
    """A function giving a value the Python type Spark expects for a column of ``kind``
    (Spark refuses an int in a double column, where pyarrow converts it)."""
    if pa.types.is_list(kind):
        inner = _converter(kind.value_type)
        return lambda value: None if value is None else [inner(item) for item in value]
    if pa.types.is_floating(kind):
        return _as_float
    if pa.types.is_integer(kind):
        return _as_int
    if pa.types.is_boolean(kind):
        return _as_bool
    return _as_str


_CONVERTERS = {name: [(field.name, _converter(field.type)) for field in schema] for name, schema in TABLES.items()}


def as_tuple(table: str, row: dict[str, Any], published_date: Optional[str]) -> tuple[Any, ...]:
    """One row as a tuple in the table's column order, the partition value last."""
    return (*(convert(row.get(name)) for name, convert in _CONVERTERS[table]), published_date)


def analysis_rows(analysis: dict[str, Any], origin: str, author: Optional[str] = None) -> list[Row]:
    """Every row one analysis adds: the fact tables (as ``export parquet`` makes them) and ``analyses``."""
    published = analysis["article"].get("published")
    out = [(name, as_tuple(name, row, published)) for name, table_rows in rows(analysis).items() for row in table_rows]
    record = {"article_id": analysis["article"]["id"], "origin": origin, "author": author,
              "analysis": json.dumps(analysis, ensure_ascii=False)}  # fmt: skip
    out.append(("analyses", as_tuple("analyses", record, published)))
    return out


COPY_FIELDS = ("id", "text", "published", "source", "url", "title", "language")
FACT_KINDS = ("entities", "quotes", "events", "dates", "quantities", "places")


def copy_row(article: dict[str, Any], origin: str, duplicate_of: str, author: Optional[str] = None) -> Row:
    """The ``analyses`` row of an exact copy of another article: the article without facts, as
    ``newsgraph ingest`` stores a copy. Copies have no rows in the fact tables."""
    analysis = {"schema_version": 1, "article": {**{key: article.get(key) for key in COPY_FIELDS}, "sentences": []},
                **{kind: [] for kind in FACT_KINDS}}  # fmt: skip
    record = {"article_id": article.get("id"), "origin": origin, "author": author, "duplicate_of": duplicate_of,
              "analysis": json.dumps(analysis, ensure_ascii=False)}  # fmt: skip
    return "analyses", as_tuple("analyses", record, article.get("published"))


def failure_row(origin: str, article_id: Optional[str], stage: str, code: str, message: str,
                published: Optional[str] = None) -> Row:  # fmt: skip
    """The ``failures`` row of an item that could not be read or analysed."""
    record = {"origin": origin, "article_id": article_id, "stage": stage, "code": code, "message": message}
    return "failures", as_tuple("failures", record, published)
