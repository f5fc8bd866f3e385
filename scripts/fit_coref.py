"""Fit the pronoun-resolution weights (newsgraph/data/coref_weights.json) on GAP development.

    python scripts/fit_coref.py [--gap ../shared/eval/coref/gap-development.tsv]

Each GAP pronoun whose gold antecedent is among its candidate clusters is one training case; a
softmax over the candidates' features is fit by gradient descent with L2 regularisation. Check
the result on the validation split: newsgraph eval coref --gap ../shared/eval/coref/gap-validation.tsv
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "newsgraph" / "data" / "coref_weights.json"
L2 = 0.01
STEPS = 600
LEARNING_RATE = 0.5


def training_cases(gap_path: Path) -> list[tuple[list[dict[str, float]], int]]:
    """(features of each candidate, index of the gold one) for every usable GAP pronoun."""
    from newsgraph.eval.coref import read_gap
    from newsgraph.extract import coref, entities
    from newsgraph.pipeline import load_bare_pipeline

    nlp = load_bare_pipeline()
    examples = [e for e in read_gap(gap_path) if e.a_coref or e.b_coref]
    cases = []
    for example, doc in zip(examples, nlp.pipe(e.text for e in examples)):
        clusters = entities.cluster_names(doc, entities.propagate_names(doc, entities.named_spans(doc)))
        people = [c for c in clusters if c.label == "PERSON"]
        for cluster in people:
            cluster.gender = coref.person_gender(doc, cluster)
        pronoun = doc.char_span(*example.pronoun, alignment_mode="expand")
        if pronoun is None or not people:
            continue
        token = pronoun[0]
        gender = "f" if example.feminine else "m"
        starts = [sent.start for sent in doc.sents]
        candidates = coref.candidate_features(doc, token, people, starts, gender)
        gold_span = example.a if example.a_coref else example.b
        gold_index = next(
            (
                index
                for index, (cluster, _) in enumerate(candidates)
                if any(doc[s].idx < gold_span[1] and gold_span[0] < doc[e - 1].idx + len(doc[e - 1]) for s, e, _ in cluster.mentions)
            ),
            None,
        )
        if gold_index is not None and len(candidates) > 1:
            cases.append(([features for _, features in candidates], gold_index))
    return cases


def fit(cases: list[tuple[list[dict[str, float]], int]]) -> tuple[dict[str, float], float]:
    names = sorted({name for candidates, _ in cases for features in candidates for name in features} - {"bias"})
    matrices = [np.array([[f.get(n, 0.0) for n in names] for f in candidates]) for candidates, _ in cases]
    gold = [index for _, index in cases]
    weights = np.zeros(len(names))
    for _ in range(STEPS):
        gradient = L2 * weights
        for matrix, index in zip(matrices, gold):
            scores = matrix @ weights
            probabilities = np.exp(scores - scores.max())
            probabilities /= probabilities.sum()
            gradient -= (matrix[index] - probabilities @ matrix) / len(matrices)
        weights -= LEARNING_RATE * gradient
    accuracy = float(np.mean([int(np.argmax(m @ weights) == i) for m, i in zip(matrices, gold)]))
    return {name: round(float(w), 4) for name, w in zip(names, weights)}, accuracy


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gap", type=Path, default=REPO.parent / "shared" / "eval" / "coref" / "gap-development.tsv")
    args = parser.parse_args()
    cases = training_cases(args.gap)
    weights, accuracy = fit(cases)
    OUT.write_text(
        json.dumps(
            {
                "about": "Pronoun salience weights, fit by scripts/fit_coref.py on GAP development.",
                "training_cases": len(cases),
                "training_accuracy": round(accuracy, 4),
                "weights": weights,
            },
            indent=1,
        )
        + "\n"
    )
    print(f"{len(cases)} cases, training accuracy {accuracy:.3f}; wrote {OUT}")


if __name__ == "__main__":
    main()
