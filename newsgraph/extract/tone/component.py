"""The ``newsgraph_tone`` component: GDELT's tone of the article, of each quote and of each entity.

Sets ``Doc._.ng_tone`` (a :class:`newsgraph.model.Tone`) and fills ``tone`` on the quotes and
entities the earlier components found. Words are counted per sentence once; an entity's tone is
the sum of the counts of the sentences that mention it, a quote's the count of its own words.
Active words are the tokens the tagger marks VERB (auxiliaries are not actions).
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.extract._common import register_doc_extension
from newsgraph.extract.tone.scores import ToneCounts, count_words, tone_from_counts, words_of
from newsgraph.model import Tone

ACTIVE_POS = "VERB"


@Language.factory("newsgraph_tone", assigns=["doc._.ng_tone"], requires=["doc.sents", "token.tag"])
def make_tone(nlp: Language, name: str) -> "ToneMeter":
    return ToneMeter(nlp, name)


class ToneMeter:
    """Sets ``Doc._.ng_tone`` and the ``tone`` of each quote and entity on the Doc."""

    extension = "ng_tone"

    def __init__(self, nlp: Optional[Language] = None, name: str = "") -> None:
        self.name = name
        register_doc_extension(self.extension)

    def __call__(self, doc: Doc) -> Doc:
        doc._.set(self.extension, measure_doc(doc))
        return doc


def measure_doc(doc: Doc) -> Tone:
    """The article's tone; sets the tone of the Doc's quotes and entities on the way."""
    verb_starts = [token.idx for token in doc if token.pos_ == ACTIVE_POS]
    text = doc.text

    def counts_between(start: int, end: int) -> ToneCounts:
        active = bisect_left(verb_starts, end) - bisect_left(verb_starts, start)
        return count_words(words_of(text[start:end]), active)

    sentences = [counts_between(sent.start_char, sent.end_char) for sent in doc.sents] if len(doc) else []
    total = sum(sentences, ToneCounts())
    for quote in _facts(doc, "ng_quotes"):
        quote.tone = tone_from_counts(counts_between(*quote.span))
    for entity in _facts(doc, "ng_entities"):
        mentioned = sorted({mention.sentence for mention in entity.mentions if 0 <= mention.sentence < len(sentences)})
        entity.tone = tone_from_counts(sum((sentences[index] for index in mentioned), ToneCounts()))
    return tone_from_counts(total)


def _facts(doc: Doc, extension: str) -> list:
    return list(doc._.get(extension) or []) if doc.has_extension(extension) else []
