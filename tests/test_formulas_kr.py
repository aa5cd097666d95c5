"""Korea, National Pension (rules/formulas/a_and_b_values.py): unit tests on hand-derived figures."""

from dataclasses import replace
from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coordina.catalog.loading import bundled_data_dir, load_scheme_file
from coordina.domain.scheme import Rounding, Scheme
from coordina.domain.vocabulary import Branch
from coordina.rules.formulas.a_and_b_values import (
    FORMULA,
    early_rate,
    extra_for_long_insurance,
    highest_monthly,
    payment_rate,
    revaluation,
    standard_income,
    weighted_factor,
)
from coordina.rules.formulas.career import Career, Reading
from coordina.rules.money import to_money

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


def test_revaluation_reads_the_published_rates_and_falls_back_on_the_a_values() -> None:
    """2026 pensions: the ministry's rates (notice No. 2026-12): 2013 income x 1.611, 1988 x 8.528; a 2025
    pension (no rates encoded): A(2025) / A(2014) = 3,089,062 / 1,981,975; the year before: 1."""
    reading = Reading(SCHEME.parameters)
    assert revaluation(reading, 2013, 2026) == Fraction(1611, 1000)
    assert revaluation(reading, 1988, 2026) == Fraction(8528, 1000)
    assert revaluation(reading, 2013, 2025) == Fraction(3_089_062, 1_981_975)
    assert revaluation(reading, 2025, 2026) == 1
    assert any(used.name == "tables.revaluation_2026" for used in reading.used)


def test_theoretical_amount_gives_other_parties_months_the_own_average() -> None:
    """Own 2018-2025 at 3,000,000 a month, Australian months 2013-2017 (attributed). By hand: B is
    the own average, (3,000,000 x (1.355 + 1.310 + 1.257 + 1.191 + 1.116 + 1.068 + 1.034) + 3,000,000) / 8
    = 3,499,125 (2026 rates); the 13 years' factors average 1.335: 1.335 x (3,193,511 + 3,499,125) =
    8,934,669.06 a year; 13 years -> 65 %: 8,934,669.06 / 12 x 0.65 = 483,961.24 a month."""
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
    assert round(amount, 2) == Fraction(48396124, 100)


def test_missing_a_value_says_which_year() -> None:
    """A 2025 claim insured from 2005: no 2025 rates are encoded and the A value of 2006 (to revalue
    2005 by A(2025) / A(2006)) is not in the data, so no amount."""
    pay = {year: Decimal(24_000_000) for year in range(2005, 2025)}
    career = replace(_career(pay), claim_date=date(2025, 6, 1), pension_age_on=date(2025, 1, 10))
    formula = SCHEME.parameters.benefit_formula
    assert formula is not None
    value = formula.at(career.claim_date)
    assert value is not None
    result = FORMULA.compute(career, SCHEME.parameters, value.value)
    assert result.amount is None
    assert any("a_value" in str(need) and "2006" in str(need) for need in result.needs)


def _truncated_to_10_won(amount: Fraction) -> int:
    return int(amount // 10) * 10


@pytest.mark.parametrize(
    ("b", "months", "printed"),
    [
        (1_000_000, 120, 225_400),
        (1_000_000, 240, 450_800),
        (1_000_000, 480, 901_600),
        (3_000_000, 120, 332_900),
        (3_000_000, 240, 665_800),
        (3_000_000, 480, 1_331_600),
        (5_000_000, 120, 440_400),
        (5_000_000, 240, 880_800),
        (5_000_000, 480, 1_761_600),
        (410_000, 120, 193_680),
        (410_000, 240, 387_370),
    ],
)
def test_nps_printed_table_of_expected_pensions_2026(b: int, months: int, printed: int) -> None:
    """The NPS's table of expected old-age pensions (easypension_1_2026_3.xlsx, as quoted in
    JinHo-von-Choi/SooTool tests/scenarios/kr_official_examples.yaml): A = 3,193,511, first insured
    January 2026 (every month at 1,290/1,000), the monthly amount cut to 10 won. By hand, B 1,000,000 for
    10 years: 1.29 x 4,193,511 / 12 x 0.5 = 225,401.22 -> 225,400. Here all months sit in 2026."""
    career = _career({}, {2026: Fraction(months)})
    reading = Reading(SCHEME.parameters)
    a = Fraction(SCHEME.parameters.tables["a_value"].values[2026])
    weighted = weighted_factor(career, reading, a, Fraction(b))
    assert weighted == Fraction(129, 100) * (a + b)
    monthly = weighted * extra_for_long_insurance(career) / 12 * payment_rate(career)
    assert _truncated_to_10_won(monthly) == printed


def test_nps_printed_table_floor_income_capped_at_the_average() -> None:
    """Same table: B 410,000 for 25-40 years prints 410,000 (art. 53: not above the insured average).
    40 years uncapped: 1.29 x 3,603,511 / 12 x 2 = 774,754.87; the cap is 410,000."""
    career = _career({}, {2026: Fraction(480)})
    incomes = {2026: Fraction(410_000)}
    a = Fraction(3_193_511)
    uncapped = Fraction(129, 100) * (a + 410_000) * extra_for_long_insurance(career) / 12
    assert uncapped > 410_000
    assert min(uncapped, highest_monthly(career, incomes, Fraction(410_000))) == 410_000


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


@pytest.mark.parametrize(
    ("year", "printed_change"),
    [(2022, "5.6"), (2024, "4.5"), (2025, "3.3"), (2026, "3.4")],
)
def test_a_values_follow_the_published_yearly_changes(year: int, printed_change: str) -> None:
    """The A value's yearly change, printed with each July's limits of standard monthly income: 5.6 % in 2022
    (NPS webzine vol. 191), 4.5 % in 2024 (viewus, reporting the ministry), 3.3 % in 2025 (KBS, 30 June 2025),
    3.4 % in 2026 (Seoul Times, January 2026). By hand: 2,681,724 / 2,539,734 = 1.0559; 2,989,237 / 2,861,091 =
    1.0448; 3,089,062 / 2,989,237 = 1.0334; 3,193,511 / 3,089,062 = 1.0338."""
    a = SCHEME.parameters.tables["a_value"].values
    change = (a[year] / a[year - 1] - 1) * 100
    assert change.quantize(Decimal("0.1")) == Decimal(printed_change)


def test_a_values_2011_2012_give_the_basic_old_age_pension() -> None:
    """The basic old-age pension was 5 % of A: 91,200 won in 2011 and 94,600 won in 2012 (ministry press release
    of 16 March 2012). By hand: 5 % of 1,824,183 = 91,209.15; 5 % of 1,891,785 = 94,589.25 (nearest 100 won)."""
    a = SCHEME.parameters.tables["a_value"].values
    assert abs(a[2011] / 20 - 91_200) < 50
    assert abs(a[2012] / 20 - 94_600) < 50


def test_a_values_match_the_2026_revaluation_rates() -> None:
    """The ministry's rates for 2026 pensions (notice No. 2026-12) equal A(2026) / A(t + 1) to 3 decimals for
    t = 2009-2016 and 2019-2024 (not for 2017-2018, see the scheme's note on the doubtful A values of 2018 and
    2019). By hand, t = 2013: 3,193,511 / 1,981,975 = 1.6113 -> 1.611."""
    tables = SCHEME.parameters.tables
    a, rates = tables["a_value"].values, tables["revaluation_2026"].values
    for year in [*range(2009, 2017), *range(2019, 2025)]:
        assert (a[2026] / a[year + 1]).quantize(Decimal("0.001")) == rates[year], year


def test_a_value_of_2023_is_the_nps_printed_figure() -> None:
    """The NPS's 2023 table of expected pensions assumes A = 2,861,091 won (the A value applied in 2023)."""
    table = SCHEME.parameters.tables["a_value"]
    assert table.values[2023] == 2_861_091
    assert table.source_of(2023).startswith("https://newrise.tistory.com/")


def test_the_printed_table_cuts_to_10_won_not_rounds() -> None:
    """The NPS table's B 410,000: 10 years 193,688.72 by the formula, printed 193,680; 20 years 387,377.43,
    printed 387,370 (rounding half up to 10 won would print 193,690 and 387,380): the table cuts to 10 won.
    The scheme does not encode that rounding (see the report: it would change an engine case's expected
    whole-won amount); here the cut is applied to the formula's figures."""
    cut = Rounding(quantum=Decimal(10), mode="down")
    half_up = Rounding(quantum=Decimal(10), mode="half_up")
    ten = Fraction(129, 100) * (3_193_511 + 410_000) / 12 / 2
    twenty = Fraction(129, 100) * (3_193_511 + 410_000) / 12
    assert to_money(ten, "KRW", cut) == 193_680 and to_money(twenty, "KRW", cut) == 387_370
    assert to_money(ten, "KRW", half_up) == 193_690 and to_money(twenty, "KRW", half_up) == 387_380
