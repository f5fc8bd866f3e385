"""The JSON Schema of the analysis format, and a validator for it."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

__all__ = ["SCHEMA_FILE", "analysis_schema", "schema_errors"]

SCHEMA_FILE = "analysis-v1.json"


@lru_cache(maxsize=1)
def analysis_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) that every analysis and error record satisfies."""
    return json.loads(resources.files("newsgraph.schema").joinpath(SCHEMA_FILE).read_text("utf-8"))


def schema_errors(record: dict[str, Any]) -> list[str]:
    """Every way ``record`` breaks the schema or the evidence rule (empty when it is valid).

    Beyond the JSON Schema this checks what a schema cannot: each fact's ``text`` equals the
    article text at its ``span``, and its ``sentence`` index exists.
    """
    import jsonschema  # noqa: PLC0415 - lazy: validating is for tests and `eval`; importing it costs a tenth of a second

    validator = jsonschema.Draft202012Validator(analysis_schema())
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(record)]
    if not errors and "article" in record:
        errors.extend(_evidence_errors(record))
    return errors


def _evidence_errors(record: dict[str, Any]) -> list[str]:
    text = record["article"]["text"]
    sentence_count = len(record["article"]["sentences"])
    errors = []
    for kind, facts in _facts(record):
        for index, fact in enumerate(facts):
            start, end = fact["span"]
            if not 0 <= start <= end <= len(text):
                errors.append(f"{kind}[{index}]: span {fact['span']} outside the text")
            elif "text" in fact and text[start:end] != fact["text"]:
                errors.append(f"{kind}[{index}]: text {fact['text']!r} != {text[start:end]!r} at {fact['span']}")
            if not 0 <= fact["sentence"] < max(sentence_count, 1):
                errors.append(f"{kind}[{index}]: sentence {fact['sentence']} does not exist")
    for index, theme in enumerate(record.get("themes") or []):
        for start, end in theme["spans"]:
            if not 0 <= start <= end <= len(text):
                errors.append(f"themes[{index}]: span {[start, end]} outside the text")
    summary = record.get("summary") or []
    if any(not 0 <= sentence < sentence_count for sentence in summary) or summary != sorted(set(summary)):
        errors.append(f"summary: {summary} is not a list of existing sentences in article order")
    return errors


def _facts(record: dict[str, Any]):
    for entity in record["entities"]:
        yield f"entities/{entity['id']}/mentions", entity["mentions"]
    for kind in ("quotes", "events", "dates", "quantities", "places"):
        yield kind, record[kind]
