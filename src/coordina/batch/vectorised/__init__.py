"""The vectorised rules of the batch kernel: columnar expressions over every person at once,
stage by stage in the engine's order (``batch.vectorised.pipeline``).

``decide`` decides every claim it can and says, per person, why it cannot decide the others
(the rule not vectorised, or a case the scalar engine must judge): the kernel sends those to the
scalar engine. Vectorised: entry into force, material and personal scope, applicable legislation
(texts by date, exceptions, posting limits), attribution to schemes, age windows, pension ages,
totalization with the overlap priority, eligibility with the agreement's minimum periods, the
calculation method, the pro-rata fraction, the simple national amounts (flat, maximum and
residence-proportional rates), the independent, theoretical, pro-rata and payable amounts,
export and the lump-sum refund. Not yet: the earnings formulas of ``rules.formulas`` where a
right makes their result count, periods validated by earnings, and a few rarer rules (each named
in ``fallback``).
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import polars as pl

from coordina.batch.decisions import DECISIONS, LEGISLATION, PERSONS
from coordina.batch.vectorised import validation
from coordina.batch.vectorised.pipeline import ORDER as ORDER
from coordina.batch.vectorised.pipeline import stages
from coordina.domain.agreement import Agreement
from coordina.domain.scheme import Scheme
from coordina.domain.vocabulary import Branch
from coordina.rules.formulas import FORMULAS
from coordina.rules.periods import UNITS_PER_MONTH

VALIDATED = "periods validated by earnings ({scheme})"


@dataclass(frozen=True)
class Vectorised:
    persons: pl.DataFrame
    """``batch.decisions.PERSONS`` plus ``problem`` and ``fallback`` (null: decided here)."""
    decisions: pl.DataFrame
    legislation: pl.DataFrame


def decide(
    periods: pl.DataFrame,
    claims: pl.DataFrame,
    agreement: Agreement,
    schemes: Mapping[str, Scheme],
    earlier: Sequence[Agreement],
) -> Vectorised:
    """Every claim of ``claims`` (one branch at a time), with the reason where it falls back.
    ``periods``: sorted in ``ORDER``."""
    parts = []
    for (branch,), group in claims.group_by("branch"):
        parts.append(_decide_branch(periods, group, agreement, schemes, earlier, Branch(str(branch))))
    if not parts:
        empty = pl.DataFrame(schema={**PERSONS, "problem": pl.Utf8, "fallback": pl.Utf8})
        return Vectorised(empty, pl.DataFrame(schema=DECISIONS), pl.DataFrame(schema=LEGISLATION))
    return Vectorised(*(pl.concat([p[i] for p in parts], how="vertical_relaxed") for i in range(3)))


def _decide_branch(
    periods: pl.DataFrame,
    claims: pl.DataFrame,
    agreement: Agreement,
    schemes: Mapping[str, Scheme],
    earlier: Sequence[Agreement],
    branch: Branch,
) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    found = stages(periods, claims, agreement, schemes, earlier, branch)
    fallback = pl.col("fallback")
    if branch is not Branch.old_age:
        fallback = pl.coalesce(fallback, pl.lit(f"a {branch.value} claim"))
    validated = [s for s in schemes.values() if _validates(s)]
    rows = found.schemes
    if validated and rows.height:
        own_there = rows.filter(pl.col("scheme").is_in([s.id for s in validated]) & (pl.col("own") > 0))
        flagged = own_there.group_by("person").agg(pl.col("scheme").first().alias("validating"))
        found = type(found)(found.persons.join(flagged, on="person", how="left"), found.legislation, rows)
        fallback = pl.coalesce(fallback, pl.format(VALIDATED.replace("{scheme}", "{}"), "validating"))
    persons = found.persons.with_columns(fallback=fallback)
    persons = persons.select(
        "person",
        pl.lit(agreement.version_of or agreement.id).alias("agreement"),
        pl.lit(agreement.id if agreement.version else None, dtype=pl.Utf8).alias("version"),
        "branch",
        "claim_date",
        "covered",
        pl.col("fallback").is_null().alias("vectorised"),
        pl.lit(None, dtype=pl.Utf8).alias("problem"),
        "fallback",
    )
    return persons, _decision_rows(rows), found.legislation


def _validates(scheme: Scheme) -> bool:
    """Whether the scheme validates periods by earnings in a way ``batch.vectorised.validation``
    does not do (those people fall back)."""
    formulas = scheme.parameters.benefit_formula
    return formulas is not None and any(
        (f := FORMULAS.get(d.value.kind)) is not None
        and f.validated_months is not None
        and not validation.vectorised(f.validated_months)
        for d in formulas.root
    )


def _decision_rows(rows: pl.DataFrame) -> pl.DataFrame:
    """The scheme rows in the columns of ``batch.decisions.DECISIONS``."""
    if rows.height == 0:
        return pl.DataFrame(schema=DECISIONS)
    months = {
        name: _months(rows.get_column(column))
        for name, column in (("own_months", "own"), ("foreign_months", "foreign"), ("totalized_months", "totalized"))
    }
    fraction = _fraction(rows)
    table = rows.with_columns(**months, pro_rata_fraction=fraction)
    return table.select(list(DECISIONS)).cast(DECISIONS)  # type: ignore[arg-type]


def _months(units: pl.Series) -> pl.Series:
    """Month units as ``batch.decisions`` shows months, ``round(units / UNITS_PER_MONTH, 4)``, on
    integers: 2 x 10^4 x units (a multiple of 2^5) is never an odd multiple of 755,160 (exactly
    2^3 times an odd number), so no quotient is a tie and each lies at least 1 / 1,510,320 of a
    step of 10^-4 from one, beyond the float quotient's error (under 2 x 10^-8 of a step for
    careers under 10,000 months): rounding the exact quotient rounds the float alike. k / 10^4
    is then the float nearest the decimal, as ``round`` returns (numpy divides exactly; Polars
    would multiply by a rounded reciprocal)."""
    steps = (units.cast(pl.Int64) * 20_000 + UNITS_PER_MONTH) // (2 * UNITS_PER_MONTH)
    return pl.Series(units.name, steps.cast(pl.Float64).to_numpy() / 10_000.0, nan_to_null=True)


def _fraction(rows: pl.DataFrame) -> pl.Series:
    """The pro-rata fraction as an exact, reduced ``"n/d"`` (null where there is none)."""
    n = rows.get_column("fraction_n").to_numpy()
    d = rows.get_column("fraction_d").to_numpy()
    divisor = np.gcd(n, d)
    divisor[divisor == 0] = 1
    reduced = pl.DataFrame({"n": n // divisor, "d": d // divisor, "totalizes": rows.get_column("totalizes")})
    shown = pl.when(pl.col("totalizes")).then(pl.format("{}/{}", "n", "d"))
    return reduced.select(shown.alias("pro_rata_fraction")).get_column("pro_rata_fraction")
