"""What every reader yields: an :class:`Item`, an article record or the reason it could not be read."""

from __future__ import annotations

import email.utils
import re
import time
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Optional

RECORD_FIELDS = ("id", "text", "url", "title", "published", "source", "language", "author")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_DATE_FORMATS = ("%d-%b-%Y %H:%M:%S.%f", "%d-%b-%Y", "%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%Y/%m/%d")


@dataclass
class Item:
    """One article as read, before analysis.

    ``origin`` says where it came from (``file``, ``file:line``, ``archive#offset`` or a URL) and names
    it in the failures table. Exactly one of ``record`` (id, text and metadata), ``analysis`` (an
    already analysed schema-v1 dict, e.g. from an export) or ``error`` (code, message) is set.
    """

    origin: str
    record: Optional[dict[str, Any]] = None
    analysis: Optional[dict[str, Any]] = None
    error: Optional[tuple[str, str]] = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> Optional[str]:
        if self.record is not None:
            return self.record.get("id")
        if self.analysis is not None:
            return self.analysis["article"].get("id")
        return None


def printable(name: str) -> str:
    """A file name, origin or id safe to print on one line: control, format and other unprintable
    characters (a newline, U+202E) written as escapes, the rest as they are."""
    return "".join(char if char.isprintable() else char.encode("unicode_escape").decode("ascii") for char in str(name))


def failed(origin: str, code: str, message: str) -> Item:
    return Item(origin=origin, error=(code, message))


def warning(stage: str, code: str, message: str) -> dict[str, str]:
    """A warning for the article's record (see ``newsgraph.model.ArticleWarning``)."""
    return {"stage": stage, "code": code, "message": message}


def article(origin: str, text: Any, warnings: Optional[list[dict[str, str]]] = None, **meta: Any) -> Item:
    """An article item; metadata are cleaned (dates to YYYY-MM-DD, empty values dropped). A date that
    cannot be read is kept as ``published_raw`` with a ``bad_date`` warning."""
    record: dict[str, Any] = {"text": text}
    warnings = list(warnings or [])
    for key in RECORD_FIELDS[2:]:
        value = meta.get(key)
        if key == "published":
            raw, value = value, parse_date(value)
            if value is None and raw not in (None, ""):
                record["published_raw"] = str(raw)[:200]
                warnings.append(warning("date", "bad_date", f"publication date {str(raw)[:80]!r} is not a date "
                                        "newsgraph can read; the article is kept without a date"))
        elif isinstance(value, (list, tuple)):
            value = ", ".join(str(v) for v in value if v)
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        elif value is not None and not isinstance(value, str):  # an object or a flag where text belongs
            warnings.append(warning("read", "bad_field", f"field {key!r} is a {type(value).__name__}, not text; "
                                    "left out"))
            value = None
        if value not in (None, ""):
            record[key] = value if not isinstance(value, str) else value.strip()
    if meta.get("id") not in (None, ""):
        record["id"] = str(meta["id"]).strip()
    if warnings:
        record["warnings"] = warnings
    return Item(origin=origin, record=record)


def parse_date(value: Any) -> Optional[str]:
    """A publication date as YYYY-MM-DD from the forms feeds, pages and dumps use; None if unreadable.

    An unreadable date is dropped rather than failing the article: the date only anchors relative
    expressions ("on Tuesday"), and the article is worth more than its date.
    """
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time.struct_time):
        return f"{value.tm_year:04d}-{value.tm_mon:02d}-{value.tm_mday:02d}"
    if isinstance(value, (int, float)) and 0 < value < 1e11:  # a Unix timestamp
        return datetime.utcfromtimestamp(value).date().isoformat()
    text = str(value).strip()
    match = _ISO_DATE.match(text)
    if match:
        return _valid(*map(int, match.groups()))
    try:
        return email.utils.parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def _valid(year: int, month: int, day: int) -> Optional[str]:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None
