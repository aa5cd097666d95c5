"""Period arithmetic: days covered, overlaps counted once, and months by an explicit policy.

Periods are closed intervals of days (both ends included). Overlapping periods are
merged before counting, so a day is never counted twice (EU Reg. 883/2004 Art. 6 and
the agreements' overlap rules only decide *which* institution keeps a shared day).
Every operation sorts once and sweeps: time grows with n log n, never with n².
"""

import heapq
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from fractions import Fraction

Interval = tuple[date, date]
ONE_DAY = timedelta(days=1)

MONTH_POLICY = "calendar-month fraction"
"""Rounding policy for months: each calendar month counts as the share of its days that are
covered (a whole month is 1, 15 days of a 30-day month are 1/2), kept exact as a fraction.
The count is additive: days split between two institutions add up to the month. Our policy,
in the absence of an agreement's own conversion rule (not a legal rule: unverified)."""


_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def month_length(year: int, month: int) -> int:
    """Days in a month of the Gregorian calendar (what ``calendar.monthrange`` gives, faster)."""
    if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        return 29
    return _MONTH_DAYS[month - 1]


def merge(intervals: Iterable[Interval]) -> list[Interval]:
    """The union of intervals, as sorted disjoint intervals (adjacent ones joined)."""
    return _join(sorted(intervals))


def _join(ordered: Iterable[Interval]) -> list[Interval]:
    """Intervals in order of start, overlapping or adjacent ones joined."""
    merged: list[Interval] = []
    for start, end in ordered:
        if merged and start <= merged[-1][1] + ONE_DAY:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def subtract(intervals: Iterable[Interval], taken: Iterable[Interval]) -> list[Interval]:
    """The days of ``intervals`` not in ``taken`` (one sweep over both, sorted)."""
    return subtract_merged(merge(intervals), merge(taken))


def subtract_merged(intervals: Sequence[Interval], blocks: Sequence[Interval]) -> list[Interval]:
    """``subtract`` for inputs already merged (sorted, disjoint): one sweep, no sorting."""
    result: list[Interval] = []
    i = 0
    for start, end in intervals:
        while i < len(blocks) and blocks[i][1] < start:
            i += 1
        cursor, j = start, i
        while j < len(blocks) and blocks[j][0] <= end:
            t_start, t_end = blocks[j]
            if t_start > cursor:
                result.append((cursor, t_start - ONE_DAY))
            cursor = max(cursor, t_end + ONE_DAY)
            if t_end > end:
                break
            j += 1
        if cursor <= end:
            result.append((cursor, end))
    return result


def union_merged(a: Sequence[Interval], b: Sequence[Interval]) -> list[Interval]:
    """The union of two merged lists, in one linear pass (no sorting)."""
    return _join(heapq.merge(a, b))


def intersect(intervals: Iterable[Interval], window: Interval) -> list[Interval]:
    lo, hi = window
    return [(max(s, lo), min(e, hi)) for s, e in merge(intervals) if s <= hi and e >= lo]


def intersect_all(intervals: Iterable[Interval], others: Iterable[Interval]) -> list[Interval]:
    """The days in both sets (one sweep)."""
    a, b = merge(intervals), merge(others)
    result: list[Interval] = []
    i = j = 0
    while i < len(a) and j < len(b):
        start, end = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if start <= end:
            result.append((start, end))
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return result


def days(intervals: Iterable[Interval]) -> int:
    return sum((end - start).days + 1 for start, end in merge(intervals))


UNITS_PER_MONTH = 755_160
"""Months are counted exactly in integer units: 755,160 is the least common multiple of the
month lengths 28, 29, 30 and 31, so one day of any month is a whole number of units."""

_UNITS_PER_DAY = {length: UNITS_PER_MONTH // length for length in (28, 29, 30, 31)}


def _units(start: date, end: date) -> int:
    """Units of months in ``start``..``end`` (closed form, no month-by-month loop): the share
    of each partial month is its covered days over the month's length."""
    first_length = month_length(start.year, start.month)
    if (start.year, start.month) == (end.year, end.month):
        return ((end - start).days + 1) * _UNITS_PER_DAY[first_length]
    whole = (end.year - start.year) * 12 + end.month - start.month - 1
    first = (first_length - start.day + 1) * _UNITS_PER_DAY[first_length]
    last = end.day * _UNITS_PER_DAY[month_length(end.year, end.month)]
    return whole * UNITS_PER_MONTH + first + last


def interval_months(start: date, end: date) -> Fraction:
    """Months in one interval by the ``MONTH_POLICY``."""
    return Fraction(_units(start, end), UNITS_PER_MONTH)


def months(intervals: Iterable[Interval]) -> Fraction:
    """Months covered, by the ``MONTH_POLICY`` (overlaps counted once)."""
    return months_merged(merge(intervals))


def months_merged(blocks: Iterable[Interval]) -> Fraction:
    """``months`` of intervals already merged (disjoint): no sorting."""
    return Fraction(sum(_units(s, e) for s, e in blocks), UNITS_PER_MONTH)


def clip_merged(blocks: list[Interval], last: date) -> list[Interval]:
    """Merged intervals cut at ``last`` (the day before the claim)."""
    if not blocks or blocks[-1][1] <= last:
        return blocks
    kept = [b for b in blocks if b[0] <= last]
    if kept and kept[-1][1] > last:
        kept[-1] = (kept[-1][0], last)
    return kept


def longest_continuous_months(intervals: Iterable[Interval], merged: bool = False) -> Fraction:
    blocks = intervals if merged else merge(intervals)
    return Fraction(max((_units(s, e) for s, e in blocks), default=0), UNITS_PER_MONTH)


def add_months(day: date, count: int) -> date:
    """The same day ``count`` months later, clamped to the month's end (31 Jan + 1 = 29 Feb)."""
    month_index = day.month - 1 + count
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, month_length(year, month)))
