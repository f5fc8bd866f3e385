"""List responses: ``{"rows", "limit", "offset", "next"}`` as JSON, or the rows as CSV."""

from __future__ import annotations

import csv
import io
import json
from typing import Any, Optional

from fastapi import Request
from fastapi.responses import JSONResponse, Response

__all__ = ["listing", "to_csv"]


def _cell(value: Any) -> Any:
    """A CSV cell: lists and objects as JSON, missing values empty."""
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value


def to_csv(rows: list[dict[str, Any]]) -> str:
    """Rows as CSV with a header line; the columns are the union of the rows' keys, in order."""
    columns: dict[str, None] = {}
    for row in rows:
        columns.update(dict.fromkeys(row))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: _cell(value) for key, value in row.items()})
    return out.getvalue()


def listing(request: Request, rows: list[dict[str, Any]], *, limit: Optional[int], offset: int, fmt: str) -> Response:
    """One page of rows. ``limit`` None: the rows are complete (no paging, ``next`` is null);
    otherwise ``next`` is the URL of the following page when this one was full."""
    if fmt == "csv":
        return Response(to_csv(rows), media_type="text/csv; charset=utf-8")
    following = None
    if limit is not None and len(rows) == limit:
        following = str(request.url.include_query_params(offset=offset + limit))
    return JSONResponse({"rows": rows, "limit": limit, "offset": offset, "next": following})
