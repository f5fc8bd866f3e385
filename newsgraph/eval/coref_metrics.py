"""Coreference scores over clusterings of the same mentions: MUC, B³, CEAF-e and their mean (CoNLL F1).

A clustering is a mapping from mention key to cluster label. Gold and system clusterings here
always cover the same mentions (a mention the system did not cluster is a singleton of its own),
so the scores measure how mentions are grouped, not which mentions are found.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Hashable, Mapping

__all__ = ["Scores", "b_cubed", "ceaf_e", "conll", "muc"]

Clustering = Mapping[Any, Hashable]  # mention key -> cluster label


@dataclass(frozen=True)
class Scores:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, float]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


def _clusters(clustering: Clustering) -> list[set[Hashable]]:
    groups: dict[Hashable, set[Hashable]] = defaultdict(set)
    for mention, label in clustering.items():
        groups[label].add(mention)
    return list(groups.values())


def _muc_recall(key: list[set[Hashable]], response: Clustering) -> float:
    """Links of the key clusters that the response keeps (Vilain et al. 1995)."""
    numerator = denominator = 0
    for cluster in key:
        parts = {response.get(mention, ("alone", mention)) for mention in cluster}
        numerator += len(cluster) - len(parts)
        denominator += len(cluster) - 1
    return numerator / denominator if denominator else 0.0


def muc(gold: Clustering, system: Clustering) -> Scores:
    return Scores(_muc_recall(_clusters(system), gold), _muc_recall(_clusters(gold), system))


def _b_cubed_side(key: Clustering, response: Clustering) -> float:
    key_clusters = {label: cluster for cluster in _clusters(key) for label in [key[next(iter(cluster))]]}
    response_clusters = {label: cluster for cluster in _clusters(response) for label in [response[next(iter(cluster))]]}
    total = 0.0
    for mention in key:
        own = key_clusters[key[mention]]
        other = response_clusters[response[mention]]
        total += len(own & other) / len(own)
    return total / len(key) if key else 0.0


def b_cubed(gold: Clustering, system: Clustering) -> Scores:
    """Per-mention precision and recall of the cluster it is in (Bagga and Baldwin 1998)."""
    return Scores(_b_cubed_side(system, gold), _b_cubed_side(gold, system))


def ceaf_e(gold: Clustering, system: Clustering) -> Scores:
    """Entity-based CEAF (Luo 2005): the best one-to-one alignment of clusters, similarity
    2|K∩R| / (|K|+|R|)."""
    from scipy.optimize import linear_sum_assignment  # noqa: PLC0415 - lazy: only this scorer needs scipy

    key, response = _clusters(gold), _clusters(system)
    if not key or not response:
        return Scores(0.0, 0.0)
    index = {mention: number for number, cluster in enumerate(response) for mention in cluster}
    similarity = [[0.0] * len(response) for _ in key]
    for row, cluster in enumerate(key):
        for mention in cluster:
            column = index.get(mention)
            if column is not None:
                similarity[row][column] += 1
        for column in {index[m] for m in cluster if m in index}:
            similarity[row][column] = 2 * similarity[row][column] / (len(cluster) + len(response[column]))
    rows, columns = linear_sum_assignment(similarity, maximize=True)
    best = sum(similarity[r][c] for r, c in zip(rows, columns))
    return Scores(best / len(response), best / len(key))


def conll(gold: Clustering, system: Clustering) -> dict[str, dict[str, float]]:
    """MUC, B³ and CEAF-e, and CoNLL F1: the mean of their F1s."""
    scores = {"muc": muc(gold, system), "b3": b_cubed(gold, system), "ceafe": ceaf_e(gold, system)}
    out = {name: score.to_dict() for name, score in scores.items()}
    out["conll"] = {"f1": round(sum(score.f1 for score in scores.values()) / 3, 4)}
    return out
