"""Korea, National Pension: basic pension amount from the average income of all insured (A) and
the person's own revalued average (B), by accrual period (National Pension Act art. 51).

Not encoded yet: the formula answers no amount, and says so.
"""

from coordina.domain.scheme import BenefitFormula, SchemeParameters
from coordina.domain.wording import say
from coordina.rules.formulas.career import Career, FormulaResult, NationalFormula


def compute(career: Career, parameters: SchemeParameters, formula: BenefitFormula) -> FormulaResult:
    missing = say("the national formula {kind} is not encoded", kind="a_and_b_values")
    return FormulaResult(None, needs=(missing,))


FORMULA = NationalFormula(compute=compute, description=__doc__ or "")
