"""Canada Pension Plan: 25 % of average monthly pensionable earnings up to the YMPE after the
dropout, with the enhancement from 2019 (CPP Act ss. 46, 48, 51).

Not encoded yet: the formula answers no amount, and says so.
"""

from coordina.domain.scheme import BenefitFormula, SchemeParameters
from coordina.domain.wording import say
from coordina.rules.formulas.career import Career, FormulaResult, NationalFormula


def compute(career: Career, parameters: SchemeParameters, formula: BenefitFormula) -> FormulaResult:
    missing = say("the national formula {kind} is not encoded", kind="average_pensionable_earnings")
    return FormulaResult(None, needs=(missing,))


FORMULA = NationalFormula(compute=compute, description=__doc__ or "")
