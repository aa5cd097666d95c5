"""Contributions due on a period's earnings (rules.contributions), derived by hand.

The scheme here is a small one written for the test (rates and ceiling of the shape the scheme
data use); the bundled schemes' own rates are checked against their sources in
tests/test_formulas_*.py."""

from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from coordina.domain.case import Period
from coordina.domain.scheme import Scheme
from coordina.rules.contributions import contributions_due

RATES: list[dict[str, Any]] = [
    {
        "valid_from": "2023-01-01",
        "value": {"employee_rate": "0.093", "employer_rate": "0.093", "self_employed_rate": "0.186",
                  "ceiling": {"amount": "90600", "currency": "EUR"}, "period": "yearly"},
        "reference": "test rate A",
        "source": "hand-written for the test",
    },
    {
        "valid_from": "2024-07-01",
        "value": {"employee_rate": "0.1", "employer_rate": "0.1"},
        "reference": "test rate B",
        "source": "hand-written for the test",
    },
]  # fmt: skip


def scheme(rates: list[dict[str, Any]] = RATES) -> Scheme:
    return Scheme.model_validate(
        {
            "id": "de-test", "country": "DE", "name": "Test", "institution": "Test", "branches": ["old_age"],
            "kind": "social_insurance", "contributory": True, "general": True, "public": True,
            "legal_basis": [{"reference": "test", "source": "test"}],
            "parameters": {"contributions": rates},
        }
    )  # fmt: skip


def period(start: str, end: str, **extra: Any) -> Period:
    return Period.model_validate({"country": "DE", "kind": "insurance", "start": start, "end": end, **extra})


def test_a_half_year_is_assessed_up_to_half_the_yearly_ceiling() -> None:
    # 2023-01..06 under rate A: ceiling 90,600 x 6/12 = 45,300 < 60,000; 9.3 % of 45,300 = 4,212.90 each.
    [due] = contributions_due(
        scheme(), period("2023-01-01", "2023-06-30", earnings={"amount": "60000", "currency": "EUR"})
    )
    assert (due.assessed, due.employee, due.employer) == (Decimal("45300.00"), Decimal("4212.90"), Decimal("4212.90"))
    assert due.references == ("test rate A",)


def test_a_rate_change_within_the_year_shares_the_earnings_by_days() -> None:
    # 2024 (366 days), 36,600: Jan-Jun 182 days -> 18,200 at 9.3 % (ceiling 45,300 not reached) = 1,692.60;
    # Jul-Dec 184 days -> 18,400 at 10 % (no ceiling) = 1,840.00; employee 3,532.60.
    [due] = contributions_due(scheme(), period("2024-01-01", "2024-12-31", earnings_by_year=[
        {"year": 2024, "amount": {"amount": "36600", "currency": "EUR"}}]))  # fmt: skip
    assert (due.assessed, due.employee, due.employer) == (Decimal("36600.00"), Decimal("3532.60"), Decimal("3532.60"))
    assert due.references == ("test rate A", "test rate B")


def test_a_year_without_earnings_or_rates_stays_unknown() -> None:
    found = contributions_due(scheme(), period("2022-06-01", "2023-12-31", earnings_by_year=[
        {"year": 2023, "amount": {"amount": "10000", "currency": "EUR"}}]))  # fmt: skip
    assert [(d.year, d.employee) for d in found] == [(2022, None), (2023, Decimal("930.00"))]


def test_self_employed_pay_their_own_rate() -> None:
    [due] = contributions_due(scheme(), period("2023-01-01", "2023-12-31", activity="self_employed",
                                               earnings={"amount": "10000", "currency": "EUR"}))  # fmt: skip
    assert (due.employee, due.employer) == (Decimal("1860.00"), Decimal("0.00"))


@settings(deadline=None, max_examples=60)
@given(st.integers(min_value=0, max_value=10**7), st.integers(min_value=0, max_value=10**7))
def test_more_earnings_never_lower_the_contributions(low: int, extra: int) -> None:
    def due(amount: int) -> Decimal:
        [entry] = contributions_due(scheme(), period("2023-01-01", "2023-12-31",
                                                     earnings={"amount": str(amount), "currency": "EUR"}))  # fmt: skip
        assert entry.employee is not None
        return entry.employee

    assert due(low + extra) >= due(low)
    assert due(low + extra) <= Decimal("8425.80")  # 9.3 % of the 90,600 ceiling


def test_exemption_upper_band_and_uncapped_rates_by_hand() -> None:
    # 2023 under a test scheme: ceiling 60,000, exemption 3,500, upper ceiling 70,000 at 4 % each,
    # uncapped 1 % employee: earnings 80,000 -> main (60,000 - 3,500) x 5 % = 2,825.00; upper
    # (70,000 - 60,000) x 4 % = 400.00; uncapped 80,000 x 1 % = 800.00; employee 4,025.00, employer 3,225.00.
    rates = [{
        "valid_from": "2023-01-01",
        "value": {"employee_rate": "0.05", "employer_rate": "0.05", "ceiling": {"amount": "60000", "currency": "EUR"},
                  "exemption": {"amount": "3500", "currency": "EUR"}, "upper_ceiling_table": "upper",
                  "upper_employee_rate": "0.04", "upper_employer_rate": "0.04", "uncapped_employee_rate": "0.01"},
        "reference": "test", "source": "test",
    }]  # fmt: skip
    base = scheme(rates)
    tables = {"upper": {"unit": "EUR a year", "values": {2023: 70000}, "reference": "test", "source": "test"}}
    with_upper = Scheme.model_validate(
        {**base.model_dump(mode="json"), "parameters": {"contributions": rates, "tables": tables}}
    )
    [due] = contributions_due(with_upper, period("2023-01-01", "2023-12-31",
                                                 earnings={"amount": "80000", "currency": "EUR"}))  # fmt: skip
    assert (due.assessed, due.employee, due.employer) == (Decimal("56500.00"), Decimal("4025.00"), Decimal("3225.00"))


def test_the_cpp_maximum_contributions_of_2025_as_the_cra_publishes_them() -> None:
    """CRA, CPP contribution rates, maximums and exemptions (the source of ca-cpp's 2024 entry):
    2025 YMPE 71,300, basic exemption 3,500, 5.95 % -> maximum 4,034.10 each; YAMPE 81,200, 4 % ->
    maximum second additional contribution 396.00 each; together 4,430.10."""
    from coordina.services import catalog

    found = Period.model_validate({"country": "CA", "kind": "insurance", "start": "2025-01-01", "end": "2025-12-31",
                                   "earnings": {"amount": "100000", "currency": "CAD"}})  # fmt: skip
    [due] = contributions_due(catalog.scheme("ca-cpp"), found)
    assert (due.employee, due.employer) == (Decimal("4430.10"), Decimal("4430.10"))


def test_the_german_maximum_contribution_of_2024() -> None:
    """SGB VI §158 rate 18.6 % (9.3 % each, §168) on earnings up to the 2024 West ceiling of 90,600
    (Sozialversicherungs-Rechengrößenverordnung 2024): 8,425.80 each."""
    from coordina.services import catalog

    found = Period.model_validate({"country": "DE", "kind": "insurance", "start": "2024-01-01", "end": "2024-12-31",
                                   "earnings": {"amount": "120000", "currency": "EUR"}})  # fmt: skip
    [due] = contributions_due(catalog.scheme("de-grv"), found)
    assert (due.assessed, due.employee, due.employer) == (Decimal("90600.00"), Decimal("8425.80"), Decimal("8425.80"))


def test_french_old_age_contributions_of_2024_capped_and_uncapped() -> None:
    """CSS D242-4 as in force in 2024 (décret n° 2023-1329): plafonnée 6.90 % employee and 8.55 %
    employer up to the 2024 PASS of 46,368, déplafonnée 0.40 % and 2.02 % on all earnings. On
    60,000: employee 46,368 x 6.90 % = 3,199.392 + 240.00 = 3,439.39; employer 46,368 x 8.55 % =
    3,964.464 + 1,212.00 = 5,176.46."""
    from coordina.services import catalog

    found = Period.model_validate({"country": "FR", "kind": "insurance", "start": "2024-01-01", "end": "2024-12-31",
                                   "earnings": {"amount": "60000", "currency": "EUR"}})  # fmt: skip
    [due] = contributions_due(catalog.scheme("fr-cnav"), found)
    assert (due.assessed, due.employee, due.employer) == (Decimal("46368.00"), Decimal("3439.39"), Decimal("5176.46"))
