"""Direct quotes: which quoted stretches are quotations, and their attribution.

The attribution is looked for after the quote ("..., he said"), before it ("Rohani said: ..."),
in the parse for a fragment inside a sentence, and in the quote just before ("A," he said. "B.").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Optional

from spacy.tokens import Token

from newsgraph.extract._common import sentence_index
from newsgraph.extract.quotes.article import Article, words
from newsgraph.extract.quotes.attribution import (
    DASHES,
    INTRODUCERS,
    SENTENCE_ENDS,
    Attribution,
    governing_cue,
    intro_attribution,
    is_cue,
    tail_attribution,
)
from newsgraph.extract.quotes.cues import (
    CONTINUING_CUES,
    NOT_LABELS,
    looks_like_headline,
    looks_like_title,
    medium_in,
    outlet_in,
)
from newsgraph.extract.quotes.marks import Quoted, transcript_label
from newsgraph.extract.quotes.speakers import make_cue, make_speaker
from newsgraph.model import Quote

__all__ = ["Rejected", "direct_quotes", "join_parts"]

NAMING_CUES = frozenset({"call", "dub", "label", "brand", "name", "term", "nickname", "title", "entitle"})
MAX_LEFT_TOKENS = 80
# Verbs whose object is the one spoken to: 'told reporters "..."' quotes, 'noting the nominee "..."' does not.
ADDRESSEE_CUES = frozenset({"tell", "ask", "remind", "assure", "inform", "answer", "reply", "write"})
# The words after a quote that can hold its attribution and medium.
MAX_RIGHT_TOKENS = 80

# Nouns for works whose titles stand in quotation marks: 'the movie "13 Hours"', 'his book, "Going Viral"'.
WORK_NOUNS = frozenset(
    """
    movie film book novel memoir song album show series play musical poem article essay column op-ed
    editorial report documentary program programme podcast episode ad advertisement campaign slogan
    speech headline title hashtag painting opera
    """.split()
)
_LETTERS = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class Rejected:
    """A quoted stretch that is not a quotation, and why: what ``eval quotes --explain`` counts."""

    span: tuple[int, int]
    text: str
    reason: str  # "title", "nickname", "headline", "scare quote", "single word"


# The last direct quote found, its quotation marks and its attribution: what a next quote may go on with.
Previous = tuple[Quote, Quoted, Optional[Attribution]]


def direct_quotes(article: Article, rejected: Optional[list[Rejected]] = None) -> list[Quote]:
    """A Quote for each quotation (not a title, nickname, headline or scare quote), one per utterance.

    A quotation interrupted by its attribution ('"We will leave," he said. "Soon."') is one Quote
    whose ``parts`` are the pieces. Quoted stretches that are not quotations go to ``rejected``
    (when given) with the reason.
    """
    quotes: list[Quote] = []
    previous: Optional[Previous] = None
    rejected = rejected if rejected is not None else []
    for index, quoted in enumerate(article.quoted):
        prev_close = article.quoted[index - 1].after - 1 if index else -1
        next_open = article.quoted[index + 1].open_at if index + 1 < len(article.quoted) else len(article.text)
        left = _left_tokens(article, quoted, prev_close)
        right = _right_tokens(article, quoted, next_open)
        made = _direct_quote(article, quoted, left, right, previous, rejected)
        if made is None:
            continue
        quote, attribution = made
        if previous is not None and _goes_on(previous, quote, attribution):
            _extend(article, previous[0], quote)
            previous = (previous[0], quoted, attribution)
            continue
        quotes.append(quote)
        previous = (quote, quoted, attribution)
    return quotes


def _goes_on(previous: Previous, quote: Quote, attribution: Optional[Attribution]) -> bool:
    """Is ``quote`` the next piece of the previous utterance (the same attribution)?

    Pieces that are partial ('Both parties “saw Burma as ...,” said Cha. “In that sense ...”')
    belong to the utterance too, which is then partial: one statement, quoted in part.
    """
    _, _, earlier_attribution = previous
    return attribution is not None and attribution is earlier_attribution


def _extend(article: Article, utterance: Quote, piece: Quote) -> None:
    """Add ``piece`` to ``utterance`` as its next part."""
    utterance.parts.append(piece.span)
    utterance.verbatim.extend(piece.verbatim)
    utterance.span = (utterance.parts[0][0], piece.span[1])
    utterance.text = join_parts(article.text, utterance.parts)
    utterance.medium = utterance.medium or piece.medium
    utterance.outlet = utterance.outlet or piece.outlet
    utterance.partial = utterance.partial or piece.partial


def join_parts(text: str, parts: list[tuple[int, int]]) -> str:
    """The words of an utterance: its parts' texts joined by a space."""
    return " ".join(text[start:end] for start, end in parts)


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
    if intro.cue is not None and _subordinated(left, intro.cue):
        return False  # 'said that under the plan, “...”': the quoted words finish the reported clause
    if last.text in INTRODUCERS or intro.cue is None:
        return last.text in INTRODUCERS
    # 'said that "..."' is not set off: the quoted words are part of the reported clause
    # "he said", "asked the crowd", "told reporters": the quote follows the cue or the one it was said to;
    # after another object ('noting the nominee "makes you want to retch"') it goes on with that clause
    if last.i == intro.cue.i:
        return True
    if intro.cue.lemma_.lower() not in ADDRESSEE_CUES:
        return last.head.i == intro.cue.i and last.dep_ in {"npadvmod", "advmod"}
    return (last.head.i == intro.cue.i and last.dep_ in {"dobj", "dative", "npadvmod", "advmod"}) or (
        last.head.head.i == intro.cue.i and last.head.dep_ in {"dobj", "dative", "prep"}
    )


# A quote that opens a sentence and goes on with the last speaker has words enough to be a statement.
MIN_GOING_ON_WORDS = 4


def _opens_sentence_after(article: Article, quoted: Quoted, left: list[Token], previous: Optional[Previous]) -> bool:
    """Does ``quoted`` open a sentence in the paragraph of the previous attributed quote, with words enough to be said?"""
    if previous is None or previous[2] is None or previous[2].speaker is None or words(left):
        return False
    if article.word_count(*_token_range(article, quoted)) < MIN_GOING_ON_WORDS:
        return False
    return article.paragraph_of(quoted.open_at) == article.paragraph_of(previous[1].open_at)


def _subordinated(left: list[Token], cue: Token) -> bool:
    """Does a conjunction that opens a reported clause ("that", "whether") stand between the cue and the quote?"""
    return any(
        token.i > cue.i and token.lower_ in {"that", "whether"} and (token.dep_ == "mark" or token.i == cue.i + 1)
        for token in left
    )


def _direct_quote(
    article: Article,
    quoted: Quoted,
    left: list[Token],
    right: list[Token],
    previous: Optional[Previous],
    rejected: list[Rejected],
) -> Optional[tuple[Quote, Optional[Attribution]]]:
    """The Quote for one quoted stretch with the attribution found for it, or None to skip it."""

    def reject(reason: str) -> None:
        rejected.append(Rejected((quoted.start, quoted.end), article.text[quoted.start:quoted.end], reason))

    if _in_headline(article, quoted):
        reject("headline")
        return None
    labelled = _transcript_turn(article, quoted)
    if labelled is not None:
        return labelled
    tail = tail_attribution(article, quoted, right)
    intro = None if tail else intro_attribution(article, left)
    if tail is None and intro is None and not words(left):
        intro = _colon_above(article, quoted)  # 'Caddell continued:' closing the paragraph above
    content = article.text[quoted.start:quoted.end]
    continued = _continues_previous(left, previous)
    if continued and previous is not None:
        intro = previous[2]
    set_off = bool(left) and left[-1].text in INTRODUCERS and intro is not None
    closes = content.rstrip()[-1:] in SENTENCE_ENDS | INTRODUCERS
    # 'Sooner or later, “...,” he said.': a lead-in set off by a comma; 'Its job is “...,” she said' is not
    lead_in = tail is not None and not any(is_cue(token) for token in left) and _set_off(left)
    full = (_starts_sentence(left) or continued or lead_in or _introduced(left, intro)) and (
        _ends_sentence(right, tail) or (closes and (set_off or tail is None or continued))
    )
    attribution = tail or intro
    if full and attribution is not None and attribution.cue is not None and attribution.cue.lemma_ in NAMING_CUES:
        full = False  # 'called him “a failed candidate”' names, it does not quote a statement
    goes_on = attribution is None and full and previous is not None and _same_paragraph_run(
        article, previous[1], quoted, previous[0].partial or previous[2] is None or previous[2].cue is None
    )
    if goes_on and previous is not None:
        attribution, continued = previous[2], True  # "“A,” he said. “B.”": B is his too
    if _names_a_work(left) and looks_like_title(content):
        reject("title")  # 'the movie, "13 Hours: The Secret Soldiers of Benghazi," is based on ...'
        return None
    if (not full or attribution is None) and looks_like_title(content):
        if _between_names(left, right):
            reject("nickname")
        else:
            reject("single word" if article.word_count(*_token_range(article, quoted)) < 2 else "title")
        return None
    goes_on_partly = False
    if not full:
        attribution = tail or governing_cue(article, quoted, left, right)
        if (attribution is None or attribution.speaker is None) and _opens_sentence_after(article, quoted, left, previous):
            # '“A,” he said. “B ... C” for the top earners.': a sentence opened by a quote goes on with the last speaker
            attribution, goes_on_partly = previous[2] if previous is not None else None, True
        if attribution is None or attribution.speaker is None:
            reject("scare quote")  # 'the so-called "reform"': nobody is said to have said it
            return None
    elif attribution is None and article.word_count(*_token_range(article, quoted)) < 3:
        reject("single word")  # a word or two standing alone between quotation marks is not a quotation
        return None
    span = (quoted.start, quoted.end)
    if goes_on_partly and words(right):
        span = (quoted.start, words(right)[-1].idx + len(words(right)[-1]))  # the sentence the quote opens
    if not full and tail is not None and words(left):
        span = (words(left)[0].idx, quoted.after)  # 'Its job is “really ...,” she said': the statement
    around = _around(article, quoted, left, right)
    quote = Quote(
        span=span,
        text=article.text[span[0]:span[1]],
        sentence=sentence_index(article.doc, span[0]),
        direct=True,
        partial=not full,
        speaker=make_speaker(article, attribution),
        cue=make_cue(article, attribution),
        medium=medium_in(around),
        parts=[span],
        outlet=outlet_in(around),
        verbatim=[(quoted.start, quoted.end)],
    )
    if previous is not None and quote.medium is None and quote.speaker and previous[0].speaker:
        same = quote.speaker.entity and quote.speaker.entity == previous[0].speaker.entity
        cue_continues = attribution is not None and attribution.cue is not None and attribution.cue.lemma_ in CONTINUING_CUES
        if continued or (same and cue_continues):
            quote.medium, quote.outlet = previous[0].medium, quote.outlet or previous[0].outlet
    return quote, attribution


def _transcript_turn(article: Article, quoted: Quoted) -> Optional[tuple[Quote, Optional[Attribution]]]:
    """A quoted transcript's turn ('"WALLACE: Let's start ...'): the label speaks the rest of the quote.

    Each paragraph of a quoted transcript opens with a quotation mark and the speaker's label in
    capitals; the label is the speaker, not part of what was said. A turn is reported as a
    labelled paragraph is (not direct, its words verbatim): the marks quote the transcript.
    """
    if quoted.open_at != article.paragraph_of(quoted.open_at)[0]:
        return None
    label = transcript_label(article.text, quoted.start, quoted.end)
    if label is None or label.group().split()[0].rstrip(":").lower() in NOT_LABELS:
        return None
    first = article.first_token_from(label.end())
    bounds = article.word_bounds(first, article.first_token_from(quoted.end) - 1)
    if bounds is None:
        return None
    head = article.doc[article.token_at(label.end() - 3)]  # the label's last word, before ': '
    attribution = Attribution(None, head, [])
    span = (bounds[0].idx, quoted.end)
    quote = Quote(
        span=span,
        text=article.text[span[0]:span[1]],
        sentence=sentence_index(article.doc, span[0]),
        direct=False,
        partial=False,
        speaker=make_speaker(article, attribution),
        cue=None,
        medium=None,
        parts=[span],
        outlet=None,
        verbatim=[span],
    )
    return quote, attribution


def _colon_above(article: Article, quoted: Quoted) -> Optional[Attribution]:
    """The attribution of a quote that opens its paragraph after one ending with a colon ('The Times reports:')."""
    index = bisect_right(article.paragraph_starts, quoted.open_at) - 1
    if index < 1 or article.text[article.paragraphs[index][0]:quoted.open_at].strip():
        return None
    start, end = article.paragraphs[index - 1]
    if not article.text[start:end].rstrip().endswith(":") or article.in_quote(end - 1) is not None:
        return None
    return intro_attribution(article, article.tokens_between(start, end, last=MAX_LEFT_TOKENS))


def _set_off(left: list[Token]) -> bool:
    """Does the quote stand apart from the words before it (none, or a comma, colon or dash between)?"""
    return not words(left) or left[-1].text in INTRODUCERS or left[-1].text in DASHES


def _names_a_work(left: list[Token]) -> bool:
    """'the movie, "..."', 'co-author of the book "..."': the words before name a kind of work."""
    found = words(left)[-3:]
    return any(token.lemma_.lower() in WORK_NOUNS for token in found)


def _between_names(left: list[Token], right: list[Token]) -> bool:
    """'Dwayne "The Rock" Johnson': a quoted name between a first name and a last name."""
    before = [t for t in left if not t.is_space][-1:]
    after = [t for t in right if not t.is_space][:1]
    return bool(before and after) and before[0].pos_ == "PROPN" and after[0].pos_ == "PROPN"


def _in_headline(article: Article, quoted: Quoted) -> bool:
    """A quote in a headline: a capitalised one ('EUROPEANS ASK ...'), or one in a title-case line with no verb of saying.

    Headlines put quotation marks round words they do not attribute ('Calls Remarks ‘Troubling’').
    """
    content = article.text[quoted.start:quoted.end]
    letters = _LETTERS.findall(content)
    if len(letters) >= 8 and sum(ch.isupper() for ch in letters) >= 0.8 * len(letters):
        return True
    start, end = article.paragraph_of(quoted.open_at)
    if end - start > 160:
        return False
    outside = article.text[start:quoted.open_at] + " " + article.text[quoted.after:end]
    return looks_like_headline(outside)


def _token_range(article: Article, quoted: Quoted) -> tuple[int, int]:
    """Indexes of the first and last tokens that start inside the quoted content."""
    return article.first_token_from(quoted.start), article.first_token_from(quoted.end) - 1


def _continues_previous(left: list[Token], previous: Optional[Previous]) -> bool:
    """'“A,” he said, “B.”': the words before this quote are the last quote's attribution."""
    if previous is None or previous[2] is None or previous[2].cue is None or not left:
        return False
    cue = previous[2].cue.i
    if not any(token.i == cue for token in left) or not _set_off(left):
        return False  # '"A," he said his campaign was "B"': B goes on with his sentence, not with A
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


def _around(article: Article, quoted: Quoted, left: list[Token], right: list[Token]) -> str:
    """The words of the sentence around the quote (outside the quoted words): where a medium is named."""
    pieces = []
    if left:
        pieces.append(article.text[left[0].idx:quoted.open_at])
    if right:
        pieces.append(article.text[right[0].idx:right[-1].idx + len(right[-1])])
    return " ".join(pieces)
