"""The `newsgraph_events` component: fills ``Doc._.ng_events``."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.extract.common import FactComponent
from newsgraph.model import Event


@Language.factory("newsgraph_events", assigns=["doc._.ng_events"], requires=["doc._.ng_entities", "doc._.ng_dates", "doc._.ng_places"])
def make_events(nlp: Language, name: str) -> "EventCoder":
    return EventCoder(nlp, name)


class EventCoder(FactComponent):
    """Sets ``Doc._.ng_events``: a list of :class:`newsgraph.model.Event`."""

    extension = "ng_events"

    def find(self, doc: Doc) -> list[Event]:
        return find_events(doc)


def find_events(doc: Doc) -> list[Event]:
    """All events in ``doc``."""
    return []
