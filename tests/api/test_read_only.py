"""The API's GET endpoints and the pages only read: every table is the same before and after them,
with the identity current or stale."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from newsgraph.api import create_app
from newsgraph.identity import builder
from tests.api.conftest import BACKENDS, CORPUS
from tests.query.test_read_only import _checksum
from tests.store_testing import temporary_store

READS = ["/api/articles?q=talks", "/api/articles?entity=Merkel&country=IRN", "/api/facets?source=AP",
         f"/api/articles/{CORPUS[0]['article']['id']}", "/api/entities?type=PERSON", "/api/entities/Khamenei",
         "/api/quotes?speaker=Rohani&q=talks", "/api/speakers", "/api/events?source=IRN&target=Merkel&code=0",
         "/api/events/timeline?interval=week", "/api/places", "/api/timeline?entity=Merkel&interval=month",
         "/", "/?q=talks&source=AP", f"/articles/{CORPUS[0]['article']['id']}", "/entities/Khamenei", "/entities",
         "/quotes?speaker=Rohani", "/events?source=IRN", "/map", "/docs", "/openapi.json"]


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("stale", [False, True], ids=["identity current", "identity stale"])
def test_reads_change_no_row(backend, stale, tmp_path):
    with temporary_store(backend, tmp_path) as store:
        for analysis in CORPUS[:-5]:
            store.add_analysis(analysis)
        builder.rebuild(store)
        if stale:
            for analysis in CORPUS[-5:]:
                store.add_analysis(analysis)
        client = TestClient(create_app(store))
        before = _checksum(store)
        for url in READS:
            assert client.get(url).status_code == 200, url
        assert _checksum(store) == before
        assert builder.is_stale(store) is stale
