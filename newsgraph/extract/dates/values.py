"""Turn a matched temporal expression into a TIMEX3 type and value: newsgraph's anchoring rules.

Everything here is a pure function of the match (:class:`~newsgraph.extract.dates.patterns.Candidate`)
and a :class:`Context`: the publication date, the tense of the clause the expression sits in,
and the dates the text mentioned before it. No parser is needed, so each rule is tested case
by case in ``tests/extract/test_dates.py``.

Rules, in short:

* an expression that names its year ("April 6, 2019", "fiscal 1989") needs no anchor;
* a year-less one ("April 6", "in March", "on Saturday", "the third quarter") takes the
  occurrence before the publication date in a past-tense clause, after it in a future one,
  and otherwise the past one unless it lies just ahead (news reports mostly look back; see
  :func:`newsgraph.extract.dates.timex.nearest_year` for the limits);
* "last week", "two years ago", "yesterday" count from the publication date;
* "the day before", "a year earlier", "the following month" count from the date the text
  mentioned last (anchor "text"); a year-over-year comparison in the sentences after a
  quarter is that quarter a year back;
* vague expressions get PAST_REF / PRESENT_REF / FUTURE_REF or a duration with X, and an
  event-anchored period ("the early years of occupying Iraq") gets no value at all;
* without a publication date, what needs one keeps X for the unknown parts ("XXXX-04-06").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Callable, Optional

from newsgraph.extract.dates.patterns import Candidate
from newsgraph.extract.dates.timex import (
    GRAINS,
    MONTHS,
    SEASON_ORDER,
    SEASONS,
    WEEKDAYS,
    Point,
    duration_value,
    iso_week,
    make_point,
    nearest_year,
    nth_weekday,
    parse_number,
    parse_ordinal,
    parse_value,
    point_value,
    season_of,
    season_start,
    shift,
    weekday_date,
)

PUBLISHED, TEXT = "published", "text"
POD_CODES = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI", "tonight": "NI"}
_PAST_RELS = {"last", "past", "previous", "prior", "recent"}
_NEXT_RELS = {"next", "coming", "following"}
_THIS_RELS = {"this", "current", "present", "same", "latest"}
_UNIT_GRAIN = {"day": "day", "week": "week", "weekend": "week", "month": "month", "quarter": "quarter",
               "season": "season", "year": "year", "decade": "decade", "century": "century"}  # fmt: skip
_SET_ADVERBS = {"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "biweekly": "P2W", "monthly": "P1M",
                "quarterly": "P3M", "annually": "P1Y", "yearly": "P1Y", "semiannually": "P6M", "hourly": "PT1H"}  # fmt: skip
_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                 "eighties": 8, "nineties": 9}  # fmt: skip
_PRESENT_REFS = {"now", "right now", "currently", "nowadays", "at present", "presently", "at the moment",
                 "these days", "the time being", "at this time", "current"}  # fmt: skip
_FUTURE_REFS = {"the future", "soon", "future"}


@dataclass
class Context:
    """What a value may be computed from.

    ``recent`` maps a grain ("quarter", "day"...) to the latest precise date of that grain the
    text mentioned before this expression, with its sentence index.
    """

    published: Optional[date] = None
    tense: Optional[str] = None  # "past", "future", "present" or None
    sentence: int = 0
    last: Optional[Point] = None
    recent: dict[str, tuple[Point, int]] = field(default_factory=dict)
    range_start: Optional[Point] = None  # the first end of "from March to May" while the second is read

    def remember(self, value: Optional[str], sentence: int) -> None:
        """Record a precise date the text gave, for later "the day before" and "a year earlier"."""
        point = parse_value(value)
        if point is not None:
            self.last = point
            self.recent[point.grain] = (point, sentence)


@dataclass
class Value:
    """The normalized form of one expression."""

    type: str
    value: Optional[str]
    anchor: Optional[str] = None
    comparison: bool = False  # "a year earlier": a period the text compares with, not the one it is about


def _g(cand: Candidate, name: str) -> str:
    return (cand.groups.get(name) or "").strip().lower()


def _number(cand: Candidate, name: str) -> int:
    """The number in a group that the pattern of the candidate's kind always captures."""
    raw = cand.groups[name]
    if raw is None:
        raise KeyError(name)
    return int(raw)


def _direction(rel: str, tense: Optional[str]) -> Optional[str]:
    """Past or future, from "last"/"next" in the expression first, then from the clause's tense."""
    if rel in _PAST_RELS:
        return "past"
    if rel in _NEXT_RELS:
        return "future"
    if tense in ("past", "future"):
        return tense
    return None


def _year_of(cand: Candidate, published: Optional[date], name: str = "year") -> Optional[int]:
    """The year written in the expression ("1989", "'98"), or None."""
    raw = cand.groups.get(name)
    if raw:
        return int(raw)
    short = cand.groups.get("year2") or cand.groups.get("fy2")
    if short and name == "year":
        yy = int(short.lstrip("'’"))
        base = published.year if published else 2000
        century = base // 100 * 100
        year = century + yy
        return year - 100 if year > base + 10 else year
    return None


def _month_num(cand: Candidate) -> int:
    return MONTHS[_g(cand, "month").rstrip(".")]


def _ordinal_quarter(text: str) -> Optional[int]:
    words = text.split()
    if not words:
        return None
    if words[-1] in ("final", "last"):
        return 4
    number = parse_ordinal(words[-1])
    return number if number and 1 <= number <= 4 else None


# --- one function per kind of expression -------------------------------------------------


def _date(cand: Candidate, ctx: Context) -> Value:
    month, dom = _month_num(cand), _number(cand, "dom")
    year = _year_of(cand, ctx.published)
    if year:
        return Value("DATE", _safe_date(year, month, dom))
    if ctx.range_start is not None:  # "from Dec. 28 to Jan. 3": the first such day after the range opens
        start = ctx.range_start.day
        year = start.year + (1 if (month, dom) < (start.month, start.day) else 0)
        return Value("DATE", _safe_date(year, month, dom), TEXT)
    if ctx.published is None:
        return Value("DATE", f"XXXX-{month:02d}-{dom:02d}")
    weekday = _g(cand, "weekday").rstrip(".")
    if weekday:  # "Friday, Oct. 23": the year nearest to publication where Oct. 23 is a Friday
        published_year = ctx.published.year
        for candidate_year in sorted(range(published_year - 3, published_year + 2), key=lambda y: abs(y - published_year)):
            try:
                if date(candidate_year, month, dom).weekday() == WEEKDAYS[weekday]:
                    return Value("DATE", _safe_date(candidate_year, month, dom), PUBLISHED)
            except ValueError:
                continue
    year = nearest_year(month, dom, ctx.published, _direction("", ctx.tense))
    return Value("DATE", _safe_date(year, month, dom), PUBLISHED)


def _safe_date(year: int, month: int, dom: int) -> Optional[str]:
    try:
        return date(year, month, dom).isoformat()
    except ValueError:
        return None


def _numeric(cand: Candidate, ctx: Context) -> Value:
    year = _number(cand, "y")
    if year < 100:
        year += 1900 if year > 30 else 2000
    return Value("DATE", _safe_date(year, _number(cand, "m"), _number(cand, "d")))


def _month(cand: Candidate, ctx: Context) -> Value:
    month = _month_num(cand)
    year = _year_of(cand, ctx.published)
    if year:
        return Value("DATE", f"{year:04d}-{month:02d}")
    yrel = _g(cand, "yrel")
    if yrel:  # "June last year"
        if ctx.published is None:
            return Value("DATE", f"XXXX-{month:02d}")
        offset = -1 if yrel in ("last", "the previous") else 1 if yrel in ("next", "the following") else 0
        return Value("DATE", f"{ctx.published.year + offset:04d}-{month:02d}", PUBLISHED)
    rel = _g(cand, "rel")
    if ctx.range_start is not None and not rel:
        start = ctx.range_start.day
        return Value("DATE", f"{start.year + (1 if month < start.month else 0):04d}-{month:02d}", TEXT)
    if ctx.published is None:
        return Value("DATE", f"XXXX-{month:02d}")
    direction = _direction(rel, ctx.tense)
    if rel in _PAST_RELS and month == ctx.published.month:
        year = ctx.published.year - 1  # "last April" said in April
    elif rel in _NEXT_RELS and month == ctx.published.month:
        year = ctx.published.year + 1
    elif rel in _THIS_RELS:
        year = ctx.published.year
    else:
        year = nearest_year(month, None, ctx.published, direction)
    return Value("DATE", f"{year:04d}-{month:02d}", PUBLISHED)


def _weekof(cand: Candidate, ctx: Context) -> Value:
    found = _date(cand, ctx)
    point = _point_of(found.value)
    return Value("DATE", point_value(make_point("week", point.day)) if point else None, found.anchor)


def _point_of(value: Optional[str]) -> Optional[Point]:
    return parse_value(value)


def _decade(cand: Candidate, ctx: Context) -> Value:
    raw = _g(cand, "decade")
    if raw.startswith(("'", "’")):
        base = ctx.published.year if ctx.published else 1999
        year = base // 100 * 100 + int(raw[1:])
        if year > base:
            year -= 100
    elif raw:
        year = int(raw)
    else:
        base = ctx.published.year if ctx.published else 1999
        century = 1900 if base < 2030 else base // 100 * 100
        year = century + 10 * _DECADE_WORDS[_g(cand, "decword")]
    return Value("DATE", f"{year // 10:03d}")


def _century(cand: Candidate, ctx: Context) -> Value:
    raw = _g(cand, "cent") or _g(cand, "centword")
    number = int(raw) if raw.isdigit() else {"seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
                                              "twentieth": 20, "twenty-first": 21}[raw]  # fmt: skip
    return Value("DATE", f"{number - 1:02d}")


def _year(cand: Candidate, ctx: Context) -> Value:
    spoken = _g(cand, "spoken")
    if spoken:
        return Value("DATE", _spoken_year(spoken))
    year = _year_of(cand, ctx.published)
    part = _g(cand, "part")
    if year and "half" in part:  # "the first half of 2019"
        return Value("DATE", f"{year:04d}-H{2 if 'second' in part else 1}")
    return Value("DATE", f"{year:04d}" if year else None)


def _spoken_year(text: str) -> Optional[str]:
    """1996 for "nineteen ninety-six", 2001 for "two thousand and one"."""
    words = text.replace("-", " ").split()
    if words[:2] == ["two", "thousand"]:
        rest = parse_number(" ".join(w for w in words[2:] if w != "and")) if len(words) > 2 else 0
        return f"{2000 + int(rest or 0):04d}"
    century = parse_number(words[0])
    rest = parse_number(" ".join(w for w in words[1:] if w != "o"))
    if century is None or rest is None:
        return None
    return f"{int(century) * 100 + int(rest):04d}"


def _theunit(cand: Candidate, ctx: Context) -> Value:
    """"The year", "the fiscal year", "the end of the month": the current one when a part is named,
    otherwise the one the text is about (a length of one unit where the text gives none)."""
    unit = _g(cand, "unit")
    if unit == "quarter":
        return _discussed_quarter(ctx)
    if cand.groups.get("part") and ctx.published is not None:
        return Value("DATE", point_value(make_point(_UNIT_GRAIN[unit], ctx.published)), PUBLISHED)
    return Value("DURATION", duration_value(1, unit))


def _quarter(cand: Candidate, ctx: Context) -> Value:
    qcode = cand.groups.get("qcode")
    if qcode:
        year = _year_of(cand, ctx.published)
        return _quarter_value(int(qcode[1]), year, ctx)
    if cand.groups.get("same"):  # the year-ago quarter
        return _year_back(ctx, quarter=_ordinal_quarter(_g(cand, "ord")))
    if cand.groups.get("latest") or cand.groups.get("bare"):
        return _discussed_quarter(ctx, current=_g(cand, "latest") == "current")
    if _g(cand, "ord") in ("latest", "current"):
        return _discussed_quarter(ctx, current=_g(cand, "ord") == "current")
    number = _ordinal_quarter(_g(cand, "ord"))
    year = _year_of(cand, ctx.published) or _year_of(cand, ctx.published, "fy")
    return _quarter_value(number, year, ctx)


def _quarter_value(number: Optional[int], year: Optional[int], ctx: Context) -> Value:
    if number is None:
        return Value("DATE", None)
    if year:
        return Value("DATE", f"{year:04d}-Q{number}")
    if ctx.published is None:
        return Value("DATE", f"XXXX-Q{number}")
    current = (ctx.published.month - 1) // 3 + 1
    year = ctx.published.year
    # A quarter is named while it runs or soon after it ends: this year's, unless the tense
    # puts it clearly in another year.
    if ctx.tense == "past" and number > current:
        year -= 1
    elif ctx.tense == "future" and number < current - 1:
        year += 1
    return Value("DATE", f"{year:04d}-Q{number}", PUBLISHED)


def _discussed_quarter(ctx: Context, current: bool = False) -> Value:
    """"The quarter", "the latest quarter": the one the text is about, else the last one reported."""
    seen = ctx.recent.get("quarter")
    if seen and not current:
        return Value("DATE", point_value(seen[0]), TEXT)
    if ctx.published is None:
        return Value("DATE", "XXXX-QX")
    point = make_point("quarter", ctx.published)
    if not current:
        point = shift(point, "quarter", -1)
    return Value("DATE", point_value(point), PUBLISHED)


def _year_back(ctx: Context, quarter: Optional[int] = None) -> Value:
    """A year-over-year comparison: the period under discussion one year back."""
    for grain in ("quarter", "half", "month"):
        seen = ctx.recent.get(grain)
        if seen and ctx.sentence - seen[1] <= 3:
            return Value("DATE", point_value(shift(seen[0], "year", -1)), TEXT, comparison=True)
    if ctx.published is None:
        return Value("DATE", "XXXX", comparison=True)
    if quarter:
        return Value("DATE", f"{ctx.published.year - 1:04d}-Q{quarter}", PUBLISHED, comparison=True)
    return Value("DATE", f"{ctx.published.year - 1:04d}", PUBLISHED, comparison=True)


def _half(cand: Candidate, ctx: Context) -> Value:
    number = 1 if _g(cand, "ord") == "first" else 2
    year = _year_of(cand, ctx.published)
    if year is None:
        if ctx.published is None:
            return Value("DATE", f"XXXX-H{number}")
        year = ctx.published.year
        if ctx.tense == "past" and number == 2 and ctx.published.month <= 6:
            year -= 1
        return Value("DATE", f"{year:04d}-H{number}", PUBLISHED)
    return Value("DATE", f"{year:04d}-H{number}")


def _season(cand: Candidate, ctx: Context) -> Value:
    code = SEASONS[_g(cand, "season")]
    year = _year_of(cand, ctx.published)
    if year:
        return Value("DATE", f"{year:04d}-{code}")
    if ctx.published is None:
        return Value("DATE", f"XXXX-{code}")
    rel = "last" if cand.groups.get("thispast") else _g(cand, "rel")
    now_year, now_code = season_of(ctx.published)
    now = Point("season", season_start(now_year, now_code), SEASON_ORDER.index(now_code))
    target = SEASON_ORDER.index(code)
    offsets = [k for k in range(-4, 5) if (now.index + k) % 4 == target]
    if rel in _THIS_RELS:
        offset = min(offsets, key=abs)
    else:
        direction = _direction(rel, ctx.tense)
        if direction == "past":
            offset = max(k for k in offsets if k < 0 or (k == 0 and rel not in _PAST_RELS))
        elif direction == "future":
            offset = min(k for k in offsets if k > 0 or (k == 0 and rel not in _NEXT_RELS))
        else:
            offset = min(offsets, key=abs)
    point = shift(now, "season", offset)
    return Value("DATE", point_value(point), PUBLISHED)


def _holiday(cand: Candidate, ctx: Context) -> Value:
    name = re.sub(r"\s+", " ", _g(cand, "holiday"))
    fixed = {"christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24), "new year's day": (1, 1),
             "new year's eve": (12, 31), "halloween": (10, 31), "valentine's day": (2, 14)}  # fmt: skip
    year = _year_of(cand, ctx.published)
    anchor = None
    if year is None:
        if ctx.published is None:
            month_day = fixed.get(name)
            return Value("DATE", f"XXXX-{month_day[0]:02d}-{month_day[1]:02d}" if month_day else None)
        month = fixed[name][0] if name in fixed else _HOLIDAY_MONTHS[name.replace(" day", "") if name.startswith("thanksgiving") else name]
        year = nearest_year(month, fixed.get(name, (0, 15))[1], ctx.published, _direction("", ctx.tense))
        anchor = PUBLISHED
    if name in fixed:
        return Value("DATE", date(year, *fixed[name]).isoformat(), anchor)
    if name.startswith("thanksgiving"):
        return Value("DATE", nth_weekday(year, 11, 3, 3).isoformat(), anchor)
    if name == "election day":  # the Tuesday after the first Monday of November
        return Value("DATE", (nth_weekday(year, 11, 0, 0) + timedelta(days=1)).isoformat(), anchor)
    if name == "labor day":
        return Value("DATE", nth_weekday(year, 9, 0, 0).isoformat(), anchor)
    return Value("DATE", nth_weekday(year, 5, 0, -1).isoformat(), anchor)


_HOLIDAY_MONTHS = {"thanksgiving": 11, "labor day": 9, "memorial day": 5, "election day": 11}


def _clock(cand: Candidate) -> Optional[str]:
    named = _g(cand, "named")
    if named:
        return "24:00" if named == "midnight" else "12:00"
    hour24 = cand.groups.get("hour24")
    if hour24:
        return f"{int(hour24):02d}:{cand.groups['minute24']}"
    hour = _number(cand, "hour")
    minute = int(cand.groups.get("minute") or 0)
    ampm = _g(cand, "ampm").replace(".", "").replace(" ", "")
    if ampm.startswith("p") and hour < 12:
        hour += 12
    elif ampm.startswith("a") and hour == 12:
        hour = 0
    return f"{hour:02d}:{minute:02d}"


def _time(cand: Candidate, ctx: Context) -> Value:
    clock = _clock(cand)
    day, anchor = _day_of(cand, ctx)
    if day is None:
        return Value("TIME", f"XXXX-XX-XXT{clock}")
    return Value("TIME", f"{day}T{clock}", anchor)


def _day_of(cand: Candidate, ctx: Context) -> tuple[Optional[str], Optional[str]]:
    """The day a time of day falls on: its weekday, "yesterday", its date, else the anchor day."""
    if cand.groups.get("weekday"):
        found = _weekday_value(cand, ctx)
        return found.value, found.anchor
    if cand.groups.get("deictic"):
        found = _deictic(cand, ctx)
        return (found.value or "")[:10] or None, found.anchor
    if cand.groups.get("month") and cand.groups.get("dom"):
        found = _date(cand, ctx)
        return found.value, found.anchor
    if ctx.last is not None and ctx.last.grain == "day":
        return ctx.last.day.isoformat(), TEXT
    if ctx.published is not None:
        return ctx.published.isoformat(), PUBLISHED
    return None, None


def _weekday_value(cand: Candidate, ctx: Context) -> Value:
    weekday = WEEKDAYS[_g(cand, "weekday").rstrip(".")]
    rel = _g(cand, "rel")
    reference, anchor = ctx.published, PUBLISHED
    if rel in ("previous", "prior", "following", "same"):  # "the previous Friday": before the date just told
        if ctx.last is None or ctx.last.grain != "day":
            return Value("DATE", f"XXXX-WXX-{weekday + 1}")
        day = weekday_date(weekday, ctx.last.day, "future" if rel == "following" else "past", strict=rel != "same")
        return Value("DATE", day.isoformat(), TEXT)
    if reference is None:
        return Value("DATE", f"XXXX-WXX-{weekday + 1}")
    direction = _direction(rel, ctx.tense)
    if rel == "this":
        direction = ctx.tense if ctx.tense in ("past", "future") else None
    strict = rel in _PAST_RELS or rel in _NEXT_RELS
    day = weekday_date(weekday, reference, direction, strict=strict)
    return Value("DATE", day.isoformat(), anchor)


def _weekday(cand: Candidate, ctx: Context) -> Value:
    found = _weekday_value(cand, ctx)
    pod = _g(cand, "pod")
    if pod and found.value:  # TimeML types "Friday night" as a DATE with the part of day in its value
        return Value("DATE", f"{found.value}T{POD_CODES[pod]}", found.anchor)
    return found


def _deictic(cand: Candidate, ctx: Context) -> Value:
    word = _g(cand, "deictic")
    pod = _g(cand, "pod")
    this = _g(cand, "this")
    if this:  # this morning, last night, that evening
        return _part_of_day(this, pod, ctx)
    if ctx.published is None:
        return Value("TIME" if pod or word == "tonight" else "DATE", "XXXX-XX-XX")
    offset = {"yesterday": -1, "tomorrow": 1}.get(word, 0) + {"before": -1, "after": 1}.get(_g(cand, "dayoff"), 0)
    day = (ctx.published + timedelta(days=offset)).isoformat()
    if word == "tonight" and not pod:
        pod = "tonight"
    if pod:
        return Value("TIME", f"{day}T{POD_CODES[pod]}", PUBLISHED)
    return Value("DATE", day, PUBLISHED)


def _part_of_day(this: str, pod: str, ctx: Context) -> Value:
    code = POD_CODES[pod]
    if this == "the" and (ctx.last is None or ctx.last.grain != "day") and ctx.published is not None:
        this = "this"  # "in the morning" with no day told: the day of publication
    if this in ("this", "last"):
        if ctx.published is None:
            return Value("TIME", f"XXXX-XX-XXT{code}")
        day = ctx.published - timedelta(days=1 if this == "last" and pod in ("night", "evening") else 0)
        return Value("TIME", f"{day.isoformat()}T{code}", PUBLISHED)
    if ctx.last is None or ctx.last.grain != "day":
        return Value("TIME", None)
    offset = 1 if this in ("the next", "the following") else -1 if this == "the previous" else 0
    return Value("TIME", f"{(ctx.last.day + timedelta(days=offset)).isoformat()}T{code}", TEXT)


def _unit_of(cand: Candidate) -> str:
    unit = _g(cand, "unit")
    if unit.startswith("centur"):
        return "century"
    if unit.startswith("millenni"):
        return "millennium"
    return unit


def _ago(cand: Candidate, ctx: Context) -> Value:
    unit = _unit_of(cand)
    raw = _g(cand, "num")
    amount = parse_number(raw) if raw else None
    if amount is None or unit not in _UNIT_GRAIN or amount != int(amount):
        if unit in ("hour", "minute", "second") and amount is not None:
            return Value("TIME", None)
        return Value("DATE", "PAST_REF" if _g(cand, "dir") in ("ago", "earlier", "before", "back", "previously") else "FUTURE_REF")
    sign = -1 if _g(cand, "dir") in ("ago", "earlier", "before", "back", "previously") else 1
    from_text = _g(cand, "dir") in ("earlier", "previously")
    if unit == "year" and int(amount) == 1 and sign < 0:
        comparison = _year_back(ctx)
        if comparison.anchor == TEXT:
            return comparison
    if from_text and ctx.last is not None:
        point, anchor = ctx.last, TEXT
        if _finer(_UNIT_GRAIN[unit], point.grain):
            return Value("DATE", _unknown(_UNIT_GRAIN[unit]), None)
    elif ctx.published is not None:
        point, anchor = make_point(_UNIT_GRAIN[unit], ctx.published), PUBLISHED
    else:
        return Value("DATE", _unknown(_UNIT_GRAIN[unit]))
    return Value("DATE", point_value(shift(point, unit, sign * int(amount))), anchor)


def _finer(grain: str, other: str) -> bool:
    return GRAINS.index(grain) > GRAINS.index(other)


def _unknown(grain: str) -> str:
    return {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "month": "XXXX-XX", "quarter": "XXXX-QX"}.get(grain, "XXXX")


def _relday(cand: Candidate, ctx: Context) -> Value:
    """"The day before", "the following year", "that day": counted from the last date in the text."""
    rel = _g(cand, "rel")
    unit = _g(cand, "unit") or rel
    direction = _g(cand, "dir")
    if rel in ("day", "week", "month", "year"):
        offset = -1 if direction in ("before", "earlier") else 1
    elif rel in ("previous", "prior", "preceding"):
        offset = -1
    elif rel in ("following", "next"):
        offset = 1
    else:
        offset = 0
    grain = _UNIT_GRAIN[unit]
    if ctx.last is not None and not _finer(grain, ctx.last.grain):
        base = make_point(grain, ctx.last.day) if grain != ctx.last.grain else ctx.last
        return Value("DATE", point_value(shift(base, unit, offset)), TEXT)
    if ctx.last is None and ctx.published is not None and offset:
        return Value("DATE", point_value(shift(make_point(grain, ctx.published), unit, offset)), PUBLISHED)
    return Value("DATE", _unknown(grain))


def _relunit(cand: Candidate, ctx: Context) -> Value:
    if cand.groups.get("weekend"):
        return _weekend(ctx)
    special = _g(cand, "ye").replace(" ", "-")
    if special:
        if special in ("year-ago", "year-earlier"):
            return _year_back(ctx)
        if ctx.published is None:
            return Value("DATE", "XXXX")
        if special == "month-end":
            return Value("DATE", f"{ctx.published.year:04d}-{ctx.published.month:02d}", PUBLISHED)
        return Value("DATE", f"{ctx.published.year:04d}", PUBLISHED)
    rel, unit = _g(cand, "rel"), _g(cand, "unit")
    if unit == "weekend":
        return _weekend(ctx, rel)
    if rel == "same":
        return _relday(Candidate(cand.start, cand.end, "relday", {"rel": "same", "unit": unit}), ctx)
    grain = _UNIT_GRAIN[unit]
    if ctx.published is None:
        return Value("DATE", _unknown(grain))
    offset = -1 if rel in _PAST_RELS else 1 if rel in _NEXT_RELS else 0
    if rel == "latest" and unit == "quarter":
        return _discussed_quarter(ctx)
    point = shift(make_point(grain, ctx.published), unit, offset)
    return Value("DATE", point_value(point), PUBLISHED)


def _weekend(ctx: Context, rel: str = "") -> Value:
    if ctx.published is None:
        return Value("DATE", "XXXX-WXX-WE")
    direction = _direction(rel, ctx.tense) or "past"
    if rel == "this" and ctx.tense != "past":  # "this weekend": the one ending the current week
        return Value("DATE", iso_week(ctx.published) + "-WE", PUBLISHED)
    saturday = weekday_date(5, ctx.published, direction, strict=rel in _PAST_RELS or rel in _NEXT_RELS)
    if direction == "past" and ctx.published.weekday() < 5 and saturday > ctx.published:
        saturday -= timedelta(days=7)
    return Value("DATE", point_value(make_point("week", saturday)) + "-WE", PUBLISHED)


def _duration(cand: Candidate, ctx: Context) -> Value:
    unit = _unit_of(cand) or _g(cand, "bare").rstrip("s")
    if unit == "centurie":
        unit = "century"
    raw = _g(cand, "num")
    if not raw or raw in ("several", "multi") or cand.groups.get("vague") or cand.groups.get("bare"):
        return Value("DURATION", duration_value(None, unit))
    amount = parse_number(raw)
    return Value("DURATION", duration_value(amount, unit))


def _set(cand: Candidate, ctx: Context) -> Value:
    adverb = _g(cand, "adv")
    if adverb:
        return Value("SET", _SET_ADVERBS[adverb])
    if cand.groups.get("weekday"):
        return Value("SET", f"XXXX-WXX-{WEEKDAYS[_g(cand, 'weekday').rstrip('.')] + 1}")
    if cand.groups.get("month"):
        return Value("SET", f"XXXX-{_month_num(cand):02d}")
    if cand.groups.get("season"):
        return Value("SET", f"XXXX-{SEASONS[_g(cand, 'season')]}")
    amount = parse_number(_g(cand, "num")) if cand.groups.get("num") else 2 if _g(cand, "other") == "other" else 1
    return Value("SET", duration_value(amount, _unit_of(cand)))


def _ref(cand: Candidate, ctx: Context) -> Value:
    if cand.groups.get("agoref"):
        return Value("DATE", "PAST_REF")
    word = re.sub(r"\s+", " ", _g(cand, "ref"))
    if word in _PRESENT_REFS:
        return Value("DATE", "PRESENT_REF")
    if word in _FUTURE_REFS or word.startswith("the ") and word.endswith(("future", "term")):
        return Value("DATE", "FUTURE_REF")
    return Value("DATE", "PAST_REF")


def _period(cand: Candidate, ctx: Context) -> Value:
    """An event-anchored period ("the early years of occupying Iraq"): typed, never given a value."""
    return Value("DATE", None)


NORMALIZERS: dict[str, Callable[[Candidate, Context], Value]] = {
    "date": _date, "numeric": _numeric, "month": _month, "weekof": _weekof, "decade": _decade,
    "century": _century, "year": _year, "quarter": _quarter, "half": _half, "season": _season,
    "holiday": _holiday, "time": _time, "weekday": _weekday, "deictic": _deictic, "ago": _ago,
    "relday": _relday, "relunit": _relunit, "duration_adj": _duration, "duration": _duration,
    "set": _set, "ref": _ref, "period": _period, "theunit": _theunit,
}  # fmt: skip


def normalize(cand: Candidate, ctx: Context) -> Value:
    """The TIMEX3 type, value and anchor of one matched expression."""
    try:
        return NORMALIZERS[cand.kind](cand, ctx)
    except (ValueError, KeyError, OverflowError):  # an impossible date ("Feb. 30") keeps its type, loses its value
        return Value("DURATION" if cand.kind.startswith("duration") else "DATE", None)
