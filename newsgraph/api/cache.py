"""A cache of whole GET answers, dropped whenever the store changes.

The server only reads, so the same URL gives the same answer until something is stored (by this
server, or by an ingest or an identity correction in another process). The store's version is the
highest article number, the number of corpus entities and the last identity correction; it is read
at most once per ``check_every`` seconds, so an answer may lag a change by that long.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from typing import Any, Optional

from anyio import to_thread
from sqlalchemy import func, select
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsgraph.store import Store
from newsgraph.store.schema import articles, corpus_entities, identity_overrides

__all__ = ["Answers", "ResponseCache", "store_version"]

CACHED_PREFIXES = ("/api/", "/articles/", "/entities", "/quotes", "/events", "/map")


def store_version(store: Store) -> tuple[Any, ...]:
    """What changes when anything a page shows changes: articles stored, identity rebuilt or corrected."""
    with store.read() as conn:
        return (
            conn.execute(select(func.max(articles.c.num), func.count())).one(),
            conn.execute(select(func.count()).select_from(corpus_entities)).scalar(),
            conn.execute(select(func.max(identity_overrides.c.num))).scalar(),
        )


class Answers:
    """The kept answers, most recently used last; ``clear()`` after this server stores something."""

    def __init__(self, entries: int = 1024, max_bytes: int = 1_000_000) -> None:
        self.entries, self.max_bytes = entries, max_bytes
        self.kept: OrderedDict[tuple[str, bytes], tuple[int, list, bytes]] = OrderedDict()
        self.lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, key: tuple[str, bytes]) -> Optional[tuple[int, list, bytes]]:
        with self.lock:
            found = self.kept.get(key)
            if found is not None:
                self.kept.move_to_end(key)
                self.hits += 1
            else:
                self.misses += 1
            return found

    def put(self, key: tuple[str, bytes], answer: tuple[int, list, bytes]) -> None:
        if len(answer[2]) > self.max_bytes:
            return
        with self.lock:
            self.kept[key] = answer
            while len(self.kept) > self.entries:
                self.kept.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.kept.clear()


class ResponseCache:
    """ASGI middleware answering GET requests from :class:`Answers` while the store is unchanged."""

    def __init__(self, app: ASGIApp, store: Store, answers: Answers, check_every: float = 1.0) -> None:
        self.app, self.store, self.answers, self.check_every = app, store, answers, check_every
        self.version: Optional[tuple[Any, ...]] = None
        self.checked_at = 0.0

    async def _current(self) -> None:
        """Drop every answer when the store changed since the last look (at most once per check_every)."""
        now = time.monotonic()
        if now - self.checked_at < self.check_every:
            return
        self.checked_at = now
        version = await to_thread.run_sync(store_version, self.store)
        if version != self.version:
            self.answers.clear()
            self.version = version

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or scope["method"] != "GET" or not (path == "/" or path.startswith(CACHED_PREFIXES)):
            await self.app(scope, receive, send)
            return
        await self._current()
        key = (path, scope.get("query_string", b""))
        found = self.answers.get(key)
        if found is not None:
            status, headers, body = found
            await send({"type": "http.response.start", "status": status, "headers": headers})
            await send({"type": "http.response.body", "body": body})
            return
        started: dict[str, Any] = {}
        parts: list[bytes] = []

        async def keep(message: Message) -> None:
            if message["type"] == "http.response.start":
                started.update(status=message["status"], headers=list(message.get("headers", [])))
            elif message["type"] == "http.response.body":
                parts.append(message.get("body", b""))
            await send(message)

        await self.app(scope, receive, keep)
        body = b"".join(parts)
        if started.get("status") == 200:
            self.answers.put(key, (200, started["headers"], body))
