"""The scalar engine is the oracle of the batch kernel (issue 13 item 1): on a seeded
population of 10,000 people across the six bundled agreements, and on populations Hypothesis
draws, no person's decision differs in any field of ``coordina compute --json`` (trace and the
caseworker's reasons excepted)."""

from datetime import date

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

from coordina.batch.kernel import BatchDecisions, decide
from tests.batch.conftest import AGREEMENTS, claims_for, library, population

PEOPLE = 10_000


def both(agreement_id: str, table: pl.DataFrame, claims: pl.DataFrame) -> tuple[BatchDecisions, BatchDecisions]:
    lib = library()
    agreement = lib.agreements[agreement_id]
    return (decide(table, claims, agreement, lib.schemes), decide(table, claims, agreement, lib.schemes,
                                                                      vectorise=False))  # fmt: skip


def assert_same(kernel: BatchDecisions, oracle: BatchDecisions) -> None:
    """Every field equal, person by person (the ``vectorised`` flag aside)."""
    assert_frame_equal(kernel.persons.drop("vectorised"), oracle.persons.drop("vectorised"))
    assert_frame_equal(kernel.decisions, oracle.decisions)
    assert_frame_equal(kernel.legislation, oracle.legislation)


@pytest.mark.parametrize("agreement_id", AGREEMENTS)
def test_ten_thousand_people_decided_alike(agreement_id: str) -> None:
    size = PEOPLE // len(AGREEMENTS) + (1 if agreement_id == AGREEMENTS[0] else 0) * (PEOPLE % len(AGREEMENTS))
    table = population(agreement_id, size, seed=13)
    kernel, oracle = both(agreement_id, table, claims_for(table, seed=13))
    assert kernel.persons.height == size
    assert kernel.fallback + kernel.persons.get_column("vectorised").sum() == size
    assert_same(kernel, oracle)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    agreement_id=st.sampled_from(AGREEMENTS),
    seed=st.integers(0, 2**31),
    size=st.integers(1, 40),
    first=st.dates(date(1960, 1, 1), date(2040, 1, 1)),
)
def test_drawn_populations_decided_alike(agreement_id: str, seed: int, size: int, first: date) -> None:
    table = population(agreement_id, size, seed)
    kernel, oracle = both(agreement_id, table, claims_for(table, seed, first, date(2060, 1, 1)))
    assert_same(kernel, oracle)


def test_fallback_is_counted_with_its_reason() -> None:
    table = population("au-kr", 30, seed=1)
    lib = library()
    result = decide(table, claims_for(table, 1), lib.agreements["au-kr"], lib.schemes, vectorise=False)
    assert result.fallback == 30
    assert result.fallback_reasons == {"not asked to vectorise": 30}
    assert not result.persons.get_column("vectorised").any()
