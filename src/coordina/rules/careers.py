"""The career a national formula reads (``rules.formulas.Career``), built from the claim.

For the **independent amount** the career is the scheme's own periods, with the earnings the
case gives for them by calendar year (``rules.earnings``), in the currency the scheme pays in on
the claim date (a former euro-area currency converted at its fixed rate). A year whose own
months come from a period without earnings for that year is *missing*: the formula says it needs
it, never zero.

For the **theoretical amount** every totalized period counts as if it had been completed under
this legislation; the other parties' periods carry no earnings of this scheme, so the formula
gives them the average of the own years' earnings as it values them (revalued, capped: the rule
of Reg. (EC) No 883/2004 art. 56(1)(c) and of the agreements modelled on it, unless the
agreement says otherwise); ``attributed_years`` names those years, so that the trace says so.
"""

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from decimal import Decimal
from fractions import Fraction

from coordina.domain.case import Period, Person
from coordina.domain.vocabulary import Branch
from coordina.rules.earnings import days_by_year, yearly_earnings
from coordina.rules.formulas.career import Career, months_by_year
from coordina.rules.money import converted
from coordina.rules.periods import Interval, merge
from coordina.rules.spells import Spell

Figures = dict[tuple[object, ...], object]
"""A claim's cache of the careers' heavy parts, shared by the sex variants of a decision (keys
hold the identity of the counted days, which the claim keeps alive)."""


def own_career(
    person: Person,
    branch: Branch,
    claim_date: date,
    pension_age_on: date | None,
    own_days: list[Interval],
    own: Sequence[tuple[Spell, Interval]],
    periods: Sequence[Period],
    currency: str | None,
    totalized_months: Fraction,
    figures: Figures | None = None,
) -> tuple[Career, list[str]]:
    """The scheme's own periods and their earnings; also the currencies that could not be
    converted into ``currency`` (their years are missing)."""
    key = ("own", id(own_days), id(periods), currency, frozenset(spell.index for spell, _ in own))
    found = figures.get(key) if figures is not None else None
    if not isinstance(found, tuple):
        found = _own_figures(own_days, own, periods, currency)
        if figures is not None:
            figures[key] = found
    by_year, earnings, split, foreign_currency = found
    missing = tuple(y for y, m in by_year.items() if m > 0 and y not in earnings)
    career = Career(
        birth_date=person.birth_date,
        sex=person.sex,
        claim_date=claim_date,
        pension_age_on=pension_age_on,
        branch=branch,
        months=sum(by_year.values(), Fraction(0)),
        months_by_year=by_year,
        earnings=earnings,
        currency=currency,
        earnings_missing=missing,
        split_years=frozenset(split & set(earnings)),
        totalized_months=totalized_months,
    )
    return career, list(foreign_currency)


def _own_figures(
    own_days: list[Interval], own: Sequence[tuple[Spell, Interval]], periods: Sequence[Period], currency: str | None
) -> tuple[dict[int, Fraction], dict[int, Decimal], set[int], list[str]]:
    """Months and known earnings by year of the own periods (the heavy part of ``own_career``)."""
    by_year = months_by_year(own_days)
    earnings: dict[int, Decimal] = {}
    unknown: set[int] = set()
    split: set[int] = set()
    foreign_currency: list[str] = []
    blocks = merge(own_days)
    starts = [block[0] for block in blocks]
    for index in sorted({spell.index for spell, _ in own}):
        period = periods[index]
        counted = _within(period.start, period.end, blocks, starts)
        if not counted:
            continue
        if period.earnings is None and not period.earnings_by_year:  # no earnings: its years are unknown
            unknown.update(year for start, end in counted for year in range(start.year, end.year + 1))
            continue
        yearly = yearly_earnings(period, f"periods.{index}.earnings")
        counted_days = _days_by_year(counted)
        whole_days = days_by_year(period.start, period.end)
        for year, days in counted_days.items():
            amount = yearly.by_year.get(year)
            value = converted(amount, yearly.currency or "", currency) if amount is not None and currency else None
            if amount is not None and value is None and yearly.currency not in foreign_currency:
                foreign_currency.append(yearly.currency or "")
            if value is None:
                unknown.add(year)
                continue
            if days < whole_days[year]:  # part of the period's year is another State's (posting, entry into force)
                value = value * days / whole_days[year]
                split.add(year)
            if yearly.split_by_days:
                split.add(year)
            earnings[year] = earnings.get(year, Decimal(0)) + value
    for year in unknown:
        earnings.pop(year, None)  # a year is known only when every period in it gives its earnings
    return by_year, earnings, split, foreign_currency


def theoretical_career(own: Career, foreign_days: list[Interval], figures: Figures | None = None) -> Career:
    """``own`` with every other party's period added as if national: their months count, and
    the formula gives them the average of the own years' earnings (``Career.attributed_years``)."""
    key = ("foreign", id(foreign_days))
    foreign = figures.get(key) if figures is not None else None
    if foreign is None:
        foreign = months_by_year(foreign_days)
        if figures is not None:
            figures[key] = foreign
    assert isinstance(foreign, dict)
    by_year = dict(own.months_by_year)
    for year, months in foreign.items():
        by_year[year] = by_year.get(year, Fraction(0)) + months
    by_year = dict(sorted(by_year.items()))
    return replace(
        own,
        months=sum(by_year.values(), Fraction(0)),
        months_by_year=by_year,
        own_months_by_year=own.months_by_year,
        attributed_years=frozenset(y for y, m in foreign.items() if m > 0),
        theoretical=True,
    )


def _within(start: date, end: date, blocks: list[Interval], starts: list[date]) -> list[Interval]:
    """The parts of ``start``..``end`` inside the merged, sorted ``blocks`` (a binary search: a
    career of thousands of periods stays linear)."""
    first = max(bisect_right(starts, start) - 1, 0)
    found: list[Interval] = []
    for block_start, block_end in blocks[first:]:
        if block_start > end:
            break
        if block_end >= start:
            found.append((max(start, block_start), min(end, block_end)))
    return found


def _days_by_year(intervals: list[Interval]) -> dict[int, int]:
    out: dict[int, int] = {}
    for start, end in intervals:
        for year, days in days_by_year(start, end).items():
            out[year] = out.get(year, 0) + days
    return out
