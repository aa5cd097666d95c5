"""The Australian age pension's maximum basic rate by date (values.full_amount), against published figures.

The data hold the monthly equivalent of the published fortnightly single rate (x 26 / 12, half-up to the cent);
each expected figure below is the published fortnightly rate with its source."""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import pytest

from coordina.catalog.loading import bundled_library

PUBLISHED = [
    # (day, AUD a fortnight, source)
    (date(2008, 10, 1), "542.80", "DVA service pension rates from 20/09/2008"),
    (date(2009, 9, 20), "615.80", "DVA rates from 20 September 2009"),
    (date(2010, 9, 20), "658.40", "DVA rates from 20 September 2010"),
    (date(2011, 3, 20), "670.90", "DVA rates from 20/03/2011"),
    (date(2012, 9, 20), "712.00", "DVA rates from 20 September 2012"),
    (date(2022, 12, 1), "936.80", "DVA income support payment rates 20 September 2022"),
    (date(2023, 3, 20), "971.50", "DVA income support payment rates 20 March 2023"),
    (date(2014, 3, 20), "766.00", "DSS adult total maximum pension rates at 20 March 2014"),
    (date(2015, 3, 20), "782.20", "DVA income support payment rates 20 March 2015"),
    (date(2019, 3, 20), "843.60", "DVA income support payment rates 20 March 2019"),
    (date(2021, 10, 1), "882.20", "DVA income support payment rates 20 September 2021"),
    (date(2023, 9, 20), "1002.50", "DVA income support payment rates 20 September 2023"),
    (date(2024, 3, 20), "1020.60", "Services Australia, 20 March 2024"),
    (date(2025, 4, 1), "1051.30", "DVA service pension rates from 20/03/2025"),
    (date(2025, 12, 1), "1079.70", "rates from 20 September 2025 (retirementessentials.com.au, DSS figures)"),
]


def _full_amount(day: date) -> Decimal | None:
    dated = bundled_library().scheme("au-age-pension").parameters.values["full_amount"].at(day)
    return dated.value if dated else None


@pytest.mark.parametrize(("day", "fortnightly", "source"), PUBLISHED)
def test_full_amount_is_the_published_rate(day: date, fortnightly: str, source: str) -> None:
    monthly = (Decimal(fortnightly) * 26 / 12).quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert _full_amount(day) == monthly, source


def test_monthly_figures_used_by_the_engine_cases() -> None:
    assert _full_amount(date(2025, 4, 1)) == Decimal("2277.82")
    assert _full_amount(date(2024, 10, 1)) == Decimal("2268.72")


def test_unsourced_periods_have_no_rate() -> None:
    assert _full_amount(date(2026, 3, 20)) is None
    assert _full_amount(date(2008, 9, 19)) is None


def test_the_series_has_no_gap_from_2008_to_march_2026() -> None:
    day = date(2008, 9, 20)
    while day < date(2026, 3, 20):
        assert _full_amount(day) is not None, day
        day = date.fromordinal(day.toordinal() + 1)


def test_formula_no_longer_carries_its_own_amount() -> None:
    formulas = bundled_library().scheme("au-age-pension").parameters.benefit_formula
    assert formulas is not None
    dated = formulas.at(date(2025, 4, 1))
    assert dated is not None and dated.value.full_amount is None
    assert "not applied" in dated.value.description
