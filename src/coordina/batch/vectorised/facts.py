"""A scheme's facts on each claim date, as columns: what national law and the agreement say on
that day, worked out once per distinct date by the scalar rules themselves (a few hundred dates
for millions of people), then joined to every person claiming that day."""

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

import polars as pl

from coordina.domain.agreement import Agreement
from coordina.domain.scheme import AgeWindow, PensionAge, Scheme
from coordina.domain.vocabulary import Branch
from coordina.rules.eligibility import qualifying_period, qualifying_value
from coordina.rules.periods import UNITS_PER_MONTH
from coordina.rules.totalization import own_kinds
from coordina.rules.trace import Citer


def per_date(dates: Sequence[date], fact: Callable[[date], dict[str, Any]], schema: dict[str, Any]) -> pl.DataFrame:
    """``fact(day)`` for each distinct day, as a table keyed by ``claim_date``."""
    days = sorted(set(dates))
    found = [fact(day) for day in days]
    columns = {"claim_date": days, **{name: [row.get(name) for row in found] for name in schema}}
    return pl.DataFrame(columns, schema={"claim_date": pl.Date, **schema})  # by column: faster than by row


WINDOW: dict[str, Any] = {
    "window_from_months": pl.Int64,
    "window_before_pension_years": pl.Int64,
    "window_to_months": pl.Int64,
    "window_to_pension_age": pl.Boolean,
    "window_kinds": pl.List(pl.Utf8),
    "window_qualification": pl.Boolean,
    "window_amount": pl.Boolean,
}


def counting_facts(scheme: Scheme, agreement: Agreement, branch: Branch, dates: Sequence[date]) -> pl.DataFrame:
    """Own kinds (``rules.totalization.own_kinds``), the age window (``rules.ages.counting_ages``)
    and the qualifying period in month units (null: unknown) on each claim date."""
    cite = Citer(agreement)
    known: dict[tuple[int, int, int], dict[str, Any]] = {}

    def fact(day: date) -> dict[str, Any]:
        parameter = scheme.parameters.counting_ages
        value = parameter.at(day) if parameter else None
        qualifying = qualifying_value(scheme, branch, day)
        conversion = scheme.parameters.unit_conversion.at(day) if scheme.parameters.unit_conversion else None
        key = (id(value), id(qualifying), id(conversion))  # the facts change only with these values
        if key not in known:
            needed, _ = qualifying_period(agreement, scheme, branch, day, cite)
            window = _window(value.value) if value else dict.fromkeys(WINDOW)
            units = None if needed is None else needed * UNITS_PER_MONTH
            known[key] = {
                "own_kinds": sorted(k.value for k in own_kinds(scheme, branch, day)),
                **window,
                "needed_units": None if units is None else (int(units) if units.denominator == 1 else None),
                "needed_inexact": units is not None and units.denominator != 1,
            }
        return known[key]

    return per_date(
        dates, fact, {"own_kinds": pl.List(pl.Utf8), **WINDOW, "needed_units": pl.Int64, "needed_inexact": pl.Boolean}
    )


def _window(window: AgeWindow) -> dict[str, Any]:
    return {
        "window_from_months": None if window.from_age is None else window.from_age.years * 12 + window.from_age.months,
        "window_before_pension_years": window.years_before_pension_age,
        "window_to_months": None if window.to_age is None else window.to_age.years * 12 + window.to_age.months,
        "window_to_pension_age": window.to_pension_age,
        "window_kinds": [k.value for k in window.kinds],
        "window_qualification": "qualification" in window.applies_to,
        "window_amount": "amount" in window.applies_to,
    }


def pension_age_tables(scheme: Scheme, dates: Sequence[date]) -> tuple[pl.DataFrame, dict[int, list[PensionAge]]]:
    """Which version of the pension-age table holds on each claim date (``version``: null where
    the scheme has the parameter but no value that day; -1 where it has no age condition)."""
    parameter = scheme.parameters.pension_age
    versions: dict[int, list[PensionAge]] = {}

    def fact(day: date) -> dict[str, Any]:
        if parameter is None:
            return {"version": -1}
        value = parameter.at(day)
        if value is None:
            return {"version": None}
        number = parameter.root.index(value)
        versions[number] = value.value
        return {"version": number}

    return per_date(dates, fact, {"version": pl.Int64}), versions
