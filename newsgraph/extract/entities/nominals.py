"""Nominal mentions: "the Iranian leader" joined to the person it describes, "the company" or
"the ministry" to the organization it refers back to, "the country" to the country."""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc

from newsgraph.countries import country_from_demonym, country_from_name
from newsgraph.extract.entities.clusters import Cluster
from newsgraph.extract.entities.vocabulary import role_vocabulary

__all__ = ["link_nominals", "link_organization_nominals"]


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




# Nouns that refer back to an organization named before ("the company said"), and the words
# its name must hold for the noun to fit it ("the ministry" is the Foreign Ministry, not Siemens).
BUSINESS_NOUNS = {"company", "firm", "group", "corporation", "concern", "carrier", "airline", "maker", "insurer",
                  "lender", "retailer", "bank", "brewer", "automaker", "carmaker", "conglomerate", "manufacturer",
                  "producer", "operator", "chain", "publisher", "broadcaster", "network", "agency"}
NAMED_KIND_NOUNS = {
    "ministry": {"ministry", "department", "ministerio", "ministère", "ministero"},
    "party": {"party", "parti", "partido", "partei", "partito"},
    "union": {"union", "federation", "confederation", "syndicate", "sindicato"},
    "bank": {"bank", "bancorp", "banco", "banque", "banca", "bundesbank", "reserve"},
    "agency": {"agency", "agence", "agencia", "bureau", "office", "reuters", "xinhua", "interfax", "tass"},
    "council": {"council"},
    "committee": {"committee", "comité"},
    "commission": {"commission"},
    "federation": {"federation", "fédération", "federación"},
    "association": {"association"},
    "army": {"army", "forces"},
    "court": {"court", "tribunal"},
    "newspaper": {"newspaper", "times", "journal", "herald", "gazette", "tribune", "post", "daily", "telegraph"},
    "university": {"university", "college", "universidad", "université"},
    "club": {"club", "united", "city", "fc", "rovers", "athletic"},
    "militia": {"militia", "brigade", "brigades", "army", "front"},
    "movement": {"movement", "front", "movimiento"},
}
GROUP_NOUNS = {"group", "organisation", "organization", "body", "alliance", "coalition"}
# Words that make an organization a public body rather than a business ("the company" is not a ministry).
PUBLIC_BODY_WORDS = {"ministry", "party", "union", "council", "army", "police", "court", "committee", "commission",
                     "parliament", "government", "department", "assembly", "senate", "congress", "militia",
                     "front", "movement", "federation", "association", "league", "church"}
TEAM_NOUNS = {"team", "side", "club"}
COUNTRY_NOUNS = {"country", "nation"}
MAX_SENTENCES_BACK = 5


def link_organization_nominals(doc: Doc, clusters: list[Cluster]) -> None:
    """Attach "the company", "the ministry", "the union", "the group", "the team" to the
    organization they refer back to, and "the country" to the country named last."""
    if not doc.has_annotation("DEP"):
        return
    organizations = [c for c in clusters if c.label == "ORG"]
    countries = [c for c in clusters if c.label == "GPE" and c.key.startswith("country:")]
    named = {i for c in clusters for s, e, _ in c.mentions for i in range(s, e)}
    for chunk in doc.noun_chunks:
        head = chunk.root
        if chunk[0].lower_ != "the" or head.tag_ not in {"NN", "NNP"} or len(chunk) > 4:
            continue
        if named.intersection(range(chunk.start, chunk.end)) or (head.i + 1 < len(doc) and doc[head.i + 1].lower_ == "of"):
            continue  # "the Foreign Ministry" is a name; "the group of seven" is not a reference back
        noun = head.lower_
        if noun in COUNTRY_NOUNS:
            cluster = _most_recent(doc, chunk, countries, lambda c: True)
        elif noun in BUSINESS_NOUNS | GROUP_NOUNS | TEAM_NOUNS | set(NAMED_KIND_NOUNS):
            cluster = _most_recent(doc, chunk, organizations, lambda c, noun=noun: _organization_fits(doc, c, noun))
        else:
            continue
        if cluster is not None:
            cluster.add(chunk.start, chunk.end, "nominal")


def _organization_fits(doc: Doc, cluster: Cluster, noun: str) -> bool:
    words = {t.lower_ for s, e, kind in cluster.mentions if kind == "name" for t in doc[s:e]}
    if noun in NAMED_KIND_NOUNS and words & NAMED_KIND_NOUNS[noun]:
        return True
    if noun in TEAM_NOUNS:
        return "team" in cluster.evidence or bool(words & NAMED_KIND_NOUNS["club"])
    if noun in GROUP_NOUNS:
        return True
    if noun in BUSINESS_NOUNS:
        return not words & PUBLIC_BODY_WORDS and "team" not in cluster.evidence
    return False


def _most_recent(doc: Doc, chunk, candidates: list[Cluster], fits) -> Optional[Cluster]:
    """The candidate named last before ``chunk`` (within a few sentences) that ``fits``."""
    sentence_starts = [sent.start for sent in doc.sents]
    chunk_sentence = sum(1 for start in sentence_starts if start <= chunk.start)
    best, best_position = None, -1
    for cluster in candidates:
        before = [s for s, _, kind in cluster.mentions if s < chunk.start and kind == "name"]
        if not before or max(before) <= best_position:
            continue
        sentence = sum(1 for start in sentence_starts if start <= max(before))
        if chunk_sentence - sentence <= MAX_SENTENCES_BACK and fits(cluster):
            best, best_position = cluster, max(before)
    return best
