"""newsgraph.api: the HTTP API over the store (FastAPI), served by ``newsgraph serve``.

    >>> from newsgraph.api import create_app
    >>> app = create_app("newsgraph.db")       # read-only; NEWSGRAPH_TOKEN set enables writes
"""

from newsgraph.api.app import MAX_BODY_BYTES, MAX_TEXT_CHARS, TOKEN_ENV, create_app

__all__ = ["MAX_BODY_BYTES", "MAX_TEXT_CHARS", "TOKEN_ENV", "create_app"]
