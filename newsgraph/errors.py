"""Errors raised by newsgraph.

    NewsgraphError
     +-- ArticleError        one article cannot be analysed (empty, binary, too long, ...)
     +-- InputFormatError    a file or record is not in the expected format
"""

from __future__ import annotations

from typing import Optional


class NewsgraphError(Exception):
    """Base class of every error newsgraph raises on purpose."""


class ArticleError(NewsgraphError):
    """An article cannot be analysed. ``code`` is a stable short name for the problem."""

    def __init__(self, code: str, message: str, article_id: Optional[str] = None):
        self.code = code
        self.message = message
        self.article_id = article_id
        where = f"article {article_id!r}: " if article_id else ""
        super().__init__(f"{where}{message}")


class InputFormatError(NewsgraphError):
    """A file or record is not in the expected format."""
