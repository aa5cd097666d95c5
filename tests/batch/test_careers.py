"""The careers the vectorised formulas read are the careers the scalar formulas read: for every
person whose decision needs a formula, the months and earnings by year, own and theoretical
(``rules.careers`` is the oracle of ``batch.vectorised.careers``)."""

from fractions import Fraction
from typing import Any

import polars as pl
import pytest

from coordina.batch.kernel import decide
from coordina.batch.vectorised import pipeline
from coordina.batch.vectorised.formulas import Careers
from coordina.domain.scheme import BenefitFormulaKind, Scheme
from coordina.rules import formula_amounts
from coordina.rules.formulas import FORMULAS
from coordina.rules.formulas.career import Career, FormulaResult, NationalFormula
from coordina.rules.periods import UNITS_PER_MONTH
from tests.batch.conftest import claims_for, library, population

CASES = [("in-de", BenefitFormulaKind.earnings_points), ("mercosur", BenefitFormulaKind.replacement_rate),
         ("ca-nl", BenefitFormulaKind.average_pensionable_earnings)]  # fmt: skip


def _scalar_careers(monkeypatch: pytest.MonkeyPatch, kind: BenefitFormulaKind) -> list[Career]:
    seen: list[Career] = []
    original = FORMULAS[kind]

    def recording(career: Career, parameters: Any, formula: Any) -> FormulaResult:
        seen.append(career)
        return original.compute(career, parameters, formula)

    patched = dict(FORMULAS)
    patched[kind] = NationalFormula(**{**original.__dict__, "compute": recording})
    monkeypatch.setattr(formula_amounts, "FORMULAS", patched)
    return seen


def _vector_careers(monkeypatch: pytest.MonkeyPatch, kind: BenefitFormulaKind) -> list[Careers]:
    seen: list[Careers] = []

    def recording(careers: Careers, scheme: Scheme) -> pl.DataFrame:
        seen.append(careers)
        return careers.people.select("person", amount_n=pl.lit(None, pl.Int128), amount_d=pl.lit(None, pl.Int128))

    monkeypatch.setattr(pipeline, "VECTORISED", {kind: recording})
    return seen


def _as_dict(careers: list[Careers]) -> dict[tuple[object, ...], dict[int, tuple[Fraction, Fraction | None]]]:
    out: dict[tuple[object, ...], dict[int, tuple[Fraction, Fraction | None]]] = {}
    for found in careers:
        theoretical = found.people.get_column("theoretical").to_list()
        flag = bool(theoretical[0]) if theoretical else False
        currency = dict(found.people.select("person", "currency").iter_rows())
        for (person,), years in found.years.group_by("person"):
            by_year = {}
            for row in years.iter_rows(named=True):
                earnings = None if row["earnings_n"] is None else Fraction(row["earnings_n"], row["earnings_d"])
                by_year[row["year"]] = (Fraction(row["months"], UNITS_PER_MONTH), earnings)
            out[(person, flag, currency[person])] = by_year
    return out


@pytest.mark.parametrize(("agreement_id", "kind"), CASES)
def test_careers_equal_the_scalar_ones(
    monkeypatch: pytest.MonkeyPatch, agreement_id: str, kind: BenefitFormulaKind
) -> None:
    lib = library()
    table = population(agreement_id, 150, seed=3)
    claims = claims_for(table, 3)
    vector = _vector_careers(monkeypatch, kind)
    decide(table, claims, lib.agreements[agreement_id], lib.schemes)
    scalar = _scalar_careers(monkeypatch, kind)
    oracle = decide(table, claims, lib.agreements[agreement_id], lib.schemes, vectorise=False)
    assert oracle.persons.height == 150
    mine = _as_dict(vector)
    assert mine, "no career was asked for"
    compared = 0
    dates = oracle.persons.get_column("claim_date").to_list()
    by_claim = dict(zip(dates, oracle.persons.get_column("person").to_list(), strict=True))
    for career in scalar:
        person = by_claim.get(career.claim_date)
        key = (person, career.theoretical, career.currency)
        if key not in mine:
            continue
        expected = {y: (m, career.earnings.get(y)) for y, m in career.months_by_year.items()}
        got = mine[key]
        assert {y: v[0] for y, v in got.items()} == {y: v[0] for y, v in expected.items()}, key
        for year, (_, earnings) in expected.items():
            other = got[year][1]
            assert (earnings is None) == (other is None), (key, year)
            if earnings is not None and other is not None:
                assert abs(Fraction(earnings) - other) < Fraction(1, 10**12), (key, year)
        compared += 1
    assert compared > 10
