"""Korea, National Pension (rules/formulas/a_and_b_values.py): unit tests on hand-derived figures."""

from dataclasses import replace
from datetime import date
from decimal import Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from coordina.catalog.loading import bundled_data_dir, load_scheme_file
from coordina.domain.scheme import Scheme
from coordina.domain.vocabulary import Branch
from coordina.rules.formulas.a_and_b_values import (
    FORMULA,
    early_rate,
    extra_for_long_insurance,
    highest_monthly,
    payment_rate,
    revaluation,
    standard_income,
)
from coordina.rules.formulas.career import Career, Reading

SCHEME: Scheme = load_scheme_file(bundled_data_dir() / "schemes" / "KR" / "kr-nps.yaml")
YEARS = range(2013, 2026)


def _career(pay: dict[int, Decimal], months: dict[int, Fraction] | None = None) -> Career:
    by_year = months if months is not None else {year: Fraction(12) for year in pay}
    return Career(
        birth_date=date(1963, 1, 10),
        sex=None,
        claim_date=date(2026, 2, 1),
        pension_age_on=date(2026, 1, 10),
        branch=Branch.old_age,
        months=sum(by_year.values(), Fraction(0)),
        months_by_year=by_year,
        earnings=pay,
        currency="KRW",
    )


def _amount(career: Career) -> Fraction | None:
    formula = SCHEME.parameters.benefit_formula
    assert formula is not None
    value = formula.at(career.claim_date)
    assert value is not None
    return FORMULA.compute(career, SCHEME.parameters, value.value).amount


def test_payment_rate_by_insured_period() -> None:
    """Art. 63(1): 50 % at 10 years, 5 % more a year (1/12 a month), 100 % from 20 years."""
    rate = payment_rate
    assert rate(_career({}, {2000: Fraction(120)})) == Fraction(1, 2)
    assert rate(_career({}, {2000: Fraction(186)})) == Fraction(1, 2) + Fraction(5, 100) * Fraction(66, 12)
    assert rate(_career({}, {2000: Fraction(239)})) < 1
    assert rate(_career({}, {2000: Fraction(240)})) == 1
    assert rate(_career({}, {2000: Fraction(400)})) == 1


def test_extra_five_percent_a_year_beyond_20_years() -> None:
    """Art. 51(1) proviso: 50/1,000 for each year beyond 20, months as 1/12 of a year."""
    assert extra_for_long_insurance(_career({}, {2000: Fraction(240)})) == 1
    assert extra_for_long_insurance(_career({}, {2000: Fraction(300)})) == Fraction(5, 4)
    assert extra_for_long_insurance(_career({}, {2000: Fraction(480)})) == 2


def _claiming(claim: date, pension_age: date) -> Career:
    career = _career({}, {2000: Fraction(240)})
    return replace(career, claim_date=claim, pension_age_on=pension_age)


def test_early_rate_by_months_before_the_pension_age() -> None:
    """Art. 63(2): 700/1,000 five years early ... 940/1,000 one year early, plus 5/1,000 a month after."""
    age = date(2026, 1, 10)
    assert early_rate(_claiming(date(2026, 1, 10), age)) == 1
    assert early_rate(_claiming(date(2025, 1, 10), age)) == Fraction(94, 100)
    assert early_rate(_claiming(date(2021, 1, 10), age)) == Fraction(70, 100)
    assert early_rate(_claiming(date(2025, 6, 1), age)) == Fraction(94, 100) + Fraction(5, 1000) * 5
    assert early_rate(_claiming(date(2020, 12, 1), age)) is None


def test_highest_monthly_amount_is_the_larger_of_the_last_5_years_and_b() -> None:
    """Art. 53: the last 60 insured months (2021-2025 here, 12 each) average 300; B = 200 is lower."""
    months = {year: Fraction(12) for year in range(2016, 2026)}
    incomes = {year: Fraction(100 if year < 2021 else 300) for year in months}
    career = _career({}, months)
    assert highest_monthly(career, incomes, Fraction(200)) == 300
    assert highest_monthly(career, incomes, Fraction(400)) == 400
    part = {2024: Fraction(6), 2025: Fraction(6)}
    assert highest_monthly(_career({}, part), {2024: Fraction(100), 2025: Fraction(200)}, Fraction(0)) == 150


def test_standard_income_within_the_limits_half_each_july() -> None:
    """2025: 390,000 / 6,170,000 to June, 400,000 / 6,370,000 from July (Enforcement Decree art. 5)."""
    reading = Reading(SCHEME.parameters)
    assert standard_income(reading, 2025, Fraction(10_000_000)) == Fraction(6_170_000 + 6_370_000, 2)
    assert standard_income(reading, 2025, Fraction(100_000)) == Fraction(390_000 + 400_000, 2)
    assert standard_income(reading, 2025, Fraction(3_000_000)) == 3_000_000


def test_revaluation_from_the_a_values() -> None:
    """2013 income in a 2026 pension: A(2026) / A(2014) = 3,193,511 / 1,981,975; the year before: 1."""
    reading = Reading(SCHEME.parameters)
    assert revaluation(reading, 2013, 2026) == Fraction(3_193_511, 1_981_975)
    assert revaluation(reading, 2025, 2026) == 1


def test_theoretical_amount_gives_other_parties_months_the_own_average() -> None:
    """Own 2018-2025 at 3,000,000 a month, Australian months 2013-2017 (attributed). By hand: B is
    the own average, (3,000,000 x sum of A(2026) / A(t + 1) for 2018-2024 + 3,000,000) / 8 =
    3,499,537.84; the 13 years' factors average 1.335: 1.335 x (3,193,511 + 3,499,537.84) =
    8,935,220.20 a year; 13 years -> 65 %: 8,935,220.20 / 12 x 0.65 = 483,991.09 a month."""
    own = {year: Fraction(12) for year in range(2018, 2026)}
    career = replace(
        _career({year: Decimal(36_000_000) for year in own}),
        months=Fraction(156),
        months_by_year={year: Fraction(12) for year in YEARS},
        own_months_by_year=own,
        attributed_years=frozenset(range(2013, 2018)),
        theoretical=True,
    )
    amount = _amount(career)
    assert amount is not None
    assert round(amount, 2) == Fraction(48399109, 100)


def test_missing_a_value_says_which_year() -> None:
    """Insured from 2005: the A value of 2006 (to revalue 2005) is not in the data, so no amount."""
    pay = {year: Decimal(24_000_000) for year in range(2005, 2026)}
    career = _career(pay)
    formula = SCHEME.parameters.benefit_formula
    assert formula is not None
    value = formula.at(career.claim_date)
    assert value is not None
    result = FORMULA.compute(career, SCHEME.parameters, value.value)
    assert result.amount is None
    assert any("a_value" in str(need) and "2006" in str(need) for need in result.needs)


def test_every_figure_cites_its_provision() -> None:
    career = _career({year: Decimal(36_000_000) for year in YEARS})
    formula = SCHEME.parameters.benefit_formula
    assert formula is not None
    value = formula.at(career.claim_date)
    assert value is not None
    result = FORMULA.compute(career, SCHEME.parameters, value.value)
    assert result.amount is not None
    assert result.used and all(used.reference for used in result.used)


@settings(deadline=None, max_examples=40)
@given(
    base=st.integers(min_value=1_000_000, max_value=120_000_000),
    extra=st.integers(min_value=0, max_value=50_000_000),
    year=st.sampled_from(list(YEARS)),
)
def test_more_earnings_never_lower_the_pension(base: int, extra: int, year: int) -> None:
    pay = {y: Decimal(base) for y in YEARS}
    more = dict(pay)
    more[year] = Decimal(base + extra)
    low, high = _amount(_career(pay)), _amount(_career(more))
    assert low is not None and high is not None
    assert high >= low
