"""What the engine refuses, the kernel refuses the same way: a model agreement (no parties) and
a case whose periods contradict each other keep their row, with the engine's problem."""

from datetime import date

import polars as pl

from coordina.batch.kernel import decide
from tests.batch.conftest import claims_for, library, population


def test_a_model_agreement_is_refused_for_everyone() -> None:
    lib = library()
    table = population("au-kr", 5, seed=2)
    result = decide(table, claims_for(table, 2), lib.agreements["ilo-r167-model"], lib.schemes)
    assert result.persons.height == 5
    assert result.persons.get_column("problem").str.contains("model agreement").all()
    assert result.decisions.height == 0
    assert result.fallback_reasons == {"a model agreement (the engine refuses it)": 5}


def test_contradictory_periods_keep_the_problem() -> None:
    lib = library()
    table = population("au-kr", 3, seed=4)
    first = table.filter(pl.col("person") == 0).row(0, named=True)
    clash = {**first, "activity": "self_employed" if first["activity"] != "self_employed" else "employed"}
    table = pl.concat([table, pl.DataFrame([clash], schema=table.schema)])
    claims = pl.DataFrame({"person": [0, 1, 2], "branch": ["old_age"] * 3, "claim_date": [date(2030, 1, 1)] * 3})
    result = decide(table, claims, lib.agreements["au-kr"], lib.schemes)
    problem = result.persons.filter(pl.col("person") == 0).get_column("problem").item()
    assert "overlaps" in problem
    assert result.persons.filter(pl.col("person") != 0).get_column("problem").is_null().all()


def test_no_claims_no_rows() -> None:
    lib = library()
    table = population("au-kr", 3, seed=1)
    empty = pl.DataFrame(schema={"person": pl.Int64, "branch": pl.Utf8, "claim_date": pl.Date})
    for periods in (table, table.clear()):
        result = decide(periods, empty, lib.agreements["au-kr"], lib.schemes)
        assert (result.persons.height, result.decisions.height, result.legislation.height) == (0, 0, 0)
        assert result.fallback == 0
