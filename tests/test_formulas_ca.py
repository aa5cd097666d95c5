"""Canada: the CPP retirement pension's stages (Canada Pension Plan ss. 46, 48, 49, 51) and the
OAS full amount by quarter (Old Age Security Act s. 7), on figures checked by hand."""

import itertools
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


@pytest.fixture(scope="module")
def oas() -> Scheme:
    return bundled_library().scheme("ca-oas")


@pytest.mark.parametrize(
    ("day", "published", "source"),
    [
        (date(2003, 5, 1), "456.08", "https://stg.advisor.ca/industry-news/industry/ottawa-hikes-old-age-security-pension-rates"),
        (date(2005, 10, 1), "479.83", "SDC release of 29 September 2005 (bac-lac archive)"),
        (date(2006, 2, 1), "484.63", "SDC rates page January-March 2006 (bac-lac archive)"),
        (date(2007, 4, 1), "491.93", "HRSDC release of 30 March 2007 (marketwired)"),
        (date(2009, 12, 31), "516.96", "HRSDC release of 16 September 2009 (marketwired)"),
        (date(2013, 10, 1), "550.99", "ESDC release of 30 September 2013 (newswire.ca)"),
        (date(2014, 8, 15), "558.71", "http://www.servicecanada.gc.ca/eng/services/pensions/oas/payments/index.shtml"),
        (date(2015, 12, 1), "569.95", "https://www.benefitscanada.com/news/oas-benefit-amounts-to-increase/"),
        (date(2023, 8, 1), "698.60", "copy of the canada.ca payments page, July-September 2023"),
        (date(2024, 9, 30), "718.33", "https://rcgt.com/en/tax-planning-guide/sections/section-12-social-programs-and-benefits/old-age-security-pension"),
        (date(2024, 10, 1), "727.67", "https://www.canada.ca/en/services/benefits/publicpensions/cpp/old-age-security/benefit-amount.html"),
        (date(2025, 11, 1), "740.09", "https://apcagents.com/old-age-security-oas-pension-october-december-2025"),
        (date(2004, 2, 1), "462.47", "federal announcement for 1 January 2004 (sudbury.com)"),
        (date(2004, 11, 1), "471.76", "PLANSPONSOR, 27 December 2004 (the rate then paid)"),
        (date(2005, 3, 31), "471.76", "PLANSPONSOR, 27 December 2004 (no increase for January-March 2005)"),
        (date(2008, 2, 1), "502.31", "HRSDC release of 21 December 2007 (abitpac.com copy)"),
        (date(2009, 1, 15), "516.96", "HRSDC release of 5 December 2008 (news.gc.ca nid=426809)"),
        (date(2010, 3, 31), "516.96", "HRSDC release of 11 December 2009 (news.gc.ca nid=501769)"),
        (date(2011, 5, 1), "526.85", "HRSDC rates for April-June 2011 (archives.nupge.ca)"),
        (date(2012, 1, 1), "540.12", "HRSDC release of 2 December 2011 (news.gc.ca nid=641249)"),
        (date(2014, 5, 1), "551.54", "Ontario GAINS rate tables April-June 2014 (fin.gov.on.ca)"),
        (date(2014, 2, 1), "551.54", "ESDC release for January 2014 (disabled-world.com copy; benefitscanada.com)"),
        (date(2014, 11, 1), "563.74", "ESDC release of 30 September 2014 (newswire.ca)"),
        (date(2016, 8, 1), "573.37", "Benefits Canada, January 2017 (573.37 from July 2016)"),
        (date(2018, 5, 1), "589.59", "Raymond Chabot Grant Thornton tax planning guide 2018 (rcgt.com)"),
        (date(2019, 8, 1), "607.46", "indexation of 1 July 2019 (scasey.liberal.ca; Montreal Gazette)"),
        (date(2019, 11, 1), "613.53", "Knowledge Bureau, 2 October 2019"),
        (date(2021, 5, 1), "618.45", "canada.ca overview archived 10 May 2021 (web.archive.org)"),
        (date(2022, 2, 1), "642.25", "iamaw.ca useful numbers January 2022; 635.26 x 1.011"),
        (date(2023, 5, 1), "691.00", "BC Senior's Supplement rate table effective 1 April 2023 (www2.gov.bc.ca)"),
        (date(2023, 11, 1), "707.68", "ESDC estimator data file, github.com/DTS-STN/eligibility-estimator"),
    ],
)  # fmt: skip
def test_oas_full_amount_by_quarter(oas: Scheme, day: date, published: str, source: str) -> None:
    """The maximum monthly OAS pension (65-74) of the quarter, as published (OAS Act s. 7)."""
    dated = oas.parameters.values["full_amount"].at(day)
    assert dated is not None, source
    assert dated.value == Decimal(published), source


def test_oas_entries_are_whole_quarters_and_never_fall(oas: Scheme) -> None:
    """Indexation is quarterly and an amount is never lowered (OAS Act s. 7(2)-(3))."""
    entries = sorted(oas.parameters.values["full_amount"].root, key=lambda e: e.valid_from)
    for entry in entries:
        assert entry.valid_from.day == 1 and entry.valid_from.month in (1, 4, 7, 10)
        assert entry.valid_until is not None and (entry.valid_until.month % 3, entry.valid_until.day) in (
            (0, 30),
            (0, 31),
        )
        assert entry.reference and entry.source
    assert all(a.value <= b.value for a, b in itertools.pairwise(entries))


def test_oas_gives_no_full_amount_for_a_quarter_without_a_source(oas: Scheme) -> None:
    """Quarters whose figure was not found have no entry (no made-up amount)."""
    values = oas.parameters.values["full_amount"]
    assert values.at(date(1995, 1, 1)) is None and values.at(date(2026, 6, 1)) is None
    for gap in (date(2005, 4, 1), date(2008, 5, 1), date(2012, 8, 1), date(2017, 8, 1), date(2019, 2, 1)):
        assert values.at(gap) is None, gap
    assert all(entry.source != "unverified" for entry in values.root)
    assert oas.parameters.benefit_formula is not None
    formula = oas.parameters.benefit_formula.at(date(2024, 8, 1))
    assert formula is not None and formula.value.full_amount is None
