"""The `newsgraph_places` component: fills ``Doc._.ng_places``."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.extract.common import FactComponent
from newsgraph.model import Place


@Language.factory("newsgraph_places", assigns=["doc._.ng_places"], requires=["doc._.ng_entities"])
def make_places(nlp: Language, name: str) -> "PlaceFinder":
    return PlaceFinder(nlp, name)


class PlaceFinder(FactComponent):
    """Sets ``Doc._.ng_places``: a list of :class:`newsgraph.model.Place`."""

    extension = "ng_places"

    def find(self, doc: Doc) -> list[Place]:
        return find_places(doc)


def find_places(doc: Doc) -> list[Place]:
    """All places in ``doc``."""
    return []
