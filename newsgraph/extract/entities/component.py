"""The ``newsgraph_entities`` component: people, organizations and places held together.

Fills ``Doc._.ng_entities`` with :class:`newsgraph.model.Entity` clusters, in five steps:

1. ``named_spans``: the model's entity spans, cleaned (no line breaks, determiners, possessives,
   trailing numbers or titles inside a name; no lower-case "names"; demonyms as NORP), plus
   every later occurrence of a name already found (one sense per document: a surname tagged ORG
   is the person's).
2. ``cluster_names``: names of one referent grouped (a surname joins the full name, "U.S." and
   "the United States" join through the country code).
3. ``find_role``: titles before a name or in an apposition become the person's role and country.
4. ``link_nominals``: "the Iranian leader" joins the compatible person mentioned before it.
5. ``newsgraph.extract.entities.coref.resolve_pronouns``: he/she/his/her/it/its/they to their clusters.

Later components find the entity behind a span with :func:`entity_at`.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc, Token

from newsgraph.countries import country, country_from_capital, country_from_demonym, country_from_name
from newsgraph.extract._common import FactComponent, sentence_index
from newsgraph.model import Entity, Mention

ENTITY_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE"}
# Labels whose names never hold a number ("Lithuania 2-1" is Lithuania and a score).
NO_TRAILING_NUMBER = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"}
DETERMINERS = {"the", "a", "an"}
# Honorifics are part of how a person is addressed, not an office: never a role on their own.
PURE_HONORIFICS = {
    "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "dr", "dr.", "sir", "dame", "lord", "ayatollah", "sheikh",
    "sheik", "rev", "rev.", "reverend", "father", "sister", "brother", "mullah", "hojatoleslam", "saint", "st.",
}
MAX_NAME_TOKENS = 8


@lru_cache(maxsize=1)
def role_vocabulary() -> dict[str, frozenset[str]]:
    """The role lexicon of ``newsgraph/data/roles.json`` as frozensets."""
    raw = json.loads(resources.files("newsgraph.data").joinpath("roles.json").read_text("utf-8"))
    return {key: frozenset(value) for key, value in raw.items() if isinstance(value, list)}


@Language.factory("newsgraph_entities", assigns=["doc._.ng_entities"], requires=["doc.ents", "token.dep"])
def make_entities(nlp: Language, name: str) -> "EntityClusterer":
    return EntityClusterer(nlp, name)


class EntityClusterer(FactComponent):
    """Sets ``Doc._.ng_entities``: a list of :class:`newsgraph.model.Entity`."""

    extension = "ng_entities"

    def find(self, doc: Doc) -> list[Entity]:
        return find_entities(doc)


@dataclass
class Name:
    """A named mention: tokens ``[start, end)`` of the Doc with an entity label."""

    start: int
    end: int
    label: str

    def text(self, doc: Doc) -> str:
        return doc[self.start : self.end].text


@dataclass
class Cluster:
    """Mentions of one referent while they are being gathered (token spans and their kinds)."""

    label: str
    key: str
    mentions: list[tuple[int, int, str]] = field(default_factory=list)  # (start token, end token, kind)
    labels: Counter = field(default_factory=Counter)
    country: Optional[str] = None
    role: Optional[str] = None
    gender: Optional[str] = None  # "m" | "f" for people, when known

    @property
    def first(self) -> int:
        return min(start for start, _, _ in self.mentions)

    def add(self, start: int, end: int, kind: str) -> None:
        self.mentions.append((start, end, kind))


def find_entities(doc: Doc) -> list[Entity]:
    """Cluster every mention of each person, organization and place of ``doc`` into entities."""
    from newsgraph.extract.entities.coref import resolve_pronouns

    names = propagate_names(doc, named_spans(doc))
    clusters = cluster_names(doc, names)
    for cluster in clusters:
        if cluster.label == "PERSON":
            assign_role(doc, cluster)
    link_nominals(doc, clusters)
    resolve_pronouns(doc, clusters)
    return to_entities(doc, clusters)


# --- 1. named spans --------------------------------------------------------------------------


def named_spans(doc: Doc) -> list[Name]:
    """The model's entity spans, cleaned, and datelines; see the module docstring."""
    names = datelines(doc)
    in_dateline = {i for name in names for i in range(name.start, name.end)}
    for ent in doc.ents:
        if in_dateline.intersection(range(ent.start, ent.end)):
            continue
        if ent.label_ not in ENTITY_LABELS:
            continue
        for start, end in _split_at_breaks(doc, ent.start, ent.end):
            name = clean_name(doc, start, end, ent.label_)
            if name is not None:
                names.append(name)
    names.extend(people_by_first_name(doc))
    return sorted(names, key=lambda name: name.start)


def people_by_first_name(doc: Doc) -> list[Name]:
    """People the model missed, found by a first name from the gender-guesser name list
    ("Shaina", "Carola Ruiz"): a proper noun outside every entity, with any capitalised
    proper nouns that follow it as the surname."""
    from newsgraph.extract.entities.coref import first_name_gender

    found = []
    i = 0
    while i < len(doc):
        token = doc[i]
        if (
            token.ent_iob_ == "O"
            and token.tag_ == "NNP"
            and token.is_alpha
            and token.text[:1].isupper()
            and not token.text.isupper()
            and not token.is_stop
            and not _is_title(token)
            and first_name_gender(token.text) is not None
            and not country_from_name(token.text)
            and not country_from_capital(token.text)
        ):
            end = i + 1
            while end < len(doc) and end - i < 4 and doc[end].tag_ == "NNP" and doc[end].ent_iob_ == "O" and doc[end].text[:1].isupper() and doc[end].is_alpha:
                end += 1
            found.append(Name(i, end, "PERSON"))
            i = end
        else:
            i += 1
    return found


def datelines(doc: Doc) -> list[Name]:
    """Places that open a line in capitals before a date or a bracket: "LONDON 1996-08-30",
    "WASHINGTON (Reuters) -", "PARIS, March 3 -". The model reads capitals poorly."""
    names = []
    for i in _line_starts(doc):
        j = i
        while j < len(doc) and j - i < 3 and doc[j].is_alpha and doc[j].text.isupper() and len(doc[j].text) > 1:
            j += 1
        if j == i or j >= len(doc) - 1 or "\n" in doc[j - 1].whitespace_:
            continue
        after = doc[j]
        dated = any(ch.isdigit() for ch in after.text) or after.text == "(" or (
            after.text == "," and doc[j + 1].text[:1].isupper() and not doc[j + 1].text.isupper()
        )
        if dated:
            names.append(Name(i, j, "GPE"))
    return names


def _line_starts(doc: Doc) -> list[int]:
    """Indexes of the tokens that open a line (after a line break)."""
    starts = [0] if len(doc) else []
    position = 0
    text = doc.text
    while (position := text.find("\n", position)) != -1:
        position += 1
        span = doc.char_span(position, position + 1, alignment_mode="expand") if position < len(text) else None
        if span is not None and span.start > (starts[-1] if starts else -1):
            starts.append(span.start)
    return starts


def _split_at_breaks(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """Pieces of ``[start, end)`` between line breaks and spaced dashes or brackets."""
    pieces, piece_start = [], start
    for i in range(start, end):
        token = doc[i]
        spaced_punct = token.is_punct and token.text in {"-", "--", "(", ")", ",", ";", ":", "|"} and (
            i == 0 or doc[i - 1].whitespace_
        )
        if token.is_space or "\n" in token.whitespace_ or spaced_punct:
            stop = i + 1 if "\n" in token.whitespace_ and not token.is_space and not spaced_punct else i
            if stop > piece_start:
                pieces.append((piece_start, stop))
            piece_start = i + 1
    if end > piece_start:
        pieces.append((piece_start, end))
    return pieces


def clean_name(doc: Doc, start: int, end: int, label: str) -> Optional[Name]:
    """Trim what is not part of a name; None when nothing name-like is left."""
    vocabulary = role_vocabulary()
    while start < end and (doc[start].lower_ in DETERMINERS or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].lower_ in {"'s", "'", "’s"}):
        end -= 1
    if label in NO_TRAILING_NUMBER:
        # "Revs 4,814,000 vs", "Lithuania 2-1": a name stops at the first number in it.
        end = next((i for i in range(start, end) if doc[i].like_num or any(ch.isdigit() for ch in doc[i].text)), end)
    if label == "PERSON":
        while end - start > 1 and _is_title(doc[start]) and doc[start + 1].text[:1].isupper():
            start += 1
    if end <= start or end - start > MAX_NAME_TOKENS:
        return None
    tokens = doc[start:end]
    if not any(t.text[:1].isupper() for t in tokens if t.is_alpha):
        return None  # "democratic": names are capitalised
    if all(t.lower_ in vocabulary["title_words"] or t.lower_ in vocabulary["honorifics"] for t in tokens):
        return None  # "Supreme", "Prime Minister": part of a role, not an entity
    return Name(start, end, _corrected_label(tokens.text, label))


def _is_title(token: Token) -> bool:
    vocabulary = role_vocabulary()
    return token.lower_ in vocabulary["honorifics"] or token.lower_ in vocabulary["title_words"]


def _corrected_label(text: str, label: str) -> str:
    """Demonyms are NORP; country names are GPE, whatever the model said."""
    if label != "NORP" and " " not in text and country_from_demonym(text) and not country_from_name(text):
        return "NORP"
    if label in {"NORP", "ORG", "PERSON", "LOC"} and country_from_name(text):
        return "GPE"
    return label


def propagate_names(doc: Doc, names: list[Name]) -> list[Name]:
    """Add later occurrences of names already found (in any capitalisation: headlines are in
    capitals), countries and capitals the model missed, and retype surnames of known people."""
    lookup = _name_lookup(doc, names)
    covered = bytearray(len(doc))
    for name in names:
        covered[name.start : name.end] = b"\x01" * (name.end - name.start)
        person = lookup.get((doc[name.start].lower_,)) if name.end - name.start == 1 else None
        if person == "PERSON" and name.label not in {"PERSON", "GPE"}:
            name.label = "PERSON"  # "Mahdi" tagged ORG after "Adel Abdul Mahdi"
    lowers = [t.lower_ for t in doc]
    capitalised = [t.text[:1].isupper() or t.lower_ in {"of", "and"} for t in doc]
    longest = max(3, max((len(key) for key in lookup), default=0))
    found = list(names)
    i = 0
    while i < len(doc):
        match = _match_at(doc, i, lookup, longest, covered, lowers, capitalised) if doc[i].text[:1].isupper() else None
        if match:
            found.append(Name(i, i + match[0], match[1]))
            i += match[0]
        else:
            i += 1
    found.sort(key=lambda name: name.start)
    return found


def _match_at(
    doc: Doc,
    i: int,
    lookup: dict[tuple[str, ...], str],
    longest: int,
    covered: bytearray,
    lowers: list[str],
    capitalised: list[bool],
) -> Optional[tuple[int, str]]:
    """(length, label) of the longest known name, country or capital starting at token ``i``."""
    for length in range(min(longest, len(doc) - i), 0, -1):
        if any(covered[i : i + length]) or not all(capitalised[i : i + length]):
            continue
        key = tuple(lowers[i : i + length])
        if key in lookup:
            return length, lookup[key]
        text = doc[i : i + length].text if length > 1 else doc[i].text
        if country_from_name(text) or country_from_capital(text):
            return length, "GPE"
    return None


def _name_lookup(doc: Doc, names: list[Name]) -> dict[tuple[str, ...], str]:
    """Lower-cased token sequences of known names (and people's first and last names) to their label."""
    lookup: dict[tuple[str, ...], str] = {}
    for name in names:
        tokens = tuple(t.lower_ for t in doc[name.start : name.end])
        lookup.setdefault(tokens, name.label)
        if name.label == "PERSON" and len(tokens) > 1:
            for part in (doc[name.end - 1], doc[name.start]):
                if part.text[:1].isupper() and len(part) > 2 and not part.is_stop and not _is_title(part):
                    lookup[(part.lower_,)] = "PERSON"
    return lookup


# --- 2. clusters -----------------------------------------------------------------------------


def cluster_names(doc: Doc, names: list[Name]) -> list[Cluster]:
    """Group the named mentions of one referent; clusters come in order of first mention."""
    clusters: list[Cluster] = []
    by_key: dict[str, Cluster] = {}
    for name in names:
        cluster = _match_person(doc, name, clusters) if name.label == "PERSON" else None
        if cluster is None:
            key = _cluster_key(doc, name)
            cluster = by_key.get(key) or _match_acronym(doc, name, clusters)
        if cluster is None:
            cluster = Cluster(label=name.label, key=_cluster_key(doc, name))
            clusters.append(cluster)
            by_key[cluster.key] = cluster
        cluster.add(name.start, name.end, "name")
        cluster.labels[name.label] += name.end - name.start
    for cluster in clusters:
        cluster.label = _cluster_label(cluster)
        if cluster.label in {"GPE", "LOC", "NORP"} and cluster.key.startswith(("country:", "demonym:")):
            cluster.country = cluster.key.split(":", 1)[1]
        elif cluster.label == "GPE":
            start, end, _ = cluster.mentions[0]
            cluster.country = country_from_capital(doc[start:end].text)  # "Tehran" is in Iran
    return clusters


def _cluster_key(doc: Doc, name: Name) -> str:
    text = name.text(doc)
    if name.label in {"GPE", "LOC"} and (code := country_from_name(text)):
        return f"country:{code}"
    if name.label == "NORP" and (code := country_from_demonym(text)):
        return f"demonym:{code}"
    # One sense per document: the same name is one referent whatever label each mention got.
    return f"name:{text.lower()}"


def _match_person(doc: Doc, name: Name, clusters: list[Cluster]) -> Optional[Cluster]:
    """The person cluster this name continues: same full name, or a surname or first name of it."""
    tokens = [t.text for t in doc[name.start : name.end]]
    for cluster in reversed(clusters):  # the most recently started first
        if cluster.label != "PERSON" and "PERSON" not in cluster.labels:
            continue
        for start, end, kind in cluster.mentions:
            if kind == "name" and _same_person(tokens, [t.text for t in doc[start:end]]):
                return cluster
    return None


def _same_person(a: list[str], b: list[str]) -> bool:
    if a == b:
        return True
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) == 1:
        return short[0] in (long[-1], long[0])
    # "Ali Khamenei" and "Ayatollah Ali Khamenei"; "J. Smith" and "John Smith"
    return short[-1] == long[-1] and (short[0] in long or short[0].rstrip(".") == long[0][:1])


def _match_acronym(doc: Doc, name: Name, clusters: list[Cluster]) -> Optional[Cluster]:
    """An all-capitals ORG name that spells the initials of an organization already named."""
    text = name.text(doc).replace(".", "")
    if name.label != "ORG" or not text.isupper() or not 2 <= len(text) <= 6:
        return None
    for cluster in clusters:
        if cluster.label == "ORG":
            start, end, _ = cluster.mentions[0]
            initials = "".join(t.text[0] for t in doc[start:end] if t.text[:1].isupper())
            if initials == text:
                return cluster
    return None


def _cluster_label(cluster: Cluster) -> str:
    """The majority label (counted in tokens). A person wins ties, and wins against the labels
    the small model confuses people with (PRODUCT, WORK_OF_ART, EVENT, LAW, FAC)."""
    labels = cluster.labels
    if "PERSON" in labels:
        rivals = [count for label, count in labels.items() if label in {"ORG", "GPE", "LOC", "NORP"}]
        if labels["PERSON"] >= max(rivals, default=0):
            return "PERSON"
        if any(end - start > 1 for start, end, _ in cluster.mentions) and labels["PERSON"] >= max(rivals) / 2:
            return "PERSON"
    return labels.most_common(1)[0][0]


# --- 3. roles --------------------------------------------------------------------------------


def assign_role(doc: Doc, cluster: Cluster) -> None:
    """The first role stated for the person, before the name or in an apposition, and its country."""
    for start, end, kind in sorted(cluster.mentions):
        if kind != "name":
            continue
        role, role_country = find_role(doc, start, end)
        if role:
            cluster.role = cluster.role or role
            cluster.country = cluster.country or role_country
        if cluster.role and cluster.country:
            return


def find_role(doc: Doc, start: int, end: int) -> tuple[Optional[str], Optional[str]]:
    """(role, country ISO3) stated for the name at tokens ``[start, end)``, else (None, None)."""
    role, role_country = _role_before(doc, start)
    if role is None:
        role, role_country = _role_in_apposition(doc, end)
    return role, role_country


def _role_before(doc: Doc, start: int) -> tuple[Optional[str], Optional[str]]:
    """'Iran's Supreme Leader Ayatollah Ali Khamenei', 'Iraqi Prime Minister Adel Abdul Mahdi'."""
    vocabulary = role_vocabulary()
    i = start - 1
    while i >= 0 and (_is_title(doc[i]) or doc[i].lower_ == "of") and not doc[i].is_sent_end:
        i -= 1
    words = [t for t in doc[i + 1 : start] if t.lower_ not in PURE_HONORIFICS]
    while words and words[0].lower_ == "of":
        words.pop(0)
    if not any(t.lower_ in vocabulary["role_heads"] for t in words):
        return None, None
    return _role_text(words), _country_before(doc, i)


def _country_before(doc: Doc, i: int) -> Optional[str]:
    """The country named just before a title: 'Iraqi', 'U.S.', "Iran 's"."""
    if i >= 1 and doc[i].lower_ in {"'s", "’s", "'"}:
        span_start = i - 1
        while span_start > 0 and doc[span_start - 1].ent_iob_ == "I" and doc[span_start].ent_iob_ == "I":
            span_start -= 1
        return country_from_name(doc[span_start:i].text) or country_from_name(doc[i - 1].text)
    if i >= 0:
        return country_from_demonym(doc[i].text) or country_from_name(doc[i].text)
    return None


def _role_in_apposition(doc: Doc, end: int) -> tuple[Optional[str], Optional[str]]:
    """'Adel Abdul Mahdi, Iraq's prime minister,' and 'X, the president of Y,'."""
    vocabulary = role_vocabulary()
    if end >= len(doc) - 1 or doc[end].text != ",":
        return None, None
    i = end + 1
    found_country = None
    if doc[i].lower_ in DETERMINERS:
        i += 1
    if i + 1 < len(doc) and doc[i + 1].lower_ in {"'s", "’s"}:
        found_country = country_from_name(doc[i].text)
        i += 2
    elif i < len(doc) and (code := country_from_demonym(doc[i].text)):
        found_country = code
        i += 1
    j = i
    while j < len(doc) and doc[j].lower_ in vocabulary["title_words"]:
        j += 1
    words = list(doc[i:j])
    if not words or words[-1].lower_ not in vocabulary["role_heads"]:
        return None, None
    if found_country is None and j + 1 < len(doc) and doc[j].lower_ == "of":
        found_country = country_from_name(doc[j + 1].text) or (
            j + 2 < len(doc) and country_from_name(doc[j + 1 : j + 3].text) or None
        )
    return _role_text(words), found_country


def _role_text(words: list[Token]) -> str:
    return " ".join(t.text if t.text[:1].isupper() else t.text.capitalize() for t in words)


# --- 4. nominal mentions ---------------------------------------------------------------------


def link_nominals(doc: Doc, clusters: list[Cluster]) -> None:
    """Attach "the Iranian leader" / "The Iraqi prime minister" to the person they describe."""
    vocabulary = role_vocabulary()
    people = [c for c in clusters if c.label == "PERSON"]
    if not people or not doc.has_annotation("DEP"):
        return
    # A demonym inside the phrase ("the Iranian leader") is expected; another name is not.
    named = {i for c in clusters if c.label != "NORP" for s, e, _ in c.mentions for i in range(s, e)}
    for chunk in doc.noun_chunks:
        if chunk[0].lower_ != "the" or chunk.root.lower_ not in vocabulary["role_heads"] | vocabulary["generic_person_heads"]:
            continue
        if chunk.root.tag_ in {"NNS", "NNPS"} or named.intersection(range(chunk.start, chunk.end)):
            continue
        cluster = _describes(doc, chunk, people)
        if cluster is not None:
            cluster.add(chunk.start, chunk.end, "nominal")


def _describes(doc: Doc, chunk, people: list[Cluster]) -> Optional[Cluster]:
    """The most recently mentioned person before ``chunk`` whose country and role fit it."""
    vocabulary = role_vocabulary()
    modifiers = [t for t in chunk[1:] if t.i != chunk.root.i]
    nominal_country = next((code for t in modifiers if (code := country_from_demonym(t.text) or country_from_name(t.text))), None)
    role_words = {t.lower_ for t in chunk if t.lower_ in vocabulary["title_words"]}
    generic = chunk.root.lower_ in vocabulary["generic_person_heads"]
    best, best_position = None, -1
    for cluster in people:
        before = [s for s, _, kind in cluster.mentions if s < chunk.start and kind != "pronoun"]
        if not before:
            continue
        if nominal_country and cluster.country and nominal_country != cluster.country:
            continue
        cluster_words = set((cluster.role or "").lower().split())
        role_fits = bool(role_words & cluster_words) and chunk.root.lower_ in cluster_words
        country_fits = nominal_country is not None and nominal_country == cluster.country
        if not (role_fits or (generic and country_fits and cluster.role)):
            continue
        if max(before) > best_position:
            best, best_position = cluster, max(before)
    return best


# --- output ----------------------------------------------------------------------------------


def to_entities(doc: Doc, clusters: list[Cluster]) -> list[Entity]:
    """The clusters as schema entities, numbered in order of first mention."""
    entities = []
    for number, cluster in enumerate(sorted(clusters, key=lambda c: c.first), start=1):
        mentions = [
            Mention(
                span=(doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)),
                text=doc[start:end].text,
                sentence=sentence_index(doc, doc[start].idx),
                kind=kind,
            )
            for start, end, kind in sorted(set(cluster.mentions))
        ]
        entities.append(
            Entity(
                id=f"E{number}",
                name=_canonical_name(doc, cluster),
                type=cluster.label,
                country=cluster.country,
                role=cluster.role,
                mentions=mentions,
            )
        )
    return entities


def _canonical_name(doc: Doc, cluster: Cluster) -> str:
    if cluster.key.startswith("country:") and (found := country(cluster.key.split(":", 1)[1])):
        return found.name
    names = [doc[s:e].text for s, e, kind in cluster.mentions if kind == "name"]
    return max(names, key=lambda text: (len(text.split()), len(text)))


def entity_at(doc: Doc, start: int, end: int) -> Optional[Entity]:
    """The entity one of whose mentions overlaps characters ``[start, end)``, or None."""
    for entity in doc._.ng_entities or []:
        for mention in entity.mentions:
            if mention.span[0] < end and start < mention.span[1]:
                return entity
    return None
