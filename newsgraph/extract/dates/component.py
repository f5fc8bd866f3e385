"""The `newsgraph_dates` component: fills ``Doc._.ng_dates`` with TIMEX3-normalized time expressions.

Recognition is regular expressions over the text (:mod:`newsgraph.extract.dates.patterns`),
checked against the parse where a word is ambiguous ("May" the month or the modal, "current"
the adjective). Values come from :mod:`newsgraph.extract.dates.values`, anchored on the
publication date (``Doc._.ng_published``) or on a date mentioned earlier in the text; the
tense of the governing verb decides whether a year-less "March" or "on Saturday" lies before
or after publication.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsgraph.extract._common import FactComponent, published_date, sentence_index
from newsgraph.extract.dates.patterns import REF_POS_CHECKED, Candidate, find_candidates
from newsgraph.extract.dates.timex import MONTHS, WEEKDAYS, parse_value
from newsgraph.extract.dates.values import Context, normalize
from newsgraph.model import TimeRef


@Language.factory("newsgraph_dates", assigns=["doc._.ng_dates"], requires=["doc.sents", "token.tag", "token.dep"])
def make_dates(nlp: Language, name: str) -> "DateFinder":
    return DateFinder(nlp, name)


class DateFinder(FactComponent):
    """Sets ``Doc._.ng_dates``: a list of :class:`newsgraph.model.TimeRef`."""

    extension = "ng_dates"

    def find(self, doc: Doc) -> list[TimeRef]:
        return find_dates(doc)


_FUTURE_AUX = {"will", "'ll", "shall", "wo", "’ll"}
# Verbs whose present tense announces something to come: "is expected to meet Monday".
_FUTURE_VERBS = {"expect", "schedule", "plan", "set", "slate", "due", "intend", "hope", "aim", "prepare", "want",
                 "seek", "propose", "promise", "vow", "threaten", "tentative", "likely", "go"}  # fmt: skip
_NON_DATE_ENTS = {"CARDINAL", "MONEY", "QUANTITY", "PERCENT"}
_RATE_WORDS = {"million", "billion", "trillion", "percent", "%", "dollars", "cents", "pence", "yen", "times", "once",
               "twice"}  # fmt: skip


def find_dates(doc: Doc) -> list[TimeRef]:
    """All temporal expressions in ``doc``, with TIMEX3 type and value, in text order."""
    context = Context(published=_published(doc))
    text = doc.text  # a property that joins every token: read it once
    accepted = _accepted_candidates(doc, text)
    found: list[TimeRef] = []
    for index, (cand, span) in enumerate(accepted):
        following = accepted[index + 1][0] if index + 1 < len(accepted) else None
        if following is not None and _is_range(text, cand, following):
            cand = _year_from_range_end(cand, following)
        sentence = sentence_index(doc, cand.start)
        context.tense = clause_tense(span.root)
        context.sentence = sentence
        value = normalize(cand, context)
        if cand.groups.get("range_year") and value.value:
            value.anchor = "text"
        context.range_start = None
        if following is not None and _is_range(text, cand, following):
            context.range_start = parse_value(value.value)
        if value.type == "DATE" and not value.comparison:
            context.remember(value.value, sentence)
        words = text[cand.start : cand.end]
        found.append(TimeRef((cand.start, cand.end), words, sentence, value.type, value.value, value.anchor))
    return found


def _accepted_candidates(doc: Doc, text: str) -> list[tuple[Candidate, Span]]:
    """The pattern matches the parse lets stand, each with its token span."""
    accepted = []
    for cand in find_candidates(text):
        span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
        if span is None or not len(span) or not _plausible(cand, span):
            continue
        if cand.kind == "period":
            cand = _extend_period(cand, span)
        accepted.append((_as_rate(cand, span), span))
    return accepted


_RANGE_KINDS = {"date", "month"}
_RANGE_GAP = re.compile(r"\s*(?:-|–|—|to|through|thru|until|till|and)\s*", re.I)


def _is_range(text: str, first: Candidate, second: Candidate) -> bool:
    """"March to May", "Dec. 28-Jan. 3", "between June and August": two ends of one period."""
    return (
        first.kind in _RANGE_KINDS
        and second.kind in _RANGE_KINDS
        and _RANGE_GAP.fullmatch(text[first.end : second.start]) is not None
    )


def _year_from_range_end(first: Candidate, second: Candidate) -> Candidate:
    """"From March to May 2018": the opening end takes the closing end's year."""
    closing_year = second.groups.get("year")
    if first.groups.get("year") or first.groups.get("year2") or first.groups.get("rel") or not closing_year:
        return first
    year = int(closing_year)
    if MONTHS[(first.groups["month"] or "").lower().rstrip(".")] > MONTHS[(second.groups["month"] or "").lower().rstrip(".")]:
        year -= 1
    groups = dict(first.groups, year=str(year), range_year="1")
    return Candidate(first.start, first.end, first.kind, groups)


def _published(doc: Doc) -> Optional[date]:
    value = published_date(doc)
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _plausible(cand: Candidate, span: Span) -> bool:
    """Drop matches the parse shows are not times: "May I", "Theresa May", "2,000 troops"."""
    first = span[0]
    groups = cand.groups
    if cand.kind == "month" and not (groups.get("year") or groups.get("year2") or groups.get("rel")):
        month_token = span[-1]
        if month_token.ent_type_ in ("PERSON", "ORG") or month_token.tag_ == "MD" or month_token.pos_ in ("VERB", "AUX"):
            return False
        if month_token.ent_type_ != "DATE" and _in_name(month_token):
            return False
    if cand.kind == "year" and not groups.get("fiscal") and not groups.get("part"):
        year_token = span[-1]
        if year_token.ent_type_ in _NON_DATE_ENTS:
            return False
        if year_token.dep_ == "nummod" and year_token.head.tag_ == "NNS":
            return False
    if cand.kind == "season" and not (groups.get("rel") or groups.get("year")):
        season_token = span[-1]
        following = span.doc[season_token.i + 1] if season_token.i + 1 < len(span.doc) else None
        if season_token.pos_ != "NOUN" or (following is not None and following.lower_ == "of"):
            return False  # "prices fall", "the fall of the Berlin Wall"
    if cand.kind == "ref":
        word = (groups.get("ref") or "").lower()
        if word in REF_POS_CHECKED and first.pos_ != REF_POS_CHECKED[word]:
            return False
    if cand.kind == "duration" and (groups.get("num") or "").lower() in ("a", "an") and (groups.get("unit") or "").lower() == "second":
        return False
    return True


def _in_name(token: Token) -> bool:
    """Whether ``token`` is part of a multi-word proper name ("Theresa May", "April Ryan")."""
    doc = token.doc
    for other in (doc[token.i - 1] if token.i else None, doc[token.i + 1] if token.i + 1 < len(doc) else None):
        if other is None or other.pos_ != "PROPN" or other.lower_.rstrip(".") in MONTHS or other.lower_ in WEEKDAYS:
            continue
        if (other.dep_ == "compound" and other.head.i == token.i) or (token.dep_ == "compound" and token.head.i == other.i):
            return True
    return False


def _extend_period(cand: Candidate, span: Span) -> Candidate:
    """Stretch "the early years" over its "of ..." complement: the period is named by that event."""
    doc = span.doc
    if span.end >= len(doc):
        return cand
    prep = doc[span.end]
    if prep.lower_ not in ("of", "after", "before", "since"):
        return cand
    end = prep.idx + len(prep)
    for token in doc[prep.i + 1 : prep.right_edge.i + 1]:
        if token.is_punct or token.dep_ in ("relcl", "advcl", "cc") or token.tag_ in ("WDT", "WP"):
            break
        end = token.idx + len(token)
    return Candidate(cand.start, end, cand.kind, cand.groups)


def _as_rate(cand: Candidate, span: Span) -> Candidate:
    """"$5 million a year" is a frequency (SET), not a one-year duration."""
    if cand.kind != "duration" or (cand.groups.get("num") or "").lower() not in ("a", "an", "per"):
        return cand
    if span.start == 0:
        return cand
    before = span.doc[span.start - 1]
    if before.like_num or before.ent_type_ in _NON_DATE_ENTS or before.lower_ in _RATE_WORDS:
        return Candidate(cand.start, cand.end, "set", {"every": "a", "unit": cand.groups.get("unit")})
    return cand


def clause_tense(token: Token) -> Optional[str]:
    """"past", "future" or "present" from the verb governing ``token``; None when there is none."""
    verb = token
    for _ in range(8):
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    return verb_tense(verb)


def verb_tense(verb: Token, depth: int = 0) -> Optional[str]:
    """The tense of a verb from its tag and auxiliaries: "will"/"going to"/modals are future."""
    auxes = [child for child in verb.children if child.dep_ in ("aux", "auxpass")]
    words = {aux.lower_ for aux in auxes} | ({verb.lower_} if verb.tag_ == "MD" else set())
    if words & _FUTURE_AUX:
        return "future"
    if verb.dep_ == "xcomp" and verb.head.lemma_ == "go" and verb.head.tag_ == "VBG":
        return "future"
    if any(aux.tag_ == "MD" for aux in auxes):
        return "past" if any(aux.lemma_ == "have" for aux in auxes) else "future"
    if verb.tag_ == "VBD" or any(aux.tag_ == "VBD" for aux in auxes):
        return "past"
    if verb.tag_ == "VBN" and (any(aux.lemma_ == "have" for aux in auxes) or not auxes):
        return "past"
    if verb.tag_ in ("VB", "VBG") and verb.head.i != verb.i and depth < 3:
        head = verb.head
        if head.lemma_ in _FUTURE_VERBS:  # "plans to meet Monday", "planned to leave on Thursday"
            return "future"
        if verb.tag_ == "VB" and any(aux.lower_ == "to" for aux in auxes):
            head_tense = verb_tense(head, depth + 1) if head.pos_ in ("VERB", "AUX") else None
            return "future" if head_tense in ("present", "future") else None
    if verb.lemma_ in _FUTURE_VERBS and (verb.tag_ in ("VBZ", "VBP") or any(aux.tag_ in ("VBZ", "VBP") for aux in auxes)):
        return "future"
    if any(child.lower_ in ("due", "scheduled", "set", "expected") for child in verb.children if child.dep_ == "acomp"):
        return "future"
    if verb.tag_ in ("VBZ", "VBP") or any(aux.tag_ in ("VBZ", "VBP") for aux in auxes):
        return "present"
    return None
