"""The ``newsgraph_quotes`` component: who said what, directly or in reported speech.

Fills ``Doc._.ng_quotes`` with :class:`newsgraph.model.Quote` found by
:func:`newsgraph.extract.quotes.finder.find_quotes`. Direct quotes come from the quotation marks
(:mod:`~newsgraph.extract.quotes.marks`, :mod:`~newsgraph.extract.quotes.direct`); reported speech
from the dependency parse (:mod:`~newsgraph.extract.quotes.reported`); cues and speakers from
:mod:`~newsgraph.extract.quotes.attribution` and :mod:`~newsgraph.extract.quotes.speakers`.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.extract._common import FactComponent
from newsgraph.extract.quotes.finder import find_quotes
from newsgraph.model import Quote

__all__ = ["QuoteFinder", "find_quotes", "make_quotes"]


@Language.factory("newsgraph_quotes", assigns=["doc._.ng_quotes"], requires=["doc._.ng_entities"])
def make_quotes(nlp: Language, name: str) -> "QuoteFinder":
    return QuoteFinder(nlp, name)


class QuoteFinder(FactComponent):
    """Sets ``Doc._.ng_quotes``: a list of :class:`newsgraph.model.Quote`."""

    extension = "ng_quotes"

    def find(self, doc: Doc) -> list[Quote]:
        return find_quotes(doc)
