"""The ``newsgraph_summary`` component: an extractive summary as sentence indexes.

Sets ``Doc._.ng_summary``: indexes into the article's sentences, in article order (see
:mod:`newsgraph.extract.summary.rank`). Content words are the tokens that are alphabetic and not
stop words, by lemma; quotes and events come from the earlier components.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.extract._common import FactComponent
from newsgraph.extract.summary.rank import SentenceFeatures, summarize


@Language.factory("newsgraph_summary", assigns=["doc._.ng_summary"], requires=["doc.sents", "token.lemma"])
def make_summary(nlp: Language, name: str) -> "Summarizer":
    return Summarizer(nlp, name)


class Summarizer(FactComponent):
    """Sets ``Doc._.ng_summary``: a list of sentence indexes."""

    extension = "ng_summary"

    def find(self, doc: Doc) -> list[int]:
        return summarize(sentence_features(doc)) if len(doc) else []


def _sentences_with(doc: Doc, extension: str) -> set[int]:
    facts = doc._.get(extension) if doc.has_extension(extension) else None
    return {fact.sentence for fact in facts or []}


def sentence_features(doc: Doc) -> list[SentenceFeatures]:
    quoted, told = _sentences_with(doc, "ng_quotes"), _sentences_with(doc, "ng_events")
    features = []
    for index, sent in enumerate(doc.sents):
        words = [token for token in sent if not token.is_punct and not token.is_space]
        content = frozenset(token.lemma_.lower() for token in words if token.is_alpha and not token.is_stop)
        features.append(SentenceFeatures(len(words), content, index in quoted, index in told))
    return features
