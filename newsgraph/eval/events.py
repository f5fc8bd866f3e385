"""`newsgraph eval events`: score the event coder against PETRARCH and PLOVER gold records.

``--petrarch-xml FILE`` reads PETRARCH validation records (``<Sentence date id>`` with
``<EventCoding sourcecode eventcode targetcode>`` and ``<Text>``; the JSONL extraction with
``text``, ``date`` and ``events`` is read too). Scores are summed over records, each record's
predictions and gold taken as sets of non-negated events:

* exact: (source, code, target) triples, a missing actor written ``---``;
* root: (source country, root code, target country), the first three letters of each actor;
* code: event codes alone.

``--dictionaries DIR`` codes with PETRARCH dictionaries from DIR; the files named in the XML's
``<Environment>`` are used when present, else all of DIR (or those matching ``--include``).

``--plover FILE`` reads PLOVER gold-standard records (one event a sentence, with ``event``,
``source``/``target`` actor lists with ``code``). The sentence's main event is the predicted
event whose trigger is nearest the root of the parse. Scores: event-category accuracy over
all records; P/R/F1 of (category, source country, target country) triples; and, over records
with a predicted event, the share whose source (target) country is one of the gold ones.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path
from typing import Any, Optional

import click
from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.errors import NewsgraphError
from newsgraph.eval.metrics import PRF, format_table
from newsgraph.extract.events.builtin import CodingSetup, coding_setup
from newsgraph.extract.events.codebook import has_country
from newsgraph.extract.events.component import find_events
from newsgraph.extract.events.dictionaries import (
    Dictionaries,
    load_dictionaries,
    read_dictionary,
)
from newsgraph.model import Event
from newsgraph.pipeline import load_pipeline, make_article, parse_articles

ENVIRONMENT_FILES = (("Verbfile", "verbs"), ("Actorfile", "actors"), ("Agentfile", "agents"), ("Discardfile", "discards"))


# ---------------------------------------------------------------- reading gold


def load_petrarch_records(path: Path) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """(records with id, date YYYY-MM-DD or None, text, gold triples; environment file names)."""
    if path.suffix == ".jsonl":
        return _petrarch_jsonl(path), {}
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as error:
        raise click.ClickException(f"{path}: not a PETRARCH XML file ({error})") from error
    environment = {}
    for tag, kind in ENVIRONMENT_FILES:
        node = root.find(f"Environment/{tag}")
        if node is not None and node.text:
            environment[kind] = node.text.strip()
    records = []
    for sentence in root.iter("Sentence"):
        text = " ".join((sentence.findtext("Text") or "").split())
        if not text:
            continue
        events = [dict(node.attrib) for node in sentence.findall("EventCoding")]
        records.append(_record(sentence.get("id"), sentence.get("date"), text, events))
    return [r for r in records if not r.get("skip")], environment


def _petrarch_jsonl(path: Path) -> list[dict[str, Any]]:
    records = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                raw = json.loads(line)
                records.append(_record(raw.get("id"), raw.get("date"), raw["text"], raw.get("events") or []))
            except (json.JSONDecodeError, KeyError, TypeError) as error:
                raise click.ClickException(f"{path}:{number}: not a PETRARCH record ({error})") from error
    return [r for r in records if not r.get("skip")]


def _record(record_id: Optional[str], day: Optional[str], text: str, events: list[dict[str, Any]]) -> dict[str, Any]:
    """One scored record. A record marked ``error="bad_input_parse"`` tests PETRARCH's reading of a
    malformed parse tree given with the text; newsgraph parses the text itself, so it is left out."""
    if any(event.get("error") == "bad_input_parse" for event in events):
        return {"id": record_id, "skip": True}
    gold = set()
    for event in events:
        if event.get("eventcode"):
            gold.add((event.get("sourcecode") or "---", event["eventcode"], event.get("targetcode") or "---"))
    published = f"{day[:4]}-{day[4:6]}-{day[6:8]}" if day and len(day) == 8 and day.isdigit() else None
    return {"id": record_id, "published": published, "text": text, "gold": gold}


def load_plover_records(path: Path) -> list[dict[str, Any]]:
    """The PLOVER gold-standard records that have a text and an event category."""
    try:
        raw = json.loads(Path(path).read_text("utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise click.ClickException(f"{path}: not a PLOVER JSON file ({error})") from error
    if not isinstance(raw, list):
        raise click.ClickException(f"{path}: expected a JSON list of records")
    return [r for r in raw if isinstance(r, dict) and r.get("text") and r.get("event") and r["event"] != "DOCUMENT"]


def _countries(actors: Any) -> set[Optional[str]]:
    if not isinstance(actors, list):
        return set()
    return {(a.get("code") or "")[:3].upper() or None for a in actors if isinstance(a, dict)}


# ---------------------------------------------------------------- predicting


def predict(nlp: Language, records: list[dict[str, Any]], setup: CodingSetup) -> list[tuple[Doc, list[Event]]]:
    """Parse each record and code its events with ``setup`` (see :func:`coding_setup`)."""

    results = []
    articles = [make_article(r["text"], id=r.get("id"), published=r.get("published")) for r in records]
    docs = parse_articles(nlp, articles)
    for doc in docs:
        events = [e for e in find_events(doc, setup=setup) if not e.negated]
        results.append((doc, events))
    return results


def _code(actor: Any) -> str:
    """An actor code as PETRARCH writes it: ``---`` for a missing actor or an unknown country."""
    code = (actor.code if actor is not None and actor.code else "---").upper()
    return code if has_country(code) or code.startswith("---") else "---" + code


def score_petrarch(records: list[dict[str, Any]], predictions: list[tuple[Doc, list[Event]]]) -> dict[str, Any]:
    """Exact, root and code scores over all records; exact scores apart for records with and
    without gold events; the share of no-event records that get an event; and error kinds."""
    scores: dict[str, Any] = {"exact": PRF(), "root": PRF(), "code": PRF(), "exact_with_events": PRF(), "exact_without_events": PRF()}
    errors: Counter = Counter()
    no_event_records = no_event_hits = 0
    for record, (_, events) in zip(records, predictions):
        predicted = {(_code(e.source), e.code, _code(e.target)) for e in events}
        gold = record["gold"]
        tp = len(predicted & gold)
        scores["exact"].add(tp, len(predicted), len(gold))
        scores["exact_with_events" if gold else "exact_without_events"].add(tp, len(predicted), len(gold))
        if not gold:
            no_event_records += 1
            no_event_hits += bool(predicted)
        errors.update(error_kinds(predicted, gold))
        rooted = {(s[:3], c[:2], t[:3]) for s, c, t in predicted}
        gold_rooted = {(s[:3], c[:2], t[:3]) for s, c, t in gold}
        scores["root"].add(len(rooted & gold_rooted), len(rooted), len(gold_rooted))
        codes, gold_codes = {c for _, c, _ in predicted}, {c for _, c, _ in gold}
        scores["code"].add(len(codes & gold_codes), len(codes), len(gold_codes))
    scores["no_event_records"] = no_event_records
    scores["no_event_records_with_event"] = no_event_hits
    scores["errors"] = dict(errors.most_common())
    return scores


def error_kinds(predicted: set[tuple[str, str, str]], gold: set[tuple[str, str, str]]) -> Counter:
    """Why the unmatched triples of one record are wrong: the nearest gold triple differs only
    in its code, its source or its target; else a predicted triple is spurious, a gold one missed."""
    kinds: Counter = Counter()
    wrong, left = set(predicted - gold), set(gold - predicted)
    for triple in sorted(wrong):
        for kind, same in (("wrong code", (0, 2)), ("wrong source", (1, 2)), ("wrong target", (0, 1))):
            match = next((g for g in sorted(left) if all(g[i] == triple[i] for i in same)), None)
            if match is not None:
                kinds[kind] += 1
                left.discard(match)
                break
        else:
            kinds["spurious"] += 1
    kinds["missed"] += len(left)
    return kinds


def main_event(doc: Doc, events: list[Event]) -> Optional[Event]:
    """The event whose trigger is nearest the root of its sentence's parse (first on ties)."""
    best, best_depth = None, 99
    for event in events:
        if not event.plover or event.trigger is None:
            continue
        span = doc.char_span(event.trigger.span[0], event.trigger.span[1], alignment_mode="expand")
        if span is None:
            continue
        token, depth = span[0], 0
        while token.head is not token and depth < 50:
            token, depth = token.head, depth + 1
        if depth < best_depth:
            best, best_depth = event, depth
    return best


def score_plover(records: list[dict[str, Any]], predictions: list[tuple[Doc, list[Event]]]) -> dict[str, Any]:
    correct = 0
    triples = PRF()
    source_agree = target_agree = with_event = with_target = 0
    errors: Counter = Counter()
    for record, (doc, events) in zip(records, predictions):
        event = main_event(doc, events)
        sources, targets = _countries(record.get("source")), _countries(record.get("target")) or {None}
        gold = {(record["event"], s, t) for s in sources for t in targets}
        predicted = set()
        if event is None:
            errors["missed"] += 1
        else:
            source = _code(event.source)[:3]
            target = _code(event.target)[:3] if event.target is not None else None
            if targets == {None} and target in sources and source in sources:
                target = None  # "A and B signed": a joint pair is PLOVER's compound source
            predicted = {(event.plover, None if source == "---" else source, None if target == "---" else target)}
            errors.update(_plover_errors(next(iter(predicted)), record["event"], sources, targets))
            correct += event.plover == record["event"]
            with_event += 1
            source_agree += source in sources
            if targets != {None}:
                with_target += 1
                target_agree += target in targets
        triples.add(len(predicted & gold) and 1, len(predicted), 1 if gold else 0)
    total = len(records)
    return {
        "records": total,
        "category_accuracy": round(correct / total, 4) if total else 0.0,
        "triples": triples.to_dict(),
        "source_country_agreement": round(source_agree / with_event, 4) if with_event else 0.0,
        "target_country_agreement": round(target_agree / with_target, 4) if with_target else 0.0,
        "records_with_event": with_event,
        "errors": dict(errors.most_common()),
    }


def _plover_errors(predicted: tuple[Any, Any, Any], category: str, sources: set, targets: set) -> list[str]:
    """The ways one record's main event is wrong: its category, source country, target country."""
    found = []
    if predicted[0] != category:
        found.append("wrong code")
    if predicted[1] not in sources:
        found.append("wrong source")
    if predicted[2] not in targets and not (targets == {None} and predicted[2] in sources):
        found.append("wrong target")
    return found


# ---------------------------------------------------------------- entry points


def petrarch_dictionaries(directory: Path, environment: dict[str, str], include: Optional[str]) -> Dictionaries:
    """The dictionaries named by the records' environment, else every one in ``directory``."""
    named = {kind: directory / name for kind, name in environment.items() if (directory / name).is_file()}
    if include is None and "verbs" in named:
        result = Dictionaries(name=directory.name)
        for kind, path in named.items():
            read_dictionary(path, kind, result)
        return result
    return load_dictionaries(directory, include=include)


def evaluate_petrarch(path: Path, dictionaries_dir: Optional[Path] = None, include: Optional[str] = None, nlp: Optional[Language] = None, defaults: bool = True) -> dict[str, Any]:
    """Scores of the coder on PETRARCH validation records (see the module docstring).

    ``dictionaries_dir``: the folder of the dictionaries the records name, read on top of the
    shipped ones, or alone with ``defaults=False`` (PETRARCH's own coding)."""

    records, environment = load_petrarch_records(Path(path))
    dictionaries = petrarch_dictionaries(Path(dictionaries_dir), environment, include) if dictionaries_dir else None
    predictions = predict(nlp or load_pipeline(), records, coding_setup(dictionaries, defaults=defaults))
    scores = score_petrarch(records, predictions)
    return {"records": len(records), **{name: value.to_dict() if isinstance(value, PRF) else value for name, value in scores.items()}}


def evaluate_plover(path: Path, nlp: Optional[Language] = None, dictionaries_dir: Optional[Path] = None, defaults: bool = True) -> dict[str, Any]:
    """Scores of the default coder (or one with other dictionaries) on PLOVER gold-standard records."""

    records = load_plover_records(Path(path))
    for record in records:  # the record's date resolves date-restricted dictionary codes
        record.setdefault("published", record.get("date") if isinstance(record.get("date"), str) and len(record["date"]) == 10 else None)
    dictionaries = load_dictionaries(Path(dictionaries_dir)) if dictionaries_dir else None
    predictions = predict(nlp or load_pipeline(), records, coding_setup(dictionaries, defaults=defaults))
    return score_plover(records, predictions)


@click.command(name="events")
@click.option("--petrarch-xml", type=click.Path(exists=True, dir_okay=False, path_type=Path), help="PETRARCH validation records (XML, or their JSONL extraction).")
@click.option("--dictionaries", type=click.Path(exists=True, file_okay=False, path_type=Path), help="Folder of PETRARCH-format dictionaries to code with.")
@click.option("--include", default=None, help="Only dictionary files whose name contains this text.")
@click.option("--plover", type=click.Path(exists=True, dir_okay=False, path_type=Path), help="PLOVER gold-standard records (JSON list).")
@click.option("--no-dictionaries", "no_dictionaries", is_flag=True, help="Without the shipped dictionaries (with --dictionaries: that folder alone, as PETRARCH codes).")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def command(petrarch_xml: Optional[Path], dictionaries: Optional[Path], include: Optional[str], plover: Optional[Path], no_dictionaries: bool, as_json: bool) -> None:
    """Score the event coder against PETRARCH or PLOVER gold records.

    \b
    Example:
        newsgraph eval events --petrarch-xml PETR.UnitTest.records.xml --dictionaries petrarch-dicts/
        newsgraph eval events --petrarch-xml PETR.UnitTest.records.xml --dictionaries petrarch-dicts/ --no-dictionaries
        newsgraph eval events --plover PLOVER_GSR_CAMEO.json
    """
    if not petrarch_xml and not plover:
        raise click.UsageError("give --petrarch-xml FILE or --plover FILE")
    results: dict[str, Any] = {}
    try:
        if petrarch_xml:
            results["petrarch"] = evaluate_petrarch(petrarch_xml, dictionaries, include, defaults=not no_dictionaries)
        if plover:
            results["plover"] = evaluate_plover(plover, dictionaries_dir=dictionaries if not petrarch_xml else None, defaults=not no_dictionaries)
    except NewsgraphError as error:  # a folder without a verb dictionary, an unreadable file
        raise click.ClickException(str(error)) from error
    if as_json:
        click.echo(json.dumps(results, indent=2))
        return
    if "petrarch" in results:
        found = results["petrarch"]
        click.echo(f"PETRARCH records: {found['records']}")
        names = ("exact", "exact_with_events", "exact_without_events", "root", "code")
        click.echo(format_table([(name, PRF(found[name]["tp"], found[name]["predicted"], found[name]["gold"])) for name in names]))
        click.echo(f"records without a gold event that get one: {found['no_event_records_with_event']} of {found['no_event_records']}")
        click.echo("errors: " + ", ".join(f"{kind} {count}" for kind, count in found["errors"].items()))
    if "plover" in results:
        found = results["plover"]
        click.echo(f"PLOVER records: {found['records']}  category accuracy: {found['category_accuracy']:.3f}")
        click.echo(format_table([("triples", PRF(found["triples"]["tp"], found["triples"]["predicted"], found["triples"]["gold"]))]))
        click.echo(f"source country agreement: {found['source_country_agreement']:.3f}  target country agreement: {found['target_country_agreement']:.3f}")
        click.echo("errors: " + ", ".join(f"{kind} {count}" for kind, count in found["errors"].items()))
