"""newsgraph.store: articles, entities, mentions, facts and failures in SQLite or PostgreSQL.

    >>> from newsgraph.store import open_store
    >>> store = open_store("newsgraph.db")          # or "postgresql://user@host/db"
    >>> store.add_analysis(analysis.to_dict())        # one transaction: the article and all its facts
    >>> for data in store.iter_analyses(): ...        # schema-v1 dicts back

The tables and columns are documented in docs/store.md.
"""

from newsgraph.store.db import DEFAULT_DB, Store, engine_url, fts5_query, open_store
from newsgraph.store.rows import normalize_text, text_hash

__all__ = ["DEFAULT_DB", "Store", "engine_url", "fts5_query", "normalize_text", "open_store", "text_hash"]
