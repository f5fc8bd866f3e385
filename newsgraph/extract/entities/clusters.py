"""Clusters: the named mentions of one referent grouped, and the cluster's type."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Optional

from spacy.tokens import Doc

from newsgraph.countries import country_from_capital, country_from_demonym, country_from_name
from newsgraph.extract.entities.names import Name

__all__ = ["Cluster", "cluster_names", "cluster_key", "same_person", "without_corporate_suffix", "CORPORATE_SUFFIXES"]

# Legal forms that end a company's name; the name without them is the same company.
CORPORATE_SUFFIXES = {
    "corp", "corp.", "corporation", "inc", "inc.", "incorporated", "ltd", "ltd.", "limited", "plc", "co", "co.",
    "llc", "llp", "ag", "sa", "s.a.", "nv", "n.v.", "bv", "gmbh", "spa", "s.p.a.", "ab", "asa", "oyj", "bhd", "pty",
}


@dataclass
class Cluster:
    """Mentions of one referent while they are being gathered (token spans and their kinds)."""

    label: str
    key: str
    mentions: list[tuple[int, int, str]] = field(default_factory=list)  # (start token, end token, kind)
    labels: Counter = field(default_factory=Counter)
    country: Optional[str] = None
    role: Optional[str] = None
    employer: Optional["Cluster"] = field(default=None, repr=False, compare=False)  # the organization of the role
    gender: Optional[str] = None  # "m" | "f" for people, when known
    # Evidence besides the model's labels that the referent is an organization ("pattern",
    # "team", "known", "acronym", a cue): it decides the cluster's type.
    evidence: set = field(default_factory=set)

    @property
    def first(self) -> int:
        return min(start for start, _, _ in self.mentions)

    def add(self, start: int, end: int, kind: str) -> None:
        self.mentions.append((start, end, kind))



def cluster_names(doc: Doc, names: list[Name], aliases: Optional[dict[str, str]] = None) -> list[Cluster]:
    """Group the named mentions of one referent; clusters come in order of first mention.
    ``aliases`` maps a name's key to another's ("name:napm" to the key of the name it abbreviates)."""
    aliases = aliases or {}
    clusters: list[Cluster] = []
    by_key: dict[str, Cluster] = {}
    for name in names:
        key = cluster_key(doc, name)
        key = aliases.get(key, key)
        cluster = by_key.get(key) if name.evidence else None
        if cluster is None and name.label == "PERSON":
            cluster = _match_person(doc, name, clusters)
        if cluster is None:
            cluster = by_key.get(key) or _match_acronym(doc, name, clusters)
        if cluster is None:
            cluster = Cluster(label=name.label, key=key)
            clusters.append(cluster)
            by_key[cluster.key] = cluster
        cluster.add(name.start, name.end, "name")
        cluster.labels[name.label] += name.end - name.start
        if name.evidence:
            cluster.evidence.add(name.evidence)
    for cluster in clusters:
        cluster.label = _cluster_label(cluster)
        if cluster.label in {"GPE", "LOC", "NORP"} and cluster.key.startswith(("country:", "demonym:")):
            cluster.country = cluster.key.split(":", 1)[1]
        elif cluster.label == "GPE":
            start, end, _ = cluster.mentions[0]
            cluster.country = country_from_capital(doc[start:end].text)  # "Tehran" is in Iran
    return clusters


def cluster_key(doc: Doc, name: Name) -> str:
    text = name.text(doc)
    if name.label in {"GPE", "LOC"} and (code := country_from_name(text)):
        return f"country:{code}"
    if name.label == "NORP" and (code := country_from_demonym(text)):
        return f"demonym:{code}"
    # One sense per document: the same name is one referent whatever label each mention got;
    # "Microsoft Corp" and "Microsoft" are one company.
    return f"name:{without_corporate_suffix(text).lower()}"


def without_corporate_suffix(text: str) -> str:
    """The name without the legal form that ends it ("Microsoft Corp." -> "Microsoft")."""
    words = text.replace(" ,", ",").split()
    while len(words) > 1 and words[-1].rstrip(",").lower() in CORPORATE_SUFFIXES:
        words.pop()
    return " ".join(words).rstrip(",") if words else text


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
    """One type per cluster. Evidence that it is an organization (its name's shape, a cue, a
    known organization, a team in a table) wins, except for a country. Else the majority label
    (counted in tokens); a person wins ties, and wins against the labels the small model
    confuses people with (PRODUCT, WORK_OF_ART, EVENT, LAW, FAC)."""
    labels = cluster.labels
    if cluster.evidence and not cluster.key.startswith("country:"):
        return "ORG"
    if "PERSON" in labels:
        rivals = [count for label, count in labels.items() if label in {"ORG", "GPE", "LOC", "NORP"}]
        if labels["PERSON"] >= max(rivals, default=0):
            return "PERSON"
        if any(end - start > 1 for start, end, _ in cluster.mentions) and labels["PERSON"] >= max(rivals) / 2:
            return "PERSON"
    return labels.most_common(1)[0][0]


