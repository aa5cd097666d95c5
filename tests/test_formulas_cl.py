"""Chile's flat solidarity benefit (cl-pgu: PBS 2008-2022, PGU from February 2022): the published
amounts read from the series on dated days, each figure from the source the scheme data cite."""

from datetime import date
from decimal import Decimal

import pytest

from coordina.catalog.loading import bundled_library

PUBLISHED = [
    # day, amount, where it is printed
    (date(2008, 7, 1), "60000", "dt.gob.cl 1 July 2008: PBS of 60,000 from today"),
    (date(2016, 7, 1), "93543", "biobiochile.cl 10 Aug 2016: PBS from 89,764 to 93,543 in July"),
    (date(2018, 7, 31), "107304", "aafp.cl 31 Jul 2018: PBS 107,304 from July"),
    (date(2019, 12, 1), "137751", "hoy.com.do: Ley 21.190, PBS under 75 from 110,201 to 137,751"),
    (date(2022, 2, 1), "185000", "leychile, Ley 21.419: PGU of at most 185,000"),
    (date(2024, 2, 1), "214296", "radiovinilo.cl: PGU from 206,173 to 214,296 on 1 February 2024"),
    (date(2025, 2, 1), "224004", "mega.cl: PGU from 214,296 to 224,004 from 1 February 2025"),
    (date(2026, 2, 1), "231732", "cnnchile.com 14 Jan 2026: PGU under 82 rises to 231,732"),
    (date(2026, 12, 1), "231732", "the same amount until the February 2027 readjustment"),
]


@pytest.mark.parametrize(("day", "amount", "printed"), PUBLISHED)
def test_published_amounts(day: date, amount: str, printed: str) -> None:
    series = bundled_library().scheme("cl-pgu").parameters.values["full_amount"]
    dated = series.at(day)
    assert dated is not None, printed
    assert dated.value == Decimal(amount), printed
    assert dated.reference and dated.source.startswith("http")


def test_the_82_and_over_band_is_a_separate_value() -> None:
    values = bundled_library().scheme("cl-pgu").parameters.values
    dated = values["full_amount_age_82_and_over"].at(date(2026, 2, 1))
    assert dated is not None and dated.value == Decimal(250275)
    assert values["full_amount_age_82_and_over"].at(date(2025, 8, 31)) is None


@pytest.mark.parametrize("day", [date(2012, 7, 1), date(2017, 7, 1), date(2021, 6, 1)])
def test_years_whose_amount_was_not_found_have_no_value(day: date) -> None:
    assert bundled_library().scheme("cl-pgu").parameters.values["full_amount"].at(day) is None
