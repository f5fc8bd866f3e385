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
from typing import Optional

from spacy.tokens import Doc, Token

from newsgraph.countries import country_from_capital
from newsgraph.extract.entities.clusters import Cluster
from newsgraph.extract.entities.vocabulary import first_name_gender, is_title

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


def resolve_pronouns(doc: Doc, clusters: list[Cluster], observe=None) -> None:
    """Add each resolvable pronoun of ``doc`` to its cluster as a "pronoun" mention.

    ``observe(token, candidates)``, when given, sees each he/she pronoun's candidate clusters and
    their features before the choice (``scripts/fit_coref.py`` collects its training cases so)."""
    if not doc.has_annotation("DEP"):
        return
    people = [c for c in clusters if c.label == "PERSON"]
    for cluster in people:
        cluster.gender = cluster.gender or person_gender(doc, cluster)
    # Names the model typed as something else but that may be people ("Bullard" as ORG): he/she
    # may go to them, with a feature against it; a name chosen so becomes a person.
    named_like_people = [c for c in clusters if c.label != "PERSON" and _could_be_person(doc, c)]
    named_like_people += unrecognised_names(doc, clusters)
    for cluster in named_like_people:
        cluster.gender = cluster.gender or person_gender(doc, cluster)
    groups = [c for c in clusters if c.label in {"ORG", "GPE"}]
    plural_groups = [c for c in clusters if c.label in {"NORP", "ORG"}]
    starts = [sent.start for sent in doc.sents]
    pronoun_genders: dict[int, set[str]] = {}  # the genders of the pronouns each cluster took
    for token in doc:
        lower = token.lower_
        if lower not in ALL_PRONOUNS or (token.pos_ != "PRON" and lower not in {"his", "her", "its", "their"}):
            continue
        if lower in MALE or lower in FEMALE:
            gender = "m" if lower in MALE else "f"
            candidates = candidate_features(doc, token, people + named_like_people, starts, gender, pronoun_genders=pronoun_genders)
            if observe is not None:
                observe(token, candidates)
            chosen = _best(candidates)
            if chosen is not None:
                pronoun_genders.setdefault(id(chosen), set()).add(gender)
            if chosen is not None and chosen.label != "PERSON":
                if chosen.label == UNRECOGNISED:
                    clusters.append(chosen)
                chosen.label = "PERSON"
                people.append(chosen)
                named_like_people.remove(chosen)
        elif lower in SINGULAR_GROUP:
            chosen = _best(candidate_features(doc, token, groups, starts, max_distance=1))
        elif lower in PLURAL:
            candidates = candidate_features(doc, token, plural_groups, starts, max_distance=1)
            chosen = _best([(c, f) for c, f in candidates if f.get("subject")])
        else:
            continue
        if chosen is not None:
            chosen.add(token.i, token.i + 1, "pronoun")


def _best(candidates: list[tuple[Cluster, dict[str, float]]]) -> Optional[Cluster]:
    weights = coref_weights()
    best, best_score = None, -math.inf
    for cluster, features in candidates:
        score = sum(weights.get(name, 0.0) * value for name, value in features.items())
        if score > best_score:
            best, best_score = cluster, score
    return best


def best_antecedent(
    doc: Doc,
    pronoun: Token,
    candidates: list[Cluster],
    sentence_starts: list[int],
    gender: Optional[str] = None,
    max_distance: int = MAX_SENTENCE_DISTANCE,
    subject_only: bool = False,
) -> Optional[Cluster]:
    """The most salient compatible cluster for ``pronoun``, or None."""
    found = candidate_features(doc, pronoun, candidates, sentence_starts, gender, max_distance)
    return _best([(c, f) for c, f in found if f.get("subject") or not subject_only])


def candidate_features(
    doc: Doc,
    pronoun: Token,
    candidates: list[Cluster],
    sentence_starts: list[int],
    gender: Optional[str] = None,
    max_distance: int = MAX_SENTENCE_DISTANCE,
    pronoun_genders: Optional[dict[int, set[str]]] = None,
) -> list[tuple[Cluster, dict[str, float]]]:
    """Each compatible candidate cluster with the salience features of its mentions.
    ``pronoun_genders`` (cluster id -> genders of the pronouns resolved to it) weigh in as features."""
    pronoun_sentence = bisect_right(sentence_starts, pronoun.i) - 1
    forward = _cataphora_subject(pronoun)
    pronoun_role = _grammatical_role(pronoun)
    pronoun_clause = _clause(pronoun)
    quoted = _in_quotes(doc, pronoun)
    found = []
    for cluster in candidates:
        if gender and cluster.gender and cluster.gender != gender:
            continue
        prior = sorted((s, e, kind) for s, e, kind in cluster.mentions if e <= pronoun.i)
        ahead = forward is not None and any(s <= forward.i < e for s, e, kind in cluster.mentions if kind != "pronoun")
        if prior:
            start, end, kind = prior[-1]
        elif ahead and forward is not None:
            start, end, kind = forward.i, forward.i + 1, "name"
        else:
            continue
        distance = pronoun_sentence - (bisect_right(sentence_starts, start) - 1)
        head = doc[start:end].root
        if distance > max_distance or (prior and _bound_locally(pronoun, head)):
            continue
        heads = [doc[s:e].root for s, e, _ in prior]
        role = _grammatical_role(head)
        features = {
            f"sentence_distance_{min(distance, 4)}": 1.0,
            "token_distance": math.log1p(abs(pronoun.i - head.i)),
            role: 1.0,
            f"pair_{role}_{pronoun_role}": 1.0,
            "parallel": float(role == pronoun_role),
            "mentions": math.log1p(len(prior)),
            "subject_mentions": math.log1p(sum(h.dep_ in SUBJECT_DEPS for h in heads)),
            "cataphora": float(ahead),
            "governs": float(head.dep_ in SUBJECT_DEPS and head.head in pronoun.ancestors),
            "full_name": float(end - start > 1),
            "latest_is_pronoun": float(kind == "pronoun"),
            "first_sentence": float(bisect_right(sentence_starts, start) == 1),
            "topic": float(bool(prior) and bisect_right(sentence_starts, prior[0][0]) == 1),
            "appositive": float(head.dep_ == "appos" or any(c.dep_ == "appos" for c in head.children)),
            "in_pp": float(head.dep_ == "pobj"),
            "known_gender": float(bool(gender) and cluster.gender == gender),
            "not_person": float(cluster.label != "PERSON"),
            "pronoun_gender_agrees": float(gender in (pronoun_genders or {}).get(id(cluster), ())),
            "pronoun_gender_differs": float(bool((pronoun_genders or {}).get(id(cluster), set()) - {gender})),
            "unrecognised": float(cluster.label == UNRECOGNISED),
            "bias": 1.0,
        }
        sentences = [bisect_right(sentence_starts, h.i) - 1 for h in heads]
        main_subjects = [sentence for h, sentence in zip(heads, sentences) if h.dep_ in SUBJECT_DEPS and h.head.dep_ == "ROOT"]
        features[f"pair_{min(distance, 2)}_{role}_{pronoun_role}"] = 1.0
        features["main_subject_previous"] = float(pronoun_sentence - 1 in main_subjects)
        features["main_subject_here"] = float(pronoun_sentence in main_subjects)
        features["subject_here"] = float(any(h.dep_ in SUBJECT_DEPS and sentence == pronoun_sentence for h, sentence in zip(heads, sentences)))
        features["recent_mentions"] = math.log1p(sum(pronoun_sentence - sentence <= 1 for sentence in sentences))
        features["name_mentions"] = math.log1p(sum(k != "pronoun" for _, _, k in prior))
        if distance == 0:
            features["tree_distance"] = math.log1p(_tree_distance(head, pronoun))
            features["same_clause"] = float(_clause(head) == pronoun_clause)
            features["sentence_subject"] = float(head.dep_ in SUBJECT_DEPS and head.head.dep_ == "ROOT")
        if quoted:
            features["quoted"] = 1.0
        found.append((cluster, features))
    if found:
        recency = sorted(
            found, key=lambda item: max((s for s, e, _ in item[0].mentions if e <= pronoun.i), default=-1), reverse=True
        )
        recency[0][1]["most_recent"] = 1.0
        if len(recency) > 1:
            recency[1][1]["second_recent"] = 1.0
        first_in_sentence = min(
            found, key=lambda item: min((s for s, e, _ in item[0].mentions if s >= sentence_starts[pronoun_sentence]), default=10**9)
        )
        if any(s >= sentence_starts[pronoun_sentence] and s < pronoun.i for s, e, _ in first_in_sentence[0].mentions):
            first_in_sentence[1]["first_in_sentence"] = 1.0
    return found


NOT_PERSON_WORDS = {
    "inc", "corp", "corporation", "company", "co", "ltd", "group", "party", "university", "college", "school",
    "institute", "society", "association", "league", "club", "fc", "united", "ministry", "council", "committee",
    "agency", "department", "office", "court", "bank", "army", "navy", "church", "records", "news", "times",
    "city", "county", "state", "province", "district", "region", "republic", "kingdom", "empire", "island",
    "islands", "river", "lake", "mountain", "mount", "valley", "bay", "sea", "ocean", "park", "street", "road",
    "bridge", "tower", "castle", "palace", "hall", "house", "hospital", "museum", "station", "airport", "theatre",
    "theater", "centre", "center", "award", "awards", "festival", "cup", "championship", "games", "national",
    "international", "federation", "union", "orchestra", "band", "show", "series", "film", "album", "war",
}


UNRECOGNISED = "UNRECOGNISED"
PLACE_PREPOSITIONS = {"in", "at", "near", "from", "to", "into", "across", "throughout", "outside", "inside"}
CALENDAR_WORDS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
}


def unrecognised_names(doc: Doc, clusters: list[Cluster]) -> list[Cluster]:
    """Capitalised proper nouns outside every entity ("Bullard" the model missed), one cluster per
    name, a surname alone joining the longer name it ends: candidates for he/she only, and
    entities only once a pronoun goes to them."""
    taken = {i for cluster in clusters for s, e, _ in cluster.mentions for i in range(s, e)}

    def usable(token: Token) -> bool:
        text = token.text
        return (
            token.tag_ == "NNP"
            and token.ent_iob_ == "O"
            and token.i not in taken
            and token.is_alpha
            and text[:1].isupper()
            and not text.isupper()
            and not token.is_stop
            and token.lower_ not in CALENDAR_WORDS
            and token.lower_ not in NOT_PERSON_WORDS
            and not is_title(token)
        )

    found: dict[str, Cluster] = {}
    i = 0
    while i < len(doc):
        if not usable(doc[i]) or (i > 0 and doc[i - 1].lower_ == "the"):
            i += 1
            continue
        end = i + 1
        while end < len(doc) and end - i < 3 and usable(doc[end]):
            end += 1
        words = doc[i:end].text.lower()
        cluster = found.get(words) or (found.get(f"_last:{words}") if end - i == 1 else None)
        if cluster is None:
            cluster = Cluster(label=UNRECOGNISED, key=f"name:{words}")
            found[words] = cluster
            if end - i > 1:
                found.setdefault(f"_last:{doc[end - 1].lower_}", cluster)
        cluster.add(i, end, "name")
        i = end
    return list({id(c): c for c in found.values()}.values())


def _could_be_person(doc: Doc, cluster: Cluster) -> bool:
    """Whether a name the model typed as something else looks like a person's: short, every word
    capitalised, no organization or place word, not a country, capital or acronym, no "the", and
    nothing else saying it is an organization (its name's shape, a cue, a known organization)."""
    if cluster.evidence:
        return False
    if not cluster.key.startswith("name:") or cluster.label not in {"ORG", "GPE", "NORP"}:
        return False
    for start, end, kind in cluster.mentions:
        if kind != "name":
            continue
        if end - start > 4 or (start > 0 and doc[start - 1].lower_ == "the") or country_from_capital(doc[start:end].text):
            return False
        head = doc[start:end].root
        if head.dep_ == "pobj" and head.head.lower_ in PLACE_PREPOSITIONS:
            return False
        for token in doc[start:end]:
            text = token.text
            if not text[:1].isupper() or (text.isupper() and len(text) > 1) or token.lower_ in NOT_PERSON_WORDS:
                return False
            if token.like_num or token.tag_ == "NNPS" or not any(ch.isalpha() for ch in text):
                return False
    return True


def _clause(token: Token) -> int:
    """The index of the verb heading the clause of ``token``."""
    while token.head != token:
        if token.pos_ in {"VERB", "AUX"} and token.dep_ in {"ROOT", "ccomp", "advcl", "relcl", "xcomp", "conj", "csubj", "acl", "pcomp"}:
            return token.i
        token = token.head
    return token.i


def _in_quotes(doc: Doc, token: Token) -> bool:
    """Whether an odd number of double quotes precede ``token`` in its sentence."""
    return sum(t.text in {'"', "\u201c", "\u201d", "``", "''"} for t in doc[token.sent.start : token.i]) % 2 == 1


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


def person_gender(doc: Doc, cluster: Cluster) -> Optional[str]:
    """"m" or "f" from a title ("Mrs", "spokeswoman") or a first name, else None."""
    words = set((cluster.role or "").lower().split())
    for start, _end, kind in cluster.mentions:
        if kind == "name" and start > 0:
            words.add(doc[start - 1].lower_)
    if words & MALE_WORDS:
        return "m"
    if words & FEMALE_WORDS:
        return "f"
    names = [doc[s:e] for s, e, kind in cluster.mentions if kind == "name" and e - s > 1]
    return first_name_gender(names[0][0].text) if names else None
