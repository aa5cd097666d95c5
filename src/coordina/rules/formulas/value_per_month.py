"""A pension value times an increment per month of contributions: the German farmers' old-age
scheme (Gesetz über die Alterssicherung der Landwirte, ALG §23: monthly pension = the increment
number (Steigerungszahl, per contribution month) x the pension-type factor (1.0 for old age) x
the general pension value (allgemeiner Rentenwert) on the claim date).

Named values: ``increment_per_month`` and ``pension_value``, dated.
"""

from fractions import Fraction

from coordina.domain.scheme import BenefitFormula, SchemeParameters
from coordina.rules.formulas.career import Career, FormulaResult, NationalFormula, Reading


def increment_number(career: Career, reading: Reading) -> Fraction | None:
    """The sum of the increments of the contribution months (ALG §23(2))."""
    per_month = reading.value("increment_per_month", career.claim_date)
    if per_month is None:
        return None
    number = career.months * Fraction(per_month)
    reading.say("increment number: {months} months x {per_month} = {number}", months=career.months,
                per_month=per_month, number=_four(number))  # fmt: skip
    return number


def _four(value: Fraction) -> str:
    return format(float(value), ".4f")


def compute(career: Career, parameters: SchemeParameters, formula: BenefitFormula) -> FormulaResult:
    reading = Reading(parameters)
    number = increment_number(career, reading)
    value = reading.value("pension_value", career.claim_date)
    if number is None or value is None:
        return reading.result(None)
    return reading.result(number * Fraction(value))


FORMULA = NationalFormula(
    compute=compute,
    values=("increment_per_month", "pension_value"),
    reads_earnings=False,
    description="ALG §23: increment number x general pension value",
)
