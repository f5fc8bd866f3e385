"""Hostile strings in every filter: they match nothing, raise only clear errors, and change nothing.

Every filter reaches the database as a bound parameter; LIKE wildcards are escaped and full-text
syntax is quoted, so ``%`` or ``*`` are plain characters, not "match everything".
"""

from __future__ import annotations

import pytest

from newsgraph.export import select_ids
from newsgraph.identity import builder as identity_builder
from newsgraph.query import entity_profile, find_events, find_quotes, search, top_entities
from newsgraph.query.queries import article
from tests.query.test_query import BACKENDS, open_test_store
from tests.synthetic import synthetic_corpus

INJECTIONS = [
    "x' OR '1'='1",  # classic quote break-out
    "'; DROP TABLE articles; --",  # stacked statement
    "Robert'); DROP TABLE quotes;--",  # stacked statement after a closing parenthesis
    '" OR ""="',  # double-quote break-out
    "%",  # LIKE wildcard
    "_",  # LIKE single-character wildcard
    "IRN%",  # wildcard after a real actor code prefix
    "*",  # FTS prefix wildcard
    "embargo OR 1=1",  # FTS operator
    "NEAR(embargo Tehran)",  # FTS5 function syntax
    "1987-01-01' OR '1'='1",  # date with a break-out
    "\\",  # a lone escape character
    "\x00",  # NUL byte
]


@pytest.fixture(scope="module", params=BACKENDS)
def store(request, tmp_path_factory):
    store, _, _, cleanup = open_test_store(request.param, tmp_path_factory)
    for analysis in synthetic_corpus(20, seed=5):
        store.add_analysis(analysis)
    identity_builder.rebuild(store)
    yield store
    cleanup()


CALLS = {
    "entities --type": lambda s, v: top_entities(s, type=v),
    "entities --country": lambda s, v: top_entities(s, country=v),
    "entity NAME": lambda s, v: entity_profile(s, v),
    "quotes --speaker": lambda s, v: find_quotes(s, speaker=v),
    "quotes --search": lambda s, v: find_quotes(s, q=v),
    "quotes --since": lambda s, v: find_quotes(s, since=v),
    "quotes --until": lambda s, v: find_quotes(s, until=v),
    "events --actor": lambda s, v: find_events(s, actor=v),
    "events --code": lambda s, v: find_events(s, code=v),
    "events --root": lambda s, v: find_events(s, root=v),
    "events --since": lambda s, v: find_events(s, since=v),
    "events --until": lambda s, v: find_events(s, until=v),
    "search TEXT": lambda s, v: search(s, v),
    "show ARTICLE_ID": lambda s, v: article(s, v),
    "export --source": lambda s, v: select_ids(s, source=v),
    "export --search": lambda s, v: select_ids(s, search=v),
    "export --entity": lambda s, v: select_ids(s, entity=v),
    "export --since": lambda s, v: select_ids(s, since=v),
}


def _state(store):
    return store.counts()


# Strings that are also meaningful plain searches: full-text search may legitimately find "embargo".
_REAL_WORDS = {"embargo OR 1=1", "NEAR(embargo Tehran)"}


@pytest.mark.parametrize("value", INJECTIONS)
@pytest.mark.parametrize("name", sorted(CALLS))
def test_injection_is_inert(store, name, value):
    before = _state(store)
    try:
        result = CALLS[name](store, value)
    except (LookupError, ValueError) as error:  # an unknown name or a malformed date, said plainly
        assert "DROP" not in type(error).__name__
        result = None
    if result is not None and value not in _REAL_WORDS:
        rows = result if isinstance(result, list) else []
        assert rows == [], f"{name} {value!r} matched {len(rows)} rows"
    if result is not None and value in _REAL_WORDS and isinstance(result, list):
        # Only articles that really contain those words: the operators are plain words.
        texts = {a["article"]["id"]: a["article"]["text"] for a in store.iter_analyses()}
        for row in result:
            article_id = row if isinstance(row, str) else row["article_id"]
            assert all(word.lower() in texts[article_id].lower() for word in ("embargo",))
    assert _state(store) == before
