"""Parquet export: one table per kind of fact, each row with its article id and character span.

``tables(analyses)`` is a pure function (analysis dicts in, pyarrow tables out);
``write_parquet`` streams many analyses into ``DIR/<table>.parquet`` in row groups.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Optional

import pyarrow as pa
import pyarrow.parquet as pq

_EVIDENCE = [("article_id", pa.string()), ("idx", pa.int32()), ("start", pa.int32()), ("end", pa.int32()),
             ("text", pa.string()), ("sentence", pa.int32())]


def _schema(*fields: tuple[str, pa.DataType]) -> pa.Schema:
    return pa.schema([pa.field(name, kind) for name, kind in fields])


def _spanned(prefix: str) -> list[tuple[str, pa.DataType]]:
    return [(f"{prefix}_start", pa.int32()), (f"{prefix}_end", pa.int32())]


SCHEMAS: dict[str, pa.Schema] = {
    "articles": _schema(("id", pa.string()), ("published", pa.string()), ("source", pa.string()), ("url", pa.string()),
                        ("title", pa.string()), ("language", pa.string()), ("text", pa.string()),
                        ("sentences", pa.list_(pa.list_(pa.int32())))),
    "entities": _schema(("article_id", pa.string()), ("entity_id", pa.string()), ("name", pa.string()),
                        ("type", pa.string()), ("country", pa.string()), ("role", pa.string()), ("mention_count", pa.int32())),
    "mentions": _schema(("article_id", pa.string()), ("entity_id", pa.string()), ("idx", pa.int32()), ("start", pa.int32()),
                        ("end", pa.int32()), ("text", pa.string()), ("sentence", pa.int32()), ("kind", pa.string())),
    "quotes": _schema(*_EVIDENCE, ("direct", pa.bool_()), ("partial", pa.bool_()), ("speaker_entity", pa.string()),
                      ("speaker_name", pa.string()), *_spanned("speaker"), ("cue", pa.string()), *_spanned("cue"),
                      ("medium", pa.string())),
    "events": _schema(*_EVIDENCE, ("code", pa.string()), ("root", pa.string()), ("quad_class", pa.int8()),
                      ("goldstein", pa.float64()), ("plover", pa.string()), ("name", pa.string()), ("trigger", pa.string()),
                      *_spanned("trigger"), ("source_entity", pa.string()), ("source_code", pa.string()),
                      ("source_name", pa.string()), *_spanned("source"), ("target_entity", pa.string()),
                      ("target_code", pa.string()), ("target_name", pa.string()), *_spanned("target"),
                      ("date", pa.string()), ("date_from", pa.string()), ("place", pa.string()), ("negated", pa.bool_()),
                      ("modality", pa.string())),
    "dates": _schema(*_EVIDENCE, ("type", pa.string()), ("value", pa.string()), ("anchor", pa.string())),
    "quantities": _schema(*_EVIDENCE, ("value", pa.float64()), ("value_high", pa.float64()), ("unit", pa.string()),
                          ("approximate", pa.bool_()), ("bound", pa.string()), ("change", pa.string()),
                          ("currency", pa.string()), ("object", pa.string())),
    "places": _schema(*_EVIDENCE, ("name", pa.string()), ("geonameid", pa.int64()), ("lat", pa.float64()),
                      ("lon", pa.float64()), ("country", pa.string()), ("country3", pa.string()), ("admin1", pa.string()),
                      ("feature", pa.string()), ("population", pa.int64()), ("metonymy", pa.bool_()),
                      ("modifier", pa.bool_()), ("entity", pa.string())),
}


def _span(value: Optional[dict[str, Any]], key: str = "span") -> tuple[Optional[int], Optional[int]]:
    span = (value or {}).get(key)
    return (span[0], span[1]) if span else (None, None)


def _evidence(article_id: str, idx: int, fact: dict[str, Any]) -> dict[str, Any]:
    return {"article_id": article_id, "idx": idx, "start": fact["span"][0], "end": fact["span"][1],
            "text": fact["text"], "sentence": fact.get("sentence")}


def _quote(fact: dict[str, Any]) -> dict[str, Any]:
    speaker, cue = fact.get("speaker") or {}, fact.get("cue") or {}
    row = {key: fact.get(key) for key in ("direct", "partial", "medium")}
    row.update(speaker_entity=speaker.get("entity"), speaker_name=speaker.get("name"), cue=cue.get("text"))
    row["speaker_start"], row["speaker_end"] = _span(speaker)
    row["cue_start"], row["cue_end"] = _span(cue)
    return row


def _event(fact: dict[str, Any]) -> dict[str, Any]:
    keys = ("code", "root", "quad_class", "goldstein", "plover", "name", "date", "date_from", "place", "negated", "modality")
    row = {key: fact.get(key) for key in keys}
    trigger = fact.get("trigger") or {}
    row["trigger"] = trigger.get("text")
    row["trigger_start"], row["trigger_end"] = _span(trigger)
    for side in ("source", "target"):
        actor = fact.get(side) or {}
        row.update({f"{side}_entity": actor.get("entity"), f"{side}_code": actor.get("code"), f"{side}_name": actor.get("name")})
        row[f"{side}_start"], row[f"{side}_end"] = _span(actor)
    return row


def _date(fact: dict[str, Any]) -> dict[str, Any]:
    return {key: fact.get(key) for key in ("type", "value", "anchor")}


def _quantity(fact: dict[str, Any]) -> dict[str, Any]:
    value = fact.get("value")
    low, high = (value[0], value[-1]) if isinstance(value, list) and value else (value, None)
    row = {key: fact.get(key) for key in ("unit", "approximate", "bound", "change", "currency", "object")}
    row.update(value=low, value_high=high)
    return row


def _place(fact: dict[str, Any]) -> dict[str, Any]:
    keys = ("name", "geonameid", "lat", "lon", "country", "country3", "admin1", "feature", "population",
            "metonymy", "modifier", "entity")
    return {key: fact.get(key) for key in keys}


FACT_ROWS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "quotes": _quote, "events": _event, "dates": _date, "quantities": _quantity, "places": _place,
}


def rows(analysis: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The rows one analysis adds to each table."""
    article = analysis["article"]
    out: dict[str, list[dict[str, Any]]] = {name: [] for name in SCHEMAS}
    out["articles"].append({key: article.get(key) for key in SCHEMAS["articles"].names})
    for entity in analysis.get("entities") or []:
        mentions = entity.get("mentions") or []
        out["entities"].append({"article_id": article["id"], "entity_id": entity["id"], "name": entity["name"],
                                "type": entity["type"], "country": entity.get("country"), "role": entity.get("role"),
                                "mention_count": len(mentions)})
        for idx, mention in enumerate(mentions):
            out["mentions"].append({"article_id": article["id"], "entity_id": entity["id"], "idx": idx,
                                    "start": mention["span"][0], "end": mention["span"][1], "text": mention["text"],
                                    "sentence": mention.get("sentence"), "kind": mention.get("kind")})
    for kind, make in FACT_ROWS.items():
        for idx, fact in enumerate(analysis.get(kind) or []):
            out[kind].append({**_evidence(article["id"], idx, fact), **make(fact)})
    return out


def tables(analyses: Iterable[dict[str, Any]]) -> dict[str, pa.Table]:
    """One pyarrow table per kind of fact for ``analyses`` (failure records skipped)."""
    collected: dict[str, list[dict[str, Any]]] = {name: [] for name in SCHEMAS}
    for analysis in analyses:
        if "article" not in analysis:
            continue
        for name, table_rows in rows(analysis).items():
            collected[name].extend(table_rows)
    return {name: pa.Table.from_pylist(collected[name], schema=SCHEMAS[name]) for name in SCHEMAS}


def _batches(analyses: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for analysis in analyses:
        batch.append(analysis)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def write_parquet(analyses: Iterable[dict[str, Any]], directory: str | Path, batch_size: int = 2000,
                  extra: Optional[dict[str, pa.Table]] = None) -> dict[str, int]:
    """Write ``DIR/<table>.parquet`` for every table (plus ``extra`` ones); returns rows per table."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    writers = {name: pq.ParquetWriter(directory / f"{name}.parquet", schema) for name, schema in SCHEMAS.items()}
    counts = dict.fromkeys(SCHEMAS, 0)
    try:
        for batch in _batches(analyses, batch_size):
            for name, table in tables(batch).items():
                if table.num_rows:
                    writers[name].write_table(table)
                    counts[name] += table.num_rows
    finally:
        for writer in writers.values():
            writer.close()
    for name, table in (extra or {}).items():
        pq.write_table(table, directory / f"{name}.parquet")
        counts[name] = table.num_rows
    return counts
