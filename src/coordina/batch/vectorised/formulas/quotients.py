"""Exact steps the 128-bit rationals of ``batch.vectorised.rational`` cannot always hold (used
by the French and last-salaries formulas and the validation of periods by earnings).

``floor_ratio``: the floor of a quotient of two rationals, in 128-bit integers where the cross
products fit (every part below ``SAFE``), else in Python integers for those rows only (a year of
several periods has a long earnings denominator).

``as_pair``: a Python ``Fraction`` (an amount a formula kept exact over many years, e.g. through
a product of yearly revaluation coefficients) as the pair the kernel carries: exact where the
denominator is at most ``SCALE``, else floored to a multiple of ``1/SCALE``. Flooring keeps the
half-up rounding to the minor unit exact (half a minor unit is a multiple of ``1/SCALE``, so
the floored value reaches it exactly when the exact value does); ``SCALE`` leaves room for the
kernel's products (a pro-rata fraction in month units, the comparison of two amounts).
"""

from collections.abc import Iterable
from fractions import Fraction

import polars as pl

from coordina.batch.vectorised import rational as q

SAFE = 10**18
SCALE = 10**12


def floor_ratio(table: pl.DataFrame, a: tuple[str, str], b: tuple[str, str], name: str) -> pl.DataFrame:
    """``table`` with ``name`` = floor(a / b) (a not negative, b positive; null where a part is null)."""
    parts = [pl.col(c) for c in (*a, *b)]
    known = pl.all_horizontal(p.is_not_null() for p in parts)
    small = pl.all_horizontal(p.abs() < SAFE for p in parts)
    fast = (pl.col(a[0]) * pl.col(b[1])) // (pl.col(a[1]) * pl.col(b[0]))
    table = table.with_columns(pl.when(known & small).then(fast).alias(name))
    big = table.with_row_index("_row").filter(known & ~small.fill_null(False))
    if big.height == 0:
        return table
    columns = [big.get_column(c).to_list() for c in (*a, *b)]
    values = [(an * bd) // (ad * bn) for an, ad, bn, bd in zip(*columns, strict=True)]
    found = pl.DataFrame({"_row": big.get_column("_row"), "_big": pl.Series(values, dtype=q.I128)})
    table = table.with_row_index("_row").join(found, on="_row", how="left")
    return table.with_columns(pl.coalesce(name, "_big").alias(name)).drop("_row", "_big")


def as_pair(value: Fraction) -> tuple[int, int]:
    """``value`` (not negative) as (numerator, denominator) within 128-bit products."""
    if value.denominator <= SCALE:
        return value.numerator, value.denominator
    return value.numerator * SCALE // value.denominator, SCALE


def amounts(found: Iterable[tuple[int, Fraction | None]]) -> pl.DataFrame:
    """person, amount_n, amount_d from (person, exact amount or None)."""
    rows = [(person, *(as_pair(v) if v is not None else (None, None))) for person, v in found]
    return pl.DataFrame(rows, schema={"person": pl.Int64, "amount_n": q.I128, "amount_d": q.I128}, orient="row")
