"""Entitlement over every person at once (the columnar form of ``rules.institution.entitlement``
and ``rules.eligibility``): three-valued, a missing fact never a "no"."""

from typing import TypeVar

import polars as pl

from coordina.domain.provisions import TotalizationRule
from coordina.rules.periods import UNITS_PER_MONTH

Frame = TypeVar("Frame", pl.DataFrame, pl.LazyFrame)
"""A table, or a lazy query of one (the stages' columns fuse into the caller's query)."""


def all3(*values: pl.Expr) -> pl.Expr:
    """Three-valued AND (``rules.eligibility.all3``): False if any is False, else null if any is
    null, else True."""
    any_false = pl.any_horizontal([v.eq_missing(False) for v in values])
    any_null = pl.any_horizontal([v.is_null() for v in values])
    return pl.when(any_false).then(False).when(any_null).then(None).otherwise(True)


def meets(months: pl.Expr, needed: pl.Expr, reached: pl.Expr) -> pl.Expr:
    """``rules.eligibility.meets``: no or too few months is a definite no, then the age."""
    short = (months <= 0) | (needed.is_not_null() & (months < needed)).fill_null(False)
    return pl.when(short).then(False).otherwise(all3(pl.when(needed.is_null()).then(None).otherwise(True), reached))


def minimum_met(rules: list[TotalizationRule], country: str) -> pl.Expr:
    """``rules.eligibility.minimum_period``: the agreement's minimum own periods (and continuous
    ones), waived where the rule holds only for persons living abroad and the person lives there."""
    ok: pl.Expr = pl.lit(True)
    for rule in rules:
        waived = pl.lit(rule.minimum_only_when_residing_abroad) & (pl.col("residence") == country)
        checks = pl.lit(True)
        if rule.minimum_own_months is not None:
            checks = checks & (pl.col("own") >= rule.minimum_own_months * UNITS_PER_MONTH)
        if rule.minimum_own_continuous_months is not None:
            checks = checks & (pl.col("continuous") >= rule.minimum_own_continuous_months * UNITS_PER_MONTH)
        ok = ok & (waived | checks)
    return ok


def eligibility(table: Frame, rules: list[TotalizationRule], country: str) -> Frame:
    """``eligible_national``, ``eligible_totalized`` (null where the agreement does not totalize)
    and ``totalizes``; ``own``, ``foreign`` in month units, ``needed_units`` the qualifying period."""
    totalized = pl.col("own") + pl.col("foreign")
    national = meets(pl.col("own"), pl.col("needed_units"), pl.col("age_reached"))
    table = table.with_columns(totalized=totalized, eligible_national=national)
    gate = pl.when(pl.col("eligible_national").eq_missing(True)).then(True).otherwise(minimum_met(rules, country))
    with_agreement = all3(
        pl.col("own") > 0, meets(pl.col("totalized"), pl.col("needed_units"), pl.col("age_reached")), gate
    )
    return table.with_columns(
        totalizes=pl.lit(bool(rules)),
        eligible_totalized=with_agreement if rules else pl.lit(None, dtype=pl.Boolean),
    )
