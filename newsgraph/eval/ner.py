"""``newsgraph eval ner``: named-mention recognition scored on CoNLL-2003.

Each CoNLL document is rebuilt as text (tokens joined by spaces, sentences by newlines), run
through the entities component, and every named mention is compared with the gold chunks by
exact character span and type. PERSON scores as PER, GPE, LOC and FAC as LOC, ORG as ORG;
the other types (NORP, EVENT, PRODUCT, ...) as MISC, reported apart.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Optional

import click

from newsgraph.eval.metrics import PRF, format_table
from newsgraph.pipeline import analysis_from_doc, load_pipeline, make_article, parse_articles

CONLL_TYPE = {
    "PERSON": "PER",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "NORP": "MISC",
    "EVENT": "MISC",
    "PRODUCT": "MISC",
    "WORK_OF_ART": "MISC",
    "LAW": "MISC",
    "LANGUAGE": "MISC",
}
MAIN_TYPES = ("PER", "ORG", "LOC")


@dataclass
class ConllDocument:
    text: str
    gold: set[tuple[int, int, str]] = field(default_factory=set)  # (start, end, type)


def read_conll(path: Path) -> Iterator[ConllDocument]:
    """Documents of a CoNLL-2003 file (IOB1 or IOB2 tags in the last column)."""
    sentences: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            parts = line.split()
            if not parts:
                if current:
                    sentences.append(current)
                    current = []
                continue
            if parts[0] == "-DOCSTART-":
                if current:
                    sentences.append(current)
                    current = []
                if sentences:
                    yield _document(sentences)
                sentences = []
                continue
            current.append((parts[0], parts[-1]))
    if current:
        sentences.append(current)
    if sentences:
        yield _document(sentences)


def _document(sentences: list[list[tuple[str, str]]]) -> ConllDocument:
    pieces: list[str] = []
    gold: set[tuple[int, int, str]] = set()
    offset = 0
    for sentence in sentences:
        chunk: Optional[list] = None  # [start, end, type]
        for index, (word, tag) in enumerate(sentence):
            if index:
                pieces.append(" ")
                offset += 1
            start, end = offset, offset + len(word)
            pieces.append(word)
            offset = end
            kind = tag[2:] if tag != "O" else None
            if chunk is not None and kind == chunk[2] and not tag.startswith("B-"):  # the chunk continues
                chunk[1] = end
            else:
                if chunk is not None:
                    gold.add(tuple(chunk))
                chunk = [start, end, kind] if kind else None
        if chunk is not None:
            gold.add(tuple(chunk))
        pieces.append("\n")
        offset += 1
    return ConllDocument(text="".join(pieces), gold=gold)


def predicted_mentions(analysis_entities) -> set[tuple[int, int, str]]:
    """(start, end, CoNLL type) of every named mention of the analysed entities."""
    found = set()
    for entity in analysis_entities:
        conll_type = CONLL_TYPE.get(entity.type)
        if conll_type is None:
            continue
        for mention in entity.mentions:
            if mention.kind == "name":
                found.add((mention.span[0], mention.span[1], conll_type))
    return found


def model_mentions(doc) -> set[tuple[int, int, str]]:
    """(start, end, CoNLL type) of the model's own entity spans, untouched (the baseline)."""
    return {(e.start_char, e.end_char, CONLL_TYPE[e.label_]) for e in doc.ents if e.label_ in CONLL_TYPE}


def score_ner(path: Path, limit: Optional[int] = None, nlp=None, model_only: bool = False) -> dict[str, PRF]:
    """Exact-span scores per CoNLL type, plus "PER+ORG+LOC" (micro) over the main three.
    ``model_only`` scores the spaCy model's own entities instead of newsgraph's."""

    nlp = nlp or load_pipeline(components=("newsgraph_entities",))
    documents = list(read_conll(path))[:limit]
    articles = [make_article(document.text, id=str(index)) for index, document in enumerate(documents)]
    scores = {name: PRF() for name in (*MAIN_TYPES, "MISC", "PER+ORG+LOC")}
    docs = parse_articles(nlp, articles)
    for document, article, doc in zip(documents, articles, docs):
        if model_only:
            predicted = model_mentions(doc)
        else:
            predicted = predicted_mentions(analysis_from_doc(doc, article).entities)
        for name in (*MAIN_TYPES, "MISC"):
            gold = {item for item in document.gold if item[2] == name}
            mine = {item for item in predicted if item[2] == name}
            scores[name].add(len(gold & mine), len(mine), len(gold))
            if name in MAIN_TYPES:
                scores["PER+ORG+LOC"].add(len(gold & mine), len(mine), len(gold))
    return scores


@click.command(name="ner")
@click.option("--conll", "conll_path", required=True, type=click.Path(exists=True, dir_okay=False),
              help="A CoNLL-2003 file (e.g. eng.testa).")
@click.option("--limit", type=int, help="Score only the first N documents.")
@click.option("--model-only", is_flag=True, help="Score the spaCy model's own entities (the baseline).")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def command(conll_path: str, limit: Optional[int], model_only: bool, as_json: bool) -> None:
    """Exact-span precision, recall and F1 of named mentions on a CoNLL-2003 file.

    \b
    Example:
        newsgraph eval ner --conll ../shared/eval/ner/eng.testa
    """
    scores = score_ner(Path(conll_path), limit, model_only=model_only)
    if as_json:
        click.echo(json.dumps({name: prf.to_dict() for name, prf in scores.items()}, indent=2))
    else:
        click.echo(format_table(list(scores.items())))
