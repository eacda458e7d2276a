"""Calendar periods: months, quarters, weeks, and where a year-less period falls."""

from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import date, timedelta
from typing import Literal

Tense = Literal["past", "present", "future"]
Interval = tuple[date | None, date | None]


def add_months(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def month_range(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def year_range(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def months_range(year: int, first: int, last: int) -> tuple[date, date]:
    """Months ``first``..``last`` of ``year`` (``last`` < ``first`` runs into the next year)."""
    end_year = year + 1 if last < first else year
    return month_range(year, first)[0], month_range(end_year, last)[1]


def week_range(d: date) -> tuple[date, date]:
    monday = d - timedelta(days=d.weekday())
    return monday, monday + timedelta(days=6)


def pick_year(make: Callable[[int], tuple[date, date]], anchor: date, tense: Tense) -> tuple[
    date, date
]:
    """The occurrence of a year-less period (a month, "August 28", a quarter) the text means.

    Past tense: the latest one that has begun by the anchor; future: the first that has not
    ended; present: the nearest.
    """
    options = [make(anchor.year + k) for k in (-1, 0, 1)]
    if tense == "past":
        return [o for o in options if o[0] <= anchor][-1]
    if tense == "future":
        return next(o for o in options if o[1] >= anchor)

    def distance(o: tuple[date, date]) -> int:
        if o[0] <= anchor <= o[1]:
            return 0
        return min(abs((o[0] - anchor).days), abs((o[1] - anchor).days))

    return min(options, key=distance)


def shift(anchor: date, unit: str, n: int) -> date:
    """``anchor`` moved by ``n`` units (negative: back)."""
    if unit == "day":
        return anchor + timedelta(days=n)
    if unit == "week":
        return anchor + timedelta(weeks=n)
    months = {"month": 1, "quarter": 3, "year": 12, "decade": 120, "century": 1200}[unit]
    return add_months(anchor, months * n)


def unit_range(unit: str, d: date) -> tuple[date, date]:
    """The calendar day, week, month, quarter or year holding ``d``."""
    if unit == "day":
        return d, d
    if unit == "week":
        return week_range(d)
    if unit == "month":
        return month_range(d.year, d.month)
    if unit == "quarter":
        q = (d.month - 1) // 3
        return months_range(d.year, 3 * q + 1, 3 * q + 3)
    if unit == "decade":
        start = d.year - d.year % 10
        return date(start, 1, 1), date(start + 9, 12, 31)
    return year_range(d.year)


def day_maker(month: int, day: int) -> Callable[[int], tuple[date, date]]:
    return lambda year: (date(year, month, day), date(year, month, day))


def month_maker(month: int) -> Callable[[int], tuple[date, date]]:
    return lambda year: month_range(year, month)


def part_of(span: tuple[date, date], part: str | None) -> tuple[date, date]:
    """Early, mid, late or the end of a month or a year, as thirds of it."""
    if not part:
        return span
    start, end = span
    third = (end - start).days // 3
    if part.endswith(("beginning of", "start of")):
        return start, start + timedelta(days=third // 4)
    if part.endswith("end of"):
        return end - timedelta(days=third // 4), end
    if part == "early":
        return start, start + timedelta(days=third)
    if part == "mid":
        return start + timedelta(days=third + 1), end - timedelta(days=third + 1)
    return end - timedelta(days=third), end
