"""``newsgraph eval coref``: pronoun resolution scored on a GAP TSV, as GAP's own scorer does.

For each example the entities component runs on the text; the pronoun's cluster is the entity
holding a pronoun mention at the given offset. Names A and B are predicted coreferent when that
cluster has a mention overlapping them. Each example gives two binary decisions (A, B); true
positives, false positives and false negatives are summed, F1 reported overall and by the
pronoun's gender, with GAP's bias (feminine F1 / masculine F1).
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Optional

import click

from newsgraph.eval.metrics import PRF
from newsgraph.pipeline import analysis_from_doc, load_pipeline, make_article, parse_articles

FEMININE = {"she", "her", "hers", "herself"}


@dataclass
class GapExample:
    id: str
    text: str
    pronoun: tuple[int, int]
    a: tuple[int, int]
    b: tuple[int, int]
    a_coref: bool
    b_coref: bool
    feminine: bool


def read_gap(path: Path) -> Iterator[GapExample]:
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            pronoun_start = int(row["Pronoun-offset"])
            a_start, b_start = int(row["A-offset"]), int(row["B-offset"])
            yield GapExample(
                id=row["ID"],
                text=row["Text"],
                pronoun=(pronoun_start, pronoun_start + len(row["Pronoun"])),
                a=(a_start, a_start + len(row["A"])),
                b=(b_start, b_start + len(row["B"])),
                a_coref=row["A-coref"].upper() == "TRUE",
                b_coref=row["B-coref"].upper() == "TRUE",
                feminine=row["Pronoun"].lower() in FEMININE,
            )


def _overlaps(span: tuple[int, int], other: tuple[int, int]) -> bool:
    return span[0] < other[1] and other[0] < span[1]


def predict(entities, example: GapExample) -> tuple[bool, bool]:
    """Whether the pronoun's cluster holds a mention of A, and of B."""
    for entity in entities:
        if any(m.kind == "pronoun" and _overlaps(m.span, example.pronoun) for m in entity.mentions):
            return (
                any(_overlaps(m.span, example.a) for m in entity.mentions if m.kind != "pronoun"),
                any(_overlaps(m.span, example.b) for m in entity.mentions if m.kind != "pronoun"),
            )
    return False, False


def nearest_preceding(example: GapExample) -> tuple[bool, bool]:
    """The baseline: of A and B, the name that ends closest before the pronoun."""
    before = [(span[1], index) for index, span in enumerate((example.a, example.b)) if span[1] <= example.pronoun[0]]
    if not before:
        return False, False
    chosen = max(before)[1]
    return chosen == 0, chosen == 1


def score_gap(path: Path, limit: Optional[int] = None, nlp=None, baseline: bool = False) -> dict[str, PRF]:
    """GAP scores: "overall", "masculine", "feminine" (bias is feminine F1 / masculine F1).
    ``baseline`` scores :func:`nearest_preceding` instead of newsgraph."""

    nlp = nlp or load_pipeline(components=("newsgraph_entities",))
    examples = list(read_gap(path))[:limit]
    articles = [make_article(example.text, id=example.id) for example in examples]
    scores = {name: PRF() for name in ("overall", "masculine", "feminine")}
    docs = parse_articles(nlp, articles)
    for example, article, doc in zip(examples, articles, docs):
        predicted = nearest_preceding(example) if baseline else predict(analysis_from_doc(doc, article).entities, example)
        gender = "feminine" if example.feminine else "masculine"
        for guess, gold in zip(predicted, (example.a_coref, example.b_coref)):
            for name in ("overall", gender):
                scores[name].add(int(guess and gold), int(guess), int(gold))
    return scores


@click.command(name="coref")
@click.option("--gap", "gap_path", required=True, type=click.Path(exists=True, dir_okay=False),
              help="A GAP TSV file (gap-development.tsv, gap-validation.tsv, gap-test.tsv).")
@click.option("--limit", type=int, help="Score only the first N examples.")
@click.option("--baseline", is_flag=True, help="Score the nearest preceding name instead (the baseline).")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def command(gap_path: str, limit: Optional[int], baseline: bool, as_json: bool) -> None:
    """Pronoun resolution precision, recall and F1 on GAP, overall and by gender, with bias.

    \b
    Example:
        newsgraph eval coref --gap ../shared/eval/coref/gap-development.tsv
    """
    scores = score_gap(Path(gap_path), limit, baseline=baseline)
    bias = scores["feminine"].f1 / scores["masculine"].f1 if scores["masculine"].f1 else 0.0
    if as_json:
        result: dict[str, Any] = {name: prf.to_dict() for name, prf in scores.items()}
        result["bias"] = round(bias, 4)
        click.echo(json.dumps(result, indent=2))
        return
    click.echo(f"{'':<12}{'P':>8}{'R':>8}{'F1':>8}")
    for name, prf in scores.items():
        click.echo(f"{name:<12}{prf.precision:>8.3f}{prf.recall:>8.3f}{prf.f1:>8.3f}")
    click.echo(f"{'bias (F/M)':<12}{bias:>24.3f}")
