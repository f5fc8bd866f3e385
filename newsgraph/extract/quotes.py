"""The `newsgraph_quotes` component: fills ``Doc._.ng_quotes``."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.extract.common import FactComponent
from newsgraph.model import Quote


@Language.factory("newsgraph_quotes", assigns=["doc._.ng_quotes"], requires=["doc._.ng_entities"])
def make_quotes(nlp: Language, name: str) -> "QuoteFinder":
    return QuoteFinder(nlp, name)


class QuoteFinder(FactComponent):
    """Sets ``Doc._.ng_quotes``: a list of :class:`newsgraph.model.Quote`."""

    extension = "ng_quotes"

    def find(self, doc: Doc) -> list[Quote]:
        return find_quotes(doc)


def find_quotes(doc: Doc) -> list[Quote]:
    """All quotes in ``doc``."""
    return []
