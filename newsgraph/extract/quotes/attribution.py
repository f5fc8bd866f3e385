"""Attributions: the verb of saying (the cue) and the head of the speaker mention, from a parse.

Each function looks at a bounded window of tokens (the words after a quote, before it, a few
steps up the parse), so that the cost of one attribution does not grow with the sentence.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import islice
from typing import Optional

from spacy.tokens import Doc, Token

from newsgraph.extract.quotes.article import Article, children, length, words
from newsgraph.extract.quotes.cues import COGNITION_VERBS, SPEECH_VERBS
from newsgraph.extract.quotes.marks import Quoted

__all__ = [
    "Attribution",
    "according_to",
    "cue_tokens",
    "dash_attribution",
    "governing_cue",
    "has_subject",
    "intro_attribution",
    "is_according",
    "is_cue",
    "misjoined",
    "signed_below",
    "speaker_token",
    "tail_attribution",
]

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# Verbs that report speech only with a given word: "put it", "point out", "go on".
PARTICLE_CUES = {"put": "it", "point": "out", "go": "on"}
# Nouns for what something was said in: "issued a statement saying ..." reports the issuer's words.
MEDIUM_NOUNS = frozenset({"statement", "letter", "tweet", "post", "release", "email", "message", "note", "memo", "video", "ad"})
DASHES = frozenset({"-", "--", "—", "–", "―"})
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})
VERB_POS = frozenset({"VERB", "AUX"})
TAIL_OPENERS = frozenset(",?!—–-…")
INTRODUCERS = frozenset({":", ","})
SENTENCE_ENDS = frozenset({".", "!", "?", "…"})
# An attribution after a quote is short: "..., Trump, the 2016 GOP frontrunner, said at a rally."
MAX_TAIL_TOKENS = 30
# How far up the parse a cue is looked for: a verb of saying governs its content within a few steps.
MAX_ANCESTORS = 12


@dataclass
class Attribution:
    """A cue verb with its speaker token, before it becomes a Quote."""

    cue: Optional[Token]
    speaker: Optional[Token]
    cue_tokens: list[Token] = field(default_factory=list)


def is_cue(token: Token, lexicon: frozenset[str] = SPEECH_VERBS) -> bool:
    """Is ``token`` a verb of ``lexicon`` (verbs of saying unless told)?"""
    if token.pos_ not in VERB_POS:
        return False
    lemma = token.lemma_.lower()
    if lemma in PARTICLE_CUES:  # "as Amar put it", "pointed out", "went on"
        return any(child.lower_ == PARTICLE_CUES[lemma] for child in children(token))
    return lemma in lexicon


def is_according(token: Token) -> bool:
    """Is ``token`` the "according" of "according to"?"""
    return token.lower_ == "according" and token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == "to"


def cue_tokens(verb: Token) -> list[Token]:
    """The cue verb with its particle ("pointed out")."""
    return sorted([verb] + [child for child in children(verb) if child.dep_ == "prt"], key=lambda t: t.i)


def according_to(doc: Doc, according: Token) -> Attribution:
    """"according to X": X speaks, "according to" is the cue."""
    to = doc[according.i + 1]
    objects = [child for child in children(to) if child.dep_ == "pobj"]
    speaker = objects[0] if objects else (doc[to.i + 1] if to.i + 1 < len(doc) else None)
    return Attribution(according, speaker, [according, to])


def _attribution(article: Article, verb: Token, window: list[Token]) -> Attribution:
    return Attribution(verb, speaker_token(article, verb, window), cue_tokens(verb))


# --- after, before and around a quote ---------------------------------------------------------


def tail_attribution(article: Article, quote: Quoted, right: list[Token]) -> Optional[Attribution]:
    """"..., he said." or "...," said the minister." after a quote: the cue and the speaker."""
    content_end = article.text[quote.start:quote.end].rstrip().rstrip("'’\"”")[-1:]
    right = [token for token in right if not token.is_space]
    if right and right[0].text in DASHES:
        return dash_attribution(right[1:])
    if right and article.text[quote.after:quote.after + 1] in DASHES and right[0].idx > quote.after:
        return dash_attribution(right)  # '”― Jane Doe': the tokenizer kept the dash with the closing mark
    if not words(right):
        return signed_below(article, quote)
    starts_tail = right[0].text in TAIL_OPENERS or content_end in TAIL_OPENERS
    if not starts_tail:
        return None
    if content_end in "?!…" and right[-1].text in INTRODUCERS and right[-1].idx + 2 >= quote.after + length(right):
        return None  # '“Why now?” Mills then writes back, “...”': a new sentence introducing the next quote
    window = right[:MAX_TAIL_TOKENS]
    for token in window:
        if is_according(token):
            return according_to(article.doc, token)
        if is_cue(token):
            return _attribution(article, token, window)
    found = words(window)
    if len(found) <= 6:  # '"...," he surmised.': a short tail with any verb of its own
        verbs = [t for t in found if t.pos_ == "VERB" and t.tag_ in FINITE_TAGS]
        if len(verbs) == 1:
            return _attribution(article, verbs[0], window)
    return None


def signed_below(article: Article, quote: Quoted) -> Optional[Attribution]:
    """A quote that ends its paragraph, signed by the next one: '- Hillary Clinton.'."""
    index = bisect_right(article.paragraph_starts, quote.open_at)
    if quote.close_at is None or index >= len(article.paragraphs):
        return None
    start, end = article.paragraphs[index]
    if article.text[start] not in "-—–―" or end - start > 80:
        return None
    return dash_attribution(article.tokens_between(start + 1, end))


def dash_attribution(tokens: list[Token]) -> Optional[Attribution]:
    """'"..." - Bernie Sanders.': a name after a dash signs the quote."""
    found = words(tokens)
    if found and found[0].pos_ == "PROPN" and len(found) <= 8:
        head = found[0]
        while head.dep_ == "compound" and head.head.i > head.i and head.head.pos_ == "PROPN":
            head = head.head
        return Attribution(None, head, [])
    return None


def intro_attribution(article: Article, left: list[Token]) -> Optional[Attribution]:
    """"He said: ..." or "Rohani told reporters that ...": the last cue before the quote."""
    verb_after = False  # has a verb of another clause been seen between this token and the quote?
    for position in range(len(left) - 1, -1, -1):
        token = left[position]
        if is_cue(token):
            if verb_after:
                return None  # another clause stands between the cue and the quote
            return _attribution(article, token, left)
        if is_according(token):
            return according_to(token.doc, token)
        verb_after = verb_after or (token.pos_ == "VERB" and token.dep_ not in {"xcomp", "amod"})
    if len(left) >= 2 and left[-1].text == ":" and left[-2].pos_ == "PROPN":
        return Attribution(None, left[-2], [])  # 'Trump: "We will win"', as headlines have it
    return None


def governing_cue(article: Article, quote: Quoted, left: list[Token], right: list[Token]) -> Optional[Attribution]:
    """The verb of saying that a partial quote belongs to: an ancestor, else the nearest in its sentence."""
    first = article.doc[article.token_at(quote.start)]
    for ancestor in islice(first.ancestors, MAX_ANCESTORS):
        if article.in_quote(ancestor.idx) is quote:
            continue  # a verb of the quotation itself ("I think ...") is not its cue
        if is_cue(ancestor) or is_cue(ancestor, COGNITION_VERBS):
            return Attribution(ancestor, speaker_token(article, ancestor, []), cue_tokens(ancestor))
    for token in reversed(left):
        if is_cue(token):
            return _attribution(article, token, left)
    window = right[:MAX_TAIL_TOKENS]
    for token in window:
        if is_cue(token):
            return _attribution(article, token, window)
    return None


# --- the speaker ------------------------------------------------------------------------------


def speaker_token(article: Article, verb: Token, window: list[Token]) -> Optional[Token]:
    """The head of the speaker mention: the verb's subject, through relative clauses and participles."""
    agent = _passive_agent(verb)
    if agent is not None:  # "it was announced by the ministry that ...": the ministry speaks
        return agent
    current = verb
    if verb.tag_ == "VBG" and verb.dep_ in {"advcl", "conj"}:
        # "The minister said the talks had failed, adding ...": the one adding is the one saying
        current = next((a for a in islice(verb.ancestors, MAX_ANCESTORS) if is_cue(a)), verb)
    elif misjoined(verb):
        # "He said he would act and warned against ...": "warned" goes on with "said", not with "act"
        current = next((a for a in islice(verb.ancestors, MAX_ANCESTORS) if is_cue(a) and a.tag_ == verb.tag_), verb)
    for _ in range(3):
        # a dateline is never a speaker: "NAIROBI (Reuters) - The ministry said" has the parser give "said" two subjects
        subjects = [child for child in children(current) if child.dep_ in SUBJECT_DEPS and not article.in_dateline(child.idx)]
        if subjects:
            subject = subjects[0]
            if article.paragraph_of(subject.idx) != article.paragraph_of(verb.idx):
                # a parse run over a line break ('5:45 p.m.' above 'Her doctor is calling ...'): a name of the cue's paragraph
                start = article.paragraph_of(verb.idx)[0]
                return _nearby_name(article, verb, article.tokens_between(start, verb.idx))
            if article.in_quote(subject.idx) is None:
                return subject
            break  # the parser took the quotation for the subject ('"Very good," Trump said')
        if current.dep_ == "pcomp" and current.tag_ == "VBG":
            # "He responded by saying ...", "criticized for saying ...": a gerund after a preposition is
            # said by the subject of the verb the preposition hangs on, or the holder of its noun ("his regret at saying")
            host = current.head.head
            if host.pos_ in VERB_POS:
                current = host
                continue
            return next((child for child in children(host) if child.dep_ == "poss"), None)
        if current.dep_ in {"advcl", "xcomp", "conj", "relcl", "acl"} and current.head.i != current.i:
            if current.dep_ in {"relcl", "acl"}:
                head = current.head
                if head.lemma_.lower() in MEDIUM_NOUNS and head.head.i != head.i:
                    current = head.head  # "His office issued a statement saying ...": the office speaks
                    continue
                return head if head.pos_ in {"PROPN", "NOUN", "PRON"} else None
            current = current.head
            continue
        break
    return _nearby_name(article, verb, window)


def has_subject(verb: Token) -> bool:
    """Does ``verb`` have a subject of its own?"""
    return any(child.dep_ in SUBJECT_DEPS for child in children(verb))


def misjoined(verb: Token) -> bool:
    """A finite verb with no subject that the parser joined to a bare one: "he would order a review and warned ...".

    A finite verb cannot be coordinated with a verb after "would" or "to": it goes on with a
    finite verb higher up ("He said he would ... and warned ...": "warned" is said of "He").
    """
    return verb.dep_ == "conj" and verb.tag_ in FINITE_TAGS and verb.head.tag_ == "VB" and not has_subject(verb)


def _passive_agent(verb: Token) -> Optional[Token]:
    """The "by" phrase of a passive verb of saying: "was announced by the ministry"."""
    kids = children(verb)
    if not any(child.dep_ in {"auxpass", "nsubjpass"} for child in kids):
        return None
    for child in kids:
        if child.dep_ == "agent":
            objects = [t for t in children(child) if t.dep_ == "pobj"]
            if objects:
                return objects[0]
    return None


def _nearby_name(article: Article, verb: Token, window: list[Token]) -> Optional[Token]:
    """A parse that missed the subject: the first name or pronoun before the cue, else one just after it."""
    before = (
        t for t in window
        if t.i < verb.i and t.pos_ in {"PROPN", "PRON", "NOUN"} and article.in_quote(t.idx) is None and not article.in_dateline(t.idx)
    )
    first = next(before, None)
    if first is not None:
        while first.dep_ == "compound" and first.head.i < verb.i and first.head.i > first.i:
            first = first.head
        return first
    for token in window:
        if verb.i < token.i <= verb.i + 3 and token.pos_ in {"PROPN", "PRON"}:
            return token
    return None
