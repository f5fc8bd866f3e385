"""GKG V1.5TONE, V1THEMES, V2ENHANCEDTHEMES and V2GCAM from the analysis' tone and themes; event tone."""

from __future__ import annotations

import copy

from newsgraph.export import gdelt
from tests.synthetic import synthetic_analysis

TONE = {"tone": -3.5, "positive": 2.25, "negative": 5.75, "polarity": 8.0, "activity_density": 11.5,
        "self_group_density": 1.25, "word_count": 80}


def _with_tone_and_themes(index: int = 20, seed: int = 2, tone: dict = TONE) -> dict:
    analysis = synthetic_analysis(index, seed=seed)
    analysis["tone"] = dict(tone)
    text = analysis["article"]["text"]
    second = analysis["article"]["sentences"][1]
    analysis["themes"] = [{"theme": "ECON_GROWTH", "score": 0.7, "spans": [[second[0], second[0] + 9], [second[1] - 5, second[1]]]}]
    assert text[second[0]:second[0] + 9]
    return analysis


def _row(analysis: dict) -> dict[str, str]:
    return dict(zip(gdelt.GKG_COLUMNS, gdelt.gkg_row(analysis)))


def test_gkg_tone_is_the_analysis_tone():
    row = _row(_with_tone_and_themes())
    assert row["V1.5TONE"] == "-3.5,2.25,5.75,8,11.5,1.25,80"
    assert [float(value) for value in row["V1.5TONE"].split(",")] == [TONE[name] for name in gdelt.TONE_FIELDS]
    assert row["V2GCAM"] == "wc:80"


def test_gkg_themes_with_every_evidence_offset():
    analysis = _with_tone_and_themes()
    row = _row(analysis)
    assert "ECON_GROWTH" in row["V1THEMES"].split(";")
    offsets = [int(block.split(",")[1]) for block in row["V2ENHANCEDTHEMES"].split(";") if block.startswith("ECON_GROWTH,")]
    assert offsets == [span[0] for span in analysis["themes"][0]["spans"]]
    assert "NEGOTIATIONS" in row["V1THEMES"]  # the event-root themes are still there


def test_analysis_without_tone_keeps_the_counted_fields():
    analysis = synthetic_analysis(20, seed=2)
    row = _row(analysis)
    values = row["V1.5TONE"].split(",")
    assert values[:5] == ["0"] * 5 and row["V2GCAM"] == f"wc:{values[6]}"


def test_mention_and_event_tone():
    first = _with_tone_and_themes()
    second = copy.deepcopy(first)
    second["article"].update(id="copy", url="https://news.example/copy")
    second["tone"]["tone"] = 1.5
    mentions = list(gdelt.mention_rows([first, second]))
    assert {row[gdelt.MENTION_COLUMNS.index("MentionDocTone")] for row in mentions} == {"-3.5", "1.5"}
    events = list(gdelt.event_rows([first, second]))
    assert events and all(row[gdelt.EVENT_COLUMNS.index("AvgTone")] == "-1" for row in events)  # (-3.5 + 1.5) / 2


def test_a_partial_tone_falls_back_to_counting():
    analysis = synthetic_analysis(20, seed=2)
    analysis["tone"] = {"tone": -2.5, "word_count": 80}  # written by another tool, without the densities
    row = _row(analysis)
    assert row["V1.5TONE"].split(",")[:5] == ["0"] * 5 and row["V2GCAM"] == "wc:80"
