"""`newsgraph articles`: articles by theme and tone, with evidence and summaries, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from newsgraph.cli import cli
from newsgraph.query.articles import find_articles
from tests.store_testing import BACKENDS, postgres_url, temporary_store
from tests.synthetic import synthetic_analysis


def _analysis(index: int, tone: float, themes: list[tuple[str, float]]) -> dict:
    analysis = synthetic_analysis(index, seed=4)
    analysis["article"]["published"] = f"1987-03-{index + 10:02d}"
    first_sentence = analysis["article"]["sentences"][0]
    analysis["tone"] = {"tone": tone, "positive": max(tone, 0) + 1, "negative": max(-tone, 0) + 1,
                        "polarity": abs(tone) + 2, "activity_density": 10.0, "self_group_density": 1.0,
                        "word_count": 40}
    analysis["themes"] = [{"theme": name, "score": score, "spans": [[first_sentence[0], first_sentence[0] + 5]]}
                          for name, score in themes]
    analysis["summary"] = [0]
    return analysis


@pytest.fixture(params=BACKENDS)
def store(request, tmp_path):
    if request.param == "postgresql" and postgres_url() is None:
        pytest.skip("NEWSGRAPH_TEST_POSTGRES is unset")
    with temporary_store(request.param, tmp_path) as opened:
        opened.add_analysis(_analysis(0, -6.5, [("PROTEST", 0.8), ("ARMEDCONFLICT", 0.6)]))
        opened.add_analysis(_analysis(1, 2.0, [("PROTEST", 0.55)]))
        opened.add_analysis(_analysis(2, 0.5, [("ECON_MERGERS", 0.9)]))
        yield opened


def test_theme_filter_orders_by_score_with_evidence(store):
    rows = find_articles(store, theme="PROTEST")
    assert [row["article_id"] for row in rows] == ["syn-4-0", "syn-4-1"]
    first = rows[0]
    analysis = store.get_analysis("syn-4-0")
    assert first["evidence"] == analysis["article"]["text"][first["start"]:first["end"]]
    assert first["summary"].split()[:3] == analysis["article"]["text"].split()[:3]


def test_tone_range(store):
    assert [row["article_id"] for row in find_articles(store, tone_max=-5)] == ["syn-4-0"]
    assert {row["article_id"] for row in find_articles(store, tone_min=0)} == {"syn-4-1", "syn-4-2"}
    assert [row["article_id"] for row in find_articles(store, theme="protest", tone_min=0)] == ["syn-4-1"]


def test_round_trip_keeps_tone_themes_and_summary(store):
    stored = store.get_analysis("syn-4-0")
    assert stored["tone"]["tone"] == -6.5 and stored["summary"] == [0]
    assert [theme["theme"] for theme in stored["themes"]] == ["PROTEST", "ARMEDCONFLICT"]


@pytest.mark.parametrize("arguments,problem", [
    ({"theme": "not a theme"}, "theme must be"),
    ({"tone_min": 500}, "between -100 and 100"),
    ({"since": "March"}, "since must be a date"),
])
def test_bad_filters_are_clear_errors(store, arguments, problem):
    with pytest.raises(ValueError, match=problem):
        find_articles(store, **arguments)


def test_articles_command(tmp_path):
    db = tmp_path / "cli.db"
    with temporary_store("sqlite", tmp_path) as opened:
        db = opened.url
        opened.add_analysis(_analysis(0, -6.5, [("PROTEST", 0.8)]))
    result = CliRunner().invoke(cli, ["articles", "--theme", "PROTEST", "--db", db, "--csv"])
    assert result.exit_code == 0, result.output
    assert "PROTEST" in result.output and "syn-4-0" in result.output
    result = CliRunner().invoke(cli, ["articles", "--tone-min", "-200", "--db", db])
    assert result.exit_code != 0 and "between -100 and 100" in result.output
