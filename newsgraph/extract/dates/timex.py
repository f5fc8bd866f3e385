"""Calendar arithmetic on TIMEX3 values, free of any NLP.

A TIMEX3 value names a calendar unit at some granularity: ``2019`` (year), ``2019-Q1``
(quarter), ``2019-SU`` (season), ``2019-03`` (month), ``2019-W14`` (ISO week), ``2019-04-06``
(day), ``2019-04-06TNI`` (part of a day). The date finder computes relative expressions
("last month", "a year earlier", "on Saturday") by shifting such values, so the rules here
decide what "one quarter before 2019-Q1" or "the Saturday before 2019-04-07" is.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Optional

from newsgraph.extract import _numbers as numbers

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}  # fmt: skip
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
# The month each season starts in (northern hemisphere); winter runs from December.
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
SEASON_ORDER = ("WI", "SP", "SU", "FA")
# TIMEX3 duration designators; hours, minutes and seconds go after "T".
UNIT_CODES = {
    "second": "S", "minute": "M", "hour": "H", "day": "D", "week": "W", "weekend": "WE",
    "month": "M", "quarter": "Q", "year": "Y", "decade": "DE", "century": "CE", "millennium": "ML",
}  # fmt: skip
TIME_UNITS = {"second", "minute", "hour"}
# Granularities from coarse to fine, as "granularity" names used below.
GRAINS = ("century", "decade", "year", "half", "quarter", "season", "month", "week", "day")

_ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
    "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11,
    "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
    "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "twenty-first": 21,
}  # fmt: skip


@dataclass(frozen=True)
class Point:
    """A calendar unit: the ``grain`` it is given at and the first day it covers."""

    grain: str  # one of GRAINS
    day: date
    index: int = 0  # quarter 1-4, half 1-2, or the season code's position in SEASON_ORDER


def parse_number(text: str) -> Optional[float]:
    """The number in ``text`` ("24", "twenty-four", "a", "2 1/2", "a couple of"); None when it is vague.

    Read by the extractors' one number parser, :func:`newsgraph.extract._numbers.parse_number`.
    """
    return numbers.parse_number(text)


def parse_ordinal(text: str) -> Optional[int]:
    """1 for "first" or "1st", up to the twenties; None for anything else."""
    return _ORDINALS.get(text.lower())


def duration_value(amount: Optional[float], unit: str) -> str:
    """A TIMEX3 duration: ``P2D``, ``PT3H``, ``P1Y``; ``PXY`` when the amount is vague.

    Fractions become the next smaller unit where one exists (2.5 years -> P30M) because
    TIMEX3 values keep integers.
    """
    unit = unit.lower().rstrip("s") if unit.lower() not in ("centuries",) else "century"
    if unit == "centurie":
        unit = "century"
    prefix = "PT" if unit in TIME_UNITS else "P"
    code = UNIT_CODES.get(unit, "X")
    if amount is None:
        return f"{prefix}X{code}"
    if amount != int(amount):
        smaller = {"year": (12, "month"), "hour": (60, "minute"), "day": (24, "hour"), "minute": (60, "second")}
        if unit in smaller:
            factor, small = smaller[unit]
            whole, rest = int(amount), round((amount - int(amount)) * factor)
            tail = duration_value(rest, small).lstrip("PT")
            if unit == "day":  # P1DT12H
                return f"P{whole}DT{tail}" if whole else f"PT{tail}"
            return f"{prefix}{whole}{code}{tail}" if whole else f"{prefix}{tail}"
        return f"{prefix}{amount:g}{code}"
    if unit == "weekend":
        return f"P{int(amount) * 2}D"
    return f"{prefix}{int(amount)}{code}"


def iso_week(day: date) -> str:
    """The ISO week value of ``day``: ``2019-W14``."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def season_of(day: date) -> tuple[int, str]:
    """The (year, code) of the season ``day`` falls in; December belongs to next year's winter."""
    month = day.month
    if month == 12:
        return day.year + 1, "WI"
    for code in ("FA", "SU", "SP"):
        if month >= SEASON_START[code]:
            return day.year, code
    return day.year, "WI"


def point_value(point: Point) -> str:
    """The TIMEX3 value of a :class:`Point`."""
    day = point.day
    if point.grain == "century":
        return f"{day.year // 100:02d}"
    if point.grain == "decade":
        return f"{day.year // 10:03d}"
    if point.grain == "year":
        return f"{day.year:04d}"
    if point.grain == "half":
        return f"{day.year:04d}-H{point.index}"
    if point.grain == "quarter":
        return f"{day.year:04d}-Q{point.index}"
    if point.grain == "season":  # winter 2019 starts in December 2018
        code = SEASON_ORDER[point.index]
        return f"{day.year + (1 if code == 'WI' and day.month == 12 else 0):04d}-{code}"
    if point.grain == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if point.grain == "week":
        return iso_week(day)
    return day.isoformat()


def make_point(grain: str, day: date) -> Point:
    """The unit of ``grain`` that contains ``day``."""
    if grain == "century":
        return Point(grain, date(day.year // 100 * 100 or 1, 1, 1))
    if grain == "decade":
        return Point(grain, date(day.year // 10 * 10 or 1, 1, 1))
    if grain == "year":
        return Point(grain, date(day.year, 1, 1))
    if grain == "half":
        return Point(grain, date(day.year, 1 if day.month <= 6 else 7, 1), 1 if day.month <= 6 else 2)
    if grain == "quarter":
        quarter = (day.month - 1) // 3 + 1
        return Point(grain, date(day.year, 3 * quarter - 2, 1), quarter)
    if grain == "season":
        year, code = season_of(day)
        return Point(grain, season_start(year, code), SEASON_ORDER.index(code))
    if grain == "month":
        return Point(grain, date(day.year, day.month, 1))
    if grain == "week":
        return Point(grain, day - timedelta(days=day.weekday()))
    return Point("day", day)


def season_start(year: int, code: str) -> date:
    """First day of the season ``code`` of ``year`` (winter 2019 starts in December 2018)."""
    if code == "WI":
        return date(year - 1, 12, 1)
    return date(year, SEASON_START[code], 1)


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months, clamped to the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    if year < 1 or year > 9999:
        raise ValueError("date out of range")
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def shift(point: Point, unit: str, amount: int) -> Point:
    """``point`` moved by ``amount`` units (negative: earlier), kept at its own grain.

    "A year earlier" than 2019-Q1 is 2018-Q1: the shift keeps the finer grain of the point.
    """
    day = point.day
    unit = unit.rstrip("s")
    if unit == "day":
        moved = day + timedelta(days=amount)
    elif unit in ("week", "weekend"):
        moved = day + timedelta(weeks=amount)
    elif unit == "month":
        moved = add_months(day, amount)
    elif unit == "quarter":
        moved = add_months(day, 3 * amount)
    elif unit == "season":
        moved = add_months(day, 3 * amount)
    elif unit == "half":
        moved = add_months(day, 6 * amount)
    elif unit == "year":
        moved = add_months(day, 12 * amount)
    elif unit == "decade":
        moved = add_months(day, 120 * amount)
    elif unit == "century":
        moved = add_months(day, 1200 * amount)
    else:
        raise ValueError(f"unknown unit {unit!r}")
    return make_point(point.grain, moved)


def coarser(grain: str, other: str) -> str:
    """The coarser of two grains (a day shifted by a year is still a day; a year by a day is not)."""
    return grain if GRAINS.index(grain) <= GRAINS.index(other) else other


def parse_value(value: Optional[str]) -> Optional[Point]:
    """The :class:`Point` a precise TIMEX3 DATE value names; None for anything vague or partial."""
    if not value:
        return None
    match = re.fullmatch(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?|-W(\d\d?)|-Q([1-4])|-H([12])|-(SP|SU|FA|WI))?(?:T.*)?", value)
    if not match:
        return None
    year = int(match.group(1))
    month, dom, week, quarter, half, season = match.group(2, 3, 4, 5, 6, 7)
    try:
        if dom:
            return Point("day", date(year, int(month), int(dom)))
        if month:
            return Point("month", date(year, int(month), 1))
        if week:
            return Point("week", date.fromisocalendar(year, int(week), 1))
        if quarter:
            return Point("quarter", date(year, 3 * int(quarter) - 2, 1), int(quarter))
        if half:
            return Point("half", date(year, 1 if half == "1" else 7, 1), int(half))
        if season:
            return Point("season", season_start(year, season), SEASON_ORDER.index(season))
        return Point("year", date(year, 1, 1))
    except ValueError:
        return None


def nearest_year(month: int, dom: Optional[int], anchor: date, direction: Optional[str]) -> int:
    """The year that puts ``month`` (and day ``dom``) in the past, future or nearest to ``anchor``.

    "In March" said in April 2019 is March 2019 when past, March 2020 when future. Reports look
    back far more than ahead, so with no tense a year-less date is the past one unless it lies
    at most two months ahead (or eight or more months back: then it is the coming one). A
    past-tense clause still takes a date up to two months ahead as this year's ("declared a
    dividend payable Dec. 1": the tense belongs to the declaring), and never reaches back eleven
    months or more for a month named without its year.
    """
    if dom is None:
        ahead = month - anchor.month  # months from the anchor's month, -11..11
        limits = {"past": (1, -12), "future": (11, 0), None: (2, -7)}[direction]
    else:
        ahead = (_clamped(anchor.year, month, dom) - anchor).days
        limits = {"past": (60, -366), "future": (366, -7), None: (62, -240)}[direction]
    most_ahead, most_behind = limits
    if ahead > most_ahead:
        return anchor.year - 1
    if ahead < most_behind:
        return anchor.year + 1
    return anchor.year


def _clamped(year: int, month: int, dom: int) -> date:
    """The date, with 29 February moved to the 28th in a common year."""
    return date(year, month, min(dom, calendar.monthrange(year, month)[1]))


def weekday_date(weekday: int, anchor: date, direction: Optional[str], strict: bool = False) -> date:
    """The date of ``weekday`` (0 = Monday) before or after ``anchor``.

    Past (and no tense, the common case in reporting) takes the latest such day on or before
    the anchor, future the first on or after it; ``strict`` excludes the anchor day itself
    ("last Friday" said on a Friday is a week back).
    """
    back = (anchor.weekday() - weekday) % 7
    ahead = (weekday - anchor.weekday()) % 7
    if strict:
        back, ahead = back or 7, ahead or 7
    if direction == "future":
        return anchor + timedelta(days=ahead)
    return anchor - timedelta(days=back)


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    """The ``nth`` ``weekday`` of a month (nth = -1: the last one); for holidays like Thanksgiving."""
    days = [d for d in range(1, calendar.monthrange(year, month)[1] + 1) if date(year, month, d).weekday() == weekday]
    return date(year, month, days[nth])
