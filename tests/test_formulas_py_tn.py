"""Unit tests of the last_salaries_rate formula (Paraguay IPS, Tunisia CNSS) on the bundled data."""

from dataclasses import replace
from datetime import date
from decimal import Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from coordina.catalog.loading import bundled_library
from coordina.domain.vocabulary import Branch
from coordina.rules.formulas import FORMULAS
from coordina.rules.formulas.career import Career, FormulaResult, months_by_year
from coordina.rules.formulas.last_salaries import age_on, last_months


def _career(claim: date, birth: date, start: date, end: date, earnings: dict[int, int], currency: str) -> Career:
    by_year = months_by_year([(start, end)])
    return Career(
        birth_date=birth, sex=None, claim_date=claim, pension_age_on=None, branch=Branch.old_age,
        months=sum(by_year.values(), Fraction(0)), months_by_year=by_year,
        earnings={y: Decimal(a) for y, a in earnings.items()}, currency=currency,
        earnings_missing=tuple(y for y in by_year if y not in earnings),
    )  # fmt: skip


def _run(scheme_id: str, career: Career) -> FormulaResult:
    scheme = bundled_library().scheme(scheme_id)
    assert scheme.parameters.benefit_formula is not None
    formula = scheme.parameters.benefit_formula.at(career.claim_date)
    assert formula is not None
    return FORMULAS[formula.value.kind].compute(career, scheme.parameters, formula.value)


def test_last_months_takes_part_of_the_earliest_year() -> None:
    career = _career(date(2015, 6, 1), date(1958, 3, 1), date(1983, 1, 1), date(2015, 5, 31), {}, "PYG")
    assert last_months(career, Fraction(36)) == {2015: 5, 2014: 12, 2013: 12, 2012: 7}


def test_age_on_counts_complete_years() -> None:
    assert age_on(date(1958, 3, 1), date(2015, 2, 28)) == 56
    assert age_on(date(1958, 3, 1), date(2015, 3, 1)) == 57


def test_paraguay_below_55_gets_no_rate() -> None:
    career = _career(date(2015, 6, 1), date(1962, 1, 1), date(1983, 1, 1), date(2015, 5, 31),
                     {2012: 30_000_000, 2013: 30_000_000, 2014: 30_000_000, 2015: 12_500_000}, "PYG")  # fmt: skip
    result = _run("py-ips", career)
    assert result.amount == 0
    assert any("below the earliest pension age" in str(w) for w in result.working)


def test_every_figure_cites_its_provision() -> None:
    career = _career(date(2020, 1, 1), date(1960, 1, 1), date(1990, 1, 1), date(2019, 12, 31),
                     {y: 12_000 for y in range(2010, 2020)}, "TND")  # fmt: skip
    result = _run("tn-cnss", career)
    assert result.amount == Fraction(800)
    names = {u.name for u in result.used}
    assert {"values.reference_months", "values.base_rate", "values.max_rate", "values.minimum_wage_hourly"} <= names
    assert all(u.reference for u in result.used)


@settings(deadline=None, max_examples=40)
@given(
    yearly=st.lists(st.integers(min_value=0, max_value=200_000), min_size=10, max_size=10),
    year=st.integers(min_value=2010, max_value=2019),
    extra=st.integers(min_value=1, max_value=50_000),
)
def test_tunisia_more_earnings_never_lower_the_amount(yearly: list[int], year: int, extra: int) -> None:
    earnings = dict(zip(range(2010, 2020), yearly, strict=True))
    base = _career(date(2020, 1, 1), date(1960, 1, 1), date(1990, 1, 1), date(2019, 12, 31), earnings, "TND")
    more = _career(date(2020, 1, 1), date(1960, 1, 1), date(1990, 1, 1), date(2019, 12, 31),
                   {**earnings, year: earnings[year] + extra}, "TND")  # fmt: skip
    low, high = _run("tn-cnss", base).amount, _run("tn-cnss", more).amount
    assert low is not None and high is not None and high >= low


@settings(deadline=None, max_examples=40)
@given(monthly=st.integers(min_value=700_000, max_value=50_000_000), factor=st.integers(min_value=2, max_value=5))
def test_paraguay_amount_is_proportional_to_salary(monthly: int, factor: int) -> None:
    def amount(per_month: int) -> Fraction | None:
        earnings = {y: per_month * 12 for y in (2011, 2012, 2013, 2014)}  # December 2014 left out: 1 of 2011 read
        career = _career(date(2015, 3, 1), date(1955, 1, 15), date(1985, 1, 1), date(2014, 12, 31), earnings, "PYG")
        return _run("py-ips", career).amount

    # above the minimum of March 2015 (33 % x 1,824,055 = 601,938.15) the amount is the average itself
    assert amount(monthly) == monthly
    assert amount(monthly * factor) == monthly * factor


@settings(deadline=None, max_examples=40)
@given(monthly=st.integers(min_value=1, max_value=547_216))
def test_paraguay_low_salaries_get_the_minimum(monthly: int) -> None:
    # June 2012: Ley 4426/2011, 33 % of the minimum wage of April 2011 (1,658,232) = 547,216.56
    earnings = {2009: monthly * 12, 2010: monthly * 12, 2011: monthly * 12, 2012: monthly * 5}
    career = _career(date(2012, 6, 1), date(1952, 1, 1), date(1985, 1, 1), date(2012, 5, 31), earnings, "PYG")
    result = _run("py-ips", career)
    assert result.amount == Fraction(33, 100) * 1_658_232
    assert {"values.minimum_share", "values.minimum_wage_monthly"} <= {u.name for u in result.used}


def test_paraguay_no_minimum_before_2012() -> None:
    earnings = {2008: 6_000_000, 2009: 6_000_000, 2010: 6_000_000, 2011: 2_500_000}
    career = _career(date(2011, 6, 1), date(1951, 1, 1), date(1985, 1, 1), date(2011, 5, 31), earnings, "PYG")
    result = _run("py-ips", career)
    assert result.amount == 500_000
    assert "values.minimum_share" not in {u.name for u in result.used}


def test_paraguay_minimum_wage_series_matches_the_decrees() -> None:
    values = bundled_library().scheme("py-ips").parameters.values
    published = {  # day: (salario mínimo, decree as reported)
        date(2009, 5, 1): 1_408_863, date(2014, 3, 1): 1_824_055, date(2020, 7, 14): 2_192_839,  # Decreto 3817/2020
        date(2022, 7, 1): 2_550_307, date(2023, 7, 1): 2_680_373, date(2024, 7, 1): 2_798_309,
        date(2025, 7, 1): 2_899_048,
    }  # fmt: skip
    for day, amount in published.items():
        dated = values["minimum_wage_monthly"].at(day)
        assert dated is not None and dated.value == amount, day
        assert dated.source.startswith("http")
    # IPS statements: 50 % of the minimum wage in April 2024 = G. 1.340.186 (agendaparaguay.com), 75 % = 2.010.279
    april_2024 = values["minimum_wage_monthly"].at(date(2024, 4, 30))
    assert april_2024 is not None and int(april_2024.value * Decimal("0.50")) == 1_340_186
    assert int(april_2024.value * Decimal("0.75")) == 2_010_279


def test_contribution_rates_of_the_pension_branches() -> None:
    library = bundled_library()
    py_rates = library.scheme("py-ips").parameters.contributions
    tn_rates = library.scheme("tn-cnss").parameters.contributions
    assert py_rates is not None and tn_rates is not None
    paraguay = py_rates.at(date(2020, 1, 1))
    assert paraguay is not None
    # 54.35 % of 9 % and of 14 %
    assert (paraguay.value.employee_rate, paraguay.value.employer_rate) == (Decimal("0.048915"), Decimal("0.07609"))
    assert paraguay.value.ceiling is None
    tunisia = tn_rates.at(date(2015, 6, 1))
    assert tunisia is not None
    assert (tunisia.value.employee_rate, tunisia.value.employer_rate) == (Decimal("0.0474"), Decimal("0.0776"))


def test_paraguay_survivors_share_is_sixty_percent() -> None:
    shares = bundled_library().scheme("py-ips").parameters.derived_share_by_branch
    dated = shares[Branch.survivors].at(date(2015, 3, 1))
    assert dated is not None and dated.value.share == Decimal("0.60")
    assert dated.reference and "2263" in dated.reference


def test_theoretical_amount_gives_foreign_months_the_own_average() -> None:
    own = _career(date(2015, 3, 1), date(1955, 1, 15), date(1985, 1, 1), date(2013, 12, 31),
                  {2011: 12_000_000, 2012: 24_000_000, 2013: 36_000_000}, "PYG")  # fmt: skip
    by_year = {**own.months_by_year, 2014: Fraction(12)}
    theoretical = replace(
        own, months=own.months + 12, months_by_year=by_year, own_months_by_year=own.months_by_year,
        attributed_years=frozenset({2014}), theoretical=True,
    )  # fmt: skip
    result = _run("py-ips", theoretical)
    # own average 72,000,000 / 36 = 2,000,000 a month for the 12 foreign months of 2014; the last month insured
    # (December 2014) is left out (Ley 98/92), so 11 of 2014, 2013, 2012 and 1 of 2011 (12,000,000 / 12)
    assert result.amount == Fraction(11 * 2_000_000 + 36_000_000 + 24_000_000 + 1_000_000, 36)
    assert any("own average of 2000000" in str(w) for w in result.working)


@settings(deadline=None, max_examples=30)
@given(months=st.integers(min_value=60, max_value=119))
def test_tunisia_proportional_pension_grows_with_the_months(months: int) -> None:
    """Décret 74-499: from 60 to 119 months the 40 % rate is paid pro rata of the months over 120, so one more
    month never lowers it and 119 months stay below the full 40 % of 120 months (wages high enough for no minimum)."""

    def amount(count: int) -> Fraction:
        first = 2020 * 12 + 8 - count  # months counted from January of year 0; September 2020 is 2020 * 12 + 8
        start = date(first // 12, first % 12 + 1, 1)
        career = _career(date(2020, 9, 1), date(1960, 1, 1), start, date(2020, 8, 31), {}, "TND")
        wages = {y: Decimal(2000 * int(m)) for y, m in career.months_by_year.items()}  # 2,000 a month in every month
        career = replace(career, earnings=wages, earnings_missing=())
        result = _run("tn-cnss", career)
        assert result.amount is not None, [str(n) for n in result.needs]
        return result.amount

    salary = Fraction(2000)  # under the ceiling of 1.938 x 14,976 / 12 = 2,418.624
    assert amount(months) == salary * Fraction(40, 100) * months / 120
    assert amount(months) <= amount(months + 1)
