"""Germany, statutory pension insurance (earnings_points): the §121 rounding, the access factor's
months (the standard age reached at the end of the day before the anniversary), the currency
conversion of DM years, the published pension values and contribution rate, and properties
(more earnings never lower the amount; below the ceiling the points are proportional)."""

from datetime import date
from decimal import Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from coordina.catalog.loading import bundled_library
from coordina.domain.scheme import Scheme
from coordina.domain.vocabulary import Branch
from coordina.rules.formulas import earnings_points as de
from coordina.rules.formulas.career import Career, Reading

CLAIM = date(2025, 7, 1)


def _scheme() -> Scheme:
    return bundled_library().scheme("de-grv")


def _career(
    earnings: dict[int, Decimal],
    *,
    claim: date = CLAIM,
    pension_age_on: date | None = date(2025, 6, 15),
    currency: str | None = "EUR",
    months: dict[int, int] | None = None,
) -> Career:
    by_year = {y: Fraction(m) for y, m in (months or dict.fromkeys(earnings, 12)).items()}
    return Career(
        birth_date=date(1959, 4, 15), sex=None, claim_date=claim, pension_age_on=pension_age_on,
        branch=Branch.old_age, months=sum(by_year.values(), Fraction(0)), months_by_year=by_year,
        earnings=earnings, currency=currency, earnings_missing=tuple(y for y in by_year if y not in earnings),
    )  # fmt: skip


def _amount(career: Career) -> Fraction | None:
    scheme = _scheme()
    assert scheme.parameters.benefit_formula is not None
    formula = scheme.parameters.benefit_formula.at(career.claim_date)
    assert formula is not None
    return de.compute(career, scheme.parameters, formula.value).amount


def test_points_are_rounded_half_up_to_four_decimals() -> None:
    assert de.rounded(Fraction(957_43866, 10**8)) == Fraction(9574, 10**4)
    assert de.rounded(Fraction(12345, 10**5)) == Fraction(1235, 10**4)
    assert de.rounded(Fraction(12344999, 10**8)) == Fraction(1234, 10**4)


def test_standard_age_reached_on_the_day_before_the_anniversary() -> None:
    # Born on the 1st: the age is reached at the end of the last day of the month before, so a
    # pension from that anniversary's month is at the standard age (factor 1.0).
    reading = Reading(_scheme().parameters)
    career = _career({}, claim=date(2025, 7, 1), pension_age_on=date(2025, 7, 1))
    assert de.access_factor(career, reading) == 1
    later = _career({}, claim=date(2025, 7, 1), pension_age_on=date(2025, 7, 2))
    assert de.access_factor(later, Reading(_scheme().parameters)) == Fraction(997, 1000)


def test_access_factor_per_month_early_and_late() -> None:
    reading = Reading(_scheme().parameters)
    assert de.access_factor(_career({}, claim=date(2021, 7, 1)), reading) == 1 - Fraction(48 * 3, 1000)
    assert de.access_factor(_career({}, claim=date(2026, 1, 1)), reading) == 1 + Fraction(6 * 5, 1000)


def test_dm_year_figures_follow_the_currency_of_the_earnings() -> None:
    reading = Reading(_scheme().parameters)
    assert de.currency_factor(_career({}, currency="EUR"), reading, 1995) == 1 / Fraction("1.95583")
    assert de.currency_factor(_career({}, currency="DEM"), reading, 2010) == Fraction("1.95583")
    assert de.currency_factor(_career({}, currency=None), reading, 1995) == 1
    assert de.currency_factor(_career({}, currency="USD"), reading, 1995) is None
    # The same 1995 year in DM or in euro gives the same points (1.1581) and amount.
    in_dm = _amount(_career({1995: Decimal("58674.90")}, currency="DEM"))
    in_eur = _amount(_career({1995: Decimal(30000)}, currency="EUR"))
    assert in_dm == in_eur == Fraction("1.1581") * Fraction("40.79")


def test_published_pension_values_and_rate() -> None:
    """aRW West: 41.44 DM (1 January 1992), 34.19 EUR unchanged on 1 July 2021, 39.32 (RWBestV
    2024), 40.79 (RWBestV 2025); 18.6 % split half and half since 2018 (BMAS)."""
    parameters = _scheme().parameters
    values = parameters.values["pension_value"]
    assert [values.at(date(y, m, d)).value for y, m, d in [(1992, 1, 1), (2021, 7, 1), (2024, 7, 1), (2025, 7, 1)]] == [  # type: ignore[union-attr]
        Decimal("41.44"), Decimal("34.19"), Decimal("39.32"), Decimal("40.79"),
    ]  # fmt: skip
    assert parameters.contributions is not None
    rate = parameters.contributions.at(date(2025, 1, 1))
    assert rate is not None and rate.value.employee_rate + rate.value.employer_rate == Decimal("0.186")
    survivors = parameters.derived_share_by_branch[Branch.survivors].at(date(2025, 1, 1))
    assert survivors is not None and survivors.value.share == Decimal("0.55")


def test_claim_year_and_year_before_read_the_provisional_average() -> None:
    reading = Reading(_scheme().parameters)
    career = _career({}, claim=date(2025, 7, 1))
    assert de.average_earnings(career, reading, 2024) == Decimal(45358)
    assert de.average_earnings(career, reading, 2023) == Decimal(44732)
    later = _career({}, claim=date(2026, 7, 1))
    assert de.average_earnings(later, Reading(_scheme().parameters), 2024) == Decimal(47085)


def test_unknown_currency_gives_no_amount() -> None:
    assert _amount(_career({2019: Decimal(39301)}, currency="USD")) is None


def test_a_theoretical_year_of_other_parties_months_alone_gives_no_amount_and_says_why() -> None:
    # SGB VI §70 values German contributions only: a year with other parties' months alone has
    # no earnings points, so the theoretical amount is unknown (it once failed with a KeyError)
    own = _career({2019: Decimal(39301)})
    theoretical = Career(**{**own.__dict__, "months_by_year": {2018: Fraction(12), 2019: Fraction(12)},
                            "months": Fraction(24), "own_months_by_year": {2019: Fraction(12)},
                            "attributed_years": frozenset({2018}), "theoretical": True})  # fmt: skip
    scheme = _scheme()
    formula = scheme.parameters.benefit_formula.at(CLAIM) if scheme.parameters.benefit_formula else None
    assert formula is not None
    result = de.compute(theoretical, scheme.parameters, formula.value)
    assert result.amount is None
    assert any("2018" in str(need) and "other parties" in str(need) for need in result.needs)


@settings(deadline=None, max_examples=40)
@given(
    base=st.dictionaries(st.integers(1960, 2022), st.integers(0, 120_000), min_size=1, max_size=6),
    extra=st.integers(0, 50_000),
)
def test_more_earnings_never_lower_the_amount(base: dict[int, int], extra: int) -> None:
    currency = None  # each year in its legal tender (DM before 2002)
    year = min(base)
    richer = dict(base) | {year: base[year] + extra}
    low = _amount(_career({y: Decimal(v) for y, v in base.items()}, currency=currency))
    high = _amount(_career({y: Decimal(v) for y, v in richer.items()}, currency=currency))
    assert low is not None and high is not None and high >= low


@settings(deadline=None, max_examples=40)
@given(earnings=st.integers(0, 39_301))
def test_below_the_ceiling_points_are_earnings_over_the_average(earnings: int) -> None:
    reading = Reading(_scheme().parameters)
    points = de.year_points(_career({2019: Decimal(earnings)}), reading, 2019)
    assert points == de.rounded(Fraction(earnings, 39_301))


def test_contribution_ceiling_follows_anlage_2_sgb_vi() -> None:
    # SGB VI Anlage 2 (BGBl. I 2002, 871; consolidated text at
    # https://github.com/bundestag/gesetze/blob/master/s/sgb_6/index.md): 7,200 DM a year from
    # 1.6.1949 to 31.8.1952, 9,000 from 1.9.1952 to 31.12.1958; 1952 is the months-weighted sum.
    table = _scheme().parameters.tables["contribution_ceiling"]
    assert table.values[1951] == 7200
    assert table.values[1952] == 7200 * 8 // 12 + 9000 * 4 // 12 == 7800
    assert table.values[1958] == 9000
    assert (table.values[1969], table.values[1985], table.values[1993]) == tuple(map(Decimal, (20400, 64800, 86400)))
    assert table.unverified == []


def test_average_earnings_fixed_by_the_rechengroessen_verordnungen() -> None:
    # SVRechGrV 2023 §3(1), 2025 §3(1) (final 2021, 2023); SVRechGrV 2018 §1(2), 2019 §1(2)
    # (provisional 2018, 2019): https://github.com/kmein/gesetze/tree/master/laws (SVBezGrV_20xx.md).
    tables = _scheme().parameters.tables
    assert (tables["average_earnings"].values[2021], tables["average_earnings"].values[2023]) == (
        Decimal(40463),
        Decimal(44732),
    )
    provisional = tables["provisional_average_earnings"]
    assert (provisional.values[2018], provisional.values[2019]) == (Decimal(37873), Decimal(38901))
    assert tables["average_earnings"].unverified == [] and provisional.unverified == []
