"""Questions to the store: entities, one entity's profile, quotes, events, search, one article.

Every function takes a :class:`newsgraph.store.Store` and returns plain dicts; every row carries
its evidence: ``article_id`` and the character span ``start``/``end`` of the fact in that
article's text. Every value a user gives reaches the database as a bound parameter, never as SQL.
"""

from __future__ import annotations

import calendar
import functools
import json
import re
from datetime import date
from typing import Any, Callable, Optional

from sqlalchemy import Connection, and_, case, func, or_, select, union

from newsgraph.identity import builder as identity
from newsgraph.store import Store
from newsgraph.store.schema import (
    articles,
    corpus_entities,
    corpus_members,
    mentions,
)
from newsgraph.store.schema import (
    events as events_table,
)
from newsgraph.store.schema import (
    quotes as quotes_table,
)

DEFAULT_LIMIT = 50


def checked(function: Callable[..., Any]) -> Callable[..., Any]:
    """Refuse text no database can compare (NUL characters), with a clear error, before any SQL."""

    @functools.wraps(function)
    def wrapper(store: Store, *args: Any, **kwargs: Any) -> Any:
        for name, value in [*(("argument", arg) for arg in args), *kwargs.items()]:
            if isinstance(value, str) and "\x00" in value:
                raise ValueError(f"{name}: text with a NUL character cannot be looked up")
        return function(store, *args, **kwargs)

    return wrapper


ACTOR_CODE = re.compile(r"^[A-Z]{3}[A-Z0-9]{0,12}$")  # a CAMEO actor code: IRN, IRNGOV, USAMIL, ...


def _check_date(value: Optional[str], name: str) -> Optional[str]:
    """A --since/--until bound: YYYY, YYYY-MM or YYYY-MM-DD, a real date."""
    if value is None:
        return None
    try:
        if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
            raise ValueError
        date.fromisoformat((value + "-01-01")[:10] if len(value) < 10 else value)
    except ValueError:
        raise ValueError(f"{name} must be a date YYYY-MM-DD (or YYYY-MM, YYYY), not {value!r}") from None
    return value


def _until_bound(value: str) -> str:
    """An inclusive upper bound as a full date: "1987-03" is "1987-03-31", "1987" is "1987-12-31"."""
    if len(value) == 4:
        return value + "-12-31"
    if len(value) == 7:
        year, month = int(value[:4]), int(value[5:])
        return f"{value}-{calendar.monthrange(year, month)[1]:02d}"
    return value


def date_filter(column: Any, since: Optional[str], until: Optional[str]) -> list[Any]:
    conditions = []
    if _check_date(since, "since"):
        conditions.append(column >= since)
    if until and _check_date(until, "until"):
        conditions.append(column <= _until_bound(until))
    return conditions


# -- entities ---------------------------------------------------------------------------------------


@checked
def top_entities(store: Store, *, q: Optional[str] = None, type: Optional[str] = None, country: Optional[str] = None,
                 top: int = 20, offset: int = 0) -> list[dict[str, Any]]:
    """The most-mentioned corpus entities, with an example mention as evidence: the one ranking that
    `newsgraph entities`, the ingest summary, the API and the pages all show. ``q`` is part of the
    name (case ignored)."""
    query = (select(corpus_entities)
             .order_by(corpus_entities.c.mentions.desc(), corpus_entities.c.name, corpus_entities.c.id)
             .limit(top).offset(offset))
    if q:
        query = query.where(func.lower(corpus_entities.c.name).contains(q.lower(), autoescape=True))
    if type:
        query = query.where(corpus_entities.c.type == type.upper())
    if country:
        query = query.where(corpus_entities.c.country == country.upper())
    with store.read() as conn:
        return [_entity_row(row) for row in conn.execute(query).mappings()]


def _entity_row(row: Any) -> dict[str, Any]:
    return {
        "id": row["id"], "name": row["name"], "type": row["type"], "country": row["country"], "role": row["role"],
        "articles": row["articles"], "mentions": row["mentions"],
        "article_id": row["example_article"], "start": row["example_start"], "end": row["example_end"],
    }


def _members_join(table: Any, entity_column: Any, corpus_id: str) -> Any:
    """Rows of ``table`` whose ``entity_column`` is a member of the corpus entity."""
    return and_(
        corpus_members.c.corpus_id == corpus_id,
        table.c.article_id == corpus_members.c.article_id,
        entity_column == corpus_members.c.entity_id,
    )


@checked
def entity_profile(store: Store, name: str, *, limit: int = 20) -> dict[str, Any]:
    """Everything about one entity: roles, mentions by day, quotes by and about it, co-occurring
    entities, events as source and as target. ``name`` is a name, an alias or a corpus id."""
    with store.read() as conn:
        found = identity.find(conn, name)
        if not found:
            raise LookupError(f"no entity named {name!r}")
        entity = found[0]
        corpus_id = entity["id"]
        return {
            "entity": _entity_row(entity),
            "also": [_entity_row(row) for row in found[1:6]],
            "aliases": json.loads(entity["aliases"]),
            "roles": _roles(conn, corpus_id),
            "mentions_by_day": _mentions_by_day(conn, corpus_id),
            "quotes_by": _quotes_by(conn, corpus_id, limit),
            "quotes_about": _quotes_about(conn, corpus_id, limit),
            "co_occurring": _co_occurring(conn, corpus_id, limit),
            "events_as_source": _entity_events(conn, corpus_id, "source", limit),
            "events_as_target": _entity_events(conn, corpus_id, "target", limit),
        }


def _roles(conn: Connection, corpus_id: str) -> list[dict[str, Any]]:
    query = (
        select(corpus_members.c.role, func.count().label("articles"))
        .where(corpus_members.c.corpus_id == corpus_id, corpus_members.c.role.is_not(None))
        .group_by(corpus_members.c.role)
        .order_by(func.count().desc(), corpus_members.c.role)
    )
    return [dict(row) for row in conn.execute(query).mappings()]


def _mentions_by_day(conn: Connection, corpus_id: str) -> list[dict[str, Any]]:
    m = corpus_members
    query = (
        select(m.c.published.label("day"), func.sum(m.c.mentions).label("mentions"),
               func.count(func.distinct(m.c.article_id)).label("articles"))
        .where(m.c.corpus_id == corpus_id)
        .group_by(m.c.published)
        .order_by(m.c.published)
    )
    return [{"day": row["day"], "mentions": int(row["mentions"] or 0), "articles": row["articles"]}
            for row in conn.execute(query).mappings()]


_QUOTE_COLUMNS = (quotes_table.c.article_id, quotes_table.c.start_char.label("start"), quotes_table.c.end_char.label("end"),
                  quotes_table.c.speaker_name.label("speaker"), quotes_table.c.cue, quotes_table.c.text)
NEWEST_BATCH = 400  # articles looked at per step when only the newest rows are wanted


def _newest_first(conn: Connection, corpus_id: str, fetch: Callable[[list[str]], list[dict[str, Any]]],
                  order: Callable[[dict[str, Any]], Any], limit: int) -> list[dict[str, Any]]:
    """The first ``limit`` rows, newest article first, reading the entity's articles a batch at a time.

    Batches follow the final order (published descending, then article id), so once ``limit`` rows
    are found no later article can come before them: a frequent entity costs no more than a rare one.
    """
    m = corpus_members
    query = (select(m.c.article_id, m.c.published).where(m.c.corpus_id == corpus_id).distinct()
             .order_by(m.c.published.desc(), m.c.article_id))
    ids = [row.article_id for row in conn.execute(query)]
    found: list[dict[str, Any]] = []
    for start in range(0, len(ids), NEWEST_BATCH):
        found += fetch(ids[start:start + NEWEST_BATCH])
        if len(found) >= limit:
            break
    return sorted(found, key=order)[:limit]


def _quote_order(row: dict[str, Any]) -> Any:
    return (_descending(row["published"]), row["article_id"], row["start"])


def _descending(value: Optional[str]) -> tuple[int, str]:
    """A sort key putting later dates first (and unknown dates last) in an ascending sort."""
    return (1, "") if value is None else (0, "".join(chr(0x10FFFF - ord(c)) for c in value))


def _quotes_by(conn: Connection, corpus_id: str, limit: int) -> list[dict[str, Any]]:
    def fetch(ids: list[str]) -> list[dict[str, Any]]:
        query = (
            select(articles.c.published, *_QUOTE_COLUMNS)
            .select_from(corpus_members)
            .join(quotes_table, _members_join(quotes_table, quotes_table.c.speaker_entity, corpus_id))
            .join(articles, articles.c.id == quotes_table.c.article_id)
            .where(corpus_members.c.article_id.in_(ids))
        )
        return [dict(row) for row in conn.execute(query).mappings()]

    return _newest_first(conn, corpus_id, fetch, _quote_order, limit)


def _quotes_about(conn: Connection, corpus_id: str, limit: int) -> list[dict[str, Any]]:
    """Quotes whose text mentions the entity, said by someone else."""

    def fetch(ids: list[str]) -> list[dict[str, Any]]:
        query = (
            select(articles.c.published, *_QUOTE_COLUMNS)
            .select_from(corpus_members)
            .join(mentions, _members_join(mentions, mentions.c.entity_id, corpus_id))
            .join(quotes_table, and_(quotes_table.c.article_id == mentions.c.article_id,
                                     quotes_table.c.start_char <= mentions.c.start_char,
                                     quotes_table.c.end_char >= mentions.c.end_char))
            .join(articles, articles.c.id == quotes_table.c.article_id)
            .where(corpus_members.c.article_id.in_(ids),
                   or_(quotes_table.c.speaker_entity.is_(None), quotes_table.c.speaker_entity != mentions.c.entity_id))
            .distinct()
        )
        return [dict(row) for row in conn.execute(query).mappings()]

    return _newest_first(conn, corpus_id, fetch, _quote_order, limit)


def _co_occurring(conn: Connection, corpus_id: str, limit: int) -> list[dict[str, Any]]:
    """Entities found in the same articles, by number of shared articles (counted before naming them)."""
    me, other = corpus_members.alias("me"), corpus_members.alias("other")
    shared = func.count(func.distinct(other.c.article_id)).label("articles")
    counted = (
        select(other.c.corpus_id, shared)
        .select_from(me)
        .join(other, and_(other.c.article_id == me.c.article_id, other.c.corpus_id != corpus_id))
        .where(me.c.corpus_id == corpus_id)
        .group_by(other.c.corpus_id)
        .order_by(shared.desc(), other.c.corpus_id)
        .limit(limit)
        .subquery()
    )
    query = (
        select(corpus_entities.c.id, corpus_entities.c.name, corpus_entities.c.type, counted.c.articles)
        .join(counted, counted.c.corpus_id == corpus_entities.c.id)
        .order_by(counted.c.articles.desc(), corpus_entities.c.name)
    )
    return [dict(row) for row in conn.execute(query).mappings()]


def _event_columns() -> tuple[Any, ...]:
    e = events_table
    return (e.c.article_id, e.c.start_char.label("start"), e.c.end_char.label("end"), _event_day().label("date"),
            e.c.code, e.c.root, e.c.quad_class, e.c.goldstein, e.c.source_code, e.c.source_name,
            e.c.target_code, e.c.target_name, e.c.place, e.c.text)


def _one_code_per_entity(conn: Connection, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Event rows with each actor's code made the one its corpus entity keeps across the corpus
    (``identity.actor_codes``): a person coded ``IRQGOV`` in one article and ``GOV`` in another
    reads ``IRQGOV`` in both. Rows keep their keys, the entity columns included."""
    refs = {(row["article_id"], row[f"{side}_entity"]) for row in rows for side in ("source", "target") if row.get(f"{side}_entity")}
    corpus_of: dict[tuple[str, str], str] = {}
    articles_wanted = sorted({article for article, _ in refs})
    for start in range(0, len(articles_wanted), 500):
        query = select(corpus_members.c.article_id, corpus_members.c.entity_id, corpus_members.c.corpus_id).where(
            corpus_members.c.article_id.in_(articles_wanted[start : start + 500]))
        corpus_of.update({(a, e): c for a, e, c in conn.execute(query) if (a, e) in refs})
    codes = identity.actor_codes(conn, corpus_of.values()) if corpus_of else {}
    for row in rows:
        for side in ("source", "target"):
            entity = row.get(f"{side}_entity") or ""
            code = codes.get(corpus_of.get((row["article_id"], entity), ""))
            if code:
                row[f"{side}_code"] = code
    return rows


def _event_day() -> Any:
    """The event's own date when it is a full date, else its article's publication date."""
    return case((func.length(events_table.c.date) == 10, events_table.c.date), else_=articles.c.published)


def _entity_events(conn: Connection, corpus_id: str, side: str, limit: int) -> list[dict[str, Any]]:
    column = events_table.c[f"{side}_entity"]
    query = (
        select(*_event_columns(), events_table.c.source_entity, events_table.c.target_entity)
        .select_from(corpus_members)
        .join(events_table, _members_join(events_table, column, corpus_id))
        .join(articles, articles.c.id == events_table.c.article_id)
        .order_by(_event_day().desc(), events_table.c.article_id, events_table.c.idx)
        .limit(limit)
    )
    return _one_code_per_entity(conn, [dict(row) for row in conn.execute(query).mappings()])


# -- quotes and events --------------------------------------------------------------------------------


def _corpus_ids(conn: Connection, name: str) -> list[str]:
    return [row["id"] for row in identity.find(conn, name)]


def _check_page(limit: int, offset: int) -> None:
    if limit < 1:
        raise ValueError(f"limit must be 1 or more, not {limit}")
    if offset < 0:
        raise ValueError(f"offset must be 0 or more, not {offset}")


def _speaker_condition(conn: Connection, speaker: str) -> Any:
    """Quotes by a speaker: a member of the corpus entities the name means, or that name as written
    (unresolved speakers)."""
    q = quotes_table
    parts = [select(q.c.num).where(q.c.speaker_name == speaker)]
    ids = _corpus_ids(conn, speaker)
    if ids:
        parts.append(select(q.c.num).join(corpus_members, and_(
            corpus_members.c.article_id == q.c.article_id,
            corpus_members.c.entity_id == q.c.speaker_entity)).where(corpus_members.c.corpus_id.in_(ids)))
    return q.c.num.in_(union(*parts))


@checked
def find_quotes(
    store: Store,
    *,
    speaker: Optional[str] = None,
    q: Optional[str] = None,
    medium: Optional[str] = None,
    since: Optional[str] = None,
    until: Optional[str] = None,
    limit: int = DEFAULT_LIMIT,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Quotes, newest first: by a speaker (name, alias or corpus id), with words (``q``, full text),
    by medium, published in a period; ``limit`` rows from ``offset``."""
    _check_page(limit, offset)
    qt = quotes_table
    conditions = date_filter(articles.c.published, since, until)
    if medium:
        conditions.append(qt.c.medium == medium)
    if q:
        conditions.append(store.full_text_condition(qt, q))
    query = select(articles.c.published, *_QUOTE_COLUMNS, qt.c.idx, qt.c.speaker_entity, qt.c.direct, qt.c.medium,
                   articles.c.title).select_from(qt.join(articles, articles.c.id == qt.c.article_id))
    with store.read() as conn:
        if speaker:
            conditions.append(_speaker_condition(conn, speaker))
        query = (query.where(*conditions).order_by(articles.c.published.desc(), qt.c.article_id, qt.c.idx)
                 .limit(limit).offset(offset))
        return [dict(row) for row in conn.execute(query).mappings()]


def _kept_code(side: str) -> Any:
    """The code an event's ``side`` actor reads: the one its corpus entity keeps across the corpus
    (what the event rows show, :func:`_one_code_per_entity`), else the code its article gave it.
    So ``--actor IRQ`` finds a person coded ``IRQGOV`` in one article and only ``GOV`` in another."""
    e = events_table
    kept = (
        select(corpus_entities.c.actor_code)
        .join(corpus_members, corpus_members.c.corpus_id == corpus_entities.c.id)
        .where(corpus_members.c.article_id == e.c.article_id, corpus_members.c.entity_id == e.c[f"{side}_entity"])
        .correlate(e)
        .scalar_subquery()
    )
    return func.coalesce(kept, e.c[f"{side}_code"])


def _side_condition(conn: Connection, side: str, actor: str) -> Any:
    """Events whose ``side`` (source or target) is the actor: a CAMEO code prefix (``IRN`` matches
    ``IRNGOV``), else a corpus entity by name, alias or id, or the actor's name as written."""
    e = events_table
    if ACTOR_CODE.match(actor):
        return _kept_code(side).startswith(actor, autoescape=True)
    parts = [select(e.c.num).where(e.c[f"{side}_name"] == actor)]
    ids = _corpus_ids(conn, actor)
    if ids:
        parts.append(select(e.c.num).join(corpus_members, and_(
            corpus_members.c.article_id == e.c.article_id,
            corpus_members.c.entity_id == e.c[f"{side}_entity"])).where(corpus_members.c.corpus_id.in_(ids)))
    return e.c.num.in_(union(*parts))


def _event_conditions(conn: Connection, *, actor: Optional[str] = None, source: Optional[str] = None,
                      target: Optional[str] = None, code: Optional[str] = None, root: Optional[str] = None,
                      quad_class: Optional[int] = None, since: Optional[str] = None,
                      until: Optional[str] = None) -> list[Any]:
    """SQL conditions on ``events`` (joined to ``articles``) for the filters of :func:`find_events`."""
    e = events_table
    conditions = date_filter(_event_day(), since, until)
    if code:
        conditions.append(e.c.code.startswith(code, autoescape=True))
    if root:
        conditions.append(e.c.root == root)
    if quad_class is not None:
        if quad_class not in (1, 2, 3, 4):
            raise ValueError(f"quad_class must be 1, 2, 3 or 4, not {quad_class}")
        conditions.append(e.c.quad_class == quad_class)
    if actor:
        conditions.append(_actor_condition(conn, actor))
    for side, side_actor in (("source", source), ("target", target)):
        if side_actor:
            conditions.append(_side_condition(conn, side, side_actor))
    return conditions


@checked
def find_events(
    store: Store,
    *,
    actor: Optional[str] = None,
    source: Optional[str] = None,
    target: Optional[str] = None,
    code: Optional[str] = None,
    root: Optional[str] = None,
    quad_class: Optional[int] = None,
    since: Optional[str] = None,
    until: Optional[str] = None,
    limit: int = DEFAULT_LIMIT,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Events, newest first; ``limit`` rows from ``offset``. An actor that is a corpus entity reads
    the one code it keeps across the corpus (``newsgraph.identity.actors``), whatever less one
    article said about it.

    Args:
        actor: a CAMEO actor code (``IRN`` matches ``IRN``, ``IRNGOV``, ...) or a name/corpus id;
            the actor may be the source or the target.
        source, target: the same, on that side only.
        code: a CAMEO event code; ``04`` matches every code under it (``040``, ``042``, ...).
        root: a CAMEO root code (two digits).
        quad_class: 1 (verbal cooperation) to 4 (material conflict).
        since, until: the event's date (its article's date where the event has none), inclusive.
    """
    _check_page(limit, offset)
    e = events_table
    with store.read() as conn:
        conditions = _event_conditions(conn, actor=actor, source=source, target=target, code=code, root=root,
                                       quad_class=quad_class, since=since, until=until)
        query = (select(*_event_columns(), e.c.idx, e.c.source_entity, e.c.target_entity)
                 .select_from(e.join(articles, articles.c.id == e.c.article_id))
                 .where(*conditions).order_by(_event_day().desc(), e.c.article_id, e.c.idx)
                 .limit(limit).offset(offset))
        return _one_code_per_entity(conn, [dict(row) for row in conn.execute(query).mappings()])


def _actor_condition(conn: Connection, actor: str) -> Any:
    """Events whose source or target is the actor: by code prefix, by corpus entity, or by name as written."""
    e = events_table
    if ACTOR_CODE.match(actor):
        return or_(_kept_code("source").startswith(actor, autoescape=True),
                   _kept_code("target").startswith(actor, autoescape=True))
    parts = [select(e.c.num).where(e.c.source_name == actor), select(e.c.num).where(e.c.target_name == actor)]
    ids = _corpus_ids(conn, actor)
    if ids:
        for side in ("source", "target"):
            parts.append(
                select(e.c.num).join(corpus_members, and_(corpus_members.c.article_id == e.c.article_id,
                                                          corpus_members.c.entity_id == e.c[f"{side}_entity"]))
                .where(corpus_members.c.corpus_id.in_(ids)))
    return e.c.num.in_(union(*parts))


# -- full-text search and one article ------------------------------------------------------------------


@checked
def search(store: Store, query: str, *, limit: int = 20) -> list[dict[str, Any]]:
    """Articles and quotes matching ``query``; each row with the span of its first matching word."""
    rows = []
    found = store.search_articles(query, limit=limit)
    texts = _texts(store, [row["id"] for row in found])
    for row in found:
        start, end = _first_match(texts.get(row["id"], ""), query)
        rows.append({"kind": "article", "article_id": row["id"], "start": start, "end": end,
                     "published": row["published"], "title": row["title"], "text": row["snippet"]})
    for row in store.search_quotes(query, limit=limit):
        with store.read() as conn:
            span = conn.execute(select(quotes_table.c.start_char, quotes_table.c.end_char).where(
                quotes_table.c.article_id == row["article_id"], quotes_table.c.idx == row["idx"])).first()
        rows.append({"kind": "quote", "article_id": row["article_id"], "start": span[0] if span else None,
                     "end": span[1] if span else None, "published": None, "title": row["speaker_name"],
                     "text": row["text"]})
    return rows


def _texts(store: Store, ids: list[str]) -> dict[str, str]:
    if not ids:
        return {}
    with store.read() as conn:
        return dict(conn.execute(select(articles.c.id, articles.c.text).where(articles.c.id.in_(ids))).all())


def _first_match(article_text: str, query: str) -> tuple[Optional[int], Optional[int]]:
    """The span of the first word of ``query`` found in the text (case ignored)."""
    best: tuple[Optional[int], Optional[int]] = (None, None)
    for word in re.findall(r"\w+", query):
        match = re.search(r"\b" + re.escape(word), article_text, re.IGNORECASE)
        if match and (best[0] is None or match.start() < best[0]):
            best = (match.start(), match.start() + len(word))
    return best


@checked
def article(store: Store, article_id: str) -> dict[str, Any]:
    """One stored analysis (schema v1); LookupError when there is no such article."""
    analysis = store.get_analysis(article_id)
    if analysis is None:
        raise LookupError(f"no article with id {article_id!r}")
    return analysis


@checked
def duplicate_of(store: Store, article_id: str) -> Optional[str]:
    """The original of a stored near-duplicate (its facts are kept there), else None."""
    with store.read() as conn:
        return conn.execute(select(articles.c.duplicate_of).where(articles.c.id == article_id)).scalar()


def fact_marks(analysis: dict[str, Any]) -> list[dict[str, Any]]:
    """Every fact of an analysis as (start, end, kind, label), in text order: what ``show`` marks."""
    marks = []
    for entity in analysis.get("entities") or []:
        for mention in entity.get("mentions") or []:
            marks.append((mention["span"], "entity", f"{entity['type']} {entity['name']}"))
    for quote in analysis.get("quotes") or []:
        speaker = (quote.get("speaker") or {}).get("name") or "?"
        marks.append((quote["span"], "quote", f"quote by {speaker}"))
    for event in analysis.get("events") or []:
        source = (event.get("source") or {}).get("code") or (event.get("source") or {}).get("name") or "?"
        target = (event.get("target") or {}).get("code") or (event.get("target") or {}).get("name") or "?"
        marks.append((event["span"], "event", f"event {event['code']} {source} -> {target}"))
    for kind, label in (("dates", "value"), ("quantities", "value"), ("places", "name")):
        for fact in analysis.get(kind) or []:
            marks.append((fact["span"], kind.rstrip("s") if kind != "quantities" else "quantity",
                          f"{kind[:-1] if kind != 'quantities' else 'quantity'} {fact.get(label)}"))
    rows = [{"start": span[0], "end": span[1], "kind": kind, "label": label} for span, kind, label in marks]
    return sorted(rows, key=lambda row: (row["start"], -row["end"]))
