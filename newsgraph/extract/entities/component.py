"""The ``newsgraph_entities`` component: people, organizations and places held together.

Fills ``Doc._.ng_entities`` with :class:`newsgraph.model.Entity` clusters, in five steps:

1. ``named_spans``: the model's entity spans, cleaned (no line breaks, determiners, possessives,
   trailing numbers or titles inside a name; no lower-case "names"; demonyms as NORP), plus
   every later occurrence of a name already found (one sense per document: a surname tagged ORG
   is the person's).
2. ``cluster_names``: names of one referent grouped (a surname joins the full name, "U.S." and
   "the United States" join through the country code).
3. ``find_role``: titles before a name or in an apposition become the person's role and country.
4. ``link_nominals``: "the Iranian leader" joins the compatible person mentioned before it;
   ``products.link_product_nominals``: "the aircraft" joins the product named before it.
5. ``newsgraph.extract.entities.coref.resolve_pronouns``: he/she/his/her/it/its/they to their clusters;
   ``products.link_relative_pronouns``: "which"/"who" join the noun phrase their clause describes.

Later components find the entity behind a span with :func:`entity_at`.
"""

from __future__ import annotations

from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.countries import country
from newsgraph.extract._common import FactComponent, sentence_index
from newsgraph.extract.entities.clusters import Cluster, cluster_key, cluster_names
from newsgraph.extract.entities.coref import resolve_pronouns
from newsgraph.extract.entities.names import (
    Name,
    add_where_free,
    drop_headline_fragments,
    named_spans,
    overlay,
    propagate_names,
)
from newsgraph.extract.entities.nominals import link_nominals, link_organization_nominals
from newsgraph.extract.entities.organizations import acronym_definitions, apply_cues, known_names, pattern_names
from newsgraph.extract.entities.products import link_product_nominals, link_relative_pronouns, resolve_it
from newsgraph.extract.entities.roles import assign_role, canonical_name
from newsgraph.extract.entities.tables import drop_figure_row_labels, team_names
from newsgraph.model import Entity, Mention

PLACE_LABELS = {"GPE", "LOC", "FAC"}

__all__ = ["make_entities", "EntityClusterer", "find_entities", "find_names", "entity_at"]


@Language.factory("newsgraph_entities", assigns=["doc._.ng_entities"], requires=["doc.ents", "token.dep"])
def make_entities(nlp: Language, name: str) -> "EntityClusterer":
    return EntityClusterer(nlp, name)


class EntityClusterer(FactComponent):
    """Sets ``Doc._.ng_entities``: a list of :class:`newsgraph.model.Entity`."""

    extension = "ng_entities"

    def find(self, doc: Doc) -> list[Entity]:
        return find_entities(doc)


def find_entities(doc: Doc) -> list[Entity]:
    """Cluster every mention of each person, organization and place of ``doc`` into entities."""

    names, aliases = find_names(doc)
    clusters = cluster_names(doc, names, aliases)
    link_organization_nominals(doc, clusters)
    for cluster in clusters:
        if cluster.label == "PERSON":
            assign_role(doc, cluster, clusters)
    link_nominals(doc, clusters)
    link_product_nominals(doc, clusters)
    resolve_pronouns(doc, clusters)
    resolve_it(doc, clusters)
    link_relative_pronouns(doc, clusters)
    return to_entities(doc, clusters)


def find_names(doc: Doc) -> tuple[list[Name], dict[str, str]]:
    """The named mentions of ``doc`` and the aliases among them (acronym key -> long form key).

    The model's spans give way to stronger evidence: teams in results tables, then names shaped
    like organizations'; known organizations fill gaps; acronyms defined in parentheses join their
    long form; every later occurrence of a name is found; cues retype the rest."""
    names = named_spans(doc)
    place_ends = {name.end for name in names if name.label in PLACE_LABELS}
    # "the West Bank", "Soviet Union": where the model read a place ending on the pattern's
    # last word, the place stays
    patterns = [name for name in pattern_names(doc) if name.end not in place_ends]
    names = overlay(names, team_names(doc) + patterns)
    names = add_where_free(names, known_names(doc))
    definitions = acronym_definitions(doc, names)
    names = overlay(names, [acronym for acronym, _ in definitions])
    aliases = {cluster_key(doc, acronym): cluster_key(doc, long_form) for acronym, long_form in definitions}
    names = propagate_names(doc, drop_figure_row_labels(doc, drop_headline_fragments(doc, names)))
    apply_cues(doc, names)
    return names, aliases


# --- output ----------------------------------------------------------------------------------


def to_entities(doc: Doc, clusters: list[Cluster]) -> list[Entity]:
    """The clusters as schema entities, numbered in order of first mention."""
    entities = []
    ordered = sorted(clusters, key=lambda c: c.first)
    ids = {id(cluster): f"E{number}" for number, cluster in enumerate(ordered, start=1)}
    for number, cluster in enumerate(ordered, start=1):
        mentions = [
            Mention(
                span=(doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)),
                text=doc[start:end].text,
                sentence=sentence_index(doc, doc[start].idx),
                kind=kind,
            )
            for start, end, kind in sorted(set(cluster.mentions))
        ]
        entities.append(
            Entity(
                id=f"E{number}",
                name=_canonical_name(doc, cluster),
                type=cluster.label,
                country=cluster.country,
                role=cluster.role,
                mentions=mentions,
                employer=ids.get(id(cluster.employer)) if cluster.employer is not None else None,
            )
        )
    return entities


def _canonical_name(doc: Doc, cluster: Cluster) -> str:
    if cluster.key.startswith("country:") and (found := country(cluster.key.split(":", 1)[1])):
        return found.name
    return canonical_name(doc, cluster)


def entity_at(doc: Doc, start: int, end: int) -> Optional[Entity]:
    """The entity one of whose mentions overlaps characters ``[start, end)``, or None."""
    for entity in doc._.ng_entities or []:
        for mention in entity.mentions:
            if mention.span[0] < end and start < mention.span[1]:
                return entity
    return None
