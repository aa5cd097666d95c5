"""Periods validated by earnings over every person at once (the columnar form of
``rules.validation.validated_counting``): where a scheme's unit is earned rather than served
(French quarters: CSS R351-9, one quarter per 150 hours at the hourly SMIC, 200 before 2014, at
most four a year), each own calendar year whose earnings the case gives counts the months its
earnings validate, for entitlement and for the pro-rata ratio; a year without earnings keeps the
months served; the other parties' months of a year leave room for at most 12 in it. A person
whose own periods give no earnings at all keeps the months served.

Only the own months change (so the totalized months, eligibility and the pro-rata fraction
follow); the own days, the continuous months and the foreign months are those served. The
scalar engine reads the own spells after an age window that limits qualification; the kernel
reads them before it (``Counted.mine``): the same for the schemes that validate periods, which
have no such window.
"""

from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import date

import polars as pl

from coordina.batch.vectorised import careers
from coordina.batch.vectorised.counting import Counted
from coordina.batch.vectorised.facts import per_date
from coordina.batch.vectorised.formulas import fr_quarters
from coordina.domain.scheme import Scheme
from coordina.rules.formulas import FORMULAS
from coordina.rules.formulas import fr_quarters as scalar_fr_quarters
from coordina.rules.formulas.career import Validate
from coordina.rules.money import legal_tender
from coordina.rules.periods import UNITS_PER_MONTH

Quarters = Callable[[pl.DataFrame, Scheme], pl.DataFrame]

VECTORISED: Mapping[Validate, Quarters] = {scalar_fr_quarters.validated_months: fr_quarters.quarters}
"""The scalar ``validated_months`` functions done here, with their columnar quarters."""


def vectorised(validate: Validate) -> bool:
    return validate in VECTORISED


def _validation(scheme: Scheme, day: date) -> Validate | None:
    parameter = scheme.parameters.benefit_formula
    formula = parameter.at(day) if parameter else None
    national = FORMULAS.get(formula.value.kind) if formula else None
    return national.validated_months if national else None


def validated(counted: Counted, periods: pl.DataFrame, claims: pl.DataFrame, scheme: Scheme) -> Counted:
    """``counted`` with the own months of the years validated by earnings. ``periods``: person,
    index, period_start, period_end, earnings, currency; ``claims``: person, claim_date."""
    dates = claims.get_column("claim_date").unique().to_list()
    by_date = {day: _validation(scheme, day) for day in dates}
    found = []
    for validate in {v for v in by_date.values() if v is not None and vectorised(v)}:
        done = [day for day, v in by_date.items() if v is validate]
        found.append(_credited(counted, periods, claims.filter(pl.col("claim_date").is_in(done)), scheme, validate))
    if not found:
        return counted
    own_units = pl.concat(found)
    months = (
        counted.months.join(own_units, on="person", how="left")
        .with_columns(own=pl.coalesce("validated", "own"))
        .drop("validated")
    )
    return replace(counted, months=months)


def _credited(
    counted: Counted, periods: pl.DataFrame, claims: pl.DataFrame, scheme: Scheme, validate: Validate
) -> pl.DataFrame:
    """person, validated: the own units credited, for the people whose own years give earnings."""
    people = claims.select("person", "claim_date").join(
        counted.own_days.select("person").unique(), on="person", how="semi"
    )
    if people.height == 0:
        return pl.DataFrame(schema={"person": pl.Int64, "validated": pl.Int64})
    dates = people.get_column("claim_date").unique().to_list()
    tender = {"scheme_currency": pl.Utf8}
    currency = per_date(dates, lambda day: {"scheme_currency": legal_tender(scheme.country, day)}, tender)
    keyed = people.join(currency, on="claim_date", how="left")
    own = careers.own_career(
        counted.own_days.join(people, on="person", how="semi"),
        counted.mine.join(people, on="person", how="semi"),
        periods.join(people, on="person", how="semi"),
        keyed.select("person", "scheme_currency"),
    )
    earning = own.filter(pl.col("earnings_n").is_not_null()).select("person").unique()
    years = own.join(earning, on="person", how="semi").with_columns(own_months=pl.col("months"))
    years = VECTORISED[validate](years.join(people, on="person"), scheme)
    foreign_days = counted.foreign_days.join(earning, on="person", how="semi").select("person", "start", "end")
    foreign = careers.months_by_year(foreign_days).rename({"months": "foreign"})
    years = years.join(foreign, on=["person", "year"], how="left")
    room = 12 * UNITS_PER_MONTH - pl.col("foreign").fill_null(0)
    credited = (
        pl.when(pl.col("earnings_n").is_not_null())
        .then(pl.min_horizontal(3 * UNITS_PER_MONTH * pl.col("quarters"), room))
        .otherwise(pl.col("months"))
    )
    return years.group_by("person").agg(credited.sum().alias("validated"))
