"""Regular expressions that find temporal expressions in text, before any value is computed.

Each pattern is a ``(kind, regex)``; :func:`find_candidates` runs them all over the text and
keeps the longest non-overlapping matches. The kind tells :mod:`newsgraph.extract.dates.values`
how to compute the value; named groups carry the parts it needs (``month``, ``dom``, ``year``,
``rel``, ``num``, ``unit``...). Spans follow TimeML: a leading determiner and modifiers such as
"early" or "last" belong to the expression, a preposition ("on", "in") does not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional


def _cased(*words: str) -> str:
    """Alternatives matching each word in Title or UPPER case only ("May" the month, not "may")."""
    forms = []
    for word in words:
        forms += [word.title(), word.upper()]
    return "(?-i:" + "|".join(sorted(set(forms), key=len, reverse=True)) + ")"


_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                "november", "december")  # fmt: skip
_MONTH_ABBR = ("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sept", "sep", "oct", "nov", "dec")
MONTH = rf"(?P<month>{_cased(*_MONTH_NAMES)}|{_cased(*_MONTH_ABBR)}\.)"
MONTH_D = rf"(?P<month>{_cased(*_MONTH_NAMES)}|{_cased(*_MONTH_ABBR)}\.?)"  # bare "Sept" is fine before a day
_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAY = rf"(?P<weekday>{_cased(*_WEEKDAY_NAMES)}|{_cased('mon', 'tue', 'tues', 'wed', 'thu', 'thurs', 'fri')}\.)"
DOM = r"(?P<dom>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d:])"
YEAR = r"(?P<year>(?:1[6-9]|20)\d\d)(?![\d%])"
YEAR2 = r"(?P<year2>['’]\d\d)(?![\d%])"
_NUM_WORD = (r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen"
             r"|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand"
             r"|dozen)")  # fmt: skip
NUMBER = (rf"(?:\d+(?:\.\d+)?(?:\s+\d/\d)?|{_NUM_WORD}(?:[\s-]+(?:and\s+)?{_NUM_WORD})*(?:\s+and\s+a\s+half)?"
          r"|an?(?:\s+half)?|half\s+an?|a\s+couple\s+of|a\s+couple|couple\s+of)")  # fmt: skip
VAGUE_NUM = r"(?:a\s+few|few|several|many|some|a\s+number\s+of|numerous|the\s+next\s+few)"
UNIT = r"(?P<unit>second|minute|hour|day|week|month|quarter|year|decade|centur(?:y|ies)|millenni(?:um|a))"
# Bounds and hedges TimeML keeps inside the expression ("nearly two months", "at least 20 years").
HEDGE = (r"(?:(?:nearly|almost|about|around|roughly|approximately|some|over|under|more\s+than|less\s+than|fewer\s+than"
         r"|at\s+least|at\s+most|up\s+to|no\s+more\s+than|no\s+less\s+than|just|only|barely|exactly|another"
         r"|the\s+first|the\s+last|the\s+past|the\s+next|the\s+final|the\s+previous|the\s+coming|the\s+latest"
         r"|the\s+following|the\s+remaining|the\s+same|the\s+entire|the\s+full|the|first|last|past|next|final"
         r"|previous|coming|latest|following|remaining|additional|consecutive|straight)\s+)*")  # fmt: skip
AGO_HEDGE = (r"(?:(?:nearly|almost|about|around|roughly|approximately|some|over|under|more\s+than|less\s+than|at\s+least"
             r"|just|only|barely|exactly|fully|well\s+over|little\s+more\s+than|a\s+little\s+over)\s+)*")  # fmt: skip
# "early", "late", "mid-", "the end of": a part of a unit, same value in TIMEX3 (the mod attribute says which part).
PART = (r"(?P<part>(?:(?:the\s+)?(?:very\s+)?(?:early|late|mid|middle|end|beginning|start|close|turn|first\s+half"
        r"|second\s+half|latter\s+part|early\s+part|first\s+part|rest|remainder|balance)(?:\s+of|-|\s+)\s*)"
        r"|(?:earlier|later)(?:\s+in)?\s+)?")  # fmt: skip
REL = r"(?P<rel>this|last|next|past|previous|coming|current|following|same|prior|latest|present|recent)"
PART_OF_DAY = r"(?P<pod>morning|afternoon|evening|night|overnight)"
SEASON = r"(?P<season>spring|summer|fall|autumn|winter)"
ORDINAL_Q = r"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|final|last|latest|current|fiscal\s+first)"
CLOCK = (r"(?P<hour>[01]?\d|2[0-3])(?:[:.](?P<minute>[0-5]\d))?\s*(?P<ampm>[ap]\.?\s?m\.?(?![a-z])|o'clock)"
         r"|(?P<hour24>[01]\d|2[0-3]):(?P<minute24>[0-5]\d)(?!\d)|(?P<named>noon|midnight|midday)")  # fmt: skip
ZONE = r"(?:\s+(?-i:[ECMP][SD]T|GMT|UTC|BST|CET)|\s+local\s+time|\s+(?:\w+\s+)?time)?"
_DAY_WORD = r"(?P<deictic>today|yesterday|tomorrow|tonight)"



def _after_words(*words: str) -> str:
    """A look-behind for "one of ``words`` and a space" (each alternative fixed-width, as ``re`` needs)."""
    return "(?:" + "|".join(rf"(?<=\b{word}\s)" for word in words) + ")"


PATTERNS: list[tuple[str, str]] = [
    # Saturday, April 6, 2019 / April 6 / 6 April 2019 / the 6th of April
    ("date", rf"(?:{WEEKDAY},?\s+(?:the\s+)?)?{PART}(?:{REL}\s+)?{MONTH_D}\s+{DOM}(?:(?:\s?,\s*|\s+)(?:{YEAR}|{YEAR2}))?"),
    ("date", rf"(?:{WEEKDAY},?\s+)?(?:the\s+)?{DOM}(?:\s+of)?\s+{MONTH_D}(?:,?\s+{YEAR})?"),
    ("numeric", r"(?P<y>(?:1[6-9]|20)\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>[0-2]\d|3[01])(?!\d)"),
    ("numeric", r"(?<![\d/])(?P<m>1[0-2]|0?[1-9])/(?P<d>3[01]|[12]\d|0?[1-9])/(?P<y>(?:19|20)\d\d|\d\d)(?![\d/])"),
    # March 2019, March of 2019, early March, last March, March
    ("month", rf"{PART}(?:{REL}\s+)?{MONTH}(?:(?:,?\s+(?:of\s+)?)(?:{YEAR}|{YEAR2}))?"),
    ("month", rf"{PART}(?:{REL}\s+)?(?P<month>{_cased(*_MONTH_NAMES)})(?:(?:,?\s+(?:of\s+)?)(?:{YEAR}|{YEAR2}))?"),
    ("month", rf"{PART}{MONTH}\s+(?:of\s+)?(?P<yrel>this|last|next|the\s+following|the\s+previous)\s+year"),
    ("month", rf"{PART}(?P<month>{_cased(*_MONTH_NAMES)})\s+(?:of\s+)?(?P<yrel>this|last|next|the\s+following|the\s+previous)\s+year"),
    # the week of March 6
    ("weekof", rf"(?:the\s+)?week\s+of\s+{MONTH_D}\s+{DOM}(?:,?\s+{YEAR})?"),
    # 1990s, the '80s, the early 1980s, the nineties
    ("decade", rf"(?:the\s+)?{PART}(?P<decade>(?:1[6-9]|20)\d0|['’]\d0)['’]?s\b"),
    ("decade", rf"(?:the\s+)?{PART}(?P<decword>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b"),
    ("century", rf"(?:the\s+)?{PART}(?P<cent>\d{{1,2}})(?:st|nd|rd|th)[\s-]+century"),
    ("century", rf"(?:the\s+)?{PART}(?P<centword>(?:(?:seven|eigh|nine)teenth|twentieth|twenty-first))[\s-]+century"),
    # fiscal 1989, mid-1990, the year 2000, 1990
    ("year", rf"{PART}(?:(?P<fiscal>fiscal(?:\s+year)?)\s+|the\s+(?:calendar\s+)?year\s+)?{YEAR}"),
    ("year", rf"(?P<fiscal>fiscal(?:\s+year)?)\s+{YEAR2}"),
    ("year", r"(?P<fiscal>(?-i:FY))\s?(?:(?P<year>(?:19|20)\d\d)|(?P<fy2>\d\d))(?!\d)"),
    ("year", r"(?:the\s+year\s+)?(?P<spoken>(?:nineteen|eighteen|twenty)[\s-]+(?:(?:ten|eleven|twelve|thirteen|fourteen|fifteen|"
             r"sixteen|seventeen|eighteen|nineteen)|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
             r"(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine))?|o[\s-]+(?:one|two|three|four|five|six|seven|eight|nine))"
             r"|two\s+thousand(?:\s+and)?(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
             r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty))?)"),
    # the third quarter (of 1989), third-quarter, fiscal 1990's first quarter, Q3
    ("quarter", rf"(?:the\s+)?(?:(?:fiscal\s+)?{YEAR.replace('<year>', '<fy>')}(?:['’]s)?\s+)?{ORDINAL_Q}[\s-]+(?:fiscal\s+)?(?:quarter|qtr\.?)"
                rf"(?:\s+(?:of\s+)?(?:fiscal\s+)?(?:{YEAR}|{YEAR2}))?"),
    ("quarter", rf"(?P<qcode>(?-i:Q[1-4]))(?:\s+{YEAR})?"),
    ("quarter", r"(?:the\s+)?(?P<same>year[\s-]ago|year[\s-]earlier|comparable|prior[\s-]year|year-before)"
                r"(?:\s+(?:comparable|fiscal))?(?:\s+(?P<ord>first|second|third|fourth))?\s+(?:quarter|period)"),
    ("quarter", r"(?:the\s+)?(?P<latest>latest|current|recent|most\s+recent|just-ended|just\s+ended)\s+"
                r"(?:fiscal\s+)?(?:quarter|period)"),
    ("quarter", r"(?P<bare>the\s+(?:fiscal\s+)?quarter)(?!\s+of\b|-)"),
    ("half", rf"(?:the\s+)?(?P<ord>first|second|latter|last)[\s-]+half(?:\s+of\s+(?:{YEAR}|the\s+year|this\s+year))?"),
    # this summer, last fall, the summer of 1990, summer 2019
    ("season", rf"{PART}(?:(?P<thispast>this\s+past)\s+|{REL}\s+|the\s+)?{SEASON}(?:\s+(?:of\s+)?{YEAR})?"),
    # Thanksgiving, Christmas Eve
    ("holiday", r"(?P<holiday>(?-i:Christmas(?:\s+Day|\s+Eve)?|New\s+Year's(?:\s+Day|\s+Eve)|Thanksgiving(?:\s+Day)?"
                r"|Halloween|Valentine's\s+Day|Labor\s+Day|Memorial\s+Day|Election\s+Day))(?:\s+{YEAR})?".replace("{YEAR}", YEAR)),
    # 10 p.m. Wednesday, noon Saturday, 5 p.m. EST Nov. 9, 10:35 a.m.
    ("time", rf"(?:{PART})?(?:{CLOCK}){ZONE}(?:,?\s+(?:on\s+)?(?:{WEEKDAY}|{_DAY_WORD}|{MONTH_D}\s+{DOM}))?"),
    ("time", rf"(?:{WEEKDAY}|{_DAY_WORD})(?:,?\s+at)?\s+(?:{CLOCK}){ZONE}"),
    # last Friday, Friday night, early Tuesday
    ("weekday", rf"{PART}(?:the\s+)?(?:{REL}\s+)?{WEEKDAY}(?:\s+{PART_OF_DAY})?"),
    # today, late yesterday, tomorrow morning, the day before yesterday
    ("deictic", rf"(?:the\s+day\s+(?P<dayoff>before|after)\s+)?{PART}{_DAY_WORD}(?:\s+{PART_OF_DAY})?"),
    ("deictic", rf"{PART}(?P<this>this|last|the\s+same|that|the\s+next|the\s+following|the\s+previous|the)\s+{PART_OF_DAY}"
                r"(?!\s+(?:of|the|a|an|when|that|before|after|he|she|they|we|i)\b)"),
    # two weeks ago, a year earlier, 10 days later, a week or so ago
    ("ago", rf"{AGO_HEDGE}(?P<num>{NUMBER}|{VAGUE_NUM})\s+{UNIT}s?(?:\s+or\s+(?:so|two|more))?\s+"
            r"(?P<dir>ago|earlier|from\s+now|hence|back|previously)"),
    # three days later, a year after: TimeML marks the length; the value says how long, not when
    ("duration", rf"{AGO_HEDGE}(?P<num>{NUMBER}|{VAGUE_NUM})\s+{UNIT}s?(?=\s+(?:later|after|before|afterwards?)\b)"),
    # the day before, the next day, the previous week, the following year
    ("relday", r"(?P<the>the|that)\s+(?P<rel>day|week|month|year)\s+(?P<dir>before|after|earlier|later)(?!\s+\w+ing\b)"),
    ("relday", r"(?P<the>the|that)\s+(?P<rel>same|previous|following|next|prior|preceding)\s+(?P<unit>day|week|month|year|quarter)"),
    ("relday", r"(?P<the>that|the\s+same)\s+(?P<unit>day|week|month|year)"),
    # last week, earlier this month, the past year, next year, late last year
    ("relunit", rf"{PART}(?:the\s+)?{REL}\s+(?P<fiscal>fiscal\s+)?(?P<unit>week|weekend|month|year|quarter|decade|century)"),
    ("theunit", rf"{PART}(?:the|that)\s+(?:(?P<mod>fiscal|full|entire|whole|calendar)\s+)?(?P<unit>year|week|month|quarter)"
                r"(?!\s+(?:of|before|after|earlier|ago|later|and|or|to|that|in\s+which)\b|['’-])"),
    ("relunit", r"(?:the\s+)?(?P<ye>year['’]s\s+end|year[\s-]end|year[\s-]ago|year[\s-]earlier|year-to-date|month-end)"),
    ("relunit", r"(?:the\s+|this\s+|over\s+the\s+)?(?P<weekend>weekend)"),
    # two-day, 10-year, 16-hour, several-year
    ("duration_adj", rf"(?P<num>\d+(?:\.\d+)?|{_NUM_WORD}(?:-{_NUM_WORD})?|several|multi|half)-{UNIT}(?!s)\b(?:-long)?"),
    ("duration_adj", r"(?P<unit>year|month|week|day|decade|hour)s?-long"),
    # the past two months, three days, a year, at least 20 more years, 2 1/2 years
    ("duration", rf"{HEDGE}(?P<num>{NUMBER})(?:\s+(?:more|full|long|additional|consecutive|straight|whole))?\s+{UNIT}s?"
                 rf"(?:\s+and\s+a\s+half)?(?:\s+(?:to|or)\s+(?:{NUMBER})\s+{UNIT.replace('?P<unit>', '?:')}s?)?"
                 r"(?!\s+old\b)"),  # "52 years old" is an age
    ("duration", rf"{HEDGE}(?P<vague>{VAGUE_NUM}|recent|coming|past\s+few|last\s+few|next\s+few|the\s+next\s+few)"
                 rf"(?:\s+more)?\s+{UNIT}s"),
    ("duration", _after_words("for", "over", "within", "in", "after", "took", "take", "takes", "lasted", "last")
                 + r"(?:the\s+)?(?P<bare>years|months|weeks|days|decades|hours|centuries)"
                 r"(?!\s+(?:of|ago|earlier|later|before|after))"),
    ("duration", rf"(?:the\s+)?(?P<firstn>first|last|past|latest|final)\s+(?P<num>{NUMBER})\s+{UNIT}s"),
    # daily, every week, each Thursday, twice a year
    ("set", r"(?P<adv>daily|weekly|monthly|annually|yearly|hourly|nightly|biweekly|semiannually)"),
    ("set", rf"(?P<every>every|each)\s+(?:(?P<other>other|single)\s+)?(?:{UNIT}|{WEEKDAY}|(?P<month>{_cased(*_MONTH_NAMES)})|{SEASON})"),
    ("set", rf"(?P<every>every|each)\s+(?P<num>{NUMBER})\s+{UNIT}s"),
    ("set", rf"(?P<times>once|twice|three\s+times|four\s+times|(?:\d+|{_NUM_WORD})\s+times)\s+(?:a|an|per|each|every)\s+{UNIT}"),
    # recently, now, the past, the future, currently
    ("ref", r"(?P<ref>right\s+now|now|currently|nowadays|at\s+present|presently|at\s+the\s+moment|these\s+days|"
            r"recently|lately|the\s+past|the\s+(?:near\s+|distant\s+|foreseeable\s+)?future|the\s+time\s+being|"
            r"at\s+this\s+time|the\s+(?:near|short|long)\s+term|current)\b"),
    # years ago, many years ago, decades ago
    ("ref", rf"(?P<agoref>(?:{VAGUE_NUM}\s+)?(?:years|months|weeks|days|decades|centuries)\s+ago)"),
    # the early years of occupying Iraq: an event-anchored period with no value to compute
    ("period", r"(?P<period>(?:the|those|these)\s+(?:(?:very|early|first|last|final|closing|later|waning|initial|opening"
               r"|heady|dark|darkest|best|worst|golden|glory|halcyon|formative|lean|war|boom)\s+)+"
               r"(?:years|months|days|weeks|decades|hours|stages?|phases?|period|era))(?=\s+of\b|\s+(?:after|before|since)\b)"),
    # the weeks before the shooting
    ("period", r"(?P<period>(?:the|those)\s+(?:years|months|weeks|days|hours))"
               r"(?=\s+(?:before|after|since|following|preceding|leading\s+up\s+to)\s+(?:the|his|her|its|their|a|an)\b)"),
]

# Lower-case words that open a "ref" match only as the right part of speech (an adverb
# "earlier", an adjective "current"), checked by the component with the parse.
REF_POS_CHECKED = {"current": "ADJ", "now": "ADV"}



def _compile(regex: str) -> re.Pattern[str]:
    """A pattern that matches whole words only ("2014-2016" is two words, "two-day" one)."""
    before = r"(?<![\w$'’])(?<![^\W\d]-)(?:(?<!\d-)|(?<=\b(?:1[6-9]|20)\d\d-))"  # after "2014-", not "1-800-"
    return re.compile(rf"{before}(?:{regex})(?![\w$]|-[^\W\d])", re.I)


_COMPILED = [(kind, _compile(regex)) for kind, regex in PATTERNS]
# Priority when two matches have the same length: earlier kinds in PATTERNS win.
_PRIORITY = {kind: index for index, (kind, _) in enumerate(PATTERNS)}

# Running fifty patterns at every character costs a quarter of spaCy's own time, so each kind
# of pattern runs only near a word it cannot match without (a month name, a unit, a digit...).
_KEY_WORDS = {
    "month": list(_MONTH_NAMES) + list(_MONTH_ABBR),
    "weekday": list(_WEEKDAY_NAMES) + ["mon", "tue", "tues", "wed", "thu", "thurs", "fri"],
    "unit": ["second", "minute", "hour", "day", "week", "weekend", "month", "quarter", "year", "decade", "century",
             "centuries", "millennium", "millennia", "period", "q1", "q2", "q3", "q4", "qtr"],
    "season": ["spring", "summer", "fall", "autumn", "winter"],
    "deictic": ["today", "yesterday", "tomorrow", "tonight"],
    "pod": ["morning", "afternoon", "evening", "night", "overnight"],
    "clock": ["noon", "midnight", "midday"],
    "holiday": ["christmas", "thanksgiving", "halloween", "election", "valentine's", "valentine’s", "labor", "memorial", "year's",
                "year’s"],
    "set": ["daily", "weekly", "monthly", "annually", "yearly", "hourly", "nightly", "biweekly", "semiannually"],
    "ref": ["now", "currently", "nowadays", "present", "presently", "moment", "days", "recently", "lately", "past",
            "future", "term", "time", "current"],
    "spoken": ["nineteen", "eighteen", "twenty", "thousand"],
    "decade": ["twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"],
    "half": ["half"],
    "fy": ["fy"],
    "quarter": ["quarter", "qtr", "q1", "q2", "q3", "q4", "period"],
    "ago": ["ago", "earlier", "hence", "back", "previously", "now"],
    "every": ["every", "each", "once", "twice", "times"],
    "century": ["century", "centuries"],
    "period": ["stage", "stages", "phase", "phases", "era", "period"],
}  # fmt: skip
_WORD_CLASSES: dict[str, set[str]] = {}
for _class, _words in _KEY_WORDS.items():
    for _word in _words:
        _WORD_CLASSES.setdefault(_word, set()).add(_class)
# The key classes each kind of pattern needs one of.
KIND_KEYS = {
    "date": {"month"}, "numeric": {"year", "slash"}, "month": {"month"}, "weekof": {"month"}, "decade": {"decade"},
    "century": {"century"}, "year": {"year", "spoken", "fy"}, "quarter": {"quarter"}, "half": {"half"}, "season": {"season"},
    "holiday": {"holiday"}, "time": {"clock"}, "weekday": {"weekday"}, "deictic": {"deictic", "pod"},
    "ago": {"ago"}, "duration": {"unit"}, "relday": {"unit"}, "relunit": {"unit"}, "theunit": {"unit"},
    "duration_adj": {"unit"}, "set": {"set", "every"}, "ref": {"ref", "ago"},
    "period": {"unit", "period"},
}  # fmt: skip
# Keys that are not plain words: years, decades, clock times, slashed dates.
_KEY_PATTERNS = [
    ("year", re.compile(r"(?<!\d)(?:1[6-9]|20)\d\d(?!\d)")),
    ("decade", re.compile(r"\d0s\b")),
    ("clock", re.compile(r"\d(?::\d\d|\s?[ap]\.?m\b)|o'clock", re.I)),
    ("slash", re.compile(r"\d/\d")),
]
# How far a match may reach before and after the key word it contains.
_BEFORE, _AFTER = 48, 48


def word_classes(word: str) -> set[str]:
    """The key classes of one lower-case word: "month" for "sept", "unit" for "years"."""
    found = _WORD_CLASSES.get(word, set())
    if word.endswith("s"):
        found = found | _WORD_CLASSES.get(word[:-1], set())
    return found


def key_positions(text: str) -> dict[str, list[int]]:
    """Where the key words of each class start in ``text`` (whole words, an "s" plural allowed).

    ``str.find`` per key word is far cheaper than a regular expression over every word.
    """
    lowered = text.lower()
    size = len(lowered)
    found: dict[str, list[int]] = {}
    for word, classes in _WORD_CLASSES.items():
        position = lowered.find(word)
        while position != -1:
            end = position + len(word)
            if end < size and lowered[end] == "s":
                end += 1
            if (position == 0 or not lowered[position - 1].isalnum()) and (end >= size or not lowered[end].isalnum()):
                for name in classes:
                    found.setdefault(name, []).append(position)
            position = lowered.find(word, position + 1)
    for name, pattern in _KEY_PATTERNS:
        found.setdefault(name, []).extend(match.start() for match in pattern.finditer(text))
    return found


def key_windows(text: str) -> dict[str, list[tuple[int, int]]]:
    """For each kind of pattern, the merged stretches of ``text`` around the words it needs."""
    by_class = key_positions(text)
    windows: dict[str, list[tuple[int, int]]] = {}
    for kind, classes in KIND_KEYS.items():
        starts = sorted(pos for name in classes for pos in by_class.get(name, ()))
        merged: list[tuple[int, int]] = []
        for pos in starts:
            low, high = max(0, pos - _BEFORE), pos + _AFTER
            if merged and low <= merged[-1][1]:
                merged[-1] = (merged[-1][0], high)
            else:
                merged.append((low, high))
        windows[kind] = merged
    return windows


@dataclass
class Candidate:
    """A matched temporal expression before normalization."""

    start: int
    end: int
    kind: str
    groups: dict[str, Optional[str]] = field(default_factory=dict)

    @property
    def length(self) -> int:
        return self.end - self.start


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim spaces and trailing punctuation that a pattern swept in."""
    while end > start and text[end - 1] in " \t\n,;":
        end -= 1
    while start < end and text[start] in " \t\n":
        start += 1
    return start, end


def find_candidates(text: str) -> list[Candidate]:
    """All temporal expressions in ``text``: the longest match wins where matches overlap."""
    found: list[Candidate] = []
    windows = key_windows(text)
    for kind, regex in _COMPILED:
        for match in _matches_in(regex, text, windows[kind]):
            start, end = _strip(text, match.start(), match.end())
            if end > start:
                found.append(Candidate(start, end, kind, match.groupdict()))
    return select_longest(found)


def _matches_in(regex: re.Pattern[str], text: str, windows: list[tuple[int, int]]) -> list[re.Match[str]]:
    """Matches of ``regex`` that start inside ``windows``, each as it would match on the whole text."""
    matches = []
    for low, high in windows:
        limit = min(len(text), high + _AFTER)
        for match in regex.finditer(text, low, limit):
            if match.start() > high:
                break
            if match.end() >= limit and limit < len(text):  # cut by the window: match again unbounded
                match = regex.match(text, match.start()) or match
            matches.append(match)
    return matches


def select_longest(candidates: list[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates, longer first, then by pattern order; returned in text order."""
    chosen: list[Candidate] = []
    taken = bytearray(max((c.end for c in candidates), default=0))
    for cand in sorted(candidates, key=lambda c: (-c.length, _PRIORITY[c.kind], c.start)):
        if taken.find(1, cand.start, cand.end) != -1:
            continue
        chosen.append(cand)
        taken[cand.start : cand.end] = b"\x01" * cand.length
    return sorted(chosen, key=lambda c: c.start)
