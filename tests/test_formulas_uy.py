"""Uruguay BPS common retirement (replacement_rate with uy-bps data): Ley 16.713 art. 27 (basic
retirement salary) and art. 29 A) (rate and age increments), on hand cases.

The scheme data hold December levels for 1968-2025 (tables.revaluation_index: INE's IMS to 2017, then
the published IMSN variations). The rate cases add a flat index (every level 1: earnings already at the
claim's level) as a test fixture, stated as such: the rates, the art. 27 comparison and the age
increments are what they check, by hand from the statute's figures; the others use the real index."""

from datetime import date
from decimal import Decimal, localcontext
from fractions import Fraction
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from coordina.catalog.loading import bundled_data_dir, load_scheme_file
from coordina.domain.scheme import SchemeParameters
from coordina.domain.series import YearlyTable
from coordina.domain.vocabulary import Branch
from coordina.rules.formulas import FORMULAS
from coordina.rules.formulas.career import Career, FormulaResult


def parameters(flat_index: bool = True) -> SchemeParameters:
    base = load_scheme_file(bundled_data_dir() / Path("schemes/UY/uy-bps.yaml")).parameters
    if not flat_index:
        return base
    index = YearlyTable(
        unit="test fixture: flat level",
        values={y: Decimal(1) for y in range(1960, 2027)},
        reference="test fixture standing for Ley 16.713 art. 27 (IMS)",
        source="unverified",
    )
    return base.model_copy(update={"tables": {**base.tables, "revaluation_index": index}})


def career(birth: date, claim: date, years: range, monthly: dict[int, int]) -> Career:
    by_year = {y: Fraction(12) for y in years}
    return Career(
        birth_date=birth,
        sex="men",
        claim_date=claim,
        pension_age_on=None,
        branch=Branch.old_age,
        months=sum(by_year.values(), Fraction(0)),
        months_by_year=by_year,
        earnings={y: Decimal(monthly[y] * 12) for y in years},
        currency="UYU",
    )


def run(c: Career, flat_index: bool = True) -> FormulaResult:
    p = parameters(flat_index)
    assert p.benefit_formula is not None
    formula = p.benefit_formula.at(c.claim_date)
    assert formula is not None
    return FORMULAS[formula.value.kind].compute(c, p, formula.value)


def test_forty_years_deferred_five_years_after_35() -> None:
    """Born 1 Mar 1955, insured 1980-2019 (40 years), claim 1 Mar 2020 (age 65).
    Art. 27: last 10 years 50,000 a month; best 20 years (10 x 50,000 + 10 x 30,000) 40,000, plus 5%
    = 42,000, which limits the first: 42,000 (higher than 40,000). Art. 29 A): 45% + 5 x 1% + 2.5%
    (capped) = 52.5%; 35 years completed by 1 Jan 2015, age 60 on 1 Mar 2015, 5 years deferred x 3% =
    15%. 67.5% x 42,000 = 28,350."""
    monthly = {y: 50000 if y >= 2010 else 30000 for y in range(1980, 2020)}
    result = run(career(date(1955, 3, 1), date(2020, 3, 1), range(1980, 2020), monthly))
    assert result.amount == Fraction(28350)
    assert "limited to 42000 a month" in [str(w) for w in result.working]


def test_short_of_35_years_two_points_per_year_over_60() -> None:
    """Born 1 Jan 1958, insured 1990-2023 (34 years), claim 1 Jan 2024 (age 66), 20,000 a month
    throughout: basic salary 20,000; 45% + 4 x 1% = 49%; 35 years never completed, so 2% for each of the
    6 years of age over 60: 12%. 61% x 20,000 = 12,200."""
    monthly = dict.fromkeys(range(1990, 2024), 20000)
    result = run(career(date(1958, 1, 1), date(2024, 1, 1), range(1990, 2024), monthly))
    assert result.amount == Fraction(12200)


def test_before_ley_18395_fifty_percent_at_35_years() -> None:
    """Claim 1 Jun 2008 under the original art. 29 (encoded on the 2008 model, unverified): born
    1 Jun 1946, insured 1971-2007 (37 years), 10,000 a month: 50% + 2 x 0.5% = 51%; 35 years completed
    on 1 Jan 2006, age 60 on 1 Jun 2006, 2 years deferred x 3% = 6%. 57% x 10,000 = 5,700."""
    monthly = dict.fromkeys(range(1971, 2008), 10000)
    result = run(career(date(1946, 6, 1), date(2008, 6, 1), range(1971, 2008), monthly))
    assert result.amount == Fraction(5700)


def test_best_twenty_years_when_higher() -> None:
    """Earnings falling at the end: the best 20 years' average (30,000) beats the last 10 (10,000)."""
    monthly = {y: 10000 if y >= 2010 else 30000 for y in range(1980, 2020)}
    result = run(career(date(1955, 3, 1), date(2020, 3, 1), range(1980, 2020), monthly))
    assert result.amount == Fraction(30000) * Fraction("0.675")


def test_without_the_index_no_amount() -> None:
    """The bundled table starts in 1968: a 1966-2007 career lacks the levels of 1966 and 1967 only."""
    monthly = dict.fromkeys(range(1966, 2008), 2000)
    result = run(career(date(1946, 6, 1), date(2008, 6, 1), range(1966, 2008), monthly), flat_index=False)
    assert result.amount is None
    needs = [str(n) for n in result.needs]
    assert any("revaluation_index for 1966" in n for n in needs)
    assert any("revaluation_index for 1967" in n for n in needs)
    assert not any("revaluation_index for 1968" in n for n in needs)


def test_bundled_levels_ims_to_2017() -> None:
    """1968-2017 are INE's IMS December levels (July 2008 = 100); they reproduce published figures: the
    IMS rose 66.94 % in 1987 (Decreto 320/988), 12.04 % in 2014 (INE via lr21.com.uy), 11.65 % in 2016
    (INE via ladiaria.com.uy) and 12.12 % in 2013 (INE via americaeconomia.com)."""
    values = parameters(flat_index=False).tables["revaluation_index"].values
    assert values[2017] == Decimal("279.4")
    for year, rate in ((1987, "66.94"), (2014, "12.04"), (2016, "11.65"), (2013, "12.12")):
        change = (values[year] / values[year - 1] - 1) * 100
        assert change.quantize(Decimal("0.01")) == Decimal(rate)


def test_bundled_levels_chain_the_published_variations() -> None:
    """December 2017 times 1 + the IMSN December-to-December variation INE published for 2018 (8.38 %),
    2019 (8.57 %), 2020 (7.58 %), 2021 (6.16 %), 2022 (9.82 %), 2023 (8.68 %), 2024 (6.13 %) and 2025
    (5.97 %)."""
    table = parameters(flat_index=False).tables["revaluation_index"]
    level = Decimal("279.4")
    rates = (
        ("2018", "8.38"),
        ("2019", "8.57"),
        ("2020", "7.58"),
        ("2021", "6.16"),
        ("2022", "9.82"),
        ("2023", "8.68"),
        ("2024", "6.13"),
        ("2025", "5.97"),
    )
    with localcontext() as exact:  # the chained levels carry up to 36 digits
        exact.prec = 60
        for year, rate in ((int(y), r) for y, r in rates):
            level *= 1 + Decimal(rate) / 100
            assert table.values[year] == level


def test_real_index_one_year_revalued_to_the_claim() -> None:
    """Born 1 Jan 1970, insured 2022-2023 only, claim 1 Jan 2024 (age 54, no age increment): 2022's
    120,000 a month x 1.0868 = 130,416 and 2023's 120,000; average (1,564,992 + 1,440,000) / 24 =
    125,208; 45 % (2 years, below 30: the base rate) = 56,343.60."""
    monthly = {2022: 120000, 2023: 120000}
    result = run(career(date(1970, 1, 1), date(2024, 1, 1), range(2022, 2024), monthly), flat_index=False)
    assert result.amount == Fraction("56343.6")


@settings(deadline=None, max_examples=30)
@given(st.integers(min_value=1000, max_value=500000), st.integers(min_value=2, max_value=9))
def test_real_index_amount_proportional_to_earnings(wage: int, factor: int) -> None:
    """Art. 27 averages revalued earnings and art. 29 applies a rate to them: multiplying every
    year's earnings by k multiplies the amount by k."""
    years = range(2019, 2024)
    base = run(career(date(1962, 3, 1), date(2024, 3, 1), years, dict.fromkeys(years, wage)), flat_index=False)
    more = run(career(date(1962, 3, 1), date(2024, 3, 1), years, dict.fromkeys(years, wage * factor)), flat_index=False)
    assert base.amount is not None and more.amount == base.amount * factor


@settings(deadline=None, max_examples=30)
@given(
    st.lists(st.integers(min_value=5000, max_value=200000), min_size=40, max_size=40),
    st.integers(min_value=0, max_value=39),
    st.integers(min_value=1, max_value=100000),
)
def test_more_earnings_never_lower_the_amount(base: list[int], index: int, extra: int) -> None:
    """Art. 27 takes a maximum of monotone averages, so raising one year never lowers the amount."""
    years = range(1980, 2020)
    monthly = {y: base[i] for i, y in enumerate(years)}
    more = dict(monthly)
    more[years[index]] += extra
    low = run(career(date(1955, 3, 1), date(2020, 3, 1), years, monthly))
    high = run(career(date(1955, 3, 1), date(2020, 3, 1), years, more))
    assert low.amount is not None and high.amount is not None and high.amount >= low.amount
