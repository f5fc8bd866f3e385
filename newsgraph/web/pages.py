"""The web pages: server-rendered with Jinja2 (autoescaped), each linking its JSON twin.

Pages read the store through the same query functions as the API; the little JavaScript they have
(``static/app.js``) draws charts and the map from the JSON endpoints and selects evidence on click.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any, Optional
from urllib.parse import urlencode

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape

from newsgraph import query
from newsgraph.query import browse
from newsgraph.query import stories as across
from newsgraph.query.queries import duplicate_of
from newsgraph.web.highlight import FACT_KINDS, article_facts, segments

__all__ = ["install", "not_found_page", "page_router"]

HERE = Path(__file__).resolve().parent
PAGE_SIZE = 20
SAFE_SCHEMES = ("http://", "https://")

templates = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(default=True),
                        trim_blocks=True, lstrip_blocks=True)


def _safe_url(url: Optional[str]) -> Optional[str]:
    """A link target only when it is http(s): never ``javascript:`` or ``data:`` from stored data."""
    return url if isinstance(url, str) and url.lower().startswith(SAFE_SCHEMES) else None


def _link(path: str, **params: Any) -> str:
    """``path`` with the non-empty ``params`` as its query string."""
    kept = {key: value for key, value in params.items() if value not in (None, "")}
    return path + ("?" + urlencode(kept) if kept else "")


templates.globals.update(link=_link, safe_url=_safe_url)


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    html = templates.get_template(name).render(request=request, path=request.url.path, **context)
    return HTMLResponse(html, status_code=status)


def not_found_page(request: Request, message: str) -> HTMLResponse:
    return render(request, "error.html", status=404, title="Not found", message=message)


def _error_page(request: Request, error: Exception) -> HTMLResponse:
    status = 404 if isinstance(error, LookupError) else 400
    message = str(error.args[0]) if error.args else str(error)
    return render(request, "error.html", status=status, title="Not found" if status == 404 else "Bad request",
                  message=message)


def _store(request: Request) -> Any:
    return request.app.state.store


def _params(request: Request, names: tuple[str, ...]) -> dict[str, Optional[str]]:
    return {name: (request.query_params.get(name) or None) for name in names}


def _offset(request: Request) -> int:
    value = request.query_params.get("offset") or "0"
    if not value.isdigit():
        raise ValueError(f"offset must be a whole number, not {value!r}")
    return int(value)


SEARCH_FILTERS = ("q", "from", "to", "source", "country", "entity", "theme", "place")


def search_page(request: Request) -> Response:
    filters = _params(request, SEARCH_FILTERS)
    try:
        offset = _offset(request)
        arguments = {"q": filters["q"], "since": filters["from"], "until": filters["to"], "source": filters["source"],
                     "country": filters["country"], "entity": filters["entity"], "theme": filters["theme"],
                     "place": filters["place"]}
        rows = browse.find_articles(_store(request), **arguments, limit=PAGE_SIZE, offset=offset)
        facets = browse.article_facets(_store(request), **arguments, top=10)
    except (ValueError, LookupError) as error:
        return _error_page(request, error)
    active = {key: value for key, value in filters.items() if value}
    timeline_params = {key: active.get(key) for key in ("q", "from", "to", "source")}
    if filters["entity"]:
        timeline_params["entity"] = filters["entity"]
    return render(request, "search.html", title="Search", filters=filters, active=active, rows=rows, facets=facets,
                  offset=offset, page_size=PAGE_SIZE,
                  json_url=_link("/api/articles", **active, limit=PAGE_SIZE, offset=offset or None),
                  facets_url=_link("/api/facets", **active),
                  timeline_url=_link("/api/timeline", **timeline_params, interval="day"))


def article_page(request: Request, article_id: str) -> Response:
    store = _store(request)
    try:
        analysis = query.article(store, article_id)
        corpus_ids = browse.article_entity_ids(store, article_id)
        original = duplicate_of(store, article_id)
    except (ValueError, LookupError) as error:
        return _error_page(request, error)
    article = analysis.get("article") or {}
    facts = article_facts(analysis, corpus_ids)
    linked = _linked_span(request, len(article.get("text") or ""))
    if linked:  # the evidence a link pointed at (a search match, an example mention): cut out and selected
        facts.append({"id": "s0", "kind": "link", "start": linked[0], "end": linked[1], "label": "the linked evidence",
                      "detail": None, "group": None, "css": "f-link"})
    by_kind = {kind: [fact for fact in facts if fact["kind"] == kind] for kind in FACT_KINDS}
    by_kind["quote"] = _quote_panel(by_kind["quote"])
    entities = _entity_panel(by_kind["entity"])
    return render(request, "article.html", title=article.get("title") or article.get("id"), article=article,
                  analysis=analysis, pieces=segments(article.get("text") or "", facts), by_kind=by_kind,
                  entities=entities, extras=_analysis_extras(analysis), original=original,
                  json_url=f"/api/articles/{article_id}")


def _linked_span(request: Request, length: int) -> Optional[tuple[int, int]]:
    """``?span=START-END`` of a link into the article, when it lies within the text."""
    value = request.query_params.get("span") or ""
    start, _, end = value.partition("-")
    if not (start.isdigit() and end.isdigit()) or not 0 <= int(start) < int(end) <= length:
        return None
    return int(start), int(end)


def _quote_panel(pieces: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One side-panel row per quote: a quote in parts is listed once, selecting all its parts."""
    rows: dict[str, dict[str, Any]] = {}
    for piece in pieces:
        key = piece.get("group") or piece["id"]
        if key not in rows:
            rows[key] = {**piece, "id": key, "text": piece.get("whole") or piece["text"]}
    return list(rows.values())


def _entity_panel(mentions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One side-panel row per entity of the article, with its mentions' count, in order of first mention."""
    rows: dict[str, dict[str, Any]] = {}
    for mention in mentions:
        row = rows.setdefault(mention["group"], {"group": mention["group"], "name": mention["name"],
                                                 "type": mention["type"], "role": mention["detail"],
                                                 "corpus_id": mention["corpus_id"], "mentions": 0,
                                                 "css": mention["css"]})
        row["mentions"] += 1
    return list(rows.values())


def _analysis_extras(analysis: dict[str, Any]) -> dict[str, Any]:
    """Article-level results of the later stages, where the stored analysis has them: the summary
    (its sentences' text), the tone and the themes (with their scores)."""
    article = analysis.get("article") or {}
    text, sentences = article.get("text") or "", article.get("sentences") or []
    shown: dict[str, Any] = {}
    summary = [sentences[i] for i in analysis.get("summary") or [] if isinstance(i, int) and 0 <= i < len(sentences)]
    if summary:
        shown["summary"] = " ".join(text[start:end] for start, end in summary)
    tone = analysis.get("tone")
    if isinstance(tone, dict) and tone.get("tone") is not None:
        shown["tone"] = {key: tone[key] for key in ("tone", "positive", "negative", "polarity", "word_count") if key in tone}
    themes = [theme for theme in analysis.get("themes") or [] if isinstance(theme, dict) and theme.get("theme")]
    if themes:
        shown["themes"] = [{"theme": t["theme"], "score": t.get("score"), "group": f"th-{n}"} for n, t in enumerate(themes)]
    return shown


def entity_page(request: Request, entity_id: str) -> Response:
    try:
        profile = query.entity_profile(_store(request), entity_id, limit=20)
    except (ValueError, LookupError) as error:
        return _error_page(request, error)
    entity = profile["entity"]
    return render(request, "entity.html", title=entity["name"], profile=profile, entity=entity,
                  network=_network(entity, profile["co_occurring"][:12]),
                  json_url=f"/api/entities/{entity['id']}",
                  timeline_url=_link("/api/timeline", entity=entity["id"], interval="day"))


def _network(entity: dict[str, Any], others: list[dict[str, Any]], size: int = 520) -> dict[str, Any]:
    """A co-mention star: the entity in the middle, the entities sharing its articles around it,
    line width by shared articles. Laid out here so the page needs no script for it."""
    middle = size / 2
    radius = size / 2 - 120  # room for the names around the circle
    most = max((other["articles"] for other in others), default=1)
    nodes = []
    for number, other in enumerate(others):
        angle = 2 * math.pi * number / max(len(others), 1) - math.pi / 2
        nodes.append({**other, "x": round(middle + radius * math.cos(angle), 1), "y": round(middle + radius * math.sin(angle), 1),
                      "width": round(1 + 5 * other["articles"] / most, 1),
                      "anchor": "start" if math.cos(angle) > 0.3 else "end" if math.cos(angle) < -0.3 else "middle"})
    return {"size": size, "middle": middle, "entity": entity, "nodes": nodes}


def entities_page(request: Request) -> Response:
    filters = _params(request, ("q", "type", "country"))
    try:
        offset = _offset(request)
        rows = browse.list_entities(_store(request), **filters, limit=50, offset=offset)
    except (ValueError, LookupError) as error:
        return _error_page(request, error)
    active = {key: value for key, value in filters.items() if value}
    return render(request, "entities.html", title="Entities", filters=filters, rows=rows, offset=offset, page_size=50,
                  active=active, json_url=_link("/api/entities", **active, offset=offset or None))


def quotes_page(request: Request) -> Response:
    filters = _params(request, ("speaker", "q", "medium", "from", "to"))
    try:
        offset = _offset(request)
        rows = query.find_quotes(_store(request), speaker=filters["speaker"], q=filters["q"], medium=filters["medium"],
                                 since=filters["from"], until=filters["to"], limit=50, offset=offset)
        speakers = browse.top_speakers(_store(request), limit=25)
    except (ValueError, LookupError) as error:
        return _error_page(request, error)
    active = {key: value for key, value in filters.items() if value}
    return render(request, "quotes.html", title="Quotes", filters=filters, rows=rows, speakers=speakers,
                  offset=offset, page_size=50, active=active,
                  json_url=_link("/api/quotes", **active, offset=offset or None))


EVENT_FILTERS = ("source", "target", "code", "root", "quad_class", "from", "to")


def events_page(request: Request) -> Response:
    filters = _params(request, EVENT_FILTERS)
    try:
        offset = _offset(request)
        quad = filters["quad_class"]
        if quad is not None and quad not in ("1", "2", "3", "4"):
            raise ValueError(f"quad_class must be 1, 2, 3 or 4, not {quad!r}")
        arguments = {"source": filters["source"], "target": filters["target"], "code": filters["code"],
                     "root": filters["root"], "quad_class": int(quad) if quad else None,
                     "since": filters["from"], "until": filters["to"]}
        rows = query.find_events(_store(request), **arguments, limit=50, offset=offset)
    except (ValueError, LookupError) as error:
        return _error_page(request, error)
    active = {key: value for key, value in filters.items() if value}
    return render(request, "events.html", title="Events", filters=filters, rows=rows, offset=offset, page_size=50,
                  active=active, json_url=_link("/api/events", **active, offset=offset or None),
                  timeline_url=_link("/api/events/timeline", **active, interval="day"))


def map_page(request: Request) -> Response:
    filters = _params(request, ("q", "from", "to", "country"))
    active = {key: value for key, value in filters.items() if value}
    return render(request, "map.html", title="Map", filters=filters, active=active,
                  json_url=_link("/api/places", **active))


def docs_page(request: Request) -> Response:
    return render(request, "docs.html", title="API", json_url="/openapi.json")


STORIES_PAGE_SIZE = 50


def stories_page(request: Request) -> Response:
    """Stories: the reports of one happening across sources, largest first."""
    filters = _params(request, ("from", "to", "min_articles"))
    try:
        offset = _offset(request)
        minimum = int(filters["min_articles"] or 2)
        if minimum < 1:
            raise ValueError("min_articles must be 1 or more")
        rows = across.find_stories(_store(request), since=filters["from"], until=filters["to"], min_articles=minimum,
                                   limit=STORIES_PAGE_SIZE, offset=offset)
    except (ValueError, LookupError) as error:
        return _error_page(request, error)
    active = {key: value for key, value in filters.items() if value}
    return render(request, "stories.html", title="Stories", filters=filters, rows=rows, offset=offset,
                  page_size=STORIES_PAGE_SIZE, active=active,
                  json_url=_link("/api/stories", **active, offset=offset or None))


def story_page(request: Request, story_id: str) -> Response:
    """One story: its reports with why each is there, and the numbers its outlets report."""
    try:
        story = across.story(_store(request), story_id)
        claims = [claim for claim in across.find_claims(_store(request), limit=1000) if claim["story"] == story_id]
    except (ValueError, LookupError) as error:
        return _error_page(request, error)
    return render(request, "story.html", title=story["title"] or story_id, story=story, claims=claims,
                  json_url=f"/api/stories/{story_id}")


def page_router() -> APIRouter:
    router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
    router.add_api_route("/", search_page, methods=["GET"])
    router.add_api_route("/articles/{article_id:path}", article_page, methods=["GET"])
    router.add_api_route("/entities", entities_page, methods=["GET"])
    router.add_api_route("/entities/{entity_id:path}", entity_page, methods=["GET"])
    router.add_api_route("/quotes", quotes_page, methods=["GET"])
    router.add_api_route("/events", events_page, methods=["GET"])
    router.add_api_route("/stories", stories_page, methods=["GET"])
    router.add_api_route("/stories/{story_id}", story_page, methods=["GET"])
    router.add_api_route("/map", map_page, methods=["GET"])
    router.add_api_route("/docs", docs_page, methods=["GET"])
    return router


def install(app: FastAPI) -> None:
    """Add the pages and the static files (/static) to the application."""
    app.include_router(page_router())
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
