"""Properties of the amounts under national formulas, over the done-criterion careers of
tests/test_amounts_everywhere.py (every bundled agreement, earnings on every period):

- more earnings never lower what an institution pays (every formula is non-decreasing in the
  earnings: points, best years, reference salaries, minimums and maximums alike);
- an amount computed from earnings is never computed without them: dropping a year's earnings
  from the institution's own periods leaves the amount unknown or unchanged, never made up.
"""

from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

import coordina
from coordina.domain.case import Case
from coordina.services import catalog
from tests.test_amounts_everywhere import AGREEMENTS, CLAIM_DATE, career


def case_of(agreement_id: str, scale: Decimal = Decimal(1)) -> Case:
    parties = list(catalog.agreement(agreement_id).parties)
    periods = career(parties)
    for period in periods:
        for entry in period.get("earnings_by_year", []):
            entry["amount"]["amount"] = str((Decimal(entry["amount"]["amount"]) * scale).quantize(Decimal(1)))
    data: dict[str, Any] = {
        "person": {"birth_date": "1958-01-15", "nationality": [parties[0]], "residence": parties[0], "sex": "men"},
        "claim": {"branch": "old_age", "date": CLAIM_DATE.get(agreement_id, "2025-09-01")},
        "periods": periods,
    }
    return Case.model_validate(data)


def payable(agreement_id: str, case: Case) -> dict[str, Decimal | None]:
    return {d.scheme: d.payable_amount for d in coordina.compute(case, agreement_id).decisions}


@settings(deadline=None, max_examples=25)
@given(st.sampled_from(AGREEMENTS), st.decimals(min_value=Decimal("1"), max_value=Decimal("3"), places=2))
def test_more_earnings_never_lower_what_an_institution_pays(agreement_id: str, scale: Decimal) -> None:
    before = payable(agreement_id, case_of(agreement_id))
    after = payable(agreement_id, case_of(agreement_id, scale))
    for scheme, amount in before.items():
        if amount is not None:
            more = after[scheme]
            assert more is not None and more >= amount, (scheme, amount, more)


@settings(deadline=None, max_examples=25)
@given(st.sampled_from(AGREEMENTS), st.integers(min_value=0, max_value=60), st.data())
def test_a_missing_year_never_turns_into_a_made_up_amount(agreement_id: str, pick: int, data: st.DataObject) -> None:
    case = case_of(agreement_id)
    with_years = [i for i, p in enumerate(case.periods) if p.earnings_by_year]
    index = with_years[pick % len(with_years)]
    period = case.periods[index]
    drop = data.draw(st.sampled_from([e.year for e in period.earnings_by_year]))
    kept = [e for e in period.earnings_by_year if e.year != drop]
    periods = [*case.periods[:index], period.model_copy(update={"earnings_by_year": kept}), *case.periods[index + 1 :]]
    gappy = case.model_copy(update={"periods": periods})
    full, missing = payable(agreement_id, case), payable(agreement_id, gappy)
    for scheme, amount in missing.items():
        # unknown, or the same where the formula does not read that year (e.g. outside the last 10 years)
        assert amount is None or amount == full[scheme] or full[scheme] is None or amount == 0, (scheme, drop)
