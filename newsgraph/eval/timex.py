"""`newsgraph eval timex`: score the date finder against TempEval-3 TIMEX3 gold (JSONL).

Each input line is one document: ``text``, ``dct`` (document creation time, the anchor that
plays the publication date) and ``timex3``: gold expressions with ``start``/``end`` character
offsets, ``type`` and ``value``. Scores, as in TempEval-3:

* strict span P/R/F1: predicted and gold spans are identical;
* relaxed span P/R/F1: they overlap (each expression is matched at most once, largest overlap first);
* type and value accuracy: over the relaxed matches, the share with the same type / value;
* value F1: relaxed matches with the right value, over all predictions (P) and all gold (R).

Values are compared as strings after one normalization: a week number's leading zero is
dropped on both sides (the gold writes both ``1998-W08`` and ``2000-W7``).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Iterable, Optional

import click

from newsgraph.articles import normalize_published
from newsgraph.eval.metrics import PRF
from newsgraph.pipeline import DEFAULT_MODEL, load_pipeline

COMPONENTS = ("newsgraph_dates",)


def load_timeml(path: Path) -> list[dict[str, Any]]:
    """The documents of a TempEval-3 JSONL file; a clear error names a bad line."""
    docs = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise click.ClickException(f"{path}:{number}: not JSON ({error.msg})") from error
            if not isinstance(record, dict) or "text" not in record or "timex3" not in record:
                raise click.ClickException(f"{path}:{number}: a document needs 'text' and 'timex3'")
            docs.append(record)
    return docs


def same_value(gold: Optional[str], predicted: Optional[str]) -> bool:
    """Whether two TIMEX3 values are equal, ignoring a week number's leading zero."""
    if gold is None or predicted is None:
        return False
    return _canonical(gold) == _canonical(predicted)


def _canonical(value: str) -> str:
    return re.sub(r"-W0(\d)", r"-W\1", value.strip().upper())


def match_relaxed(gold: list[tuple[int, int]], predicted: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, predicted index) of overlapping spans, largest overlap first."""
    pairs = []
    for g, (gs, ge) in enumerate(gold):
        for p, (ps, pe) in enumerate(predicted):
            overlap = min(ge, pe) - max(gs, ps)
            if overlap > 0:
                pairs.append((overlap, g, p))
    used_g, used_p, matched = set(), set(), []
    for _, g, p in sorted(pairs, key=lambda item: -item[0]):
        if g not in used_g and p not in used_p:
            used_g.add(g)
            used_p.add(p)
            matched.append((g, p))
    return matched


class TimexScore:
    """Counts for one set of documents."""

    def __init__(self) -> None:
        self.strict = PRF()
        self.relaxed = PRF()
        self.value = PRF()
        self.type_correct = 0
        self.value_correct = 0
        self.matched = 0
        self.errors: list[dict[str, Any]] = []

    def add(self, doc: dict[str, Any], predicted: list[dict[str, Any]]) -> None:
        gold = doc["timex3"]
        gold_spans = [(g["start"], g["end"]) for g in gold]
        pred_spans = [tuple(p["span"]) for p in predicted]
        exact = len(set(gold_spans) & set(pred_spans))
        self.strict.add(exact, len(pred_spans), len(gold_spans))
        pairs = match_relaxed(gold_spans, pred_spans)
        self.relaxed.add(len(pairs), len(pred_spans), len(gold_spans))
        right = 0
        for g, p in pairs:
            self.matched += 1
            self.type_correct += gold[g]["type"] == predicted[p]["type"]
            if same_value(gold[g]["value"], predicted[p]["value"]):
                right += 1
            else:
                self.errors.append({"doc": doc.get("doc_id"), "dct": doc.get("dct"), "text": predicted[p]["text"],
                                    "gold_text": gold[g]["text"], "gold": gold[g]["value"],
                                    "predicted": predicted[p]["value"]})  # fmt: skip
        self.value_correct += right
        self.value.add(right, len(pred_spans), len(gold_spans))

    @property
    def type_accuracy(self) -> float:
        return self.type_correct / self.matched if self.matched else 0.0

    @property
    def value_accuracy(self) -> float:
        return self.value_correct / self.matched if self.matched else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "strict": self.strict.to_dict(),
            "relaxed": self.relaxed.to_dict(),
            "type_accuracy": round(self.type_accuracy, 4),
            "value_accuracy": round(self.value_accuracy, 4),
            "value_f1": round(self.value.f1, 4),
            "matched": self.matched,
        }


def predict(nlp: Any, docs: Iterable[dict[str, Any]], batch_size: int = 16) -> Iterable[list[dict[str, Any]]]:
    """The date finder's output for each document, its ``dct`` standing in for the publication date."""

    def make(record: dict[str, Any]) -> Any:
        doc = nlp.make_doc(record["text"])
        dct = record.get("dct")
        doc._.ng_published = normalize_published(dct[:10]) if dct else None
        doc._.ng_article_id = record.get("doc_id")
        return doc

    for doc in nlp.pipe((make(record) for record in docs), batch_size=batch_size):
        yield [
            {"span": ref.span, "text": ref.text, "type": ref.type, "value": ref.value}
            for ref in (doc._.ng_dates or [])
        ]


def score_files(nlp: Any, paths: list[Path]) -> dict[str, TimexScore]:
    """Scores per file, and ``"combined"`` over all of them."""
    scores: dict[str, TimexScore] = {}
    combined = TimexScore()
    for path in paths:
        docs = load_timeml(path)
        score = TimexScore()
        for doc, predicted in zip(docs, predict(nlp, docs)):
            score.add(doc, predicted)
            combined.add(doc, predicted)
        scores[path.name] = score
    if len(paths) > 1:
        scores["combined"] = combined
    return scores


def format_scores(scores: dict[str, TimexScore]) -> str:
    """A table: span P/R/F1 (strict and relaxed), type and value accuracy, value F1."""
    head = f"{'file':<18}{'gold':>6}{'pred':>6}{'strictF1':>10}{'relaxP':>8}{'relaxR':>8}{'relaxF1':>9}" \
           f"{'typeAcc':>9}{'valAcc':>8}{'valF1':>7}"  # fmt: skip
    lines = [head]
    for name, s in scores.items():
        lines.append(
            f"{name:<18}{s.relaxed.gold:>6}{s.relaxed.predicted:>6}{s.strict.f1:>10.3f}{s.relaxed.precision:>8.3f}"
            f"{s.relaxed.recall:>8.3f}{s.relaxed.f1:>9.3f}{s.type_accuracy:>9.3f}{s.value_accuracy:>8.3f}"
            f"{s.value.f1:>7.3f}"
        )
    return "\n".join(lines)


@click.command(name="timex")
@click.option("--timeml", "paths", multiple=True, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="TempEval-3 JSONL file (text, dct, timex3); repeat for several.")  # fmt: skip
@click.option("--model", default=None, help="spaCy pipeline package (default: newsgraph's).")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--errors", "errors_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write every wrong value (gold, predicted, text) to this JSONL file.")  # fmt: skip
def command(paths: tuple[Path, ...], model: Optional[str], as_json: bool, errors_path: Optional[Path]) -> None:
    """Score the date finder against TempEval-3 TIMEX3 gold: span F1, type and value accuracy, value F1.

    \b
    Example:
        newsgraph eval timex --timeml ../shared/eval/timex/timebank.jsonl --timeml ../shared/eval/timex/aquaint.jsonl
    """

    nlp = load_pipeline(model or DEFAULT_MODEL, components=COMPONENTS)
    scores = score_files(nlp, list(paths))
    if errors_path:
        with open(errors_path, "w", encoding="utf-8") as handle:
            for name, score in scores.items():
                if name != "combined":
                    for error in score.errors:
                        handle.write(json.dumps(error, ensure_ascii=False) + "\n")
    if as_json:
        click.echo(json.dumps({name: score.to_dict() for name, score in scores.items()}, indent=2))
    else:
        click.echo(format_scores(scores))
