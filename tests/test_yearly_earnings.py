"""Earnings by calendar year: the institution's own figures as given; one total over the period
split by days, in the currency's minor unit, adding up to the total; validation of the case."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from coordina.domain.case import Period
from coordina.domain.quantities import Money
from coordina.rules.earnings import days_by_year, total_earnings, yearly_earnings


def period(start: str, end: str, **earnings: object) -> Period:
    return Period.model_validate({"country": "KR", "kind": "insurance", "start": start, "end": end, **earnings})


def test_yearly_figures_are_used_as_given_and_a_missing_year_stays_unknown() -> None:
    found = yearly_earnings(period("2019-03-01", "2021-12-31", earnings_by_year=[
        {"year": 2019, "amount": {"amount": "30000000", "currency": "KRW"}},
        {"year": 2021, "amount": {"amount": "36000000", "currency": "KRW"}}]))  # fmt: skip

    assert found.by_year == {2019: Decimal("30000000"), 2021: Decimal("36000000")}
    assert 2020 not in found.by_year and not found.split_by_days and found.currency == "KRW"


def test_a_total_over_two_years_is_split_by_days() -> None:
    # 2023-07-01 to 2024-06-30: 184 days in 2023, 182 in 2024 (a leap year), 366 in all
    found = yearly_earnings(period("2023-07-01", "2024-06-30", earnings={"amount": "36600", "currency": "EUR"}))

    assert found.split_by_days
    assert found.by_year == {2023: Decimal("18400.00"), 2024: Decimal("18200.00")}


def test_shares_are_in_the_minor_unit_and_add_up_to_the_total() -> None:
    found = yearly_earnings(period("2020-01-01", "2022-12-31", earnings={"amount": "1000", "currency": "KRW"}))

    assert found.by_year == {2020: Decimal("334"), 2021: Decimal("333"), 2022: Decimal("333")}  # 366/365/365 days
    assert sum(found.by_year.values()) == 1000


def test_one_year_and_no_earnings() -> None:
    assert yearly_earnings(period("2020-02-01", "2020-05-31", earnings={"amount": "5", "currency": "TND"})
                           ).by_year == {2020: Decimal("5")}  # fmt: skip
    assert not yearly_earnings(period("2020-02-01", "2020-05-31")).known


@given(
    st.dates(date(1950, 1, 1), date(2060, 1, 1)),
    st.integers(0, 20_000),
    st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False),
)
def test_a_split_always_adds_up_and_follows_the_days(start: date, length: int, total: Decimal) -> None:
    end = date.fromordinal(start.toordinal() + length)
    found = yearly_earnings(period(start.isoformat(), end.isoformat(), earnings={"amount": str(total),
                                                                                  "currency": "EUR"}))  # fmt: skip
    assert sum(found.by_year.values()) == total
    assert list(found.by_year) == list(range(start.year, end.year + 1))
    assert sum(days_by_year(start, end).values()) == length + 1


@pytest.mark.parametrize(
    ("earnings", "error"),
    [
        ({"earnings": {"amount": "1", "currency": "EUR"},
          "earnings_by_year": [{"year": 2020, "amount": {"amount": "1", "currency": "EUR"}}]}, "not both"),
        ({"earnings_by_year": [{"year": 2019, "amount": {"amount": "1", "currency": "EUR"}}]}, "outside the period"),
        ({"earnings_by_year": [{"year": 2020, "amount": {"amount": "1", "currency": "EUR"}},
                               {"year": 2020, "amount": {"amount": "2", "currency": "EUR"}}]}, "given twice"),
        ({"earnings_by_year": [{"year": 2020, "amount": {"amount": "1", "currency": "EUR"}},
                               {"year": 2021, "amount": {"amount": "2", "currency": "USD"}}]}, "one currency"),
    ],
)  # fmt: skip
def test_earnings_that_do_not_fit_the_period_are_refused(earnings: dict[str, object], error: str) -> None:
    with pytest.raises(ValidationError, match=error):
        period("2020-01-01", "2021-12-31", **earnings)


def test_the_total_over_a_period_is_known_only_when_every_year_is_given() -> None:
    every = period("2020-06-01", "2021-03-31", earnings_by_year=[
        {"year": 2020, "amount": {"amount": "7000", "currency": "EUR"}},
        {"year": 2021, "amount": {"amount": "3000.50", "currency": "EUR"}}])  # fmt: skip
    some = period("2020-06-01", "2021-03-31", earnings_by_year=[
        {"year": 2020, "amount": {"amount": "7000", "currency": "EUR"}}])  # fmt: skip

    assert total_earnings(every) == Money(amount=Decimal("10000.50"), currency="EUR")
    assert total_earnings(some) is None  # 2021 is unknown, not zero
