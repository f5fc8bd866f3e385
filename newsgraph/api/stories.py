"""The /api endpoints across sources: stories, claims that disagree, retold quotes, canonical events."""

from __future__ import annotations

from typing import Any, Optional

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from newsgraph.api.output import listing
from newsgraph.query import stories as across
from newsgraph.query.browse import MAX_LIMIT

__all__ = ["stories_router"]

Limit = Query(50, ge=1, le=MAX_LIMIT, description="Rows per page (1 to 1000).")
Offset = Query(0, ge=0, description="Rows to skip.")
Format = Query("json", pattern="^(json|csv)$", description="json, or csv for the same rows as CSV.")
Since = Query(None, alias="from", description="From this date, inclusive: YYYY-MM-DD, YYYY-MM or YYYY.")
Until = Query(None, alias="to", description="Until this date, inclusive: YYYY-MM-DD, YYYY-MM or YYYY.")


def _flat(rows: list[dict[str, Any]], fmt: str, lists: tuple[str, ...]) -> list[dict[str, Any]]:
    """For CSV, nested lists become counts (the JSON keeps them whole)."""
    if fmt != "csv":
        return rows
    return [{**row, **{name: len(row[name]) for name in lists if name in row}} for row in rows]


def stories_router() -> APIRouter:
    router = APIRouter(prefix="/api")

    @router.get("/stories", summary="Stories: the reports of one happening, largest first")
    def stories(request: Request, since: Optional[str] = Since, until: Optional[str] = Until,
                min_articles: int = Query(2, ge=1), limit: int = Limit, offset: int = Offset,
                format: str = Format) -> Response:
        rows = across.find_stories(request.app.state.store, since=since, until=until, min_articles=min_articles,
                                   limit=limit, offset=offset)
        return listing(request, _flat(rows, format, ("articles", "sources", "reasons")), limit=limit,
                       offset=offset, fmt=format)

    @router.get("/stories/{story_id}", summary="One story: its articles and why each is there")
    def story(request: Request, story_id: str) -> dict[str, Any]:
        return across.story(request.app.state.store, story_id)

    @router.get("/claims", summary="Numeric claims compared across outlets within a story")
    def claims(request: Request, disagree: bool = Query(False, description="Only claims whose values differ."),
               min_outlets: int = Query(2, ge=1), limit: int = Limit, format: str = Format) -> Response:
        rows = across.find_claims(request.app.state.store, disagree=disagree, min_outlets=min_outlets, limit=limit)
        return listing(request, _flat(rows, format, ("values",)), limit=None, offset=0, fmt=format)

    @router.get("/quotes/reused", summary="Quotes found in several articles, earliest report first")
    def reused_quotes(request: Request, speaker: Optional[str] = Query(None, description="Part of the speaker's name."),
                      limit: int = Limit, format: str = Format) -> Response:
        rows = across.reused_quotes(request.app.state.store, speaker=speaker, limit=limit)
        return listing(request, _flat(rows, format, ("reports",)), limit=None, offset=0, fmt=format)

    @router.get("/events/canonical", summary="One event per happening, with GDELT's mention, article and source counts")
    def canonical_events(request: Request, root: Optional[str] = Query(None, pattern="^[0-9]{2}$"),
                         actor: Optional[str] = Query(None, description="CAMEO actor code prefix, source or target."),
                         since: Optional[str] = Since, until: Optional[str] = Until, limit: int = Limit,
                         format: str = Format) -> Response:
        rows = across.find_canonical_events(request.app.state.store, root=root, actor=actor, since=since,
                                            until=until, limit=limit)
        return listing(request, _flat(rows, format, ("mentions",)), limit=None, offset=0, fmt=format)

    return router
