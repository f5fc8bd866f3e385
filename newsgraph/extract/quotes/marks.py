"""Find the stretches of text that stand between quotation marks.

Pure character-level logic, no model: straight, curly and mixed double quotes, guillemets and
single quotes are paired paragraph by paragraph. A paragraph that opens a quote and does not
close it continues in the next paragraph when that one opens with a quotation mark of the same
family, straight or curly (the news convention for a quote running over paragraphs), and no
speaker's label (a quoted transcript's next turn); otherwise the quote ends with its paragraph,
so no quotation ever runs past the paragraphs it spans.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator, Optional

DOUBLE_OPENERS = "“„‟«"
DOUBLE_CLOSERS = "”»"
DOUBLE_MARKS = DOUBLE_OPENERS + DOUBLE_CLOSERS + '"'
SINGLE_OPENERS = "‘‹"
SINGLE_CLOSERS = "’›"
SINGLE_MARKS = SINGLE_OPENERS + SINGLE_CLOSERS + "'"
ALL_MARKS = DOUBLE_MARKS + SINGLE_MARKS

# Two apostrophes or two backticks stand for a double quotation mark in some archives (''like this'').
_MARK_RE = re.compile("''|``|[" + re.escape(ALL_MARKS) + "]")
_PARAGRAPH_RE = re.compile(r"[^\n]+")
# What may stand before an opening mark and after a closing one.
_BEFORE_OPEN = set(" \t\u00a0([{—–―-/:;,") | set(ALL_MARKS)
_AFTER_CLOSE = set(" \t\u00a0.,;:!?)]}—–―-…/") | set(ALL_MARKS)
# Elisions written with an opening apostrophe: 'em, 'til, 'cause, rock 'n' roll.
_ELISIONS = re.compile(r"(?:em|til|cause|n|bout|round|tis|twas)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Quoted:
    """Characters ``[start, end)`` stand between quotation marks at ``open_at`` and ``close_at``.

    ``close_at`` is None for a quote that never closes (it then ends with its paragraph run).
    ``double`` tells double marks (and guillemets) from single ones.
    """

    start: int
    end: int
    open_at: int
    close_at: Optional[int]
    double: bool = True
    close_width: int = 1

    @property
    def closed(self) -> bool:
        return self.close_at is not None

    @property
    def after(self) -> int:
        """The first character after the closing mark (after the content when the quote never closed)."""
        return self.end if self.close_at is None else self.close_at + self.close_width


def paragraphs(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each non-empty line of ``text``: news paragraphs are lines."""
    return [(m.start(), m.end()) for m in _PARAGRAPH_RE.finditer(text) if m.group().strip()]


def can_open(text: str, at: int, start: int, width: int = 1) -> bool:
    """Could the mark at ``at`` open a quote? It follows a space or the paragraph start, and precedes text."""
    before_ok = at == start or text[at - 1] in _BEFORE_OPEN
    after_ok = at + width < len(text) and not text[at + width].isspace()
    return before_ok and after_ok


def can_close(text: str, at: int, end: int, width: int = 1) -> bool:
    """Could the mark at ``at`` close a quote? It follows text and precedes a space, punctuation or the end."""
    after_ok = at + width >= end or text[at + width] in _AFTER_CLOSE
    before_ok = at > 0 and not text[at - 1].isspace()
    return after_ok and before_ok


def _opens_double(text: str, at: int, start: int, end: int, width: int = 1) -> bool:
    mark = text[at:at + width]
    if mark in DOUBLE_OPENERS or mark == "``":
        return not (can_close(text, at, end, width) and not can_open(text, at, start, width))
    return can_open(text, at, start, width) and not (mark in DOUBLE_CLOSERS and can_close(text, at, end, width))


def _closes_double(text: str, at: int, start: int, end: int, width: int = 1) -> bool:
    mark = text[at:at + width]
    if mark in DOUBLE_CLOSERS:
        return not (can_open(text, at, start, width) and not can_close(text, at, end, width))
    if mark in DOUBLE_OPENERS or mark == "``":
        return can_close(text, at, end, width) and not can_open(text, at, start, width)
    return can_close(text, at, end, width) or not can_open(text, at, start, width)


def _opens_single(text: str, at: int, start: int) -> bool:
    if text[at] in SINGLE_CLOSERS and text[at] != "’":
        return False
    if not can_open(text, at, start) or not text[at + 1].isalpha():
        return False
    return not _ELISIONS.match(text, at + 1)


def _closes_single(text: str, at: int, end: int) -> bool:
    if text[at] in SINGLE_OPENERS:
        return False
    return can_close(text, at, end) and not (at + 1 < end and text[at + 1].isalnum())


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _make(text: str, open_at: int, end: int, close_at: Optional[int], double: bool) -> Optional[Quoted]:
    width = 2 if text[open_at:open_at + 2] in ("''", "``") else 1
    start, stop = _trimmed(text, open_at + width, end)
    if stop <= start:
        return None
    close_width = 2 if close_at is not None and text[close_at:close_at + 2] in ("''", "``") else 1
    return Quoted(start, stop, open_at, close_at, double, close_width)


def _scan_paragraph(text: str, start: int, end: int, open_at: Optional[int]) -> Iterator[tuple[str, int, int]]:
    """Events ("quote", open, close) and a final ("open", open, -1) when a double quote stays open."""
    single_at: Optional[int] = None
    depth = 0  # curly quotes nested inside curly quotes of the same kind
    for match in _MARK_RE.finditer(text, start, end):
        at, mark = match.start(), match.group()
        width = len(mark)
        if mark in DOUBLE_MARKS or width == 2:
            single_at = None  # a single quote left open inside double ones was an apostrophe
            if open_at is None:
                # a mark that begins a paragraph closes nothing: it opens, whichever way it is turned ('” … he said')
                if _opens_double(text, at, start, end, width) or (at == start and at + width < end):
                    open_at = at
            elif mark in DOUBLE_OPENERS and can_open(text, at, start) and not can_close(text, at, end):
                depth += 1  # a nested quote (or a missing closing mark: the paragraph end bounds it)
            elif _closes_double(text, at, start, end, width):
                if depth:
                    depth -= 1
                    continue
                yield ("quote", open_at, at)
                open_at = None
        elif open_at is None:  # single quotes count only outside double ones (else they are nested)
            if single_at is None:
                if _opens_single(text, at, start):
                    single_at = at
            elif _closes_single(text, at, end):
                yield ("single", single_at, at)
                single_at = None
    if open_at is not None:
        yield ("open", open_at, -1)


# A speaker's label in capitals after a paragraph's opening mark, as quoted transcripts have it: '"HOLT: ...'.
_TRANSCRIPT_LABEL = re.compile(r"[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}:[ \t\u00a0]")


def _style(mark: str) -> str:
    """The family of a double mark: straight ('"', "''", "``"), curly (“ ” „ ‟) or guillemets."""
    if mark in ('"', "''", "``"):
        return "straight"
    return "guillemet" if mark in "«»" else "curly"


def transcript_label(text: str, at: int, end: int) -> Optional[re.Match[str]]:
    """The speaker label ('WALLACE: ') that the text at ``at`` opens with, if any."""
    return _TRANSCRIPT_LABEL.match(text, at, end)


def _continues(text: str, paragraph: tuple[int, int], opener: str) -> bool:
    """Does this paragraph go on with a quote left open above (whose opening mark is ``opener``)?

    It does when it opens with a quotation mark of the same family: a text that quotes a passage
    in straight marks and the speech inside it in curly ones does not run the two together. A
    paragraph that opens with a speaker's label ('"PENCE: ...') starts the next speaker's turn.
    """
    start, end = paragraph
    width = 2 if text[start:start + 2] in ("''", "``") else 1
    mark = text[start:start + width]
    if not ((mark in DOUBLE_MARKS or width == 2) and can_open(text, start, start, width)):
        return False
    return _style(mark) == _style(opener) and transcript_label(text, start + width, end) is None


def find_quoted(text: str) -> list[Quoted]:
    """Every quoted stretch of ``text``, in order, contents without their quotation marks.

    Args:
        text: the article text.
    Returns:
        :class:`Quoted` stretches. Nested quotes stay inside the outer one; marks that find no
        partner are ignored, except an opening double mark, whose quote ends with its paragraph run.
    """
    found: list[Quoted] = []
    pars = paragraphs(text)
    carried: Optional[int] = None  # opening mark of a quote continued from an earlier paragraph
    for index, (start, end) in enumerate(pars):
        scan_from = start
        if carried is not None:  # the paragraph's own opening mark continues the quote
            scan_from = start + (2 if text[start:start + 2] in ("''", "``") else 1)
        for kind, first, second in _scan_paragraph(text, scan_from, end, carried):
            carried = None
            if kind == "open":
                opener = text[first:first + (2 if text[first:first + 2] in ("''", "``") else 1)]
                if index + 1 < len(pars) and _continues(text, pars[index + 1], opener):
                    carried = first
                    continue
                quote = _make(text, first, end, None, True)
            else:
                quote = _make(text, first, second, second, kind == "quote")
            if quote is not None:
                found.append(quote)
    return found


def inside(quotes: list[Quoted], start: int, end: int) -> Optional[Quoted]:
    """The quote whose marks enclose characters ``[start, end)``, or None."""
    for quote in quotes:
        if quote.open_at <= start and end <= quote.after:
            return quote
    return None
