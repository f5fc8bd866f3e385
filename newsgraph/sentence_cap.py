"""Sentence starts set before the parser: after a dateline, and a cap on sentence length.

A wire story's dateline ("SEATTLE (AP) —", "NAIROBI, March 3 (Reuters) -") runs into its first
sentence with no full stop, and the parser then reads the city as the subject ("SEATTLE ...
said", "Microsoft Corp." an apposition of it): the speaker, the pronouns' antecedent and the
event's source all become the city. The ``newsgraph_sentence_cap`` component starts a sentence at
the first word after a dateline's dash, so the dateline is a sentence of its own and the story's
first sentence is parsed alone.

A run of tokens with no sentence end (a table flattened to one line, a list without full stops,
hostile input) would otherwise become one sentence of thousands of tokens, and the stages that
read clauses and sentences (quotes, events) would spend time on it that grows faster than its
length. The ``newsgraph_sentence_cap`` component, placed before the parser, starts a new sentence
after ``max_tokens`` tokens without a full stop, question or exclamation mark or line break; the
parser keeps boundaries set before it. The cuts are recorded on ``Doc._.ng_sentence_cuts``
(character offsets) and become a ``sentence_cut`` warning on the article.

A blank line ends a sentence too: a paragraph never goes on in the next one, but the parser
reads "... posted on X.\n\nKenya's President met ..." as one sentence when the full stop is
taken for an abbreviation's, and the next paragraph's subject becomes an object of the first.
These starts are no cuts: nothing was lost.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

__all__ = ["MAX_SENTENCE_TOKENS", "SentenceCap", "dateline_ends"]

MAX_SENTENCE_TOKENS = 300  # news sentences rarely pass 80 tokens; a parse of 300 stays cheap
_SENTENCE_ENDS = frozenset({".", "!", "?", "...", "\u2026"})

if not Doc.has_extension("ng_sentence_cuts"):
    Doc.set_extension("ng_sentence_cuts", default=None)


class SentenceCap:
    """Sets a sentence start after every ``max_tokens`` tokens that have no sentence end, and
    at the first word of every paragraph."""

    def __init__(self, max_tokens: int = MAX_SENTENCE_TOKENS):
        self.max_tokens = max_tokens

    def __call__(self, doc: Doc) -> Doc:
        for body in dateline_ends(doc):
            doc[body].is_sent_start = True
        cuts = []
        run = 0
        for token in doc:
            if run >= self.max_tokens:
                token.is_sent_start = True
                cuts.append(token.idx)
                run = 0
            elif token.i > 0 and not token.is_space and _blank_line(doc[token.i - 1]):
                token.is_sent_start = True
            run += 1
            if token.text in _SENTENCE_ENDS or "\n" in token.text:
                run = 0
        doc._.ng_sentence_cuts = cuts
        return doc


DATELINE_DASHES = frozenset({"-", "--", "\u2013", "\u2014"})
MAX_DATELINE_TOKENS = 16  # "PASADENA, Calif., Jan. 1 (UPI) —" is 12


def dateline_ends(doc: Doc) -> list[int]:
    """The index of the first word after each dateline: a line that opens with a word in capitals
    ("SEATTLE", "NEW YORK") and reaches a dash within a few tokens, with no lower-case word before
    it (a dateline names a place, a date and an agency: "RENO, Nev. (AP) —")."""
    ends = []
    for start in _line_starts(doc):
        first = doc[start]
        if not (first.is_alpha and first.text.isupper() and len(first.text) > 1):
            continue
        for i in range(start + 1, min(len(doc) - 1, start + MAX_DATELINE_TOKENS)):
            token = doc[i]
            if token.text in DATELINE_DASHES and doc[i - 1].whitespace_:  # a spaced dash, not "1996-08-30"
                if not doc[i + 1].is_space:
                    ends.append(i + 1)
                break
            if "\n" in token.text or "\n" in token.whitespace_ or (token.is_alpha and token.text[:1].islower()):
                break
    return ends


def _line_starts(doc: Doc) -> list[int]:
    return [0] * bool(len(doc)) + [i for i in range(1, len(doc)) if "\n" in doc[i - 1].whitespace_
                                   or (doc[i - 1].is_space and "\n" in doc[i - 1].text)]


def _blank_line(token: Token) -> bool:
    """Is the token whitespace that holds an empty line (a paragraph break)?"""
    return token.is_space and token.text.count("\n") >= 2


@Language.factory("newsgraph_sentence_cap", default_config={"max_tokens": MAX_SENTENCE_TOKENS})
def make_sentence_cap(nlp: Language, name: str, max_tokens: int) -> SentenceCap:
    return SentenceCap(max_tokens)
