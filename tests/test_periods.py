"""Period arithmetic: a day is counted once, months by the stated rounding policy."""

import itertools
from datetime import date, timedelta
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from coordina.rules.periods import (
    days,
    intersect,
    longest_continuous_months,
    merge,
    months,
    subtract,
    subtract_merged,
    union_merged,
)

day = st.dates(date(1950, 1, 1), date(2030, 12, 31))
Blocks = list[tuple[date, date]]
interval = st.tuples(day, st.integers(0, 3000)).map(lambda t: (t[0], t[0] + timedelta(days=t[1])))
intervals = st.lists(interval, max_size=6)


def _day_set(blocks: Blocks) -> set[date]:
    return {s + timedelta(days=i) for s, e in blocks for i in range((e - s).days + 1)}


def test_whole_calendar_months() -> None:
    assert months([(date(1985, 1, 1), date(1991, 12, 31))]) == 84
    assert months([(date(2024, 2, 1), date(2024, 2, 29))]) == 1


def test_a_partial_month_counts_as_its_share_of_days() -> None:
    assert months([(date(2024, 1, 16), date(2024, 2, 14))]) == Fraction(16, 31) + Fraction(14, 29)
    assert months([(date(2023, 4, 1), date(2023, 4, 15))]) == Fraction(1, 2)


@given(intervals, intervals)
def test_months_are_additive_over_disjoint_days(a: Blocks, b: Blocks) -> None:
    only_b = subtract(b, a)
    assert months(a) + months(only_b) == months(a + b)


@given(intervals)
def test_merge_keeps_exactly_the_same_days(blocks: Blocks) -> None:
    merged = merge(blocks)

    assert _day_set(merged) == _day_set(blocks)
    assert days(blocks) == len(_day_set(blocks))
    assert all(a[1] + timedelta(days=1) < b[0] for a, b in itertools.pairwise(merged))


@given(intervals, intervals)
def test_subtract_removes_exactly_the_taken_days(blocks: Blocks, taken: Blocks) -> None:
    assert _day_set(subtract(blocks, taken)) == _day_set(blocks) - _day_set(taken)


@given(intervals, interval)
def test_intersect_is_the_common_days(blocks: Blocks, window: tuple[date, date]) -> None:
    assert _day_set(intersect(blocks, window)) == _day_set(blocks) & _day_set([window])


@given(intervals, intervals)
def test_months_never_double_count_and_grow_with_days(a: Blocks, b: Blocks) -> None:
    assert months(a + b) <= months(a) + months(b)
    assert months(a + b) >= max(months(a), months(b))
    assert months(a) == months(list(reversed(a)))


@given(intervals)
def test_longest_continuous_stretch_is_at_most_the_total(blocks: Blocks) -> None:
    assert longest_continuous_months(blocks) <= months(blocks)


@given(intervals, intervals)
def test_the_sweeps_on_merged_lists_agree_with_day_sets(a: Blocks, b: Blocks) -> None:
    left, right = merge(a), merge(b)
    fresh = subtract_merged(left, right)
    assert _day_set(fresh) == _day_set(left) - _day_set(right)
    assert union_merged(right, fresh) == merge([*right, *fresh])
