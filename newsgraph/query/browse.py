"""Read-only listings for browsing the store page by page: articles with filters and facets,
entities, speakers, place points and counts over time (quotes and events:
:func:`newsgraph.query.find_quotes` and :func:`newsgraph.query.find_events`, which page too).

Like :mod:`newsgraph.query.queries`, every function takes a :class:`newsgraph.store.Store`, returns
plain dicts with their evidence (``article_id`` and the span ``start``/``end``), and passes every
value a user gives to the database as a bound parameter. Lists take ``limit`` and ``offset``.
Works on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any, Iterable, Optional

from sqlalchemy import Connection, distinct, func, or_, select

from newsgraph.identity import builder as identity
from newsgraph.query.queries import (
    _event_conditions,
    _event_day,
    _first_match,
    checked,
    date_filter,
    top_entities,
)
from newsgraph.store import Store
from newsgraph.store.schema import article_themes, articles, corpus_entities, corpus_members, places
from newsgraph.store.schema import events as events_table
from newsgraph.store.schema import quotes as quotes_table

__all__ = [
    "INTERVALS",
    "MAX_LIMIT",
    "article_entity_ids",
    "article_facets",
    "event_timeline",
    "find_articles",
    "list_entities",
    "place_points",
    "timeline",
    "top_speakers",
]

MAX_LIMIT = 1000
INTERVALS = ("day", "week", "month")
SNIPPET = 240  # characters of text shown with an article row


def _check_page(limit: int, offset: int) -> None:
    if not 1 <= limit <= MAX_LIMIT:
        raise ValueError(f"limit must be between 1 and {MAX_LIMIT}, not {limit}")
    if offset < 0:
        raise ValueError(f"offset must be 0 or more, not {offset}")


def _entity_ids(store: Store, conn: Connection, name: str) -> list[str]:
    """The corpus entities a name, alias or corpus id means; LookupError when none."""
    ids = [row["id"] for row in identity.find(conn, name)]
    if not ids:
        raise LookupError(f"no entity named {name!r}")
    return ids


# -- articles ---------------------------------------------------------------------------------------


def _article_conditions(store: Store, conn: Connection, *, q: Optional[str], since: Optional[str], until: Optional[str],
                        source: Optional[str], country: Optional[str], entity: Optional[str], theme: Optional[str],
                        place: Optional[str], tone_min: Optional[float] = None,
                        tone_max: Optional[float] = None) -> list[Any]:
    """SQL conditions on ``articles`` for the filters given (originals only: copies have no facts)."""
    # Originals only. Written so that no index serves it: SQLite would otherwise pick the duplicate_of
    # index (nearly every row) and sort them all, instead of reading the newest through the date index.
    original = func.coalesce(articles.c.duplicate_of, "") == ""
    conditions = [original, *date_filter(articles.c.published, since, until)]
    if q:
        conditions.append(store.full_text_condition(articles, q))
    if source:
        conditions.append(articles.c.source == source)
    if country:
        code = country.upper()
        conditions.append(articles.c.id.in_(
            select(places.c.article_id).where(or_(places.c.country3 == code, places.c.country == code))))
    if entity:
        ids = _entity_ids(store, conn, entity)
        conditions.append(articles.c.id.in_(select(corpus_members.c.article_id).where(corpus_members.c.corpus_id.in_(ids))))
    if theme:
        conditions.append(articles.c.id.in_(select(article_themes.c.article_id).where(article_themes.c.theme == theme)))
    if tone_min is not None:
        conditions.append(articles.c.tone >= tone_min)
    if tone_max is not None:
        conditions.append(articles.c.tone <= tone_max)
    if place:
        if re.fullmatch(r"\d{1,19}", place):
            conditions.append(articles.c.id.in_(select(places.c.article_id).where(places.c.geonameid == int(place))))
        else:
            conditions.append(articles.c.id.in_(select(places.c.article_id).where(places.c.name == place)))
    return conditions


@checked
def find_articles(
    store: Store,
    *,
    q: Optional[str] = None,
    since: Optional[str] = None,
    until: Optional[str] = None,
    source: Optional[str] = None,
    country: Optional[str] = None,
    entity: Optional[str] = None,
    theme: Optional[str] = None,
    place: Optional[str] = None,
    limit: int = 50,
    offset: int = 0,
    tone_min: Optional[float] = None,
    tone_max: Optional[float] = None,
) -> list[dict[str, Any]]:
    """Articles, newest first, with a snippet; with ``q`` the span of the first matching word.

    Args:
        q: full-text query (every word must match; "quoted phrases").
        since, until: publication date bounds, inclusive (YYYY, YYYY-MM or YYYY-MM-DD).
        source: the source name exactly. country: ISO2 or ISO3 of a place the article names.
        entity: a name, alias or corpus id. theme: a theme of the article (``ECON_INFLATION``).
        place: a GeoNames id, or a place name as written.
        tone_min, tone_max: bounds of the article's tone (docs/tone.md), inclusive.
    """
    _check_page(limit, offset)
    columns = [articles.c.id.label("article_id"), articles.c.title, articles.c.published, articles.c.source,
               articles.c.url]
    with store.read() as conn:
        conditions = _article_conditions(store, conn, q=q, since=since, until=until, source=source, country=country,
                                         entity=entity, theme=theme, place=place, tone_min=tone_min, tone_max=tone_max)
        text_column = articles.c.text if q else func.substr(articles.c.text, 1, SNIPPET).label("text")
        query = (select(*columns, text_column).where(*conditions)
                 .order_by(articles.c.published.desc(), articles.c.id).limit(limit).offset(offset))
        rows = [dict(row) for row in conn.execute(query).mappings()]
    for row in rows:
        text = row.pop("text") or ""
        start, end = _first_match(text, q) if q else (None, None)
        row["start"], row["end"] = start, end
        row["snippet"] = _snippet(text, start)
    return rows


def _snippet(text: str, start: Optional[int]) -> str:
    """About SNIPPET characters of text, around ``start`` when given, cut at spaces."""
    if start is None or start < SNIPPET // 2:
        cut = text[:SNIPPET]
        return cut + ("\u2026" if len(text) > SNIPPET else "")
    begin = text.rfind(" ", 0, start - SNIPPET // 3) + 1
    cut = text[begin:begin + SNIPPET]
    return "\u2026" + cut + ("\u2026" if begin + SNIPPET < len(text) else "")


@checked
def article_facets(
    store: Store,
    *,
    q: Optional[str] = None,
    since: Optional[str] = None,
    until: Optional[str] = None,
    source: Optional[str] = None,
    country: Optional[str] = None,
    entity: Optional[str] = None,
    theme: Optional[str] = None,
    place: Optional[str] = None,
    top: int = 10,
) -> dict[str, Any]:
    """Counts over the articles the filters select: their number, and the top entities, sources,
    countries (of the places they name) and themes, each with its number of articles."""
    if not 1 <= top <= 100:
        raise ValueError(f"top must be between 1 and 100, not {top}")
    with store.read() as conn:
        conditions = _article_conditions(store, conn, q=q, since=since, until=until, source=source, country=country,
                                         entity=entity, theme=theme, place=place)
        chosen = select(articles.c.id).where(*conditions)
        total = conn.execute(select(func.count()).select_from(chosen.subquery())).scalar_one()
        unfiltered = not any((q, since, until, source, country, entity, theme, place))
        if unfiltered:  # copies have no facts: over the whole store, count without looking articles up
            return {
                "articles": total,
                "entities": _top_entities(conn, top),
                "sources": _top_values(conn, articles.c.source, articles.c.id, chosen, top),
                "countries": _top_values(conn, places.c.country3, places.c.article_id, None, top),
                "themes": _top_values(conn, article_themes.c.theme, article_themes.c.article_id, None, top),
            }
        return {
            "articles": total,
            "entities": _top_entities_of(conn, chosen, top),
            "sources": _top_values(conn, articles.c.source, articles.c.id, chosen, top),
            "countries": _top_values(conn, places.c.country3, places.c.article_id, chosen, top),
            "themes": _top_values(conn, article_themes.c.theme, article_themes.c.article_id, chosen, top),
        }


def _top_values(conn: Connection, column: Any, article_column: Any, chosen: Any, top: int) -> list[dict[str, Any]]:
    """The commonest values of ``column`` among the chosen articles (``chosen`` None: among all)."""
    count = func.count(distinct(article_column)).label("articles")
    query = select(column.label("value"), count).where(column.is_not(None))
    if chosen is not None:
        query = query.where(article_column.in_(chosen))
    query = query.group_by(column).order_by(count.desc(), column).limit(top)
    return [dict(row) for row in conn.execute(query).mappings()]


def _top_entities(conn: Connection, top: int) -> list[dict[str, Any]]:
    """Over the whole store the identity has the counts already."""
    e = corpus_entities
    query = select(e.c.id, e.c.name, e.c.type, e.c.articles).order_by(e.c.articles.desc(), e.c.name).limit(top)
    return [dict(row) for row in conn.execute(query).mappings()]


def _top_entities_of(conn: Connection, chosen: Any, top: int) -> list[dict[str, Any]]:
    m = corpus_members
    count = func.count(distinct(m.c.article_id)).label("articles")
    counted = (select(m.c.corpus_id, count).where(m.c.article_id.in_(chosen)).group_by(m.c.corpus_id)
               .order_by(count.desc(), m.c.corpus_id).limit(top).subquery())
    query = (select(corpus_entities.c.id, corpus_entities.c.name, corpus_entities.c.type, counted.c.articles)
             .join(counted, counted.c.corpus_id == corpus_entities.c.id)
             .order_by(counted.c.articles.desc(), corpus_entities.c.name))
    return [dict(row) for row in conn.execute(query).mappings()]


# -- counts over time -------------------------------------------------------------------------------


def _period(day: str, interval: str) -> str:
    """The period a YYYY-MM-DD day falls in: the day, the Monday of its ISO week, or YYYY-MM."""
    if interval == "month":
        return day[:7]
    if interval == "week":
        when = date.fromisoformat(day)
        return (when - timedelta(days=when.weekday())).isoformat()
    return day


def _check_interval(interval: str) -> None:
    if interval not in INTERVALS:
        raise ValueError(f"interval must be one of {', '.join(INTERVALS)}, not {interval!r}")


def _by_period(rows: Iterable[dict[str, Any]], interval: str, keys: tuple[str, ...],
               sums: tuple[str, ...]) -> list[dict[str, Any]]:
    """Rows of days summed into periods, in order of period then keys."""
    merged: dict[tuple, dict[str, Any]] = {}
    for row in rows:
        if not row["day"] or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["day"]):
            continue  # undated articles have no place on a time axis
        period = _period(row["day"], interval)
        key = (period, *(row[k] for k in keys))
        out = merged.setdefault(key, {"period": period, **{k: row[k] for k in keys}, **{s: 0 for s in sums}})
        for name in sums:
            if row[name] is not None:
                out[name] = (out[name] or 0) + row[name]
    return [merged[key] for key in sorted(merged, key=lambda k: tuple("" if v is None else str(v) for v in k))]


@checked
def timeline(
    store: Store,
    *,
    q: Optional[str] = None,
    entity: Optional[str] = None,
    interval: str = "day",
    since: Optional[str] = None,
    until: Optional[str] = None,
    source: Optional[str] = None,
) -> list[dict[str, Any]]:
    """Attention over time, per source: ``{period, source, articles, mentions}`` rows.

    ``articles`` counts the articles of the period matching ``q`` and naming ``entity`` (both
    optional); ``mentions`` counts the entity's mentions in them (with an entity), else the
    matching articles again. ``period`` is the day, the Monday of the ISO week, or YYYY-MM.
    """
    _check_interval(interval)
    day = articles.c.published.label("day")
    with store.read() as conn:
        conditions = _article_conditions(store, conn, q=q, since=since, until=until, source=source, country=None,
                                         entity=None, theme=None, place=None)
        if entity:
            ids = _entity_ids(store, conn, entity)
            m = corpus_members
            query = (select(day, articles.c.source, func.count(distinct(articles.c.id)).label("articles"),
                            func.sum(m.c.mentions).label("mentions"))
                     .join(m, m.c.article_id == articles.c.id)
                     .where(m.c.corpus_id.in_(ids), *conditions))
        else:
            query = select(day, articles.c.source, func.count().label("articles"),
                           func.count().label("mentions")).where(*conditions)
        query = query.group_by(articles.c.published, articles.c.source)
        rows = [dict(row) for row in conn.execute(query).mappings()]
    for row in rows:
        row["mentions"] = int(row["mentions"] or 0)
    return _by_period(rows, interval, ("source",), ("articles", "mentions"))


# -- entities ---------------------------------------------------------------------------------------


@checked
def list_entities(
    store: Store,
    *,
    q: Optional[str] = None,
    type: Optional[str] = None,
    country: Optional[str] = None,
    limit: int = 50,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Corpus entities, most mentioned first (:func:`newsgraph.query.top_entities`, a page of it)."""
    _check_page(limit, offset)
    return top_entities(store, q=q, type=type, country=country, top=limit, offset=offset)


# -- quotes -----------------------------------------------------------------------------------------


@checked
def top_speakers(store: Store, *, q: Optional[str] = None, limit: int = 20) -> list[dict[str, Any]]:
    """Speakers by number of quotes (as the quotes name them); ``q`` is part of the name."""
    _check_page(limit, 0)
    qt = quotes_table
    count = func.count().label("quotes")
    query = (select(qt.c.speaker_name.label("speaker"), count, func.count(distinct(qt.c.article_id)).label("articles"))
             .where(qt.c.speaker_name.is_not(None)).group_by(qt.c.speaker_name)
             .order_by(count.desc(), qt.c.speaker_name).limit(limit))
    if q:
        query = query.where(func.lower(qt.c.speaker_name).contains(q.lower(), autoescape=True))
    with store.read() as conn:
        return [dict(row) for row in conn.execute(query).mappings()]


# -- events -----------------------------------------------------------------------------------------


@checked
def event_timeline(
    store: Store,
    *,
    source: Optional[str] = None,
    target: Optional[str] = None,
    code: Optional[str] = None,
    root: Optional[str] = None,
    quad_class: Optional[int] = None,
    since: Optional[str] = None,
    until: Optional[str] = None,
    interval: str = "day",
) -> list[dict[str, Any]]:
    """Events per period with their mean Goldstein score: ``{period, events, goldstein}``."""
    _check_interval(interval)
    e = events_table
    day = _event_day().label("day")
    with store.read() as conn:
        conditions = _event_conditions(conn, source=source, target=target, code=code, root=root,
                                       quad_class=quad_class, since=since, until=until)
        dated = (select(day, e.c.goldstein).select_from(e.join(articles, articles.c.id == e.c.article_id))
                 .where(*conditions).subquery())  # grouped outside: PostgreSQL wants the same bound day expression
        query = (select(dated.c.day, func.count().label("events"), func.count(dated.c.goldstein).label("scored"),
                        func.sum(dated.c.goldstein).label("goldstein_sum")).group_by(dated.c.day))
        rows = [dict(row) for row in conn.execute(query).mappings()]
    periods = _by_period(rows, interval, (), ("events", "scored", "goldstein_sum"))
    for row in periods:
        scored, total = row.pop("scored"), row.pop("goldstein_sum")
        row["goldstein"] = round(total / scored, 2) if scored else None
    return periods


# -- places -----------------------------------------------------------------------------------------


@checked
def place_points(
    store: Store,
    *,
    q: Optional[str] = None,
    since: Optional[str] = None,
    until: Optional[str] = None,
    country: Optional[str] = None,
    limit: int = MAX_LIMIT,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Geocoded places as points, most articles first: ``{geonameid, name, lat, lon, country,
    articles, mentions}`` with one mention as evidence (``article_id``, ``start``, ``end``)."""
    _check_page(limit, offset)
    p = places
    count = func.count(distinct(p.c.article_id)).label("articles")
    with store.read() as conn:
        conditions = _article_conditions(store, conn, q=q, since=since, until=until, source=None, country=country,
                                         entity=None, theme=None, place=None)
        counting = select(p.c.geonameid, p.c.lat, p.c.lon, count, func.count().label("mentions"),
                          func.min(p.c.num).label("example"))
        if q or since or until or country:  # copies have no places: without filters the join adds nothing
            counting = counting.join(articles, articles.c.id == p.c.article_id).where(*conditions)
        grouped = (counting.where(p.c.lat.is_not(None), p.c.lon.is_not(None))
                   .group_by(p.c.geonameid, p.c.lat, p.c.lon)
                   .order_by(count.desc(), func.min(p.c.num)).limit(limit).offset(offset).subquery())
        query = (select(grouped.c.geonameid, p.c.name, grouped.c.lat, grouped.c.lon, p.c.country3.label("country"),
                        grouped.c.articles, grouped.c.mentions, p.c.article_id, p.c.start_char.label("start"),
                        p.c.end_char.label("end"))
                 .join(p, p.c.num == grouped.c.example)
                 .order_by(grouped.c.articles.desc(), grouped.c.example))
        return [dict(row) for row in conn.execute(query).mappings()]


@checked
def article_entity_ids(store: Store, article_id: str) -> dict[str, str]:
    """{article entity id: corpus entity id} for one article's entities (links to entity pages)."""
    m = corpus_members
    with store.read() as conn:
        return dict(conn.execute(select(m.c.entity_id, m.c.corpus_id).where(m.c.article_id == article_id)).all())
