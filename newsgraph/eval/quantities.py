"""`newsgraph eval quantities`: score the quantities extractor on NewsQuant and quantulum3's test cases.

NewsQuant (Almasian et al., 2023) gives, per sentence, each quantity's value (a number, or
"low-high" for a range), its unit as written and normalised, and its ``change``: ``=``, ``~``
(approximate), ``<`` (upper bound), ``>`` (lower bound), ``up`` or ``down``. We match predicted
to gold quantities one to one within a sentence on value (relative tolerance 1e-5) and report
value precision, recall and F1, then unit and change accuracy over the matched pairs.
quantulum3's test cases (``req``/``res``) are scored the same way for value and unit.
"""

from __future__ import annotations

import json
import math
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Optional, Union

import click

from newsgraph.eval.metrics import PRF
from newsgraph.extract.quantities.component import find_quantities
from newsgraph.extract.quantities.units import canonical_unit
from newsgraph.model import Quantity
from newsgraph.pipeline import load_bare_pipeline, load_pipeline

Value = Union[float, tuple[float, float]]


@dataclass
class GoldQuantity:
    value: Value
    units: tuple[Optional[str], ...]  # acceptable canonical units (normalised and as written)
    change: Optional[str]
    concepts: frozenset[str] = frozenset()  # NewsQuant's referred concepts, as lower-cased words


@dataclass
class QuantityScores:
    value: PRF = field(default_factory=PRF)
    unit_correct: int = 0
    change_correct: int = 0
    change_total: int = 0  # matched pairs whose gold has a change label
    object_correct: int = 0
    object_total: int = 0  # matched pairs whose gold names referred concepts
    matched: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    @property
    def unit_accuracy(self) -> float:
        return self.unit_correct / self.matched if self.matched else 0.0

    @property
    def change_accuracy(self) -> float:
        return self.change_correct / self.change_total if self.change_total else 0.0

    @property
    def object_accuracy(self) -> float:
        return self.object_correct / self.object_total if self.object_total else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "value": self.value.to_dict(),
            "matched": self.matched,
            "unit_accuracy": round(self.unit_accuracy, 4),
            "change_accuracy": round(self.change_accuracy, 4),
            "object_partial_accuracy": round(self.object_accuracy, 4),
        }


def parse_gold_value(raw: Any) -> Optional[Value]:
    """A NewsQuant value: "5200", "1.99E-29", "-50.8" or a range "750000.0-1000000.0"."""
    if isinstance(raw, (int, float)):
        return float(raw)
    text = str(raw).strip()
    try:
        if "-" in text[1:] and "e" not in text.lower():
            cut = text.index("-", 1)
            return (float(text[:cut]), float(text[cut + 1:]))
        return float(text)
    except ValueError:
        return None


def newsquant_change(quantity: Quantity) -> str:
    """Our fields as one NewsQuant change label: a bound first, then approximation, then a rise or fall."""
    if quantity.bound == "upper":
        return "<"
    if quantity.bound == "lower":
        return ">"
    if quantity.approximate:
        return "~"
    return quantity.change if quantity.change in ("up", "down") else "="


def predicted_value(quantity: Quantity) -> Optional[Value]:
    if isinstance(quantity.value, list):
        return (float(quantity.value[0]), float(quantity.value[1]))
    return None if quantity.value is None else float(quantity.value)


def values_match(gold: Optional[Value], predicted: Optional[Value]) -> bool:
    """Equal within a relative tolerance of 1e-5; a range matches only a range with both ends equal."""
    if gold is None or predicted is None:
        return False
    if isinstance(gold, tuple) and isinstance(predicted, tuple):
        return all(math.isclose(g, p, rel_tol=1e-5, abs_tol=1e-8) for g, p in zip(gold, predicted))
    if isinstance(gold, tuple) or isinstance(predicted, tuple):
        return False
    return math.isclose(gold, predicted, rel_tol=1e-5, abs_tol=1e-8)


def unit_matches(gold: GoldQuantity, quantity: Quantity) -> bool:
    return canonical_unit(quantity.unit) in gold.units


def score_sentence(scores: QuantityScores, text: str, gold: list[GoldQuantity], predicted: list[Quantity]) -> None:
    """Match one to one on value, preferring a prediction whose unit also matches."""
    unmatched = list(predicted)
    tp = 0
    for item in gold:
        candidates = [q for q in unmatched if values_match(item.value, predicted_value(q))]
        if not candidates:
            scores.errors.append({"text": text, "missed": item.value, "unit": item.units[0]})
            continue
        best = next((q for q in candidates if unit_matches(item, q)), candidates[0])
        unmatched.remove(best)
        tp += 1
        scores.matched += 1
        unit_ok = unit_matches(item, best)
        change_ok = item.change is None or newsquant_change(best) == item.change
        scores.unit_correct += unit_ok
        scores.change_total += item.change is not None
        scores.change_correct += change_ok and item.change is not None
        if item.concepts:
            scores.object_total += 1
            scores.object_correct += bool(item.concepts & concept_words(best.object))
        if not unit_ok or not change_ok:
            scores.errors.append({"text": text, "value": item.value, "gold_unit": item.units, "unit": best.unit,
                                  "gold_change": item.change, "change": newsquant_change(best)})
    for extra in unmatched:
        scores.errors.append({"text": text, "spurious": extra.text, "value": extra.value, "unit": extra.unit})
    scores.value.add(tp, len(predicted), len(gold))


def concept_words(text: Optional[str]) -> frozenset[str]:
    """Lower-cased words of a concept list ("revenue guidance, Apple"), as NewsQuant's scorer splits them."""
    if not text or text.strip() == "-":
        return frozenset()
    return frozenset(w for w in re.split(r"[,\s]+", text.lower()) if w and w not in STOP_WORDS)


STOP_WORDS = frozenset("a an the of in on at to for by and or with from".split())


def newsquant_gold(record: dict[str, Any]) -> list[GoldQuantity]:
    items = []
    for quantity in record.get("quantities", []):
        value = parse_gold_value(quantity.get("value"))
        if value is None:
            continue
        units = (canonical_unit(quantity.get("normalized_unit")), canonical_unit(quantity.get("unit")))
        items.append(GoldQuantity(value, units, quantity.get("change"), concept_words(quantity.get("referred_concepts"))))
    return items


def quantulum_gold(record: dict[str, Any]) -> list[GoldQuantity]:
    items = []
    for quantity in record.get("res", []):
        value = parse_gold_value(quantity.get("value"))
        if value is not None:
            items.append(GoldQuantity(value, (canonical_unit(quantity.get("unit")),), None))
    return items


def score_records(texts: list[str], golds: list[list[GoldQuantity]], nlp: Any = None) -> QuantityScores:
    """Run the extractor over ``texts`` and score it against ``golds`` (one list per text)."""
    if nlp is None:
        nlp = quantities_pipeline()
    scores = QuantityScores()
    for text, gold, doc in zip(texts, golds, nlp.pipe(texts, batch_size=64)):
        score_sentence(scores, text, gold, doc._.ng_quantities)
    return scores


def quantities_pipeline() -> Any:
    """The spaCy model with only the quantities component: all it needs, and quick to run."""

    return load_pipeline(components=("newsgraph_quantities",))


def load_records(path: Path) -> list[dict[str, Any]]:
    try:
        data = json.loads(Path(path).read_text("utf-8"))
    except (OSError, ValueError) as error:
        raise click.ClickException(f"{path}: cannot read gold data ({error})") from error
    if not isinstance(data, list):
        raise click.ClickException(f"{path}: expected a JSON list of sentences")
    return data


def score_newsquant(path: Path, nlp: Any = None) -> QuantityScores:
    """Score against a NewsQuant file: a list of ``{"text", "quantities": [{"value", "unit", ...}]}``."""
    records = load_records(path)
    return score_records([r["text"] for r in records], [newsquant_gold(r) for r in records], nlp)


def score_quantulum(path: Path, nlp: Any = None) -> QuantityScores:
    """Score against quantulum3's test cases: a list of ``{"req", "res": [{"value", "unit", "surface"}]}``."""
    records = load_records(path)
    return score_records([r["req"] for r in records], [quantulum_gold(r) for r in records], nlp)


def component_cost(path: Path, limit: int = 50) -> dict[str, float]:
    """Seconds to run the bare spaCy model over ``limit`` articles of a JSONL corpus, and the share the
    quantities component adds to it (the component runs over the already parsed Docs, timed alone)."""

    texts: list[str] = []
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            if len(texts) >= limit:
                break
            texts.append(json.loads(line)["text"])
    nlp = load_bare_pipeline()
    started = time.perf_counter()
    docs = list(nlp.pipe(texts))
    spacy_seconds = time.perf_counter() - started
    started = time.perf_counter()
    found = sum(len(find_quantities(doc)) for doc in docs)
    component_seconds = time.perf_counter() - started
    return {
        "articles": len(texts),
        "quantities": found,
        "spacy_seconds": round(spacy_seconds, 3),
        "component_seconds": round(component_seconds, 3),
        "component_share": round(component_seconds / spacy_seconds, 4) if spacy_seconds else 0.0,
    }


def _report(name: str, scores: QuantityScores) -> Iterable[str]:
    value = scores.value
    yield (f"{name}: value P {value.precision:.3f} R {value.recall:.3f} F1 {value.f1:.3f} "
           f"(gold {value.gold}, predicted {value.predicted}, matched {scores.matched})")
    change = f"{scores.change_accuracy:.3f}" if scores.change_total else "n/a (no change labels)"
    yield f"{name}: unit accuracy {scores.unit_accuracy:.3f}, change accuracy {change}"
    if scores.object_total:
        yield (f"{name}: object shares a word with the referred concepts in {scores.object_accuracy:.3f} "
               f"of {scores.object_total} matched quantities")


@click.command(name="quantities")
@click.option("--newsquant", "newsquant", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="NewsQuant JSON (list of {text, quantities}).")
@click.option("--quantulum", "quantulum", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="quantulum3 test cases JSON (list of {req, res}).")
@click.option("--throughput", "corpus", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="JSONL corpus (records with 'text'): time the component against the bare spaCy model.")
@click.option("--limit", default=50, show_default=True, help="Articles of --throughput to time.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--errors", "show_errors", is_flag=True, help="Also list each missed, spurious or mislabelled quantity.")
def command(newsquant: Optional[Path], quantulum: Optional[Path], corpus: Optional[Path], limit: int, as_json: bool,
            show_errors: bool) -> None:
    """Score the quantities extractor: value P/R/F1, unit and change accuracy over matched quantities.

    Example:

    \b
        newsgraph eval quantities --newsquant ../shared/eval/quantities/newsquant_dev.json
    """
    if newsquant is None and quantulum is None and corpus is None:
        raise click.UsageError("give --newsquant FILE, --quantulum FILE and/or --throughput FILE")
    results = {}
    if newsquant is not None:
        results["newsquant"] = score_newsquant(newsquant)
    if quantulum is not None:
        results["quantulum"] = score_quantulum(quantulum)
    if as_json:
        click.echo(json.dumps({name: scores.to_dict() for name, scores in results.items()}, indent=2))
    else:
        for name, scores in results.items():
            for line in _report(name, scores):
                click.echo(line)
    if corpus is not None:
        click.echo(json.dumps({"throughput": component_cost(corpus, limit)}) if as_json else
                   "throughput: " + ", ".join(f"{k} {v}" for k, v in component_cost(corpus, limit).items()))
    if show_errors:
        for name, scores in results.items():
            for error in scores.errors:
                click.echo(f"{name}\t{json.dumps(error, ensure_ascii=False)}")
