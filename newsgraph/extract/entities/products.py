"""Products and works referred back to: "the aircraft" after "the A380", "the phone" after "the
iPhone", "the film" after its title; and relative pronouns ("the A380, which ...", "Tim Cook, who
...") joined to the noun phrase they describe."""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Token

from newsgraph.extract.entities.clusters import Cluster
from newsgraph.extract.entities.coref import best_antecedent
from newsgraph.extract.entities.names import model_designation, written_as_name

__all__ = ["ARTIFACT_NOUNS", "WORK_NOUNS", "link_product_nominals", "link_relative_pronouns", "product_shaped", "resolve_it"]

# Nouns for made things that a definite noun phrase uses to refer back to a named product. Words
# with a common second sense ("player", "model", "program", "system", "game") are left out.
ARTIFACT_NOUNS = {
    "aircraft", "plane", "airplane", "aeroplane", "jet", "airliner", "jetliner", "superjumbo", "helicopter",
    "car", "vehicle", "truck", "phone", "handset", "smartphone", "device", "gadget", "computer", "laptop",
    "tablet", "console", "software", "drug", "vaccine", "medicine", "ship", "vessel", "satellite", "rocket",
    "missile", "engine", "product",
}
WORK_NOUNS = {"film", "movie", "book", "novel", "album", "song", "opera", "painting", "documentary"}
MAX_SENTENCES_BACK = 3
RELATIVE_PRONOUNS = {"who", "whom", "whose", "which", "that"}
RELATIVE_TAGS = {"WDT", "WP", "WP$"}


def product_shaped(doc: Doc, cluster: Cluster) -> bool:
    """Whether every name of the cluster is spelt as products are: a model's designation ("A380",
    "787 Dreamliner") or a brand with a lower-case first letter ("iPhone")."""
    names = [doc[s:e] for s, e, kind in cluster.mentions if kind == "name"]
    return bool(names) and all(
        any(model_designation(t.text) or t.like_num or (written_as_name(t.text) and t.text[:1].islower()) for t in name)
        for name in names
    )


def link_product_nominals(doc: Doc, clusters: list[Cluster]) -> None:
    """Attach "the aircraft", "the new phone", "the film" to the product or work named last before
    them (within a few sentences): a product or work the model typed so, or a name spelt as one."""
    if not doc.has_annotation("DEP"):
        return
    products = [c for c in clusters if c.label == "PRODUCT" or product_shaped(doc, c)]
    works = [c for c in clusters if c.label == "WORK_OF_ART"]
    if not products and not works:
        return
    named = {i for c in clusters for s, e, _ in c.mentions for i in range(s, e)}
    sentence_of = {token.i: number for number, sent in enumerate(doc.sents) for token in sent}
    for chunk in doc.noun_chunks:
        head = chunk.root
        if chunk[0].lower_ != "the" or head.tag_ != "NN" or named.intersection(range(chunk.start, chunk.end)):
            continue
        if head.i + 1 < len(doc) and doc[head.i + 1].lower_ == "of":
            continue  # "the engine of the car": a part, not the product
        noun = head.lower_
        candidates = products if noun in ARTIFACT_NOUNS else works if noun in WORK_NOUNS else []
        cluster = _named_last(chunk.start, candidates, sentence_of)
        if cluster is not None:
            cluster.add(chunk.start, chunk.end, "nominal")


def _named_last(position: int, candidates: list[Cluster], sentence_of: dict[int, int]) -> Optional[Cluster]:
    best, best_position = None, -1
    for cluster in candidates:
        before = [s for s, _, kind in cluster.mentions if s < position and kind == "name"]
        if before and max(before) > best_position and sentence_of[position] - sentence_of[max(before)] <= MAX_SENTENCES_BACK:
            best, best_position = cluster, max(before)
    return best


def link_relative_pronouns(doc: Doc, clusters: list[Cluster]) -> None:
    """Attach each relative pronoun to the cluster of the noun phrase its clause describes: the
    noun the parser hangs the relative clause on, else (", which", ", who") the mention that
    ends just before the comma. "who" refers to people, "which" to anything else."""
    if not doc.has_annotation("DEP"):
        return
    ending_at: dict[int, Cluster] = {}
    for cluster in clusters:
        for _start, end, _kind in cluster.mentions:
            ending_at.setdefault(end - 1, cluster)
    for token in doc:
        if token.lower_ not in RELATIVE_PRONOUNS or token.tag_ not in RELATIVE_TAGS or token.i in ending_at:
            continue
        antecedent = _antecedent(doc, token)
        described = ending_at.get(antecedent) if antecedent is not None else None
        if described is None:
            continue
        person = described.label == "PERSON"
        if (token.lower_ in {"who", "whom"} and not person) or (token.lower_ == "which" and person):
            continue
        described.add(token.i, token.i + 1, "pronoun")


def _antecedent(doc: Doc, pronoun: Token) -> Optional[int]:
    """The index of the last token of the noun phrase a relative pronoun stands for, or None."""
    for ancestor in pronoun.ancestors:
        if ancestor.dep_ == "relcl":
            return ancestor.head.i
        if ancestor.dep_ in {"ROOT", "ccomp", "advcl", "conj"}:
            break
    if pronoun.i >= 2 and doc[pronoun.i - 1].text == ",":
        return pronoun.i - 2
    return None


# "it seems", "it rained": verbs whose subject "it" stands for nothing
IMPERSONAL_VERBS = {"seem", "appear", "happen", "rain", "snow", "matter"}
IT_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj"}


def resolve_it(doc: Doc, clusters: list[Cluster]) -> None:
    """Attach a referring "it" to the most salient organization, country, product or work of the
    last two sentences. An "it" that anticipates a clause ("it is likely that ...", "it was
    announced that ...", "it is hard to say") or is the subject of an impersonal verb stands for nothing."""
    if not doc.has_annotation("DEP"):
        return
    candidates = [c for c in clusters if c.label in {"ORG", "GPE", "PRODUCT", "WORK_OF_ART"}]
    if not candidates:
        return
    starts = [sent.start for sent in doc.sents]
    for token in doc:
        if token.lower_ != "it" or token.pos_ != "PRON" or token.dep_ not in IT_DEPS or _expletive(token):
            continue
        chosen = best_antecedent(doc, token, candidates, starts, max_distance=1)
        if chosen is not None:
            chosen.add(token.i, token.i + 1, "pronoun")


def _expletive(it: Token) -> bool:
    verb = it.head
    if it.dep_ not in {"nsubj", "nsubjpass"}:
        return False
    # the verb, also where the parser hung "it" on the auxiliary ("It was raining")
    verbs = [verb, *(c for c in verb.children if c.pos_ == "VERB")] + ([verb.head] if verb.dep_ in {"aux", "auxpass"} else [])
    if any(v.lemma_ in IMPERSONAL_VERBS for v in verbs):
        return True
    clauses = [child for child in verb.children if child.dep_ in {"ccomp", "csubj", "xcomp"} and child.i > it.i]
    if verb.lemma_ == "be" or it.dep_ == "nsubjpass":
        return bool(clauses) or any(c.dep_ == "acomp" and any(g.dep_ in {"xcomp", "ccomp"} for g in c.children)
                                    for c in verb.children)
    return False  # "it said that ...": a subject that speaks is someone
