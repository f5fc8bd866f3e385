"""newsgraph.query: questions to the store, every answer with its evidence (article id and span).

    >>> from newsgraph.store import open_store
    >>> from newsgraph import query
    >>> store = open_store("newsgraph.db")
    >>> query.top_entities(store, type="PERSON", top=10)
    >>> query.entity_profile(store, "Khamenei")["quotes_by"]
    >>> query.find_events(store, actor="IRN", root="19", since="2019-01-01", until="2019-01-31")
"""

from newsgraph.query.queries import (
    article,
    entity_profile,
    fact_marks,
    find_events,
    find_quotes,
    search,
    top_entities,
)

__all__ = ["article", "entity_profile", "fact_marks", "find_events", "find_quotes", "search", "top_entities"]
