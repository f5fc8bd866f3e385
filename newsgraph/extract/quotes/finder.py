"""``find_quotes``: every quote of a parsed article, direct and reported, in text order."""

from __future__ import annotations

from bisect import bisect_right
from typing import Optional

from spacy.tokens import Doc

from newsgraph.extract.quotes.article import Article
from newsgraph.extract.quotes.direct import Rejected, direct_quotes
from newsgraph.extract.quotes.reported import reported_speech
from newsgraph.model import Quote

__all__ = ["Rejected", "find_quotes"]


def find_quotes(doc: Doc, rejected: Optional[list[Rejected]] = None) -> list[Quote]:
    """All quotes in ``doc``: direct ones (quotation marks) and reported speech, in text order.

    Args:
        doc: a parsed Doc; ``doc._.ng_entities`` (when set) resolves speakers to entity clusters.
        rejected: when given, receives each quoted stretch that is not a quotation, with the reason.
    Returns:
        :class:`Quote` records; a quote with no stated speaker has ``speaker=None``.
    """
    if not len(doc):
        return []
    article = Article(doc)
    direct = direct_quotes(article, rejected)
    indirect = reported_speech(article, direct)
    direct = _fold_fragments(direct, indirect)
    return sorted(direct + indirect, key=lambda quote: (quote.span[0], -quote.span[1]))


def _fold_fragments(direct: list[Quote], indirect: list[Quote]) -> list[Quote]:
    """A quoted phrase inside a reported statement belongs to it: the statement is flagged partial.

    'He called the deal "a disaster" for Iraq' is one quote ('the deal "a disaster" for Iraq'),
    direct in part, not a statement and a second quote of its words.
    """
    statements = sorted(indirect, key=lambda quote: quote.span[0])
    starts = [quote.span[0] for quote in statements]
    kept = []
    for quote in direct:
        holder = _holder(statements, starts, quote) if quote.partial and len(quote.parts) == 1 else None
        if holder is None:
            kept.append(quote)
            continue
        holder.direct = holder.partial = True
        holder.verbatim.extend(quote.verbatim)
        holder.medium = holder.medium or quote.medium
        holder.outlet = holder.outlet or quote.outlet
    return kept


# Statements can overlap a little (a parse may give two clauses the same words): the few nearest are looked at.
NEAREST_STATEMENTS = 3


def _holder(statements: list[Quote], starts: list[int], fragment: Quote) -> Optional[Quote]:
    """The reported statement whose content holds the start of ``fragment``, if any."""
    index = bisect_right(starts, fragment.span[0]) - 1
    for statement in reversed(statements[max(0, index - NEAREST_STATEMENTS + 1):index + 1]):
        if statement.span[0] <= fragment.span[0] < statement.span[1]:
            return statement
    return None
