"""The HTTP API: JSON (and CSV) over the store's read-only queries, plus token-protected writes.

``create_app(db)`` builds the FastAPI application that ``newsgraph serve`` runs; the web pages of
:mod:`newsgraph.web` are mounted on the same application. Every list takes ``limit`` (1 to 1000)
and ``offset`` and comes as ``{"rows": [...], "limit", "offset", "next"}``, or as CSV with
``?format=csv``. Errors are ``{"error": "..."}`` with a 4xx status that says what was wrong.
"""

from __future__ import annotations

import hmac
import os
from typing import Any, Literal, Optional, Union

from fastapi import APIRouter, Depends, FastAPI, Header, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from newsgraph import query
from newsgraph.api.cache import Answers, ResponseCache
from newsgraph.api.output import listing
from newsgraph.api.security import BodySizeLimit, SecurityHeaders
from newsgraph.api.stories import stories_router
from newsgraph.identity import builder as identity
from newsgraph.query import browse
from newsgraph.store import Store, open_store

__all__ = ["create_app", "MAX_BODY_BYTES", "MAX_TEXT_CHARS", "TOKEN_ENV"]

TOKEN_ENV = "NEWSGRAPH_TOKEN"
MAX_BODY_BYTES = 2_000_000  # any request body; larger ones get 413 before they are read
MAX_TEXT_CHARS = 200_000  # article text given to /api/analyze or /api/articles

Limit = Query(50, ge=1, le=browse.MAX_LIMIT, description="Rows per page (1 to 1000).")
Offset = Query(0, ge=0, description="Rows to skip.")
Format = Query("json", description="json, or csv for the same rows as CSV.")
Since = Query(None, alias="from", description="From this date, inclusive: YYYY-MM-DD, YYYY-MM or YYYY.")
Until = Query(None, alias="to", description="Until this date, inclusive: YYYY-MM-DD, YYYY-MM or YYYY.")


class ArticleIn(BaseModel):
    """An article to analyse: its text (or, to store, a URL to read it from) and metadata."""

    text: Optional[str] = Field(None, description="The article text.")
    url: Optional[str] = Field(None, description="Its URL; with no text, POST /api/articles reads the page there.")
    title: Optional[str] = None
    published: Optional[str] = Field(None, description="Publication date, YYYY-MM-DD.")
    source: Optional[str] = None
    id: Optional[str] = Field(None, description="Article id (default: a hash of the text).")


def _store(request: Request) -> Store:
    return request.app.state.store


def _page(request: Request, rows: list[dict[str, Any]], limit: Optional[int], offset: int, fmt: str) -> Response:
    return listing(request, rows, limit=limit, offset=offset, fmt=fmt)


def _check_format(fmt: str) -> str:
    if fmt not in ("json", "csv"):
        raise ValueError(f"format must be json or csv, not {fmt!r}")
    return fmt


def api_router() -> APIRouter:
    """The /api endpoints."""
    router = APIRouter(prefix="/api")

    @router.get("/articles", summary="Articles, newest first, with filters")
    def articles(request: Request, q: Optional[str] = Query(None, description="Full-text query."),
                 since: Optional[str] = Since, until: Optional[str] = Until,
                 source: Optional[str] = None, country: Optional[str] = Query(None, description="ISO2/ISO3 of a place named."),
                 entity: Optional[str] = Query(None, description="Entity name, alias or corpus id."),
                 theme: Optional[str] = None, place: Optional[str] = Query(None, description="GeoNames id or place name."),
                 limit: int = Limit, offset: int = Offset, format: str = Format,
                 tone_min: Optional[float] = Query(None, ge=-100, le=100, description="Tone at least this (docs/tone.md)."),
                 tone_max: Optional[float] = Query(None, ge=-100, le=100, description="Tone at most this.")) -> Response:
        rows = browse.find_articles(_store(request), q=q, since=since, until=until, source=source, country=country,
                                    entity=entity, theme=theme, place=place, limit=limit, offset=offset,
                                    tone_min=tone_min, tone_max=tone_max)
        return _page(request, rows, limit, offset, _check_format(format))

    @router.get("/facets", summary="Top entities, sources, countries and themes of the articles a filter selects")
    def facets(request: Request, q: Optional[str] = None, since: Optional[str] = Since, until: Optional[str] = Until,
               source: Optional[str] = None, country: Optional[str] = None, entity: Optional[str] = None,
               theme: Optional[str] = None, place: Optional[str] = None,
               top: int = Query(10, ge=1, le=100)) -> dict[str, Any]:
        return browse.article_facets(_store(request), q=q, since=since, until=until, source=source, country=country,
                                     entity=entity, theme=theme, place=place, top=top)

    @router.get("/articles/{article_id:path}", summary="One stored analysis (schema v1)")
    def article(request: Request, article_id: str) -> dict[str, Any]:
        return query.article(_store(request), article_id)

    @router.get("/entities", summary="Corpus entities, most mentioned first")
    def entities(request: Request, q: Optional[str] = Query(None, description="Part of the name."),
                 type: Optional[str] = Query(None, description="PERSON, ORG, GPE, ..."),
                 country: Optional[str] = Query(None, description="ISO3."),
                 limit: int = Limit, offset: int = Offset, format: str = Format) -> Response:
        rows = browse.list_entities(_store(request), q=q, type=type, country=country, limit=limit, offset=offset)
        return _page(request, rows, limit, offset, _check_format(format))

    @router.get("/entities/{entity_id:path}", summary="One entity's profile")
    def entity(request: Request, entity_id: str, limit: int = Query(20, ge=1, le=browse.MAX_LIMIT)) -> dict[str, Any]:
        return query.entity_profile(_store(request), entity_id, limit=limit)

    @router.get("/quotes", summary="Quotes, newest first")
    def quotes(request: Request, speaker: Optional[str] = Query(None, description="Name, alias or corpus id."),
               q: Optional[str] = Query(None, description="Full-text query over the quote."),
               medium: Optional[str] = None, since: Optional[str] = Since, until: Optional[str] = Until,
               limit: int = Limit, offset: int = Offset, format: str = Format) -> Response:
        rows = query.find_quotes(_store(request), speaker=speaker, q=q, medium=medium, since=since, until=until,
                                 limit=limit, offset=offset)
        return _page(request, rows, limit, offset, _check_format(format))

    @router.get("/speakers", summary="Speakers by number of quotes")
    def speakers(request: Request, q: Optional[str] = None, limit: int = Query(20, ge=1, le=browse.MAX_LIMIT),
                 format: str = Format) -> Response:
        rows = browse.top_speakers(_store(request), q=q, limit=limit)
        return _page(request, rows, None, 0, _check_format(format))

    @router.get("/events", summary="Events, newest first")
    def events(request: Request,
               source: Optional[str] = Query(None, description="Source actor: CAMEO code prefix, entity id or name."),
               target: Optional[str] = Query(None, description="Target actor: CAMEO code prefix, entity id or name."),
               code: Optional[str] = Query(None, description="CAMEO code; a prefix matches the codes under it."),
               root: Optional[str] = None, quad_class: Optional[int] = Query(None, ge=1, le=4),
               since: Optional[str] = Since, until: Optional[str] = Until,
               limit: int = Limit, offset: int = Offset, format: str = Format) -> Response:
        rows = query.find_events(_store(request), source=source, target=target, code=code, root=root,
                                 quad_class=quad_class, since=since, until=until, limit=limit, offset=offset)
        return _page(request, rows, limit, offset, _check_format(format))

    @router.get("/events/timeline", summary="Events and mean Goldstein score per period")
    def events_timeline(request: Request, source: Optional[str] = None, target: Optional[str] = None,
                        code: Optional[str] = None, root: Optional[str] = None,
                        quad_class: Optional[int] = Query(None, ge=1, le=4),
                        since: Optional[str] = Since, until: Optional[str] = Until,
                        interval: Literal["day", "week", "month"] = "day", format: str = Format) -> Response:
        rows = browse.event_timeline(_store(request), source=source, target=target, code=code, root=root,
                                     quad_class=quad_class, since=since, until=until, interval=interval)
        return _page(request, rows, None, 0, _check_format(format))

    @router.get("/places", summary="Geocoded places as points with article counts")
    def places(request: Request, q: Optional[str] = None, since: Optional[str] = Since, until: Optional[str] = Until,
               country: Optional[str] = None, limit: int = Query(browse.MAX_LIMIT, ge=1, le=browse.MAX_LIMIT),
               offset: int = Offset, format: str = Format) -> Response:
        rows = browse.place_points(_store(request), q=q, since=since, until=until, country=country,
                                   limit=limit, offset=offset)
        return _page(request, rows, limit, offset, _check_format(format))

    @router.get("/timeline", summary="Articles and mentions over time, per source")
    def timeline(request: Request, q: Optional[str] = None, entity: Optional[str] = None,
                 interval: Literal["day", "week", "month"] = "day", since: Optional[str] = Since,
                 until: Optional[str] = Until, source: Optional[str] = None, format: str = Format) -> Response:
        rows = browse.timeline(_store(request), q=q, entity=entity, interval=interval, since=since, until=until,
                               source=source)
        return _page(request, rows, None, 0, _check_format(format))

    @router.post("/analyze", summary="Analyse a text; nothing is stored")
    async def analyze(request: Request, article: ArticleIn) -> dict[str, Any]:
        if not article.text or not article.text.strip():
            raise ValueError("text is required and must not be empty")
        return await run_in_threadpool(_analysis, request.app, article)

    @router.post("/articles", status_code=201, summary="Analyse and store an article (needs the token)")
    async def add_article(request: Request, article: ArticleIn,
                          _auth: None = Depends(require_token)) -> Response:
        if not (article.text and article.text.strip()) and not article.url:
            raise ValueError("give text, or a url to read the article from")
        if not (article.text and article.text.strip()):
            article = await run_in_threadpool(_read_url, article)
        result = await run_in_threadpool(_analysis, request.app, article)
        store = _store(request)
        stored = await run_in_threadpool(store.add_analysis, result, origin=article.url or "api")
        if stored:
            await run_in_threadpool(identity.rebuild, store, only_if_stale=True)  # the new entities, across articles
            request.app.state.answers.clear()
        article_id = result["article"]["id"]
        body = {"id": article_id, "stored": stored, "analysis": f"/api/articles/{article_id}",
                "page": f"/articles/{article_id}"}
        return JSONResponse(body, status_code=201 if stored else 200)

    return router


def require_token(request: Request, authorization: Optional[str] = Header(None)) -> None:
    """Writes need the server's token (NEWSGRAPH_TOKEN) as ``Authorization: Bearer <token>``."""
    token = request.app.state.token
    if not token:
        raise HTTPException(403, f"writes are disabled: start the server with {TOKEN_ENV} set to enable them")
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise HTTPException(401, "a valid 'Authorization: Bearer <token>' header is needed",
                            headers={"WWW-Authenticate": "Bearer"})


def _analysis(app: FastAPI, article: ArticleIn) -> dict[str, Any]:
    """The analysis of an article, by the default pipeline (loaded on first use: it takes seconds)."""
    from newsgraph.pipeline import analyze  # lazy: importing spaCy costs seconds the read-only API never needs

    text = article.text or ""
    if len(text) > app.state.max_text_chars:
        raise ValueError(f"text is {len(text):,} characters; the limit is {app.state.max_text_chars:,}")
    if "\x00" in text:
        raise ValueError("text contains a NUL character")
    result = analyze(text, published=article.published, source=article.source, url=article.url,
                     title=article.title, id=article.id)
    return result.to_dict()


def _read_url(article: ArticleIn) -> ArticleIn:
    """The article text and metadata read from its URL (an HTML page), or a clear error."""
    from newsgraph.ingest.fetch import FetchError, fetch
    from newsgraph.ingest.readers import ReadOptions, read_html

    try:
        response = fetch(article.url or "", timeout=20.0, retries=1, max_bytes=MAX_BODY_BYTES * 5)
    except FetchError as error:
        raise UpstreamError(f"{article.url}: {error.message}") from error
    item = next(read_html(response.data, response.url, ReadOptions(), url=response.url, id=article.id), None)
    if item is None or item.record is None:
        message = item.error[1] if item is not None and item.error else "no article found"
        raise UpstreamError(f"{article.url}: {message}")
    record = item.record
    return ArticleIn(text=record["text"], url=record.get("url") or article.url,
                     title=article.title or record.get("title"), published=article.published or record.get("published"),
                     source=article.source or record.get("source"), id=article.id)


class UpstreamError(Exception):
    """A URL given to read could not be fetched or held no article."""


def _error(status: int, message: str, **extra: Any) -> JSONResponse:
    return JSONResponse({"error": message, **extra}, status_code=status)


def _validation_message(error: RequestValidationError) -> str:
    parts = []
    for problem in error.errors():
        where = ".".join(str(p) for p in problem.get("loc", ()) if p not in ("query", "body", "path"))
        parts.append(f"{where or 'request'}: {problem.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Request, error: RequestValidationError) -> JSONResponse:
        return _error(400, _validation_message(error))

    @app.exception_handler(LookupError)
    async def not_found(_request: Request, error: LookupError) -> JSONResponse:
        return _error(404, str(error.args[0]) if error.args else "not found")

    @app.exception_handler(ValueError)
    async def bad_value(_request: Request, error: ValueError) -> JSONResponse:
        return _error(400, str(error))

    @app.exception_handler(UpstreamError)
    async def upstream(_request: Request, error: UpstreamError) -> JSONResponse:
        return _error(502, str(error))

    @app.exception_handler(HTTPException)
    async def http_error(_request: Request, error: HTTPException) -> JSONResponse:
        return JSONResponse({"error": error.detail}, status_code=error.status_code, headers=error.headers)


def create_app(db: Union[str, Store], *, token: Optional[str] = None, max_body_bytes: int = MAX_BODY_BYTES,
               max_text_chars: int = MAX_TEXT_CHARS, pages: bool = True, cache: bool = True) -> FastAPI:
    """The application over a store (a URL or path, or an open :class:`Store`).

    Args:
        token: enables the write endpoints, which then need ``Authorization: Bearer <token>``;
            default: the ``NEWSGRAPH_TOKEN`` environment variable; unset, writes are refused.
        max_body_bytes: largest request body accepted (413 beyond).
        max_text_chars: longest article text analysed.
        pages: also serve the web pages (``newsgraph.web``).
        cache: keep GET answers until the store changes (:mod:`newsgraph.api.cache`).
    """
    from starlette.exceptions import HTTPException as StarletteHTTPException

    store = db if isinstance(db, Store) else open_store(db)
    app = FastAPI(title="newsgraph", version="1", docs_url=None, redoc_url=None,
                  description="An evidence-first news knowledge base: every row carries its article and span.")
    app.state.store = store
    app.state.token = token if token is not None else os.environ.get(TOKEN_ENV) or None
    app.state.max_text_chars = max_text_chars
    _install_error_handlers(app)

    @app.exception_handler(StarletteHTTPException)
    async def starlette_error(request: Request, error: StarletteHTTPException) -> Response:
        if pages and not request.url.path.startswith("/api/") and error.status_code == 404:
            from newsgraph.web.pages import not_found_page

            return not_found_page(request, str(error.detail))
        return JSONResponse({"error": error.detail}, status_code=error.status_code, headers=error.headers)

    app.include_router(stories_router())  # before api_router: /api/events/canonical is not an event id
    app.include_router(api_router())
    if pages:
        from newsgraph.web.pages import install

        install(app)
    app.state.answers = Answers()
    app.add_middleware(BodySizeLimit, max_bytes=max_body_bytes)
    if cache:
        app.add_middleware(ResponseCache, store=store, answers=app.state.answers)
    app.add_middleware(SecurityHeaders)
    return app
