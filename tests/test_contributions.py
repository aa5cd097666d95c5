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
