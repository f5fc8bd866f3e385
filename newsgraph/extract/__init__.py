"""newsgraph's spaCy components, one module each. Importing this package registers their factories."""

from newsgraph.extract import dates, entities, events, places, quantities, quotes  # noqa: F401
