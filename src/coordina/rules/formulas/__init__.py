"""National benefit formulas, one module per formula kind (``BenefitFormulaKind``).

Each module exposes ``FORMULA``: a ``NationalFormula`` whose ``compute(career, parameters,
formula)`` is pure and cites, in its docstring and in the scheme data it reads, the national
provision it implements. The simpler kinds (a flat or full-career amount, a residence
proportion, an account) stay in ``rules.amounts``.
"""

from collections.abc import Mapping

from coordina.domain.scheme import BenefitFormulaKind
from coordina.rules.formulas import (
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
from coordina.rules.formulas.career import Career, FormulaResult, NationalFormula, TableNeed, ValueUsed

FORMULAS: Mapping[BenefitFormulaKind, NationalFormula] = {
    BenefitFormulaKind.earnings_points: earnings_points.FORMULA,
    BenefitFormulaKind.best_years_rate_duration: best_years.FORMULA,
    BenefitFormulaKind.a_and_b_values: a_and_b_values.FORMULA,
    BenefitFormulaKind.average_pensionable_earnings: pensionable_earnings.FORMULA,
    BenefitFormulaKind.pensionable_salary_service: pensionable_salary.FORMULA,
    BenefitFormulaKind.replacement_rate: replacement_rate.FORMULA,
    BenefitFormulaKind.basic_plus_accrual: basic_plus_accrual.FORMULA,
    BenefitFormulaKind.last_salaries_rate: last_salaries.FORMULA,
    BenefitFormulaKind.value_per_month: value_per_month.FORMULA,
}

__all__ = ["FORMULAS", "Career", "FormulaResult", "NationalFormula", "TableNeed", "ValueUsed"]
