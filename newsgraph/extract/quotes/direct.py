"""Direct quotes: which quoted stretches are quotations, and their attribution.

The attribution is looked for after the quote ("..., he said"), before it ("Rohani said: ..."),
in the parse for a fragment inside a sentence, and in the quote just before ("A," he said. "B.").
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Optional

from spacy.tokens import Token

from newsgraph.extract._common import sentence_index
from newsgraph.extract.quotes.article import Article, words
from newsgraph.extract.quotes.attribution import (
    INTRODUCERS,
    SENTENCE_ENDS,
    Attribution,
    governing_cue,
    intro_attribution,
    is_cue,
    tail_attribution,
)
from newsgraph.extract.quotes.cues import CONTINUING_CUES, looks_like_title, medium_in
from newsgraph.extract.quotes.marks import Quoted
from newsgraph.extract.quotes.speakers import make_cue, make_speaker
from newsgraph.model import Quote

__all__ = ["direct_quotes"]

NAMING_CUES = frozenset({"call", "dub", "label", "brand", "name", "term", "nickname", "title", "entitle"})
MAX_LEFT_TOKENS = 80
# The words after a quote that can hold its attribution and medium.
MAX_RIGHT_TOKENS = 80

# The last direct quote found, its quotation marks and its attribution: what a next quote may go on with.
Previous = tuple[Quote, Quoted, Optional[Attribution]]


def direct_quotes(article: Article) -> list[Quote]:
    """A Quote for each quoted stretch that is a quotation (not a title, nickname or scare quote)."""
    quotes: list[Quote] = []
    previous: Optional[Previous] = None
    for index, quoted in enumerate(article.quoted):
        prev_close = article.quoted[index - 1].after - 1 if index else -1
        next_open = article.quoted[index + 1].open_at if index + 1 < len(article.quoted) else len(article.text)
        left = _left_tokens(article, quoted, prev_close)
        right = _right_tokens(article, quoted, next_open)
        made = _direct_quote(article, quoted, left, right, previous)
        if made is not None:
            quotes.append(made[0])
            previous = (made[0], quoted, made[1])
    return quotes


def _left_tokens(article: Article, quote: Quoted, previous_close: int) -> list[Token]:
    """Tokens of the sentence before the opening mark (not reaching back past the last quote)."""
    par_start, _ = article.paragraph_of(quote.open_at)
    start = max(par_start, previous_close + 1)
    tokens = article.tokens_between(start, quote.open_at, last=MAX_LEFT_TOKENS)
    for position in range(len(tokens) - 1, -1, -1):  # the parser may not have split "He said. “B”"
        if tokens[position].text in SENTENCE_ENDS or tokens[position].text in {"(", "["}:
            return tokens[position + 1:]
    return tokens


def _right_tokens(article: Article, quote: Quoted, next_open: int) -> list[Token]:
    """Tokens after the closing mark up to the end of the sentence (or the next quote)."""
    if quote.close_at is None:
        return []
    after = quote.after
    _, par_end = article.paragraph_of(quote.close_at)
    if after >= par_end:
        return []
    _, sent_end = article.sentence_bounds(after if not article.text[after].isspace() else after + 1)
    return article.tokens_from(after, min(sent_end, par_end, next_open), MAX_RIGHT_TOKENS)


def _starts_sentence(left: list[Token]) -> bool:
    return not words(left)


def _ends_sentence(right: list[Token], tail: Optional[Attribution]) -> bool:
    return tail is not None or not words(right)


def _introduced(left: list[Token], intro: Optional[Attribution]) -> bool:
    """Is the quote set off after its cue ("he said:", "said Rohani,", "he said")?"""
    if intro is None or not left:
        return False
    last = left[-1]
    if last.text in INTRODUCERS or last.lower_ == "that" or intro.cue is None:
        return last.text in INTRODUCERS or last.lower_ == "that"
    # "he said", "asked the crowd", "told reporters": the quote follows the cue or its object
    return last.i == intro.cue.i or (last.head.i == intro.cue.i and last.dep_ in {"dobj", "dative", "npadvmod", "advmod"}) or (
        last.head.head.i == intro.cue.i and last.head.dep_ in {"dobj", "dative", "prep"}
    )


def _direct_quote(
    article: Article, quoted: Quoted, left: list[Token], right: list[Token], previous: Optional[Previous]
) -> Optional[tuple[Quote, Optional[Attribution]]]:
    """The Quote for one quoted stretch with the attribution found for it, or None to skip it."""
    tail = tail_attribution(article, quoted, right)
    intro = None if tail else intro_attribution(article, left)
    content = article.text[quoted.start:quoted.end]
    continued = _continues_previous(left, previous)
    if continued and previous is not None:
        intro = previous[2]
    set_off = bool(left) and left[-1].text in INTRODUCERS and intro is not None
    closes = content.rstrip()[-1:] in SENTENCE_ENDS | INTRODUCERS
    lead_in = tail is not None and not any(is_cue(token) for token in left)  # 'Sooner or later, “...,” he said.'
    full = (_starts_sentence(left) or continued or lead_in or _introduced(left, intro)) and (
        _ends_sentence(right, tail) or (closes and (set_off or tail is None or continued))
    )
    attribution = tail or intro
    if full and attribution is not None and attribution.cue is not None and attribution.cue.lemma_ in NAMING_CUES:
        full = False  # 'called him “a failed candidate”' names, it does not quote a statement
    if (not full or attribution is None) and looks_like_title(content):
        return None
    if not full:
        attribution = tail or governing_cue(article, quoted, left, right)
        if attribution is None or attribution.speaker is None:
            return None  # a scare quote ('the so-called "reform"'): nobody is said to have said it
    elif attribution is None and previous is not None and _same_paragraph_run(
        article, previous[1], quoted, previous[0].partial or previous[2] is None or previous[2].cue is None
    ):
        attribution, continued = previous[2], True  # "“A,” he said. “B.”": B is his too
    elif attribution is None and article.word_count(*_token_range(article, quoted)) < 3:
        return None  # a word or two standing alone between quotation marks is not a quotation
    quote = Quote(
        span=(quoted.start, quoted.end),
        text=content,
        sentence=sentence_index(article.doc, quoted.start),
        direct=True,
        partial=not full,
        speaker=make_speaker(article, attribution),
        cue=make_cue(article, attribution),
        medium=_medium(article, quoted, left, right),
    )
    if previous is not None and quote.medium is None and quote.speaker and previous[0].speaker:
        same = quote.speaker.entity and quote.speaker.entity == previous[0].speaker.entity
        cue_continues = attribution is not None and attribution.cue is not None and attribution.cue.lemma_ in CONTINUING_CUES
        if continued or (same and cue_continues):
            quote.medium = previous[0].medium
    return quote, attribution


def _token_range(article: Article, quoted: Quoted) -> tuple[int, int]:
    """Indexes of the first and last tokens that start inside the quoted content."""
    return article.first_token_from(quoted.start), article.first_token_from(quoted.end) - 1


def _continues_previous(left: list[Token], previous: Optional[Previous]) -> bool:
    """'“A,” he said, “B.”': the words before this quote are the last quote's attribution."""
    if previous is None or previous[2] is None or previous[2].cue is None or not left:
        return False
    cue = previous[2].cue.i
    if not any(token.i == cue for token in left):
        return False
    return not any(token.i > cue and is_cue(token) for token in left)  # "..., said Beck, who said “...”"


def _same_paragraph_run(article: Article, earlier: Quoted, later: Quoted, same_only: bool = False) -> bool:
    """Does ``later`` go on with ``earlier``'s statement: in the same paragraph, or opening the next one?

    News writing attributes a quote once and lets the following paragraph go on quoting.
    """
    here = article.paragraph_of(later.open_at)
    there = article.paragraph_of(earlier.open_at)
    if here == there:
        return True
    if same_only:  # a partial or a signed ('- Name') quote does not go on into the next paragraph
        return False
    index = bisect_right(article.paragraph_starts, later.open_at) - 1
    opens_paragraph = later.open_at == here[0]
    return opens_paragraph and index > 0 and article.paragraphs[index - 1] == there


def _medium(article: Article, quoted: Quoted, left: list[Token], right: list[Token]) -> Optional[str]:
    """The medium named in the sentence around the quote (outside the quoted words)."""
    pieces = []
    if left:
        pieces.append(article.text[left[0].idx:quoted.open_at])
    if right:
        pieces.append(article.text[right[0].idx:right[-1].idx + len(right[-1])])
    return medium_in(" ".join(pieces)) if pieces else None
