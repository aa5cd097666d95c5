"""Issue 12's done criterion: for every bundled agreement, an old-age claim with earnings on every
period gets an amount from every party whose scheme is neither residence-based nor an account,
without any ``reference_amounts``.

The career is written by hand for each agreement: a man born in January 1958 who worked from
1978 to 2024, the years split between the parties, each year's earnings in the currency the
institution recorded it in (the legal tender of that year), claiming in September 2025 while
living in the first party — in February 2026 under au-kr, where the Korean revaluation rates are
published as a table for 2026 pensions only (for a 2025 pension the formula derives them from A
values, which the data give from 2010: README, gaps in the formulas' figures). The test checks
that each such institution computes its amount from the earnings (the figures themselves are
checked on worked examples in tests/formulas).
"""

from typing import Any

import pytest

import coordina
from coordina.domain.case import Case
from coordina.domain.vocabulary import SchemeKind
from coordina.services import catalog

YEARLY = {  # a plausible yearly wage, in the currency of the year (legal tender then)
    "DE": [(1978, 2001, "DEM", "60000"), (2002, 2024, "EUR", "40000")],
    "FR": [(1978, 2001, "FRF", "180000"), (2002, 2024, "EUR", "30000")],
    "KR": [(1978, 2024, "KRW", "36000000")],
    "CA": [(1978, 2024, "CAD", "50000")],
    "IN": [(1978, 2024, "INR", "300000")],
    "AR": [(1978, 2024, "ARS", "6000000")],
    "BR": [(1978, 2024, "BRL", "40000")],
    "UY": [(1978, 2024, "UYU", "600000")],
    "PY": [(1978, 2024, "PYG", "60000000")],
    "TN": [(1978, 2024, "TND", "12000")],
    "CL": [(1978, 2024, "CLP", "10000000")],
    "NL": [(1978, 2001, "NLG", "60000"), (2002, 2024, "EUR", "35000")],
    "AU": [(1978, 2024, "AUD", "60000")],
}


def earnings(country: str, first: int, last: int) -> list[dict[str, Any]]:
    return [
        {"year": year, "amount": {"amount": amount, "currency": currency}}
        for start, end, currency, amount in YEARLY[country]
        for year in range(max(start, first), min(end, last) + 1)
    ]


def career(parties: list[str]) -> list[dict[str, Any]]:
    """1978-2024 split into equal runs of whole years, one per party, in order."""
    years = list(range(1978, 2025))
    size = -(-len(years) // len(parties))
    periods = []
    for index, country in enumerate(parties):
        run = years[index * size : (index + 1) * size]
        if not run:
            continue
        kind = "residence" if country in ("AU", "NL") else "insurance"
        period: dict[str, Any] = {"country": country, "kind": "insurance", "activity": "employed",
                                  "start": f"{run[0]}-01-01", "end": f"{run[-1]}-12-31",
                                  "earnings_by_year": earnings(country, run[0], run[-1])}  # fmt: skip
        periods.append(period)
        if kind == "residence":
            periods.append({"country": country, "kind": "residence", "start": f"{run[0]}-01-01",
                            "end": f"{run[-1]}-12-31"})  # fmt: skip
    return periods


AGREEMENTS = ["ar-cl", "au-kr", "ca-nl-1987", "ca-nl", "fr-tn", "in-de", "mercosur"]
CLAIM_DATE = {"au-kr": "2026-02-01"}
EXEMPT = {SchemeKind.residence_based, SchemeKind.individual_account, SchemeKind.provident_fund,
          SchemeKind.social_assistance}  # fmt: skip


@pytest.mark.parametrize("agreement_id", AGREEMENTS)
def test_an_old_age_claim_with_earnings_gets_every_insurance_party_s_amount(agreement_id: str) -> None:
    agreement = catalog.agreement(agreement_id)
    parties = list(agreement.parties)
    case = Case.model_validate(
        {
            "person": {"birth_date": "1958-01-15", "nationality": [parties[0]], "residence": parties[0], "sex": "men"},
            "claim": {"branch": "old_age", "date": CLAIM_DATE.get(agreement_id, "2025-09-01")},
            "periods": career(parties),
        }
    )
    decision = coordina.compute(case, agreement_id)
    assert decision.covered
    schemes = {s.id: s for s in catalog.schemes()}
    paying = [d for d in decision.decisions if schemes[d.scheme].kind not in EXEMPT]
    assert {d.country for d in paying} >= {p for p in parties if p not in ("AU", "NL")}
    for found in paying:
        if found.eligible_national is False and found.eligible_totalized is not True:
            continue  # no right, so nothing to pay (the amount is then 0)
        assert found.payable_amount is not None, (found.scheme, found.reasons)
        assert found.payable_amount > 0, (found.scheme, found.reasons)
