"""Shared fixtures: the pipeline (loaded once), the seed example and the development gold data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
EVAL_DIR = SHARED / "eval"
SEED_DIR = SHARED / "examples" / "seed"


def shared_file(*parts: str) -> Path:
    """A path under ../shared; the test is skipped, saying so, where it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: this test needs the shared gold data beside the repository")
    return path


@pytest.fixture(scope="session")
def nlp():
    from newsgraph.pipeline import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def seed_expected() -> dict:
    return json.loads(shared_file("examples", "seed", "expected.json").read_text("utf-8"))


@pytest.fixture(scope="session")
def seed_analysis(nlp, seed_expected):
    """The analysis of the seed article, published 2019-04-07 (skipped where ../shared is absent)."""
    from newsgraph.pipeline import analyze

    text = shared_file("examples", "seed", "article.txt").read_text("utf-8")
    return analyze(text, published=seed_expected["published"], source=seed_expected["source"], nlp=nlp)


def mention_texts(entity) -> list[str]:
    return [mention.text for mention in entity.mentions]
