"""Pronoun resolution over the entity clusters: a salience model in the Lappin-Leass tradition.

Each third-person pronoun goes to the cluster with the highest salience among those mentioned
in the last few sentences and compatible with it: gender for he/she, organizations and places
for it/its, groups for they. Salience rewards recent, subject-position, parallel-role and
frequently mentioned referents, and a pronoun in an opening phrase looks ahead to the main
clause's subject ("After his visit, Mahdi said"); syntax rules out a subject for the object pronoun of its own
verb ("Mahdi met him"). The weights are constants below, set on GAP's development split.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from functools import lru_cache
from typing import TYPE_CHECKING, Optional

from spacy.tokens import Doc, Span, Token

if TYPE_CHECKING:
    from newsgraph.extract.entities import Cluster

MALE = {"he", "him", "his", "himself"}
FEMALE = {"she", "her", "hers", "herself"}
SINGULAR_GROUP = {"its", "itself"}
PLURAL = {"they", "them", "their", "theirs", "themselves"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
OBJECT_DEPS = {"dobj", "pobj", "dative", "iobj"}

MALE_WORDS = {"mr", "mr.", "sir", "lord", "king", "prince", "emir", "sultan", "sheikh", "ayatollah", "father",
              "brother", "spokesman", "chairman", "congressman", "businessman", "husband", "son", "pope"}
FEMALE_WORDS = {"mrs", "mrs.", "ms", "ms.", "miss", "dame", "lady", "queen", "princess", "sister", "spokeswoman",
                "chairwoman", "congresswoman", "businesswoman", "wife", "daughter", "actress"}

# Salience weights (set on gap-development.tsv, checked on gap-validation.tsv).
MAX_SENTENCE_DISTANCE = 3
SENTENCE_DECAY = 2.0
TOKEN_DECAY = 0.5
SUBJECT_BONUS = 1.2
PARALLEL_BONUS = 2.0
FREQUENCY_WEIGHT = 2.0
OBLIQUE_PENALTY = 0.5
POSSESSOR_PENALTY = 0.7
ALL_PRONOUNS = MALE | FEMALE | SINGULAR_GROUP | PLURAL


def resolve_pronouns(doc: Doc, clusters: list["Cluster"]) -> None:
    """Add each resolvable pronoun of ``doc`` to its cluster as a "pronoun" mention."""
    if not doc.has_annotation("DEP"):
        return
    people = [c for c in clusters if c.label == "PERSON"]
    for cluster in people:
        cluster.gender = cluster.gender or person_gender(doc, cluster)
    groups = [c for c in clusters if c.label in {"ORG", "GPE"}]
    plural_groups = [c for c in clusters if c.label in {"NORP", "ORG"}]
    starts = [sent.start for sent in doc.sents]
    for token in doc:
        lower = token.lower_
        if lower not in ALL_PRONOUNS or (token.pos_ != "PRON" and lower not in {"his", "her", "its", "their"}):
            continue
        if lower in MALE or lower in FEMALE:
            gender = "m" if lower in MALE else "f"
            chosen = best_antecedent(doc, token, people, starts, gender=gender)
            if chosen is not None:
                chosen.gender = chosen.gender or gender
        elif lower in SINGULAR_GROUP:
            chosen = best_antecedent(doc, token, groups, starts, max_distance=1)
        elif lower in PLURAL:
            chosen = best_antecedent(doc, token, plural_groups, starts, max_distance=1, subject_only=True)
        else:
            continue
        if chosen is not None:
            chosen.add(token.i, token.i + 1, "pronoun")


def best_antecedent(
    doc: Doc,
    pronoun: Token,
    candidates: list["Cluster"],
    sentence_starts: list[int],
    gender: Optional[str] = None,
    max_distance: int = MAX_SENTENCE_DISTANCE,
    subject_only: bool = False,
) -> Optional["Cluster"]:
    """The most salient compatible cluster mentioned before ``pronoun``, or None."""
    forward = _cataphora(doc, pronoun, candidates, gender)
    if forward is not None:
        return forward
    pronoun_sentence = bisect_right(sentence_starts, pronoun.i) - 1
    best, best_score = None, -math.inf
    for cluster in candidates:
        if gender and cluster.gender and cluster.gender != gender:
            continue
        prior = [(s, e) for s, e, _ in cluster.mentions if e <= pronoun.i]
        if not prior:
            continue
        start, end = max(prior)
        distance = pronoun_sentence - (bisect_right(sentence_starts, start) - 1)
        if distance > max_distance:
            continue
        head = doc[start:end].root
        if _bound_locally(pronoun, head):
            continue
        if subject_only and head.dep_ not in SUBJECT_DEPS:
            continue
        score = _salience(pronoun, head, distance, len(prior))
        if score > best_score:
            best, best_score = cluster, score
    return best


def _cataphora(doc: Doc, pronoun: Token, candidates: list["Cluster"], gender: Optional[str]) -> Optional["Cluster"]:
    """A pronoun in an opening phrase refers ahead to the main clause's subject:
    "After his visit, Mahdi said ..."; "During her investigation, Veronica ..."."""
    root = pronoun
    while root.head != root:
        root = root.head
    subject = next((child for child in root.children if child.dep_ in SUBJECT_DEPS), None)
    if subject is None or subject.i <= pronoun.i or subject.left_edge.i <= pronoun.i:
        return None
    opener = pronoun
    while opener.head != root and opener.head != opener:
        opener = opener.head
    if opener.dep_ not in {"prep", "advcl", "npadvmod", "advmod"} or opener.i > subject.i:
        return None
    for cluster in candidates:
        if gender and cluster.gender and cluster.gender != gender:
            continue
        if any(start <= subject.i < end for start, end, kind in cluster.mentions if kind != "pronoun"):
            return cluster
    return None


def _salience(pronoun: Token, head: Token, distance: int, mention_count: int) -> float:
    score = -SENTENCE_DECAY * distance - TOKEN_DECAY * max(0, pronoun.i - head.i) / 10
    role = _grammatical_role(head)
    if role == "subject":
        score += SUBJECT_BONUS
    if role == _grammatical_role(pronoun):
        score += PARALLEL_BONUS
    if head.dep_ == "pobj":
        score -= OBLIQUE_PENALTY
    if head.dep_ == "poss":
        score -= POSSESSOR_PENALTY
    score += FREQUENCY_WEIGHT * math.log1p(mention_count)
    return score


def _grammatical_role(token: Token) -> str:
    if token.dep_ in SUBJECT_DEPS:
        return "subject"
    if token.dep_ in OBJECT_DEPS:
        return "object"
    if token.dep_ == "poss":
        return "possessor"
    return "other"


def _bound_locally(pronoun: Token, candidate_head: Token) -> bool:
    """A plain object pronoun cannot be its own verb's subject: in "Mahdi met him", him is not Mahdi."""
    if pronoun.lower_.endswith("self") or pronoun.lower_.endswith("selves") or pronoun.dep_ == "poss":
        return False
    return pronoun.dep_ in OBJECT_DEPS | {"nsubj"} and candidate_head.head == pronoun.head and candidate_head.dep_ in SUBJECT_DEPS | OBJECT_DEPS and candidate_head.i != pronoun.i


def person_gender(doc: Doc, cluster: "Cluster") -> Optional[str]:
    """"m" or "f" from a title ("Mrs", "spokeswoman") or a first name, else None."""
    words = set((cluster.role or "").lower().split())
    for start, end, kind in cluster.mentions:
        if kind == "name" and start > 0:
            words.add(doc[start - 1].lower_)
    if words & MALE_WORDS:
        return "m"
    if words & FEMALE_WORDS:
        return "f"
    names = [doc[s:e] for s, e, kind in cluster.mentions if kind == "name" and e - s > 1]
    return first_name_gender(names[0][0].text) if names else None


@lru_cache(maxsize=4096)
def first_name_gender(first_name: str) -> Optional[str]:
    """Gender of a first name from the gender-guesser name list, only where it is unambiguous."""
    guess = _gender_detector().get_gender(first_name)
    return {"male": "m", "female": "f"}.get(guess)


@lru_cache(maxsize=1)
def _gender_detector():
    import gender_guesser.detector

    return gender_guesser.detector.Detector(case_sensitive=False)


def pronoun_span(doc: Doc, start_char: int, end_char: int) -> Optional[Span]:
    """The token span of a pronoun given by characters (for scorers)."""
    return doc.char_span(start_char, end_char, alignment_mode="expand")
