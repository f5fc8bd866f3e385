"""API tests run in process (FastAPI's TestClient over httpx) against a store of synthetic
analyses plus one hostile article; on SQLite, and on PostgreSQL too when NEWSGRAPH_TEST_POSTGRES
is set (in a schema of its own, dropped afterwards)."""

from __future__ import annotations

from typing import Any, Iterator

import pytest
from fastapi.testclient import TestClient

from newsgraph.api import create_app
from newsgraph.identity import builder
from tests.hostile import hostile_analysis
from tests.store_testing import postgres_url, temporary_store
from tests.synthetic import synthetic_corpus

BACKENDS = ["sqlite"] + (["postgresql"] if postgres_url() else [])
CORPUS = list(synthetic_corpus(60, seed=3))
THEMED = CORPUS[0]["article"]["id"]


def _with_later_stages(analysis: dict[str, Any]) -> dict[str, Any]:
    """The analysis with a tone, a theme (evidenced by its first quote) and a summary, as the later stages add."""
    quote = analysis["quotes"][0] if analysis["quotes"] else analysis["entities"][0]["mentions"][0]
    return {**analysis, "tone": {"tone": -2.5, "positive": 1.5, "negative": 4.0, "polarity": 5.5, "word_count": 80},
            "themes": [{"theme": "ECON_INFLATION", "score": 0.75, "spans": [quote["span"]]}], "summary": [0]}


CORPUS[0] = _with_later_stages(CORPUS[0])
TOKEN = "test-token-123"


@pytest.fixture(scope="module", params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    with temporary_store(request.param, tmp_path_factory.mktemp("api")) as opened:
        for analysis in CORPUS:
            opened.add_analysis(analysis)
        opened.add_analysis(hostile_analysis())
        builder.rebuild(opened)  # identity is the stage after storing, as `newsgraph ingest` runs it
        yield opened


@pytest.fixture(scope="module")
def client(store: Any) -> TestClient:
    """Read-only, as ``newsgraph serve`` starts without NEWSGRAPH_TOKEN."""
    return TestClient(create_app(store, token=""))


@pytest.fixture(scope="module")
def writer(store: Any) -> TestClient:
    return TestClient(create_app(store, token=TOKEN, max_body_bytes=50_000, max_text_chars=20_000))
