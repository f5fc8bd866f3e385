"""Articles by theme and tone: the facets a reader filters by. Reads only.

Every row carries its evidence: the article id and, for a theme, the span of its first evidence
(``start``/``end``) with the words there; ``summary`` is the article's summary sentences joined.
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any, Optional

from sqlalchemy import select

from newsgraph.store.schema import article_themes, articles

__all__ = ["find_articles"]

DEFAULT_LIMIT = 50
THEME_NAME = re.compile(r"^[A-Z][A-Z0-9_]{0,63}$")
EVIDENCE_CHARS = 80


def _checked_date(value: Optional[str], name: str) -> Optional[str]:
    """YYYY, YYYY-MM or YYYY-MM-DD as the lower (``since``) or upper (``until``) bound of a day string."""
    if value is None:
        return None
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        raise ValueError(f"{name} must be a date YYYY-MM-DD (or YYYY-MM, YYYY), not {value!r}")
    try:
        date.fromisoformat(value if len(value) == 10 else (value + "-01-01")[:10])
    except ValueError:
        raise ValueError(f"{name} must be a real date, not {value!r}") from None
    return value


def _last_day(until: str) -> str:
    """A string that sorts after every YYYY-MM-DD day the bound covers: "1987-03" -> "1987-03-99"."""
    return until + "-99-99"[len(until) - 4:]


def _tone_bound(value: Optional[float], name: str) -> Optional[float]:
    if value is None:
        return None
    if not isinstance(value, (int, float)) or not -100 <= value <= 100:
        raise ValueError(f"{name} must be a tone between -100 and 100, not {value!r}")
    return float(value)


def _summary_text(text: str, data: Optional[str], sentences: Optional[str]) -> str:
    """The article's summary sentences, from the analysis kept in ``extra``."""
    summary = (json.loads(data).get("analysis") or {}).get("summary") if data else None
    spans = json.loads(sentences or "[]")
    if not summary:
        return ""
    return " ".join(" ".join(text[slice(*spans[index])].split()) for index in summary if 0 <= index < len(spans))


def find_articles(
    store: Any,
    *,
    theme: Optional[str] = None,
    tone_min: Optional[float] = None,
    tone_max: Optional[float] = None,
    since: Optional[str] = None,
    until: Optional[str] = None,
    limit: int = DEFAULT_LIMIT,
) -> list[dict[str, Any]]:
    """Articles (originals, not copies) with a theme and a tone in a range, published in a period.

    With a theme, the articles most about it come first (highest score); without, the newest.
    Raises ValueError for a malformed theme name, tone or date.
    """
    if theme is not None and not THEME_NAME.match(theme.upper()):
        raise ValueError(f"theme must be a theme name such as ECON_MERGERS, not {theme!r}")
    low, high = _tone_bound(tone_min, "tone_min"), _tone_bound(tone_max, "tone_max")
    columns = [articles.c.id.label("article_id"), articles.c.published, articles.c.source, articles.c.title,
               articles.c.tone, articles.c.text, articles.c.extra, articles.c.sentences]
    query = select(*columns).where(articles.c.duplicate_of.is_(None))
    if theme is not None:
        query = select(*columns, article_themes.c.theme, article_themes.c.score, article_themes.c.start_char,
                       article_themes.c.end_char).join(article_themes, article_themes.c.article_id == articles.c.id)
        query = query.where(articles.c.duplicate_of.is_(None), article_themes.c.theme == theme.upper())
        query = query.order_by(article_themes.c.score.desc(), articles.c.published.desc(), articles.c.id)
    else:
        query = query.order_by(articles.c.published.desc(), articles.c.id)
    if low is not None:
        query = query.where(articles.c.tone >= low)
    if high is not None:
        query = query.where(articles.c.tone <= high)
    if _checked_date(since, "since"):
        query = query.where(articles.c.published >= since)
    if until is not None and _checked_date(until, "until"):
        query = query.where(articles.c.published <= _last_day(until))
    with store.read() as conn:
        found = [dict(row) for row in conn.execute(query.limit(limit)).mappings()]
    return [_row(row) for row in found]


def _row(row: dict[str, Any]) -> dict[str, Any]:
    text = row.pop("text")
    out = {key: row.get(key) for key in ("article_id", "published", "source", "title", "tone")}
    if "theme" in row:
        start, end = row["start_char"], row["end_char"]
        out.update(theme=row["theme"], score=row["score"], start=start, end=end,
                   evidence=text[start:end][:EVIDENCE_CHARS] if start is not None else "")
    out["summary"] = _summary_text(text, row.get("extra"), row.get("sentences"))
    return out
