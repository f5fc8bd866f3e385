"""The README's promise: `newsgraph ingest examples/ --db newsgraph.db` then `newsgraph serve --db
newsgraph.db` shows the examples in a browser, every fact marked in its article."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph.cli import cli
from tests.web_server import live_server

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.mark.model
def test_the_examples_in_a_browser(page, tmp_path, nlp, shots):
    from newsgraph.store import open_store

    db = tmp_path / "newsgraph.db"
    result = CliRunner().invoke(cli, ["ingest", str(EXAMPLES), "--db", str(db), "--processes", "1", "--no-summary"])
    assert result.exit_code == 0, result.output
    with open_store(str(db)) as store, live_server(store) as site:
        originals = len(store.article_ids(include_duplicates=False))
        page.goto(site + "/")
        assert page.locator("li.article-row").count() == originals > 0
        page.locator("a.title").first.click()
        page.wait_for_selector("#article-text")
        assert page.locator("#article-text .f-entity").count() > 0
        button = page.locator(".fact-panel button.f-quote").first
        button.click()
        assert page.locator("#article-text .selected").count() > 0
        page.screenshot(path=str(shots / "web-examples-article.png"))
        assert page.errors == []
