"""Themes: a taxonomy of about 60 topics named after GDELT's GKG themes, found from words and events.

``taxonomy`` reads the themes (``taxonomy.yaml`` and users' YAML files), ``matcher`` finds term and
event hits and scores them, ``component`` is the ``newsgraph_themes`` spaCy component.
"""

from newsgraph.extract.themes.matcher import EventFact, Hit, TermIndex, TokenForms, score_themes
from newsgraph.extract.themes.taxonomy import (
    TaxonomyError,
    ThemeDefinition,
    builtin_taxonomy,
    load_taxonomy,
    parse_taxonomy,
)

__all__ = [
    "EventFact", "Hit", "TaxonomyError", "TermIndex", "ThemeDefinition", "TokenForms",
    "builtin_taxonomy", "load_taxonomy", "parse_taxonomy", "score_themes",
]
