"""The kernel's answer as tables, with the fields of ``coordina compute --json`` (trace and the
caseworker's reasons excepted): one row per person (``PERSONS``), one per person and scheme
decided (``DECISIONS``), one per stretch of applicable legislation (``LEGISLATION``).

Months are numbers as in the JSON (exact fractions rounded to 4 places); the pro-rata fraction
is the exact ``"n/d"``; amounts are numbers in the scheme's currency (a float holds every amount
of the bundled currencies to the minor unit). ``decision_rows`` turns one scalar ``Decision``
into these rows: the fallback's output and the oracle's, in the same shape.
"""

from typing import Any

import polars as pl

from coordina.domain.decision import Decision, InstitutionDecision

PERSONS: dict[str, Any] = {
    "person": pl.Int64, "agreement": pl.Utf8, "version": pl.Utf8, "branch": pl.Utf8, "claim_date": pl.Date,
    "covered": pl.Boolean, "vectorised": pl.Boolean,
}  # fmt: skip
DECISIONS: dict[str, Any] = {
    "person": pl.Int64, "country": pl.Utf8, "scheme": pl.Utf8,
    "own_months": pl.Float64, "foreign_months": pl.Float64, "totalized_months": pl.Float64,
    "eligible_national": pl.Boolean, "eligible_totalized": pl.Boolean, "pro_rata_fraction": pl.Utf8,
    "independent_amount": pl.Float64, "theoretical_amount": pl.Float64, "pro_rata_amount": pl.Float64,
    "payable_amount": pl.Float64, "currency": pl.Utf8, "amount_period": pl.Utf8, "payable_abroad": pl.Boolean,
    "lump_sum_refund_available": pl.Boolean,
}  # fmt: skip
LEGISLATION: dict[str, Any] = {
    "person": pl.Int64, "start": pl.Date, "end": pl.Date, "country": pl.Utf8, "rule": pl.Utf8,
    "article": pl.Utf8, "reported_country": pl.Utf8, "version": pl.Utf8,
}  # fmt: skip

_MONTHS = ("own_months", "foreign_months", "totalized_months")
_AMOUNTS = ("independent_amount", "theoretical_amount", "pro_rata_amount", "payable_amount")


def decision_rows(
    person: int, decision: Decision, vectorised: bool = False
) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]:
    """The person's row, their scheme rows and their legislation rows, from a scalar decision."""
    head = {
        "person": person, "agreement": decision.agreement, "version": decision.version,
        "branch": decision.branch.value, "claim_date": decision.claim_date, "covered": decision.covered,
        "vectorised": vectorised,
    }  # fmt: skip
    schemes = [_scheme_row(person, d) for d in decision.decisions]
    legislation = [
        {"person": person, "start": p.start, "end": p.end, "country": p.country, "rule": p.rule,
         "article": p.article, "reported_country": p.reported_country, "version": p.version}
        for p in decision.applicable_legislation
    ]  # fmt: skip
    return head, schemes, legislation


def _scheme_row(person: int, d: InstitutionDecision) -> dict[str, Any]:
    row: dict[str, Any] = {"person": person, "country": d.country, "scheme": d.scheme}
    for name in _MONTHS:
        value = getattr(d, name)
        row[name] = None if value is None else round(float(value), 4)
    fraction = d.pro_rata_fraction
    row["pro_rata_fraction"] = None if fraction is None else f"{fraction.numerator}/{fraction.denominator}"
    for name in _AMOUNTS:
        value = getattr(d, name)
        row[name] = None if value is None else float(value)
    row.update(
        eligible_national=d.eligible_national, eligible_totalized=d.eligible_totalized, currency=d.currency,
        amount_period=d.amount_period, payable_abroad=d.payable_abroad,
        lump_sum_refund_available=d.lump_sum_refund_available,
    )  # fmt: skip
    return row


def tables(
    heads: list[dict[str, Any]], schemes: list[dict[str, Any]], legislation: list[dict[str, Any]]
) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """The three tables from rows (typed, in the column order above, even when empty)."""
    return _table(heads, PERSONS), _table(schemes, DECISIONS), _table(legislation, LEGISLATION)


def _table(rows: list[dict[str, Any]], schema: dict[str, Any]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=schema, orient="row") if rows else pl.DataFrame(schema=schema)
