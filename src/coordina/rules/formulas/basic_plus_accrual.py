"""Argentina, SIPA old-age benefit (prestación básica universal plus the earnings-related parts),
Ley 24.241 arts. 17, 20, 24 and 30 as amended by Leyes 26.222 and 26.417:

    PBU (art. 20)  = the flat amount in force on the claim date (``values.pbu``), raised by
                     ``pbu_increment_per_year`` for each year of service above ``pbu_base_years``,
                     up to ``pbu_max_years``
    PC  (art. 24)  = ``pc_rate`` x years of service before 15 July 1994 x the reference salary
    PAP (art. 30)  = ``pap_rate`` x years of service from 15 July 1994 x the reference salary
    amount         = PBU + PC + PAP, not below ``minimum_amount`` (haber mínimo, Ley 26.417 art. 8)
                     nor above ``maximum_amount`` (haber máximo, Ley 26.417 art. 9), where given

**Years** (art. 24 a): each whole year of service with contributions counts, and a remainder of
more than six months counts as one more year; PC years are capped at ``max_years`` (35), and so
are PAP years on their own (no one reaches 35 PAP years before 2029). The cap is not on PC and
PAP together: a published 2008 calculation (Clarín / Estudio Jáuregui, cited in the scheme data)
pays 1.5 % for each of 40 years, and raises the PBU by 1 % a year above 30 (art. 20).

**The 15 July 1994 split**: the public-regime additional benefit (PAP) rewards service from the
start of the integrated system, Ley 24.241 being in force from 15 July 1994 (the scheme's legal
basis); earlier service earns the compensatory benefit (PC). The career gives months per
calendar year only, so a full 1994 (12 months) is split at that day: 6 months and 14/31 before,
5 months and 17/31 after; a part year of 1994 cannot be placed within the year, so its months are
split in the same proportion (50/93 before) and the working says so: exact where the 1994
service was the whole year, an assumption otherwise.

**Reference salary** (art. 24 a): the monthly average of the earnings of the last
``reference_months`` (120) months of service, from the most recent year back (the earliest year
reached counted pro rata by its months). The law revalues each month's salary by the index
ANSES publishes (Ley 26.417 art. 2; RIPTE since Ley 27.260); where the scheme data give a
yearly ``revaluation_index`` table it is applied (a year's earnings x the level of the year
before the claim / the level of that year), otherwise the average is nominal and the working
says so.
"""

from datetime import date
from decimal import Decimal
from fractions import Fraction

from coordina.domain.scheme import BenefitFormula, SchemeParameters
from coordina.rules.formulas.career import Career, FormulaResult, NationalFormula, Reading, needs_earnings

SPLIT_YEAR = 1994
MONTHS_BEFORE_SPLIT = 6 + Fraction(14, 31)
"""1 January to 14 July 1994 are before the integrated system's start on 15 July 1994."""


def counted_years(months: Fraction) -> int:
    """Whole years of service, plus one for a remainder of more than six months (art. 24 a)."""
    whole, rest = divmod(months, 12)
    return int(whole) + (1 if rest > 6 else 0)


def split_months(career: Career, reading: Reading) -> tuple[Fraction, Fraction]:
    """Months of service before 15 July 1994 (PC) and from that day (PAP)."""
    before = sum((m for y, m in career.months_by_year.items() if y < SPLIT_YEAR), Fraction(0))
    after = sum((m for y, m in career.months_by_year.items() if y > SPLIT_YEAR), Fraction(0))
    in_split = career.months_by_year.get(SPLIT_YEAR, Fraction(0))
    if in_split >= 12:
        before, after = before + MONTHS_BEFORE_SPLIT, after + in_split - MONTHS_BEFORE_SPLIT
    elif in_split > 0:
        share = in_split * MONTHS_BEFORE_SPLIT / 12
        before, after = before + share, after + in_split - share
        reading.say(
            "{months} months of 1994 shared in proportion to the days before 15 July 1994", months=_shown(in_split)
        )
    return before, after


def reference_salary(career: Career, reading: Reading, on: date) -> Fraction | None:
    """Average monthly earnings of the last ``reference_months`` months of service (art. 24 a)."""
    wanted = reading.value("reference_months", on)
    if wanted is None:
        return None
    remaining, total, years = Fraction(wanted), Fraction(0), []
    own = career.own_months  # the salaries are the scheme's own (other parties' months count for service only)
    for year in sorted((y for y, m in own.items() if m > 0), reverse=True):
        if remaining <= 0:
            break
        months = own[year]
        share = min(Fraction(1), remaining / months)
        years.append((year, share))
        remaining -= months * share
    missing = needs_earnings(career, tuple(y for y, _ in years))
    if missing is not None:
        reading.needs.append(missing)
        return None
    indexed = "revaluation_index" in reading.parameters.tables
    for year, share in years:
        earnings = _revalued(career, reading, year, on) if indexed else Fraction(career.earnings[year])
        if earnings is None:
            return None
        total += earnings * share
    months = Fraction(wanted) - max(remaining, Fraction(0))
    if months == 0:
        return None
    salary = total / months
    reading.say(
        "reference salary: {total} over {months} months of {first}-{last} = {salary} a month",
        total=_shown(total), months=_shown(months), first=years[-1][0], last=years[0][0], salary=_shown(salary),
    )  # fmt: skip
    if not indexed:
        reading.say("earnings not revalued: the scheme data have no revaluation index")
    return salary


def basic_benefit(career: Career, reading: Reading, on: date) -> Fraction | None:
    """The PBU in force on the claim date, with its increment per year above the base (art. 20)."""
    pbu = reading.value("pbu", on)
    if pbu is None:
        return None
    amount = Fraction(pbu)
    if "pbu_increment_per_year" in reading.parameters.values:
        step = reading.value("pbu_increment_per_year", on)
        base, top = reading.value("pbu_base_years", on), reading.value("pbu_max_years", on)
        if step is None or base is None or top is None:
            return None
        extra = max(0, min(counted_years(career.months), int(top)) - int(base))
        amount *= 1 + Fraction(step) * extra
        reading.say("PBU {pbu} raised by {extra} years above {base}: {amount}",
                    pbu=pbu, extra=extra, base=int(base), amount=_shown(amount))  # fmt: skip
    return amount


def accrual_years(career: Career, reading: Reading, on: date) -> tuple[int, int] | None:
    """Counted years for PC and for PAP, each capped at ``max_years`` (arts. 24 a and 30)."""
    top = reading.value("max_years", on)
    if top is None:
        return None
    before, after = split_months(career, reading)
    pc_years, pap_years = min(counted_years(before), int(top)), min(counted_years(after), int(top))
    reading.say("years counted: {pc} before 15 July 1994 (PC), {pap} from 15 July 1994 (PAP), each at most {top}",
                pc=pc_years, pap=pap_years, top=int(top))  # fmt: skip
    return pc_years, pap_years


def compute(career: Career, parameters: SchemeParameters, formula: BenefitFormula) -> FormulaResult:
    reading, on = Reading(parameters), career.claim_date
    pbu = basic_benefit(career, reading, on)
    years = accrual_years(career, reading, on)
    pc_rate, pap_rate = reading.value("pc_rate", on), reading.value("pap_rate", on)
    if pbu is None or years is None or pc_rate is None or pap_rate is None:
        return reading.result(None)
    pc_years, pap_years = years
    salary = reference_salary(career, reading, on) if pc_years + pap_years else Fraction(0)
    if salary is None:
        return reading.result(None)
    pc, pap = salary * Fraction(pc_rate) * pc_years, salary * Fraction(pap_rate) * pap_years
    amount = pbu + pc + pap
    reading.say("PBU {pbu} + PC {pc} + PAP {pap} = {amount}",
                pbu=_shown(pbu), pc=_shown(pc), pap=_shown(pap), amount=_shown(amount))  # fmt: skip
    return reading.result(reading.bounded(amount, on, strict=True))  # a haber mínimo not on file: no amount


def _revalued(career: Career, reading: Reading, year: int, on: date) -> Fraction | None:
    last, level = reading.table("revaluation_index", on.year - 1), reading.table("revaluation_index", year)
    if last is None or level is None or level == 0:
        return None
    return Fraction(career.earnings[year]) * Fraction(last) / Fraction(level)


def _optional(reading: Reading, name: str, on: date) -> Decimal | None:
    """A value the scheme may not have: read (and recorded, or missing on that day) where it has it."""
    return reading.value(name, on) if name in reading.parameters.values else None


def _shown(value: Fraction) -> str:
    return f"{Decimal(value.numerator) / Decimal(value.denominator):.4f}".rstrip("0").rstrip(".")


FORMULA = NationalFormula(
    compute=compute,
    values=("pbu", "pc_rate", "pap_rate", "max_years", "reference_months"),
    description="flat universal basic benefit (PBU) plus 1.5 % of the reference salary per year (PC, PAP)",
)
