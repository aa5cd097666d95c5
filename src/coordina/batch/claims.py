"""Who claims an old-age pension when, in an impact simulation (issue 13 item 3), and the careers
cut at the claim.

Each person claims once: on the first day of the month after the day they reach the latest
pensionable age among the agreement's old-age schemes (``rules.ages.pension_age``, the table in
force on that day), or on 1 January of the horizon's first year if they reached it before; no
claim where a recorded death comes before that day, where it falls after the horizon, or where
no scheme's data give the person's pensionable age. A claim's periods end the day before it:
later periods are dropped, a period running over it is cut and its earnings shared by days.
Pure: tables in, tables out; the rules decide the ages.
"""

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from typing import Any, Literal

import polars as pl

from coordina.domain.agreement import Agreement
from coordina.domain.case import Person
from coordina.domain.scheme import Scheme
from coordina.domain.vocabulary import Branch
from coordina.rules import scope
from coordina.rules.ages import SEXES, pension_age

CLAIMED = "claims"
DIES_BEFORE = "dies before the claim"
AFTER_HORIZON = "pension age after the horizon"
NO_PENSION_AGE = "no pension age in the scheme data"
"""Why a person claims or not (the ``outcome`` column of ``claim_dates``)."""

PERSON_FACTS: dict[str, Any] = {
    "person": pl.Int64,
    "birth_date": pl.Date,
    "sex": pl.Utf8,
    "nationality": pl.Utf8,
    "residence": pl.Utf8,
    "death_date": pl.Date,
}


def old_age_schemes(agreement: Agreement, schemes: Mapping[str, Scheme]) -> list[Scheme]:
    """The national old-age schemes the agreement decides entitlement under (export-only ones aside)."""
    found: dict[str, Scheme] = {}
    for entry in scope.benefit_entries(agreement, Branch.old_age):
        if scope.decides_entitlement(entry):
            for scheme_id in entry.schemes:
                if scheme_id in schemes:
                    found.setdefault(scheme_id, schemes[scheme_id])
    return list(found.values())


def persons(periods: pl.DataFrame) -> pl.DataFrame:
    """One row per person: the facts a population repeats on each of their periods."""
    return periods.group_by("person").agg(pl.col(c).first() for c in PERSON_FACTS if c != "person").sort("person")


def pension_date(schemes: Sequence[Scheme], birth_date: date, sex: str | None, near: date) -> date | None:
    """The day the person reaches the latest pensionable age of ``schemes`` (the table in force on
    that day, looked up from ``near``); None where no scheme's data give it. Without a sex, where
    the law differs by sex, the later of the two."""
    reached: list[date] = []
    for scheme in schemes:
        for each in [sex] if sex in SEXES else list(SEXES):
            day = _reached(scheme, birth_date, each, near)
            if day is not None:
                reached.append(day)
    return max(reached) if reached else None


def _reached(scheme: Scheme, birth_date: date, sex: str | None, near: date) -> date | None:
    known: Literal["men", "women"] | None = "men" if sex == "men" else "women" if sex == "women" else None
    person = Person.model_construct(birth_date=birth_date, sex=known, nationality=[], residence="XX")
    on = near
    for _ in range(3):  # the table in force on the day the age is reached
        age, _steps = pension_age(scheme, person, sex, on)
        if age.reached_on is None or age.reached_on == on:
            return age.reached_on
        on = age.reached_on
    return age.reached_on


def claim_dates(facts: pl.DataFrame, schemes: Sequence[Scheme], years: tuple[int, int]) -> pl.DataFrame:
    """``person``, ``claim_date`` (null without a claim) and ``outcome`` (``CLAIMED`` or why not),
    for the persons of ``facts`` (``persons``). The ages are looked up once per (birth date, sex)."""
    first, last = date(years[0], 1, 1), date(years[1], 12, 31)
    pairs = facts.select("birth_date", "sex").unique().sort("birth_date", "sex", nulls_last=True)
    dates = [pension_date(schemes, born, sex, first) for born, sex in pairs.iter_rows()]
    ages = pairs.with_columns(pl.Series("pension_date", dates, dtype=pl.Date))
    joined = facts.join(ages, on=["birth_date", "sex"], how="left", nulls_equal=True)
    month_after = pl.col("pension_date").dt.month_start().dt.offset_by("1mo")
    claim = pl.max_horizontal(month_after, pl.lit(first))
    outcome = (
        pl.when(pl.col("pension_date").is_null())
        .then(pl.lit(NO_PENSION_AGE))
        .when(claim > pl.lit(last))
        .then(pl.lit(AFTER_HORIZON))
        .when(pl.col("death_date").is_not_null() & (pl.col("death_date") < claim))
        .then(pl.lit(DIES_BEFORE))
        .otherwise(pl.lit(CLAIMED))
    )
    return joined.select(
        "person", pl.when(outcome == CLAIMED).then(claim).otherwise(None).alias("claim_date"), outcome.alias("outcome")
    ).sort("person")


def cut_at_claims(periods: pl.DataFrame, cuts: pl.DataFrame) -> pl.DataFrame:
    """The periods before each person's ``cut`` date (``cuts``: person, cut): those starting on or
    after it dropped, those running over it ending the day before, their earnings shared by days
    (rounded half-up to the unit, as the population holds them)."""
    joined = periods.join(cuts, on="person", how="inner").filter(pl.col("start") < pl.col("cut"))
    end = pl.min_horizontal(pl.col("end"), pl.col("cut") - timedelta(days=1))
    days = (pl.col("end") - pl.col("start")).dt.total_days() + 1
    kept = (end - pl.col("start")).dt.total_days() + 1
    earnings = pl.col("earnings").cast(pl.Int64)
    shared = (earnings * kept * 2 + days) // (days * 2)
    dtype = periods.schema["earnings"]
    return joined.with_columns(
        pl.when(kept < days).then(shared).otherwise(earnings).cast(dtype).alias("earnings"), end.alias("end")
    ).select(periods.columns)


def claims_table(rows: Iterable[tuple[int, date]], branch: str = "old_age") -> pl.DataFrame:
    """The kernel's claims table (``batch.kernel.CLAIMS``) for (person, claim date) pairs."""
    people, days = zip(*rows, strict=True) if rows else ((), ())
    return pl.DataFrame(
        {"person": list(people), "branch": [branch] * len(people), "claim_date": list(days)},
        schema={"person": pl.Int64, "branch": pl.Utf8, "claim_date": pl.Date},
    )
