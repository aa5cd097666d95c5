"""France, régime général (fr-cnav): the basic pension formula on hand cases, the revaluation
table against the CNAV's published coefficients, the cohort tables, and properties.

The scheme is read from its YAML file (not the bundled library), so these tests do not depend on
other schemes' data; ``tests/test_formula_cases.py`` runs the same cases (tests/formulas/fr.yaml)
through the library.
"""

from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from coordina.domain.scheme import Scheme
from coordina.domain.vocabulary import Branch
from coordina.rules.formulas.best_years import (
    FORMULA,
    age_in_months,
    average_salary,
    cohort,
    rate,
    reference_quarters,
    revaluation_factors,
)
from coordina.rules.formulas.career import Career, Reading
from coordina.rules.formulas.fr_quarters import quarters_of_year, threshold, to_the_cent, validated_quarters
from coordina.rules.money import to_money

ROOT = Path(__file__).parent.parent
SCHEME = Scheme.model_validate(
    yaml.safe_load((ROOT / "src/coordina/data/schemes/FR/fr-cnav.yaml").read_text(encoding="utf-8"))
)
CASES = yaml.safe_load((Path(__file__).parent / "formulas" / "fr.yaml").read_text(encoding="utf-8"))

# CNAV cumulative coefficients for pensions from 1 January 2022, salaries of 1949–2021 (Circ. Cnav
# 2022-3 of 11 January 2022, as reproduced at
# https://auditec-consultants.com/nos-indices-et-taux/retraites-retraite-de-base).
CNAV_2022 = {
    1949: "88.515", 1950: "77.65", 1951: "55.102", 1952: "45.915", 1953: "45.285", 1954: "42.318",
    1955: "39.003", 1956: "34.82", 1957: "32.388", 1958: "28.531", 1959: "25.819", 1960: "23.974",
    1961: "20.845", 1962: "17.97", 1963: "16.039", 1964: "14.447", 1965: "13.514", 1966: "12.77",
    1967: "12.09", 1968: "11.144", 1969: "9.661", 1970: "8.775", 1971: "7.872", 1972: "7.093",
    1973: "6.554", 1974: "5.778", 1975: "4.864", 1976: "4.133", 1977: "3.565", 1978: "3.206",
    1979: "2.924", 1980: "2.571", 1981: "2.269", 1982: "2.026", 1983: "1.911", 1984: "1.812",
    1985: "1.736", 1986: "1.697", 1987: "1.635", 1988: "1.598", 1989: "1.541", 1990: "1.499",
    1991: "1.476", 1992: "1.428", 1993: "1.428", 1994: "1.403", 1995: "1.387", 1996: "1.353",
    1997: "1.339", 1998: "1.324", 1999: "1.309", 2000: "1.302", 2001: "1.276", 2002: "1.248",
    2003: "1.227", 2004: "1.208", 2005: "1.187", 2006: "1.166", 2007: "1.147", 2008: "1.135",
    2009: "1.125", 2010: "1.115", 2011: "1.105", 2012: "1.083", 2013: "1.062", 2014: "1.049",
    2015: "1.049", 2016: "1.048", 2017: "1.048", 2018: "1.04", 2019: "1.025", 2020: "1.015",
    2021: "1.011",
}  # fmt: skip


def career_of(data: dict[str, Any]) -> Career:
    by_year = {int(y): Fraction(str(m)) for y, m in data["months_by_year"].items()}
    earnings = {int(y): Decimal(str(a)) for y, a in (data.get("earnings") or {}).items()}
    total = sum(by_year.values(), Fraction(0))
    return Career(
        birth_date=data["birth_date"],
        sex=data.get("sex"),
        claim_date=data["claim_date"],
        pension_age_on=data.get("pension_age_on"),
        branch=Branch(data.get("branch", "old_age")),
        months=total,
        months_by_year=by_year,
        earnings=earnings,
        currency=data.get("currency"),
        earnings_missing=tuple(y for y, m in by_year.items() if m > 0 and y not in earnings),
        totalized_months=Fraction(str(data.get("totalized_months", total))),
    )


def monthly(career: Career) -> Fraction | None:
    formula = SCHEME.parameters.benefit_formula.at(career.claim_date)  # type: ignore[union-attr]
    assert formula is not None
    return FORMULA.compute(career, SCHEME.parameters, formula.value).amount


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_hand_case(case: dict[str, Any]) -> None:
    assert case["source"] and case["derivation"] and case["printed"] is False
    career = career_of(case["career"])
    formula = SCHEME.parameters.benefit_formula.at(career.claim_date)  # type: ignore[union-attr]
    assert formula is not None and formula.value.kind == "best_years_rate_duration"
    result = FORMULA.compute(career, SCHEME.parameters, formula.value)
    expect = case["expect"]
    working = [str(w) for w in result.working]
    if "amount" in expect:
        assert result.amount is not None, [str(n) for n in result.needs]
        assert to_money(result.amount, "EUR", None) == Decimal(str(expect["amount"])), working
    for needed in expect.get("needs", []):
        assert result.amount is None and any(needed in str(n) for n in result.needs)
    for line in expect.get("working", []):
        assert any(line in w for w in working), working
    assert all(u.reference for u in result.used)


@pytest.mark.parametrize("year", sorted(CNAV_2022))
def test_revaluation_reproduces_the_cnav_2022_table(year: int) -> None:
    """The yearly coefficients multiplied from the salary's year to 2022 give back the CNAV's
    published cumulative coefficient (three decimals)."""
    factors = revaluation_factors(Reading(SCHEME.parameters), 1949, 2022)
    assert factors is not None
    product = factors[year]
    assert abs(product - Fraction(CNAV_2022[year])) < Fraction(1, 2000)


def test_revaluation_to_2026_uses_the_yearly_revaluations() -> None:
    """A 2021 salary in a 2026 pension: 1.011 (2022) x 1.008 x 1.053 x 1.022 x 1.009."""
    factors = revaluation_factors(Reading(SCHEME.parameters), 2020, 2026)
    assert factors is not None
    expected = Fraction("1.011") * Fraction("1.008") * Fraction("1.053") * Fraction("1.022") * Fraction("1.009")
    assert abs(factors[2021] - expected) < Fraction(1, 10**8)


def test_cohort_tables() -> None:
    tables = SCHEME.parameters.tables
    assert tables["best_years"].values[1947] == 24 and tables["best_years"].values[1948] == 25
    assert tables["reference_quarters"].values[1960] == 167 and tables["reference_quarters"].values[1973] == 172
    assert tables["reference_quarters_2023"].values[1964] == 171
    assert tables["reference_quarters_2026"].values[1964] == 170
    assert tables["decote_per_quarter"].values[1953] == Decimal("0.0125")
    assert tables["full_rate_age_months"].values[1955] == 67 * 12


def test_cohorts_split_within_a_birth_year() -> None:
    """The law splits some birth years by month: 1951 (full-rate age 65y4m from July), 1961
    (169 quarters from September under the 2023 law), 1965 (171 from April under the 2026 law)."""
    reading = Reading(SCHEME.parameters)
    assert cohort(reading, "full_rate_age_months", date(1951, 6, 30)) == 780
    assert cohort(reading, "full_rate_age_months", date(1951, 7, 1)) == 784
    assert cohort(reading, "reference_quarters_2023", date(1961, 8, 31)) == 168
    assert cohort(reading, "reference_quarters_2023", date(1961, 9, 1)) == 169
    assert cohort(reading, "reference_quarters_2026", date(1965, 3, 31)) == 170
    assert cohort(reading, "reference_quarters_2026", date(1965, 4, 1)) == 171
    assert cohort(reading, "reference_quarters", date(1961, 12, 1)) == 168  # before the 2023 law
    assert cohort(reading, "best_years", date(1930, 1, 1)) == 10  # nearest year of the table


def _career(earnings: dict[int, Decimal], months: int = 12) -> Career:
    by_year = {y: Fraction(months) for y in earnings}
    return Career(
        birth_date=date(1958, 3, 1), sex=None, claim_date=date(2025, 4, 1), pension_age_on=None,
        branch=Branch.old_age, months=Fraction(months * len(earnings)), months_by_year=by_year,
        earnings=earnings, currency="EUR", totalized_months=Fraction(months * len(earnings)),
    )  # fmt: skip


def test_quarters_threshold_200_then_150_hours_and_the_cap() -> None:
    reading = Reading(SCHEME.parameters)
    on = date(2025, 4, 1)
    assert threshold(reading, 2013, on) == 200 * Fraction("9.43")
    assert threshold(reading, 2014, on) == 150 * Fraction("9.53")
    assert threshold(reading, 1985, on) == 200 * Fraction("24.36") / Fraction("6.55957")  # francs
    assert threshold(reading, 1971, on) is None  # AVTS rule before 1972 not encoded
    career = _career({2024: Decimal("1747.49"), 2023: Decimal("100000")})
    assert quarters_of_year(career, reading, 2024) == 0  # one cent under 150 x 11.65
    assert quarters_of_year(career, reading, 2023) == 4  # at most four


def test_months_give_the_quarters_of_a_year_without_earnings() -> None:
    career = _career({2020: Decimal(20000)}, months=7)
    reading = Reading(SCHEME.parameters)
    assert quarters_of_year(career, reading, 2019) == 0
    assert quarters_of_year(career, reading, 2020) == 4  # by earnings, not by the 7 months


def test_age_in_completed_months() -> None:
    assert age_in_months(date(1960, 6, 10), date(2022, 7, 1)) == 62 * 12
    assert age_in_months(date(1960, 6, 10), date(2022, 7, 10)) == 62 * 12 + 1


def test_other_currency_is_not_read() -> None:
    career = _career({2020: Decimal(20000)})
    other = Career(**{**career.__dict__, "currency": "TND"})
    assert monthly(other) is None


@settings(deadline=None, max_examples=40)
@given(
    base=st.integers(min_value=1, max_value=60000),
    extra=st.integers(min_value=0, max_value=30000),
    year=st.integers(min_value=1995, max_value=2024),
)
def test_more_earnings_never_lower_the_pension(base: int, extra: int, year: int) -> None:
    earnings = {y: Decimal(base) for y in range(1995, 2025)}
    lower = monthly(_career(earnings))
    earnings[year] = Decimal(base + extra)
    higher = monthly(_career(earnings))
    assert lower is not None and higher is not None
    assert higher >= lower


def test_a_year_whose_salary_validates_no_quarter_is_left_out_of_the_sam() -> None:
    """R351-29 reads the contributions that validate at least one quarter: 2024's 1,000 is under
    150 x 11.65 = 1,747.50 (no quarter), so the SAM is 2023's 30,000 alone, revalued by 2024's and
    2025's coefficients (1.053 x 1.022), not the average of the two years."""
    career = _career({2023: Decimal(30000), 2024: Decimal(1000)})
    reading = Reading(SCHEME.parameters)
    by_year, unearned = validated_quarters(career, reading)
    assert by_year == {2023: 4, 2024: 0} and unearned == {2024}
    sam = average_salary(career, reading, unearned)
    assert sam == 30000 * Fraction("1.053") * Fraction("1.022")
    assert any("left out of the average salary" in str(w) and "2024" in str(w) for w in reading.working)


def test_a_plafond_in_francs_is_brought_to_euros_to_the_cent() -> None:
    """service-public.fr F21552: franc amounts are converted to euros and rounded to the cent.
    The 1985 plafond 106,740 F / 6.55957 = 16,272.4081 -> 16,272.41 caps a 1985 salary of 20,000."""
    assert to_the_cent(Fraction(106740) / Fraction("6.55957")) == Fraction("16272.41")
    assert to_the_cent(Fraction("0.005")) == Fraction("0.01")
    career = _career({1985: Decimal(20000)})
    reading = Reading(SCHEME.parameters)
    factors = revaluation_factors(Reading(SCHEME.parameters), 1985, 2025)
    assert factors is not None
    assert average_salary(career, reading) == Fraction("16272.41") * factors[1985]


def _claim(birth: date, claim: date, quarters: int) -> Career:
    months = Fraction(3 * quarters)
    return Career(
        birth_date=birth, sex=None, claim_date=claim, pension_age_on=None, branch=Branch.old_age,
        months=months, months_by_year={claim.year - 1: months}, earnings={}, currency="EUR",
        totalized_months=months,
    )  # fmt: skip


def test_published_example_1962_cohort_four_quarters_short() -> None:
    """The CGOS guide « Retraite 2024 » (Notre Temps), p. 81
    (https://pm-crh.cgos.info/flipbook-guide-bayard/files/basic-html/page81.html): born in 1962,
    retiring at 62 years 6 months with 169 quarters: 3,000 x 50 % x 169/169 = 1,500 a month; with
    4 quarters missing the rate is 47.5 % and the pension 3,000 x 47.5 % x 165/169 = 1,391 (printed
    to the euro). The guide gives the average salary (3,000 a month), not the salaries, so the
    stages are checked here: the rate and the duration's denominator of the 2023 law."""
    birth, claim = date(1962, 3, 1), date(2024, 9, 1)
    for quarters, expected_rate, printed in ((169, Fraction(1, 2), 1500), (165, Fraction(475, 1000), 1391)):
        reading = Reading(SCHEME.parameters)
        career = _claim(birth, claim, quarters)
        assert rate(career, reading, quarters) == expected_rate
        reference = reference_quarters(reading, career, prorata=True)
        assert reference == 169
        monthly_amount = 3000 * expected_rate * min(Fraction(1), Fraction(quarters, int(reference)))
        assert round(monthly_amount) == printed


def test_published_example_1956_cohort_eight_quarters_short_at_60() -> None:
    """A worked example at http://avenirserenite.e-monsite.com/pages/votre-retraite/la-retraite-obligatoire/la-retraite-progressive.html:
    born in 1956, at 60 with 158 of the 166 quarters and a SAM of 34,000: rate 45 % (8 quarters
    short, fewer than the 28 to 67), pension 34,000 x 45 % x 158/166 = 14,563 a year (printed to
    the euro; 14,562.65)."""
    career = _claim(date(1956, 5, 1), date(2016, 5, 1), 158)
    reading = Reading(SCHEME.parameters)
    assert rate(career, reading, 158) == Fraction(45, 100)
    reference = reference_quarters(reading, career, prorata=True)
    assert reference == 166
    assert round(34000 * Fraction(45, 100) * Fraction(158, int(reference))) == 14563
