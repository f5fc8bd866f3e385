"""Reported speech: "X said (that) ...", "X urged ...", "according to X, ...", "..., X said.".

Contents are read as token ranges (a clause's left and right edges), never by walking its
subtree again for every verb, so a sentence of a thousand clauses costs a thousand steps.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import Optional

from spacy.tokens import Token

from newsgraph.extract._common import sentence_index
from newsgraph.extract.quotes.article import Article, RangeMax, children, right_children
from newsgraph.extract.quotes.attribution import (
    FINITE_TAGS,
    PARTICLE_CUES,
    VERB_POS,
    Attribution,
    according_to,
    cue_tokens,
    has_subject,
    is_according,
    is_cue,
    misjoined,
    speaker_token,
)
from newsgraph.extract.quotes.cues import (
    ANONYMITY_REQUEST,
    ATTITUDE_ADJECTIVES,
    ATTITUDE_VERBS,
    COGNITION_VERBS,
    INTENT_VERBS,
    NOT_LABELS,
    OBJECT_CUES,
    SPEECH_NOUNS,
    SPEECH_VERBS,
    STANCE_VERBS,
    VIEW_NOUNS,
    medium_in,
    outlet_in,
)
from newsgraph.extract.quotes.direct import join_parts
from newsgraph.extract.quotes.speakers import make_cue, make_speaker
from newsgraph.model import Quote

__all__ = ["reported_speech"]

CLAUSE_DEPS = frozenset({"ccomp"})
# Dependents of a cue verb that are not part of what was said.
NOT_CONTENT_DEPS = frozenset(
    {"nsubj", "nsubjpass", "aux", "auxpass", "neg", "punct", "cc", "conj", "advmod", "npadvmod",
     "advcl", "mark", "prt", "expl", "dep", "agent", "parataxis", "intj", "relcl"}
)
# The words around a cue where its medium is named ("said in a statement", "told CNN in an interview").
MEDIUM_REACH = 30
# A reported clause is cut at the first participle that reports more ("..., adding that ..."); a
# clause holds few of them, and the first few are all that are looked at.
MAX_CUTS_LOOKED_AT = 4




def reported_speech(article: Article, direct: list[Quote]) -> list[Quote]:
    """Quotes in reported speech, except those inside a quotation or repeating a direct quote."""
    full_direct = sorted((quote for quote in direct if not quote.partial), key=lambda q: q.span[0])
    quoted = _QuotedSpans(full_direct)
    # a cue already reporting a direct quote (whole, or in parts: 'Both parties “saw ...,” said Cha. “In that sense ...”')
    cue_spans = {quote.cue.span for quote in direct if quote.cue is not None and (not quote.partial or len(quote.parts) > 1)}
    cuts = _further_cues(article)
    found: list[Quote] = []
    for token in article.doc:
        if is_according(token):
            made = _according_quote(article, token)
        elif token.pos_ in VERB_POS and token.lemma_.lower() in REPORTING_LEMMAS:
            made = _reported_quote(article, token, cuts) or _parenthetical_quote(article, token, cuts)
        elif token.pos_ == "ADJ" and token.dep_ == "acomp" and token.lower_ in ATTITUDE_ADJECTIVES:
            made = _adjective_quote(article, token, cuts)
        elif token.pos_ == "NOUN" and token.lower_ in VIEW_NOUNS and token.head.lower_ == "in":
            made = _view_quote(article, token)
        elif token.pos_ == "NOUN" and (token.lemma_.lower() in SPEECH_NOUNS or token.lemma_.lower() in TOPIC_NOUNS):
            made = _noun_quote(article, token, cuts)
        else:
            continue
        if made is None or (made.cue and made.cue.span in cue_spans):
            continue
        if made.cue and not _one_paragraph(article, made.cue.span[0], made.span):
            continue  # a parse run over a line break (a headline into the dateline) reports nothing
        if article.in_quote(made.cue.span[0] if made.cue else made.span[0]) is not None:
            continue  # speech reported inside a quotation belongs to the quotation
        if quoted.mostly_covers(made.span):
            continue
        found.append(made)
    found.extend(labelled for labelled in _labelled_speech(article) if not quoted.mostly_covers(labelled.span))
    return _outermost(found)


class _QuotedSpans:
    """The direct quotes (disjoint, in order), asked whether one covers most of a span."""

    def __init__(self, quotes: list[Quote]) -> None:
        self.starts = [q.span[0] for q in quotes]
        self.ends = [q.span[1] for q in quotes]
        self.lengths = RangeMax([end - start for start, end in zip(self.starts, self.ends)])

    def mostly_covers(self, span: tuple[int, int]) -> bool:
        """Does one direct quote overlap more than half of ``span`` (the parse of '"...," he said')?"""
        start, end = span
        half = 0.5 * (end - start)
        first = bisect_right(self.ends, start)  # the first quote that ends after the span starts
        last = bisect_left(self.starts, end) - 1  # the last quote that starts before the span ends
        if first > last:
            return False
        for index in {first, last}:  # the two at the edges may stick out of the span
            if min(end, self.ends[index]) - max(start, self.starts[index]) > half:
                return True
        inner = self.lengths.max(first + 1, last - 1)  # the ones in between lie wholly inside it
        return inner is not None and inner > half


def _outermost(found: list[Quote]) -> list[Quote]:
    """Drop reported speech told inside other reported speech ("X said Y thinks ..."): X's is the statement.

    A quote goes when its cue lies inside the content of another quote (of another span). The
    contents are swept in order of their start, keeping the two farthest-reaching distinct spans.
    """
    spans = sorted({quote.span for quote in found})
    starts = [start for start, _ in spans]
    best: list[tuple[tuple[int, int], int]] = []  # per prefix: (farthest span, second farthest end)
    farthest, farthest_end, second_end = (-1, -1), -1, -1
    for span in spans:
        if span[1] > farthest_end:
            second_end = max(second_end, farthest_end)
            farthest, farthest_end = span, span[1]
        elif span != farthest:
            second_end = max(second_end, span[1])
        best.append((farthest, second_end))
    kept = []
    for quote in found:
        cue = quote.cue.span[0] if quote.cue else quote.span[0]
        index = bisect_right(starts, cue) - 1
        if index < 0:
            kept.append(quote)
            continue
        top, second = best[index]
        reach = second if top == quote.span else top[1]
        if reach <= cue:
            kept.append(quote)
    return kept


def _one_paragraph(article: Article, cue: int, span: tuple[int, int]) -> bool:
    """Do the cue and the whole content lie in one paragraph?"""
    start, end = article.paragraph_of(cue)
    return start <= span[0] and span[1] <= end


def _further_cues(article: Article) -> list[int]:
    """Indexes of the verbs of saying that report more, where a reported clause is cut.

    A verb of saying joined to a clause by coordination or as an adverbial starts an attribution
    of its own, not more of what the clause reports: "..., adding that ...", "... and warned
    against ...", "..., but he said that ...", "..., though she noted ...".
    """
    return [t.i for t in article.doc if _reports_more(t)]


def _reports_more(token: Token) -> bool:
    """Is ``token`` a verb of saying joined on ("and warned", "adding", "though she noted"), not subordinate to the clause?

    A clause of time, cause or condition ("when he said", "because they said", "if she says")
    is part of what is reported; a participle, a coordinated verb or a clause of contrast is not.
    """
    if token.dep_ not in {"advcl", "conj"} or token.tag_ not in CUT_TAGS or not is_cue(token):
        return False
    if token.tag_ == "VBG":
        return True
    if token.dep_ == "conj":
        return has_subject(token) or misjoined(token)
    return any(child.dep_ == "mark" and child.lower_ in CONTRAST_MARKS for child in children(token))




# The participle ("adding") and the finite verbs ("warned", "notes") that a reported clause is cut at.
CUT_TAGS = frozenset({"VBG", "VBD", "VBZ", "VBP"})
CONTRAST_MARKS = frozenset({"though", "although", "while", "whereas"})
# Words left dangling at the end of a cut clause: "... the attacks, but", "... the deal and".
DANGLING = frozenset({"and", "but", "or", "though", "although", "while", "as", "even", "yet", "so"})


def _reported_quote(article: Article, verb: Token, cuts: list[int]) -> Optional[Quote]:
    """The reported content of one verb of saying or thinking, if it has a clause or object and a speaker."""
    lemma = verb.lemma_.lower()
    says = lemma in SPEECH_VERBS or lemma in COGNITION_VERBS or (lemma in PARTICLE_VERBS and is_cue(verb))
    takes_object = lemma in STANCE_VERBS or (lemma in OBJECT_CUES and lemma in SPEECH_VERBS)
    clauses = [child for child in children(verb) if child.dep_ in CLAUSE_DEPS] if says or lemma in ATTITUDE_VERBS else []
    objects = takes_object and any(c.dep_ in {"dobj", "dative"} for c in children(verb))
    if not clauses and not objects and (says or lemma in INTENT_VERBS):
        # 'said legalizing it could put ...', 'wants to leave', 'plans to release': a complement the parser calls xcomp
        clauses = [child for child in children(verb) if child.dep_ == "xcomp" and child.i > verb.i]
    if not clauses and not objects and says:
        # 'said after the convention he would not ...': a clause with its own subject and no subordinator is
        # what was said, though the parser takes it for an adverbial
        clauses = [child for child in children(verb) if child.dep_ == "advcl" and child.i > verb.i and _plain_clause(child)
                   and not any(t.text in {":", ";"} for t in verb.doc[verb.i + 1:child.left_edge.i])]  # 'lecturing: ...' is a quotation
    # a parse run over a line break hangs clauses of other paragraphs on the verb: what it reports is in its own
    clauses = _in_paragraph_of(article, verb, clauses)
    if clauses:
        # a long clause the parser split in two ('says his campaign is doing ... it is ...') is one content
        ranges = [_clause_range(article, clause, cuts) for clause in clauses if clause.i > verb.i] or [
            _clause_range(article, clauses[0], cuts)
        ]
        last = _with_bare_conjuncts(verb, max(r[1] for r in ranges))
        first = min(r[0] for r in ranges)
        if clauses[0].dep_ == "advcl":  # 'said after the meeting he would ...': what was said starts at its subject
            first = max(first, next(c for c in children(clauses[0]) if c.dep_ in {"nsubj", "nsubjpass"}).left_edge.i)
        if last < verb.i:  # "A, but B, the source added": a tail attribution reports its sentence up to it
            first = min(first, article.first_token_from(article.sentence_bounds(verb.idx)[0]))
        first, last = _clip_to_paragraph(article, verb, first, last)
    elif objects or (lemma in OBJECT_CUES and lemma in SPEECH_VERBS):
        first, last = _object_range(verb)
    elif (topic := _topic(verb, lemma)) is not None:
        first, last = topic.left_edge.i, topic.right_edge.i  # 'warned against new taxes', 'spoke of a crisis'
    else:
        return None
    last = _before_trailing_aside(article, first, last)
    if article.word_count(first, last) < 2 or _asks_anonymity(article, first, last):
        return None
    speaker_head = speaker_token(article, verb, [])
    if speaker_head is None or speaker_head.lower_ in {"it", "there"}:
        return None
    bounds = article.word_bounds(first, last)
    if bounds is None:
        return None
    attribution = Attribution(verb, speaker_head, cue_tokens(verb))
    return _content_quote(article, bounds[0], bounds[1], attribution, verb)


def _asks_anonymity(article: Article, first: int, last: int) -> bool:
    """Is the content only a source's wish not to be named ("asking not to be named")? Then nothing was said."""
    bounds = article.word_bounds(first, last)
    if bounds is None:
        return False
    text = article.text[bounds[0].idx:bounds[1].idx + len(bounds[1])]
    return ANONYMITY_REQUEST.fullmatch(text) is not None


# Relative pronouns that open a writer's aside after a comma: "..., which forced her to leave".
ASIDE_PRONOUNS = frozenset({"who", "which", "whose"})


def _before_trailing_aside(article: Article, first: int, last: int) -> int:
    """The end of a content less a relative clause set off by a comma that closes it.

    "He said he expects her to recover from pneumonia, which forced her to leave early": the
    clause after the comma describes the pneumonia for the reader; it is not what was said.
    Inside quotation marks the words are the speaker's and stay.
    """
    doc = article.doc
    for token in doc[first:last + 1]:
        if token.dep_ != "relcl" or token.right_edge.i < last:
            continue
        opener = token.left_edge
        if opener.lower_ in ASIDE_PRONOUNS and opener.i - 1 > first and doc[opener.i - 1].text == "," \
                and article.in_quote(opener.idx) is None:
            return opener.i - 2
    return last


def _with_bare_conjuncts(verb: Token, last: int) -> int:
    """The end of a complement, with the bare verbs the parser joined to the finite verb of saying.

    "She wants to triple the program, grow the corps and create a reserve": a bare "grow" cannot
    be coordinated with "wants"; it goes on with the infinitive, and so does what it governs.
    """
    if verb.tag_ not in FINITE_TAGS:
        return last
    for child in right_children(verb):
        if child.dep_ == "conj" and child.tag_ == "VB" and child.i > last and not has_subject(child) and not _has_auxiliary(child):
            last = child.right_edge.i
            # up to a clause of its own joined on after it ("... and he pledged ...")
            joined = [t for t in right_children(child) if t.dep_ == "conj" and (t.tag_ in FINITE_TAGS or has_subject(t))]
            if joined:
                last = joined[0].left_edge.i - 1
                while last > child.i and (verb.doc[last].is_punct or verb.doc[last].lower_ in DANGLING):
                    last -= 1
                return last
    return last


def _plain_clause(clause: Token) -> bool:
    """A clause with a subject before its verb and no subordinator: "he would not sign", not "when he ...", "should he ..."."""
    kids = children(clause)
    subject = next((child for child in kids if child.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None or any(child.dep_ == "mark" or child.tag_ in {"WRB", "WDT", "WP"} for child in kids):
        return False
    return not any(child.dep_ in {"aux", "auxpass"} and child.i < subject.i for child in kids)


def _has_auxiliary(verb: Token) -> bool:
    """"did not recommend", "would create": a verb with an auxiliary of its own is a finite verb phrase."""
    return any(child.dep_ in {"aux", "auxpass"} for child in children(verb))


def _in_paragraph_of(article: Article, verb: Token, clauses: list[Token]) -> list[Token]:
    """The clauses whose head lies in the paragraph of ``verb``."""
    start, end = article.paragraph_of(verb.idx)
    return [clause for clause in clauses if start <= clause.idx < end]


def _clip_to_paragraph(article: Article, verb: Token, first: int, last: int) -> tuple[int, int]:
    """Token range ``first..last`` cut to the paragraph of ``verb``."""
    start, end = article.paragraph_of(verb.idx)
    return max(first, article.first_token_from(start)), min(last, article.first_token_from(end) - 1)


# What one speaks about, warns against or calls for: the object of the preposition is what is said.
TOPIC_PREPOSITIONS = frozenset({"about", "of", "against", "for"})
# "on" is a topic only after these ("commented on", not "said on Monday").
ON_TOPIC_VERBS = frozenset({"comment", "remark", "elaborate", "reflect", "seize", "focus", "weigh", "insist"})
# Verbs of talking that report a topic but no clause.
TALK_VERBS = frozenset({"speak", "talk", "complain", "boast", "brag", "joke", "testify", "argue", "warn", "caution", "plead"})

# Verbs that report speech with their particle only: "pointed out that ...", "went on to say".
PARTICLE_VERBS = frozenset(PARTICLE_CUES)
REPORTING_LEMMAS = SPEECH_VERBS | COGNITION_VERBS | ATTITUDE_VERBS | INTENT_VERBS | STANCE_VERBS | TALK_VERBS | PARTICLE_VERBS


def _topic(verb: Token, lemma: str) -> Optional[Token]:
    """The object of 'spoke of', 'warned against', 'complained about', 'called for', 'commented on', if any."""
    if lemma not in SPEECH_VERBS and lemma not in TALK_VERBS:
        return None
    for child in right_children(verb):
        preposition = child.lower_
        if child.dep_ != "prep" or not (preposition in TOPIC_PREPOSITIONS or (preposition == "on" and lemma in ON_TOPIC_VERBS)):
            continue
        objects = [t for t in children(child) if t.dep_ in {"pobj", "pcomp"}]
        if objects and objects[0].ent_type_ not in {"DATE", "TIME", "GPE", "LOC", "FAC"}:
            return objects[0]
    return None


# Verbs that carry a noun of saying for its subject: "X made the case that", "X issued a warning that".
LIGHT_VERBS = frozenset(
    {"make", "issue", "give", "deliver", "repeat", "reiterate", "offer", "level", "raise", "voice", "express", "stand", "renew", "press"}
)


def _noun_quote(article: Article, noun: Token, cuts: list[int]) -> Optional[Quote]:
    """"his claim that ...", "X made the case that ...": a noun of saying with a "that" clause."""
    clause = next(
        (child for child in children(noun) if child.dep_ in {"acl", "ccomp"} and child.left_edge.lower_ == "that"), None
    )
    topic = _noun_topic(noun) if clause is None else None
    if clause is None and topic is None:
        return None
    speaker = _noun_speaker(noun)
    if speaker is None:
        return None
    if clause is not None:
        first, last = _clip_to_paragraph(article, noun, *_clause_range(article, clause, cuts))
    elif topic is not None:
        first, last = topic.left_edge.i, topic.right_edge.i
    else:
        return None
    bounds = article.word_bounds(first, last)
    if bounds is None or article.word_count(first, last) < 3:
        return None
    return _content_quote(article, bounds[0], bounds[1], Attribution(noun, speaker, [noun]), noun)


# Nouns of saying or stance whose topic follows a preposition: "his criticism of the plan", "raised questions about".
TOPIC_NOUNS = frozenset(
    """
    question criticism concern complaint allegation accusation demand call warning doubt support opposition
    praise disdain contempt outrage skepticism scepticism comment remark attack
    """.split()
)
NOUN_TOPIC_PREPOSITIONS = frozenset({"about", "of", "for", "over", "against", "on"})


def _noun_topic(noun: Token) -> Optional[Token]:
    """The object of "his criticism of ...", "questions about ...", "a demand for ...", if any."""
    if noun.lemma_.lower() not in TOPIC_NOUNS:
        return None
    for child in right_children(noun):
        if child.dep_ == "prep" and child.lower_ in NOUN_TOPIC_PREPOSITIONS:
            objects = [t for t in children(child) if t.dep_ in {"pobj", "pcomp"}]
            if objects and objects[0].ent_type_ not in {"DATE", "TIME"}:
                return objects[0]
    return None


def _noun_speaker(noun: Token) -> Optional[Token]:
    """Whose claim: the possessor ("his claim"), else the subject of the verb that carries it ("X made the case")."""
    owner = next((child for child in children(noun) if child.dep_ == "poss"), None)
    if owner is not None:
        return owner
    verb = noun.head
    if noun.dep_ in {"dobj", "pobj"} and verb.dep_ == "prep":
        verb = verb.head  # "X stood by his claim that ..."
    if noun.dep_ in {"dobj", "pobj"} and verb.lemma_.lower() in LIGHT_VERBS:
        return next((child for child in children(verb) if child.dep_ == "nsubj"), None)
    return None


# A speaker's label opening a paragraph, as transcripts and headlines have it: "PENCE: Well, ...".
_LABEL = re.compile(r"([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}):[ \t]+(?=\w)")


def _labelled_speech(article: Article) -> list[Quote]:
    """"WALLACE: Let's start ..." or "Pat Caddell: Voters Are Worried": what a labelled paragraph says.

    The label is a speaker when it is written in capitals (a transcript) or is the mention of a
    person or an organization; the rest of the paragraph is what was said.
    """
    found = []
    for start, end in article.paragraphs:
        match = _LABEL.match(article.text, start, end)
        if match is None or article.in_quote(start) is not None:
            continue
        label = match.group(1)
        if label.split()[0].lower().strip(".'’s") in NOT_LABELS or len(label) < 2:
            continue
        entity = article.entity_at(match.start(1), match.end(1))
        named = entity is not None and entity.type in {"PERSON", "ORG"} and any(
            m.span[0] <= match.start(1) and match.end(1) <= m.span[1] for m in entity.mentions
        )
        if not (label.isupper() or named):
            continue
        head = article.doc[article.token_at(match.end(1) - 1)]
        first, last = article.first_token_from(match.end()), article.first_token_from(end) - 1
        bounds = article.word_bounds(first, last)
        if bounds is None or article.word_count(first, last) < 3:
            continue
        found.append(_content_quote(article, bounds[0], bounds[1], Attribution(None, head, []), head))
    return found


def _adjective_quote(article: Article, adjective: Token, cuts: list[int]) -> Optional[Quote]:
    """"Many Democrats are afraid that ...": a feeling or a certainty held of a clause; the subject holds it."""
    clause = next((child for child in children(adjective) if child.dep_ == "ccomp"), None)
    verb = adjective.head
    if clause is None or verb is adjective:
        return None
    subject = next((child for child in children(verb) if child.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None or subject.lower_ in {"it", "there", "this", "that"} or article.in_quote(subject.idx) is not None:
        return None
    first, last = _clip_to_paragraph(article, adjective, *_clause_range(article, clause, cuts))
    bounds = article.word_bounds(first, last)
    if bounds is None or article.word_count(first, last) < 3:
        return None
    return _content_quote(article, bounds[0], bounds[1], Attribution(adjective, subject, [adjective]), adjective)


def _parenthetical_quote(article: Article, verb: Token, cuts: list[int]) -> Optional[Quote]:
    """"The museum, he said, celebrated ...": a verb of saying set inside the clause it reports.

    The parser hangs such a verb (with no clause of its own) on the reported clause as
    ``parataxis``, or as an adverbial clause opened by "as" ("As experts have pointed out, the
    returns ..."); the content is that clause without the attribution, in two parts when the
    attribution stands in its middle. Set in a clause that opens the sentence ("Though the
    change was smooth, he said, the next one ..."), it reports the whole sentence.
    """
    if not (verb.dep_ == "parataxis" or _opened_by_as(verb)) or not is_cue(verb):
        return None
    kids = children(verb)
    if any(child.dep_ in {"ccomp", "xcomp", "dobj"} or (child.dep_ == "prep" and child.lower_ in TOPIC_PREPOSITIONS) for child in kids):
        return None  # the verb reports something of its own ("as he went on about the system")
    subject = next((child for child in kids if child.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None or subject.lower_ in {"it", "there", "this", "that"} or article.in_quote(subject.idx) is not None:
        return None
    host = verb.head
    if host.dep_ == "advcl" and host.head.i != host.i and host.i < host.head.i:
        host = host.head  # "Though the change was smooth, he said, the next one will not be"
    if host.i == verb.i or host.pos_ not in VERB_POS:
        return None
    first, last = _clause_range(article, host, cuts)
    pieces = [(first, verb.left_edge.i - 1), (verb.right_edge.i + 1, last)]
    bounds = [found for found in (article.word_bounds(*piece) for piece in pieces) if found is not None]
    if not bounds or sum(article.word_count(*piece) for piece in pieces) < 3:
        return None
    attribution = Attribution(verb, speaker_token(article, verb, []), cue_tokens(verb))
    if attribution.speaker is None:
        return None
    return _content_quote(article, bounds[0][0], bounds[-1][1], attribution, verb, [(a, b) for a, b in bounds])


def _opened_by_as(verb: Token) -> bool:
    """"as experts have pointed out": an adverbial clause of saying opened by "as"."""
    return verb.dep_ == "advcl" and any(child.dep_ == "mark" and child.lower_ == "as" for child in children(verb))


def _view_quote(article: Article, noun: Token) -> Optional[Quote]:
    """"In X's view, ..." or "..., in the words of X": the rest of the sentence is what X holds."""
    speaker = next((child for child in children(noun) if child.dep_ == "poss"), None)
    if speaker is None:
        of = next((child for child in children(noun) if child.dep_ == "prep" and child.lower_ == "of"), None)
        speaker = next((t for t in children(of) if t.dep_ == "pobj"), None) if of is not None else None
    if speaker is None or speaker.pos_ not in {"PROPN", "NOUN", "PRON"}:
        return None
    phrase = noun.head  # "in"
    first, last = phrase.left_edge.i, phrase.right_edge.i
    sent_start, sent_end = article.sentence_bounds(phrase.idx)
    if article.first_token_from(sent_start) == first or (first > 0 and article.doc[first - 1].is_punct and article.doc[first - 1].idx <= sent_start):
        span = (last + 1, article.first_token_from(sent_end) - 1)
    else:
        span = (article.first_token_from(sent_start), first - 1)
    bounds = article.word_bounds(*span)
    if bounds is None or article.word_count(*span) < 3:
        return None
    return _content_quote(article, bounds[0], bounds[1], Attribution(phrase, speaker, [phrase, noun]), phrase)


def _clause_range(article: Article, clause: Token, cuts: list[int]) -> tuple[int, int]:
    """Token indexes of the reported clause, up to a verb that reports more ("..., adding that ...")."""
    first, last = clause.left_edge.i, clause.right_edge.i
    index = bisect_left(cuts, first)
    cut_at = None
    for cut in cuts[index:index + MAX_CUTS_LOOKED_AT]:
        if cut > last:
            break
        if cut > clause.i:
            cut_at = min(cut_at or last + 1, article.doc[cut].left_edge.i)
    if cut_at is not None:
        last = cut_at - 1
        while last > first and (article.doc[last].is_punct or article.doc[last].lower_ in DANGLING):
            last -= 1
    return first, last


def _object_range(verb: Token) -> tuple[int, int]:
    """What a verb like "urge" or "call for" reports: its objects and their complements, to its right."""
    parts = [child for child in right_children(verb) if child.dep_ not in NOT_CONTENT_DEPS]
    if not parts:
        return 0, -1
    return min(child.left_edge.i for child in parts), max(child.right_edge.i for child in parts)


def _according_quote(article: Article, according: Token) -> Optional[Quote]:
    """"According to X, Y." or "Y, according to X.": Y is what X said."""
    doc = article.doc
    first, last = according.left_edge.i, according.right_edge.i
    sent_start, sent_end = article.sentence_bounds(according.idx)
    if doc[first].idx <= sent_start or (first > 0 and doc[first - 1].idx <= sent_start and doc[first - 1].is_punct):
        span = (last + 1, article.first_token_from(sent_end) - 1)
    else:
        span = (article.first_token_from(sent_start), first - 1)
    if article.word_count(*span) < 2:
        return None
    attribution = according_to(doc, according)
    if attribution.speaker is None:
        return None
    bounds = article.word_bounds(*span)
    if bounds is None:
        return None
    return _content_quote(article, bounds[0], bounds[1], attribution, according)


def _content_quote(
    article: Article,
    first: Token,
    last: Token,
    attribution: Attribution,
    cue: Token,
    pieces: Optional[list[tuple[Token, Token]]] = None,
) -> Quote:
    start, end = first.idx, last.idx + len(last)
    inner = article.in_quote(last.idx)
    if inner is not None and inner.start > start and 0 <= inner.end - end <= 3:
        end = inner.after  # keep a partial quote's closing mark with its opening one
    parts = [(start, end)]
    if pieces and len(pieces) > 1:
        parts = [(a.idx, b.idx + len(b)) for a, b in pieces[:-1]] + [(pieces[-1][0].idx, end)]
    around = _around(article, start, end, cue)
    return Quote(
        span=(start, end),
        text=join_parts(article.text, parts),
        sentence=sentence_index(article.doc, start),
        direct=False,
        partial=False,
        speaker=make_speaker(article, attribution),
        cue=make_cue(article, attribution),
        medium=medium_in(around),
        parts=parts,
        outlet=outlet_in(around),
    )


def _around(article: Article, start: int, end: int, cue: Token) -> str:
    """The words near the cue, outside the reported content: where a medium and an outlet are named."""
    sent_start = article.sentence_bounds(min(start, cue.idx))[0]
    left = article.tokens_between(sent_start, min(start, cue.idx), last=MEDIUM_REACH)
    right = article.tokens_from(end, article.sentence_bounds(max(end, cue.idx))[1], MEDIUM_REACH)
    around = article.text[left[0].idx if left else start:start] + " " + article.text[cue.idx:cue.idx + len(cue)]
    around += " " + "".join(t.text_with_ws for t in right)
    return around
