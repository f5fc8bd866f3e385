"""Clusters: the named mentions of one referent grouped, and the cluster's type."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Optional

from spacy.tokens import Doc

from newsgraph.countries import country_from_capital, country_from_demonym, country_from_name
from newsgraph.extract.entities.names import Name

__all__ = ["Cluster", "cluster_names", "same_person"]


@dataclass
class Cluster:
    """Mentions of one referent while they are being gathered (token spans and their kinds)."""

    label: str
    key: str
    mentions: list[tuple[int, int, str]] = field(default_factory=list)  # (start token, end token, kind)
    labels: Counter = field(default_factory=Counter)
    country: Optional[str] = None
    role: Optional[str] = None
    gender: Optional[str] = None  # "m" | "f" for people, when known

    @property
    def first(self) -> int:
        return min(start for start, _, _ in self.mentions)

    def add(self, start: int, end: int, kind: str) -> None:
        self.mentions.append((start, end, kind))



def cluster_names(doc: Doc, names: list[Name]) -> list[Cluster]:
    """Group the named mentions of one referent; clusters come in order of first mention."""
    clusters: list[Cluster] = []
    by_key: dict[str, Cluster] = {}
    for name in names:
        cluster = _match_person(doc, name, clusters) if name.label == "PERSON" else None
        if cluster is None:
            key = _cluster_key(doc, name)
            cluster = by_key.get(key) or _match_acronym(doc, name, clusters)
        if cluster is None:
            cluster = Cluster(label=name.label, key=_cluster_key(doc, name))
            clusters.append(cluster)
            by_key[cluster.key] = cluster
        cluster.add(name.start, name.end, "name")
        cluster.labels[name.label] += name.end - name.start
    for cluster in clusters:
        cluster.label = _cluster_label(cluster)
        if cluster.label in {"GPE", "LOC", "NORP"} and cluster.key.startswith(("country:", "demonym:")):
            cluster.country = cluster.key.split(":", 1)[1]
        elif cluster.label == "GPE":
            start, end, _ = cluster.mentions[0]
            cluster.country = country_from_capital(doc[start:end].text)  # "Tehran" is in Iran
    return clusters


def _cluster_key(doc: Doc, name: Name) -> str:
    text = name.text(doc)
    if name.label in {"GPE", "LOC"} and (code := country_from_name(text)):
        return f"country:{code}"
    if name.label == "NORP" and (code := country_from_demonym(text)):
        return f"demonym:{code}"
    # One sense per document: the same name is one referent whatever label each mention got.
    return f"name:{text.lower()}"


def _match_person(doc: Doc, name: Name, clusters: list[Cluster]) -> Optional[Cluster]:
    """The person cluster this name continues: same full name, or a surname or first name of it."""
    tokens = [t.text for t in doc[name.start : name.end]]
    for cluster in reversed(clusters):  # the most recently started first
        if cluster.label != "PERSON" and "PERSON" not in cluster.labels:
            continue
        for start, end, kind in cluster.mentions:
            if kind == "name" and same_person(tokens, [t.text for t in doc[start:end]]):
                return cluster
    return None


def same_person(a: list[str], b: list[str]) -> bool:
    if a == b:
        return True
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) == 1:
        return short[0] in (long[-1], long[0])
    # "Ali Khamenei" and "Ayatollah Ali Khamenei"; "J. Smith" and "John Smith"
    return short[-1] == long[-1] and (short[0] in long or short[0].rstrip(".") == long[0][:1])


def _match_acronym(doc: Doc, name: Name, clusters: list[Cluster]) -> Optional[Cluster]:
    """An all-capitals ORG name that spells the initials of an organization already named."""
    text = name.text(doc).replace(".", "")
    if name.label != "ORG" or not text.isupper() or not 2 <= len(text) <= 6:
        return None
    for cluster in clusters:
        if cluster.label == "ORG":
            start, end, _ = cluster.mentions[0]
            initials = "".join(t.text[0] for t in doc[start:end] if t.text[:1].isupper())
            if initials == text:
                return cluster
    return None


def _cluster_label(cluster: Cluster) -> str:
    """The majority label (counted in tokens). A person wins ties, and wins against the labels
    the small model confuses people with (PRODUCT, WORK_OF_ART, EVENT, LAW, FAC)."""
    labels = cluster.labels
    if "PERSON" in labels:
        rivals = [count for label, count in labels.items() if label in {"ORG", "GPE", "LOC", "NORP"}]
        if labels["PERSON"] >= max(rivals, default=0):
            return "PERSON"
        if any(end - start > 1 for start, end, _ in cluster.mentions) and labels["PERSON"] >= max(rivals) / 2:
            return "PERSON"
    return labels.most_common(1)[0][0]


