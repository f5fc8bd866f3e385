"""What the quote finders share about one parsed article: offsets, quotation marks, paragraphs.

Every lookup here is a bisection or an array read, so that finding quotes stays linear (or
n log n) in the length of the article and of its sentences, however many quotation marks,
verbs of saying or mentions it holds.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import Any, Optional

from spacy.tokens import Doc, Token

from newsgraph.extract._common import sentence_starts
from newsgraph.extract.entities.component import entity_at
from newsgraph.extract.quotes.marks import Quoted, find_quoted, paragraphs
from newsgraph.model import Entity

__all__ = ["Article", "RangeMax", "children", "left_children", "length", "right_children", "words"]

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# A dateline opens a paragraph: the place in capitals, perhaps a date, perhaps the agency, then a dash
# ("NAIROBI, March 3 (Reuters) - ", "KABUL, Afghanistan (AP) — "). It says where the story was filed.
DATELINE = re.compile(
    r"[ \t]*[A-Z][A-Z'.\-]{2,}(?: [A-Z][A-Z'.\-]+){0,3}(?:,[^\n()—–-]{1,40})?(?:\s*\([^()\n]{1,40}\))?\s*(?:--|-|—|–)\s"
)
# Mentions indexed by start: a speaker head looks back this many characters for a mention holding it.
MENTION_REACH = 200


def _children_index(doc: Doc) -> list[list[int]]:
    """Each token's children, by index, built once per Doc (cached in ``doc.user_data``).

    spaCy's ``Token.children`` walks the token's whole subtree to find its children, so asking a
    verb that heads a long sentence for its subject costs the length of the sentence; this index
    makes it a list read.
    """
    cached = doc.user_data.get("ng_children")
    if cached is None or len(cached) != len(doc):
        cached = [[] for _ in range(len(doc))]
        for token in doc:
            if token.head.i != token.i:
                cached[token.head.i].append(token.i)
        doc.user_data["ng_children"] = cached
    return cached


def children(token: Token) -> list[Token]:
    """The syntactic children of ``token``, in order (as ``Token.children``, without the subtree walk)."""
    doc = token.doc
    return [doc[i] for i in _children_index(doc)[token.i]]


def left_children(token: Token) -> list[Token]:
    """The children before ``token`` (``Token.lefts``)."""
    return [child for child in children(token) if child.i < token.i]


def right_children(token: Token) -> list[Token]:
    """The children after ``token`` (``Token.rights``)."""
    return [child for child in children(token) if child.i > token.i]


def words(tokens: list[Token]) -> list[Token]:
    """The tokens that are words (not punctuation, not space)."""
    return [t for t in tokens if not (t.is_punct or t.is_space)]


def length(tokens: list[Token]) -> int:
    """Characters from the first token's start to the last token's end."""
    return tokens[-1].idx + len(tokens[-1]) - tokens[0].idx if tokens else 0


class RangeMax:
    """Largest value over any index range in O(1), after an O(n log n) build (a sparse table)."""

    def __init__(self, values: list[int]) -> None:
        self.levels = [list(values)]
        width = 1
        while 2 * width <= len(values):
            below = self.levels[-1]
            self.levels.append([max(below[i], below[i + width]) for i in range(len(below) - width)])
            width *= 2

    def max(self, first: int, last: int) -> Optional[int]:
        """The largest value at indexes ``first..last`` (inclusive), None for an empty range."""
        if last < first:
            return None
        level = (last - first + 1).bit_length() - 1
        row = self.levels[level]
        return max(row[first], row[last - (1 << level) + 1])


class Article:
    """Indexes over one Doc: token offsets, quoted stretches, paragraphs, sentences, words, mentions."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = doc.text
        self.token_starts = [token.idx for token in doc]
        self.quoted = find_quoted(self.text)
        self.quote_opens = [q.open_at for q in self.quoted]
        self.paragraphs = paragraphs(self.text)
        self.paragraph_starts = [start for start, _ in self.paragraphs]
        self.sentence_starts = sentence_starts(doc)
        self._index_words()
        self._subjects: Optional[list[tuple[int, Token]]] = None
        self._subject_offsets: list[int] = []
        self._main_subjects: Optional[list[tuple[int, Token]]] = None
        self._main_subject_offsets: list[int] = []
        self._mentions: Optional[list[tuple[int, int, Entity]]] = None
        self._sentence_flags: dict[tuple[int, Any], bool] = {}
        self._mention_starts: list[int] = []

    def _index_words(self) -> None:
        """Prefix counts of word tokens and the nearest word on each side of every token."""
        is_word = [not (t.is_punct or t.is_space) for t in self.doc]
        self.word_counts = [0]
        for flag in is_word:
            self.word_counts.append(self.word_counts[-1] + flag)
        size = len(is_word)
        self.next_word = [size] * (size + 1)
        for i in range(size - 1, -1, -1):
            self.next_word[i] = i if is_word[i] else self.next_word[i + 1]
        self.previous_word = [-1] * size
        for i in range(size):
            self.previous_word[i] = i if is_word[i] else (self.previous_word[i - 1] if i else -1)

    # --- tokens and characters ---------------------------------------------------------

    def token_at(self, char: int) -> int:
        """Index of the token that contains (or first follows) character ``char``."""
        return max(0, bisect_right(self.token_starts, char) - 1)

    def first_token_from(self, char: int) -> int:
        """Index of the first token starting at or after ``char``."""
        return bisect_left(self.token_starts, char)

    def tokens_between(self, start: int, end: int, last: Optional[int] = None) -> list[Token]:
        """The tokens that start within characters ``[start, end)``; only the ``last`` N when given."""
        first = bisect_left(self.token_starts, start)
        stop = bisect_left(self.token_starts, end)
        if last is not None:
            first = max(first, stop - last)
        return [self.doc[i] for i in range(first, stop)]

    def tokens_from(self, start: int, end: int, limit: int) -> list[Token]:
        """At most the first ``limit`` tokens that start within characters ``[start, end)``."""
        first = bisect_left(self.token_starts, start)
        stop = min(bisect_left(self.token_starts, end), first + limit)
        return [self.doc[i] for i in range(first, stop)]

    def word_count(self, first: int, last: int) -> int:
        """How many word tokens stand at indexes ``first..last`` (inclusive)."""
        if last < first:
            return 0
        return self.word_counts[last + 1] - self.word_counts[first]

    def word_bounds(self, first: int, last: int) -> Optional[tuple[Token, Token]]:
        """The first and last word tokens at indexes ``first..last``, or None when there is none."""
        if last < first or first >= len(self.doc):
            return None
        start, end = self.next_word[max(first, 0)], self.previous_word[min(last, len(self.doc) - 1)]
        if start > end:
            return None
        return self.doc[start], self.doc[end]

    # --- paragraphs, sentences, quotation marks -----------------------------------------

    def paragraph_of(self, char: int) -> tuple[int, int]:
        index = max(0, bisect_right(self.paragraph_starts, char) - 1)
        return self.paragraphs[index] if self.paragraphs else (0, len(self.text))

    def sentence_bounds(self, char: int) -> tuple[int, int]:
        index = max(0, bisect_right(self.sentence_starts, char) - 1)
        end = self.sentence_starts[index + 1] if index + 1 < len(self.sentence_starts) else len(self.text)
        return self.sentence_starts[index], end

    def sentence_matches(self, char: int, pattern: Any) -> bool:
        """Does ``pattern`` (a compiled regex) match in the sentence of ``char``? Searched once per sentence."""
        start, end = self.sentence_bounds(char)
        key = (start, pattern)
        if key not in self._sentence_flags:
            self._sentence_flags[key] = pattern.search(self.text, start, end) is not None
        return self._sentence_flags[key]

    def in_dateline(self, char: int) -> bool:
        """Is ``char`` inside the dateline that opens its paragraph?"""
        start, end = self.paragraph_of(char)
        found = DATELINE.match(self.text, start, end)
        return found is not None and char < found.end()

    def in_quote(self, char: int) -> Optional[Quoted]:
        """The quote whose content holds ``char``."""
        index = bisect_right(self.quote_opens, char) - 1
        if index >= 0 and self.quoted[index].start <= char < self.quoted[index].end:
            return self.quoted[index]
        return None

    # --- entities -----------------------------------------------------------------------

    def entities(self) -> list[Entity]:
        """The entity clusters, or none where the entities component did not run."""
        return (self.doc._.ng_entities or []) if self.doc.has_extension("ng_entities") else []

    def entity_at(self, start: int, end: int) -> Optional[Entity]:
        """:func:`entity_at` over an index of the mentions: one bisection, not a scan, per speaker."""
        if self._mentions is None:
            pairs = [(m.span[0], m.span[1], e) for e in self.entities() for m in e.mentions]
            self._mentions = sorted(pairs, key=lambda item: item[0]) if len(pairs) > 50 else []
            self._mention_starts = [item[0] for item in self._mentions]
        if not self._mentions:
            return entity_at(self.doc, start, end) if self.entities() else None
        index = bisect_left(self._mention_starts, end) - 1
        while index >= 0 and self._mentions[index][0] >= start - MENTION_REACH:
            m_start, m_end, entity = self._mentions[index]
            if m_start < end and start < m_end:
                return entity
            index -= 1
        return None

    def _person_mention_heads(self) -> list[tuple[Any, Token]]:
        """Every mention of a person with the token that ends it (the head of a name)."""
        return [(mention, self.doc[self.token_at(mention.span[1] - 1)])
                for entity in self.entities() if entity.type == "PERSON" for mention in entity.mentions]

    def main_subject_before(self, before: int) -> Optional[Token]:
        """The head of the last person mention that was the subject of its sentence's main verb before ``before``."""
        if self._main_subjects is None:
            found = []
            for mention, head in self._person_mention_heads():
                subject = head if head.dep_ in SUBJECT_DEPS else head.head
                if mention.kind != "pronoun" and subject.dep_ in SUBJECT_DEPS and subject.head.dep_ == "ROOT":
                    found.append((mention.span[0], head))
            self._main_subjects = sorted(found, key=lambda item: item[0])
            self._main_subject_offsets = [offset for offset, _ in self._main_subjects]
        index = bisect_left(self._main_subject_offsets, before) - 1
        return self._main_subjects[index][1] if index >= 0 else None

    def nearest_subject_before(self, before: int) -> Optional[Token]:
        """The head of the last person mention that was a clause subject before character ``before``."""
        if self._subjects is None:
            found = [(mention.span[0], head) for mention, head in self._person_mention_heads()
                     if head.dep_ in SUBJECT_DEPS or head.head.dep_ in SUBJECT_DEPS]
            self._subjects = sorted(found, key=lambda item: item[0])
            self._subject_offsets = [offset for offset, _ in self._subjects]
        index = bisect_left(self._subject_offsets, before) - 1
        return self._subjects[index][1] if index >= 0 else None
