"""India, EPS 1995 (rules/formulas/pensionable_salary.py): unit tests on hand-derived figures."""

from datetime import date
from decimal import Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from coordina.catalog.loading import bundled_data_dir, load_scheme_file
from coordina.domain.scheme import Scheme
from coordina.domain.vocabulary import Branch
from coordina.rules.formulas.career import Career, Reading
from coordina.rules.formulas.pensionable_salary import FORMULA, ceiling_of_year, window

SCHEME: Scheme = load_scheme_file(bundled_data_dir() / "schemes" / "IN" / "in-eps.yaml")


def _career(pay_by_year: dict[int, Decimal], months: dict[int, Fraction]) -> Career:
    return Career(
        birth_date=date(1960, 1, 1),
        sex=None,
        claim_date=date(2020, 1, 1),
        pension_age_on=date(2018, 1, 1),
        branch=Branch.old_age,
        months=sum(months.values(), Fraction(0)),
        months_by_year=months,
        earnings=pay_by_year,
        currency="INR",
    )


def _amount(career: Career) -> Fraction | None:
    formula = SCHEME.parameters.benefit_formula
    assert formula is not None
    value = formula.at(career.claim_date)
    assert value is not None
    return FORMULA.compute(career, SCHEME.parameters, value.value).amount


def test_the_2014_ceiling_is_the_average_of_its_months() -> None:
    # 8 months at 6,500 and 4 at 15,000 (G.S.R. 609(E) from 1 September 2014).
    assert ceiling_of_year(Reading(SCHEME.parameters), 2014) == Fraction(8 * 6500 + 4 * 15000, 12)
    assert ceiling_of_year(Reading(SCHEME.parameters), 2016) == 15000


def test_the_window_is_the_last_60_counted_months() -> None:
    months = {y: Fraction(12) for y in range(2005, 2018)} | {2018: Fraction(5)}
    assert window(_career({}, months)) == [
        (2018, Fraction(5)),
        (2017, Fraction(12)),
        (2016, Fraction(12)),
        (2015, Fraction(12)),
        (2014, Fraction(12)),
        (2013, Fraction(7)),
    ]


def test_service_after_2014_only_at_the_15000_ceiling() -> None:
    # 2015-2019 at 20,000 a month: salary 15,000 x 5 years / 70 = 1,071.43 (above the minimum).
    months = {y: Fraction(12) for y in range(2015, 2020)}
    pay = {y: Decimal(240000) for y in months}
    assert _amount(_career(pay, months)) == Fraction(15000 * 5, 70)


def test_an_early_pension_is_not_computed() -> None:
    months = {y: Fraction(12) for y in range(2000, 2020)}
    career = _career({y: Decimal(120000) for y in months}, months)
    early = Career(**{**career.__dict__, "claim_date": date(2015, 1, 1)})
    assert _amount(early) is None


@settings(deadline=None, max_examples=40)
@given(
    st.lists(st.integers(min_value=0, max_value=400000), min_size=12, max_size=12),
    st.integers(min_value=0, max_value=11),
    st.integers(min_value=1, max_value=100000),
)
def test_more_earnings_never_lower_the_pension(pay: list[int], which: int, more: int) -> None:
    years = range(2006, 2018)
    months = {y: Fraction(12) for y in years}
    before = {y: Decimal(p) for y, p in zip(years, pay, strict=True)}
    after = dict(before)
    after[2006 + which] += more
    low, high = _amount(_career(before, months)), _amount(_career(after, months))
    assert low is not None and high is not None and high >= low >= 1000
