"""Registers users bring hold more than synthetic careers: any period kind and activity, employers
anywhere, third countries, no sex or nationality, overlapping periods (some contradictory, which
the scalar engine refuses). On such registers too, the kernel and the scalar engine agree on
every person, including those the engine refuses (same problem)."""

from datetime import date, timedelta
from typing import Any

import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coordina.batch.kernel import decide
from coordina.services.populations import SCHEMA
from tests.batch.conftest import AGREEMENTS, library
from tests.batch.test_kernel_differential import assert_same

KINDS = ["employment", "residence", "self_employment", "insurance", "credited"]
ACTIVITIES = [None, "employed", "self_employed", "posted", "seafarer", "civil_servant"]


@st.composite
def registers(draw: st.DrawFn, parties: list[str]) -> list[dict[str, Any]]:
    countries = [*parties, "ZZ" if False else "US"]
    rows: list[dict[str, Any]] = []
    for person in range(draw(st.integers(1, 6))):
        birth = draw(st.dates(date(1940, 1, 1), date(1990, 12, 31)))
        facts = {
            "person": person, "birth_date": birth, "sex": draw(st.sampled_from([None, "men", "women"])),
            "nationality": draw(st.sampled_from([None, *parties, "US"])), "residence": draw(st.sampled_from(countries)),
            "death_date": None,
        }  # fmt: skip
        day = birth + timedelta(days=365 * 18)
        for _ in range(draw(st.integers(1, 5))):
            day += timedelta(days=draw(st.integers(-400, 900)))  # negative: an overlap
            length = draw(st.integers(0, 365 * 12))
            country = draw(st.sampled_from(countries))
            earned = draw(st.booleans())
            rows.append({
                **facts, "country": country, "kind": draw(st.sampled_from(KINDS)),
                "activity": draw(st.sampled_from(ACTIVITIES)),
                "employer_country": draw(st.sampled_from([None, *countries])),
                "start": max(day, birth), "end": max(day, birth) + timedelta(days=length),
                "earnings": draw(st.integers(0, 10**7)) if earned else None,
                "currency": draw(st.sampled_from(["EUR", "KRW", "CAD", "INR", "ARS", "BRL", "TND", "AUD"]))
                if earned else None,
            })  # fmt: skip
            day += timedelta(days=length + 1)
    return rows


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data(), agreement_id=st.sampled_from(AGREEMENTS))
def test_registers_decided_alike(data: st.DataObject, agreement_id: str) -> None:
    lib = library()
    agreement = lib.agreements[agreement_id]
    rows = data.draw(registers(list(agreement.parties)))
    table = pl.DataFrame(rows, schema=SCHEMA, orient="row").with_columns(pl.col("earnings").cast(pl.Decimal(20, 0)))
    people = table.get_column("person").unique().sort().to_list()
    days = [data.draw(st.dates(date(1980, 1, 1), date(2060, 12, 31))) for _ in people]
    claims = pl.DataFrame({"person": people, "branch": ["old_age"] * len(people), "claim_date": days},
                          schema={"person": pl.Int64, "branch": pl.Utf8, "claim_date": pl.Date})  # fmt: skip
    kernel = decide(table, claims, agreement, lib.schemes)
    oracle = decide(table, claims, agreement, lib.schemes, vectorise=False)
    assert_same(kernel, oracle)
