"""Argentina SIPA (basic_plus_accrual): the year-counting rule, the July 1994 split and a property
(more earnings never lower the amount). Figures: Resolución ANSES 211/2025 (PBU 135,626.86)."""

from datetime import date
from decimal import Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from coordina.catalog.loading import bundled_library
from coordina.domain.vocabulary import Branch
from coordina.rules.formulas import basic_plus_accrual as ar
from coordina.rules.formulas.career import Career, Reading

CLAIM = date(2025, 5, 15)


def _career(by_year: dict[int, int], earnings: dict[int, Decimal]) -> Career:
    months = {y: Fraction(m) for y, m in by_year.items()}
    return Career(
        birth_date=date(1960, 1, 10), sex="men", claim_date=CLAIM, pension_age_on=date(2025, 1, 10),
        branch=Branch.old_age, months=sum(months.values(), Fraction(0)), months_by_year=months,
        earnings=earnings, currency="ARS",
        earnings_missing=tuple(y for y in months if y not in earnings),
    )  # fmt: skip


def test_a_remainder_counts_only_above_six_months() -> None:
    assert ar.counted_years(Fraction(114)) == 9
    assert ar.counted_years(Fraction(115)) == 10
    assert ar.counted_years(Fraction(83)) == 7
    assert ar.counted_years(Fraction(6)) == 0


def test_a_full_1994_is_split_six_and_six() -> None:
    scheme = bundled_library().scheme("ar-sipa")
    reading = Reading(scheme.parameters)
    before, after = ar.split_months(_career({1993: 12, 1994: 12, 1995: 12}, {}), reading)
    assert (before, after) == (Fraction(18), Fraction(18))
    assert not reading.working


def test_the_pbu_alone_for_no_counted_years() -> None:
    scheme = bundled_library().scheme("ar-sipa")
    formula = scheme.parameters.benefit_formula.at(CLAIM)  # type: ignore[union-attr]
    assert formula is not None
    result = ar.compute(_career({2024: 5}, {}), scheme.parameters, formula.value)
    # 5 months count as no year: PBU 135,626.86 alone, raised to the haber mínimo 296,481.74
    assert result.amount == Fraction(Decimal("296481.74"))


@settings(deadline=None, max_examples=40)
@given(
    base=st.integers(min_value=1_000_000, max_value=40_000_000),
    extra=st.integers(min_value=0, max_value=20_000_000),
    year=st.integers(min_value=2015, max_value=2024),
)
def test_more_earnings_never_lower_the_amount(base: int, extra: int, year: int) -> None:
    scheme = bundled_library().scheme("ar-sipa")
    formula = scheme.parameters.benefit_formula.at(CLAIM)  # type: ignore[union-attr]
    assert formula is not None
    by_year = {y: 12 for y in range(1985, 2025)}
    earnings = {y: Decimal(base) for y in range(2015, 2025)}
    lower = ar.compute(_career(by_year, earnings), scheme.parameters, formula.value).amount
    earnings[year] += extra
    higher = ar.compute(_career(by_year, earnings), scheme.parameters, formula.value).amount
    assert lower is not None and higher is not None and higher >= lower
