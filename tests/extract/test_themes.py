"""Themes: the taxonomy file, term and event matching, scoring, users' YAML themes, and the Reuters gate."""

from __future__ import annotations

import pytest

from newsgraph.extract.themes import (
    EventFact,
    TaxonomyError,
    TermIndex,
    TokenForms,
    builtin_taxonomy,
    load_taxonomy,
    parse_taxonomy,
    score_themes,
)
from newsgraph.extract.themes.taxonomy import term_words
from tests.conftest import shared_file


def tokens(text: str, lemmas: dict[str, str] | None = None, sentence_every: int = 1000) -> list[TokenForms]:
    """Whitespace tokens of an invented text, with hand-given lemmas (no model needed)."""
    found, offset = [], 0
    for index, word in enumerate(text.split()):
        start = text.index(word, offset)
        offset = start + len(word)
        lower = word.lower()
        lemma = (lemmas or {}).get(lower, lower)
        found.append(TokenForms(start, offset, index // sentence_every, (lemma, lower) if lemma != lower else (lower,)))
    return found


def test_builtin_taxonomy_has_the_gkg_themes():
    themes = builtin_taxonomy()
    assert 60 <= len(themes) <= 80
    for name in ("MILITARY", "ARMEDCONFLICT", "TERROR", "PROTEST", "ELECTION", "LEGISLATION", "SANCTIONS",
                 "NEGOTIATIONS", "REFUGEES", "HEALTH_PANDEMIC", "ECON_TRADE", "ECON_INFLATION", "ECON_INTEREST_RATES",
                 "ECON_EARNINGSREPORT", "ECON_MERGERS", "ECON_CURRENCY", "ENERGY_OIL", "AGRICULTURE_GRAIN", "ENV_CLIMATE"):
        assert name in themes and themes[name].description


def test_term_words_split_like_the_tokenizer():
    assert term_words("Take-over bid") == ("take", "-", "over", "bid")


def test_lemma_or_text_matches_and_longest_term_wins():
    index = TermIndex(builtin_taxonomy().values())
    text = "The central bank raised interest rates"
    hits = [hit for hit in index.hits(tokens(text, {"raised": "raise", "rates": "rate"})) if hit.theme == "ECON_INTEREST_RATES"]
    terms = [" ".join(hit.term) for hit in hits]
    assert "interest rate" in terms  # "rates" matched by its lemma
    assert "rate" not in terms and "interest" not in terms  # inside the longer term


def test_strong_term_in_the_lead_finds_the_theme():
    taxonomy = builtin_taxonomy()
    index = TermIndex(taxonomy.values())
    found = {theme.theme: theme for theme in score_themes(index.hits(tokens("Thousands joined a protest in the capital")), taxonomy)}
    assert "PROTEST" in found
    assert found["PROTEST"].spans == [(19, 26)]
    assert 0.5 <= found["PROTEST"].score < 1


def test_one_weak_word_late_in_a_story_is_not_a_theme():
    taxonomy = builtin_taxonomy()
    index = TermIndex(taxonomy.values())
    text = "Officials met on Monday . " * 3 + "There was a crowd"
    assert "PROTEST" not in {t.theme for t in score_themes(index.hits(tokens(text, sentence_every=5)), taxonomy)}


def test_events_point_to_themes():
    taxonomy = builtin_taxonomy()
    index = TermIndex(taxonomy.values())
    hits = index.event_hits([EventFact("145", 0, 20, 0)])  # CAMEO 145: protest violently, riot
    assert {hit.theme for hit in hits} == {"PROTEST"}
    assert [theme.theme for theme in score_themes(hits, taxonomy)] == ["PROTEST"]


def test_users_add_and_replace_themes(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text("themes:\n  SPACE_MINING:\n    description: Mining asteroids\n    strong: [asteroid mining]\n"
                    "  PROTEST:\n    description: Only sit-ins\n    strong: [sit - in]\n", "utf-8")
    themes = load_taxonomy(path)
    assert themes["SPACE_MINING"].strong == (("asteroid", "mining"),)
    assert themes["PROTEST"].strong == (("sit", "-", "in"),)
    assert len(themes) == len(builtin_taxonomy()) + 1


@pytest.mark.parametrize(
    "text,problem",
    [
        ("themes: [a, b]", "top-level 'themes' mapping"),
        ("themes:\n  lower_case:\n    terms: [x]", "must be upper-case"),
        ("themes:\n  EMPTY:\n    description: nothing", "no terms"),
        ("themes:\n  BAD:\n    terms: [x]\n    weight: 2", "unknown keys"),
        ("themes:\n  BAD:\n    terms: [x]\n    threshold: -1", "threshold"),
        ("themes: {", "not valid YAML"),
    ],
)
def test_bad_theme_files_name_the_problem(text, problem):
    with pytest.raises(TaxonomyError, match=problem):
        parse_taxonomy(text, "mine.yaml")


def test_missing_theme_file_is_a_clear_error(tmp_path):
    with pytest.raises(TaxonomyError, match="cannot read"):
        load_taxonomy(tmp_path / "absent.yaml")


@pytest.mark.model
def test_pipeline_finds_themes_with_evidence(nlp):
    from newsgraph.pipeline import analyze

    text = ("Acme Corp said it agreed to acquire Widget Inc for 120 mln dlrs in cash. "
            "The merger is expected to close in June, Acme said.")
    analysis = analyze(text, nlp=nlp)
    themes = {theme.theme: theme for theme in analysis.themes}
    assert "ECON_MERGERS" in themes
    for start, end in themes["ECON_MERGERS"].spans:
        assert text[start:end] in ("acquire", "merger", "agreed to acquire")


@pytest.mark.model
@pytest.mark.parametrize("text, protest", [
    ("Thousands joined a march through the capital on Sunday. Police watched the march.", True),
    ("NAIROBI, March 3 - The central bank cut its main rate on March 3, and again in March.", False),
])
def test_a_month_is_not_a_theme_word(nlp, text, protest):
    from newsgraph.pipeline import analyze

    assert ("PROTEST" in {theme.theme for theme in analyze(text, nlp=nlp).themes}) is protest


@pytest.mark.model
def test_theme_file_from_the_environment(tmp_path, monkeypatch):
    from newsgraph.extract.themes.component import ThemeFinder

    path = tmp_path / "mine.yaml"
    path.write_text("themes:\n  SPACE_MINING:\n    strong: [asteroid]\n", "utf-8")
    monkeypatch.setenv("NEWSGRAPH_THEMES", str(path))
    assert "SPACE_MINING" in ThemeFinder().taxonomy


@pytest.mark.gates
@pytest.mark.model
def test_gate_reuters_themes_micro_f1():
    from newsgraph.eval.themes import read_reuters, score_reuters

    path = shared_file("eval", "corpus", "reuters21578.jsonl")
    scores = score_reuters(read_reuters(path, split="test"))
    assert scores.micro.f1 >= 0.80, scores.to_dict()
