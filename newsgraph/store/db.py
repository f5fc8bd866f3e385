"""The store: analyses, duplicates and failures in SQLite (one file) or PostgreSQL, through SQLAlchemy Core.

Every write is one transaction, so an article is stored with all of its facts or not at all, and a
process killed mid-write leaves nothing half-done behind.
"""

from __future__ import annotations

import hashlib
import itertools
import re
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional

from sqlalchemy import Engine, and_, column, create_engine, delete, event, func, or_, select, text
from sqlalchemy.exc import IntegrityError, OperationalError

from newsgraph.settings import DEFAULT_DB
from newsgraph.store import migrations, rows
from newsgraph.store.schema import FACT_TABLES, article_themes, articles, entities, failures, mentions, metadata

_SCHEMA_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,62}$")


def engine_url(url: str) -> str:
    """A SQLAlchemy URL from what a user types: a file path, ``sqlite:///...`` or ``postgresql://...``."""
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    if "://" in url:
        return url
    return "sqlite:///" + str(Path(url).expanduser())


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # WAL: readers (Datasette, pandas) never block the writer; NORMAL sync is still crash-safe in WAL mode.
    # The busy timeout comes first: switching a new file to WAL needs a lock another process opening the
    # same new store may hold for a moment, and without the timeout that switch fails at once.
    for pragma in ("busy_timeout=30000", "journal_mode=WAL", "synchronous=NORMAL", "foreign_keys=ON"):
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()


def _make_engine(url: str, schema: Optional[str]) -> Engine:
    engine = create_engine(engine_url(url))
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if schema and not _SCHEMA_NAME.match(schema):
        raise ValueError(f"bad schema name {schema!r}")

    def _postgres_session(dbapi_connection: Any, _record: Any) -> None:
        with dbapi_connection.cursor() as cursor:
            # Commits return before the WAL flush: a server crash can lose the last moment's articles
            # (whole ones, which a rerun adds again), never part of one; the same trade as SQLite's NORMAL.
            cursor.execute("SET synchronous_commit TO off")
            if schema:
                cursor.execute(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')
                cursor.execute(f'SET search_path TO "{schema}"')
        dbapi_connection.commit()

    event.listen(engine, "connect", _postgres_session)
    return engine


def analysis_rows(analysis: dict[str, Any], **meta: Any) -> list[tuple[Any, list[dict[str, Any]]]]:
    """Every row an analysis adds to the store, table by table in the order they are inserted (the
    article first): what :meth:`Store.add_analysis` writes, and bulk loaders (``newsgraph load``) too."""
    entity_rows, mention_rows = rows.entity_rows(analysis)
    out = [(articles, [rows.article_row(analysis, ingested_at=_now(), **meta)]), (entities, entity_rows), (mentions, mention_rows)]
    out += [(table, rows.fact_rows(analysis, kind)) for kind, table in FACT_TABLES.items()]
    out.append((article_themes, rows.theme_rows(analysis)))
    return out


def _same_columns(table: Any, table_rows: list[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    """The rows in runs that name the same columns, in order: one insert of many rows takes its
    columns from the first. A row leaves out a column it has no value for (an article without an
    author); one with no default is set to NULL, which is what leaving it out gives, so most rows
    of a table go in one run."""
    if not table_rows:
        return
    named = set().union(*table_rows)
    no_default = {name for name in named if table.c[name].default is None and table.c[name].server_default is None}
    rows_out = [row if no_default <= row.keys() else {**dict.fromkeys(no_default), **row} for row in table_rows]
    for _, run in itertools.groupby(rows_out, key=lambda row: frozenset(row)):
        yield list(run)


def failure_key(origin: str, item: str) -> str:
    """One failure row per failing item, however often it is ingested."""
    return hashlib.sha1(f"{origin}\0{item}".encode("utf-8", "surrogatepass")).hexdigest()


class Store:
    """One newsgraph database. Open it with :func:`open_store`."""

    def __init__(self, url: str = DEFAULT_DB, *, schema: Optional[str] = None):
        self.url = url
        self.schema = schema
        self.engine = _make_engine(url, schema)
        self.dialect = self.engine.dialect.name
        self._migrate()

    def _migrate(self) -> None:
        """Bring the database to the current schema. Two processes opening one new SQLite file at once
        can find it locked while the other switches it to WAL (SQLite does not wait on that lock): try
        again a few times, as the other process is done in a moment."""
        for attempt in range(6):
            try:
                with self.engine.begin() as conn:
                    migrations.apply(conn)
                return
            except OperationalError as error:
                if self.dialect != "sqlite" or "locked" not in str(error) or attempt == 5:
                    raise
                self.engine.dispose()
                time.sleep(0.2 * 2**attempt)

    def close(self) -> None:
        self.engine.dispose()

    def read(self) -> Any:
        """A connection for reading (``with store.read() as conn:``); the query functions use only this."""
        return self.engine.connect()

    def write(self) -> Any:
        """A transaction (``with store.write() as conn:``): committed when the block ends, rolled back on error."""
        return self.engine.begin()

    def full_text_condition(self, table: Any, query: str) -> Any:
        """A WHERE condition: rows of ``articles`` or ``quotes`` whose text matches ``query`` (every word).

        The one place the two dialects' full-text SQL is written: FTS5 on SQLite, tsvector on PostgreSQL.
        """
        name = table.name
        if name not in ("articles", "quotes"):
            raise ValueError(f"no full-text index on {name!r}")
        if self.dialect == "sqlite":
            matched = text(f"SELECT rowid FROM {name}_fts WHERE {name}_fts MATCH :fts_query").bindparams(
                fts_query=fts5_query(query) or '""'
            )
            return table.c.num.in_(matched.columns(column("rowid")))
        return text(f"{name}.tsv @@ websearch_to_tsquery('english', :fts_query)").bindparams(fts_query=query)

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    # -- writing -----------------------------------------------------------------------------------

    def add_analysis(self, analysis: dict[str, Any], **meta: Any) -> bool:
        """Store an analysis (schema-v1 dict) with all its facts in one transaction.

        Args:
            analysis: ``Analysis.to_dict()`` output.
            meta: further ``articles`` columns: ``origin``, ``author``, ``minhash``, ``duplicate_of``, ``similarity``.
        Returns:
            True when stored; False when the article (same id or same normalized text) is already there.
        """
        table_rows = analysis_rows(analysis, **meta)
        article = table_rows[0][1][0]
        try:
            with self.engine.begin() as conn:
                for table, batch in table_rows:
                    if batch:
                        conn.execute(table.insert(), batch)
                if meta.get("origin"):  # an item that failed before and now went through
                    keys = [failure_key(meta["origin"], item) for item in ("", article["id"])]
                    conn.execute(delete(failures).where(failures.c.key.in_(keys)))
        except IntegrityError:
            if self.has_article(id=article["id"], text=article["text"]):
                return False
            raise
        return True

    def add_analyses(self, batch: list[tuple[dict[str, Any], dict[str, Any]]]) -> None:
        """Store several analyses, each with its ``meta`` (see :meth:`add_analysis`), in one
        transaction: all of them or none.

        One transaction for many articles saves most of the per-statement and per-commit cost of
        storing them one by one (ingest writes its results this way).

        Raises:
            IntegrityError: one of them is stored already or does not fit the schema; nothing was
                written, and :meth:`add_analysis` one by one tells which.
        """
        merged: dict[Any, list[dict[str, Any]]] = {}
        for analysis, meta in batch:
            for table, table_rows in analysis_rows(analysis, **meta):
                merged.setdefault(table, []).extend(table_rows)
        retried = [failure_key(meta["origin"], item) for analysis, meta in batch if meta.get("origin")
                   for item in ("", analysis["article"]["id"])]  # fmt: skip
        with self.engine.begin() as conn:
            for table, table_rows in merged.items():  # the articles first, in the batch's order
                for run in _same_columns(table, table_rows):
                    conn.execute(table.insert(), run)
            if retried:  # items that failed before and now went through
                conn.execute(delete(failures).where(failures.c.key.in_(retried)))

    def add_duplicate(self, article: dict[str, Any], duplicate_of: str, similarity: float, **meta: Any) -> bool:
        """Store a near-duplicate (e.g. a syndicated copy) as an article linked to its original, without facts."""
        analysis = {"schema_version": 1, "article": dict(article, sentences=article.get("sentences") or [])}
        for kind in ("entities", *FACT_TABLES):
            analysis[kind] = []
        return self.add_analysis(analysis, duplicate_of=duplicate_of, similarity=round(similarity, 3), **meta)

    def record_failure(
        self, origin: str, code: str, message: str, *, item: Optional[str] = None, stage: str = "analyse"
    ) -> bool:
        """Record why an item could not be read or analysed. Returns False when it was recorded already."""
        item = item or ""
        row = {"key": failure_key(origin, item), "origin": origin, "item": item, "stage": stage}
        row.update(code=code, message=message, created_at=_now())
        try:
            with self.engine.begin() as conn:
                conn.execute(failures.insert(), row)
        except IntegrityError:
            return False
        return True

    # -- reading -----------------------------------------------------------------------------------

    def has_article(self, *, id: Optional[str] = None, url: Optional[str] = None, text: Optional[str] = None) -> bool:
        """Whether an article with this id, URL or normalized text is stored."""
        conditions = []
        if id is not None:
            conditions.append(articles.c.id == id)
        if url:
            conditions.append(articles.c.url == url)
        if text is not None:
            conditions.append(
                and_(articles.c.text_hash == rows.text_hash(text), articles.c.duplicate_of.is_(None))
            )
        if not conditions:
            return False
        with self.engine.connect() as conn:
            return conn.execute(select(articles.c.num).where(or_(*conditions)).limit(1)).first() is not None

    def known_keys(self) -> tuple[dict[str, str], set[str], dict[str, str]]:
        """What ingest checks before analysis: {id: text hash}, stored URLs, {text hash: id of the original}."""
        ids, urls, originals = {}, set(), {}
        query = select(articles.c.id, articles.c.url, articles.c.text_hash, articles.c.duplicate_of)
        with self.engine.connect() as conn:
            for article_id, url, digest, duplicate_of in conn.execute(query.order_by(articles.c.num)):
                ids[article_id] = digest
                if url:
                    urls.add(url)
                if duplicate_of is None:
                    originals[digest] = article_id
        return ids, urls, originals

    def iter_minhashes(self) -> Iterator[tuple[str, bytes]]:
        """(article id, MinHash signature bytes) of every original article that has one."""
        query = select(articles.c.id, articles.c.minhash).where(
            articles.c.minhash.is_not(None), articles.c.duplicate_of.is_(None)
        )
        with self.engine.connect() as conn:
            yield from conn.execute(query.order_by(articles.c.num))

    def failures(self) -> list[dict[str, Any]]:
        """Every recorded failure, oldest first."""
        columns = [failures.c[name] for name in ("origin", "item", "stage", "code", "message", "created_at")]
        with self.engine.connect() as conn:
            return [dict(row._mapping) for row in conn.execute(select(*columns).order_by(failures.c.num))]

    def article_ids(self, include_duplicates: bool = True) -> list[str]:
        query = select(articles.c.id).order_by(articles.c.num)
        if not include_duplicates:
            query = query.where(articles.c.duplicate_of.is_(None))
        with self.engine.connect() as conn:
            return list(conn.execute(query).scalars())

    def get_analysis(self, article_id: str) -> Optional[dict[str, Any]]:
        """The analysis dict (schema v1) of one stored article, or None."""
        return next(self.iter_analyses([article_id]), None)

    def iter_analyses(
        self, ids: Optional[Iterable[str]] = None, *, include_duplicates: bool = False
    ) -> Iterator[dict[str, Any]]:
        """Stored analyses as schema-v1 dicts, in the order they were stored (or of ``ids``)."""
        wanted = list(ids) if ids is not None else self.article_ids(include_duplicates)
        with self.engine.connect() as conn:
            for start in range(0, len(wanted), 200):
                chunk = wanted[start : start + 200]
                yield from self._load(conn, chunk)

    def _load(self, conn: Any, ids: list[str]) -> Iterator[dict[str, Any]]:
        def grouped(table: Any, order: tuple[str, ...] = ("idx",)) -> dict[str, list[dict[str, Any]]]:
            out: dict[str, list[dict[str, Any]]] = {}
            query = select(table).where(table.c.article_id.in_(ids)).order_by(*[table.c[c] for c in order])
            for row in conn.execute(query):
                out.setdefault(row.article_id, []).append(dict(row._mapping))
            return out

        found = {row.id: dict(row._mapping) for row in conn.execute(select(articles).where(articles.c.id.in_(ids)))}
        entity_rows = grouped(entities)
        mention_rows = grouped(mentions, ("entity_id", "idx"))
        fact_rows = {kind: grouped(table) for kind, table in FACT_TABLES.items()}
        for article_id in ids:
            if article_id in found:
                facts = {kind: fact_rows[kind].get(article_id, []) for kind in FACT_TABLES}
                yield rows.analysis_from_rows(
                    found[article_id], entity_rows.get(article_id, []), mention_rows.get(article_id, []), facts
                )

    def counts(self) -> dict[str, int]:
        """Rows per table, plus ``duplicates`` (articles stored as near-duplicates of another)."""
        out = {}
        with self.engine.connect() as conn:
            for name in ("articles", "entities", "mentions", *FACT_TABLES, "failures"):
                out[name] = conn.execute(select(func.count()).select_from(metadata.tables[name])).scalar_one()
            out["duplicates"] = conn.execute(
                select(func.count()).select_from(articles).where(articles.c.duplicate_of.is_not(None))
            ).scalar_one()
        return out

    def search_articles(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        """Full-text search over article titles and texts, best match first: id, title, published, snippet."""
        if self.dialect == "sqlite":
            sql = (
                "SELECT a.id, a.title, a.published, snippet(articles_fts, 1, '[', ']', '...', 12) AS snippet "
                "FROM articles_fts JOIN articles a ON a.num = articles_fts.rowid "
                "WHERE articles_fts MATCH :q ORDER BY rank LIMIT :limit"
            )
        else:
            sql = (
                "SELECT id, title, published, ts_headline('english', text, q, "
                "'StartSel=[, StopSel=], MaxWords=24, MinWords=8') AS snippet "
                "FROM articles, websearch_to_tsquery('english', :q) q WHERE tsv @@ q "
                "ORDER BY ts_rank(tsv, q) DESC LIMIT :limit"
            )
        return self._search(sql, query, limit)

    def search_quotes(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        """Full-text search over quotes (their text and speaker): article_id, idx, speaker_name, text."""
        if self.dialect == "sqlite":
            sql = (
                "SELECT q.article_id, q.idx, q.speaker_name, q.text FROM quotes_fts "
                "JOIN quotes q ON q.num = quotes_fts.rowid WHERE quotes_fts MATCH :q ORDER BY rank LIMIT :limit"
            )
        else:
            sql = (
                "SELECT article_id, idx, speaker_name, text FROM quotes, websearch_to_tsquery('english', :q) q "
                "WHERE tsv @@ q ORDER BY ts_rank(tsv, q) DESC LIMIT :limit"
            )
        return self._search(sql, query, limit)

    def _search(self, sql: str, query: str, limit: int) -> list[dict[str, Any]]:
        if self.dialect == "sqlite":
            query = fts5_query(query)
            if not query:
                return []
        with self.engine.connect() as conn:
            return [dict(row._mapping) for row in conn.execute(text(sql), {"q": query, "limit": limit})]


_WORD = re.compile(r"\w+", re.UNICODE)


def fts5_query(query: str) -> str:
    """A user's words as a safe FTS5 query: every word must match; quoted phrases stay phrases."""
    parts = []
    for phrase, word in re.findall(r'"([^"]*)"|(\S+)', query):
        words = _WORD.findall(phrase or word)
        if words:
            parts.append('"' + " ".join(words) + '"')
    return " ".join(parts)


def open_store(url: str = DEFAULT_DB, *, schema: Optional[str] = None) -> Store:
    """Open (creating or upgrading as needed) the store at ``url``.

    Args:
        url: a SQLite file path (``newsgraph.db``), ``sqlite:///path`` or ``postgresql://user@host/db``.
        schema: PostgreSQL only: keep the tables in this schema (created when missing).
    Returns:
        The :class:`Store`.

    Example:
        >>> with open_store("newsgraph.db") as store:
        ...     store.counts()["articles"]
    """
    return Store(url, schema=schema)
