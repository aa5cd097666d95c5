"""National formulas on published worked examples, written as data (tests/formulas/*.yaml).

Each case names its ``source`` (an official simulator's or brochure's example, a statute's
example) and ``derivation`` (the working by hand, with the official figures used);
``printed: true`` where the source prints the result (then asserted to the cent), ``false``
where the case is derived by hand from the statute and the official parameter values.

``career`` is what the formula reads: ``birth_date``, ``sex``, ``claim_date``,
``pension_age_on``, ``branch`` (default old_age); the periods as ``periods`` (list of
``{start, end}``) or ``months_by_year``; ``earnings`` by year in ``currency``; optionally
``totalized_months`` and ``theoretical``. ``expect`` gives ``amount`` (rounded as the scheme
rounds, else half-up in the currency's minor unit), or ``needs`` (substrings of what is missing),
and optionally ``working`` (substrings of the working).
"""

from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import yaml

from coordina.catalog.loading import bundled_library
from coordina.domain.vocabulary import Branch
from coordina.rules.formulas import FORMULAS
from coordina.rules.formulas.career import Career, months_by_year
from coordina.rules.money import to_money

CASES_DIR = Path(__file__).parent / "formulas"


def _load() -> list[Any]:
    cases = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        try:  # a file that does not parse fails its own test, not the others'
            items = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        except yaml.YAMLError as error:
            cases.append(pytest.param({"unreadable": f"{path.name}: {error}"}, id=f"{path.stem}: unreadable"))
            continue
        for item in items:
            cases.append(pytest.param(item, id=f"{path.stem}: {item['name']}"))
    return cases


def career_of(data: dict[str, Any]) -> Career:
    if "periods" in data:
        by_year = months_by_year((p["start"], p["end"]) for p in data["periods"])
    else:
        by_year = {int(y): Fraction(str(m)) for y, m in data["months_by_year"].items()}
    earnings = {int(y): Decimal(str(a)) for y, a in (data.get("earnings") or {}).items()}
    total = sum(by_year.values(), Fraction(0))
    return Career(
        birth_date=data["birth_date"],
        sex=data.get("sex"),
        claim_date=data["claim_date"],
        pension_age_on=data.get("pension_age_on"),
        branch=Branch(data.get("branch", "old_age")),
        months=total,
        months_by_year=by_year,
        earnings=earnings,
        currency=data.get("currency"),
        earnings_missing=tuple(y for y, m in by_year.items() if m > 0 and y not in earnings),
        totalized_months=Fraction(str(data.get("totalized_months", total))),
        theoretical=bool(data.get("theoretical", False)),
    )


@pytest.mark.parametrize("item", _load())
def test_formula_case(item: dict[str, Any]) -> None:
    assert "unreadable" not in item, item.get("unreadable")
    assert item.get("source") and item.get("derivation"), "every case names its source and derivation"
    assert isinstance(item.get("printed"), bool), "printed: true (result printed in the source) or false"
    scheme = bundled_library().scheme(item["scheme"])
    career = career_of(item["career"])
    assert scheme.parameters.benefit_formula is not None
    formula = scheme.parameters.benefit_formula.at(career.claim_date)
    assert formula is not None, f"{scheme.id} has no formula on {career.claim_date}"
    result = FORMULAS[formula.value.kind].compute(career, scheme.parameters, formula.value)
    expect = item["expect"]
    if "amount" in expect:
        assert result.amount is not None, [str(n) for n in result.needs]
        rounding = scheme.parameters.rounding.at(career.claim_date) if scheme.parameters.rounding else None
        currency = item["career"].get("currency") or expect["currency"]
        shown = to_money(result.amount, currency, rounding.value if rounding else None)
        assert shown == Decimal(str(expect["amount"])), [str(w) for w in result.working]
    for needed in expect.get("needs", []):
        assert result.amount is None and any(needed in str(n) for n in result.needs), [str(n) for n in result.needs]
    for line in expect.get("working", []):
        assert any(line in str(w) for w in result.working), [str(w) for w in result.working]
    assert all(u.reference for u in result.used), "every figure used cites its provision"
