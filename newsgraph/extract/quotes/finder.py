"""``find_quotes``: every quote of a parsed article, direct and reported, in text order."""

from __future__ import annotations

from spacy.tokens import Doc

from newsgraph.extract.quotes.article import Article
from newsgraph.extract.quotes.direct import direct_quotes
from newsgraph.extract.quotes.reported import reported_speech
from newsgraph.model import Quote

__all__ = ["find_quotes"]


def find_quotes(doc: Doc) -> list[Quote]:
    """All quotes in ``doc``: direct ones (quotation marks) and reported speech, in text order.

    Args:
        doc: a parsed Doc; ``doc._.ng_entities`` (when set) resolves speakers to entity clusters.
    Returns:
        :class:`Quote` records; a quote with no stated speaker has ``speaker=None``.
    """
    if not len(doc):
        return []
    article = Article(doc)
    direct = direct_quotes(article)
    indirect = reported_speech(article, direct)
    return sorted(direct + indirect, key=lambda quote: (quote.span[0], -quote.span[1]))
