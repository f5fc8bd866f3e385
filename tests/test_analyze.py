"""`newsgraph analyze` and the Python API: results, batch order, and bad input."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from newsgraph.articles import MAX_CHARS, check_text, normalize_published
from newsgraph.cli import cli
from newsgraph.errors import ArticleError
from newsgraph.model import Analysis, Failure
from newsgraph.pipeline import analyze, analyze_many
from newsgraph.schema import schema_errors

STORY = (
    "Iraqi Prime Minister Adel Abdul Mahdi met Iranian President Hassan Rohani in Tehran on Saturday. "
    '"We discussed trade," Rohani said.'
)


@pytest.mark.parametrize(
    "text,code",
    [
        ("", "empty_text"),  # nothing to analyse
        ("   \n\t ", "empty_text"),  # white space only
        ("\x00\x01\x02binary\x03\x04" * 50, "binary_data"),  # control bytes
        (b"caf\xe9 au lait", "not_utf8"),  # Latin-1 bytes
        ("x " * (MAX_CHARS // 2 + 1), "too_long"),  # over the character limit
        (12, "bad_text"),  # not text at all
    ],
)
def test_bad_text_gets_a_clear_error(text, code):
    with pytest.raises(ArticleError) as error:
        check_text(text, "a1")
    assert error.value.code == code
    assert "a1" in str(error.value)


def test_twenty_megabytes_is_refused_with_a_clear_error():
    with pytest.raises(ArticleError, match="over the limit"):
        analyze("word " * 4_200_000)


@pytest.mark.parametrize(
    "value,expected",
    [("2019-04-07", "2019-04-07"), ("2019-04-07T10:00:00Z", "2019-04-07"), (None, None), ("", None)],
)
def test_published_is_normalized(value, expected):
    assert normalize_published(value) == expected


def test_bad_published_date_is_an_article_error():
    with pytest.raises(ArticleError, match="not an ISO date"):
        normalize_published("last Tuesday", "a9")


def test_text_that_is_not_english_is_flagged_not_analysed(nlp):
    result = analyze("Der Bundeskanzler hat am Montag in Berlin mit dem Präsidenten gesprochen und die Lage erörtert.", nlp=nlp)
    assert result.article.language == "de"
    assert result.entities == [] and result.quotes == []
    assert schema_errors(result.to_dict()) == []


def test_analyze_keeps_metadata_and_offsets(nlp):
    result = analyze(STORY, published="2019-04-07", source="Wire", url="https://example.org/a", title="Talks", nlp=nlp)
    assert (result.article.published, result.article.source, result.article.title) == ("2019-04-07", "Wire", "Talks")
    for entity in result.entities:
        for mention in entity.mentions:
            assert STORY[mention.span[0] : mention.span[1]] == mention.text
    assert result.article.sentences[0][0] == 0


def test_analyze_many_keeps_order_and_goes_on_after_bad_records(nlp):
    records = [
        {"id": "1", "text": STORY},
        {"id": "2", "text": ""},
        {"id": "3"},
        "not a mapping",
        {"id": "5", "text": "The company said sales rose.", "published": "bad date"},
        {"id": "6", "text": STORY, "published": "2019-04-07"},
    ]
    results = list(analyze_many(records))
    assert [type(r).__name__ for r in results] == ["Analysis", "Failure", "Failure", "Failure", "Analysis", "Analysis"]
    assert [r.id if isinstance(r, Failure) else r.article.id for r in results] == ["1", "2", "3", None, "5", "6"]
    assert [r.code for r in results if isinstance(r, Failure)] == ["empty_text", "bad_record", "bad_record"]
    # A record's unreadable date is a warning on the article, kept as given, never a lost article.
    dated = results[4].article
    assert (dated.published, dated.published_raw) == (None, "bad date")
    assert [(w.stage, w.code) for w in dated.warnings] == [("date", "bad_date")]


def test_analyze_many_in_two_processes_matches_one(nlp):
    records = [{"id": str(i), "text": STORY, "published": "2019-04-07"} for i in range(3)] + [{"id": "x", "text": ""}]
    one = [r.to_dict() for r in analyze_many(records)]
    two = [r.to_dict() for r in analyze_many(records, processes=2, batch_size=2)]
    assert one == two


def test_cli_analyze_prints_valid_json(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    result = CliRunner().invoke(cli, ["analyze", str(path), "--published", "2019-04-07", "--source", "Wire"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert schema_errors(data) == []
    assert Analysis.from_dict(data).article.source == "Wire"


def test_cli_analyze_reads_standard_input_and_prints_pretty():
    result = CliRunner().invoke(cli, ["analyze", "-", "--pretty"], input=STORY)
    assert result.exit_code == 0, result.output
    assert "Adel Abdul Mahdi" in result.output and "Entities" in result.output
    assert "Tone " in result.output and "Themes (" in result.output and "Summary (sentences" in result.output


@pytest.mark.parametrize(
    "content,message",
    [(b"", "empty_file"), (b"\xc3\x28\xa0\xa1" * 100, "not_text"), (b"\x00" * 500, "binary_data")],
)
def test_cli_analyze_bad_file_names_file_and_problem(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    result = CliRunner().invoke(cli, ["analyze", str(path)])
    assert result.exit_code != 0
    assert "bad.txt" in result.output and message in result.output
    assert "Traceback" not in result.output


def test_cli_analyze_jsonl_writes_one_line_per_record_in_order(tmp_path):
    source = tmp_path / "in.jsonl"
    lines = [json.dumps({"id": "a", "text": STORY}), "{not json", json.dumps({"id": "c", "text": ""}), json.dumps({"id": "d", "text": STORY})]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(cli, ["analyze", "--jsonl", str(source), "--out", str(out)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert [r.get("id") or r["article"]["id"] for r in records] == ["a", "in.jsonl:2", "c", "d"]
    assert [("error" in r) for r in records] == [False, True, True, False]
    assert all(schema_errors(r) == [] for r in records)


def test_cli_analyze_with_petrarch_dictionaries():
    from tests.conftest import shared_file

    folder = shared_file("eval", "events", "petrarch-dicts")
    result = CliRunner().invoke(
        cli, ["analyze", "-", "--dictionaries", str(folder)], input="Iraq's army attacked rebels in Mosul on Monday."
    )
    assert result.exit_code == 0, result.output
    events = json.loads(result.stdout)["events"]
    assert [(e["code"], e["source"]["code"]) for e in events] == [("190", "IRQMIL")]


def test_cli_analyze_rejects_a_missing_dictionary_folder():
    result = CliRunner().invoke(cli, ["analyze", "-", "--dictionaries", "/no/such/folder"], input="Text.")
    assert result.exit_code != 0 and "/no/such/folder" in result.output


@pytest.mark.parametrize(
    "text,language",
    [
        ("Angela Merkel visited Paris.", "en"),  # a headline: no function words, Latin letters
        ("Shr 1.00 dlrs vs 87 cts Net 4,814,000 vs 3,200,000 Revs 40.1 mln vs 38.2 mln", "en"),  # a table of figures
        ("Der Bundeskanzler hat am Montag mit dem Präsidenten gesprochen.", "de"),
        ("El presidente del gobierno se reunió el lunes con los líderes de la oposición.", "es"),
        ("Москва заявила во вторник о новых переговорах", "und"),  # Cyrillic: no list for it
    ],
)
def test_language_check(text, language):
    from newsgraph.language import detect_language

    assert detect_language(text) == language


def test_dictionaries_never_change_the_default_pipeline(nlp):
    from newsgraph.pipeline import load_pipeline, pipeline_with_dictionaries
    from tests.conftest import shared_file

    with_dictionaries = pipeline_with_dictionaries(dictionaries=str(shared_file("eval", "events", "petrarch-dicts")))
    assert with_dictionaries is not load_pipeline()
    assert load_pipeline() is nlp
    events = analyze("Iran urged Iraq to expel the troops.", nlp=nlp).events
    assert ("IRN", "IRQ") in [(e.source.code, e.target.code) for e in events]
