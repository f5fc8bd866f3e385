"""Fit the pronoun-resolution weights (newsgraph/data/coref_weights.json) on GAP development.

    python scripts/fit_coref.py [--gap ../shared/eval/coref/gap-development.tsv]

Each GAP pronoun whose gold antecedent is among its candidate clusters is one training case; a
softmax over the candidates' features is fit by gradient descent with L2 regularisation. The
candidates are gathered while the entities component runs on each text, so the pronouns before
the GAP one are resolved with the weights already in place: a refit moves the figures a little. Check
the result on the validation split: newsgraph eval coref --gap ../shared/eval/coref/gap-validation.tsv
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "newsgraph" / "data" / "coref_weights.json"
L2 = 0.003  # chosen by 5-fold cross-validation on development (0.001-0.03 tried)
STEPS = 600
LEARNING_RATE = 0.5


def training_cases(gap_path: Path) -> list[tuple[list[dict[str, float]], int]]:
    """(features of each candidate, index of the gold one) for every usable GAP pronoun."""
    from newsgraph.eval.coref import read_gap
    from newsgraph.pipeline import load_bare_pipeline

    nlp = load_bare_pipeline()
    examples = list(read_gap(gap_path))
    return cases_from_docs(examples, nlp.pipe(e.text for e in examples))


def cases_from_docs(examples, docs) -> list[tuple[list[dict[str, float]], int]]:
    """The training cases of parsed GAP examples: the entities component runs as it does on
    any article, and the candidates of the GAP pronoun are recorded when its turn comes."""
    from newsgraph.extract.entities import clusters, coref, names, nominals, roles

    cases = []
    for example, doc in zip(examples, docs):
        if not (example.a_coref or example.b_coref):
            continue
        gold_span = example.a if example.a_coref else example.b
        seen = []

        def observe(token, candidates, example=example, seen=seen):
            if token.idx < example.pronoun[1] and example.pronoun[0] < token.idx + len(token):
                seen.append(list(candidates))

        found = clusters.cluster_names(doc, names.propagate_names(doc, names.named_spans(doc)))
        for cluster in found:
            if cluster.label == "PERSON":
                roles.assign_role(doc, cluster)
        nominals.link_nominals(doc, found)
        coref.resolve_pronouns(doc, found, observe=observe)
        if not seen:
            continue
        candidates = seen[0]
        gold_index = next(
            (
                index
                for index, (cluster, _) in enumerate(candidates)
                if any(
                    doc[s].idx < gold_span[1] and gold_span[0] < doc[e - 1].idx + len(doc[e - 1])
                    for s, e, kind in cluster.mentions
                    if kind != "pronoun"
                )
            ),
            None,
        )
        if gold_index is not None and len(candidates) > 1:
            cases.append(([features for _, features in candidates], gold_index))
    return cases


def fit(cases: list[tuple[list[dict[str, float]], int]]) -> tuple[dict[str, float], float]:
    """Softmax regression over each case's candidates (padded to one array), L2-regularised."""
    names = sorted({name for candidates, _ in cases for features in candidates for name in features} - {"bias"})
    index_of = {name: i for i, name in enumerate(names)}
    width = max(len(candidates) for candidates, _ in cases)
    x = np.zeros((len(cases), width, len(names)))
    mask = np.full((len(cases), width), -1e9)
    for c, (candidates, _) in enumerate(cases):
        for k, features in enumerate(candidates):
            mask[c, k] = 0.0
            for name, value in features.items():
                if name in index_of:
                    x[c, k, index_of[name]] = value
    gold = np.array([index for _, index in cases])
    gold_x = x[np.arange(len(cases)), gold]
    weights = np.zeros(len(names))
    for _ in range(STEPS):
        scores = x @ weights + mask
        probabilities = np.exp(scores - scores.max(axis=1, keepdims=True))
        probabilities /= probabilities.sum(axis=1, keepdims=True)
        expected = np.einsum("ck,ckf->cf", probabilities, x)
        gradient = L2 * weights - (gold_x - expected).mean(axis=0)
        weights -= LEARNING_RATE * gradient
    accuracy = float(np.mean(np.argmax(x @ weights + mask, axis=1) == gold))
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
