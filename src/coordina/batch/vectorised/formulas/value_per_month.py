"""ALG §23 over every person (``rules.formulas.value_per_month``): months x the increment per
month x the general pension value on the claim date."""

import polars as pl

from coordina.batch.vectorised import rational as q
from coordina.batch.vectorised.formulas.frames import Careers, dated_values
from coordina.domain.scheme import Scheme
from coordina.rules.periods import UNITS_PER_MONTH


def compute(careers: Careers, scheme: Scheme) -> pl.DataFrame:
    people = careers.people
    values = dated_values(scheme, ("increment_per_month", "pension_value"), people.get_column("claim_date").to_list())
    table = people.join(values, on="claim_date", how="left")
    months = q.of_units(pl.col("months"), UNITS_PER_MONTH)
    amount = q.mul(q.mul(months, q.col("increment_per_month")), q.col("pension_value"))
    return table.select("person", *q.named("amount", amount))
