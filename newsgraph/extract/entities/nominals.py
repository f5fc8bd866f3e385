"""Nominal mentions: "the Iranian leader" joined to the person it describes."""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc

from newsgraph.countries import country_from_demonym, country_from_name
from newsgraph.extract.entities.clusters import Cluster
from newsgraph.extract.entities.vocabulary import role_vocabulary

__all__ = ["link_nominals"]


def link_nominals(doc: Doc, clusters: list[Cluster]) -> None:
    """Attach "the Iranian leader" / "The Iraqi prime minister" to the person they describe."""
    vocabulary = role_vocabulary()
    people = [c for c in clusters if c.label == "PERSON"]
    if not people or not doc.has_annotation("DEP"):
        return
    # A demonym inside the phrase ("the Iranian leader") is expected; another name is not.
    named = {i for c in clusters if c.label != "NORP" for s, e, _ in c.mentions for i in range(s, e)}
    for chunk in doc.noun_chunks:
        if chunk[0].lower_ != "the" or chunk.root.lower_ not in vocabulary["role_heads"] | vocabulary["generic_person_heads"]:
            continue
        if chunk.root.tag_ in {"NNS", "NNPS"} or named.intersection(range(chunk.start, chunk.end)):
            continue
        cluster = _describes(doc, chunk, people)
        if cluster is not None:
            cluster.add(chunk.start, chunk.end, "nominal")


def _describes(doc: Doc, chunk, people: list[Cluster]) -> Optional[Cluster]:
    """The most recently mentioned person before ``chunk`` whose country and role fit it."""
    vocabulary = role_vocabulary()
    modifiers = [t for t in chunk[1:] if t.i != chunk.root.i]
    nominal_country = next((code for t in modifiers if (code := country_from_demonym(t.text) or country_from_name(t.text))), None)
    role_words = {t.lower_ for t in chunk if t.lower_ in vocabulary["title_words"]}
    generic = chunk.root.lower_ in vocabulary["generic_person_heads"]
    best, best_position = None, -1
    for cluster in people:
        before = [s for s, _, kind in cluster.mentions if s < chunk.start and kind != "pronoun"]
        if not before:
            continue
        if nominal_country and cluster.country and nominal_country != cluster.country:
            continue
        cluster_words = set((cluster.role or "").lower().split())
        role_fits = bool(role_words & cluster_words) and chunk.root.lower_ in cluster_words
        country_fits = nominal_country is not None and nominal_country == cluster.country
        if not (role_fits or (generic and country_fits and cluster.role)):
            continue
        if max(before) > best_position:
            best, best_position = cluster, max(before)
    return best


