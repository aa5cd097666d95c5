"""Argentina SIPA (basic_plus_accrual): the year-counting rule, the 15 July 1994 split and a property
(more earnings never lower the amount). Figures: Resolución ANSES 211/2025 (PBU 135,626.86)."""

from dataclasses import replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
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


def test_a_full_1994_is_split_on_15_july() -> None:
    """Ley 24.241 in force 15 July 1994: 1 January-14 July is 6 14/31 months before, the rest after."""
    scheme = bundled_library().scheme("ar-sipa")
    reading = Reading(scheme.parameters)
    before, after = ar.split_months(_career({1993: 12, 1994: 12, 1995: 12}, {}), reading)
    assert (before, after) == (12 + 6 + Fraction(14, 31), 5 + Fraction(17, 31) + 12)
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


# Published figures (ANSES resolutions as reported; sources in the scheme data), read engine-free.
PUBLISHED = [
    ("pbu", date(2009, 3, 15), "364.10"),  # Ley 26.417 art. 4 (Jáuregui, rjyp.com.ar)
    ("pbu", date(2013, 5, 1), "1022.84"),  # Resolución ANSES 30/2013
    ("pbu", date(2018, 6, 15), "3825.00"),  # Resolución ANSES 88/2018 (printed as 3.825)
    ("pbu", date(2018, 12, 1), "4397.97"),  # Resolución ANSES 242/2018
    ("pbu", date(2020, 12, 31), "8144.14"),  # Resolución ANSES 433/2020
    ("pbu", date(2024, 4, 30), "78354.30"),  # Resolución ANSES 62/2024
    ("pbu", date(2025, 11, 1), "152371.37"),  # Resolución ANSES 338/2025
    ("minimum_amount", date(2009, 9, 1), "827.23"),  # Resolución ANSES 65/2009
    ("minimum_amount", date(2015, 10, 1), "4299.06"),  # Resolución ANSES 396/2015
    ("minimum_amount", date(2025, 9, 30), "320277.17"),  # Resolución ANSES 298/2025
    ("maximum_amount", date(2021, 12, 1), "195557.26"),  # ANSES resolution of December 2021
    ("maximum_amount", date(2025, 2, 1), "1837613.63"),  # Resolución ANSES 66/2025
]


def test_published_figures_on_their_dates() -> None:
    values = bundled_library().scheme("ar-sipa").parameters.values
    for name, day, figure in PUBLISHED:
        dated = values[name].at(day)
        assert dated is not None and dated.value == Decimal(figure), (name, day)


def test_the_ceiling_of_november_2025() -> None:
    contributions = bundled_library().scheme("ar-sipa").parameters.contributions
    assert contributions is not None
    dated = contributions.at(date(2025, 11, 15))  # Resolución ANSES 338/2025 art. 3
    assert dated is not None and dated.value.ceiling is not None
    assert dated.value.ceiling.amount == Decimal("3645898.00")


def test_months_not_found_stay_gaps() -> None:
    values = bundled_library().scheme("ar-sipa").parameters.values
    for day in (date(2005, 6, 1), date(2007, 1, 1), date(2019, 10, 1), date(2026, 4, 1), date(2026, 12, 1)):
        assert values["pbu"].at(day) is None, day


def test_the_dated_series_are_closed_sourced_and_never_fall() -> None:
    values = bundled_library().scheme("ar-sipa").parameters.values
    for name in ("pbu", "minimum_amount", "maximum_amount"):
        entries = values[name].root
        assert all(e.valid_until is not None and e.source for e in entries), name
        amounts = [e.value for e in entries]
        assert amounts == sorted(amounts), name  # nominal amounts only ever rose


# Published worked examples (press reports of the ANSES/Senate moratoria figures, 2022). Each gives the updated average
# salary of the last 120 months and the years with effective contributions, and prints the haber inicial in whole
# pesos: our exact amount is checked to the cent (hand working) and, rounded to the peso, against the printed figure.
# A career of whole years from 2012 back, with the same earnings in each of the last ten years (2012-2021), gives
# that average; the PBU is not raised (at most 30 years); PC and PAP pay the same 1.5 %, so the 1994 split is moot.
PRINTED = [
    # informatesalta.com.ar/contenido/330707 (2 Dec 2022; also ambito.com n5599960, 7 Dec 2022): 180,000 a month.
    # 15 years: PBU 22,929.56 + 180,000 x 1.5 % x 15 (40,500) = 63,429.56, printed 63,430 (35.2 %).
    (date(2022, 12, 15), 180_000, 15, "63429.56", 63_430),
    # 20 years: 22,929.56 + 180,000 x 1.5 % x 20 (54,000) = 76,929.56, printed 76,930 (42.7 %).
    (date(2022, 12, 15), 180_000, 20, "76929.56", 76_930),
    # 10 years: 22,929.56 + 27,000 = 49,929.56, below the haber mínimo 50,124.26;
    # printed "el haber mínimo, hoy de $ 50.124".
    (date(2022, 12, 15), 180_000, 10, "50124.26", 50_124),
    # informatesalta.com.ar/amp/326561 (26 Oct 2022): 150,000 a month and 15 years -> printed 53,582 (35.7 %):
    # PBU of September-November 2022 19,831.83 + 150,000 x 1.5 % x 15 (33,750) = 53,581.83.
    (date(2022, 10, 26), 150_000, 15, "53581.83", 53_582),
]


def test_published_moratoria_examples_of_2022() -> None:
    scheme = bundled_library().scheme("ar-sipa")
    for claim, average, years, exact, printed in PRINTED:
        formula = scheme.parameters.benefit_formula.at(claim)  # type: ignore[union-attr]
        assert formula is not None
        by_year = {y: 12 for y in range(2022 - years, 2022)}
        earnings = {y: Decimal(average * 12) for y in range(2012, 2022)}
        career = replace(_career(by_year, earnings), claim_date=claim)
        result = ar.compute(career, scheme.parameters, formula.value)
        assert result.amount is not None, [str(n) for n in result.needs]
        assert result.amount == Fraction(Decimal(exact)), (claim, years)
        shown = Decimal(result.amount.numerator) / Decimal(result.amount.denominator)
        assert shown.quantize(Decimal(1), rounding=ROUND_HALF_UP) == printed, (claim, years)


# https://blog.mycontador.com.ar/se-presento-un-proyecto-para-una-nueva-moratoria-jubilatoria/ (March-May 2022, haber
# mínimo 32,630): an updated average of 100,000 a month and 30, 25, 20, 15 or 10 years of effective contributions.
# PBU of March 2022 14,926.92 (Resolución ANSES 26/2022, see the scheme data) + 100,000 x 1.5 % x years.
PRINTED_2022_03 = [
    (30, "59926.92", 59_927),  # 14,926.92 + 45,000
    (25, "52426.92", 52_427),  # + 37,500
    (20, "44926.92", 44_927),  # + 30,000
    (15, "37426.92", 37_427),  # + 22,500
    (10, "32630.40", 32_630),  # 14,926.92 + 15,000 = 29,926.92, raised to the haber mínimo 32,630.40
]


def test_published_examples_of_march_2022() -> None:
    scheme = bundled_library().scheme("ar-sipa")
    claim = date(2022, 4, 15)
    formula = scheme.parameters.benefit_formula.at(claim)  # type: ignore[union-attr]
    assert formula is not None
    for years, exact, printed in PRINTED_2022_03:
        # service July (2021 - years) to June 2021: 30 years from July 1991 are 3 before July 1994 and 27 after,
        # with no remainder lost to the split; the last 120 months (July 2011 - June 2021) at 100,000 a month
        first = 2021 - years
        by_year = {first: 6, **{y: 12 for y in range(first + 1, 2021)}, 2021: 6}
        earnings = {y: Decimal(100_000 * m) for y, m in by_year.items() if y >= 2011}
        career = replace(_career(by_year, earnings), claim_date=claim)
        result = ar.compute(career, scheme.parameters, formula.value)
        assert result.amount is not None, [str(n) for n in result.needs]
        assert result.amount == Fraction(Decimal(exact)), years
        shown = Decimal(result.amount.numerator) / Decimal(result.amount.denominator)
        assert shown.quantize(Decimal(1), rounding=ROUND_HALF_UP) == printed, years
