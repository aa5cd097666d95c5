"""National formulas over every person at once: the columnar forms of ``rules.formulas``, one
module per formula kind, each equal to the scalar formula (the oracle) on every career.

A formula is ``compute(careers, scheme) -> table`` with columns person, amount_n, amount_d (the
amount per the formula's ``amount_period`` before rounding, an exact rational as 128-bit
integers; null where the scalar formula gives no amount, e.g. earnings it needs are missing).
``careers`` (``Careers``) holds, per person and calendar year, the months and earnings the
formula counts (``batch.vectorised.careers``), and per person the claim's facts.

A kind missing from ``VECTORISED`` is computed by the scalar engine for the people whose
decision needs it (the kernel says how many).
"""

from collections.abc import Callable, Mapping

import polars as pl

from coordina.batch.vectorised.formulas import (
    a_and_b_values,
    basic_plus_accrual,
    best_years,
    earnings_points,
    last_salaries,
    pensionable_earnings,
    pensionable_salary,
    replacement_rate,
    value_per_month,
)
from coordina.batch.vectorised.formulas.frames import Careers
from coordina.domain.scheme import BenefitFormulaKind, Scheme

Compute = Callable[[Careers, Scheme], pl.DataFrame]

VECTORISED: Mapping[BenefitFormulaKind, Compute] = {
    BenefitFormulaKind.replacement_rate: replacement_rate.compute,
    BenefitFormulaKind.basic_plus_accrual: basic_plus_accrual.compute,
    BenefitFormulaKind.best_years_rate_duration: best_years.compute,
    BenefitFormulaKind.last_salaries_rate: last_salaries.compute,
    BenefitFormulaKind.value_per_month: value_per_month.compute,
    BenefitFormulaKind.earnings_points: earnings_points.compute,
    BenefitFormulaKind.pensionable_salary_service: pensionable_salary.compute,
    BenefitFormulaKind.a_and_b_values: a_and_b_values.compute,
    BenefitFormulaKind.average_pensionable_earnings: pensionable_earnings.compute,
}

__all__ = ["VECTORISED", "Careers", "Compute"]
