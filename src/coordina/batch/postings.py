"""Contributions no longer paid for posted workers (issue 13 item 3): where the agreement's posting
rule keeps a worker under the sending State's legislation while the work is done in the other
party, the host State's scheme no longer collects its contributions on that work.

A stretch of applicable legislation whose rule is ``posting`` (``country``: the sending State whose
law applies; ``reported_country``: the host, where the work is done) is matched with the employment
period it comes from (same person, reported in the host, covering the stretch); the period's
earnings are shared by days to the stretch, and each calendar year of the stretch in the horizon is
assessed, in the host's currency (converted through the euro at the year's rates), under each of
the host's schemes in the agreement's material scope that has contribution rates
(``rules.contributions.contributions_due``: rates, ceiling, exemption, employee and employer).
A stretch whose earnings or rates are not known counts as unknown, never as zero.
Pure: tables and rates in, rows out.
"""

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import polars as pl

from coordina.domain.case import Period, YearEarnings
from coordina.domain.quantities import Money
from coordina.domain.scheme import Scheme
from coordina.domain.vocabulary import PeriodKind
from coordina.rules.contributions import contributions_due

POSTING = "posting"
CONTRIBUTIONS: dict[str, Any] = {
    "party": pl.Utf8,
    "scheme": pl.Utf8,
    "currency": pl.Utf8,
    "year": pl.Int64,
    "person": pl.Int64,
    "contributions": pl.Decimal(38, 6),
    "employee": pl.Decimal(38, 6),
    "employer": pl.Decimal(38, 6),
    "known": pl.Boolean,
}
"""One row per host scheme, year and posted person: what the host no longer collects."""

Converter = Callable[[Decimal, str, str, int], Decimal | None]
"""(amount, from currency, to currency, year) -> amount, or None where a rate is missing."""


def posted_stretches(legislation: pl.DataFrame, periods: pl.DataFrame, years: tuple[int, int]) -> pl.DataFrame:
    """The posting stretches overlapping the horizon, each with its period's earnings and currency,
    the period's days and the sending State."""
    stretches = legislation.filter(
        (pl.col("rule") == POSTING) & (pl.col("end").dt.year() >= years[0]) & (pl.col("start").dt.year() <= years[1])
    ).select("person", "start", "end", pl.col("country").alias("sender"), pl.col("reported_country").alias("host"))
    work = periods.filter(pl.col("kind") == "employment").select(
        "person",
        pl.col("country").alias("host"),
        pl.col("start").alias("period_start"),
        pl.col("end").alias("period_end"),
        "earnings",
        "currency",
    )
    return (
        stretches.join(work, on=["person", "host"], how="inner")
        .filter((pl.col("period_start") <= pl.col("start")) & (pl.col("end") <= pl.col("period_end")))
        .unique(["person", "start", "end"], keep="first", maintain_order=True)
        .sort("person", "start")
    )


def contributions_saved(
    stretches: pl.DataFrame,
    host_schemes: Mapping[str, Sequence[Scheme]],
    host_currency: Callable[[str, int], str | None],
    convert: Converter,
    years: tuple[int, int],
) -> pl.DataFrame:
    """Per host scheme, calendar year and person: the contributions due on the stretch's earnings of
    that year (``CONTRIBUTIONS``). A host with no scheme holding contribution rates gives one unknown
    row per stretch year (``scheme`` null)."""
    rows: list[dict[str, Any]] = []
    for s in stretches.iter_rows(named=True):
        period_days = (s["period_end"] - s["period_start"]).days + 1
        for year in range(max(s["start"].year, years[0]), min(s["end"].year, years[1]) + 1):
            start, end = max(s["start"], date(year, 1, 1)), min(s["end"], date(year, 12, 31))
            currency = host_currency(s["host"], year)
            earned = _share(s["earnings"], (end - start).days + 1, period_days)
            converted = (
                convert(earned, s["currency"], currency, year)
                if earned is not None and s["currency"] and currency
                else None
            )
            schemes = host_schemes.get(s["host"], [])
            if not schemes:
                rows.append(_row(s["host"], None, currency, year, s["person"], None, None))
                continue
            for scheme in schemes:
                if converted is None or currency is None:
                    rows.append(_row(s["host"], scheme.id, currency, year, s["person"], None, None))
                    continue
                period = Period(
                    country=s["host"],
                    kind=PeriodKind.employment,
                    start=start,
                    end=end,
                    earnings_by_year=[YearEarnings(year=year, amount=Money(amount=converted, currency=currency))],
                )
                due = contributions_due(scheme, period)[0]
                rows.append(_row(s["host"], scheme.id, currency, year, s["person"], due.employee, due.employer))
    if not rows:
        return pl.DataFrame(schema=CONTRIBUTIONS)
    return pl.DataFrame(rows, schema=CONTRIBUTIONS, orient="row")


def _share(earnings: Any, days: int, period_days: int) -> Decimal | None:
    if earnings is None:
        return None
    return (Decimal(earnings) * days / period_days).quantize(Decimal(1), rounding=ROUND_HALF_UP)


def _row(
    party: str,
    scheme: str | None,
    currency: str | None,
    year: int,
    person: int,
    employee: Decimal | None,
    employer: Decimal | None,
) -> dict[str, Any]:
    known = employee is not None and employer is not None
    total = (employee or Decimal(0)) + (employer or Decimal(0)) if known else None
    return {
        "party": party,
        "scheme": scheme,
        "currency": currency,
        "year": year,
        "person": person,
        "contributions": total,
        "employee": employee,
        "employer": employer,
        "known": known,
    }
