"""Period arithmetic: days covered, overlaps counted once, and months by an explicit policy.

Periods are closed intervals of days (both ends included). Overlapping periods are
merged before counting, so a day is never counted twice (EU Reg. 883/2004 Art. 6 and
the agreements' overlap rules only decide *which* institution keeps a shared day).
"""

from calendar import monthrange
from collections.abc import Iterable
from datetime import date, timedelta
from fractions import Fraction

Interval = tuple[date, date]

MONTH_POLICY = "calendar-month fraction"
"""Rounding policy for months: each calendar month counts as the share of its days that are
covered (a whole month is 1, 15 days of a 30-day month are 1/2), kept exact as a fraction.
The count is additive: days split between two institutions add up to the month. Our policy,
in the absence of an agreement's own conversion rule (not a legal rule: unverified)."""


def merge(intervals: Iterable[Interval]) -> list[Interval]:
    """The union of intervals, as sorted disjoint intervals (adjacent ones joined)."""
    merged: list[Interval] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1] + timedelta(days=1):
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def subtract(intervals: Iterable[Interval], taken: Iterable[Interval]) -> list[Interval]:
    """The days of ``intervals`` not in ``taken``."""
    result: list[Interval] = []
    blocks = merge(taken)
    for start, end in merge(intervals):
        cursor = start
        for t_start, t_end in blocks:
            if t_end < cursor or t_start > end:
                continue
            if t_start > cursor:
                result.append((cursor, t_start - timedelta(days=1)))
            cursor = max(cursor, t_end + timedelta(days=1))
            if cursor > end:
                break
        if cursor <= end:
            result.append((cursor, end))
    return result


def intersect(intervals: Iterable[Interval], window: Interval) -> list[Interval]:
    lo, hi = window
    return [(max(s, lo), min(e, hi)) for s, e in merge(intervals) if s <= hi and e >= lo]


def days(intervals: Iterable[Interval]) -> int:
    return sum((end - start).days + 1 for start, end in merge(intervals))


def months(intervals: Iterable[Interval]) -> Fraction:
    """Months covered, by the ``MONTH_POLICY``."""
    total = Fraction(0)
    for start, end in merge(intervals):
        cursor = start
        while cursor <= end:
            length = monthrange(cursor.year, cursor.month)[1]
            last = min(end, cursor.replace(day=length))
            total += Fraction((last - cursor).days + 1, length)
            cursor = last + timedelta(days=1)
    return total


def longest_continuous_months(intervals: Iterable[Interval]) -> Fraction:
    return max((months([block]) for block in merge(intervals)), default=Fraction(0))


def add_months(day: date, count: int) -> date:
    """The same day ``count`` months later, clamped to the month's end (31 Jan + 1 = 29 Feb)."""
    month_index = day.month - 1 + count
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, monthrange(year, month)[1]))
