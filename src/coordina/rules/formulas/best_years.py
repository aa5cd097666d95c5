"""France, régime général: average salary of the best 25 years revalued x rate x quarters in the
scheme / the cohort's reference quarters (CSS L351-1, R351-27, R351-29).

Not encoded yet: the formula answers no amount, and says so.
"""

from coordina.domain.scheme import BenefitFormula, SchemeParameters
from coordina.domain.wording import say
from coordina.rules.formulas.career import Career, FormulaResult, NationalFormula


def compute(career: Career, parameters: SchemeParameters, formula: BenefitFormula) -> FormulaResult:
    missing = say("the national formula {kind} is not encoded", kind="best_years_rate_duration")
    return FormulaResult(None, needs=(missing,))


FORMULA = NationalFormula(compute=compute, description=__doc__ or "")
