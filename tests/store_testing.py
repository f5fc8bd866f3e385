"""Stores for tests: a SQLite file, or a PostgreSQL schema of its own that is dropped afterwards.

PostgreSQL is the server named by ``NEWSGRAPH_TEST_POSTGRES``; where that is unset the caller skips,
and where it is set but the server is unreachable, opening fails (tests must not pass silently).
"""

from __future__ import annotations

import os
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Optional

from sqlalchemy import text

from newsgraph.store.db import Store, open_store

POSTGRES_ENV = "NEWSGRAPH_TEST_POSTGRES"
BACKENDS = ("sqlite", "postgresql")


def postgres_url() -> Optional[str]:
    """The test server's URL, or None where none is configured."""
    return os.environ.get(POSTGRES_ENV) or None


@contextmanager
def temporary_store(backend: str, folder: Path) -> Iterator[Store]:
    """A fresh, empty store on ``backend``; a PostgreSQL one lives in a schema named for this run."""
    if backend == "sqlite":
        store = open_store(str(folder / f"test-{uuid.uuid4().hex[:8]}.db"))
        try:
            yield store
        finally:
            store.close()
        return
    url = postgres_url()
    if url is None:
        raise RuntimeError(f"{POSTGRES_ENV} is unset")
    schema = f"ng_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    store = open_store(url, schema=schema)
    try:
        yield store
    finally:
        with store.engine.begin() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        store.close()
