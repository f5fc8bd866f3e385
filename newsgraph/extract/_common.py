"""Helpers shared by the extractors: Doc extensions, sentence indexes, spans."""

from __future__ import annotations

from bisect import bisect_right
from typing import Any, Optional

from spacy.tokens import Doc

# Article metadata that the pipeline sets on each Doc before the components run.
ARTICLE_EXTENSIONS = ("ng_article_id", "ng_published", "ng_source", "ng_url", "ng_title")


def register_doc_extension(name: str, default: Any = None) -> None:
    """Register ``Doc._.<name>`` once. Only our own ``ng_`` names are ever forced."""
    if not name.startswith("ng_"):
        raise ValueError(f"newsgraph extensions are prefixed ng_, not {name!r}")
    if not Doc.has_extension(name):
        Doc.set_extension(name, default=default)


for _name in ARTICLE_EXTENSIONS:
    register_doc_extension(_name)


def sentence_starts(doc: Doc) -> list[int]:
    """Character offsets where each sentence of ``doc`` starts (cached on the Doc)."""
    cached = doc.user_data.get("ng_sentence_starts")
    if cached is None:
        cached = [sent.start_char for sent in doc.sents] if len(doc) else [0]
        doc.user_data["ng_sentence_starts"] = cached
    return cached


def sentence_index(doc: Doc, char_offset: int) -> int:
    """Index of the sentence containing ``char_offset``."""
    return max(0, bisect_right(sentence_starts(doc), char_offset) - 1)


def published_date(doc: Doc) -> Optional[str]:
    """The article's publication date (YYYY-MM-DD) or None."""
    return doc._.ng_published


class FactComponent:
    """Base of newsgraph's pipeline components: ``find`` the facts, store them on ``Doc._``.

    A subclass names its ``extension`` (``ng_quotes``) and implements ``find(doc) -> list``;
    the logic itself lives in module-level functions that tests call without a pipeline.
    """

    extension: str = ""

    def __init__(self, nlp: Any = None, name: str = "") -> None:
        self.name = name
        register_doc_extension(self.extension)

    def __call__(self, doc: Doc) -> Doc:
        doc._.set(self.extension, self.find(doc))
        return doc

    def find(self, doc: Doc) -> list[Any]:
        raise NotImplementedError
