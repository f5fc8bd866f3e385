"""A cap on sentence length for the parser and every stage that reads its sentences.

A run of tokens with no sentence end (a table flattened to one line, a list without full stops,
hostile input) would otherwise become one sentence of thousands of tokens, and the stages that
read clauses and sentences (quotes, events) would spend time on it that grows faster than its
length. The ``newsgraph_sentence_cap`` component, placed before the parser, starts a new sentence
after ``max_tokens`` tokens without a full stop, question or exclamation mark or line break; the
parser keeps boundaries set before it. The cuts are recorded on ``Doc._.ng_sentence_cuts``
(character offsets) and become a ``sentence_cut`` warning on the article.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["MAX_SENTENCE_TOKENS", "SentenceCap"]

MAX_SENTENCE_TOKENS = 300  # news sentences rarely pass 80 tokens; a parse of 300 stays cheap
_SENTENCE_ENDS = frozenset({".", "!", "?", "...", "\u2026"})

if not Doc.has_extension("ng_sentence_cuts"):
    Doc.set_extension("ng_sentence_cuts", default=None)


class SentenceCap:
    """Sets a sentence start after every ``max_tokens`` tokens that have no sentence end."""

    def __init__(self, max_tokens: int = MAX_SENTENCE_TOKENS):
        self.max_tokens = max_tokens

    def __call__(self, doc: Doc) -> Doc:
        cuts = []
        run = 0
        for token in doc:
            if run >= self.max_tokens:
                token.is_sent_start = True
                cuts.append(token.idx)
                run = 0
            run += 1
            if token.text in _SENTENCE_ENDS or "\n" in token.text:
                run = 0
        doc._.ng_sentence_cuts = cuts
        return doc


@Language.factory("newsgraph_sentence_cap", default_config={"max_tokens": MAX_SENTENCE_TOKENS})
def make_sentence_cap(nlp: Language, name: str, max_tokens: int) -> SentenceCap:
    return SentenceCap(max_tokens)
