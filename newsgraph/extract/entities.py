"""The ``newsgraph_entities`` component: people, organizations and places held together.

Fills ``Doc._.ng_entities`` with :class:`newsgraph.model.Entity` clusters. Later components
find the entity behind a span with :func:`entity_at`.
"""

from __future__ import annotations

from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.countries import country_from_any, country_from_capital
from newsgraph.extract.common import FactComponent, sentence_index
from newsgraph.model import Entity, Mention

ENTITY_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}


@Language.factory("newsgraph_entities", assigns=["doc._.ng_entities"], requires=["doc.ents", "token.dep"])
def make_entities(nlp: Language, name: str) -> "EntityClusterer":
    return EntityClusterer(nlp, name)


class EntityClusterer(FactComponent):
    """Sets ``Doc._.ng_entities``: a list of :class:`newsgraph.model.Entity`."""

    extension = "ng_entities"

    def find(self, doc: Doc) -> list[Entity]:
        return find_entities(doc)


def find_entities(doc: Doc) -> list[Entity]:
    """Cluster the named mentions of ``doc`` into entities."""
    clusters: dict[tuple[str, str], Entity] = {}
    for ent in doc.ents:
        if ent.label_ not in ENTITY_LABELS:
            continue
        country = country_from_any(ent.text) if ent.label_ in {"GPE", "NORP", "LOC"} else None
        key = (ent.label_, country or ent.text.lower())
        entity = clusters.get(key)
        if entity is None:
            entity = Entity(id=f"E{len(clusters) + 1}", name=ent.text, type=ent.label_, country=country)
            clusters[key] = entity
        entity.mentions.append(
            Mention(span=(ent.start_char, ent.end_char), text=ent.text, sentence=sentence_index(doc, ent.start_char), kind="name")
        )
    return list(clusters.values())


def entity_at(doc: Doc, start: int, end: int) -> Optional[Entity]:
    """The entity one of whose mentions overlaps characters ``[start, end)``, or None."""
    for entity in doc._.ng_entities or []:
        for mention in entity.mentions:
            if mention.span[0] < end and start < mention.span[1]:
                return entity
    return None


__all__ = ["EntityClusterer", "entity_at", "find_entities", "country_from_capital"]
