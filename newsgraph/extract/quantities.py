"""The `newsgraph_quantities` component: fills ``Doc._.ng_quantities``."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.extract.common import FactComponent
from newsgraph.model import Quantity


@Language.factory("newsgraph_quantities", assigns=["doc._.ng_quantities"], requires=["doc.sents"])
def make_quantities(nlp: Language, name: str) -> "QuantityFinder":
    return QuantityFinder(nlp, name)


class QuantityFinder(FactComponent):
    """Sets ``Doc._.ng_quantities``: a list of :class:`newsgraph.model.Quantity`."""

    extension = "ng_quantities"

    def find(self, doc: Doc) -> list[Quantity]:
        return find_quantities(doc)


def find_quantities(doc: Doc) -> list[Quantity]:
    """All quantities in ``doc``."""
    return []
