"""The vectorised rules of the batch kernel: columnar expressions over every person at once.

``routes`` says, per person, whether every rule their case needs is vectorised here (null) or
which one is not (the reason their case falls back to the scalar engine); ``decide`` decides
the routed people. What is vectorised so far:

- entry into force (the agreement applies to claims from ``in_force``) and material scope (the
  branch is coordinated): a claim outside either is not covered, with no scheme decided.
"""

from collections.abc import Mapping, Sequence

import polars as pl

from coordina.batch.decisions import tables
from coordina.domain.agreement import Agreement
from coordina.domain.scheme import Scheme
from coordina.domain.vocabulary import Branch
from coordina.rules import scope as scalar_scope

NOT_VECTORISED = "the rules of a covered claim (personal scope onwards)"


def routes(
    periods: pl.DataFrame, claims: pl.DataFrame, agreement: Agreement, schemes: Mapping[str, Scheme]
) -> pl.DataFrame:
    """``person`` and ``fallback``: null where the person is decided here, else the reason."""
    return claims.select(
        "person", pl.when(_covered_so_far(claims, agreement)).then(pl.lit(NOT_VECTORISED)).otherwise(None)
        .alias("fallback"),
    )  # fmt: skip


def decide(
    periods: pl.DataFrame,
    claims: pl.DataFrame,
    agreement: Agreement,
    schemes: Mapping[str, Scheme],
    earlier: Sequence[Agreement],
) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """The decisions of people ``routes`` sent here."""
    persons, decisions, legislation = tables([], [], [])
    covered = claims.with_columns(covered=_covered_so_far(claims, agreement))
    persons = covered.select(
        "person",
        pl.lit(agreement.version_of or agreement.id).alias("agreement"),
        pl.lit(agreement.id if agreement.version else None, dtype=pl.Utf8).alias("version"),
        "branch", "claim_date", "covered", pl.lit(True).alias("vectorised"),
        pl.lit(None, dtype=pl.Utf8).alias("problem"),
    )  # fmt: skip
    return persons, decisions, legislation


def _covered_so_far(claims: pl.DataFrame, agreement: Agreement) -> pl.Expr:
    """Entry into force (scope.entry_into_force) and material scope (scalar_scope.benefit_entries)."""
    branches = [b.value for b in Branch if scalar_scope.benefit_entries(agreement, b)]
    in_force = agreement.in_force
    applies = pl.lit(False) if in_force is None else pl.col("claim_date") >= pl.lit(in_force)
    return applies & pl.col("branch").is_in(branches)
