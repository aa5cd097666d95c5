"""Period arithmetic: days covered, overlaps counted once, and months by an explicit policy.

Periods are closed intervals of days (both ends included). Overlapping periods are
merged before counting, so a day is never counted twice (EU Reg. 883/2004 Art. 6 and
the agreements' overlap rules only decide *which* institution keeps a shared day).
Every operation sorts once and sweeps: time grows with n log n, never with n².
"""

from calendar import monthrange
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


def merge(intervals: Iterable[Interval]) -> list[Interval]:
    """The union of intervals, as sorted disjoint intervals (adjacent ones joined)."""
    merged: list[Interval] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1] + ONE_DAY:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def subtract(intervals: Iterable[Interval], taken: Iterable[Interval]) -> list[Interval]:
    """The days of ``intervals`` not in ``taken`` (one sweep over both, sorted)."""
    blocks = merge(taken)
    result: list[Interval] = []
    i = 0
    for start, end in merge(intervals):
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


def union_sorted(a: Sequence[Interval], b: Sequence[Interval]) -> list[Interval]:
    """The union of two merged lists."""
    return merge([*a, *b])


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


def _count(start: date, end: date, share_days: dict[int, int]) -> int:
    """Whole calendar months in ``start``..``end``; the days of partial months are added to
    ``share_days`` keyed by the month's length (closed form, no month-by-month loop)."""
    first_length = monthrange(start.year, start.month)[1]
    if (start.year, start.month) == (end.year, end.month):
        covered = (end - start).days + 1
        if covered == first_length:
            return 1
        share_days[first_length] = share_days.get(first_length, 0) + covered
        return 0
    whole = (end.year - start.year) * 12 + end.month - start.month - 1
    if start.day == 1:
        whole += 1
    else:
        share_days[first_length] = share_days.get(first_length, 0) + first_length - start.day + 1
    last_length = monthrange(end.year, end.month)[1]
    if end.day == last_length:
        whole += 1
    else:
        share_days[last_length] = share_days.get(last_length, 0) + end.day
    return whole


def _total(whole: int, share_days: dict[int, int]) -> Fraction:
    return whole + sum((Fraction(d, length) for length, d in share_days.items()), Fraction(0))


def interval_months(start: date, end: date) -> Fraction:
    """Months in one interval by the ``MONTH_POLICY``."""
    share_days: dict[int, int] = {}
    return _total(_count(start, end, share_days), share_days)


def months(intervals: Iterable[Interval]) -> Fraction:
    """Months covered, by the ``MONTH_POLICY`` (overlaps counted once)."""
    share_days: dict[int, int] = {}
    whole = sum(_count(s, e, share_days) for s, e in merge(intervals))
    return _total(whole, share_days)


def longest_continuous_months(intervals: Iterable[Interval]) -> Fraction:
    return max((interval_months(s, e) for s, e in merge(intervals)), default=Fraction(0))


def add_months(day: date, count: int) -> date:
    """The same day ``count`` months later, clamped to the month's end (31 Jan + 1 = 29 Feb)."""
    month_index = day.month - 1 + count
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, monthrange(year, month)[1]))
