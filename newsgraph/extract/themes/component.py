"""The ``newsgraph_themes`` component: the taxonomy's themes found in the article.

Sets ``Doc._.ng_themes``: a list of :class:`newsgraph.model.Theme`, strongest first, each with the
spans of the words and events that evidence it. Terms come from the built-in taxonomy plus any
YAML files named by the component's ``extra_themes`` setting or, when that is not given, by the
``NEWSGRAPH_THEMES`` environment variable (paths separated by ":"), so that every command and
worker process reads the same themes.
"""

from __future__ import annotations

import os
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.extract._common import FactComponent, sentence_index
from newsgraph.extract.themes.matcher import EventFact, TermIndex, TokenForms, score_themes
from newsgraph.extract.themes.taxonomy import load_taxonomy, theme_files_from
from newsgraph.model import Theme

THEMES_ENVIRONMENT = "NEWSGRAPH_THEMES"


@Language.factory(
    "newsgraph_themes",
    assigns=["doc._.ng_themes"],
    requires=["doc.sents", "token.lemma"],
    default_config={"extra_themes": None},
)
def make_themes(nlp: Language, name: str, extra_themes: Optional[str]) -> "ThemeFinder":
    return ThemeFinder(nlp, name, extra_themes)


class ThemeFinder(FactComponent):
    """Sets ``Doc._.ng_themes``."""

    extension = "ng_themes"

    def __init__(self, nlp: Optional[Language] = None, name: str = "", extra_themes: Optional[str] = None) -> None:
        super().__init__(nlp, name)
        setting = extra_themes if extra_themes is not None else os.environ.get(THEMES_ENVIRONMENT)
        self.taxonomy = load_taxonomy(theme_files_from(setting))
        self.index = TermIndex(self.taxonomy.values())

    def find(self, doc: Doc) -> list[Theme]:
        hits = self.index.hits(token_forms(doc)) + self.index.event_hits(event_facts(doc))
        return score_themes(hits, self.taxonomy)


# Words of a date or time are not theme words: "March 3" is a month, not a protest march.
NOT_THEME_WORDS = {"DATE", "TIME"}


def token_forms(doc: Doc) -> list[TokenForms]:
    """Each non-space token with its sentence and its lower-cased lemma and text (none inside a
    date or time)."""
    forms = []
    for token in doc:
        if token.is_space or token.ent_type_ in NOT_THEME_WORDS:
            continue
        lower = token.lower_
        lemma = token.lemma_.lower() or lower
        forms.append(TokenForms(token.idx, token.idx + len(token.text), sentence_index(doc, token.idx),
                                (lemma, lower) if lemma != lower else (lower,)))
    return forms


def event_facts(doc: Doc) -> list[EventFact]:
    events = doc._.get("ng_events") if doc.has_extension("ng_events") else None
    return [EventFact(event.code, event.span[0], event.span[1], event.sentence) for event in events or []]
