"""Pronoun resolution over the entity clusters: a salience model in the Lappin-Leass tradition.

Each third-person pronoun goes to the cluster with the highest salience among those mentioned
in the last few sentences and compatible with it: gender for he/she, organizations and places
for it/its, groups for they. Salience rewards recent, subject-position, parallel-role and
frequently mentioned referents, and a pronoun in an opening phrase looks ahead to the main
clause's subject ("After his visit, Mahdi said"); syntax rules out a subject for the object pronoun of its own
verb ("Mahdi met him"). The weights of the features are fit on GAP's development split by
``scripts/fit_coref.py`` and kept in ``newsgraph/data/coref_weights.json``.
"""

from __future__ import annotations

import json
import math
from bisect import bisect_right
from functools import lru_cache
from importlib import resources
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

# Candidates are looked for this many sentences back.
MAX_SENTENCE_DISTANCE = 3
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
    """The most salient compatible cluster for ``pronoun``, or None."""
    weights = coref_weights()
    best, best_score = None, -math.inf
    for cluster, features in candidate_features(doc, pronoun, candidates, sentence_starts, gender, max_distance):
        if subject_only and not features.get("subject"):
            continue
        score = sum(weights.get(name, 0.0) * value for name, value in features.items())
        if score > best_score:
            best, best_score = cluster, score
    return best


def candidate_features(
    doc: Doc,
    pronoun: Token,
    candidates: list["Cluster"],
    sentence_starts: list[int],
    gender: Optional[str] = None,
    max_distance: int = MAX_SENTENCE_DISTANCE,
) -> list[tuple["Cluster", dict[str, float]]]:
    """Each compatible candidate cluster with the salience features of its latest mention."""
    pronoun_sentence = bisect_right(sentence_starts, pronoun.i) - 1
    forward = _cataphora_subject(pronoun)
    found = []
    for cluster in candidates:
        if gender and cluster.gender and cluster.gender != gender:
            continue
        prior = [(s, e) for s, e, kind in cluster.mentions if e <= pronoun.i]
        ahead = forward is not None and any(s <= forward.i < e for s, e, kind in cluster.mentions if kind != "pronoun")
        if not prior and not ahead:
            continue
        start, end = max(prior) if prior else (forward.i, forward.i + 1)
        distance = pronoun_sentence - (bisect_right(sentence_starts, start) - 1)
        head = doc[start:end].root
        if distance > max_distance or (prior and _bound_locally(pronoun, head)):
            continue
        in_first_sentence = bisect_right(sentence_starts, start) == 1
        found.append((cluster, _features(pronoun, head, distance, len(prior), ahead, in_first_sentence, end - start)))
    if found:
        latest = max(found, key=lambda item: max((s for s, e, _ in item[0].mentions if e <= pronoun.i), default=-1))
        latest[1]["most_recent"] = 1.0
    return found


def _features(
    pronoun: Token, head: Token, distance: int, mention_count: int, ahead: bool, in_first_sentence: bool, length: int
) -> dict[str, float]:
    role = _grammatical_role(head)
    features = {
        f"sentence_distance_{min(distance, 3)}": 1.0,
        "token_distance": math.log1p(abs(pronoun.i - head.i)),
        role: 1.0,
        "parallel": float(role == _grammatical_role(pronoun)),
        "mentions": math.log1p(mention_count),
        "cataphora": float(ahead),
        "governs": float(head.dep_ in SUBJECT_DEPS and head.head in pronoun.ancestors),
        "full_name": float(length > 1),
        "first_sentence": float(in_first_sentence),
        "bias": 1.0,
    }
    if distance == 0:
        features["tree_distance"] = math.log1p(_tree_distance(head, pronoun))
    return features


def _tree_distance(a: Token, b: Token) -> int:
    """Edges between two tokens of one sentence in the dependency tree."""
    depth_a = {token.i: depth for depth, token in enumerate([a, *a.ancestors])}
    for depth_b, token in enumerate([b, *b.ancestors]):
        if token.i in depth_a:
            return depth_a[token.i] + depth_b
    return 20


def _cataphora_subject(pronoun: Token) -> Optional[Token]:
    """The main clause's subject that a pronoun in an opening phrase refers ahead to:
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
    return subject


@lru_cache(maxsize=1)
def coref_weights() -> dict[str, float]:
    """Salience weights fit on GAP's development split by ``scripts/fit_coref.py``."""
    raw = json.loads(resources.files("newsgraph.data").joinpath("coref_weights.json").read_text("utf-8"))
    return raw["weights"]


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
