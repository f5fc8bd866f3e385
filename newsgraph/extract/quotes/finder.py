"""``find_quotes``: every quote of a parsed article, direct and reported, in text order."""

from __future__ import annotations

from bisect import bisect_right
from typing import Optional

from spacy.tokens import Doc

from newsgraph.extract._common import sentence_index
from newsgraph.extract.quotes.article import Article
from newsgraph.extract.quotes.direct import Rejected, direct_quotes, join_parts
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
    direct = _join_statements(article, direct, indirect)
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


def _join_statements(article: Article, direct: list[Quote], indirect: list[Quote]) -> list[Quote]:
    """A quotation with no attribution of its own, right after reported speech in its paragraph, goes on with it.

    'The agency may wait, Smith said. "The other factor is the timing."': the quote is Smith's,
    the next part of the statement reported just before it.
    """
    statements = sorted(indirect, key=lambda quote: quote.span[1])
    ends = [quote.span[1] for quote in statements]
    kept = []
    for quote in direct:
        statement = None if quote.speaker is not None or quote.partial else _statement_before(article, statements, ends, quote)
        if statement is None:
            kept.append(quote)
            continue
        statement.parts.extend(quote.parts)
        statement.verbatim.extend(quote.verbatim)
        statement.span = (statement.span[0], quote.span[1])
        statement.text = join_parts(article.text, statement.parts)
        statement.direct = statement.partial = True
    return kept


def _statement_before(article: Article, statements: list[Quote], ends: list[int], quote: Quote) -> Optional[Quote]:
    """The reported statement that ends in the sentence before ``quote``, in its paragraph, with no quote between."""
    index = bisect_right(ends, quote.span[0]) - 1
    if index < 0:
        return None
    statement = statements[index]
    if statement.speaker is None or statement.cue is None:
        return None
    start, _ = article.paragraph_of(quote.span[0])
    if not (start <= statement.span[0] and statement.cue.span[0] >= start):
        return None
    between = article.text[max(statement.span[1], statement.cue.span[1]):quote.span[0]].rstrip()[:-1]  # less its own mark
    if any(mark in between for mark in '"“”«»'):
        return None
    return statement if sentence_index(article.doc, statement.span[1] - 1) + 1 >= quote.sentence else None
