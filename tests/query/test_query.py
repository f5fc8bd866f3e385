"""Queries over a store of synthetic analyses, checked against the same facts computed in Python.

Runs on SQLite, and on PostgreSQL too when NEWSGRAPH_TEST_POSTGRES is set (each run in a schema
of its own, dropped afterwards).
"""

from __future__ import annotations

import json
import os
import uuid

import pytest
from click.testing import CliRunner

from newsgraph.identity import builder as identity_builder
from newsgraph.query import entity_profile, fact_marks, find_events, find_quotes, search, top_entities
from newsgraph.query.stories import find_canonical_events
from tests.synthetic import synthetic_corpus

POSTGRES = os.environ.get("NEWSGRAPH_TEST_POSTGRES")
BACKENDS = ["sqlite"] + (["postgresql"] if POSTGRES else [])
def _quote_about_khamenei() -> dict:
    """An article whose quote mentions Khamenei, said by Rohani: a quote *about* Khamenei."""
    from tests.synthetic import _Builder

    builder = _Builder("about-1", "1987-12-31")
    builder.add('"')
    start = len(builder.text)
    builder.add("We trust ")
    builder.entity("Ali Khamenei", "PERSON", "Khamenei", "IRN", "Supreme Leader")
    builder.add(" completely")
    end = len(builder.text)
    builder.add('," ')
    speaker_id, speaker_span = builder.entity("Hassan Rohani", "PERSON", "Rohani", "IRN", "President")
    builder.add(" ")
    cue = list(builder.add("said"))
    builder.add(".")
    builder.facts["quotes"].append({
        "span": [start, end], "text": builder.text[start:end], "sentence": 0, "direct": True, "partial": False,
        "speaker": {"entity": speaker_id, "name": "Hassan Rohani", "span": speaker_span},
        "cue": {"text": "said", "span": cue}, "medium": None})
    return builder.analysis("Reuters")


CORPUS = list(synthetic_corpus(60, seed=7)) + [_quote_about_khamenei()]


def open_test_store(backend, tmp_path_factory):
    """A fresh store: a SQLite file, or a new PostgreSQL schema. Returns (store, url, schema, cleanup)."""
    from newsgraph.store import open_store

    if backend == "sqlite":
        path = str(tmp_path_factory.mktemp("store") / "test.db")
        return open_store(path), path, None, lambda: None
    schema = "t_" + uuid.uuid4().hex[:12]
    store = open_store(POSTGRES, schema=schema)

    def drop():
        from sqlalchemy import text

        with store.engine.begin() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        store.close()

    return store, POSTGRES, schema, drop


@pytest.fixture(scope="module", params=BACKENDS)
def store(request, tmp_path_factory):
    store, url, schema, cleanup = open_test_store(request.param, tmp_path_factory)
    for analysis in CORPUS:
        assert store.add_analysis(analysis)
    identity_builder.rebuild(store)  # the stage after storing, as `newsgraph ingest` runs it
    store.test_url = url
    yield store
    cleanup()


def _evidence_ok(store, row, expected_text=None):
    """The row's span indexes its article's text (and says ``expected_text`` when given)."""
    analysis = store.get_analysis(row["article_id"])
    assert analysis is not None
    said = analysis["article"]["text"][row["start"]:row["end"]]
    assert row["end"] > row["start"]
    if expected_text is not None:
        assert said == expected_text
    return said


def test_top_entities_are_sorted_and_carry_evidence(store):
    rows = top_entities(store, top=10)
    assert len(rows) == 10
    assert [r["mentions"] for r in rows] == sorted((r["mentions"] for r in rows), reverse=True)
    for row in rows:
        said = _evidence_ok(store, row)
        assert said  # the example mention of this entity


@pytest.mark.parametrize("entity_type, country", [("PERSON", None), ("GPE", "IRN"), ("ORG", None)])
def test_top_entities_filters(store, entity_type, country):
    rows = top_entities(store, type=entity_type, country=country, top=50)
    assert rows and all(r["type"] == entity_type for r in rows)
    assert country is None or all(r["country"] == country for r in rows)


def _expected_person(name):
    """(articles, mentions) of a synthetic person, counted straight from the analyses."""
    articles = mentions = 0
    for analysis in CORPUS:
        for entity in analysis["entities"]:
            if entity["name"] == name:
                articles += 1
                mentions += len(entity["mentions"])
    return articles, mentions


def test_entity_profile_khamenei(store):
    profile = entity_profile(store, "Khamenei", limit=1000)
    entity = profile["entity"]
    assert (entity["name"], entity["type"], entity["country"]) == ("Ali Khamenei", "PERSON", "IRN")
    assert (entity["articles"], entity["mentions"]) == _expected_person("Ali Khamenei")
    assert {"Khamenei", "Supreme Leader Ali Khamenei"} <= set(profile["aliases"])
    assert profile["roles"] == [{"role": "Supreme Leader", "articles": entity["articles"]}]
    assert sum(day["mentions"] for day in profile["mentions_by_day"]) == entity["mentions"]
    said = [(q["article_id"], q["start"]) for q in profile["quotes_by"]]
    expected = [(a["article"]["id"], q["span"][0]) for a in CORPUS for q in a["quotes"] if q["speaker"]["name"] == "Ali Khamenei"]
    assert sorted(said) == sorted(expected)
    for side in ("source", "target"):
        got = sorted((e["article_id"], e["start"]) for e in profile[f"events_as_{side}"])
        want = sorted((a["article"]["id"], e["span"][0]) for a in CORPUS for e in a["events"] if e[side]["name"] == "Ali Khamenei")
        assert got == want
    assert profile["co_occurring"] and all(row["articles"] >= 1 for row in profile["co_occurring"])
    assert [(q["article_id"], q["speaker"], q["text"]) for q in profile["quotes_about"]] == [
        ("about-1", "Hassan Rohani", "We trust Khamenei completely")]
    # With a small limit the newest quotes come first, as with no limit.
    newest = entity_profile(store, "Khamenei", limit=3)["quotes_by"]
    assert newest == profile["quotes_by"][:3]
    assert [q["published"] for q in profile["quotes_by"]] == sorted((q["published"] for q in profile["quotes_by"]), reverse=True)


def test_entity_profile_unknown_name(store):
    with pytest.raises(LookupError):
        entity_profile(store, "Nobody Atall")


@pytest.mark.parametrize(
    "filters",
    [
        {"speaker": "Merkel"},  # by surname
        {"speaker": "Angela Merkel", "since": "1987-06-01", "until": "1987-12-31"},  # in a period
        {"q": "sanctions"},  # words in the quote
        {"q": "frank", "until": "1987-06"},  # words and an open start
    ],
)
def test_quotes(store, filters):
    rows = find_quotes(store, limit=1000, **filters)
    expected = []
    for analysis in CORPUS:
        published = analysis["article"]["published"]
        for quote in analysis["quotes"]:
            if "speaker" in filters and not quote["speaker"]["name"].endswith(filters["speaker"].split()[-1]):
                continue
            if "q" in filters and filters["q"] not in quote["text"].lower():
                continue
            if published < filters.get("since", "0000") or published > filters.get("until", "9999") + "\uffff":
                continue
            expected.append((analysis["article"]["id"], quote["span"][0]))
    assert sorted((r["article_id"], r["start"]) for r in rows) == sorted(expected)
    for row in rows[:5]:
        _evidence_ok(store, row, row["text"])


def _expected_events(actor=None, code=None, root=None, since="0000", until="9999"):
    found = []
    for analysis in CORPUS:
        for event in analysis["events"]:
            codes = (event["source"]["code"], event["target"]["code"])
            if actor and not any(c.startswith(actor) for c in codes):
                continue
            if code and not event["code"].startswith(code):
                continue
            if root and event["root"] != root:
                continue
            if not since <= event["date"] <= until + "\uffff":
                continue
            found.append((analysis["article"]["id"], event["span"][0]))
    return sorted(found)


@pytest.mark.parametrize(
    "filters",
    [
        {"actor": "IRN"},  # a country code matches IRNGOV
        {"actor": "IRQGOV", "root": "04"},  # a full code and a root
        {"code": "16"},  # a code prefix
        {"code": "0231", "since": "1987-03-01", "until": "1987-08-31"},  # a 4-digit code in a period
        {"since": "1987-02", "until": "1987-02"},  # one month
    ],
)
def test_events(store, filters):
    rows = find_events(store, limit=10_000, **filters)
    assert sorted((r["article_id"], r["start"]) for r in rows) == _expected_events(**filters)
    dates = [r["date"] for r in rows]
    assert dates == sorted(dates, reverse=True)
    for row in rows[:5]:
        _evidence_ok(store, row, row["text"])


def test_events_by_side(store):
    """``source`` and ``target`` look at one side only; ``actor`` at either; together they all hold."""
    either = {(r["article_id"], r["start"]) for r in find_events(store, actor="IRN", limit=10_000)}
    source = find_events(store, source="IRN", limit=10_000)
    target = find_events(store, target="IRN", limit=10_000)
    assert source and all(r["source_code"].startswith("IRN") for r in source)
    assert target and all(r["target_code"].startswith("IRN") for r in target)
    assert {(r["article_id"], r["start"]) for r in source + target} == either
    both = find_events(store, actor="IRN", source="IRQ", limit=10_000)
    assert all(r["source_code"].startswith("IRQ") and r["target_code"].startswith("IRN") for r in both)


def test_quotes_and_events_page(store):
    """``limit`` rows from ``offset``, in the order of the whole list."""
    for find in (find_quotes, find_events):
        whole = find(store, limit=10_000)
        assert len(whole) > 6
        pages = [row for offset in range(0, len(whole), 5) for row in find(store, limit=5, offset=offset)]
        assert pages == whole
        for bad in ({"limit": 0}, {"offset": -1}):
            with pytest.raises(ValueError):
                find(store, **bad)


def test_events_by_actor_name_use_identity(store):
    rows = find_events(store, actor="Mahdi", limit=10_000)  # "Mahdi" is Adel Abdul Mahdi here
    want = sorted((a["article"]["id"], e["span"][0]) for a in CORPUS for e in a["events"]
                  if "Adel Abdul Mahdi" in (e["source"]["name"], e["target"]["name"]))
    assert sorted((r["article_id"], r["start"]) for r in rows) == want


def test_search_finds_articles_and_quotes(store):
    rows = search(store, "embargo", limit=100)
    articles = {r["article_id"] for r in rows if r["kind"] == "article"}
    assert articles == {a["article"]["id"] for a in CORPUS if "embargo" in a["article"]["text"]}
    for row in rows:
        said = _evidence_ok(store, row)
        assert row["kind"] == "quote" or said.lower() == "embargo"
    assert {r["kind"] for r in search(store, "frank useful", limit=100)} == {"article", "quote"}


def test_fact_marks_cover_every_fact():
    analysis = CORPUS[0]
    marks = fact_marks(analysis)
    expected = sum(len(e["mentions"]) for e in analysis["entities"]) + sum(
        len(analysis[k]) for k in ("quotes", "events", "dates", "quantities", "places"))
    assert len(marks) == expected
    assert [m["start"] for m in marks] == sorted(m["start"] for m in marks)


def _cli(store, *args):
    from newsgraph.cli import cli

    db_args = ["--db", store.test_url]
    if store.dialect != "sqlite":
        pytest.skip("the CLI opens PostgreSQL stores without a schema; covered by the library tests")
    result = CliRunner().invoke(cli, [*args, *db_args], catch_exceptions=False)
    return result


@pytest.mark.parametrize(
    "args, check",
    [
        (["entities", "--top", "3", "--json"], lambda out: len(json.loads(out)) == 3),
        (["entities", "--type", "PERSON", "--csv"], lambda out: out.splitlines()[0].startswith("id,name,type")),
        (["entity", "Khamenei"], lambda out: out.startswith("Ali Khamenei") and "Quotes by" in out),
        (["entity", "Khamenei", "--csv"], lambda out: out.splitlines()[0].startswith("section,")),
        (["quotes", "--speaker", "Rohani", "--json"], lambda out: all(r["speaker"] == "Hassan Rohani" for r in json.loads(out))),
        (["events", "--actor", "IRN", "--root", "16"], lambda out: out.splitlines()[0].startswith("date")),
        (["events", "--source", "IRN", "--json"], lambda out: all(r["source_code"].startswith("IRN") for r in json.loads(out))),
        (["events", "--target", "IRN", "--quad-class", "4", "--json"],
         lambda out: all(r["target_code"].startswith("IRN") and r["quad_class"] == 4 for r in json.loads(out))),
        (["events", "--limit", "2", "--offset", "1", "--json"], lambda out: len(json.loads(out)) == 2),
        (["quotes", "--medium", "interview", "--json"], lambda out: json.loads(out) == []),  # no medium in this corpus
        (["search", "embargo", "--json"], lambda out: all("article_id" in r for r in json.loads(out))),
        (["show", CORPUS[0]["article"]["id"]], lambda out: "]{1}" in out and "kind" in out),
        (["entities", "members", "Khamenei"], lambda out: "Ali Khamenei" in out),
    ],
)
def test_cli(store, args, check):
    result = _cli(store, *args)
    assert result.exit_code == 0, result.output
    assert check(result.output)


@pytest.mark.parametrize(
    "args, message",
    [
        (["entity", "Nobody Atall"], "no entity named"),  # unknown name: a clear error
        (["quotes", "--since", "last week"], "since must be a date"),  # bad date
        (["show", "no-such-article"], "no article with id"),  # unknown article
        (["quotes", "--offset", "-1"], "offset must be 0 or more"),  # a page before the first
    ],
)
def test_cli_errors(store, args, message):
    result = _cli(store, *args)
    assert result.exit_code == 1 and message in result.output


def test_merge_and_split_from_the_cli_survive_rebuilds(tmp_path):
    from newsgraph.cli import cli
    from newsgraph.identity import builder as identity
    from newsgraph.store import open_store

    path = str(tmp_path / "ids.db")
    with open_store(path) as store:
        for analysis in CORPUS[:20]:
            store.add_analysis(analysis)
        identity.rebuild(store)
    runner = CliRunner()

    def members(name):
        result = runner.invoke(cli, ["entities", "members", name, "--json", "--db", path], catch_exceptions=False)
        return {(row["article_id"], row["entity_id"], row["name"]) for row in json.loads(result.output)}

    before = members("Adel Abdul Mahdi")
    article_id = sorted(before)[0][0]
    result = runner.invoke(cli, ["entities", "split", "Adel Abdul Mahdi", "--article", article_id, "--db", path])
    assert result.exit_code == 0 and result.output.startswith("split off Q")
    after = members("Adel Abdul Mahdi")
    assert after == {m for m in before if m[0] != article_id}
    new_id = result.output.split()[2].rstrip(":")
    # The correction is replayed when the identity is rebuilt (e.g. after an ingest).
    with open_store(path) as store, store.engine.begin() as conn:
        identity.build(conn)
    assert members("Adel Abdul Mahdi") == after
    result = runner.invoke(cli, ["entities", "merge", "Adel Abdul Mahdi", new_id, "--db", path])
    assert result.exit_code == 1 and "names several entities" in result.output  # ambiguous: ids needed
    with open_store(path) as store, store.engine.connect() as conn:
        (old_id,) = [row["id"] for row in identity.find(conn, "Adel Abdul Mahdi") if row["id"] != new_id]
    result = runner.invoke(cli, ["entities", "merge", old_id, new_id, "--db", path])
    assert result.exit_code == 0, result.output
    assert members("Adel Abdul Mahdi") == before


@pytest.mark.parametrize("batch", [1, 3, 1000])  # one article a step, a few, all at once
def test_newest_first_batches_give_the_same_rows(store, monkeypatch, batch):
    from newsgraph.query import queries

    full = entity_profile(store, "Rohani", limit=1000)
    monkeypatch.setattr(queries, "NEWEST_BATCH", batch)
    small = entity_profile(store, "Rohani", limit=4)
    assert small["quotes_by"] == full["quotes_by"][:4]
    assert small["quotes_about"] == full["quotes_about"][:4]


@pytest.mark.parametrize(
    "value, bound",
    [("1987", "1987-12-31"), ("1987-02", "1987-02-28"), ("1988-02", "1988-02-29"), ("1987-03-05", "1987-03-05")],
)
def test_until_is_inclusive(value, bound):
    from newsgraph.query.queries import _until_bound

    assert _until_bound(value) == bound


@pytest.mark.parametrize("value", ["1987-13-01", "1987-02-30", "87-03-01", "yesterday", "1987-3-1"])
def test_bad_dates_are_refused(value):
    from newsgraph.query.queries import _check_date

    with pytest.raises(ValueError, match="must be a date"):
        _check_date(value, "since")


def test_a_person_keeps_one_actor_code_across_the_corpus(tmp_path):
    # Mahdi is IRQGOV where his title is written and plain GOV where it is not: both read IRQGOV
    from newsgraph.store import open_store
    from tests.synthetic import _Builder

    def article(article_id, source_code):
        builder = _Builder(article_id, "2019-04-07")
        source, source_span = builder.entity("Adel Abdul Mahdi", "PERSON", "Adel Abdul Mahdi", "IRQ", "Prime Minister")
        builder.add(" met ")
        target, target_span = builder.entity("Hassan Rohani", "PERSON", "Hassan Rohani", "IRN", "President")
        builder.add(f" for talks number {article_id}.")  # the texts differ: the store keeps one of each
        builder.facts["events"].append({
            "span": [0, target_span[1]], "text": builder.text[: target_span[1]], "sentence": 0, "code": "040", "root": "04",
            "quad_class": 1, "goldstein": 1.0, "plover": None, "name": None, "trigger": {"text": "met", "span": [17, 20]},
            "source": {"entity": source, "code": source_code, "name": "Adel Abdul Mahdi", "span": source_span},
            "target": {"entity": target, "code": "IRNGOV", "name": "Hassan Rohani", "span": target_span},
            "date": "2019-04-07", "date_from": "published", "place": None, "negated": False, "modality": None, "evidence": []})
        return builder.analysis("Reuters")

    store = open_store(str(tmp_path / "codes.db"))
    for analysis in (article("a1", "IRQGOV"), article("a2", "GOV"), article("a3", "IRQGOV")):
        assert store.add_analysis(analysis)
    identity_builder.rebuild(store)
    rows = find_events(store, limit=10)
    assert len(rows) == 3 and {r["source_code"] for r in rows} == {"IRQGOV"}
    profile = entity_profile(store, "Adel Abdul Mahdi")
    assert {r["source_code"] for r in profile["events_as_source"]} == {"IRQGOV"}
    # the filters read the kept code too: the article that said only "GOV" is found under IRQ
    assert len(find_events(store, actor="IRQ", limit=10)) == 3
    assert len(find_events(store, source="IRQGOV", limit=10)) == 3
    assert find_events(store, target="IRQ", limit=10) == []
    (canonical,) = find_canonical_events(store, actor="IRQ")  # the three reports of one meeting
    assert canonical["num_mentions"] == 3 and canonical["source_code"] == "IRQGOV"
    # and so does the GDELT Events export: one person, one Actor1Code
    from newsgraph.export.gdelt import EVENT_COLUMNS
    from newsgraph.export.run import export

    export(store, "events", tmp_path / "events.csv", canonical=False)
    rows = [line.split("\t") for line in (tmp_path / "events.csv").read_text(encoding="utf-8").splitlines()]
    assert rows and {row[EVENT_COLUMNS.index("Actor1Code")] for row in rows} == {"IRQGOV"}
    store.close()
