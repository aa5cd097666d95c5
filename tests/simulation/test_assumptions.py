"""The simulation's assumptions (issue 13 item 3): one documented file, every figure with its source
or ``unverified``, overridable value by value by a user's file, its problems at file and line."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from coordina.catalog.loading import bundled_data_dir
from coordina.catalog.simulation import SIMULATION_ASSUMPTIONS, simulation_assumptions
from coordina.errors import DataError

CURRENCIES = {"AUD", "KRW", "CAD", "INR", "TND", "ARS", "BRL", "UYU", "PYG", "CLP"}


def test_the_bundled_assumptions_say_where_each_figure_comes_from() -> None:
    a = simulation_assumptions()
    assert set(a.exchange_rates) >= CURRENCIES
    assert all(r.source for rates in a.exchange_rates.values() for r in rates)
    for figure in (a.wage_growth, a.indexation_default, a.discount_rate, a.take_up, a.life_table):
        assert figure.source and (figure.source == "unverified" or len(figure.source) > 20)
    assert "ssa.gov" in a.life_table.source and a.life_table.from_age == 50
    assert len(a.life_table.men) == len(a.life_table.women) == 70  # ages 50 to 119
    raw = yaml.safe_load((bundled_data_dir() / SIMULATION_ASSUMPTIONS).read_text())
    sourced = [v for v in raw.values() if isinstance(v, dict) and "value" in v]
    assert sourced and all("source" in v for v in sourced)


def test_rates_by_date_carry_the_last_known_rate_forward() -> None:
    a = simulation_assumptions()
    assert a.rate("EUR", 2040) == (Decimal(1), None, False)
    assert a.rate("KRW", 2025) == (Decimal("1519.92"), date(2025, 2, 28), False)
    assert a.rate("KRW", 2040) == (Decimal("1519.92"), date(2025, 2, 28), True)
    assert a.life_table.q("men", 67) == Decimal("0.016695")
    assert a.life_table.q("women", 120) == 1 and a.life_table.q("women", 30) == a.life_table.women[0]


def test_a_users_file_replaces_values_and_keeps_the_others(tmp_path: Path) -> None:
    own = tmp_path / "mine.yaml"
    own.write_text(
        "take_up: {value: 1, source: unverified}\n"
        "exchange_rates:\n  KRW: [{date: 2030-01-01, per_eur: 2000, source: a forecast of mine}]\n"
        "indexation: {KR: {value: 0.01, source: unverified}}\n"
    )
    a = simulation_assumptions(own)
    assert a.take_up.value == 1
    assert a.rate("KRW", 2035)[0] == 2000 and a.rate("KRW", 2026)[0] == 2000  # before the first: the first
    assert a.rate("AUD", 2030)[0] == Decimal("1.6741")  # the bundled currencies stay
    assert a.indexation_of("KR") == Decimal("0.01") and a.indexation_of("AU") == Decimal("0.02")
    assert a.discount_rate.value == Decimal("0.03")


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (
            "discount_rate: {value: 0.03, source: unverified}\ntake_up: {value: 2, source: unverified}\n",
            2,
            "take_up.value: Input should be less than or equal to 1",
        ),
        ("take_up: {value: 0.5, source: unverified}\nlife_expectancy: 80\n", 2, "life_expectancy: Extra inputs"),
        ("exchange_rates:\n  KRW:\n    - {date: 2025-02-30, per_eur: 1500, source: x}\n", 3, "date"),
        ("wage_growth: {value: 0.02}\n", 1, "wage_growth.source: Field required"),
    ],
)
def test_a_bad_file_is_refused_at_its_line(tmp_path: Path, text: str, line: int, words: str) -> None:
    own = tmp_path / "bad.yaml"
    own.write_text(text)
    with pytest.raises(DataError) as raised:
        simulation_assumptions(own)
    problems = raised.value.problems
    assert any(p.file == own and p.line == line and words in p.message for p in problems), problems


def test_a_file_that_is_not_a_mapping_is_refused(tmp_path: Path) -> None:
    own = tmp_path / "list.yaml"
    own.write_text("- 1\n- 2\n")
    with pytest.raises(DataError, match="mapping"):
        simulation_assumptions(own)
