"""Analysis dicts (schema v1) to table rows and back: plain functions, no database needed."""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any, Iterable, Optional

ARTICLE_FIELDS = ("id", "text", "published", "source", "url", "title", "language", "sentences")
ANALYSIS_FIELDS = ("schema_version", "article", "entities", "quotes", "events", "dates", "quantities", "places")
MENTION_FIELDS = ("span", "text", "sentence", "kind")
_SPACE = re.compile(r"\s+")


def normalize_text(text: str) -> str:
    """The text as compared for exact duplicates: case and runs of whitespace do not count."""
    return _SPACE.sub(" ", text).strip().casefold()


def text_hash(text: str) -> str:
    """SHA-1 of the normalized text: one article, one hash, whatever its spacing."""
    return hashlib.sha1(normalize_text(text).encode("utf-8", "surrogatepass")).hexdigest()


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _extra(data: dict[str, Any], known: Iterable[str]) -> Optional[str]:
    rest = {key: value for key, value in data.items() if key not in known}
    return dumps(rest) if rest else None


def _span(fact: dict[str, Any], article_id: str, idx: int) -> dict[str, Any]:
    start, end = fact["span"]
    return {
        "article_id": article_id,
        "idx": idx,
        "start_char": start,
        "end_char": end,
        "text": fact["text"],
        "sentence": fact.get("sentence"),
    }


def _get(value: Any, *path: str) -> Any:
    for key in path:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def article_row(analysis: dict[str, Any], **meta: Any) -> dict[str, Any]:
    """The ``articles`` row of an analysis; ``meta`` adds origin, author, minhash and the like."""
    article = analysis["article"]
    extra = {}
    for part, data, known in (("analysis", analysis, ANALYSIS_FIELDS), ("article", article, ARTICLE_FIELDS)):
        unknown = {key: value for key, value in data.items() if key not in known}
        if unknown:
            extra[part] = unknown
    row = {key: article.get(key) for key in ("id", "text", "published", "source", "url", "title", "language")}
    row.update(
        tone=_get(analysis, "tone", "tone"),
        sentences=dumps(article.get("sentences") or []),
        extra=dumps(extra) if extra else None,
        schema_version=analysis.get("schema_version"),
        text_hash=text_hash(article["text"]),
    )
    row.update({key: value for key, value in meta.items() if value is not None})
    return row


def entity_rows(analysis: dict[str, Any]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Rows of ``entities`` and ``mentions``."""
    article_id = analysis["article"]["id"]
    entity_out, mention_out = [], []
    for idx, entity in enumerate(analysis.get("entities") or []):
        mentions = entity.get("mentions") or []
        data = {key: value for key, value in entity.items() if key != "mentions"}
        entity_out.append(
            {
                "article_id": article_id,
                "entity_id": entity["id"],
                "idx": idx,
                "name": entity["name"],
                "key": entity["name"].casefold(),
                "type": entity["type"],
                "country": entity.get("country"),
                "role": entity.get("role"),
                "mention_count": len(mentions),
                "data": dumps(data),
            }
        )
        for m_idx, mention in enumerate(mentions):
            row = _span(mention, article_id, m_idx)
            row.update(entity_id=entity["id"], kind=mention.get("kind"), extra=_extra(mention, MENTION_FIELDS))
            mention_out.append(row)
    return entity_out, mention_out


def theme_rows(analysis: dict[str, Any]) -> list[dict[str, Any]]:
    """Rows of ``article_themes``: one per theme of the analysis (the analysis keeps the full list)."""
    article_id = analysis["article"]["id"]
    found = []
    for theme in analysis.get("themes") or []:
        spans = theme.get("spans") or []
        first = spans[0] if spans else (None, None)
        found.append({"article_id": article_id, "theme": theme["theme"], "score": theme["score"],
                      "start_char": first[0], "end_char": first[1], "evidence_count": len(spans)})
    return found


def _quote_columns(fact: dict[str, Any]) -> dict[str, Any]:
    return {
        "direct": fact.get("direct"),
        "partial": fact.get("partial"),
        "speaker_entity": _get(fact, "speaker", "entity"),
        "speaker_name": _get(fact, "speaker", "name"),
        "cue": _get(fact, "cue", "text"),
        "medium": fact.get("medium"),
    }


def _event_columns(fact: dict[str, Any]) -> dict[str, Any]:
    columns = {key: fact.get(key) for key in ("code", "root", "quad_class", "goldstein", "plover", "name")}
    columns.update({key: fact.get(key) for key in ("date", "place", "negated", "modality")})
    columns["trigger"] = _get(fact, "trigger", "text")
    for side in ("source", "target"):
        columns[f"{side}_entity"] = _get(fact, side, "entity")
        columns[f"{side}_code"] = _get(fact, side, "code")
        columns[f"{side}_name"] = _get(fact, side, "name")
    return columns


def _date_columns(fact: dict[str, Any]) -> dict[str, Any]:
    return {key: fact.get(key) for key in ("type", "value", "anchor")}


def _quantity_columns(fact: dict[str, Any]) -> dict[str, Any]:
    value = fact.get("value")
    low, high = (value[0], value[-1]) if isinstance(value, list) and value else (value, None)
    columns = {key: fact.get(key) for key in ("unit", "approximate", "bound", "change", "currency", "object")}
    columns.update(value=low, value_high=high)
    return columns


_PLACE_KEYS = ("name", "geonameid", "lat", "lon", "country", "country3", "admin1", "feature", "population")


def _place_columns(fact: dict[str, Any]) -> dict[str, Any]:
    return {key: fact.get(key) for key in (*_PLACE_KEYS, "metonymy", "modifier", "entity")}


FACT_COLUMNS = {
    "quotes": _quote_columns,
    "events": _event_columns,
    "dates": _date_columns,
    "quantities": _quantity_columns,
    "places": _place_columns,
}


def fact_rows(analysis: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    """Rows of one fact table (quotes, events, dates, quantities or places)."""
    article_id = analysis["article"]["id"]
    rows = []
    for idx, fact in enumerate(analysis.get(kind) or []):
        row = _span(fact, article_id, idx)
        row.update(FACT_COLUMNS[kind](fact))
        row["data"] = dumps(fact)
        rows.append(row)
    return rows


def analysis_from_rows(
    article: dict[str, Any],
    entities: list[dict[str, Any]],
    mentions: list[dict[str, Any]],
    facts: dict[str, list[dict[str, Any]]],
) -> dict[str, Any]:
    """Rebuild the schema-v1 analysis dict from its rows (each list in ``idx`` order)."""
    extra = json.loads(article["extra"]) if article.get("extra") else {}
    article_dict = {key: article.get(key) for key in ARTICLE_FIELDS if key != "sentences"}
    article_dict["sentences"] = [list(span) for span in json.loads(article.get("sentences") or "[]")]
    article_dict.update(extra.get("article", {}))
    by_entity: dict[str, list[dict[str, Any]]] = {}
    for row in mentions:
        mention = {"span": [row["start_char"], row["end_char"]], "text": row["text"], "sentence": row["sentence"]}
        mention["kind"] = row["kind"]
        mention.update(json.loads(row["extra"]) if row.get("extra") else {})
        by_entity.setdefault(row["entity_id"], []).append(mention)
    entity_dicts = []
    for row in entities:
        entity = json.loads(row["data"])
        entity["mentions"] = by_entity.get(row["entity_id"], [])
        entity_dicts.append(entity)
    result = {"schema_version": article.get("schema_version") or 1, "article": article_dict, "entities": entity_dicts}
    for kind in FACT_COLUMNS:
        result[kind] = [json.loads(row["data"]) for row in facts.get(kind, [])]
    result.update(extra.get("analysis", {}))
    return result
