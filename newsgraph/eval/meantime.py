"""``newsgraph eval meantime``: cross-document coreference on MEANTIME (NewsReader's Wikinews corpus).

Each document is analysed on its own; the per-article entities are then grouped across documents
by :func:`newsgraph.identity.resolver.resolve`, exactly as the store's identity stage does. Scores
are over the gold mentions that carry a cross-document ``instance_id``: each gold mention takes the
corpus entity of the system mention that overlaps it most (a gold mention no system mention
overlaps is a singleton), and MUC, B³, CEAF-e and CoNLL F1 compare that clustering with the gold
instances. So the scores measure grouping, not mention detection (its recall is reported beside).

Baselines on the same mentions:

- ``same text``: mentions with the same words (case and a leading "the" ignored) are one entity;
- ``within document``: newsgraph's per-article clusters, never joined across documents.

Events: gold event mentions with an ``instance_id``, grouped by newsgraph's rule for one happening
told in several articles (:func:`newsgraph.stories.events.group_event_mentions`: the same trigger
lemma and a shared corpus entity in its clause), against the ``same lemma`` baseline.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Hashable, Iterator

import click

from newsgraph.eval.coref_metrics import conll
from newsgraph.identity.resolver import Member, resolve
from newsgraph.model import Article
from newsgraph.pipeline import analysis_from_doc, load_pipeline, parse_articles
from newsgraph.stories.events import event_mention_key, group_event_mentions

_ARTICLE = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)


def read_meantime(path: Path) -> Iterator[dict[str, Any]]:
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def _same_text(text: str) -> str:
    return _ARTICLE.sub("", " ".join(text.lower().split()))


def _best_overlap(span: tuple[int, int], candidates: list[tuple[tuple[Any, ...], Any]]) -> Hashable | None:
    """The system mention standing for a gold mention: among those overlapping it, the one ending where
    it ends (English noun phrases end in their head: "airframer Boeing" is Boeing), else the largest overlap."""
    best, best_rank = None, (False, 0)
    for (start, end), label in candidates:
        overlap = min(end, span[1]) - max(start, span[0])
        rank = (end == span[1], overlap)
        if overlap > 0 and rank > best_rank:
            best, best_rank = label, rank
    return best


def _members(doc_id: str, analysis: Any) -> list[Member]:
    members = []
    for entity in analysis.entities:
        names = tuple(sorted({m.text for m in entity.mentions if m.kind == "name"} - {entity.name}))
        members.append(Member(doc_id, entity.id, entity.name, entity.type, entity.country, entity.role, names,
                              len(entity.mentions)))
    return members


def score(path: Path, limit: int | None = None) -> dict[str, Any]:
    docs = list(read_meantime(path))[:limit]
    articles = [Article(id=doc["doc_id"], text=doc["text"], published=doc.get("dct")) for doc in docs]
    analyses, parsed = {}, {}
    for article, spacy_doc in zip(articles, parse_articles(load_pipeline(), articles)):
        parsed[article.id] = spacy_doc
        analyses[article.id] = analysis_from_doc(spacy_doc, article)
    members = [member for doc_id, analysis in analyses.items() for member in _members(doc_id, analysis)]
    corpus_id = {member.ref: group.id for group in resolve(members) for member in group.members}
    return {
        "documents": len(docs),
        "entities": _entity_scores(docs, analyses, corpus_id),
        "events": _event_scores(docs, analyses, parsed, corpus_id),
    }


NAME_TYPES = ("NAM", "PRE.NAM")  # proper names, and names used as modifiers ("Apple's", "Boeing 747")


def _entity_scores(docs: list[dict[str, Any]], analyses: dict[str, Any], corpus_id: dict) -> dict[str, Any]:
    everything = _entity_clusterings(docs, analyses, corpus_id, names_only=False)
    names = _entity_clusterings(docs, analyses, corpus_id, names_only=True)
    return {**everything, "names": names}


def _entity_clusterings(docs: list[dict[str, Any]], analyses: dict[str, Any], corpus_id: dict,
                        names_only: bool) -> dict[str, Any]:
    gold, system, within, same_text = {}, {}, {}, {}
    found = 0
    for doc in docs:
        analysis = analyses[doc["doc_id"]]
        spans = [(tuple(m.span), (doc["doc_id"], e.id)) for e in analysis.entities for m in e.mentions]
        for mention in doc["entity_mentions"]:
            if not mention.get("instance_id") or (names_only and mention["syntactic_type"] not in NAME_TYPES):
                continue
            key = (doc["doc_id"], mention["m_id"])
            gold[key] = mention["instance_id"]
            ref = _best_overlap((mention["start"], mention["end"]), spans)
            found += ref is not None
            system[key] = corpus_id.get(ref, ref) if ref is not None else ("alone", key)
            within[key] = ref if ref is not None else ("alone", key)
            same_text[key] = _same_text(mention["text"])
    return {
        "gold_mentions": len(gold),
        "mentions_found": found,
        "newsgraph": conll(gold, system),
        "baseline_same_text": conll(gold, same_text),
        "baseline_within_document": conll(gold, within),
    }


def _event_scores(docs: list[dict[str, Any]], analyses: dict[str, Any], parsed: dict[str, Any],
                  corpus_id: dict) -> dict[str, Any]:
    gold, described, same_lemma = {}, {}, {}
    for doc in docs:
        spacy_doc, analysis = parsed[doc["doc_id"]], analyses[doc["doc_id"]]
        entity_spans = [(tuple(m.span), corpus_id.get((doc["doc_id"], e.id))) for e in analysis.entities
                        for m in e.mentions]
        for mention in doc["event_mentions"]:
            if not mention.get("instance_id"):
                continue
            key = (doc["doc_id"], mention["m_id"])
            gold[key] = mention["instance_id"]
            span = spacy_doc.char_span(mention["start"], mention["end"], alignment_mode="expand")
            lemma = span.root.lemma_.lower() if span is not None else mention["text"].lower()
            same_lemma[key] = lemma
            clause = span.root.sent if span is not None else None
            actors = {label for (start, end), label in entity_spans
                      if clause is not None and clause.start_char <= start and end <= clause.end_char and label}
            described[key] = event_mention_key(lemma, actors)
    system = group_event_mentions(described)
    return {"gold_mentions": len(gold), "newsgraph": conll(gold, system), "baseline_same_lemma": conll(gold, same_lemma)}


def _table(name: str, result: dict[str, Any]) -> str:
    rows = [f"{name:<28}{'MUC':>8}{'B3':>8}{'CEAF-e':>8}{'CoNLL':>8}"]
    for system, scores in result.items():
        if isinstance(scores, dict) and "conll" in scores:
            rows.append(f"{system:<28}{scores['muc']['f1']:>8.3f}{scores['b3']['f1']:>8.3f}"
                        f"{scores['ceafe']['f1']:>8.3f}{scores['conll']['f1']:>8.3f}")
    return "\n".join(rows)


@click.command("meantime")
@click.option("--jsonl", "path", type=click.Path(exists=True, dir_okay=False, path_type=Path), required=True,
              help="MEANTIME records (one document per line, with entity and event mentions).")
@click.option("--limit", type=int, help="Only the first N documents.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def command(path: Path, limit: int | None, as_json: bool) -> None:
    """Cross-document entity and event coreference on MEANTIME (MUC, B3, CEAF-e, CoNLL F1).

    \b
    Example:
        newsgraph eval meantime --jsonl ../shared/eval/meantime/meantime_dev.jsonl
    """
    result = score(path, limit)
    if as_json:
        click.echo(json.dumps(result, indent=2))
        return
    entities, events = result["entities"], result["events"]
    click.echo(f"{result['documents']} documents; {entities['gold_mentions']} gold entity mentions "
               f"({entities['mentions_found']} overlapped by a newsgraph mention), "
               f"{events['gold_mentions']} gold event mentions")
    click.echo(_table("entities, all mentions", entities))
    click.echo(f"names only: {entities['names']['gold_mentions']} gold mentions "
               f"({entities['names']['mentions_found']} overlapped)")
    click.echo(_table("entities, names", entities["names"]))
    click.echo(_table("events", events))


__all__ = ["command", "read_meantime", "score"]
