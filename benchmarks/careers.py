"""Deterministic, realistic careers for the engine benchmark, as case dicts.

A career is one timeline of spells from the 16th birthday to the day before the claim,
cut into ``size`` slots; each slot holds one period (sometimes followed by a gap), so no
two periods overlap anywhere and no case is refused. Countries alternate between the
agreement's parties, with now and then a third country; kinds fit the national schemes
(residence where the scheme is residence-based: AU, CA, NL). Only case fields that the
baseline commit also knows are used (no ``scheme:`` on periods).
"""

import random
from datetime import date, timedelta
from typing import Any

# The six bundled agreements of the ILO brief: parties, entry into force (the bundled
# data's `in_force`) and the branches of their material scope with a scheme to decide.
AGREEMENTS: dict[str, tuple[tuple[str, ...], date, tuple[str, ...]]] = {
    "ar-cl": (("AR", "CL"), date(2010, 1, 1), ("old_age", "invalidity", "survivors")),
    "ca-nl": (("CA", "NL"), date(1990, 10, 1), ("old_age", "invalidity", "survivors")),
    "fr-tn": (("FR", "TN"), date(2007, 4, 1), ("old_age", "invalidity", "survivors")),
    "in-de": (("IN", "DE"), date(2017, 5, 1), ("old_age", "invalidity", "survivors")),
    "au-kr": (("AU", "KR"), date(2008, 10, 1), ("old_age",)),
    "mercosur": (("AR", "BR", "PY", "UY"), date(2005, 6, 1), ("old_age", "invalidity", "survivors")),
}
AGREEMENT_IDS = tuple(AGREEMENTS)
SIZES = (1, 10, 100, 1_000, 10_000)
THIRD_COUNTRIES = ("US", "GB", "IT", "ES", "JP")

CURRENCY = {
    "AR": "ARS",
    "CL": "CLP",
    "CA": "CAD",
    "NL": "EUR",
    "FR": "EUR",
    "TN": "TND",
    "IN": "INR",
    "DE": "EUR",
    "AU": "AUD",
    "KR": "KRW",
    "BR": "BRL",
    "PY": "PYG",
    "UY": "UYU",
    "US": "USD",
    "GB": "GBP",
    "IT": "EUR",
    "ES": "EUR",
    "JP": "JPY",
}
# Rough daily earnings in the local currency (orders of magnitude only: the engine's
# arithmetic, not the figures, is what is timed).
DAILY_EARNINGS = {
    "ARS": 40_000,
    "CLP": 35_000,
    "CAD": 200,
    "EUR": 120,
    "TND": 60,
    "INR": 1_500,
    "AUD": 220,
    "KRW": 130_000,
    "BRL": 150,
    "PYG": 200_000,
    "UYU": 2_500,
    "USD": 200,
    "GBP": 130,
    "JPY": 15_000,
}
# Period kinds as the national schemes count them, with their weights: residence-based
# pensions (AU Age Pension, CA OAS, NL AOW) take residence, next to employment for the
# contributory schemes (AU superannuation guarantee, CA CPP, NL insured work); elsewhere
# insurance, employment and self-employment.
KINDS: dict[str, dict[str, int]] = {
    "AU": {"residence": 8, "employment": 2},
    "CA": {"residence": 5, "employment": 4, "self_employment": 1},
    "NL": {"residence": 6, "insurance": 2, "employment": 2},
}
CONTRIBUTORY = {"insurance": 5, "employment": 4, "self_employment": 1}


def case_for(agreement_id: str, size: int, index: int, seed: int = 20260101) -> dict[str, Any]:
    """The ``index``-th generated case of ``size`` periods under ``agreement_id`` (deterministic)."""
    rng = random.Random(f"{seed}:{agreement_id}:{size}:{index}")
    parties, in_force, branches = AGREEMENTS[agreement_id]
    branch = _branch(rng, branches)
    birth = date(1950, 1, 1) + timedelta(days=rng.randrange(11 * 365))
    claim_date = _claim_date(rng, birth, in_force, branch)
    person: dict[str, Any] = {
        "birth_date": birth.isoformat(),
        "nationality": [rng.choice(parties)],
        "residence": rng.choice(parties),
        "status": "none",
    }
    if branch == "survivors":
        person["derived_rights"] = True
    return {
        "agreement": agreement_id,
        "person": person,
        "claim": {"branch": branch, "date": claim_date.isoformat()},
        "periods": career(rng, parties, _years_after(birth, 16), claim_date - timedelta(days=1), size),
    }


def batch(size: int, count: int, seed: int = 20260101) -> list[dict[str, Any]]:
    """``count`` cases of ``size`` periods, cycling through the six agreements."""
    return [case_for(AGREEMENT_IDS[i % len(AGREEMENT_IDS)], size, i // len(AGREEMENT_IDS), seed) for i in range(count)]


def _branch(rng: random.Random, branches: tuple[str, ...]) -> str:
    """Mostly old-age claims; one in ten invalidity, one in ten survivors where covered."""
    draw = rng.random()
    if draw < 0.1 and "invalidity" in branches:
        return "invalidity"
    if draw < 0.2 and "survivors" in branches:
        return "survivors"
    return "old_age"


def _claim_date(rng: random.Random, birth: date, in_force: date, branch: str) -> date:
    """Old age and survivors at 65 to 70; invalidity at 55 to 62; never before entry into force."""
    age = rng.randint(55, 62) if branch == "invalidity" else rng.randint(65, 70)
    claimed = _years_after(birth, age) + timedelta(days=rng.randrange(365))
    earliest = in_force + timedelta(days=30 + rng.randrange(365))
    return max(claimed, earliest).replace(day=1)


def _years_after(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def career(rng: random.Random, parties: tuple[str, ...], first: date, last: date, size: int) -> list[dict[str, Any]]:
    """``size`` non-overlapping periods between ``first`` and ``last``, with gaps."""
    days = (last - first).days + 1
    if size > days:
        raise ValueError(f"{size} periods do not fit in {days} days")
    cuts = sorted(rng.sample(range(1, days), size - 1)) if size > 1 else []
    bounds = [0, *cuts, days]
    periods = []
    country_index = rng.randrange(len(parties))
    for slot in range(size):
        start, end = bounds[slot], bounds[slot + 1] - 1
        if end > start and rng.random() < 0.2:  # a gap at the end of the slot
            end -= rng.randrange(max(1, (end - start) * 3 // 10) + 1)
        if rng.random() < 0.6:  # move on to the next party more often than not
            country_index += 1
        country = parties[country_index % len(parties)]
        if slot > 0 and rng.random() < 0.07:  # the first period is always in a party
            country = rng.choice(THIRD_COUNTRIES)
        periods.append(
            period(rng, parties, country, first + timedelta(days=start), first + timedelta(days=end)),
        )
    return periods


def period(rng: random.Random, parties: tuple[str, ...], country: str, start: date, end: date) -> dict[str, Any]:
    """One period in ``country``: residence, insurance, employment or self-employment."""
    result: dict[str, Any] = {"country": country, "start": start.isoformat(), "end": end.isoformat()}
    weights = KINDS.get(country, CONTRIBUTORY)
    kind = rng.choices(list(weights), weights=list(weights.values()))[0]
    result["kind"] = kind
    if kind == "residence":
        return result
    result["activity"] = "self_employed" if kind == "self_employment" else "employed"
    others = [p for p in parties if p != country]
    if kind == "employment" and others and rng.random() < 0.1:  # a posting from another party
        result.update(activity="posted", employer_country=rng.choice(others), certificate=True)
    if kind != "self_employment" and rng.random() < 0.4:
        currency = CURRENCY[country]
        amount = DAILY_EARNINGS[currency] * ((end - start).days + 1) * rng.uniform(0.5, 2.0)
        result["earnings"] = {"amount": f"{amount:.2f}", "currency": currency}
    return result
