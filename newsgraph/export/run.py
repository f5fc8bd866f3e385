"""Exports of a store: choose the articles, then write them in one of the formats.

Formats: ``jsonl`` (schema-v1 analyses, one article a line: what ``newsgraph ingest`` reads back),
``parquet`` (a directory, one table per kind of fact), and GDELT's ``gkg``, ``events`` and
``mentions`` files (tab-separated, no header; see docs/gdelt.md).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterator, Optional

from sqlalchemy import select

from newsgraph.export import gdelt
from newsgraph.identity import builder as identity
from newsgraph.query.queries import date_filter
from newsgraph.store import Store
from newsgraph.store.schema import articles, corpus_entities, corpus_members

FORMATS = ("jsonl", "parquet", "gkg", "events", "mentions")


def select_ids(
    store: Store,
    *,
    since: Optional[str] = None,
    until: Optional[str] = None,
    source: Optional[str] = None,
    search: Optional[str] = None,
    entity: Optional[str] = None,
    include_duplicates: bool = False,
) -> list[str]:
    """Ids of the stored articles that pass every filter, in storing order (all bound parameters)."""
    for name, value in (("since", since), ("until", until), ("source", source), ("search", search), ("entity", entity)):
        if value and "\x00" in value:
            raise ValueError(f"{name}: text with a NUL character cannot be looked up")

    query = select(articles.c.id).where(*date_filter(articles.c.published, since, until)).order_by(articles.c.num)
    if source:
        query = query.where(articles.c.source == source)
    if not include_duplicates:
        query = query.where(articles.c.duplicate_of.is_(None))
    if search:
        query = query.where(store.full_text_condition(articles, search))
    if entity:
        query = query.where(articles.c.id.in_(_entity_articles(store, entity)))
    with store.read() as conn:
        return list(conn.execute(query).scalars())


def _entity_articles(store: Store, name: str) -> Any:
    with store.read() as conn:
        found = identity.find(conn, name)
    if not found:
        raise LookupError(f"no entity named {name!r}")
    members = corpus_members
    return select(members.c.article_id).where(members.c.corpus_id == found[0]["id"])


def _analyses(store: Store, ids: list[str]) -> Iterator[dict[str, Any]]:
    return store.iter_analyses(ids)


def export(store: Store, fmt: str, out: str | Path, *, canonical: bool = True, **filters: Any) -> dict[str, int]:
    """Write the filtered articles of ``store`` to ``out`` in ``fmt``; returns counts of what was written.

    GDELT ``events`` and ``mentions``: one Events row per canonical event, its actors known by their
    corpus entities; with ``canonical=False`` one per exact (day, actors, code, place)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    ids = select_ids(store, **filters)
    if fmt == "parquet":
        from newsgraph.export.parquet import write_parquet  # noqa: PLC0415 - lazy: pyarrow takes half a second to import, only Parquet needs it

        return write_parquet(_analyses(store, ids), out, extra=_identity_tables(store, set(ids)))
    with open(out, "w", encoding="utf-8", newline="\n") as stream:
        if fmt == "jsonl":
            count = 0
            for analysis in _analyses(store, ids):
                stream.write(json.dumps(analysis, ensure_ascii=False) + "\n")
                count += 1
            return {"articles": count}
        if fmt == "gkg":
            return {fmt: gdelt.write_rows(gdelt.gkg_rows(_analyses(store, ids)), stream)}
        writer = gdelt.event_rows if fmt == "events" else gdelt.mention_rows
        corpus_of = corpus_entities_of(store, set(ids))
        with store.read() as conn:
            codes = identity.actor_codes(conn, set(corpus_of.values()))
        rows = writer(_kept_codes(_analyses(store, ids), corpus_of, codes), corpus_of=corpus_of, canonical=canonical)
        return {fmt: gdelt.write_rows(rows, stream)}


def _kept_codes(analyses: Iterator[dict[str, Any]], corpus_of: dict[tuple[str, str], str],
                codes: dict[str, str]) -> Iterator[dict[str, Any]]:
    """Analyses whose event actors carry the code their corpus entity keeps across the corpus
    (``identity.actor_codes``), as the event queries show them: one person, one Actor1Code."""
    for analysis in analyses:
        article_id = str((analysis.get("article") or {}).get("id"))
        for event in analysis.get("events") or []:
            for side in ("source", "target"):
                actor = event.get(side)
                code = codes.get(corpus_of.get((article_id, actor["entity"]), "")) if actor and actor.get("entity") else None
                if code:
                    actor["code"] = code
        yield analysis


def corpus_entities_of(store: Store, ids: set[str]) -> dict[tuple[str, str], str]:
    """(article id, entity id) -> corpus entity id, for the articles ``ids``."""
    members = corpus_members
    with store.read() as conn:
        return {(article_id, entity_id): corpus_id for article_id, entity_id, corpus_id in conn.execute(
            select(members.c.article_id, members.c.entity_id, members.c.corpus_id)) if article_id in ids}


def _identity_tables(store: Store, ids: set[str]) -> dict[str, Any]:
    """corpus_entities and corpus_members (for the exported articles) as pyarrow tables."""
    import pyarrow as pa  # noqa: PLC0415 - lazy: only the Parquet export needs it

    with store.read() as conn:
        members = [dict(row) for row in conn.execute(select(corpus_members)).mappings() if row["article_id"] in ids]
        wanted = {row["corpus_id"] for row in members}
        entities = [dict(row) for row in conn.execute(select(corpus_entities)).mappings() if row["id"] in wanted]
    return {"corpus_entities": pa.Table.from_pylist(entities) if entities else pa.table({"id": pa.array([], pa.string())}),
            "corpus_members": pa.Table.from_pylist(members) if members else pa.table({"article_id": pa.array([], pa.string())})}
