"""Roles: titles before a person's name or in an apposition after it, and their country."""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Token

from newsgraph.countries import country_from_demonym, country_from_name
from newsgraph.extract.entities.clusters import Cluster
from newsgraph.extract.entities.vocabulary import DETERMINERS, PURE_HONORIFICS, is_title, role_vocabulary

__all__ = ["assign_role", "find_role", "employer_before", "employer_in_apposition", "canonical_name"]

EMPLOYER_PREPOSITIONS = {"for", "of", "at", "with"}


def assign_role(doc: Doc, cluster: Cluster, clusters: Optional[list[Cluster]] = None) -> None:
    """The first role stated for the person, before the name or in an apposition, and its country.
    An apposition that names the employer ("Jane Roe, a spokeswoman for the ministry,") adds it
    to the role, by the name of the organization the mention belongs to ("Spokeswoman for
    Foreign Ministry"), when ``clusters`` are given."""
    for start, end, kind in sorted(cluster.mentions):
        if kind != "name":
            continue
        role, role_country = find_role(doc, start, end)
        if role and not cluster.role and clusters is not None:
            employer = employer_in_apposition(doc, end, clusters)
            if employer is not None:
                preposition, organization = employer
                role = f"{role} {preposition} {canonical_name(doc, organization)}"
                cluster.employer = cluster.employer or organization
            else:
                cluster.employer = cluster.employer or employer_before(doc, start, clusters)
        if role:
            cluster.role = cluster.role or role
            cluster.country = cluster.country or role_country
        if cluster.role and cluster.country:
            return


def employer_in_apposition(doc: Doc, end: int, clusters: list[Cluster]) -> Optional[tuple[str, Cluster]]:
    """(preposition, organization) of "X, a spokeswoman for the ministry," / "X, an analyst at
    Deutsche Bank,": the organization whose mention follows the role's preposition."""
    vocabulary = role_vocabulary()
    if end >= len(doc) - 2 or doc[end].text != ",":
        return None
    j = end + 1
    while j < len(doc) and j - end < 8 and doc[j].lower_ not in EMPLOYER_PREPOSITIONS and doc[j].text != ",":
        j += 1
    if j >= len(doc) - 1 or doc[j].lower_ not in EMPLOYER_PREPOSITIONS or doc[j - 1].lower_ not in vocabulary["role_heads"]:
        return None
    target = j + 1
    for cluster in clusters:
        if cluster.label != "ORG":
            continue
        for start, _stop, _ in cluster.mentions:
            if start in (target, target + 1) and (start == target or doc[target].lower_ == "the"):
                return doc[j].lower_, cluster
    return None


def employer_before(doc: Doc, start: int, clusters: list[Cluster]) -> Optional[Cluster]:
    """The organization named just before a person's title: "Acme chief executive Jane Doe",
    "Acme's spokeswoman Jane Roe"; None when the words before the name hold no role."""
    vocabulary = role_vocabulary()
    i = start - 1
    while i >= 0 and is_title(doc[i]) and not doc[i].is_sent_end:
        i -= 1
    if i == start - 1 or not any(t.lower_ in vocabulary["role_heads"] for t in doc[i + 1 : start]):
        return None
    if i >= 0 and doc[i].lower_ in {"'s", "’s", "'"}:
        i -= 1
    for cluster in clusters:
        if cluster.label == "ORG" and any(stop == i + 1 for _, stop, _ in cluster.mentions):
            return cluster
    return None


def find_role(doc: Doc, start: int, end: int) -> tuple[Optional[str], Optional[str]]:
    """(role, country ISO3) stated for the name at tokens ``[start, end)``, else (None, None)."""
    role, role_country = _role_before(doc, start)
    if role is None:
        role, role_country = _role_in_apposition(doc, end)
    return role, role_country


def _role_before(doc: Doc, start: int) -> tuple[Optional[str], Optional[str]]:
    """'Iran's Supreme Leader Ayatollah Ali Khamenei', 'Iraqi Prime Minister Adel Abdul Mahdi'."""
    vocabulary = role_vocabulary()
    i = start - 1
    while i >= 0 and (is_title(doc[i]) or doc[i].lower_ == "of") and not doc[i].is_sent_end:
        i -= 1
    words = [t for t in doc[i + 1 : start] if t.lower_ not in PURE_HONORIFICS]
    while words and words[0].lower_ == "of":
        words.pop(0)
    if not any(t.lower_ in vocabulary["role_heads"] for t in words):
        return None, None
    return _role_text(words), _country_before(doc, i)


def _country_before(doc: Doc, i: int) -> Optional[str]:
    """The country named just before a title: 'Iraqi', 'U.S.', "Iran 's"."""
    if i >= 1 and doc[i].lower_ in {"'s", "’s", "'"}:
        span_start = i - 1
        while span_start > 0 and doc[span_start - 1].ent_iob_ == "I" and doc[span_start].ent_iob_ == "I":
            span_start -= 1
        return country_from_name(doc[span_start:i].text) or country_from_name(doc[i - 1].text)
    if i >= 0:
        return country_from_demonym(doc[i].text) or country_from_name(doc[i].text)
    return None


def _role_in_apposition(doc: Doc, end: int) -> tuple[Optional[str], Optional[str]]:
    """'Adel Abdul Mahdi, Iraq's prime minister,' and 'X, the president of Y,'."""
    vocabulary = role_vocabulary()
    if end >= len(doc) - 1 or doc[end].text != ",":
        return None, None
    i = end + 1
    found_country = None
    if doc[i].lower_ in DETERMINERS:
        i += 1
    if i + 1 < len(doc) and doc[i + 1].lower_ in {"'s", "’s"}:
        found_country = country_from_name(doc[i].text)
        i += 2
    elif i < len(doc) and (code := country_from_demonym(doc[i].text)):
        found_country = code
        i += 1
    j = i
    while j < len(doc) and doc[j].lower_ in vocabulary["title_words"]:
        j += 1
    words = list(doc[i:j])
    if not words or words[-1].lower_ not in vocabulary["role_heads"]:
        return None, None
    if found_country is None and j + 1 < len(doc) and doc[j].lower_ == "of":
        found_country = country_from_name(doc[j + 1].text) or (
            j + 2 < len(doc) and country_from_name(doc[j + 1 : j + 3].text) or None
        )
    return _role_text(words), found_country


def _role_text(words: list[Token]) -> str:
    return " ".join(t.text if t.text[:1].isupper() else t.text.capitalize() for t in words)




def canonical_name(doc: Doc, cluster: Cluster) -> str:
    """The cluster's fullest name mention ("Ali Khamenei", "Foreign Ministry")."""
    names = [doc[s:e].text for s, e, kind in cluster.mentions if kind == "name"]
    return max(names, key=lambda text: (len(text.split()), len(text)))
