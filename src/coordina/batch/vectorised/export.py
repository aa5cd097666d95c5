"""Export and the lump-sum refund over every person at once (the columnar form of
``rules.export.export`` and ``rules.equality.lump_sum_refund``)."""

from datetime import date
from typing import Any

import polars as pl

from coordina.batch.vectorised.entitlement import all3
from coordina.batch.vectorised.facts import per_date
from coordina.domain.agreement import Agreement
from coordina.domain.provisions import ExportRuleKind
from coordina.domain.scheme import ExportKind, Scheme
from coordina.domain.vocabulary import Branch, Principle
from coordina.rules.eligibility import exact_months
from coordina.rules.export import provision_for
from coordina.rules.periods import UNITS_PER_MONTH

_NATIONAL_KINDS = {ExportKind.unrestricted: True, ExportKind.proportional: True, ExportKind.none: False}

EXPORT_FACTS: dict[str, Any] = {
    "national_export": pl.Boolean,
    "national_export_known": pl.Boolean,
    "national_export_units": pl.Int64,
    "refund": pl.Utf8,
    "refund_units": pl.Int64,
}


def export_facts(scheme: Scheme, dates: list[date]) -> pl.DataFrame:
    """National law's export rule and lump-sum refund on each claim date."""

    def fact(day: date) -> dict[str, Any]:
        value = scheme.parameters.export.at(day) if scheme.parameters.export else None
        known, payable, units = value is not None, None, None
        if value is not None:
            rule = value.value
            if rule.kind is ExportKind.minimum_period and rule.minimum_period is not None:
                needed = exact_months(rule.minimum_period)
                units = -1 if needed is None else int(needed * UNITS_PER_MONTH)
            else:
                payable = _NATIONAL_KINDS.get(rule.kind)
        refund = scheme.parameters.lump_sum_refund.at(day) if scheme.parameters.lump_sum_refund else None
        refund_kind, refund_units = None, None
        if refund is not None:
            value_ = refund.value
            refund_kind = "none" if not value_.available else ("nationals" if value_.nationals_only else "all")
            if value_.when_less_than is not None:
                limit = exact_months(value_.when_less_than)
                refund_units = -1 if limit is None else int(limit * UNITS_PER_MONTH)
        return {
            "national_export": payable,
            "national_export_known": known,
            "national_export_units": units,
            "refund": refund_kind,
            "refund_units": refund_units,
        }

    return per_date(dates, fact, EXPORT_FACTS)


def payable_abroad(agreement: Agreement, scheme: Scheme, branch: Branch) -> pl.Expr:
    """``rules.export.export``: the agreement's provision where the person lives in a party, else
    national law. ``own_served``: the own units served (before any validation by earnings, as
    the counted own days); ``own_since``: those from the provision's date."""
    provision = provision_for(agreement, scheme, branch)
    national = (
        pl.when(~pl.col("national_export_known"))
        .then(None)
        .when(pl.col("national_export_units").is_not_null())
        .then(
            pl.when(pl.col("national_export_units") < 0)
            .then(None)
            .otherwise(pl.col("own_served") >= pl.col("national_export_units"))
        )
        .otherwise(pl.col("national_export"))
    )
    if provision is None or provision.rule is ExportRuleKind.national_law:
        return national
    conditions = []
    if provision.minimum_totalized_months is not None:
        conditions.append(pl.col("totalized") >= provision.minimum_totalized_months * UNITS_PER_MONTH)
    if provision.minimum_own_months is not None:
        conditions.append(pl.col("own_since") >= provision.minimum_own_months * UNITS_PER_MONTH)
    by_agreement = all3(*conditions) if conditions else pl.lit(True)
    return pl.when(pl.col("residence").is_in(list(agreement.parties))).then(by_agreement).otherwise(national)


def lump_sum_refund(agreement: Agreement, scheme: Scheme) -> pl.Expr:
    """``rules.equality.lump_sum_refund`` (equality of treatment sets aside a nationality condition)."""
    equality = any(p.principle is Principle.equality_of_treatment for p in agreement.principles)
    national_of_party = pl.col("nationality").eq_missing(scheme.country.split("-")[0])
    available = (
        pl.when(pl.col("refund").is_null())
        .then(None)
        .when(pl.col("refund") == "none")
        .then(False)
        .when((pl.col("refund") == "nationals") & ~national_of_party & pl.lit(not equality))
        .then(False)
        .otherwise(True)
    )
    below = pl.when(pl.col("refund_units") < 0).then(None).otherwise(pl.col("own") < pl.col("refund_units"))
    limited = (
        pl.when(below.eq_missing(False) | available.eq_missing(False))
        .then(False)
        .when(below.is_null())
        .then(None)
        .otherwise(available)
    )
    return (
        pl.when(pl.col("refund").is_null())
        .then(None)
        .when(pl.col("refund_units").is_null())
        .then(available)
        .otherwise(limited)
    )
