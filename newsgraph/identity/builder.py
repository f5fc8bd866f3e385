"""Corpus-level entities in the store: built from the ``entities`` table by :mod:`newsgraph.identity.resolver`.

The tables (defined in :mod:`newsgraph.store.schema`, created by store migration 3):

- ``corpus_entities``: one row per corpus entity (id, name, type, country, role, articles, mentions,
  aliases, and an example mention as evidence);
- ``corpus_members``: which per-article entity (``article_id``, ``entity_id``) belongs to which;
- ``corpus_names``: every normalized name a corpus entity is known by, for looking names up;
- ``identity_overrides``: the merges and splits a user made, replayed on every rebuild.

The identity is a stage after ingest: ``newsgraph ingest`` rebuilds it when it has stored articles,
``newsgraph identity rebuild`` does on demand, and a correction (merge, split) rebuilds it. Queries
only read it; :func:`is_stale` tells them when entities were stored since the last build.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any, Iterable, Optional

from sqlalchemy import Connection, delete, func, insert, select, text
from sqlalchemy.exc import DBAPIError

from newsgraph.countries import country_from_any
from newsgraph.identity.actors import consistent_codes
from newsgraph.identity.resolver import Group, Member, _fold, normalize_name, resolve
from newsgraph.store import Store
from newsgraph.store.schema import (
    IDENTITY_TABLES,
    articles,
    corpus_entities,
    corpus_members,
    corpus_names,
    entities,
    events,
    identity_overrides,
    mentions,
)

INSERT_BATCH = 5000


def lookup_keys(name: str) -> list[str]:
    """The keys a typed name may be stored under (person, organization and plain spellings)."""
    keys = {normalize_name(name, "PERSON"), normalize_name(name, "ORG"), _fold(name)}
    code = country_from_any(name)
    if code:
        keys.add("country:" + code)
    return sorted(key for key in keys if key)


def load_members(conn: Connection) -> tuple[list[Member], dict[tuple[str, str], tuple[int, int]], dict[str, str]]:
    """Every per-article entity as a :class:`Member`, the span of its first mention, and article dates."""
    aliases: dict[tuple[str, str], set[str]] = {}
    first: dict[tuple[str, str], tuple[int, int]] = {}
    query = select(mentions.c.article_id, mentions.c.entity_id, mentions.c.text, mentions.c.start_char,
                   mentions.c.end_char, mentions.c.kind)
    for article_id, entity_id, mention_text, start, end, kind in conn.execute(query):
        ref = (article_id, entity_id)
        if kind in (None, "name"):
            aliases.setdefault(ref, set()).add(mention_text)
        if ref not in first or start < first[ref][0]:
            first[ref] = (start, end)
    members = []
    query = select(entities.c.article_id, entities.c.entity_id, entities.c.name, entities.c.type,
                   entities.c.country, entities.c.role, entities.c.mention_count).order_by(entities.c.num)
    row: Any
    for row in conn.execute(query):
        article_id, entity_id, name, etype, country, role, count = row
        names = tuple(sorted(aliases.get((article_id, entity_id), set()) - {name}))
        members.append(Member(article_id, entity_id, name, etype, country, role, names, count or 1))
    published = dict(conn.execute(select(articles.c.id, articles.c.published)).all())
    return members, first, published


def load_overrides(conn: Connection) -> list[dict[str, Any]]:
    query = select(identity_overrides).order_by(identity_overrides.c.num)
    return [{"op": row.op, "members": json.loads(row.members), "label": row.label} for row in conn.execute(query)]


def _rows(groups: list[Group], first: dict[tuple[str, str], tuple[int, int]], published: dict[str, str]):
    entity_rows, member_rows, name_rows = [], [], []
    for group in groups:
        example = min((m.ref for m in group.members if m.ref in first), default=None)
        span = first.get(example) if example else None
        entity_rows.append({
            "id": group.id, "name": group.name, "type": group.type, "country": group.country, "role": group.role,
            "articles": group.articles, "mentions": group.mentions,
            "aliases": json.dumps(group.aliases, ensure_ascii=False),
            "example_article": example[0] if example else None,
            "example_start": span[0] if span else None, "example_end": span[1] if span else None,
        })
        member_rows += [{"article_id": m.article_id, "entity_id": m.entity_id, "corpus_id": group.id,
                         "published": published.get(m.article_id), "mentions": m.mentions, "role": m.role}
                        for m in group.members]
        keys: dict[str, int] = {}
        for alias, count in {**group.aliases, group.name: group.mentions}.items():
            for key in lookup_keys_fast(alias, group.type):
                keys[key] = keys.get(key, 0) + count
        if group.country and group.type in ("GPE", "LOC", "NORP") and "country:" + group.country in lookup_keys(group.name):
            keys["country:" + group.country] = group.mentions  # "Iran" and "IRN" find the country
        name_rows += [{"key": key, "corpus_id": group.id, "mentions": count} for key, count in keys.items()]
    return entity_rows, member_rows, name_rows


def lookup_keys_fast(name: str, entity_type: str) -> set[str]:
    """The keys a stored name is found by (no country lookup: countries are keyed by their group)."""
    return {key for key in (normalize_name(name, entity_type), _fold(name)) if key}


def build(conn: Connection) -> int:
    """Rebuild the corpus entities from the stored entities and the corrections. Returns their number."""
    members, first, published = load_members(conn)
    groups = resolve(members, load_overrides(conn))
    entity_rows, member_rows, name_rows = _rows(groups, first, published)
    codes = _codes_of_groups(conn, {(m.article_id, m.entity_id): group.id for group in groups for m in group.members})
    for row in entity_rows:
        row["actor_code"] = codes.get(row["id"])
    for table in IDENTITY_TABLES:  # derived tables: emptied and filled again
        conn.execute(delete(table))
    for table, rows in ((corpus_entities, entity_rows), (corpus_members, member_rows), (corpus_names, name_rows)):
        for start in range(0, len(rows), INSERT_BATCH):
            conn.execute(insert(table), rows[start:start + INSERT_BATCH])
    return len(groups)


def _codes_of_groups(conn: Connection, group_of: dict[tuple[str, str], str]) -> dict[str, str]:
    """``{corpus id: code}``: the code each corpus entity keeps, from the codes its members got
    in every event they are the source or target of, in the order the events were stored."""
    query = select(events.c.article_id, events.c.source_entity, events.c.source_code, events.c.target_entity,
                   events.c.target_code).where(events.c.negated.isnot(True)).order_by(events.c.num)
    pairs = []
    for article_id, source_entity, source_code, target_entity, target_code in conn.execute(query):
        for entity_id, code in ((source_entity, source_code), (target_entity, target_code)):
            group = group_of.get((article_id, entity_id)) if entity_id else None
            if group:
                pairs.append((group, code))
    return consistent_codes(pairs)


def is_current(conn: Connection) -> bool:
    """Whether every stored entity has its corpus entity (the identity is up to date)."""
    stored = conn.execute(select(func.count()).select_from(entities)).scalar_one()
    members = conn.execute(select(func.count()).select_from(corpus_members)).scalar_one()
    return bool(stored == members)


def rebuild(store: Store, *, only_if_stale: bool = False) -> Optional[int]:
    """Rebuild the identity tables of ``store``: after ingest, after a correction, or on demand.

    Returns the number of corpus entities, or None when ``only_if_stale`` and nothing changed. Two
    processes may rebuild at once: on PostgreSQL they take turns (an advisory lock); on SQLite the
    second one's write fails, and that is fine when the first one's build is there.
    """
    try:
        with store.write() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(7406222)"))
            if only_if_stale and is_current(conn):
                return None
            return build(conn)
    except DBAPIError:
        with store.read() as conn:
            if not is_current(conn):
                raise
        return None


def is_stale(store: Store) -> bool:
    """Whether entities were stored since the identity was last built (read only)."""
    with store.read() as conn:
        return not is_current(conn)


def find(conn: Connection, name: str, entity_type: Optional[str] = None) -> list[dict[str, Any]]:
    """Corpus entities a name (or corpus id) may mean, most-mentioned first."""
    by_id = conn.execute(select(corpus_entities).where(corpus_entities.c.id == name)).mappings().all()
    if by_id:
        return [dict(row) for row in by_id]
    matched = select(corpus_names.c.corpus_id).where(corpus_names.c.key.in_(lookup_keys(name))).distinct()
    query = select(corpus_entities).where(corpus_entities.c.id.in_(matched))
    if entity_type:
        query = query.where(corpus_entities.c.type == entity_type)
    return [dict(row) for row in conn.execute(query.order_by(corpus_entities.c.mentions.desc())).mappings()]


def members_of(conn: Connection, corpus_id: str) -> list[dict[str, Any]]:
    """The per-article entities of a corpus entity, with their names and first mention."""
    query = (
        select(entities.c.article_id, entities.c.entity_id, entities.c.name, entities.c.type, entities.c.country,
               entities.c.role, entities.c.mention_count)
        .join(corpus_members, (corpus_members.c.article_id == entities.c.article_id)
              & (corpus_members.c.entity_id == entities.c.entity_id))
        .where(corpus_members.c.corpus_id == corpus_id)
        .order_by(entities.c.article_id, entities.c.entity_id)
    )
    return [dict(row) for row in conn.execute(query).mappings()]


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def record_override(conn: Connection, op: str, refs: Iterable[tuple[str, str]], label: Optional[str] = None) -> None:
    """Keep a correction, then rebuild so it takes effect."""
    members = [list(ref) for ref in refs]
    conn.execute(insert(identity_overrides).values(op=op, members=json.dumps(members), label=label, created_at=_now()))
    build(conn)


def merge(store: Store, names: list[str]) -> dict[str, Any]:
    """Merge the corpus entities named (ids or names) into one; returns the merged entity."""
    rebuild(store, only_if_stale=True)
    with store.write() as conn:
        ids = [_one(conn, name)["id"] for name in names]
        refs = [(row.article_id, row.entity_id) for row in conn.execute(
            select(corpus_members).where(corpus_members.c.corpus_id.in_(ids)))]
        record_override(conn, "merge", refs)
        return _entity_of(conn, refs[0])


def split(store: Store, name: str, *, articles: Iterable[str] = (), member_name: Optional[str] = None) -> dict[str, Any]:
    """Take the members of a corpus entity found in ``articles`` (or named ``member_name``) into a new entity."""
    rebuild(store, only_if_stale=True)
    articles = set(articles)
    with store.write() as conn:
        entity = _one(conn, name)
        chosen = [
            (m["article_id"], m["entity_id"]) for m in members_of(conn, entity["id"])
            if m["article_id"] in articles or (member_name and _fold(m["name"]) == _fold(member_name))
        ]
        if not chosen:
            raise LookupError(f"no member of {entity['id']} ({entity['name']}) matches the split")
        if len(chosen) == entity["articles"] and len(chosen) == len(members_of(conn, entity["id"])):
            raise LookupError(f"the split would take every member of {entity['id']}: nothing to split")
        record_override(conn, "split", chosen, label=f"{entity['id']}:{len(chosen)}")
        return _entity_of(conn, chosen[0])


def _one(conn: Connection, name: str) -> dict[str, Any]:
    found = find(conn, name)
    if not found:
        raise LookupError(f"no entity named {name!r}")
    if len(found) > 1 and found[0]["id"] != name:
        choices = ", ".join(f"{row['id']} ({row['name']}, {row['type']})" for row in found[:5])
        raise LookupError(f"{name!r} names several entities: {choices}; give an id")
    return found[0]


def _entity_of(conn: Connection, ref: tuple[str, str]) -> dict[str, Any]:
    corpus_id = conn.execute(select(corpus_members.c.corpus_id).where(
        (corpus_members.c.article_id == ref[0]) & (corpus_members.c.entity_id == ref[1]))).scalar_one()
    return dict(conn.execute(select(corpus_entities).where(corpus_entities.c.id == corpus_id)).mappings().one())


def actor_codes(conn: Connection, corpus_ids: Iterable[str]) -> dict[str, str]:
    """The one CAMEO actor code of each corpus entity in ``corpus_ids`` (see
    :mod:`newsgraph.identity.actors`): as the last rebuild stored it, else (a store upgraded since,
    not yet rebuilt) from every event its members are the source or target of."""
    wanted = sorted(set(corpus_ids))
    codes: dict[str, str] = {}
    for start in range(0, len(wanted), 500):
        query = select(corpus_entities.c.id, corpus_entities.c.actor_code).where(
            corpus_entities.c.id.in_(wanted[start : start + 500]), corpus_entities.c.actor_code.isnot(None))
        codes.update(dict(conn.execute(query).all()))
    if codes or conn.execute(select(corpus_entities.c.id).where(corpus_entities.c.actor_code.isnot(None)).limit(1)).first():
        return codes  # built with the codes: an entity without one has no coded event
    return _codes_from_events(conn, wanted)


def _codes_from_events(conn: Connection, wanted: list[str]) -> dict[str, str]:
    rows: list[tuple[str, Optional[str]]] = []
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        for side in ("source", "target"):
            query = (
                select(corpus_members.c.corpus_id, events.c[f"{side}_code"])
                .select_from(events)
                .join(corpus_members, (corpus_members.c.article_id == events.c.article_id)
                      & (corpus_members.c.entity_id == events.c[f"{side}_entity"]))
                .where(corpus_members.c.corpus_id.in_(chunk), events.c.negated.isnot(True))
                .order_by(events.c.num)
            )
            rows += [(corpus_id, code) for corpus_id, code in conn.execute(query)]
    return consistent_codes(rows)
