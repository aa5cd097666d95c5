"""Invariants of the coordination engine, on generated careers (hypothesis)."""

import random
from datetime import date, timedelta
from fractions import Fraction
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import coordina
from coordina.domain.case import Case

MERCOSUR = ["AR", "BR", "PY", "UY"]
CLAIM = date(2024, 6, 1)


@st.composite
def careers(draw: st.DrawFn, countries: list[str] = MERCOSUR, overlapping: bool = False) -> dict[str, Any]:
    """A person born 1940-1958 with 1 to 6 insurance periods in the parties before the claim."""
    birth = draw(st.dates(date(1940, 1, 1), date(1958, 12, 31)))
    cursor = date(birth.year + 18, 1, 1)
    periods = []
    for _ in range(draw(st.integers(1, 6))):
        gap = draw(st.integers(-400 if overlapping else 0, 900))
        start = max(date(birth.year + 16, 1, 1), cursor + timedelta(days=gap))
        length = draw(st.integers(30, 12 * 365))
        end = min(start + timedelta(days=length), CLAIM - timedelta(days=1))
        if start > end:
            break
        country = draw(st.sampled_from(countries))
        periods.append(
            {
                "country": country,
                "kind": "insurance",
                "activity": "employed",
                "start": start.isoformat(),
                "end": end.isoformat(),
            }
        )
        cursor = max(cursor, end + timedelta(days=1))
    if not periods:
        periods.append(
            {
                "country": countries[0],
                "kind": "insurance",
                "activity": "employed",
                "start": f"{birth.year + 20}-01-01",
                "end": f"{birth.year + 25}-12-31",
            }
        )
    return {
        "agreement": "mercosur",
        "person": {
            "birth_date": birth.isoformat(),
            "nationality": ["IT"],
            "residence": draw(st.sampled_from(countries)),
        },
        "claim": {"branch": "old_age", "date": CLAIM.isoformat()},
        "periods": periods,
    }


def _decide(case: dict[str, Any]) -> dict[str, Any]:
    decision = coordina.compute(Case.model_validate(case)).model_dump(mode="json")
    for item in decision["decisions"]:
        item.pop("trace")
    decision.pop("trace")
    return decision


FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(careers())
def test_pro_rata_fractions_across_parties_never_sum_above_one(case: dict[str, Any]) -> None:
    """Sequential careers: each day is one party's, so the own shares of one total add up to at most 1."""
    decision = _decide(case)
    fractions = [Fraction(d["pro_rata_fraction"]) for d in decision["decisions"] if d["pro_rata_fraction"]]
    assert sum(fractions) <= 1


@FAST
@given(careers(overlapping=True))
def test_totalized_months_are_the_same_for_every_party(case: dict[str, Any]) -> None:
    """Under a multilateral agreement counting every member's periods, each institution sees the
    same days once: own plus foreign is the union of the career, whoever counts it."""
    totals = {
        d["totalized_months"]
        for d in _decide(case)["decisions"]
        if d["scheme"] in ("ar-sipa", "br-rgps", "py-ips", "uy-bps")
    }
    assert len(totals) <= 1


@FAST
@given(careers(overlapping=True), st.sampled_from(MERCOSUR), st.integers(1, 240))
def test_adding_a_foreign_period_never_loses_eligibility(case: dict[str, Any], country: str, months: int) -> None:
    before = {d["scheme"]: d for d in _decide(case)["decisions"]}
    start = date.fromisoformat(case["person"]["birth_date"]).replace(day=1) + timedelta(days=365 * 18)
    extra = {
        "country": country,
        "kind": "insurance",
        "activity": "employed",
        "start": start.isoformat(),
        "end": (start + timedelta(days=30 * months)).isoformat(),
    }
    after = {d["scheme"]: d for d in _decide({**case, "periods": [*case["periods"], extra]})["decisions"]}
    for scheme, old in before.items():
        if old["country"] == country:
            continue  # a period of its own is not a foreign period for this institution
        assert not (old["eligible_totalized"] and not after[scheme]["eligible_totalized"]), scheme
        assert after[scheme]["totalized_months"] >= old["totalized_months"]


@FAST
@given(careers(overlapping=True), st.randoms(use_true_random=False))
def test_the_order_of_periods_does_not_matter(case: dict[str, Any], shuffle: random.Random) -> None:
    periods = list(case["periods"])
    shuffle.shuffle(periods)
    assert _decide({**case, "periods": periods}) == _decide(case)


@FAST
@given(careers())
def test_own_plus_foreign_is_totalized_and_fraction_is_own_share(case: dict[str, Any]) -> None:
    for item in _decide(case)["decisions"]:
        own, foreign, total = (Fraction(str(item[k])) for k in ("own_months", "foreign_months", "totalized_months"))
        assert abs(own + foreign - total) < Fraction(1, 1000)
        if item["pro_rata_fraction"] and total:
            assert Fraction(item["pro_rata_fraction"]) >= min(Fraction(1), own / total) - Fraction(1, 1000)
