"""From a speaker's head token to a :class:`Speaker`: its mention, its entity cluster, its name."""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from newsgraph.extract.quotes.article import Article, children, left_children
from newsgraph.extract.quotes.attribution import Attribution
from newsgraph.extract.quotes.cues import (
    ANONYMITY_WORDS,
    ANONYMOUS_SOURCE_NOUNS,
    PERSON_PRONOUNS,
    RELATIVE_PRONOUNS,
    ROLE_NOUNS,
)
from newsgraph.model import Cue, Entity, Speaker

__all__ = ["make_cue", "make_speaker", "mention_bounds"]


def mention_bounds(head: Token) -> tuple[int, int]:
    """Characters of the speaker mention whose head is ``head``: its name, or the noun with its modifiers."""
    if head.ent_iob_ != "O":
        doc, first, last = head.doc, head.i, head.i
        while doc[first].ent_iob_ == "I" and first > 0:
            first -= 1
        while last + 1 < len(doc) and doc[last + 1].ent_iob_ == "I":
            last += 1
        while first < head.i and (doc[first].is_punct or doc[first].is_space):
            first += 1  # the tagger sometimes takes a quotation mark or dash into a name
        while last > head.i and (doc[last].is_punct or doc[last].is_space):
            last -= 1
        if head.pos_ == "NOUN":  # a named group the tagger kept without its holder: "Kenya's health ministry"
            holders = [child.left_edge for child in left_children(head) if child.dep_ == "poss" and child.i < first]
            first = min([first] + [holder.i for holder in holders])
        return doc[first].idx, doc[last].idx + len(doc[last])
    start = head
    for child in left_children(head):
        if child.dep_ in {"det", "amod", "compound", "poss", "nmod", "nummod", "case"}:
            start = child.left_edge if child.left_edge.i < start.i else start
    return start.idx, head.idx + len(head)


# Determiners and possessives that make a role definite: "the lawyer", "his lawyer", "this official".
DEFINITE = frozenset({"the", "this", "that", "these", "those", "his", "her", "its", "their", "our", "my", "your"})
NAME_POS = frozenset({"PROPN"})


def _resolve(article: Article, head: Token) -> tuple[Optional[Entity], str, tuple[int, int], Token]:
    """(entity, name, mention span, head of the mention) for the speaker whose mention has head ``head``."""
    start, end = mention_bounds(head)
    if head.lower_ in RELATIVE_PRONOUNS and head.head.dep_ == "relcl":
        head = head.head.head  # "Rohani, who said ...": "who" is the mention, Rohani the speaker
    mention = article.text[slice(*mention_bounds(head))]
    entity = article.entity_at(head.idx, head.idx + len(head))
    if head.lower_ in SUBJECT_PRONOUN_GENDERS:
        entity = _latest_subject(article, head, entity) or entity
    named = _apposed_name(head) if head.pos_ == "NOUN" else None
    if entity is None and named is not None:  # "his lawyer, John Smith, said": the name links the role
        entity = article.entity_at(named.idx, named.idx + len(named))
    if entity is None and _needs_antecedent(head):
        antecedent = article.nearest_subject_before(start)
        entity = article.entity_at(antecedent.idx, antecedent.idx + len(antecedent)) if antecedent is not None else None
        if entity is not None and head.pos_ == "NOUN" and head.lemma_.lower() not in (entity.role or "").lower():
            entity = None  # "the minister" is only the last person if that person is a minister
    return entity, (entity.name if entity is not None else mention), (start, end), head


# "he"/"she" as the subject of a verb of saying, and the gender each points to.
SUBJECT_PRONOUN_GENDERS = {"he": "m", "she": "f"}
# What the text itself says of a person's gender: pronouns taken by the cluster, titles before the name.
GENDER_PRONOUNS = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f", "herself": "f"}
GENDER_TITLES = {"mr": "m", "mr.": "m", "sir": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f"}


def _latest_subject(article: Article, pronoun: Token, resolved: Optional[Entity]) -> Optional[Entity]:
    """The person that "he"/"she" takes up when the sentence before (or its own, before it) has them as subject.

    'Opposition leader Raila Odinga accused ... "They knew," he said.': a pronoun that opens the
    next statement goes on with the last sentence's subject, unless the text gives that person
    the other gender. An older mention chosen for the pronoun gives way to the more recent
    subject; a mention more recent than the subject keeps it.
    """
    subject = article.main_subject_before(pronoun.idx)
    if subject is None:
        return None
    sentence_start, _ = article.sentence_bounds(pronoun.idx)
    previous_start, _ = article.sentence_bounds(max(0, sentence_start - 1))
    if subject.idx < previous_start:
        return None
    entity = article.entity_at(subject.idx, subject.idx + len(subject))
    if entity is None or entity is resolved or _text_gender(article, entity) not in {None, SUBJECT_PRONOUN_GENDERS[pronoun.lower_]}:
        return None
    if resolved is not None and _latest_mention_before(resolved, pronoun.idx) > subject.idx:
        return None
    return entity


def _latest_mention_before(entity: Entity, char: int) -> int:
    """Where the entity's last mention before ``char`` starts (-1 when none)."""
    return max((m.span[0] for m in entity.mentions if m.span[1] <= char), default=-1)


def _text_gender(article: Article, entity: Entity) -> Optional[str]:
    """"m" or "f" from the pronouns resolved to ``entity`` and the titles before its name, else None.

    A guess from a first name is left out: first names cross languages ("Raila", "Andrea", "Jean").
    """
    found = set()
    for mention in entity.mentions:
        if mention.kind == "pronoun":
            found.add(GENDER_PRONOUNS.get(mention.text.lower()))
        elif mention.kind == "name":
            before = article.text[max(0, mention.span[0] - 5):mention.span[0]].split()
            found.add(GENDER_TITLES.get(before[-1].lower()) if before else None)
    found.discard(None)
    return found.pop() if len(found) == 1 else None


def _apposed_name(head: Token) -> Optional[Token]:
    """The name set beside a role: "his lawyer, John Smith," or "the minister, Ali Rabiei"."""
    return next((child for child in children(head) if child.dep_ == "appos" and child.pos_ in NAME_POS), None)


def _role(article: Article, head: Token, entity: Optional[Entity]) -> Optional[str]:
    """The role the mention gives ("senior official" in "a senior official"), else the entity's role."""
    if head.pos_ == "NOUN" and not (entity is not None and head.text in entity.name.split()):
        start, end = mention_bounds(head)
        tokens = [t for t in article.tokens_between(start, end) if t.dep_ not in {"det", "poss", "case"}]
        if tokens:
            return article.text[tokens[0].idx:end]
    return entity.role if entity is not None else None


def _anonymous(article: Article, head: Token, entity: Optional[Entity]) -> bool:
    """An unnamed source: "a senior official", "officials", "people familiar with the talks", "a source".

    A definite role ("the minister", "his lawyer") points at someone the text has named; an
    indefinite source noun, or a sentence that says the source was not named, does not.
    """
    if head.pos_ != "NOUN" or entity is not None:
        return False
    if article.sentence_matches(head.idx, ANONYMITY_WORDS):
        return True
    definite = any(child.lower_ in DEFINITE for child in children(head) if child.dep_ in {"det", "poss"})
    return not definite and head.lemma_.lower() in ANONYMOUS_SOURCE_NOUNS


def _needs_antecedent(head: Token) -> bool:
    """A pronoun ("he") or a role with a definite article ("the Iranian leader") points back to a person."""
    if head.lower_ in PERSON_PRONOUNS:
        return True
    definite = any(child.lower_ in {"the", "this", "that"} for child in children(head) if child.dep_ == "det")
    return head.pos_ == "NOUN" and head.lemma_.lower() in ROLE_NOUNS and definite


def make_speaker(article: Article, attribution: Optional[Attribution]) -> Optional[Speaker]:
    """The Speaker of an attribution, or None when it names nobody."""
    if attribution is None or attribution.speaker is None:
        return None
    entity, name, span, head = _resolve(article, attribution.speaker)
    # a role or a group, not a name: "his lawyer", "protesters" (a name the tagger took for a noun is in its cluster's name)
    nominal = head.pos_ == "NOUN" and not (entity is not None and head.text in entity.name.split())
    return Speaker(
        entity=entity.id if entity is not None else None,
        name=name,
        span=span,
        role=_role(article, head, entity) if nominal or entity is not None else None,
        nominal=nominal,
        anonymous=_anonymous(article, head, entity),
    )


def make_cue(article: Article, attribution: Optional[Attribution]) -> Optional[Cue]:
    """The Cue of an attribution, or None when it has no cue words."""
    if attribution is None or not attribution.cue_tokens:
        return None
    first, last = attribution.cue_tokens[0], attribution.cue_tokens[-1]
    start, end = first.idx, last.idx + len(last)
    return Cue(text=article.text[start:end], span=(start, end))
