"""The `newsgraph_quantities` component: fills ``Doc._.ng_quantities``.

Rule-based over the text and the spaCy parse. Numbers are found with compiled regular
expressions over the whole text (digits, currency symbols, scales such as "bn", number
words); each is then read in its sentence: the unit written after it ("km", "per cent",
"-day"), or else the noun it counts (its ``nummod`` head, or "the number of fighters"
earlier in the sentence); the words before it that make it approximate ("some"), a bound
("up to", "more than") or a change ("rose", "down"); and what is counted, whose and where.
Years, dates, times, ordinals, phone numbers, list and section numbers and numbers that
are part of a name ("S&P 500", "Model 3") are left out.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Optional, Union

from spacy.language import Language
from spacy.tokens import Doc, Token

from newsgraph.extract._common import FactComponent, sentence_index, sentence_starts
from newsgraph.extract._numbers import (
    DIGIT_NUMBER_RE,
    WORD_NUMBER_RE,
    parse_digits,
    parse_words,
    scale_factor,
    tidy,
)
from newsgraph.extract.quantities.units import (
    CURRENCY_NAMES,
    CURRENCY_PREFIXES,
    lookup_unit,
    match_unit,
    singular,
)
from newsgraph.model import Quantity


@Language.factory("newsgraph_quantities", assigns=["doc._.ng_quantities"], requires=["doc.sents"])
def make_quantities(nlp: Language, name: str) -> "QuantityFinder":
    return QuantityFinder(nlp, name)


class QuantityFinder(FactComponent):
    """Sets ``Doc._.ng_quantities``: a list of :class:`newsgraph.model.Quantity`."""

    extension = "ng_quantities"

    def find(self, doc: Doc) -> list[Quantity]:
        return find_quantities(doc)


# ---------------------------------------------------------------- context words

_APPROX = (
    r"some|about|around|nearly|almost|roughly|approximately|approx\.|an estimated|estimated|circa|ca\.|"
    r"close to|more or less|just about|an approximate|approaching|in the region of|on the order of"
)
_UPPER = (
    r"up to|as many as|as much as|as high as|as long as|as far as|at most|no more than|not more than|"
    r"fewer than|less than|lower than|under|below|a maximum of|maximum of|not exceeding|no greater than|"
    r"no higher than|short of|shy of|within"
)
_LOWER = (
    r"more than|over|at least|above|upwards of|in excess of|no less than|not less than|no fewer than|"
    r"a minimum of|minimum of|over than|greater than|higher than|exceeding|north of|as few as|as little as|"
    r"as low as|beyond|plus"
)
_UP = (
    r"rise|rises|rose|risen|rising|increase|increases|increased|increasing|gain|gains|gained|gaining|"
    r"climb|climbs|climbed|climbing|jump|jumps|jumped|jumping|surge|surges|surged|surging|soar|soars|soared|"
    r"soaring|advance|advances|advanced|advancing|grow|grows|grew|grown|growing|added|rally|"
    r"rallies|rallied|rallying|up|higher|boost|boosts|boosted|boosting|lift|lifts|lifted|lifting|"
    r"spike|spikes|spiked|spiking|rebound|rebounds|rebounded|rebounding|hike|hikes|hiked|"
    r"hiking|expand|expands|expanded|expanding|widen|widens|widened|widening|firm|firms|firmed|firming|"
    r"accelerate|accelerated|accelerating|improve|improves|improved|improving|balloon|ballooned|"
    r"skyrocket|skyrocketed|leap|leaps|leaped|leapt|an increase of|a rise of|a gain of|a jump of|growth of"
)
_DOWN = (
    r"fall|falls|fell|fallen|falling|drop|drops|dropped|dropping|decline|declines|declined|declining|decrease|"
    r"decreases|decreased|decreasing|lose|loses|lost|losing|slide|slides|slid|sliding|slip|slips|slipped|"
    r"slipping|plunge|plunges|plunged|plunging|tumble|tumbles|tumbled|tumbling|sink|sinks|sank|sunk|sinking|"
    r"shed|sheds|shedding|dip|dips|dipped|dipping|cut|cuts|cutting|reduce|reduces|reduced|reducing|lower|"
    r"lowers|lowered|lowering|slump|slumps|slumped|slumping|down|ease|eases|eased|easing|retreat|retreats|"
    r"retreated|retreating|plummet|plummets|plummeted|plummeting|crash|crashed|crashing|shrink|shrinks|shrank|"
    r"shrunk|shrinking|contract|contracted|contracting|dive|dives|dived|dove|diving|slash|slashed|slashing|"
    r"narrow|narrowed|narrowing|sag|sagged|sagging|skid|skidded|weaken|weakened|a drop of|a fall of|"
    r"a decline of|a decrease of|a loss of|a cut of|a reduction of"
)
_SKIP = r"by|of|a further|another|an additional|just|only|some|sharply|slightly|marginally|a whopping|fully"
# "gave up 517 yards", "shut down 3 plants": particles of other verbs, not a rise or fall
PHRASAL_RE = re.compile(
    r"\b(?:gave|give|gives|giving|given|pick|picks|picked|sign|signs|signed|set|sets|make|makes|made|"
    r"turn|turns|turned|shut|shuts|step|steps|stepped|back|backed|put|puts|rack|racks|racked|chalk|"
    r"chalked|notch|notched|wind|winds|wound|break|broke|sat|sit|calm|cool|cooled|hold|held|tie|tied|pay|paid|"
    r"back|line|lined|round|rounded|open|opened|take|took|taken|bring|brought)\s+(?:up|down)\s+$",
    re.IGNORECASE,
)
UP_LEMMAS = frozenset("rise increase gain climb jump surge soar advance grow rally boost lift spike rebound "
                      "hike expand widen improve accelerate balloon skyrocket leap".split())
DOWN_LEMMAS = frozenset("fall drop decline decrease lose slide slip plunge tumble sink shed dip cut reduce lower "
                        "slump ease retreat plummet crash shrink contract dive slash narrow sag weaken".split())

_TAIL = r"(?:^|(?<=[\s(\[\"'“‘]))"
APPROX_END_RE = re.compile(rf"{_TAIL}(?:{_APPROX})\s+$|~\s?$", re.IGNORECASE)
UPPER_END_RE = re.compile(rf"{_TAIL}(?:{_UPPER})\s+$|{_TAIL}sub-$|(?<![\w<>])[<≤]\s?$", re.IGNORECASE)
LOWER_END_RE = re.compile(rf"{_TAIL}(?:{_LOWER})\s+$|(?<![\w<>])[>≥]\s?$", re.IGNORECASE)
SKIP_END_RE = re.compile(rf"{_TAIL}(?:{_SKIP})\s+$", re.IGNORECASE)
UP_END_RE = re.compile(rf"{_TAIL}(?:{_UP})\s+$", re.IGNORECASE)
DOWN_END_RE = re.compile(rf"{_TAIL}(?:{_DOWN})\s+$", re.IGNORECASE)
AFTER_RE = re.compile(
    r"\s*(?:(?P<approx>or so\b|-odd\b|odd\b|-ish\b)|(?P<lower>or more\b|or above\b|or higher\b|-plus\b|plus\b|\+)"
    r"|(?P<upper>or less\b|or fewer\b|or under\b|or below\b))",
    re.IGNORECASE,
)

# Words before a number that make it a label, not an amount: "No. 5", "Section 3", "page 12".
DIALLED_BEFORE_RE = re.compile(
    r"\b(?:call|calls|called|calling|dial|dials|dialled|dialed|dialling|dialing|ring|phone|phoned|text|texted|"
    r"hotline|helpline)\s+$",
    re.IGNORECASE,
)
LABEL_BEFORE_RE = re.compile(
    r"(?:\b(?:no|nos|nr|number|section|sections|article|articles|chapter|chapters|part|parts|item|items|page|pages|"
    r"pp|p\.|vol|volume|issue|grade|level|stage|phase|round|rule|resolution|flight|room|route|highway|interstate|"
    r"model|version|ver|season|episode|act|amendment|paragraph|clause|schedule|exhibit|appendix|figure|fig|"
    r"table|line|tier|class|category|step|week|day|game|row|gate|platform|terminal|district|ward|precinct|"
    r"lot|unit|apartment|apt|suite|box|code|zip|channel|track|bus|train|title|h\.r|rev|psalm|psalms|"
    r"matthew|mark|luke|john|genesis|exodus)\.?\s+|#\s?|№\s?)$",
    re.IGNORECASE,
)
PHONE_RE = re.compile(
    r"(?<![\w.])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)[\s.-]?|\d{2,4}[\s.-])\d{3,4}[\s.-]\d{3,4}(?![\w.])"
)
TIME_AFTER_RE = re.compile(r"\s?(?:[ap]\.?m\b\.?|[ap]\.m\.|:\d\d|h\d\d\b|GMT\b|ET\b|EST\b|EDT\b|BST\b|UTC\b)",
                           re.IGNORECASE)
RANGE_GAP_RE = re.compile(r"\s?(?:-|–|—|to|-to-|and)\s?$", re.IGNORECASE)
RATE_RE = re.compile(r"[ \u00a0]?(?:(?:per|an?)[ \u00a0]|/)(?=\w)", re.IGNORECASE)
RATE_STOP_RE = re.compile(r"\s+(?:ago|earlier|before|later|after|back)\b", re.IGNORECASE)
RATE_NOUNS = frozenset(
    "share barrel ounce gallon gram kilogram kilo pound tonne ton litre liter head person capita unit piece "
    "month year week day hour minute second night seat ticket vote acre hectare metre meter foot square "
    "sq mile kilometre kilometer km mmbtu btu dose pill pack item car vehicle household customer user".split()
)
NAME_ENTITIES = frozenset({"ORG", "PRODUCT", "FAC", "WORK_OF_ART", "LAW", "EVENT", "PERSON", "GPE", "LOC",
                           "NORP", "LANGUAGE"})
_RANGE_MODIFIERS = r"(?:(?:about|around|some|roughly|approximately|nearly|almost|up to|just|over|under)\s+)?"
BETWEEN_RE = re.compile(rf"\bbetween\s+{_RANGE_MODIFIERS}$", re.IGNORECASE)
FROM_RE = re.compile(rf"\bfrom\s+{_RANGE_MODIFIERS}$", re.IGNORECASE)
BY_RE = re.compile(r"\bby\s+(?:\S+\s+)?$", re.IGNORECASE)
VAGUE_WORDS = {"dozens": 12, "tens": 10, "hundreds": 100, "thousands": 1e3, "millions": 1e6, "billions": 1e9,
               "trillions": 1e12}
# "dozens of people", "tens of thousands of troops": a span of values, not one number
VAGUE_RE = re.compile(
    r"\b(?:(?:tens|hundreds)\s+of\s+)?(?:dozens|hundreds|thousands|millions|billions|trillions)(?=\s+of\b)",
    re.IGNORECASE,
)
HALF_RE = re.compile(r"\bhalf(?=\s+of\b)", re.IGNORECASE)
HALF_BEFORE_RE = re.compile(r"\b(?:the|a|first|second|other|latter|back|front|this|that|each|one)\s+$", re.IGNORECASE)
SINGLE_FRACTION_RE = re.compile(r"(?:a|an|one)[-\s](?:half|third|quarter|fourth|fifth|sixth|seventh|eighth|ninth|tenth)",
                                re.IGNORECASE)
FRACTION_AFTER_RE = re.compile(r"\s+of\b|\s*(?:[,.;:)]|$)")
SUBSTANCE_UNITS = frozenset({"barrel", "tonne", "ton", "gallon", "litre", "cubic foot", "cubic metre", "ounce",
                             "kilogram", "pound-mass", "acre", "hectare", "bushel", "megawatt hour",
                             "kilowatt hour", "gigawatt hour", "terawatt hour"})
SUBSTANCE_RE = re.compile(r"\s+of\s+([a-z][a-z-]+(?: [a-z][a-z-]+)?)\b")
FUNCTION_WORDS = frozenset("a an the and or in on at to for from by with per is was were are be that which this "
                           "these those last each every its their his her our your my it they we".split())
INVARIANT_PLURALS = frozenset("aircraft sheep fish deer series species people police cattle livestock staff "
                              "personnel crew offspring swine bison moose salmon trout".split())
AGE_BEFORE_RE = re.compile(r"\b(?:aged|age|ages|at the age of)\s+$", re.IGNORECASE)
COMPOUND_AFTER_RE = re.compile(r"-[A-Za-z]")
POSSESSIVE_RE = re.compile(r"[\'’′]s\b")
CONVERSION_GAP_RE = re.compile(r"\s*[(\[/]\s*|\s*\)?\s*/\s*")
MONTHS = frozenset(
    "january february march april may june july august september october november december jan feb mar apr jun "
    "jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday".split()
)
COUNT_WORDS = frozenset({"number", "total", "count", "tally", "toll", "estimate", "estimates", "figure", "sum"})
_NOUNS = ("NOUN", "PROPN")


@dataclass
class _Number:
    """A number found in the text, before its context is read."""

    start: int
    end: int  # end of the number with its currency and scale
    value: float
    currency: Optional[str] = None
    words: bool = False
    scaled: bool = False
    literal: str = ""  # the digits as written
    high: Optional[float] = None  # upper end of a range


# ---------------------------------------------------------------- finding numbers


def find_numbers(text: str) -> list[_Number]:
    """Every number written in ``text``, in digits or words, with currency and scale; ranges joined."""
    blocked = [m.span() for m in PHONE_RE.finditer(text)]
    numbers = [n for n in _digit_numbers(text) + _word_numbers(text) if not _inside(n.start, blocked)]
    numbers.sort(key=lambda n: n.start)
    return _join_ranges(text, _drop_overlaps(numbers))


def _inside(offset: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= offset < end for start, end in spans)


def _digit_numbers(text: str) -> list[_Number]:
    numbers = []
    for found in DIGIT_NUMBER_RE.finditer(text):
        value = parse_digits(found.group("num"))
        if value is None:
            continue
        sign = (found.group("sign") or "").strip()
        if sign and sign[0] in "-−m":
            value = -value
        scale = found.group("scale")
        currency = CURRENCY_PREFIXES.get((found.group("cur") or "").strip()) if found.group("cur") else None
        end = found.end()
        if scale and scale.strip() in ("m", "b", "T") and not currency:
            scale, end = None, found.end("num")  # "5m" is five metres; "5b", "5T" are not money here
        value = value * scale_factor(scale)
        numbers.append(_Number(found.start(), end, tidy(value), currency, scaled=bool(scale),
                               literal=found.group("num")))
    return numbers


def _word_numbers(text: str) -> list[_Number]:
    numbers = []
    for found in WORD_NUMBER_RE.finditer(text):
        value = parse_words(found.group(0))
        if (SINGLE_FRACTION_RE.fullmatch(found.group(0)) and not FRACTION_AFTER_RE.match(text, found.end())
                and match_unit(text, found.end()) is None):
            continue  # "a third company", "one quarter century": an ordinal, not a share
        if value is not None:
            numbers.append(_Number(found.start(), found.end(), tidy(value), words=True, literal=found.group(0)))
    for found in VAGUE_RE.finditer(text):
        low, high = vague_range(found.group(0))
        numbers.append(_Number(found.start(), found.end(), low, words=True, literal=found.group(0), high=high))
    for found in HALF_RE.finditer(text):
        if HALF_BEFORE_RE.search(text, max(0, found.start() - 12), found.start()):
            continue  # "the first half of 1987": a period, not a share
        numbers.append(_Number(found.start(), found.end(), 0.5, words=True, literal=found.group(0)))
    return numbers


def vague_range(text: str) -> tuple[float, float]:
    """The span of a vague plural: "dozens" is 12 to 120, "tens of thousands" 10,000 to 100,000."""
    words = text.lower().split()
    low = VAGUE_WORDS[words[-1]]
    if len(words) == 3:  # "tens of thousands", "hundreds of millions"
        low *= VAGUE_WORDS[words[0]]
    return tidy(low), tidy(low * 10)


def _drop_overlaps(numbers: list[_Number]) -> list[_Number]:
    kept: list[_Number] = []
    for number in numbers:
        if kept and number.start < kept[-1].end:
            if number.end - number.start > kept[-1].end - kept[-1].start:
                kept[-1] = number
            continue
        kept.append(number)
    return kept


def _join_ranges(text: str, numbers: list[_Number]) -> list[_Number]:
    """Join "15-22", "1 to 1.5", "$3 billion to $5 billion", "between 50 and 70" into one number with a high end,
    and "one out of three" into a fraction."""
    joined: list[_Number] = []
    index = 0
    while index < len(numbers):
        low = numbers[index]
        high = numbers[index + 1] if index + 1 < len(numbers) else None
        if high is not None and _is_score(text, low, high):
            index += 2
            continue
        kind = _pair_kind(text, low, high) if high is not None and low.high is None and high.high is None else None
        if kind == "fraction" and high is not None and high.value:
            low.value, low.end, low.words = tidy(low.value / high.value), high.end, False  # "one in five"
            joined.append(low)
            index += 2
            continue
        if kind == "range" and high is not None:
            low.high, low.end = high.value, high.end
            low.currency = low.currency or high.currency
            low.scaled = low.scaled or high.scaled
            joined.append(low)
            index += 2
            continue
        joined.append(low)
        index += 1
    return joined


def _pair_kind(text: str, low: _Number, high: _Number) -> Optional[str]:
    """Whether two neighbouring numbers form a "range", a "fraction" ("one in five") or nothing."""
    gap_start = low.end
    low_unit = match_unit(text, low.end)
    if low_unit is not None and low_unit[0] <= high.start:
        high_unit = match_unit(text, high.end)
        if high_unit is None or high_unit[1] != low_unit[1]:
            return None
        gap_start = low_unit[0]  # "1 per cent to 1.5 per cent": the unit written twice
    gap = text[gap_start:high.start]
    connector = gap.strip().lower()
    if len(gap) > 9:
        return None
    before = text[max(0, low.start - 30):low.start]
    if connector == "out of" or connector == "in" and low.words and 1 <= low.value < high.value <= 1000:
        return "fraction"
    if connector not in ("-", "–", "—", "to", "to-", "-to-", "- to", "-to", "and", "or"):
        return None
    if connector == "and":
        return "range" if BETWEEN_RE.search(before) else None
    if connector == "or":
        return "range" if low.value < high.value and low_unit is None and not low.scaled else None
    written_from = bool(FROM_RE.search(before))
    own_unit = low_unit is not None or low.currency is not None or low.scaled
    if connector in ("to", "to-", "-to-", "- to") and not written_from and own_unit and (
        BY_RE.search(before) or _change_before(before)
    ):
        return None  # "rose by $43.6 billion to $419.2 billion": a change and a new level
    if high.scaled and not low.scaled and not low.words and "," not in low.literal and low.value <= _unscaled(high):
        low.value = tidy(low.value * high.value / _unscaled(high))  # "$89 to $93 billion"
    if low.value <= high.value or written_from and connector != "-":
        return "range"
    return None


def _is_score(text: str, low: _Number, high: _Number) -> bool:
    """ "won 3-1", "tied at 89-89": a score, not a range or two amounts."""
    gap = text[low.end:high.start]
    return (gap in ("-", "–") and low.literal.isdigit() and high.literal.isdigit() and low.value >= high.value
            and low.currency is None and match_unit(text, high.end) is None)


def _unscaled(number: _Number) -> float:
    return parse_digits(number.literal) or 1.0


def _change_before(before: str) -> bool:
    return bool(UP_END_RE.search(before) or DOWN_END_RE.search(before))


# ---------------------------------------------------------------- reading one number in context


def find_quantities(doc: Doc) -> list[Quantity]:
    """All quantities in ``doc``: amounts and counts with their unit, bound, change and object."""
    text = doc.text
    quantities: list[Quantity] = []
    for number in find_numbers(text):
        quantity = _read_quantity(doc, text, number)
        if quantity is None:
            continue
        if quantities and CONVERSION_GAP_RE.fullmatch(text[quantities[-1].span[1]:quantity.span[0]]):
            _inherit(quantity, quantities[-1])  # "more than 7.5 million crowns (US $1.1 million)"
        quantities.append(quantity)
    return quantities


def _inherit(quantity: Quantity, previous: Quantity) -> None:
    """A conversion in brackets says the same amount: it shares its bound, approximation and change."""
    quantity.approximate = quantity.approximate or previous.approximate
    quantity.bound = quantity.bound or previous.bound
    quantity.change = quantity.change or previous.change
    quantity.object = quantity.object or previous.object


def _read_quantity(doc: Doc, text: str, number: _Number) -> Optional[Quantity]:
    if not math.isfinite(number.value) or number.high is not None and not math.isfinite(number.high):
        return None  # a run of hundreds of digits: no JSON number holds it
    if _is_label(text, number):
        return None
    unit, currency, end = _written_unit(text, number)
    if "/" in number.literal and " " not in number.literal and unit is None:
        return None  # "9/11", "24/7": a bare digit fraction is more often a date or a ratio
    if unit is None and _letter_follows(text, number.end):
        return None  # "5G", "1990s", "21st": not an amount
    if unit is None and COMPOUND_AFTER_RE.match(text, number.end):
        return None  # "one-time", "three-point range", "four-wheel drive": part of an adjective
    tokens = _number_tokens(doc, number)
    if tokens is None:
        return None
    first, last = tokens
    counted: Optional[tuple[str, Token]] = None
    if unit is None and currency is None:
        counted = _counted_noun(doc, last, number)
        if counted is not None:
            unit, end = counted[0], counted[1].idx + len(counted[1].text)
        elif _is_age(doc, first, last, number) or AGE_BEFORE_RE.search(text, max(0, number.start - 16), number.start):
            unit = "year of age"
    if not _is_amount(doc, text, number, first, last, unit, currency, counted):
        return None
    earlier = _noun_counted_earlier(doc, first) if unit is None and currency is None else None
    if earlier is not None:
        unit = earlier.text
    start, approximate, bound, change = _modifiers(text, doc, number, first)
    end, approximate, bound = _after(text, end, approximate, bound)
    if change is None:
        change = _change_by_parse(first, last)
    if change is None and number.value < 0 and unit in ("percent", "point", "percentage point", "basis point"):
        change = "down"
    value: Union[float, list[float]] = number.value if number.high is None else [number.value, number.high]
    return Quantity(
        span=(start, end),
        text=text[start:end],
        sentence=sentence_index(doc, start),
        value=value,
        unit=unit,
        approximate=approximate,
        bound=bound,
        change=change,
        currency=currency,
        object=_phrase(earlier) if earlier is not None else _object(doc, first, last, counted, end),
    )


def _is_age(doc: Doc, first: Token, last: Token, number: _Number) -> bool:
    """ "Senard, 65, now faces": a whole number in commas after a person's name is an age."""
    if number.words or not number.literal.isdigit() or not 1 <= number.value <= 120 or first.i < 2:
        return False
    after = doc[last.i + 1] if last.i + 1 < len(doc) else None
    name = doc[first.i - 2]
    is_name = name.ent_type_ == "PERSON" or name.pos_ == "PROPN" and name.is_title and name.ent_type_ == ""
    return doc[first.i - 1].text == "," and is_name and after is not None and after.text in (",", ")", ";")


def _is_label(text: str, number: _Number) -> bool:
    """A section, list, issue or telephone number, a time of day, or a number glued to a word ("TA-35")."""
    before = text[max(0, number.start - 24):number.start]
    if number.currency is None and LABEL_BEFORE_RE.search(before):
        return True
    if number.currency is None and DIALLED_BEFORE_RE.search(before):
        return True  # "call 911", "dial 999": a number to ring, not an amount
    if number.currency is None and re.search(r"[A-Za-z][-/]$", before) and not re.search(
        r"(?:^|\W)(?:sub|minus|a|an|the|of|some|about|nearly|over|under|up)-$", before, re.IGNORECASE
    ):
        return True  # "TA-35", "COVID-19", "F-35"
    if re.search(r"\d[-–/:.]$", before):
        return True  # the second half of "3-1", "10:30", "24/7"
    if re.match(r"/\d", text[number.end:number.end + 2]):
        return True  # "9/11", "24/7", "1/40": a date or a ratio, not an amount
    if TIME_AFTER_RE.match(text, number.end) and not number.currency:
        return True
    line_start = text.rfind("\n", 0, number.start) + 1
    if not text[line_start:number.start].strip() and re.match(r"[.)]\s", text[number.end:number.end + 2]):
        return True  # "1. The first point": a list number
    return False


def _letter_follows(text: str, offset: int) -> bool:
    """A letter glued to the number ("5G", "21st"), or a possessive ("iPhone 14's")."""
    return offset < len(text) and (text[offset].isalpha() or bool(POSSESSIVE_RE.match(text, offset)))


def _written_unit(text: str, number: _Number) -> tuple[Optional[str], Optional[str], int]:
    """The unit and currency written with the number ("$", "km", "-day", "per cent"), and where they end."""
    currency = number.currency
    unit = CURRENCY_NAMES.get(currency) if currency else None
    end = number.end
    found = match_unit(text, end)
    if found is not None and not number.words or found is not None and _word_unit_ok(text, number, found):
        found_end, name, code = found
        if currency is None or name in ("cent", "penny") or code == currency:
            unit, end = name, found_end
            if name == "pound-mass" and number.scaled:
                unit, code = CURRENCY_NAMES["GBP"], "GBP"
            currency = currency or code
    if unit is not None:
        end, unit = _rate(text, end, unit)
    if unit in SUBSTANCE_UNITS:
        end, unit = _substance(text, end, unit)
    return unit, currency, end


def _substance(text: str, end: int, unit: str) -> tuple[int, str]:
    """ "1 million barrels of oil", "cubic feet of natural gas": a measure of what."""
    found = SUBSTANCE_RE.match(text, end)
    if not found:
        return end, unit
    words = [w for w in found.group(1).split()]
    if len(words) == 2 and words[1] in FUNCTION_WORDS:
        words = words[:1]
    if words[0] in FUNCTION_WORDS:
        return end, unit
    return found.start(1) + len(" ".join(words)), f"{unit} of {' '.join(words)}"


def _word_unit_ok(text: str, number: _Number, found: tuple[int, str, Optional[str]]) -> bool:
    """After a number word, only a unit written as a word: "five m" is not five metres."""
    written = text[number.end:found[0]].strip(" -")
    return len(written) > 2 and written.replace(" ", "").isalpha() or written.endswith(("old", "olds"))


def _rate(text: str, end: int, unit: str) -> tuple[int, str]:
    """Extend a unit to a rate: "$5 a share", "$21.25 per square foot", "5% a year"."""
    found = RATE_RE.match(text, end)
    if not found:
        return end, unit
    pos, word = found.end(), found.group(0).strip().lower()
    per_unit = match_unit(text, pos)
    if per_unit is not None and per_unit[2] is None and not text[pos].isspace():
        after, name = per_unit[0], per_unit[1]
    else:
        noun = re.match(r"[A-Za-z]+", text[pos:])
        if noun is None:
            return end, unit
        name, after = singular(noun.group(0).lower()), pos + noun.end()
        if word not in ("per", "/") and name not in RATE_NOUNS:
            return end, unit
    if RATE_STOP_RE.match(text, after):
        return end, unit  # "5% a year ago": a time, not a rate
    return after, f"{unit} per {name}"


def _number_tokens(doc: Doc, number: _Number) -> Optional[tuple[Token, Token]]:
    span = doc.char_span(number.start, number.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    return span[0], span[-1]


def _is_amount(doc: Doc, text: str, number: _Number, first: Token, last: Token, unit: Optional[str],
               currency: Optional[str], counted: Optional[tuple[str, Token]]) -> bool:
    """False for years, dates, times and numbers inside names; True for amounts and counts."""
    if currency is not None:
        return True
    measured = unit is not None and counted is None
    if _looks_like_year(number) and not measured and (counted is None or number.value >= 1900):
        return False  # "in 2019", "2018 sales"
    entity = last.ent_type_ or first.ent_type_
    if entity == "DATE" and not measured and _is_date_part(doc, first, last, number):
        return False
    if entity in NAME_ENTITIES and not measured and counted is None:
        return False
    if not measured and _in_name(doc, first, last, counted is not None):
        return False
    if counted is not None and _label_of_singular(counted[1], number):
        return False
    if number.words and number.value == 1 and counted is None and not measured:
        return False  # "one of them", "no one": a pronoun, not a count
    return True


def _is_date_part(doc: Doc, first: Token, last: Token, number: _Number) -> bool:
    """A day of the month or a year inside a date entity ("April 6", "6/4/2019"), not an amount in it."""
    if number.words or number.high is not None and number.value > 31:
        return False
    entity = [t for t in doc[max(0, first.i - 3):last.i + 4] if t.ent_type_ == "DATE"]
    if any(t.lower_.rstrip(".") in MONTHS for t in entity):
        return True
    return number.literal.isdigit() and number.value <= 31 and any(t.text in ("/", "-") for t in entity)


def _in_name(doc: Doc, first: Token, last: Token, counts: bool) -> bool:
    """ "Boeing 737", "iPhone 11 Pro", "Big 12", "49 Zorro Ranch Road": a number that is part of a name.
    A number that counts a noun after it ("500 Apple engineers") is not."""
    previous = doc[first.i - 1] if first.i > 0 else None
    if (previous is not None and not previous.is_punct and previous.whitespace_
            and any(c.isalpha() for c in previous.text)
            and (previous.pos_ == "PROPN" or any(c.isupper() for c in previous.text[1:]))):
        return True
    if counts:
        return False
    following = doc[last.i + 1] if last.i + 1 < len(doc) else None
    return (following is not None and following.pos_ == "PROPN" and following.is_title
            and following.tag_ != "NNPS" and following.ent_type_ != "NORP")


def _label_of_singular(noun: Token, number: _Number) -> bool:
    """ "the final 717 jet", "iOS 4 operating system": a whole number above one before a singular noun
    names a model or a version; a count takes a plural ("717 jets")."""
    return (noun.tag_ in ("NN", "NNP") and not number.words and number.high is None and number.value > 1
            and number.literal.isdigit() and "," not in number.literal and noun.i == _last_index(noun, number)
            and noun.lower_ not in INVARIANT_PLURALS)


def _last_index(noun: Token, number: _Number) -> int:
    """Index the noun would have right after the number ("717 jet"); -1 when the number is not just before it."""
    previous = noun.doc[noun.i - 1] if noun.i > 0 else None
    return noun.i if previous is not None and previous.idx + len(previous.text) == number.end else -1


def _looks_like_year(number: _Number) -> bool:
    return (not number.words and not number.scaled and number.literal.isdigit() and len(number.literal) == 4
            and 1000 <= number.value <= 2200)


def _counted_noun(doc: Doc, last: Token, number: _Number) -> Optional[tuple[str, Token]]:
    """The noun the number counts: "5,200 troops", "five profile slots", "dozens of people", "one of the best"."""
    token = last
    while token.dep_ in ("compound", "quantmod", "nummod") and token.head.i > token.i and token.head.like_num:
        token = token.head
    if number.words and token.i + 2 < len(doc) and doc[token.i + 1].lower_ == "of":
        return _partitive_noun(doc, token)
    head = token.head if token.dep_ == "nummod" and token.head.i > token.i else None
    if head is None:
        following = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if following is not None and following.tag_ in ("NNS", "NNPS"):
            head = following
    if head is None or head.pos_ not in _NOUNS or head.i - token.i > 5:
        return None
    if head.pos_ == "PROPN" and head.tag_ != "NNPS" and head.ent_type_ != "NORP" and not _acronym_after(head, token):
        return None
    if head.i + 2 < len(doc) and doc[head.i + 1].text == "-" and doc[head.i + 2].lower_ == "old":
        return None
    known = lookup_unit(head.text)
    if known is not None and known[1] is None:
        return known[0], head  # "50 previous years": a unit, whatever the adjectives
    return _noun_phrase_text(doc, token.i + 1, head), head


def _acronym_after(head: Token, number: Token) -> bool:
    """ "0.5 WAR", "20 SUVs": a capitalised abbreviation right after the number names what it counts."""
    return head.i == number.i + 1 and head.text.isupper() and head.is_alpha and 2 <= len(head.text) <= 5


def _partitive_noun(doc: Doc, token: Token) -> Optional[tuple[str, Token]]:
    """ "dozens of people", "one of the proudest moments": the noun after "of"."""
    of = doc[token.i + 1]
    for noun in of.children:
        if noun.dep_ == "pobj" and noun.pos_ in _NOUNS and noun.i - of.i <= 6:
            start = of.i + 1
            while start < noun.i and (doc[start].pos_ in ("DET", "PRON", "ADV") or doc[start].dep_ == "poss"):
                start += 1
            return _noun_phrase_text(doc, start, noun), noun
    return None


def _noun_phrase_text(doc: Doc, start: int, head: Token) -> str:
    """The words from ``start`` to the head noun, when they all modify it ("heart transplants"); else the head."""
    words = doc[start:head.i + 1]
    if any(t.pos_ in ("DET", "ADP", "VERB", "AUX", "PRON", "CCONJ", "SCONJ", "NUM") or t.is_punct and t.text != "-"
           for t in words[:-1]):
        words = doc[head.i:head.i + 1]
    return " ".join(doc[words[0].i:head.i + 1].text.split()).strip(" -")


def _noun_counted_earlier(doc: Doc, first: Token) -> Optional[Token]:
    """The noun named earlier in the sentence as what is counted: "the number of fighters ... up to 150,000"."""
    start_char = _sentence_start(doc, first)
    for token in reversed(doc[:first.i]):
        if token.idx < start_char:
            break
        if token.lower_ in COUNT_WORDS and token.i + 2 < first.i and doc[token.i + 1].lower_ == "of":
            for candidate in doc[token.i + 2:first.i]:
                if candidate.pos_ in _NOUNS and candidate.head.i == token.i + 1:
                    return candidate
    return None


def _sentence_start(doc: Doc, token: Token) -> int:
    """Where the sentence of ``token`` starts (from the cached sentence offsets: ``Token.sent`` walks the Doc)."""
    return sentence_starts(doc)[sentence_index(doc, token.idx)]


def _modifiers(text: str, doc: Doc, number: _Number, first: Token) -> tuple[int, bool, Optional[str], Optional[str]]:
    """Read the words before the number right to left: "some", "up to", "more than", "rose by"."""
    sentence_start = _sentence_start(doc, first)
    start = number.start
    left = text[max(sentence_start, start - 60):start]
    approximate, bound, change = False, None, None
    cursor = len(left)
    span_start = start
    for _ in range(6):
        piece = left[:cursor]
        if not piece:
            break
        found = None
        for kind, regex in (("upper", UPPER_END_RE), ("lower", LOWER_END_RE), ("approx", APPROX_END_RE),  # noqa: B007 - read after the loop
                            ("up", UP_END_RE), ("down", DOWN_END_RE), ("skip", SKIP_END_RE)):
            found = regex.search(piece)
            if found:
                break
        if not found:
            break
        if kind in ("up", "down"):
            if not PHRASAL_RE.search(piece):
                change = change or kind
            break
        if kind == "approx":
            approximate = True
        elif kind in ("upper", "lower"):
            bound = bound or kind
        cursor = found.start()
        if kind != "skip" and change is None:
            span_start = max(sentence_start, start - len(left) + cursor)
    if number.literal and text[max(0, number.start - 1):number.start] == "+" or text[number.start:number.start + 1] == "+":
        change = change or "up"
    return span_start, approximate, bound, change


def _change_by_parse(first: Token, last: Token) -> Optional[str]:
    """A change told by the parse where the words between hide it: "grow sales by 35 per cent"."""
    token = last
    while token.dep_ in ("nummod", "quantmod", "compound") and token.head.i > token.i and token.head.i - last.i <= 3:
        token = token.head
    head = token.head
    if token.dep_ == "pobj" and head.lower_ == "by":
        verb = head.head
        if verb.lemma_ in UP_LEMMAS:
            return "up"
        if verb.lemma_ in DOWN_LEMMAS:
            return "down"
    return None


def _after(text: str, end: int, approximate: bool, bound: Optional[str]) -> tuple[int, bool, Optional[str]]:
    """Words after the amount: "or so", "-odd", "or more", "-plus"."""
    found = AFTER_RE.match(text, end)
    if not found:
        return end, approximate, bound
    if found.group("approx"):
        return found.end(), True, bound
    return found.end(), approximate, bound or ("lower" if found.group("lower") else "upper")


def _object(doc: Doc, first: Token, last: Token, counted: Optional[tuple[str, Token]], end: int) -> Optional[str]:
    """What is counted, whose and where: "troops of the United States in Iraq"."""
    if counted is not None:
        noun = counted[1]
        owner = _owner(noun)
        place = _place(noun)
        text = counted[0]
        if owner:
            text += f" of {owner}"
        if place:
            text += f" in {place}"
        return text
    return _measured(doc, first, last, end)


def _phrase(token: Token, after: int = -1) -> str:
    """The noun phrase of ``token`` without its determiner and trailing clauses (nor words before ``after``)."""
    left = token
    for child in token.lefts:
        if child.dep_ in ("compound", "amod", "poss", "nmod") and child.i < left.i and child.idx >= after:
            left = child
    return " ".join(token.doc[left.i:token.i + 1].text.split())


# Verbs whose subject owns, makes or earns what is counted in their object ("the United States has
# 5,000 troops in Iraq", "the firm employs 900 people", "Tesla delivered 63,150 cars", "Wood scored
# 22 goals"); with other verbs the subject is no owner of it ("police arrested three men", "the
# outbreak killed 14 people", "clinics treated 300 patients").
HAVING_LEMMAS = {"have", "own", "hold", "keep", "possess", "maintain", "employ", "deploy", "station", "field",
                 "operate", "control", "retain", "be",
                 "make", "produce", "build", "manufacture", "deliver", "ship", "sell", "export", "import",
                 "earn", "post", "report", "record", "generate", "score", "win", "net"}


def _owner(noun: Token) -> Optional[str]:
    for child in noun.children:
        if child.dep_ == "poss":
            return _phrase(child)
    verb = noun.head
    if noun.dep_ in ("dobj", "attr") and verb.pos_ in ("VERB", "AUX") and verb.lemma_ in HAVING_LEMMAS:
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.pos_ in _NOUNS:
                return _phrase(child)
    return None


def _place(noun: Token) -> Optional[str]:
    candidates = list(noun.children)
    for child in noun.children:
        if child.dep_ in ("acl", "relcl"):
            candidates += list(child.children)
    if noun.dep_ in ("dobj", "nsubj", "nsubjpass"):
        candidates += [c for c in noun.head.children if c.i > noun.i]
    for prep in candidates:
        if prep.dep_ == "prep" and prep.lower_ in ("in", "at", "across", "inside", "near"):
            for obj in prep.children:
                if obj.dep_ == "pobj" and obj.ent_type_ in ("GPE", "LOC", "FAC", "ORG"):
                    return _phrase(obj)
    return None


def _measured(doc: Doc, first: Token, last: Token, end: int) -> Optional[str]:
    """The thing an amount measures: "a fine of $3 billion" -> "fine"; "Nvidia advanced 8%" -> "Nvidia";
    "a £1,000 payment" -> "payment"; "a two-day visit" -> "visit"."""
    token = last
    while token.head.i != token.i and first.i <= token.head.i and token.head.idx < end:
        token = token.head  # up to the top of the quantity's own words ("$", "3", "billion")
    head = token.head
    if token.dep_ in ("compound", "nmod", "amod", "nummod") and head.i > token.i and head.pos_ in _NOUNS:
        return _phrase(head, after=end)
    for _ in range(5):
        if token.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ in _NOUNS:
            return _phrase(head.head)
        if head.pos_ in ("VERB", "AUX"):
            subject = _subject(head)
            if subject is not None:
                return subject
        if head.head.i == head.i:
            break
        token, head = head, head.head
    return None


def _subject(verb: Token) -> Optional[str]:
    """The named subject of a verb, or of the verb it depends on ("expected to grow"); pronouns are skipped."""
    for _ in range(3):
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.pos_ in _NOUNS:
                return _phrase(child)
        if verb.dep_ == "relcl" and verb.head.pos_ in _NOUNS:
            return _phrase(verb.head)
        if verb.dep_ not in ("xcomp", "conj", "advcl", "ccomp") or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None
