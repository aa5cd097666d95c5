"""Netherlands, AOW: the full amount by date (values.full_amount) against published figures;
the 2 % a year accrual stays in the formula entries (rules/amounts.py applies it)."""

from datetime import date
from decimal import Decimal

import pytest

from coordina.catalog.loading import bundled_data_dir, load_scheme_file
from coordina.domain.scheme import Scheme

SCHEME: Scheme = load_scheme_file(bundled_data_dir() / "schemes" / "NL" / "nl-aow.yaml")


@pytest.mark.parametrize(
    ("day", "amount"),
    [
        # SVB table "U woont alleen", amounts from 1 July 2011 (incl. KOB EUR 33.09).
        (date(2011, 7, 1), "1074.83"),
        # SVB table, amounts from 1 July 2013 (incl. KOB EUR 25.16).
        (date(2013, 9, 15), "1086.52"),
        # SVB table, amounts from 1 July 2014 (incl. KOB EUR 25.12).
        (date(2014, 12, 31), "1104.95"),
        # SVB amounts from 1 July 2019 (incl. inkomensondersteuning EUR 25.23).
        (date(2019, 12, 31), "1228.22"),
        # SVB amounts from 1 January 2020 (incl. inkomensondersteuning EUR 25.63), via 65plus.nl.
        (date(2020, 1, 1), "1255.87"),
        # SVB table of 1 July 2016 (incl. inkomensondersteuning EUR 25.48), via 65plus.nl.
        (date(2016, 7, 1), "1144.72"),
        # 2023: EUR 1,425.80 AOW + EUR 5 inkomensondersteuning (belastingupdate.nl, vbngb.eu).
        (date(2023, 1, 1), "1430.80"),
        # SVB "AOW amounts as from January 1, 2025", living on your own.
        (date(2025, 3, 1), "1580.92"),
        # SVB "AOW amounts as from July 1, 2025".
        (date(2025, 7, 1), "1612.44"),
        # SVB amounts from 1 January 2026 (metronieuws.nl, 12 December 2025).
        (date(2026, 1, 1), "1637.57"),
        # Gross table from 1 July 2007, "Alleenstaande" (flexmarkt.nl).
        (date(2007, 7, 1), "964.91"),
        # Gross AOW from 1 January 2011, "Alleenstaanden" (pensioen-link.nl).
        (date(2011, 6, 30), "1034.38"),
        # SVB press item of 13 August 2015 (pers.svb.nl): about EUR 1,113.56 gross a month.
        (date(2015, 8, 13), "1113.56"),
        # SZW amounts from 1 January 2018 via elysee.nl: EUR 1,148.40 + inkomensondersteuning 25.76.
        (date(2018, 1, 1), str(Decimal("1148.40") + Decimal("25.76"))),
        # "Grondslagen AOW" 2014, ongehuwd, per 1 January 2014 (letselschademagazine.nl).
        (date(2014, 1, 1), "1074.25"),
        # Ministry's "Uitkeringsbedragen per 1 januari 2016", Alleenstaanden (swartenco.nl).
        (date(2016, 6, 30), "1112.67"),
    ],
)
def test_published_full_amounts(day: date, amount: str) -> None:
    dated = SCHEME.parameters.values["full_amount"].at(day)
    assert dated is not None and dated.value == Decimal(amount)
    assert dated.reference and dated.source.startswith("http")


@pytest.mark.parametrize("day", [date(1995, 1, 1), date(2018, 7, 1), date(2026, 7, 1)])
def test_a_half_year_not_found_is_a_gap_not_the_previous_amount(day: date) -> None:
    assert SCHEME.parameters.values["full_amount"].at(day) is None


def test_formula_entries_keep_two_percent_and_no_longer_carry_the_amount() -> None:
    formula = SCHEME.parameters.benefit_formula
    assert formula is not None
    for entry in formula.root:
        assert entry.value.accrual_per_year == "0.02"
        assert entry.value.full_amount is None
