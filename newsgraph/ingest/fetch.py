"""HTTP fetching for ``newsgraph ingest URL``: timeouts, retries with backoff, a size cap, a clear user agent."""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from typing import Protocol


def _version() -> str:
    try:
        return version("newsgraph")
    except PackageNotFoundError:
        return "dev"


USER_AGENT = f"newsgraph/{_version()} (news article ingest; python-urllib)"
RETRY_STATUS = {408, 425, 429, 500, 502, 503, 504}
CHUNK = 65536


class FetchError(Exception):
    """A URL could not be fetched; ``code`` is the failure code stored for it."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass
class Response:
    url: str  # after redirects
    content_type: str
    data: bytes


def fetch(url: str, *, timeout: float = 20.0, retries: int = 2, max_bytes: int = 20_000_000, backoff: float = 0.5) -> Response:
    """GET ``url``. Retries timeouts, connection errors and 408/429/5xx ``retries`` times, waiting
    ``backoff`` seconds, then twice that, and so on. Raises :class:`FetchError`."""
    if not url.lower().startswith(("http://", "https://")):
        raise FetchError("bad_url", f"not an http(s) URL: {url}")
    for attempt in range(retries + 1):
        try:
            return _get(url, timeout, max_bytes)
        except FetchError as error:
            if error.code != "retryable" or attempt == retries:
                if error.code == "retryable":
                    error.code = "fetch_failed"
                    error.message += f" (after {retries + 1} tries)"
                raise
        time.sleep(backoff * 2**attempt)
    raise AssertionError("unreachable")


def _get(url: str, timeout: float, max_bytes: int) -> Response:
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise FetchError("too_large", f"response of {int(length):,} bytes is over the limit of {max_bytes:,}")
            data = _read_capped(response, max_bytes)
            return Response(response.geturl(), response.headers.get("Content-Type", ""), data)
    except urllib.error.HTTPError as error:
        code = "retryable" if error.code in RETRY_STATUS else "http_error"
        raise FetchError(code, f"HTTP {error.code} {error.reason}") from None
    except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise FetchError("retryable", f"{type(error).__name__}: {reason}") from None


class _Readable(Protocol):
    def read(self, size: int, /) -> bytes: ...


def _read_capped(response: _Readable, max_bytes: int) -> bytes:
    parts, size = [], 0
    while chunk := response.read(CHUNK):
        size += len(chunk)
        if size > max_bytes:
            raise FetchError("too_large", f"response is over the limit of {max_bytes:,} bytes")
        parts.append(chunk)
    return b"".join(parts)
