"""The layout of a text: its lines, and which lines are headlines rather than sentences.

A headline, byline or signature line ("SOCCER - LEICESTER TAKE OVER AT TOP", "Bank Profits Rise
Again", "-- Jane Roe, Bucharest Newsroom") capitalises every word, so every word looks like a name;
rules that read capitals as names leave such lines to the model, and names never run from one
line into the next.
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc

__all__ = ["line_bounds", "line_of", "is_headline_line", "section_slugs", "FUNCTION_WORDS"]

# Words a title-case headline leaves in lower case.
FUNCTION_WORDS = {
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "but", "by", "with", "from", "as", "vs",
    "vs.", "v", "over", "into", "after", "amid", "per", "via", "nor", "up", "out", "off",
}
MAX_HEADLINE_TOKENS = 20


def line_bounds(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges ``[start, end)`` of the text's lines (cached on the Doc)."""
    cached = doc.user_data.get("ng_line_bounds")
    if cached is None:
        cached, start = [], 0
        for token in doc:
            if "\n" in token.whitespace_ or (token.is_space and "\n" in token.text):
                cached.append((start, token.i + 1))
                start = token.i + 1
        if start < len(doc):
            cached.append((start, len(doc)))
        doc.user_data["ng_line_bounds"] = cached
    return cached


def line_of(doc: Doc, i: int) -> int:
    """The index of the line holding token ``i``."""
    starts = doc.user_data.get("ng_line_starts_index")
    if starts is None:
        starts = [start for start, _ in line_bounds(doc)]
        doc.user_data["ng_line_starts_index"] = starts
    return max(0, bisect_right(starts, i) - 1)


def is_headline_line(doc: Doc, line: int) -> bool:
    """Whether the line is a headline: short, at least three words, and every word but the
    function words capitalised (title case or capitals)."""
    bounds = line_bounds(doc)
    if line >= len(bounds):
        return False
    start, end = bounds[line]
    words = [t for t in doc[start:end] if t.is_alpha]
    if len(words) < 3 or end - start > MAX_HEADLINE_TOKENS:
        return False
    return all(t.text[:1].isupper() or t.lower_ in FUNCTION_WORDS for t in words)


def section_slugs(doc: Doc) -> set[int]:
    """Tokens that are a headline's section word ("SOCCER - ...", "RPT - ..."): the first word of
    a line in capitals, followed by a dash. A label of the page, never a name."""
    slugs = set()
    for start, end in line_bounds(doc):
        if end - start < 3:
            continue
        first, dash = doc[start], doc[start + 1]
        words = [t for t in doc[start:end] if t.is_alpha]
        if first.is_alpha and dash.text in {"-", "--", "\u2013", "\u2014"} and all(t.text.isupper() for t in words):
            slugs.add(start)
    return slugs
