"""Argentina, SIPA: universal basic benefit (PBU) plus 1.5 % of the reference salary per year
before (PC) and after (PAP) July 1994, at most 35 years (Ley 24.241 arts. 20, 24, 30).

Not encoded yet: the formula answers no amount, and says so.
"""

from coordina.domain.scheme import BenefitFormula, SchemeParameters
from coordina.domain.wording import say
from coordina.rules.formulas.career import Career, FormulaResult, NationalFormula


def compute(career: Career, parameters: SchemeParameters, formula: BenefitFormula) -> FormulaResult:
    missing = say("the national formula {kind} is not encoded", kind="basic_plus_accrual")
    return FormulaResult(None, needs=(missing,))


FORMULA = NationalFormula(compute=compute, description=__doc__ or "")
