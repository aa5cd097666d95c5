"""The generic replacement-rate formula's optional stages, on small stated parameters (not a
scheme's data): each stage applies only where its figure is given and in force on the claim date."""

from datetime import date
from decimal import Decimal
from fractions import Fraction

from coordina.domain.parameters import DatedParameter
from coordina.domain.scheme import BenefitFormula, BenefitFormulaKind, SchemeParameters
from coordina.domain.series import YearlyTable
from coordina.domain.vocabulary import Branch
from coordina.rules.formulas.career import Career, FormulaResult
from coordina.rules.formulas.replacement_rate import FORMULA, completed_on

FORM = BenefitFormula(kind=BenefitFormulaKind.replacement_rate, description="test")


def values(**figures: str | tuple[str, date | None]) -> dict[str, DatedParameter[Decimal]]:
    out = {}
    for name, figure in figures.items():
        value, until = figure if isinstance(figure, tuple) else (figure, None)
        entry = {"valid_from": date(1990, 1, 1), "valid_until": until, "value": value, "reference": "test"}
        out[name] = DatedParameter[Decimal].model_validate([{**entry, "source": "unverified"}])
    return out


def table(figures: dict[int, str]) -> YearlyTable:
    return YearlyTable(
        unit="test", values={y: Decimal(v) for y, v in figures.items()}, reference="test", source="unverified"
    )


def career(earnings: dict[int, int], claim: date = date(2020, 6, 1), sex: str | None = None) -> Career:
    by_year = {y: Fraction(12) for y in earnings}
    return Career(
        birth_date=date(1955, 1, 1),
        sex=sex,
        claim_date=claim,
        pension_age_on=None,
        branch=Branch.old_age,
        months=sum(by_year.values(), Fraction(0)),
        months_by_year=by_year,
        earnings={y: Decimal(a) for y, a in earnings.items()},
        currency="XXX",
    )


def run(c: Career, **kwargs: object) -> FormulaResult:
    return FORMULA.compute(c, SchemeParameters.model_validate(kwargs), FORM)


def test_plain_contract_unchanged() -> None:
    """10 years at 1,200 a year: 100 a month x (40% + 2% x (10 - 5)) = 50."""
    result = run(
        career(dict.fromkeys(range(2010, 2020), 1200)),
        values=values(base_rate="0.4", base_years="5", rate_per_year="0.02"),
    )
    assert result.amount == Fraction(50)


def test_upper_band_and_cap() -> None:
    """40 years: 45% + 1% x 5 (30-35) + 0.5% x 5 (35-40) = 52.5%, at most 52%."""
    years = dict.fromkeys(range(1980, 2020), 1200)
    figures = {
        "base_rate": "0.45",
        "base_years": "30",
        "rate_per_year": "0.01",
        "upper_years": "35",
        "rate_per_year_upper": "0.005",
    }
    assert run(career(years), values=values(**figures)).amount == Fraction("52.5")
    assert run(career(years), values=values(**figures, max_rate="0.52")).amount == Fraction(52)


def test_best_share_ceiling_and_index() -> None:
    """4 years; the best 50% (2 years) count. 2019's 6,000 is capped at 12 x 400 = 4,800; revalued by
    level 2019 / level y: 2018 2,400 x 2 = 4,800; so 400 a month x 100% = 400."""
    earnings = {2016: 1200, 2017: 1200, 2018: 2400, 2019: 6000}
    result = run(
        career(earnings),
        values=values(base_rate="1", base_years="0", reference_best_share="0.5"),
        tables={
            "earnings_ceiling": table(dict.fromkeys(earnings, "400")),
            "revaluation_index": table({2016: "1", 2017: "1", 2018: "1", 2019: "2"}),
        },
    )
    assert result.amount == Fraction(400)


def test_optional_value_out_of_force_does_not_apply() -> None:
    """A max_rate that ended in 2000 does not cap a 2020 claim."""
    years = dict.fromkeys(range(1980, 2020), 1200)
    result = run(
        career(years),
        values=values(base_rate="1", base_years="0", rate_per_year="0.01", max_rate=("1", date(2000, 1, 1))),
    )
    assert result.amount == Fraction(140)


def test_sex_threshold_needs_the_sex() -> None:
    years = dict.fromkeys(range(2000, 2020), 1200)
    figures = values(base_rate="0.6", base_years_men="20", base_years_women="15", rate_per_year="0.02")
    assert run(career(years, sex="women"), values=figures).amount == Fraction(70)
    missing = run(career(years), values=figures)
    assert missing.amount is None and any("sex" in str(n) for n in missing.needs)


def test_required_index_without_table_gives_no_amount() -> None:
    result = run(
        career(dict.fromkeys(range(2010, 2020), 1200)),
        values=values(base_rate="1", base_years="0", revaluation_required="1"),
    )
    assert result.amount is None and any("revaluation_index" in str(n) for n in result.needs)


def test_completed_on_counts_months_from_each_year_start() -> None:
    c = career({2000: 0, 2001: 0})
    assert completed_on(c, Fraction(18)) == date(2001, 7, 1)
    assert completed_on(c, Fraction(30)) is None


def test_no_reference_year_says_so() -> None:
    result = run(career({1990: 1200}), values=values(base_rate="1", base_years="0", reference_from_year="1994"))
    assert result.amount is None and any("reference years" in str(n) for n in result.needs)
