"""Browser tests: Debian's headless Chromium, driven by Playwright's Python client (no browser
download). They skip, saying why, where Chromium or Playwright is absent; CI installs both.

Screenshots go to ``$NEWSGRAPH_SCREENSHOTS`` (``docs/images`` to refresh the documentation's),
else to a temporary folder.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any, Iterator

import pytest

from tests.hostile import hostile_analysis
from tests.synthetic import synthetic_corpus
from tests.web_server import live_server

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")


def chromium_path() -> str | None:
    configured = os.environ.get("NEWSGRAPH_CHROMIUM")
    if configured:
        return configured
    return next((found for name in CHROMIUM_NAMES if (found := shutil.which(name))), None)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    executable = chromium_path()
    if executable is None:
        pytest.skip("no Chromium on this machine (apt-get install chromium; .ci/run installs it)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright's Python client is not installed")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, headless=True,
                                              args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server over 60 synthetic articles and the hostile one."""
    from newsgraph.identity import builder
    from newsgraph.store import open_store

    store = open_store(str(tmp_path_factory.mktemp("web") / "web.db"))
    for analysis in synthetic_corpus(60):
        store.add_analysis(analysis)
    store.add_analysis(hostile_analysis())
    builder.rebuild(store)
    with live_server(store) as url:
        yield url
    store.close()


@pytest.fixture(scope="session")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = Path(os.environ.get("NEWSGRAPH_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page at 1280 x 900 that records script errors and CSP violations."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.errors = []
    tab.on("pageerror", lambda error: tab.errors.append(str(error)))
    tab.on("console", lambda message: tab.errors.append(message.text) if message.type == "error" else None)
    tab.on("dialog", lambda dialog: (tab.errors.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    yield tab
    context.close()
