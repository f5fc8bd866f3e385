"""``newsgraph eval quotes``: score quotations against PolNeAR attributions.

Gold and predicted attributions are compared by the words of their content: each side is the set
of word tokens (``\\w+``, by offset) its content spans cover, so quotation marks and punctuation
do not count. A prediction matches a gold attribution when the Jaccard overlap of the two sets is
at least 0.5 (one to one, best overlaps first); the exact variant asks for the same word set.

- *direct*: gold attributions whose content is wholly between quotation marks, against predicted
  direct quotes that are not partial;
- *all*: every gold attribution with content, against every predicted quote;
- *speaker accuracy (mention)*: over matched attributions that have a gold source, the share whose
  predicted speaker mention (the words that signal the speaker: "he", "the minister", "Merkel")
  overlaps the gold source span;
- *speaker accuracy (entity)*: over the same attributions, the share where the predicted speaker
  mention overlaps the gold source span, or where one mention of the predicted speaker's entity
  cluster does ("he said" resolved to Merkel, when the gold marks "Merkel" as the source). It
  credits coreference: the speaker was found, through a pronoun or a role, though the gold marks
  another of its mentions. The quality target is judged on this figure; the mention figure is kept
  beside it, as the stricter one.

With ``--explain`` the report also lists gold oddities: gold attributions whose source looks like a
cue and whose cue like a name (source "said", cue "David Plouffe"), swapped by the annotator. They
count like every other record; they are listed so that the misses they cause can be told apart.

Predicted quotes that share a cue are one attribution (a quote split around "he said" is one
statement, as PolNeAR annotates it), and a quote nested in another (a partial quote inside the
reported speech that contains it) is not counted on its own. When textacy is installed the same
run scores its ``direct_quotations`` on the same articles, paragraph by paragraph.
"""

from __future__ import annotations

import dataclasses
import json
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional

import click

from newsgraph.eval.metrics import PRF
from newsgraph.extract.quotes.cues import SPEECH_VERBS
from newsgraph.extract.quotes.finder import find_quotes
from newsgraph.extract.quotes.marks import paragraphs
from newsgraph.pipeline import load_bare_pipeline, load_pipeline

WORD_RE = re.compile(r"\w+")
# Either mark of a pair may stand at either end: writers (and their software) turn marks the wrong way
# round ('”Mr. Trump ...”'), and a content that opens and closes with a quotation mark is wholly quoted.
OPENING = "\"“”‘'«„"
CLOSING = "\"”“’'»"
MATCH_THRESHOLD = 0.5
# Quotes read only the entity clusters: the other components are not needed to score them.
QUOTE_COMPONENTS = ("newsgraph_entities", "newsgraph_quotes")


@dataclass
class Unit:
    """One attribution: its content words, source spans and whether it is a direct quote.

    ``entity_sources`` (predicted units only) are the mentions of the speaker's entity cluster.
    """

    words: frozenset[int]
    direct: bool
    sources: list[tuple[int, int]] = field(default_factory=list)
    entity_sources: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class Scores:
    """Counts for one system over a set of articles."""

    direct: PRF = field(default_factory=PRF)
    all: PRF = field(default_factory=PRF)
    direct_exact: PRF = field(default_factory=PRF)
    all_exact: PRF = field(default_factory=PRF)
    speaker_correct: int = 0
    speaker_total: int = 0
    direct_speaker_correct: int = 0
    direct_speaker_total: int = 0
    speaker_entity_correct: int = 0
    direct_speaker_entity_correct: int = 0
    errors: int = 0

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_correct / self.speaker_total if self.speaker_total else 0.0

    @property
    def direct_speaker_accuracy(self) -> float:
        """Speaker accuracy over matched direct quotes only: like for like with a direct-quote extractor."""
        return self.direct_speaker_correct / self.direct_speaker_total if self.direct_speaker_total else 0.0

    @property
    def speaker_entity_accuracy(self) -> float:
        """Speaker accuracy that also counts a mention of the speaker's entity cluster on the gold source."""
        return self.speaker_entity_correct / self.speaker_total if self.speaker_total else 0.0

    @property
    def direct_speaker_entity_accuracy(self) -> float:
        """The entity speaker accuracy over matched direct quotes only."""
        return self.direct_speaker_entity_correct / self.direct_speaker_total if self.direct_speaker_total else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "direct": self.direct.to_dict(),
            "all": self.all.to_dict(),
            "direct_exact": self.direct_exact.to_dict(),
            "all_exact": self.all_exact.to_dict(),
            "speaker_accuracy": round(self.speaker_accuracy, 4),
            "speaker_correct": self.speaker_correct,
            "speaker_total": self.speaker_total,
            "direct_speaker_accuracy": round(self.direct_speaker_accuracy, 4),
            "direct_speaker_correct": self.direct_speaker_correct,
            "direct_speaker_total": self.direct_speaker_total,
            "speaker_entity_accuracy": round(self.speaker_entity_accuracy, 4),
            "speaker_entity_correct": self.speaker_entity_correct,
            "direct_speaker_entity_accuracy": round(self.direct_speaker_entity_accuracy, 4),
            "direct_speaker_entity_correct": self.direct_speaker_entity_correct,
            "errors": self.errors,
        }


def word_set(text: str, spans: Iterable[tuple[int, int]]) -> frozenset[int]:
    """Offsets of the word tokens inside ``spans``: what a content covers, punctuation aside."""
    found: set[int] = set()
    for start, end in spans:
        found.update(match.start() for match in WORD_RE.finditer(text, start, end))
    return frozenset(found)


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def is_direct_content(text: str) -> bool:
    """Is a content (its spans joined) wholly quoted: opening with a quotation mark and closing with one?"""
    stripped = text.strip().strip(",.;:—–-").strip()
    return len(stripped) > 1 and stripped[0] in OPENING and stripped[-1] in CLOSING


def gold_units(record: dict[str, Any]) -> list[Unit]:
    """The attributions of one PolNeAR record that have content."""
    text = record["text"]
    units = []
    for attribution in record.get("attributions", []):
        spans = [tuple(s) for key in ("content", "content2") for s in (attribution.get(key) or {}).get("spans", [])]
        words = word_set(text, spans)
        if not words:
            continue
        joined = " ".join(text[s:e] for s, e in sorted(spans))
        sources = [tuple(s) for s in (attribution.get("source") or {}).get("spans", [])]
        units.append(Unit(words, is_direct_content(joined), sources))
    return units


# Inflected forms of verbs of saying, as a swapped gold source spells them ("said", "says", "told").
IRREGULAR_SPEECH_FORMS = {"said": "say", "told": "tell", "wrote": "write", "spoke": "speak"}


def _speech_verb_form(word: str) -> bool:
    """Is ``word`` a form of a verb of saying ("said", "says", "adds", "noted")?"""
    word = word.lower()
    if word in IRREGULAR_SPEECH_FORMS:
        return True
    stems = {word, word.removesuffix("s"), word.removesuffix("es"), word.removesuffix("d"), word.removesuffix("ed")}
    return bool(stems & SPEECH_VERBS)


def gold_oddities(records: list[dict[str, Any]]) -> list[tuple[str, str, str]]:
    """(record, source text, cue text) of gold attributions whose source is a verb of saying and cue a name: swapped."""
    found = []
    for record in records:
        text = record["text"]
        for attribution in record.get("attributions", []):
            source = " ".join(text[s:e] for s, e in (attribution.get("source") or {}).get("spans", []))
            cue = " ".join(text[s:e] for s, e in (attribution.get("cue") or {}).get("spans", []))
            source_words = WORD_RE.findall(source)
            if len(source_words) == 1 and _speech_verb_form(source_words[0]) and cue[:1].isupper():
                found.append((f"{record.get('filename', '?')}/{record.get('annotator', '?')}", source, cue))
    return found


def format_oddities(oddities: list[tuple[str, str, str]]) -> str:
    """The gold attributions whose source and cue look swapped, one a line."""
    lines = [f"gold oddities (source and cue look swapped; counted as they are): {len(oddities)}"]
    lines.extend(f"      {name}: source {source!r}, cue {cue!r}" for name, source, cue in oddities)
    return "\n".join(lines)


def predicted_units(
    text: str, quotes: list[dict[str, Any]], direct_only: bool, entity_mentions: Optional[dict[str, list[tuple[int, int]]]] = None
) -> list[Unit]:
    """Group predicted quotes by cue into attributions and drop the ones nested in another.

    ``entity_mentions`` (entity id -> mention spans) gives each unit the mentions of its speaker's cluster.
    """
    groups: dict[Any, list[dict[str, Any]]] = {}
    for index, quote in enumerate(quotes):
        if direct_only and not (quote["direct"] and not quote.get("partial")):
            continue
        cue = quote.get("cue")
        key = tuple(cue["span"]) if cue else ("quote", index)
        groups.setdefault(key, []).append(quote)
    units = []
    for members in groups.values():
        words = word_set(text, [tuple(part) for q in members for part in (q.get("parts") or [q["span"]])])
        speakers = [q["speaker"] for q in members if q.get("speaker")]
        direct = any(q["direct"] and not q.get("partial") for q in members)
        if words:
            sources = [tuple(speaker["span"]) for speaker in speakers[:1]]
            entity = speakers[0].get("entity") if speakers else None
            cluster = (entity_mentions or {}).get(entity, []) if entity else []
            units.append(Unit(words, direct, sources, [(span[0], span[1]) for span in cluster]))
    return [u for u in units if not any(u is not o and u.words < o.words for o in units)]


def match(gold: list[Unit], predicted: list[Unit], exact: bool = False) -> list[tuple[Unit, Unit]]:
    """One-to-one pairs of gold and predicted units, best overlaps first."""
    pairs = []
    for g in gold:
        for p in predicted:
            if exact:
                if g.words == p.words:
                    pairs.append((1.0, id(g), id(p), g, p))
            elif g.words & p.words:
                score = jaccard(g.words, p.words)
                if score >= MATCH_THRESHOLD:
                    pairs.append((score, id(g), id(p), g, p))
    pairs.sort(key=lambda item: -item[0])
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    matched = []
    for _, gid, pid, g, p in pairs:
        if gid in used_gold or pid in used_pred:
            continue
        used_gold.add(gid)
        used_pred.add(pid)
        matched.append((g, p))
    return matched


def _overlaps(spans: list[tuple[int, int]], others: list[tuple[int, int]]) -> bool:
    return any(a < d and c < b for a, b in spans for c, d in others)


def score_article(
    scores: Scores,
    text: str,
    gold: list[Unit],
    quotes: list[dict[str, Any]],
    entity_mentions: Optional[dict[str, list[tuple[int, int]]]] = None,
) -> None:
    """Add one article's counts to ``scores``; ``entity_mentions`` (entity id -> spans) for the entity figure."""
    gold_direct = [u for u in gold if u.direct]
    pred_all = predicted_units(text, quotes, direct_only=False, entity_mentions=entity_mentions)
    pred_direct = predicted_units(text, quotes, direct_only=True, entity_mentions=entity_mentions)
    for prf, g, p, exact in (
        (scores.direct, gold_direct, pred_direct, False),
        (scores.all, gold, pred_all, False),
        (scores.direct_exact, gold_direct, pred_direct, True),
        (scores.all_exact, gold, pred_all, True),
    ):
        pairs = match(g, p, exact)
        prf.add(len(pairs), len(p), len(g))
        for gold_unit, pred_unit in pairs if not exact else []:
            if not gold_unit.sources:
                continue
            correct = _overlaps(pred_unit.sources, gold_unit.sources)
            entity_correct = correct or _overlaps(pred_unit.entity_sources, gold_unit.sources)
            if prf is scores.all:
                scores.speaker_total += 1
                scores.speaker_correct += correct
                scores.speaker_entity_correct += entity_correct
            else:
                scores.direct_speaker_total += 1
                scores.direct_speaker_correct += correct
                scores.direct_speaker_entity_correct += entity_correct


def read_polnear(path: Path, split: Optional[str] = "dev", limit: Optional[int] = None) -> list[dict[str, Any]]:
    """PolNeAR records (one per article and annotator) of ``split`` (every split when None)."""
    records = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise click.ClickException(f"{path}:{number}: not a JSON line ({error.msg})") from error
            if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                raise click.ClickException(f"{path}:{number}: a PolNeAR record needs a 'text' string")
            if split is None or record.get("split") == split:
                records.append(record)
            if limit and len(records) >= limit:
                break
    return records


def newsgraph_quotes(
    nlp: Any, texts: list[str], rejected: Optional[list[Any]] = None
) -> Iterator[tuple[list[dict[str, Any]], dict[str, list[tuple[int, int]]]]]:
    """newsgraph's quotes of each text, as JSON-ready dicts, with the mention spans of each entity cluster by id.

    The rejected candidates go to ``rejected`` when given.
    """
    for doc in nlp.pipe(texts, batch_size=8):
        if rejected is not None:
            find_quotes(doc, rejected)  # the finder again, keeping what it turned down and why
        entities = (doc._.ng_entities or []) if doc.has_extension("ng_entities") else []
        mentions = {entity.id: [(m.span[0], m.span[1]) for m in entity.mentions] for entity in entities}
        yield [dataclasses.asdict(quote) for quote in doc._.ng_quotes or []], mentions


def textacy_available() -> bool:
    try:
        import textacy.extract.triples  # noqa: F401, PLC0415 - lazy: textacy is the dev extra's
    except ImportError:
        return False
    return True


def textacy_quotes(nlp: Any, text: str) -> tuple[list[dict[str, Any]], int]:
    """textacy's direct quotations of ``text``, run paragraph by paragraph; and the paragraphs it failed on."""
    from textacy.extract.triples import direct_quotations  # noqa: PLC0415 - lazy: textacy is the dev extra's, for the comparison only


    quotes, errors = [], 0
    for start, end in paragraphs(text):
        doc = nlp(text[start:end])
        try:
            for triple in direct_quotations(doc):
                content, speaker = triple.content, triple.speaker
                quote = {"span": [start + content.start_char, start + content.end_char], "direct": True, "partial": False}
                quote["cue"] = {"span": [start + triple.cue[0].idx, start + triple.cue[-1].idx + len(triple.cue[-1])]} if triple.cue else None
                quote["speaker"] = {"span": [start + speaker[0].idx, start + speaker[-1].idx + len(speaker[-1])]} if speaker else None
                quotes.append(quote)
        except Exception:  # textacy raises on some unbalanced quotation marks; score what it gave
            errors += 1
    return quotes, errors


def evaluate(
    records: list[dict[str, Any]], nlp: Any, with_textacy: bool = False, rejected: Optional[list[Any]] = None
) -> dict[str, Scores]:
    """Scores of newsgraph (and textacy when asked) over PolNeAR ``records``; rejected candidates go to ``rejected``."""
    systems = {"newsgraph": Scores()}
    bare = None
    if with_textacy:

        systems["textacy"] = Scores()
        bare = load_bare_pipeline()
    texts = [record["text"] for record in records]
    for record, (quotes, entity_mentions) in zip(records, newsgraph_quotes(nlp, texts, rejected)):
        gold = gold_units(record)
        score_article(systems["newsgraph"], record["text"], gold, quotes, entity_mentions)
        if bare is not None:
            found, errors = textacy_quotes(bare, record["text"])
            systems["textacy"].errors += errors
            score_article(systems["textacy"], record["text"], gold, found)
    return systems


def format_report(systems: dict[str, Scores], articles: int) -> str:
    """A table: one column pair per system, one row per measure."""
    names = list(systems)
    lines = [f"PolNeAR records scored: {articles}", f"{'':<24}" + "".join(f"{name:>22}" for name in names)]
    for label, attr in (
        ("direct P/R/F1", "direct"),
        ("all P/R/F1", "all"),
        ("direct exact P/R/F1", "direct_exact"),
        ("all exact P/R/F1", "all_exact"),
    ):
        cells = []
        for name in names:
            prf = getattr(systems[name], attr)
            cells.append(f"{prf.precision:.3f}/{prf.recall:.3f}/{prf.f1:.3f}")
        lines.append(f"{label:<24}" + "".join(f"{cell:>22}" for cell in cells))
    for label, accuracy, correct, total in (
        ("speaker acc. (mention)", "speaker_accuracy", "speaker_correct", "speaker_total"),
        ("  direct quotes only", "direct_speaker_accuracy", "direct_speaker_correct", "direct_speaker_total"),
        ("speaker acc. (entity)", "speaker_entity_accuracy", "speaker_entity_correct", "speaker_total"),
        ("  direct quotes only", "direct_speaker_entity_accuracy", "direct_speaker_entity_correct", "direct_speaker_total"),
    ):
        cells = [f"{getattr(s, accuracy):.3f} ({getattr(s, correct)}/{getattr(s, total)})" for s in systems.values()]
        lines.append(f"{label:<24}" + "".join(f"{cell:>22}" for cell in cells))
    return "\n".join(lines)


def format_rejections(rejected: list[Any], examples: int = 3) -> str:
    """How many quoted stretches were turned down, by reason, with a few of each."""
    by_reason: dict[str, list[Any]] = {}
    for item in rejected:
        by_reason.setdefault(item.reason, []).append(item)
    lines = [f"quoted stretches rejected as not quotations: {len(rejected)}"]
    for reason, items in sorted(by_reason.items(), key=lambda pair: -len(pair[1])):
        lines.append(f"  {reason:<14}{len(items):>6}")
        lines.extend(f"      {item.text[:70]!r}" for item in items[:examples])
    return "\n".join(lines)


def quote_cost(texts: list[str]) -> tuple[float, float]:
    """CPU seconds of spaCy with the entities component over ``texts``, and of the quotes finder on the parses."""


    nlp = load_pipeline(components=QUOTE_COMPONENTS[:1])
    started = time.process_time()
    docs = list(nlp.pipe(texts))
    parse = time.process_time() - started
    started = time.process_time()
    for doc in docs:
        find_quotes(doc)
    return parse, time.process_time() - started


@click.command(name="quotes")
@click.option("--polnear", "polnear", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="PolNeAR JSONL (one record per article and annotator).")
@click.option("--split", default="dev", show_default=True, help="Records of this split ('all' for every split).")
@click.option("--limit", type=int, default=None, help="Score only the first N records.")
@click.option("--textacy/--no-textacy", "use_textacy", default=True, show_default=True,
              help="Also score textacy's direct_quotations (when textacy is installed).")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--explain", is_flag=True, help="Also count the quoted stretches rejected as not quotations, by reason.")
@click.option("--cost", "cost_file", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="Instead of scoring: time the quotes finder against spaCy on the first 50 texts of this JSONL.")
def command(polnear: Optional[Path], split: str, limit: Optional[int], use_textacy: bool, as_json: bool,
            explain: bool, cost_file: Optional[Path]) -> None:
    """Score the quotes extractor against PolNeAR attributions.

    \b
    Example:
        newsgraph eval quotes --polnear ../shared/eval/quotes/polnear_train_dev.jsonl --split dev
        newsgraph eval quotes --cost ../shared/eval/corpus/reuters21578_sample200_long.jsonl
    """

    if cost_file is not None:
        texts = [record["text"] for record in read_polnear(cost_file, None, limit or 50)]
        parse, quotes = quote_cost(texts)
        click.echo(f"{len(texts)} texts: spaCy + entities {parse:.2f} s CPU, quotes {quotes:.3f} s CPU "
                   f"({100 * quotes / parse:.1f}% of spaCy)")
        return
    if polnear is None:
        raise click.UsageError("give --polnear FILE to score (or --cost FILE to time)")
    records = read_polnear(polnear, None if split == "all" else split, limit)
    if not records:
        raise click.ClickException(f"{polnear} has no records of split {split!r}")
    with_textacy = use_textacy and textacy_available()
    if use_textacy and not with_textacy:
        click.echo("textacy is not installed: scoring newsgraph only (pip install -e '.[dev]')", err=True)
    rejected: Optional[list[Any]] = [] if explain else None
    systems = evaluate(records, load_pipeline(components=QUOTE_COMPONENTS), with_textacy, rejected)
    if as_json:
        extra: dict[str, Any] = {"records": len(records)}
        if rejected is not None:
            extra["rejected"] = {reason: sum(1 for r in rejected if r.reason == reason) for reason in {r.reason for r in rejected}}
            extra["gold_oddities"] = len(gold_oddities(records))
        json.dump({name: s.to_dict() for name, s in systems.items()} | extra, sys.stdout, indent=2)
        click.echo()
    else:
        click.echo(format_report(systems, len(records)))
        if rejected is not None:
            click.echo(format_rejections(rejected))
            click.echo(format_oddities(gold_oddities(records)))
