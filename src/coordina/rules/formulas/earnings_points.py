"""Germany, statutory pension insurance: earnings points x access factor x pension-type factor x
current pension value (SGB VI §64).

Not encoded yet: the formula answers no amount, and says so.
"""

from coordina.domain.scheme import BenefitFormula, SchemeParameters
from coordina.domain.wording import say
from coordina.rules.formulas.career import Career, FormulaResult, NationalFormula


def compute(career: Career, parameters: SchemeParameters, formula: BenefitFormula) -> FormulaResult:
    missing = say("the national formula {kind} is not encoded", kind="earnings_points")
    return FormulaResult(None, needs=(missing,))


FORMULA = NationalFormula(compute=compute, description=__doc__ or "")
