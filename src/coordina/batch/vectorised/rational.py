"""Exact rationals as pairs of 128-bit integer columns (``<name>_n`` / ``<name>_d``, the
denominator positive): amounts stay exact, as ``Fraction`` does in the scalar engine, until they
are rounded half-up to the currency's minor unit (``rules.money.to_money``)."""

from decimal import Decimal
from fractions import Fraction

import polars as pl

I128 = pl.Int128


def lit(value: Fraction | Decimal | int) -> tuple[pl.Expr, pl.Expr]:
    f = Fraction(value)
    return pl.lit(f.numerator, dtype=I128), pl.lit(f.denominator, dtype=I128)


def col(name: str) -> tuple[pl.Expr, pl.Expr]:
    return pl.col(f"{name}_n"), pl.col(f"{name}_d")


def of_units(units: pl.Expr, per: int) -> tuple[pl.Expr, pl.Expr]:
    """``units / per`` (e.g. month units over ``UNITS_PER_MONTH``)."""
    return units.cast(I128), pl.lit(per, dtype=I128)


def mul(a: tuple[pl.Expr, pl.Expr], b: tuple[pl.Expr, pl.Expr]) -> tuple[pl.Expr, pl.Expr]:
    return a[0] * b[0], a[1] * b[1]


def div(a: tuple[pl.Expr, pl.Expr], b: tuple[pl.Expr, pl.Expr]) -> tuple[pl.Expr, pl.Expr]:
    """``a / b`` for a positive ``b``."""
    return a[0] * b[1], a[1] * b[0]


def less(a: tuple[pl.Expr, pl.Expr], b: tuple[pl.Expr, pl.Expr]) -> pl.Expr:
    return a[0] * b[1] < b[0] * a[1]


def minimum(a: tuple[pl.Expr, pl.Expr], b: tuple[pl.Expr, pl.Expr]) -> tuple[pl.Expr, pl.Expr]:
    pick_a = ~less(b, a)
    return pl.when(pick_a).then(a[0]).otherwise(b[0]), pl.when(pick_a).then(a[1]).otherwise(b[1])


def choose(condition: pl.Expr, a: tuple[pl.Expr, pl.Expr], b: tuple[pl.Expr, pl.Expr]) -> tuple[pl.Expr, pl.Expr]:
    return pl.when(condition).then(a[0]).otherwise(b[0]), pl.when(condition).then(a[1]).otherwise(b[1])


def named(name: str, value: tuple[pl.Expr, pl.Expr]) -> list[pl.Expr]:
    return [value[0].alias(f"{name}_n"), value[1].alias(f"{name}_d")]


def null() -> tuple[pl.Expr, pl.Expr]:
    return pl.lit(None, dtype=I128), pl.lit(None, dtype=I128)


def minor_units(value: tuple[pl.Expr, pl.Expr], digits: pl.Expr) -> pl.Expr:
    """The value in minor units, half-up (``rules.money.to_money`` without a national rounding);
    values are never negative."""
    scale = pl.lit(10, dtype=I128).pow(digits.cast(pl.UInt32))
    n, d = value
    # the whole part first: only the remainder (below the denominator) is scaled, so nothing
    # overflows for any value whose numerator and denominator fit in 127 bits (Polars wraps silently)
    whole, rest = n // d, n % d
    return whole * scale + (2 * rest * scale + d) // (2 * d)


def as_float(minor: pl.Expr, digits: pl.Expr) -> pl.Expr:
    """Minor units as the amount (a float, as in ``batch.decisions``)."""
    return minor.cast(pl.Float64) / pl.lit(10.0).pow(digits.cast(pl.Float64))
