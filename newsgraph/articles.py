"""Checks and ids of articles, before any analysis: no spaCy here, so readers, the store and the
Spark job use them without loading a model."""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from typing import Any, Optional

from newsgraph.errors import ArticleError

__all__ = ["MAX_CHARS", "MAX_CONTROL_SHARE", "article_id_for", "check_text", "normalize_published"]

MAX_CHARS = 1_000_000  # spaCy's own default limit; longer texts are refused with a clear error
MAX_CONTROL_SHARE = 0.01  # more control characters than this and the text is binary data


def article_id_for(text: str) -> str:
    """A stable id for an article given without one: a hash of its text."""
    return "sha1:" + hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def normalize_published(value: Any, article_id: Optional[str] = None) -> Optional[str]:
    """A publication date as YYYY-MM-DD, from a date, datetime or ISO string; None stays None."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        candidate = value.strip().replace("Z", "+00:00")
        for parse in (date.fromisoformat, lambda v: datetime.fromisoformat(v).date()):
            try:
                return parse(candidate).isoformat()
            except ValueError:
                continue
    raise ArticleError("bad_published", f"publication date {value!r} is not an ISO date (YYYY-MM-DD)", article_id)


def check_text(text: Any, article_id: Optional[str] = None) -> str:
    """The text if it can be analysed; otherwise an :class:`ArticleError` saying why."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as error:
            raise ArticleError("not_utf8", f"bytes are not UTF-8 ({error.reason} at byte {error.start})", article_id) from error
    if not isinstance(text, str):
        raise ArticleError("bad_text", f"text must be a string, not {type(text).__name__}", article_id)
    if not text.strip():
        raise ArticleError("empty_text", "text is empty", article_id)
    if len(text) > MAX_CHARS:
        raise ArticleError("too_long", f"text has {len(text):,} characters, over the limit of {MAX_CHARS:,}", article_id)
    sample = text[:100_000]
    control = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f") + sample.count("\ufffd")
    if control > MAX_CONTROL_SHARE * len(sample):
        raise ArticleError("binary_data", f"text looks like binary data ({control} control characters)", article_id)
    return text
