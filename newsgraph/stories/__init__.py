"""Across sources: stories (the reports of one happening), canonical events, numeric claims and
quotes traced to their origin. A stage after identity: it reads the store's analyses and corpus
entities and writes its own tables.

``events``, ``grouping``, ``claims`` and ``quotes`` are pure (records in, groups out); ``builder``
fills the store's story tables.
"""

__all__: list[str] = []  # the modules are imported by name
