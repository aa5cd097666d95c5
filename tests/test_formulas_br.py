"""Brazil RGPS old-age formula (replacement_rate with br-rgps data): EC 103/2019 art. 26 and the
earlier Lei 8.213/91 art. 50 with Lei 9.876/99; the published figures it reads."""

from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from coordina.catalog.loading import bundled_data_dir, load_scheme_file
from coordina.domain.scheme import Scheme
from coordina.domain.vocabulary import Branch
from coordina.rules.formulas import FORMULAS
from coordina.rules.formulas.career import Career, FormulaResult


def scheme() -> Scheme:
    return load_scheme_file(bundled_data_dir() / Path("schemes/BR/br-rgps.yaml"))


def career(years: range, earnings: dict[int, Decimal], claim: date, sex: str | None = "women") -> Career:
    by_year = {y: Fraction(12) for y in years}
    return Career(
        birth_date=date(1960, 1, 1),
        sex=sex,
        claim_date=claim,
        pension_age_on=None,
        branch=Branch.old_age,
        months=sum(by_year.values(), Fraction(0)),
        months_by_year=by_year,
        earnings=earnings,
        currency="BRL",
        earnings_missing=tuple(y for y in years if y not in earnings),
    )


def run(c: Career) -> FormulaResult:
    parameters = scheme().parameters
    assert parameters.benefit_formula is not None
    formula = parameters.benefit_formula.at(c.claim_date)
    assert formula is not None
    return FORMULAS[formula.value.kind].compute(c, parameters, formula.value)


def test_published_minimum_wage_and_ceiling() -> None:
    """Minimum wage and ceiling on published dates (jetsys/calculador tables; ieprev/previdenciarista)."""
    values = scheme().parameters.values
    assert values["minimum_amount"].at(date(2005, 6, 1)).value == Decimal("300.00")  # type: ignore[union-attr]
    assert values["minimum_amount"].at(date(2023, 6, 1)).value == Decimal("1320.00")  # type: ignore[union-attr]
    assert values["minimum_amount"].at(date(2025, 3, 1)).value == Decimal("1518.00")  # type: ignore[union-attr]
    assert values["maximum_amount"].at(date(2009, 3, 1)).value == Decimal("3218.90")  # type: ignore[union-attr]
    assert values["maximum_amount"].at(date(2025, 3, 1)).value == Decimal("8157.41")  # type: ignore[union-attr]


def test_each_claim_since_the_agreement_has_a_formula_and_both_thresholds() -> None:
    parameters = scheme().parameters
    assert parameters.benefit_formula is not None
    for day in (date(2005, 6, 1), date(2019, 11, 12), date(2019, 11, 13), date(2026, 12, 1)):
        formula = parameters.benefit_formula.at(day)
        assert formula is not None and formula.value.kind == "replacement_rate"
        assert parameters.values["minimum_amount"].at(day) is not None
        assert parameters.values["maximum_amount"].at(day) is not None
    for year in range(1994, 2026):
        assert year in parameters.tables["revaluation_index"].values
        assert year in parameters.tables["earnings_ceiling"].values


def test_rate_by_sex_after_ec_103() -> None:
    """20 years at the 2025 level: a woman 60% + 2 x 5 = 70%, a man 60% (EC 103 art. 26 §§ 2, 5)."""
    years = range(2005, 2025)
    level = scheme().parameters.tables["revaluation_index"].values
    earnings = {y: (Decimal(48000) * level[y] / level[2024]).quantize(Decimal("0.01")) for y in years}
    woman = run(career(years, earnings, date(2025, 3, 1), "women"))
    man = run(career(years, earnings, date(2025, 3, 1), "men"))
    assert woman.amount is not None and man.amount is not None
    assert round(woman.amount, 2) == Fraction("2800.00")  # 4,000 x 0.70
    assert round(man.amount, 2) == Fraction("2400.00")  # 4,000 x 0.60


def test_pre_reform_rate_is_capped_at_100_percent() -> None:
    """Lei 8.213 art. 50: 70% + 1% per 12 contributions, at most 100% (40 years -> 100%)."""
    years = range(1975, 2015)
    level = scheme().parameters.tables["revaluation_index"].values
    earnings = {y: (Decimal(24000) * level[y] / level[2014]).quantize(Decimal("0.01")) for y in years if y >= 1994}
    result = run(career(years, earnings, date(2015, 6, 1), "men"))
    assert result.amount is not None and round(result.amount, 2) == Fraction("2000.00")
    assert any(str(line) == "rate for 40 complete years: 1" for line in result.working)


def test_survivors_share_changes_with_ec_103() -> None:
    shares = scheme().parameters.derived_share_by_branch[Branch.survivors]
    assert shares.at(date(2015, 1, 1)).value.share == Decimal("1")  # type: ignore[union-attr]
    assert shares.at(date(2020, 1, 1)).value.share == Decimal("0.6")  # type: ignore[union-attr]


@settings(deadline=None, max_examples=30)
@given(
    st.lists(st.integers(min_value=10000, max_value=150000), min_size=25, max_size=25),
    st.integers(min_value=0, max_value=24),
    st.integers(min_value=1, max_value=50000),
    st.sampled_from([date(2015, 6, 1), date(2025, 3, 1)]),
)
def test_more_earnings_never_lower_the_amount(base: list[int], index: int, extra: int, claim: date) -> None:
    """Under both versions, raising one year's earnings never lowers the amount."""
    years = range(claim.year - 25, claim.year)
    earnings = {y: Decimal(base[i]) for i, y in enumerate(years)}
    more = dict(earnings)
    more[years[index]] += extra
    low, high = run(career(years, earnings, claim)), run(career(years, more, claim))
    assert low.amount is not None and high.amount is not None
    assert high.amount >= low.amount


def test_inpc_levels_chain_the_published_yearly_variations() -> None:
    """Each level over the year before's is 1 + the INPC of the year (IBGE via seplan/sead.ac.gov.br):
    2015 11.28%, 2021 10.16%, 2022 5.93%, 2023 3.71%, 2024 4.77%, to the table's six decimals."""
    level = scheme().parameters.tables["revaluation_index"].values
    for year, inpc in {2015: "11.28", 2021: "10.16", 2022: "5.93", 2023: "3.71", 2024: "4.77"}.items():
        assert abs(level[year] / level[year - 1] - 1 - Decimal(inpc) / 100) < Decimal("0.000002")
