"""The ``newsgraph_quotes`` component: who said what, directly or in reported speech.

Fills ``Doc._.ng_quotes`` with :class:`newsgraph.model.Quote`. Direct quotes come from the
quotation marks (:mod:`newsgraph.extract.quotes.marks`); their cue and speaker from the words
around them ("..., he said"; "Rohani said: ..."). Reported speech comes from the dependency parse:
a verb of saying (:mod:`newsgraph.extract.quotes.cues`) with a clause or an object, "according to X",
a relative clause ("Rohani, who said ..."). A speaker mention is resolved to its entity cluster
with :func:`newsgraph.extract.entities.component.entity_at`; a pronoun or a role ("the Iranian leader") that
has no cluster falls back to the nearest preceding person who was the subject of a sentence.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc, Token

from newsgraph.extract._common import FactComponent, sentence_index, sentence_starts
from newsgraph.extract.entities.component import entity_at
from newsgraph.extract.quotes.cues import (
    CONTINUING_CUES,
    COGNITION_VERBS,
    OBJECT_CUES,
    PERSON_PRONOUNS,
    RELATIVE_PRONOUNS,
    ROLE_NOUNS,
    SPEECH_VERBS,
    looks_like_title,
    medium_in,
)
from newsgraph.extract.quotes.marks import Quoted, find_quoted, paragraphs
from newsgraph.model import Cue, Entity, Quote, Speaker

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
CLAUSE_DEPS = frozenset({"ccomp"})
# Dependents of a cue verb that are not part of what was said.
NOT_CONTENT_DEPS = frozenset(
    {"nsubj", "nsubjpass", "aux", "auxpass", "neg", "punct", "cc", "conj", "advmod", "npadvmod",
     "advcl", "mark", "prt", "expl", "dep", "agent", "parataxis", "intj", "relcl"}
)
NAMING_CUES = frozenset({"call", "dub", "label", "brand", "name", "term", "nickname", "title", "entitle"})
# Verbs that report speech only with a given word: "put it", "point out", "go on".
PARTICLE_CUES = {"put": "it", "point": "out", "go": "on"}
# Nouns for what something was said in: "issued a statement saying ..." reports the issuer's words.
MEDIUM_NOUNS = frozenset({"statement", "letter", "tweet", "post", "release", "email", "message", "note", "memo", "video", "ad"})
DASHES = frozenset({"-", "--", "—", "–", "―"})
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})
VERB_POS = frozenset({"VERB", "AUX"})
TAIL_OPENERS = frozenset(",?!—–-…")
OPENING_MARKS = frozenset("\"“‘«„''")
# An attribution after a quote is short: "..., Trump, the 2016 GOP frontrunner, said at a rally."
MAX_TAIL_TOKENS = 30
MAX_LEFT_TOKENS = 80
SENTENCE_ENDS = frozenset({".", "!", "?", "…"})
INTRODUCERS = frozenset({":", ","})


@Language.factory("newsgraph_quotes", assigns=["doc._.ng_quotes"], requires=["doc._.ng_entities"])
def make_quotes(nlp: Language, name: str) -> "QuoteFinder":
    return QuoteFinder(nlp, name)


class QuoteFinder(FactComponent):
    """Sets ``Doc._.ng_quotes``: a list of :class:`newsgraph.model.Quote`."""

    extension = "ng_quotes"

    def find(self, doc: Doc) -> list[Quote]:
        return find_quotes(doc)


@dataclass
class _Attribution:
    """A cue verb with its speaker token, before it becomes a Quote."""

    cue: Optional[Token]
    speaker: Optional[Token]
    cue_tokens: list[Token] = field(default_factory=list)


# The last direct quote found, its quotation marks and its attribution: what a next quote may go on with.
_Previous = tuple[Quote, Quoted, Optional[_Attribution]]


class _Article:
    """What the finders share about one Doc: token offsets, quotes, paragraphs."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = doc.text
        self.token_starts = [token.idx for token in doc]
        self.quoted = find_quoted(self.text)
        self.quote_opens = [q.open_at for q in self.quoted]
        self.paragraphs = paragraphs(self.text)
        self.paragraph_starts = [start for start, _ in self.paragraphs]
        self.sentence_starts = sentence_starts(doc)
        self._subjects: Optional[list[tuple[int, Token]]] = None
        self._mentions: Optional[list] = None
        self._mention_starts: list[int] = []

    def token_at(self, char: int) -> int:
        """Index of the token that contains (or first follows) character ``char``."""
        index = bisect_right(self.token_starts, char) - 1
        return max(0, index)

    def tokens_between(self, start: int, end: int) -> list[Token]:
        """The tokens that start within characters ``[start, end)``."""
        first = bisect_left(self.token_starts, start)
        last = bisect_left(self.token_starts, end)
        return [self.doc[i] for i in range(first, last)]

    def paragraph_of(self, char: int) -> tuple[int, int]:
        index = max(0, bisect_right(self.paragraph_starts, char) - 1)
        return self.paragraphs[index] if self.paragraphs else (0, len(self.text))

    def sentence_bounds(self, char: int) -> tuple[int, int]:
        index = max(0, bisect_right(self.sentence_starts, char) - 1)
        end = self.sentence_starts[index + 1] if index + 1 < len(self.sentence_starts) else len(self.text)
        return self.sentence_starts[index], end

    def in_quote(self, char: int) -> Optional[Quoted]:
        """The quote whose content holds ``char``."""
        index = bisect_right(self.quote_opens, char) - 1
        if index >= 0 and self.quoted[index].start <= char < self.quoted[index].end:
            return self.quoted[index]
        return None

    def entities(self) -> list[Entity]:
        """The entity clusters, or none where the entities component did not run."""
        return (self.doc._.ng_entities or []) if self.doc.has_extension("ng_entities") else []

    def entity_at(self, start: int, end: int) -> Optional[Entity]:
        """:func:`entity_at` over an index of the mentions: one bisection, not a scan, per speaker."""
        if self._mentions is None:
            pairs = [(m.span[0], m.span[1], e) for e in self.entities() for m in e.mentions]
            self._mentions = sorted(pairs, key=lambda item: item[0]) if len(pairs) > 50 else []
            self._mention_starts = [item[0] for item in self._mentions]
        if not self._mentions:
            return entity_at(self.doc, start, end) if self.entities() else None
        index = bisect_left(self._mention_starts, end) - 1
        while index >= 0 and self._mentions[index][0] >= start - 200:
            m_start, m_end, entity = self._mentions[index]
            if m_start < end and start < m_end:
                return entity
            index -= 1
        return None

    def person_subjects(self) -> list[tuple[int, Token]]:
        """(offset, head token) of each person mention that is the subject of its clause, in order."""
        if self._subjects is None:
            found = []
            for entity in self.entities():
                if entity.type != "PERSON":
                    continue
                for mention in entity.mentions:
                    head = self.doc[self.token_at(mention.span[1] - 1)]
                    if head.dep_ in SUBJECT_DEPS or head.head.dep_ in SUBJECT_DEPS:
                        found.append((mention.span[0], head))
            self._subjects = sorted(found, key=lambda item: item[0])
        return self._subjects


def find_quotes(doc: Doc) -> list[Quote]:
    """All quotes in ``doc``: direct ones (quotation marks) and reported speech, in text order.

    Args:
        doc: a parsed Doc; ``doc._.ng_entities`` (when set) resolves speakers to entity clusters.
    Returns:
        :class:`Quote` records; a quote with no stated speaker has ``speaker=None``.
    """
    if not len(doc):
        return []
    article = _Article(doc)
    direct = _direct_quotes(article)
    indirect = _reported_speech(article, direct)
    return sorted(direct + indirect, key=lambda quote: (quote.span[0], -quote.span[1]))


# --- direct quotes -------------------------------------------------------------------------


def _left_tokens(article: _Article, quote: Quoted, previous_close: int) -> list[Token]:
    """Tokens of the sentence before the opening mark (not reaching back past the last quote)."""
    par_start, _ = article.paragraph_of(quote.open_at)
    start = max(par_start, previous_close + 1)
    tokens = article.tokens_between(start, quote.open_at)[-MAX_LEFT_TOKENS:]
    for position in range(len(tokens) - 1, -1, -1):  # the parser may not have split "He said. “B”"
        if tokens[position].text in SENTENCE_ENDS or tokens[position].text in {"(", "["}:
            return tokens[position + 1:]
    return tokens


def _right_tokens(article: _Article, quote: Quoted, next_open: int) -> list[Token]:
    """Tokens after the closing mark up to the end of the sentence (or the next quote)."""
    if quote.close_at is None:
        return []
    after = quote.after
    _, par_end = article.paragraph_of(quote.close_at)
    if after >= par_end:
        return []
    _, sent_end = article.sentence_bounds(after if not article.text[after].isspace() else after + 1)
    return article.tokens_between(after, min(sent_end, par_end, next_open))


def _length(tokens: list[Token]) -> int:
    """Characters from the first token's start to the last token's end."""
    return tokens[-1].idx + len(tokens[-1]) - tokens[0].idx if tokens else 0


def _words(tokens: list[Token]) -> list[Token]:
    return [t for t in tokens if not (t.is_punct or t.is_space)]


def _is_cue(token: Token, lexicon: frozenset[str] = SPEECH_VERBS) -> bool:
    if token.pos_ not in VERB_POS:
        return False
    lemma = token.lemma_.lower()
    if lemma in PARTICLE_CUES:  # "as Amar put it", "pointed out", "went on"
        return any(child.lower_ == PARTICLE_CUES[lemma] for child in token.children)
    return lemma in lexicon


def _tail_attribution(article: _Article, quote: Quoted, right: list[Token]) -> Optional[_Attribution]:
    """"..., he said." or "...," said the minister." after a quote: the cue and the speaker."""
    content_end = article.text[quote.start:quote.end].rstrip().rstrip("'’\"”")[-1:]
    right = [token for token in right if not token.is_space]
    if right and right[0].text in DASHES:
        return _dash_attribution(right[1:])
    if not _words(right):
        return _signed_below(article, quote)
    starts_tail = bool(right) and (right[0].text in TAIL_OPENERS or content_end in TAIL_OPENERS)
    if not starts_tail:
        return None
    if content_end in "?!…" and right[-1].text in INTRODUCERS and right[-1].idx + 2 >= quote.after + _length(right):
        return None  # '“Why now?” Mills then writes back, “...”': a new sentence introducing the next quote
    window = right[:MAX_TAIL_TOKENS]
    for token in window:
        if token.lower_ == "according" and token.i + 1 < len(article.doc) and article.doc[token.i + 1].lower_ == "to":
            return _according_to(article.doc, token)
        if _is_cue(token):
            return _Attribution(token, _speaker_token(article, token, window), _cue_tokens(token))
    words = _words(window)
    if len(words) <= 6:  # '"...," he surmised.': a short tail with any verb of its own
        verbs = [t for t in words if t.pos_ == "VERB" and t.tag_ in FINITE_TAGS]
        if len(verbs) == 1:
            return _Attribution(verbs[0], _speaker_token(article, verbs[0], window), _cue_tokens(verbs[0]))
    return None


def _signed_below(article: _Article, quote: Quoted) -> Optional[_Attribution]:
    """A quote that ends its paragraph, signed by the next one: '- Hillary Clinton.'."""
    index = bisect_right(article.paragraph_starts, quote.open_at)
    if quote.close_at is None or index >= len(article.paragraphs):
        return None
    start, end = article.paragraphs[index]
    if article.text[start] not in "-—–―" or end - start > 80:
        return None
    return _dash_attribution(article.tokens_between(start + 1, end))


def _dash_attribution(tokens: list[Token]) -> Optional[_Attribution]:
    """'"..." - Bernie Sanders.': a name after a dash signs the quote."""
    words = _words(tokens)
    if words and words[0].pos_ == "PROPN" and len(words) <= 8:
        head = words[0]
        while head.dep_ == "compound" and head.head.i > head.i and head.head.pos_ == "PROPN":
            head = head.head
        return _Attribution(None, head, [])
    return None


def _intro_attribution(article: _Article, left: list[Token]) -> Optional[_Attribution]:
    """"He said: ..." or "Rohani told reporters that ...": the last cue before the quote."""
    for position in range(len(left) - 1, -1, -1):
        token = left[position]
        if _is_cue(token):
            after = left[position + 1:]
            if any(t.pos_ == "VERB" and t.dep_ not in {"xcomp", "amod"} for t in after):
                return None  # another clause stands between the cue and the quote
            return _Attribution(token, _speaker_token(article, token, left), _cue_tokens(token))
        if token.lower_ == "according" and token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == "to":
            return _according_to(token.doc, token)
    if len(left) >= 2 and left[-1].text == ":" and left[-2].pos_ == "PROPN":
        return _Attribution(None, left[-2], [])  # 'Trump: "We will win"', as headlines have it
    return None


def _governing_cue(article: _Article, quote: Quoted, left: list[Token], right: list[Token]) -> Optional[_Attribution]:
    """The verb of saying that a partial quote belongs to: an ancestor, else the nearest in its sentence."""
    first = article.doc[article.token_at(quote.start)]
    for ancestor in first.ancestors:
        if article.in_quote(ancestor.idx) is quote:
            continue  # a verb of the quotation itself ("I think ...") is not its cue
        if _is_cue(ancestor) or _is_cue(ancestor, COGNITION_VERBS):
            return _Attribution(ancestor, _speaker_token(article, ancestor, []), _cue_tokens(ancestor))
    for token in reversed(left):
        if _is_cue(token):
            return _Attribution(token, _speaker_token(article, token, left), _cue_tokens(token))
    for token in right[:MAX_TAIL_TOKENS]:
        if _is_cue(token):
            return _Attribution(token, _speaker_token(article, token, right), _cue_tokens(token))
    return None


def _according_to(doc: Doc, according: Token) -> _Attribution:
    """"according to X": X speaks, "according to" is the cue."""
    to = doc[according.i + 1]
    objects = [child for child in to.children if child.dep_ == "pobj"]
    speaker = objects[0] if objects else (doc[to.i + 1] if to.i + 1 < len(doc) else None)
    return _Attribution(according, speaker, [according, to])


def _cue_tokens(verb: Token) -> list[Token]:
    """The cue verb with its particle ("pointed out")."""
    return sorted([verb] + [child for child in verb.children if child.dep_ == "prt"], key=lambda t: t.i)


def _speaker_token(article: _Article, verb: Token, window: list[Token]) -> Optional[Token]:
    """The head of the speaker mention: the verb's subject, through relative clauses and participles."""
    current = verb
    if verb.tag_ == "VBG" and verb.dep_ in {"advcl", "conj", "xcomp"}:
        # "The minister said the talks had failed, adding ...": the one adding is the one saying
        current = next((a for a in verb.ancestors if _is_cue(a)), verb)
    for _ in range(3):
        subjects = [child for child in current.children if child.dep_ in SUBJECT_DEPS]
        if subjects:
            subject = subjects[0]
            if article.in_quote(subject.idx) is None:
                return subject
            break  # the parser took the quotation for the subject ('"Very good," Trump said')
        if current.dep_ in {"advcl", "xcomp", "conj", "relcl", "acl"} and current.head is not current:
            if current.dep_ in {"relcl", "acl"}:
                head = current.head
                if head.lemma_.lower() in MEDIUM_NOUNS and head.head is not head:
                    current = head.head  # "His office issued a statement saying ...": the office speaks
                    continue
                return head if head.pos_ in {"PROPN", "NOUN", "PRON"} else None
            current = current.head
            continue
        break
    return _nearby_name(article, verb, window)


def _nearby_name(article: _Article, verb: Token, window: list[Token]) -> Optional[Token]:
    """A parse that missed the subject: the first name or pronoun before the cue, else one just after it."""
    before = [t for t in window if t.i < verb.i and t.pos_ in {"PROPN", "PRON", "NOUN"} and article.in_quote(t.idx) is None]
    if before:
        first = before[0]
        while first.dep_ == "compound" and first.head.i < verb.i and first.head.i > first.i:
            first = first.head
        return first
    for token in window:
        if verb.i < token.i <= verb.i + 3 and token.pos_ in {"PROPN", "PRON"}:
            return token
    return None


def _mention_bounds(head: Token) -> tuple[int, int]:
    """Characters of the speaker mention whose head is ``head``: its name, or the noun with its modifiers."""
    if head.ent_iob_ != "O":
        doc, first, last = head.doc, head.i, head.i
        while doc[first].ent_iob_ == "I" and first > 0:
            first -= 1
        while last + 1 < len(doc) and doc[last + 1].ent_iob_ == "I":
            last += 1
        while first < head.i and (doc[first].is_punct or doc[first].is_space):
            first += 1  # the tagger sometimes takes a quotation mark or dash into a name
        while last > head.i and (doc[last].is_punct or doc[last].is_space):
            last -= 1
        return doc[first].idx, doc[last].idx + len(doc[last])
    start = head
    for child in head.lefts:
        if child.dep_ in {"det", "amod", "compound", "poss", "nmod", "nummod", "case"}:
            start = child.left_edge if child.left_edge.i < start.i else start
    return start.idx, head.idx + len(head)


def _resolve(article: _Article, head: Token) -> tuple[Optional[str], str, tuple[int, int]]:
    """(entity id, name, mention span) for the speaker whose mention has head ``head``."""
    start, end = _mention_bounds(head)
    if head.lower_ in RELATIVE_PRONOUNS and head.head.dep_ == "relcl":
        head = head.head.head  # "Rohani, who said ...": "who" is the mention, Rohani the speaker
    mention = article.text[slice(*_mention_bounds(head))]
    entity = article.entity_at(head.idx, head.idx + len(head))
    if entity is None and _needs_antecedent(head):
        entity = _nearest_subject_person(article, start)
        if entity is not None and head.pos_ == "NOUN" and head.lemma_.lower() not in (entity.role or "").lower():
            entity = None  # "the minister" is only the last person if that person is a minister
    if entity is not None:
        return entity.id, entity.name, (start, end)
    return None, mention, (start, end)


def _needs_antecedent(head: Token) -> bool:
    """A pronoun ("he") or a role with a definite article ("the Iranian leader") points back to a person."""
    if head.lower_ in PERSON_PRONOUNS:
        return True
    definite = any(child.lower_ in {"the", "this", "that"} for child in head.children if child.dep_ == "det")
    return head.pos_ == "NOUN" and head.lemma_.lower() in ROLE_NOUNS and definite


def _nearest_subject_person(article: _Article, before: int) -> Optional[Entity]:
    """The entity of the last person who was a sentence subject before ``before``."""
    subjects = article.person_subjects()
    index = bisect_left([offset for offset, _ in subjects], before) - 1
    if index < 0:
        return None
    _, head = subjects[index]
    return article.entity_at(head.idx, head.idx + len(head))


def _speaker(article: _Article, attribution: Optional[_Attribution]) -> Optional[Speaker]:
    if attribution is None or attribution.speaker is None:
        return None
    entity_id, name, span = _resolve(article, attribution.speaker)
    return Speaker(entity=entity_id, name=name, span=span)


def _cue(article: _Article, attribution: Optional[_Attribution]) -> Optional[Cue]:
    if attribution is None or not attribution.cue_tokens:
        return None
    first, last = attribution.cue_tokens[0], attribution.cue_tokens[-1]
    start, end = first.idx, last.idx + len(last)
    return Cue(text=article.text[start:end], span=(start, end))


def _starts_sentence(left: list[Token]) -> bool:
    return not _words(left)


def _ends_sentence(right: list[Token], tail: Optional[_Attribution]) -> bool:
    return tail is not None or not _words(right)


def _introduced(left: list[Token], intro: Optional[_Attribution]) -> bool:
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


def _direct_quotes(article: _Article) -> list[Quote]:
    """A Quote for each quoted stretch that is a quotation (not a title, nickname or scare quote)."""
    quotes: list[Quote] = []
    previous: Optional[_Previous] = None
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


def _direct_quote(
    article: _Article, quoted: Quoted, left: list[Token], right: list[Token], previous: Optional[_Previous]
) -> Optional[tuple[Quote, Optional[_Attribution]]]:
    """The Quote for one quoted stretch with the attribution found for it, or None to skip it."""
    tail = _tail_attribution(article, quoted, right)
    intro = None if tail else _intro_attribution(article, left)
    content = article.text[quoted.start:quoted.end]
    continued = _continues_previous(left, previous)
    if continued:
        intro = previous[2]
    set_off = bool(left) and left[-1].text in INTRODUCERS and intro is not None
    closes = content.rstrip()[-1:] in SENTENCE_ENDS | INTRODUCERS
    lead_in = tail is not None and not any(_is_cue(token) for token in left)  # 'Sooner or later, “...,” he said.'
    full = (_starts_sentence(left) or continued or lead_in or _introduced(left, intro)) and (
        _ends_sentence(right, tail) or (closes and (set_off or tail is None or continued))
    )
    attribution = tail or intro
    if full and attribution is not None and attribution.cue is not None and attribution.cue.lemma_ in NAMING_CUES:
        full = False  # 'called him “a failed candidate”' names, it does not quote a statement
    if (not full or attribution is None) and looks_like_title(content):
        return None
    if not full:
        attribution = tail or _governing_cue(article, quoted, left, right)
        if attribution is None or attribution.speaker is None:
            return None  # a scare quote ('the so-called "reform"'): nobody is said to have said it
    elif attribution is None and previous is not None and _same_paragraph_run(
        article, previous[1], quoted, previous[0].partial or previous[2] is None or previous[2].cue is None
    ):
        attribution, continued = previous[2], True  # "“A,” he said. “B.”": B is his too
    elif attribution is None and len(_words(article.tokens_between(quoted.start, quoted.end))) < 3:
        return None  # a word or two standing alone between quotation marks is not a quotation
    quote = Quote(
        span=(quoted.start, quoted.end),
        text=content,
        sentence=sentence_index(article.doc, quoted.start),
        direct=True,
        partial=not full,
        speaker=_speaker(article, attribution),
        cue=_cue(article, attribution),
        medium=_medium(article, quoted, left, right),
    )
    if previous is not None and quote.medium is None and quote.speaker and previous[0].speaker:
        same = quote.speaker.entity and quote.speaker.entity == previous[0].speaker.entity
        cue_continues = attribution is not None and attribution.cue is not None and attribution.cue.lemma_ in CONTINUING_CUES
        if continued or (same and cue_continues):
            quote.medium = previous[0].medium
    return quote, attribution


def _continues_previous(left: list[Token], previous: Optional[_Previous]) -> bool:
    """'“A,” he said, “B.”': the words before this quote are the last quote's attribution."""
    if previous is None or previous[2] is None or previous[2].cue is None or not left:
        return False
    cue = previous[2].cue.i
    if not any(token.i == cue for token in left):
        return False
    return not any(token.i > cue and _is_cue(token) for token in left)  # "..., said Beck, who said “...”"


def _same_paragraph_run(article: _Article, earlier: Quoted, later: Quoted, same_only: bool = False) -> bool:
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


def _medium(article: _Article, quoted: Quoted, left: list[Token], right: list[Token]) -> Optional[str]:
    """The medium named in the sentence around the quote (outside the quoted words)."""
    pieces = []
    if left:
        pieces.append(article.text[left[0].idx:quoted.open_at])
    if right:
        pieces.append(article.text[right[0].idx:right[-1].idx + len(right[-1])])
    return medium_in(" ".join(pieces)) if pieces else None


# --- reported speech -----------------------------------------------------------------------


def _reported_speech(article: _Article, direct: list[Quote]) -> list[Quote]:
    """Quotes in reported speech: "X said (that) ...", "X urged ...", "according to X, ...", "..., X said."."""
    full_direct = [quote for quote in direct if not quote.partial]
    cue_spans = {quote.cue.span for quote in direct if quote.cue is not None and not quote.partial}
    found: list[Quote] = []
    for token in article.doc:
        if token.lower_ == "according":
            made = _according_quote(article, token)
        elif token.pos_ in VERB_POS and (token.lemma_.lower() in SPEECH_VERBS or token.lemma_.lower() in COGNITION_VERBS):
            made = _reported_quote(article, token)
        else:
            continue
        if made is None or (made.cue and made.cue.span in cue_spans):
            continue
        if article.in_quote(made.cue.span[0] if made.cue else made.span[0]) is not None:
            continue  # speech reported inside a quotation belongs to the quotation
        if _mostly_quoted(made, full_direct):
            continue
        found.append(made)
    return _outermost(found)


def _outermost(found: list[Quote]) -> list[Quote]:
    """Drop reported speech told inside other reported speech ("X said Y thinks ..."): X's is the statement."""
    spans = [quote.span for quote in found]
    return [
        quote for quote in found
        if not any(s[0] <= quote.cue.span[0] < s[1] and s != quote.span for s in spans)
    ]


def _mostly_quoted(quote: Quote, direct: list[Quote]) -> bool:
    """Is this reported content really a direct quote found already (the parse of '"...," he said')?"""
    length = quote.span[1] - quote.span[0]
    for other in direct:
        overlap = min(quote.span[1], other.span[1]) - max(quote.span[0], other.span[0])
        if overlap > 0.5 * length:
            return True
    return False


def _reported_quote(article: _Article, verb: Token) -> Optional[Quote]:
    """The reported content of one verb of saying or thinking, if it has a clause or object and a speaker."""
    lemma = verb.lemma_.lower()
    clauses = [child for child in verb.children if child.dep_ in CLAUSE_DEPS]
    if clauses:
        tokens = _clause_content(clauses[0])
    elif lemma in OBJECT_CUES and lemma in SPEECH_VERBS:
        tokens = _object_content(verb)
    else:
        return None
    words = _words(tokens)
    if len(words) < 2:
        return None
    speaker_head = _speaker_token(article, verb, [])
    if speaker_head is None or speaker_head.lower_ in {"it", "there"}:
        return None
    attribution = _Attribution(verb, speaker_head, _cue_tokens(verb))
    return _content_quote(article, words[0], words[-1], attribution, verb)


def _clause_content(clause: Token) -> list[Token]:
    """The reported clause, up to a participle that reports more ("..., adding that ...")."""
    tokens = list(clause.subtree)
    cuts = [t.left_edge.i for t in tokens if t.dep_ in {"advcl", "conj"} and t.tag_ == "VBG" and _is_cue(t)]
    if cuts:
        tokens = [t for t in tokens if t.i < min(cuts)]
    return tokens


def _object_content(verb: Token) -> list[Token]:
    """What a verb like "urge" or "call for" reports: its objects and their complements, to its right."""
    parts = [child for child in verb.rights if child.dep_ not in NOT_CONTENT_DEPS]
    tokens: list[Token] = []
    for child in parts:
        tokens.extend(child.subtree)
    return sorted(tokens, key=lambda t: t.i)


def _according_quote(article: _Article, according: Token) -> Optional[Quote]:
    """"According to X, Y." or "Y, according to X.": Y is what X said."""
    doc = article.doc
    if according.i + 1 >= len(doc) or doc[according.i + 1].lower_ != "to":
        return None
    phrase = list(according.subtree) if according.subtree else [according]
    first, last = min(t.i for t in phrase), max(t.i for t in phrase)
    sent_start, sent_end = article.sentence_bounds(according.idx)
    if doc[first].idx <= sent_start or (first > 0 and doc[first - 1].idx <= sent_start and doc[first - 1].is_punct):
        words = _words(article.tokens_between(doc[last].idx + 1, sent_end))
    else:
        words = _words(article.tokens_between(sent_start, doc[first].idx))
    if len(words) < 2:
        return None
    attribution = _according_to(doc, according)
    if attribution.speaker is None:
        return None
    return _content_quote(article, words[0], words[-1], attribution, according)


def _content_quote(article: _Article, first: Token, last: Token, attribution: _Attribution, cue: Token) -> Quote:
    start, end = first.idx, last.idx + len(last)
    inner = article.in_quote(last.idx)
    if inner is not None and inner.start > start and 0 <= inner.end - end <= 3:
        end = inner.after  # keep a partial quote's closing mark with its opening one
    left = article.tokens_between(article.sentence_bounds(min(start, cue.idx))[0], min(start, cue.idx))
    sent_end = article.sentence_bounds(max(end, cue.idx))[1]
    right = article.tokens_between(end, sent_end)
    around = article.text[left[0].idx if left else start:start] + " " + article.text[cue.idx:cue.idx + len(cue)]
    around += " " + "".join(t.text_with_ws for t in right)
    return Quote(
        span=(start, end),
        text=article.text[start:end],
        sentence=sentence_index(article.doc, start),
        direct=False,
        partial=False,
        speaker=_speaker(article, attribution),
        cue=_cue(article, attribution),
        medium=medium_in(around),
    )
