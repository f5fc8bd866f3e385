"""The `newsgraph_dates` component: fills ``Doc._.ng_dates``."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.extract.common import FactComponent
from newsgraph.model import TimeRef


@Language.factory("newsgraph_dates", assigns=["doc._.ng_dates"], requires=["doc.sents"])
def make_dates(nlp: Language, name: str) -> "DateFinder":
    return DateFinder(nlp, name)


class DateFinder(FactComponent):
    """Sets ``Doc._.ng_dates``: a list of :class:`newsgraph.model.TimeRef`."""

    extension = "ng_dates"

    def find(self, doc: Doc) -> list[TimeRef]:
        return find_dates(doc)


def find_dates(doc: Doc) -> list[TimeRef]:
    """All dates in ``doc``."""
    return []
