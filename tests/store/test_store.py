"""The store, on SQLite and on PostgreSQL: the same tests against both.

PostgreSQL runs where NEWSGRAPH_TEST_POSTGRES names a server (CI sets it); each test gets a
schema of its own, dropped afterwards. With the variable set and the server down the tests fail.
"""

from __future__ import annotations

import copy

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from newsgraph.model import Analysis
from newsgraph.schema import schema_errors
from newsgraph.store import fts5_query, normalize_text, open_store, text_hash
from newsgraph.store.migrations import MIGRATIONS
from newsgraph.store.schema import articles, migrations_table
from tests.store_testing import BACKENDS, POSTGRES_ENV, postgres_url, temporary_store

ARTICLE_TEXT = (
    "Norwegian Foreign Minister Ingrid Solberg met Bjarni Magnusson in Oslo on Tuesday. "
    '"We have wasted too much time," Solberg said. Some 300 people protested outside.'
)


def _span(needle: str, text_: str = ARTICLE_TEXT) -> list[int]:
    start = text_.index(needle)
    return [start, start + len(needle)]


def _fact(needle: str, sentence: int, **fields) -> dict:
    return {"span": _span(needle), "text": needle, "sentence": sentence, **fields}


def sample_analysis(article_id: str = "a1", text_: str = ARTICLE_TEXT, url: str = "https://example.org/a1") -> dict:
    """A complete schema-v1 analysis with one fact of every kind (fields left out take the model's defaults)."""
    first = text_.index("Tuesday.") + len("Tuesday.")
    second = text_.index("said.") + len("said.")
    return Analysis.from_dict({
        "schema_version": 1,
        "article": {
            "id": article_id, "text": text_, "published": "2024-03-12", "source": "Northern Wire",
            "url": url, "title": "Talks resume", "language": "en",
            "sentences": [[0, first], [first + 1, second], [second + 1, len(text_)]],
        },
        "entities": [
            {"id": "E1", "name": "Ingrid Solberg", "type": "PERSON", "country": "NOR", "role": "Foreign Minister",
             "mentions": [_fact("Ingrid Solberg", 0, kind="name"), _fact("Solberg", 1, kind="name")]},
            {"id": "E2", "name": "Oslo", "type": "GPE", "country": "NOR", "role": None,
             "mentions": [_fact("Oslo", 0, kind="name")]},
        ],
        "quotes": [_fact("We have wasted too much time,", 1, direct=True, partial=False,
                         speaker={"entity": "E1", "name": "Solberg", "span": _span("Solberg said")},
                         cue={"text": "said", "span": _span("said.")}, medium=None)],
        "events": [_fact("met", 0, code="040", root="04", quad_class=1, goldstein=1.0, name="Consult",
                         source={"entity": "E1", "code": "NORGOV", "name": "Ingrid Solberg", "span": _span("Ingrid Solberg")},
                         target=None, date="2024-03-12", date_from="text", place="Oslo", negated=False)],
        "dates": [_fact("Tuesday", 0, type="DATE", value="2024-03-12", anchor="published")],
        "quantities": [_fact("Some 300 people", 2, value=300.0, unit="people", approximate=True)],
        "places": [_fact("Oslo", 0, name="Oslo", geonameid=3143244, lat=59.91, lon=10.75, country="NO",
                         country3="NOR", feature="PPLC", population=580000, entity="E2")],
    }).to_dict()  # fmt: skip


def bare_analysis(article_id: str, text_: str) -> dict:
    """An analysis with no facts."""
    article = {"id": article_id, "text": text_, "published": None, "source": None, "url": None, "title": None,
               "language": "en", "sentences": [[0, len(text_)]]}  # fmt: skip
    facts = {kind: [] for kind in ("entities", "quotes", "events", "dates", "quantities", "places")}
    return {"schema_version": 1, "article": article, **facts}


@pytest.fixture(params=BACKENDS)
def store(request, tmp_path):
    """A fresh store: a SQLite file in tmp_path, or a schema of its own on the test PostgreSQL."""
    if request.param == "postgresql" and postgres_url() is None:
        pytest.skip(f"{POSTGRES_ENV} is unset: set it to a PostgreSQL URL to run the store tests there")
    with temporary_store(request.param, tmp_path) as opened:  # an unreachable server fails the test here
        yield opened


def test_sample_is_valid_schema_v1():
    assert schema_errors(sample_analysis()) == []


def test_round_trip_gives_back_the_same_analysis(store):
    analysis = sample_analysis()
    assert store.add_analysis(analysis, origin="a1.txt")
    assert store.get_analysis("a1") == analysis
    assert list(store.iter_analyses()) == [analysis]


def test_unknown_fields_survive_the_round_trip(store):
    # fields added to the schema later: on the analysis, its article, a fact and a mention
    analysis = sample_analysis()
    analysis["relations"] = [{"kind": "meets", "span": [0, 5]}]
    analysis["article"]["section"] = "World"
    analysis["quotes"][0]["confidence"] = 0.9
    analysis["entities"][0]["mentions"][0]["gender"] = "female"
    store.add_analysis(copy.deepcopy(analysis))
    assert store.get_analysis("a1") == analysis


def test_facts_are_queryable_columns(store):
    store.add_analysis(sample_analysis())
    with store.engine.connect() as conn:
        quote = conn.execute(text("SELECT speaker_name, speaker_entity, cue, direct, start_char FROM quotes")).one()
        quantity = conn.execute(text("SELECT value, unit, approximate FROM quantities")).one()
        event = conn.execute(text("SELECT code, source_code, place FROM events")).one()
        mentions = conn.execute(text("SELECT count(*) FROM mentions WHERE entity_id = 'E1'")).scalar_one()
    assert (quote.speaker_name, quote.speaker_entity, quote.cue, bool(quote.direct)) == ("Solberg", "E1", "said", True)
    assert ARTICLE_TEXT[quote.start_char :].startswith("We have wasted")
    assert (quantity.value, quantity.unit, bool(quantity.approximate)) == (300.0, "people", True)
    assert tuple(event) == ("040", "NORGOV", "Oslo")
    assert mentions == 2


def test_populations_over_32_bits(store):
    analysis = sample_analysis()
    analysis["places"][0].update(name="Asia", population=3_812_366_000, geonameid=6255147)
    store.add_analysis(analysis)
    assert store.get_analysis("a1")["places"][0]["population"] == 3_812_366_000
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT population FROM places")).scalar_one() == 3_812_366_000


def test_the_same_article_is_stored_once(store):
    assert store.add_analysis(sample_analysis())
    assert not store.add_analysis(sample_analysis())  # same id
    assert not store.add_analysis(sample_analysis("other-id", url=None))  # same text
    assert store.counts()["articles"] == 1
    assert store.counts()["entities"] == 2


@pytest.mark.parametrize(
    "query",
    [
        {"id": "a1"},
        {"url": "https://example.org/a1"},
        {"text": "  " + ARTICLE_TEXT.upper().replace(" ", "\n  ")},  # case and spacing do not count
    ],
)
def test_has_article(store, query):
    assert not store.has_article(**query)
    store.add_analysis(sample_analysis())
    assert store.has_article(**query)


def test_copies_are_linked_to_their_original_without_facts(store):
    store.add_analysis(sample_analysis())
    copy_article = {"id": "copy", "text": ARTICLE_TEXT, "published": None, "source": "Other", "url": None,
                    "title": None, "language": "en"}  # fmt: skip
    assert store.add_duplicate(copy_article, "a1", 1.0, origin="feed.xml#2")
    counts = store.counts()
    assert (counts["articles"], counts["duplicates"], counts["entities"]) == (2, 1, 2)
    assert [data["article"]["id"] for data in store.iter_analyses()] == ["a1"]
    assert store.article_ids() == ["a1", "copy"]
    with store.engine.connect() as conn:
        assert conn.execute(select(articles.c.duplicate_of).where(articles.c.id == "copy")).scalar_one() == "a1"


def test_an_article_is_stored_with_all_its_facts_or_not_at_all(store):
    broken = sample_analysis()
    broken["places"][0]["text"] = None  # NOT NULL column: the last insert of the transaction fails
    with pytest.raises(IntegrityError):
        store.add_analysis(broken)
    assert store.counts()["articles"] == 0
    assert store.counts()["entities"] == 0
    assert store.add_analysis(sample_analysis())


def test_failures_are_recorded_once(store):
    assert store.record_failure("dump.jsonl:3", "bad_record", "line 3 is not JSON", stage="read")
    assert not store.record_failure("dump.jsonl:3", "bad_record", "line 3 is not JSON", stage="read")
    assert store.record_failure("dump.jsonl:4", "empty_text", "text is empty", item="x")
    rows = store.failures()
    assert [(r["origin"], r["item"], r["stage"], r["code"]) for r in rows] == [
        ("dump.jsonl:3", "", "read", "bad_record"),
        ("dump.jsonl:4", "x", "analyse", "empty_text"),
    ]


def test_a_stored_article_clears_its_old_failure(store):
    store.record_failure("a1.txt", "analysis_failed", "component error", item="a1")
    store.add_analysis(sample_analysis(), origin="a1.txt")
    assert store.failures() == []


def test_search_articles_and_quotes(store):
    store.add_analysis(sample_analysis())
    other = "The central bank kept interest rates unchanged on Wednesday, the governor said."
    store.add_analysis(bare_analysis("b2", other))
    assert [row["id"] for row in store.search_articles("interest rates")] == ["b2"]
    assert [row["id"] for row in store.search_articles("Solberg")] == ["a1"]
    assert "Solberg" in store.search_articles("Solberg")[0]["snippet"]
    assert store.search_articles('"unbalanced AND (') == []  # odd syntax is words, not an error
    found = store.search_quotes("wasted time")
    assert [(row["article_id"], row["speaker_name"]) for row in found] == [("a1", "Solberg")]


def test_top_entities_after_identity_rebuild(store):
    from newsgraph.identity import builder
    from newsgraph.query import top_entities

    store.add_analysis(sample_analysis())
    assert builder.is_stale(store)
    builder.rebuild(store)
    assert not builder.is_stale(store)
    top = top_entities(store, type="PERSON")
    assert [(row["name"], row["type"], row["articles"], row["mentions"]) for row in top] == [
        ("Ingrid Solberg", "PERSON", 1, 2)
    ]


def test_reopening_applies_no_migration_twice(store):
    again = open_store(store.url, schema=store.schema)
    with again.engine.connect() as conn:
        versions = list(conn.execute(select(migrations_table.c.version)).scalars())
    again.close()
    assert versions == [version for version, _, _ in MIGRATIONS]


def test_known_keys(store):
    store.add_analysis(sample_analysis())
    ids, urls, originals = store.known_keys()
    assert ids == {"a1": text_hash(ARTICLE_TEXT)}
    assert urls == {"https://example.org/a1"}
    assert originals == {text_hash(ARTICLE_TEXT): "a1"}


@pytest.mark.parametrize(
    "query, expected",
    [
        ("central bank", '"central" "bank"'),  # every word must match
        ('"central bank" rates', '"central bank" "rates"'),  # a quoted phrase stays a phrase
        ("AND OR NOT (", '"AND" "OR" "NOT"'),  # operators are plain words; bare punctuation is dropped
        ("", ""),
    ],
)
def test_fts5_query(query, expected):
    assert fts5_query(query) == expected


@pytest.mark.parametrize(
    "a, b",
    [
        ("Hello  World", "hello world"),  # case and runs of spaces
        ("line one\nline two\n", "line one line two"),  # newlines are spaces
    ],
)
def test_normalize_text(a, b):
    assert normalize_text(a) == normalize_text(b)
    assert text_hash(a) == text_hash(b)


def test_a_batch_is_stored_in_one_transaction_or_not_at_all(store):
    store.record_failure("b.txt", "timeout", "over budget", item="b")
    store.add_analyses([(sample_analysis("a"), {"origin": "a.txt"}),  # rows that name different columns
                        (bare_analysis("b", "Talks ended in Bergen on Friday."), {"origin": "b.txt", "author": "K. Dahl"})])
    assert store.article_ids() == ["a", "b"]  # in the batch's order
    assert store.counts()["entities"] == 2
    assert store.failures() == []  # b went through this time
    broken = bare_analysis("c", "Fishing quotas were agreed in Tromso.")
    with pytest.raises(IntegrityError):  # "a" is there already: nothing of the batch is written
        store.add_analyses([(broken, {}), (sample_analysis("a"), {})])
    assert store.article_ids() == ["a", "b"]
