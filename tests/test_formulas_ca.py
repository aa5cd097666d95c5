"""Canada: the CPP retirement pension's stages (Canada Pension Plan ss. 46, 48, 49, 51) and the
OAS full amount by quarter (Old Age Security Act s. 7), on figures checked by hand."""

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coordina.catalog.loading import bundled_library
from coordina.domain.scheme import Scheme
from coordina.domain.vocabulary import Branch
from coordina.rules.formulas import FORMULAS
from coordina.rules.formulas.career import Career, months_by_year
from coordina.rules.formulas.pensionable_earnings import contributory_months


@pytest.fixture(scope="module")
def cpp() -> Scheme:
    return bundled_library().scheme("ca-cpp")


def career(birth: date, claim: date, start: date, end: date, earnings: dict[int, int]) -> Career:
    by_year = months_by_year([(start, end)])
    return Career(
        birth_date=birth,
        sex=None,
        claim_date=claim,
        pension_age_on=None,
        branch=Branch.old_age,
        months=sum(by_year.values(), Fraction(0)),
        months_by_year=by_year,
        earnings={y: Decimal(a) for y, a in earnings.items()},
        currency="CAD",
        earnings_missing=tuple(y for y in by_year if y not in earnings),
    )


def amount(scheme: Scheme, person: Career) -> Fraction | None:
    assert scheme.parameters.benefit_formula is not None
    dated = scheme.parameters.benefit_formula.at(person.claim_date)
    assert dated is not None
    return FORMULAS[dated.value.kind].compute(person, scheme.parameters, dated.value).amount


def test_contributory_period_runs_from_the_month_after_18_to_the_month_before_the_pension() -> None:
    """s. 49 and s. 2(2): born 10 June 1953, 18 is reached on 1 July 1971; pension from January 2016."""
    person = career(date(1953, 6, 10), date(2016, 1, 1), date(1971, 7, 1), date(2015, 12, 31), {})
    months = contributory_months(person)
    assert (min(months), months[1971], months[2015], sum(months.values())) == (1971, 6, 12, 534)


def test_contributory_period_ends_at_70() -> None:
    """s. 49(b)(i): the month before the month 70 is reached (the birthday month) is the last."""
    person = career(date(1940, 3, 5), date(2012, 1, 1), date(1966, 1, 1), date(2011, 12, 31), {})
    months = contributory_months(person)
    assert max(months) == 2010 and months[2010] == 3


def test_ympe_and_yampe_follow_the_act(cpp: Scheme) -> None:
    """s. 18(1)(a): 1987 is 25,900; s. 18.1: YAMPE = 1.07 / 1.14 x YMPE rounded down to 100;
    s. 20: the basic exemption is 3,500 after 1997 and 10 % of the YMPE before (to 1987)."""
    ympe, yampe = cpp.parameters.tables["ympe"].values, cpp.parameters.tables["yampe"].values
    assert ympe[1987] == 25900 and ympe[1986] == 25800
    assert yampe[2024] == (Decimal("1.07") * ympe[2024]) // 100 * 100
    for year in (2025, 2026):
        assert yampe[year] == (Decimal("1.14") * ympe[year]) // 100 * 100
    exemption = cpp.parameters.tables["basic_exemption"].values
    assert all(exemption[y] == 3500 for y in range(1998, 2027))
    assert all(exemption[y] == ympe[y] / 10 // 100 * 100 for y in range(1987, 1998))


@pytest.mark.parametrize(
    ("year", "published"),
    [(1995, "713.19"), (1996, "727.08"), (1997, "736.81"), (2012, "986.67"), (2013, "1012.50"), (2014, "1038.33"),
     (2015, "1065.00"), (2016, "1092.50"), (2017, "1114.17"), (2018, "1134.17"), (2019, "1154.58")],
)  # fmt: skip
def test_maximum_pension_at_65_by_year(cpp: Scheme, year: int, published: str) -> None:
    """The published maximum at 65 in January of each year (1995-1997:
    http://acelinkisp.com/rmib/cpp_fact.html; 2012-2019:
    https://henleyfinancialca.wordpress.com/2019/01/15/a-new-year-means-new-financial-limits/)."""
    birth = date(year - 66, 12, 10)
    start = date(max(1966, birth.year + 19), 1, 1)
    earnings = {y: 500000 for y in range(start.year, year)}
    person = career(birth, date(year, 1, 1), start, date(year - 1, 12, 31), earnings)
    value = amount(cpp, person)
    assert value is not None
    assert round(Decimal(value.numerator) / value.denominator, 2) == Decimal(published)


@settings(deadline=None, max_examples=40)
@given(
    base=st.integers(min_value=0, max_value=90000),
    extra=st.integers(min_value=0, max_value=30000),
    year=st.integers(min_value=1980, max_value=2024),
)
def test_more_earnings_never_lower_the_pension(cpp: Scheme, base: int, extra: int, year: int) -> None:
    """Raising one year's earnings never lowers the amount (each stage is monotone)."""
    start, end = date(1975, 1, 1), date(2024, 12, 31)
    earnings = {y: 40000 for y in range(1975, 2025)}
    earnings[year] = base
    low = amount(cpp, career(date(1959, 12, 10), date(2025, 1, 1), start, end, earnings))
    earnings[year] = base + extra
    high = amount(cpp, career(date(1959, 12, 10), date(2025, 1, 1), start, end, earnings))
    assert low is not None and high is not None and high >= low


def test_an_early_pension_is_smaller_and_a_late_one_larger(cpp: Scheme) -> None:
    """s. 46(3.1), Regulations s. 46.1-46.2: a month before 65 takes 0.6 %, a month after adds
    0.7 % (a maximum earner, whose basic amount the extra month of the period does not change)."""
    start, end = date(1973, 2, 1), date(2019, 12, 31)
    earnings = {y: 500000 for y in range(1973, 2020)}
    birth = date(1955, 1, 20)  # 65 reached on 1 February 2020
    values = [amount(cpp, career(birth, date(2020, m, 1), start, end, earnings)) for m in (1, 2, 3)]
    assert None not in values
    early, at_65, late = values
    assert early is not None and at_65 is not None and late is not None
    assert early < at_65 < late
    assert early == at_65 * (1 - Fraction("0.006"))
    assert late == at_65 * (1 + Fraction("0.007"))
