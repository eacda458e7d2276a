"""Time expressions as date intervals, normalised against a document's publication date.

:func:`normalise` is a pure function of the expression's text, the anchor date (the
publication date, or None) and the tense of the clause; it returns the interval the
expression denotes, as two ``datetime.date`` bounds (either may be open: "since 2014" has
no end but the anchor, "by 2030" no start), or None when the text is no time point or
period kg can place ("for years", "recently", "a four-day visit"), or when it is relative
and there is no anchor.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from kg.extract.qualify.periods import (
    Interval,
    Tense,
    day_maker,
    month_maker,
    month_range,
    months_range,
    part_of,
    pick_year,
    shift,
    unit_range,
    week_range,
    year_range,
)
from kg.lexicons.qualifiers import (
    MONTHS,
    ORDINALS,
    SEASONS,
    TIME_NUMBER_WORDS,
    TIME_UNITS,
    WEEKDAYS,
)

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|2[01])\d\d)"


def _number(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return TIME_NUMBER_WORDS.get(word)


def clean(text: str) -> str:
    """Lower case, one space, no surrounding punctuation, typographic dashes as hyphens."""
    text = text.lower().replace("–", "-").replace("—", "-").replace("’", "'")
    text = re.sub(r"\s*-\s*", "-", text)
    return " ".join(text.strip(" ,.;:()\"'").split())


def normalise(text: str, anchor: date | None, tense: Tense = "past") -> Interval | None:
    """The interval a time expression denotes; None when kg cannot place it.

    >>> normalise("the first half of the year", date(2025, 8, 29))
    (datetime.date(2025, 1, 1), datetime.date(2025, 6, 30))
    """
    try:
        return _normalise(clean(text), anchor, tense)
    except (ValueError, OverflowError):  # "2025-13-45", "31/31/2020": no such day
        return None


def _normalise(t: str, anchor: date | None, tense: Tense) -> Interval | None:
    t = re.sub(r"^(?:only|just|as early as|as late as|sometime|some time|around|about) ", "", t)
    # Prepositions that shape the interval.
    for prep, how in (("since", "since"), ("from", "since"), ("starting", "since"),
                      ("until", "until"), ("till", "until"), ("through", "through"),
                      ("by", "until"), ("before", "before"), ("after", "after"),
                      ("as of", "at")):  # fmt: skip
        if t.startswith(prep + " "):
            rest = t[len(prep) + 1 :]
            if how == "since" and re.search(r"\b(?:to|until|till|through)\b", rest):
                break  # "from January to July": a range, below
            inner = _normalise(rest, anchor, tense)
            if inner is None:
                return None
            if how == "since":
                return inner[0], anchor if anchor and tense != "future" else None
            if how in {"until", "through"}:
                return None, inner[1]
            if how == "before":
                return None, inner[0] - timedelta(days=1) if inner[0] else None
            if how == "after":
                return inner[1] + timedelta(days=1) if inner[1] else None, None
            return inner
    t = re.sub(r"^(?:in|on|at|during|over|throughout|within|for|of|around|about) ", "", t)
    # Ranges: "between January and July", "from March to May", "January-July", "2020-2024".
    m = re.fullmatch(r"(?:between (.+?) and|from (.+?) (?:to|until|till|through)) (.+)", t) or (
        re.fullmatch(r"([a-z]+(?: \d{4})?|\d{4})-([a-z]+(?: \d{4})?|\d{2}|\d{4})", t)
    )
    if m:
        span = _range([g for g in m.groups() if g], anchor, tense)
        if span is not None or not m.group(0).count("-"):
            return span
    return _point(t, anchor, tense)


def _range(groups: list[str], anchor: date | None, tense: Tense) -> Interval | None:
    first, last = groups[0], groups[-1]
    if re.fullmatch(r"\d{4}", first) and re.fullmatch(r"\d{2}", last):
        last = first[:2] + last  # "2023-24"
    end = normalise(last, anchor, tense)
    if end is None or end[1] is None:
        return None
    # A year-less start takes the end's year ("between January and July 2024").
    start = normalise(first, end[1], "past")
    if start is None or start[0] is None:
        return None
    return start[0], end[1]


class _Unmatched:
    """What a reader of one kind of expression returns when the text is not of its kind
    (None means: of its kind, but kg cannot place it)."""


UNMATCHED = _Unmatched()
Reading = Interval | None | _Unmatched


def _point(t: str, anchor: date | None, tense: Tense) -> Interval | None:
    """A single period: absolute ones first, then those relative to the anchor."""
    t = re.sub(r"^the ", "", t)
    for read in (_numeric_date, _month_date, _year, _fraction_of_year, _season):
        found = read(t, anchor, tense)
        if not isinstance(found, _Unmatched):
            return found
    if anchor is None:
        return None
    return _relative(t, anchor, tense)


def _numeric_date(t: str, _anchor: date | None, _tense: Tense) -> Reading:
    """ISO dates and slashed US dates."""
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", t)
    if m:
        d = date(*map(int, m.groups()))
        return d, d
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", t)
    if m:
        d = date(int(m[3]), int(m[1]), int(m[2]))
        return d, d
    return UNMATCHED


def _month_date(t: str, anchor: date | None, tense: Tense) -> Reading:
    """ "May 8, 2025", "8 May 2025", "May 8th", "the 8th of May", "May 2025", "May"."""
    for pattern in (
        rf"{_MONTH} {_DAY},? {_YEAR}",
        rf"{_DAY} (?:of )?{_MONTH},? {_YEAR}",
        rf"{_MONTH} {_DAY}",
        rf"{_DAY} (?:of )?{_MONTH}",
        rf"(?:(?P<part>early|mid|late|end of|beginning of|start of|the end of)[- ])?"
        rf"{_MONTH}(?:,? (?:of )?{_YEAR})?",
    ):
        m = re.fullmatch(pattern, t)
        if not m:
            continue
        found = m.groupdict()
        month = MONTHS[found["month"]]
        if found.get("day"):
            day = int(found["day"])
            if not 1 <= day <= calendar.monthrange(2024, month)[1]:
                return None
            if found.get("year"):
                d = date(int(found["year"]), month, day)
                return d, d
            if anchor is None:
                return None
            if month == 2 and day == 29:
                return None
            d = pick_year(day_maker(month, day), anchor, tense)[0]
            return d, d
        if found.get("year"):
            span = month_range(int(found["year"]), month)
        elif anchor is None:
            return None
        else:
            span = pick_year(month_maker(month), anchor, tense)
        return part_of(span, found.get("part"))
    return UNMATCHED


def _year(t: str, _anchor: date | None, _tense: Tense) -> Reading:
    """Years and decades: "2024", "early 2024", "the 1990s", "fiscal 2024"."""
    m = re.fullmatch(
        rf"(?:(?P<part>early|mid|late|end of|beginning of|start of)[- ])?(?:fiscal |fy ?)?{_YEAR}",
        t,
    )
    if m:
        return part_of(year_range(int(m["year"])), m["part"])
    m = re.fullmatch(r"((?:1[89]|20)\d0)'?s", t)
    if m:
        return date(int(m[1]), 1, 1), date(int(m[1]) + 9, 12, 31)
    return UNMATCHED


def _fraction_of_year(t: str, anchor: date | None, tense: Tense) -> Reading:
    """Quarters and halves: "the first half of the year", "Q3 2024", "the second quarter"."""
    m = re.fullmatch(
        r"(?:(?P<ord>first|second|third|fourth|last|final|1st|2nd|3rd|4th)[- ]"
        r"(?P<kind>half|quarter|six months|nine months|three months)|q(?P<q>[1-4])|h(?P<h>[12]))"
        r"(?:(?: of)? (?P<which>the year|this year|last year|next year|the current year|"
        r"the previous year|(?:19|20)\d\d))?",
        t,
    )
    return _fraction(m, anchor, tense) if m else UNMATCHED


def _season(t: str, anchor: date | None, tense: Tense) -> Reading:
    """Seasons: "this summer", "last winter", "summer 2024"."""
    m = re.fullmatch(r"(?:(this|last|next|the) )?(spring|summer|autumn|fall|winter)(?: of)?"
                     r"(?: ((?:19|20)\d\d))?", t)  # fmt: skip
    if not m:
        return UNMATCHED
    first, last = SEASONS[m[2]]
    if m[3]:
        return months_range(int(m[3]), first, last)
    if anchor is None:
        return None
    which = {"last": "past", "next": "future"}.get(m[1] or "", tense)
    if m[1] == "this":
        which = "present"
    return pick_year(lambda y: months_range(y, first, last), anchor, which)  # type: ignore[arg-type]


def _fraction(m: re.Match[str], anchor: date | None, tense: Tense) -> Interval | None:
    ordinal = m["ord"] or ""
    ordinal = {"1st": "first", "2nd": "second", "3rd": "third", "4th": "fourth"}.get(
        ordinal, ordinal
    )
    kind = m["kind"] or ("quarter" if m["q"] else "half")
    size = {"half": 6, "quarter": 3, "six months": 6, "nine months": 9, "three months": 3}[kind]
    count = 2 if kind == "half" else 4
    if m["q"] or m["h"]:
        index = int(m["q"] or m["h"])
    else:
        index = ORDINALS[ordinal]
        if index == -1:
            index = count
    if kind in {"six months", "nine months", "three months"}:
        if ordinal not in {"first", "last", "final"}:
            return None
        first = 1 if ordinal == "first" else 13 - size
    else:
        first = (index - 1) * size + 1
    last = first + size - 1
    which = m["which"]
    if which and which[:2] in {"19", "20"}:
        return months_range(int(which), first, last)
    if anchor is None:
        return None
    if which in {"the year", "this year", "the current year"}:
        return months_range(anchor.year, first, last)
    if which in {"last year", "the previous year"}:
        return months_range(anchor.year - 1, first, last)
    if which == "next year":
        return months_range(anchor.year + 1, first, last)
    return pick_year(lambda y: months_range(y, first, last), anchor, tense)


def _relative(t: str, anchor: date, tense: Tense) -> Interval | None:
    """Expressions that only make sense against the anchor date."""
    day = timedelta(days=1)
    simple = {
        "today": (anchor, anchor),
        "tonight": (anchor, anchor),
        "this morning": (anchor, anchor),
        "this afternoon": (anchor, anchor),
        "this evening": (anchor, anchor),
        "yesterday": (anchor - day, anchor - day),
        "tomorrow": (anchor + day, anchor + day),
        "the day before yesterday": (anchor - 2 * day, anchor - 2 * day),
        "day before yesterday": (anchor - 2 * day, anchor - 2 * day),
        "the day after tomorrow": (anchor + 2 * day, anchor + 2 * day),
        "day after tomorrow": (anchor + 2 * day, anchor + 2 * day),
        "now": (anchor, anchor),
        "currently": (anchor, anchor),
        "to date": (None, anchor),
        "so far": (None, anchor),
        "so far this year": (date(anchor.year, 1, 1), anchor),
        "year to date": (date(anchor.year, 1, 1), anchor),
        "year-to-date": (date(anchor.year, 1, 1), anchor),
    }
    if t in simple:
        return simple[t]
    t = re.sub(r"^(?:yesterday|today|tomorrow) ", "", t)  # "yesterday evening"
    for read in (_weekday, _this_unit, _duration, _ago, _part_of_unit):
        found = read(t, anchor, tense)
        if not isinstance(found, _Unmatched):
            return found
    return None


def _weekday(t: str, anchor: date, tense: Tense) -> Reading:
    """Weekdays: "Monday", "last Friday", "next Tuesday", "on Monday morning"."""
    m = re.fullmatch(
        r"(?:(last|next|this|coming|past) )?(monday|tuesday|wednesday|thursday|friday|saturday|"
        r"sunday)(?: (?:morning|afternoon|evening|night))?",
        t,
    )
    if not m:
        return UNMATCHED
    target = WEEKDAYS[m[2]]
    back = (anchor.weekday() - target) % 7
    ahead = (target - anchor.weekday()) % 7
    if m[1] in {"next", "coming"} or (m[1] is None and tense == "future"):
        d = anchor + timedelta(days=ahead or (7 if m[1] else 0))
    elif m[1] == "this":
        d = week_range(anchor)[0] + timedelta(days=target)
    else:
        d = anchor - timedelta(days=back or (7 if m[1] else 0))
    return d, d


def _this_unit(t: str, anchor: date, _tense: Tense) -> Reading:
    """ "this week", "last month", "next year", "the past week", "this quarter"."""
    m = re.fullmatch(
        r"(?:(earlier|later|early|late|end of|the end of) )?(this|last|next|past|previous|coming|"
        r"current) (week|weekend|month|quarter|year|decade)",
        t,
    )
    if not m:
        return UNMATCHED
    part, which, unit = m[1], m[2], m[3]
    if unit == "weekend":
        saturday = week_range(anchor)[0] + timedelta(days=5)
        offset = {"last": -7, "past": -7, "previous": -7, "next": 7, "coming": 7}.get(which, 0)
        return saturday + timedelta(days=offset), saturday + timedelta(days=offset + 1)
    step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(which, 0)
    if which == "past" and unit in {"week", "month", "year", "decade"} and not part:
        return shift(anchor, unit, -1), anchor  # "the past year": a rolling year
    span = unit_range(unit, shift(anchor, unit, step))
    if part == "earlier" and step == 0:
        return span[0], anchor
    if part == "later" and step == 0:
        return anchor, span[1]
    if part:
        return part_of(span, part.replace("earlier", "early").replace("later", "late"))
    return span


def _duration(t: str, anchor: date, tense: Tense) -> Reading:
    """ "the past 10 years", "the last three months", "the previous two weeks", "over 5 years"."""
    m = re.fullmatch(
        r"(?:(?:the )?(?:past|last|previous|preceding|coming|next) )?(\d+|[a-z]+(?: of)?) "
        r"(days?|weeks?|months?|years?|decades?|quarters?)",
        t,
    )
    if not m or (n := _number(m[1])) is None:
        return UNMATCHED
    unit = TIME_UNITS[m[2].rstrip("s")]
    ahead = re.match(r"(?:the )?(?:coming|next) ", t) is not None
    bare = t[0].isdigit() or t.split()[0] in TIME_NUMBER_WORDS
    if ahead or (bare and tense == "future"):
        return anchor, shift(anchor, unit, n)
    if bare:
        # A bare duration ("four days", "10 years"): the period up to the anchor.
        if tense != "past":
            return shift(anchor, unit, -n), anchor
        return None
    return shift(anchor, unit, -n), anchor


def _ago(t: str, anchor: date, _tense: Tense) -> Reading:
    """ "10 years ago", "two weeks ago", "a decade ago"."""
    m = re.fullmatch(r"(\d+|[a-z]+(?: of)?) (days?|weeks?|months?|years?|decades?) (ago|earlier)",
                     t)  # fmt: skip
    if not m or (n := _number(m[1])) is None:
        return UNMATCHED
    unit = TIME_UNITS[m[2].rstrip("s")]
    then = shift(anchor, unit, -n)
    if unit in {"day", "week"}:
        return then, then
    return unit_range("year" if unit == "decade" else unit, then)


def _part_of_unit(t: str, anchor: date, _tense: Tense) -> Reading:
    """ "earlier this year" etc. without "this": "earlier in the year", "the end of the year"."""
    m = re.fullmatch(r"(earlier|later|early|late|the end of|end of)(?: in)? the (year|month|week)",
                     t)  # fmt: skip
    if not m:
        return UNMATCHED
    span = unit_range(m[2], anchor)
    if m[1] == "earlier":
        return span[0], anchor
    if m[1] == "later":
        return anchor, span[1]
    return part_of(span, m[1])
