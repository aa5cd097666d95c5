"""Helpers of the earnings formulas whose averages leave 128 bits (``basic_plus_accrual``,
``replacement_rate``): rational sums in columns, and the step back from a Python ``Fraction``
to the kernel's 128-bit pair.

An average of revalued earnings over many years is a sum of ratios with unrelated denominators
(the index levels, the days of each period's years): exact only as a ``Fraction``, which those
formulas keep per person over a small grouped table. The amount is handed back as its exact
pair where the pair leaves room for the pro-rata fraction and the rounding to the minor unit
(``batch.vectorised.amounts``: numerator x month units x 2 x 10^digits < 2^127); a larger one
(hundreds of bits, e.g. Uruguay's 16-digit index levels) is floored to a multiple of 10^-k, k at
least 4 and as large as the room allows (18 for an amount of ten million). Every half minor unit
(up to three digits) is such a multiple, so the half-up rounding of the floored amount is that of
the exact one; a pro-rata share of it can differ only within 10^-k x the share of a half minor
unit, which an amount with so large a denominator never reaches exactly (an exact tie needs a
denominator dividing 2 x 10^digits x the month units).
"""

from collections.abc import Iterable
from fractions import Fraction

import polars as pl

from coordina.batch.vectorised import rational as q

Pair = tuple[pl.Expr, pl.Expr]
ROOM = 1 << 85
"""The largest numerator and denominator passed on (2^85 x 2^30 month units x 2 x 10^3 < 2^127)."""


_TENS = [10**k for k in range(128)]
"""10^k for every k below 128 (10^127 x any positive amount exceeds ``ROOM``)."""


def pair(value: Fraction) -> tuple[int, int]:
    """``value`` (not negative) as (numerator, denominator): exact where both fit ``ROOM``, else
    floored to the finest multiple of 10^-k (k >= 4) whose numerator fits."""
    n, d = value.numerator, value.denominator
    if n < ROOM and d < ROOM:
        return n, d
    digits, room = 4, ROOM * d
    while n * _TENS[digits + 1] < room:  # value x 10^(digits + 1) < ROOM, in integers
        digits += 1
    return n * _TENS[digits] // d, _TENS[digits]


def add(a: Pair, b: Pair) -> Pair:
    return a[0] * b[1] + b[0] * a[1], a[1] * b[1]


def sub(a: Pair, b: Pair) -> Pair:
    return a[0] * b[1] - b[0] * a[1], a[1] * b[1]


def of_int(value: pl.Expr) -> Pair:
    return value.cast(q.I128), pl.lit(1, dtype=q.I128)


def whole(name: str) -> pl.Expr:
    """The integer part of a non-negative dated value (``int(Decimal)``)."""
    return (pl.col(f"{name}_n") // pl.col(f"{name}_d")).cast(pl.Int64)


def fraction(n: int | None, d: int | None) -> Fraction | None:
    return None if n is None or d is None else Fraction(n, d)


def amounts(rows: Iterable[tuple[int, Fraction | None]]) -> pl.DataFrame:
    """person, amount_n, amount_d from (person, amount or None)."""
    out: dict[str, list[int | None]] = {"person": [], "amount_n": [], "amount_d": []}
    for person, amount in rows:
        n, d = pair(amount) if amount is not None else (None, None)
        out["person"].append(person)
        out["amount_n"].append(n)
        out["amount_d"].append(d)
    return pl.DataFrame(out, schema={"person": pl.Int64, "amount_n": q.I128, "amount_d": q.I128})


def bounded(amount: Fraction, low: Fraction | None, high: Fraction | None) -> Fraction:
    """``Reading.bounded``: raised to ``low``, then limited to ``high``, where given."""
    if low is not None and amount < low:
        amount = low
    if high is not None and amount > high:
        amount = high
    return amount


SUM_BITS = 120
"""A group's sum is exact in 128 bits where log2 of (its common denominator x its largest term x
its number of terms) stays below this (the float estimate is off by far less than the margin)."""


def _log2(value: pl.Expr) -> pl.Expr:
    return value.cast(pl.Float64).abs().log(2)


def group_sums(rows: pl.LazyFrame, by: str, name: str, out: str, bits: int = SUM_BITS) -> pl.LazyFrame:
    """Per ``by``: ``<out>_n`` / ``<out>_d`` = the sum of the rationals ``name`` (numerators not
    negative, denominators positive, no nulls) over one common denominator: the largest of the
    group's denominators where it is a multiple of every other; else, where the smallest
    divides every other, the smallest x the product of the distinct quotients; else the product
    of the distinct denominators. ``<out>_ok`` false (and no sum) where the sum or its
    denominator could reach 2^``bits`` (at most ``SUM_BITS``), for the caller to compute
    otherwise. Not reduced (``lowest_terms.reduced`` does that)."""
    n, d = pl.col(f"{name}_n"), pl.col(f"{name}_d")
    top, low = d.max(), d.min()
    common = rows.group_by(by).agg(
        _divides=(top % d == 0).all(),
        _top=top,
        _by_low=(d % low == 0).all(),
        _low=low,
        # these products wrap where too large: then not used (not ok)
        _quotients=(d // low).unique().product(),
        _product=d.unique().product(),
        _quotient_bits=_log2(d // low).unique().sum(),
        _product_bits=_log2(d.unique()).sum(),
        _term_bits=(_log2(n) - _log2(d)).max(),
        _count=pl.len(),
    )
    size = (
        pl.when(pl.col("_divides"))
        .then(_log2(pl.col("_top")))
        .when(pl.col("_by_low"))
        .then(_log2(pl.col("_low")) + pl.col("_quotient_bits"))
        .otherwise(pl.col("_product_bits"))
    )
    common = common.with_columns(
        _common=pl.when(pl.col("_divides"))
        .then(pl.col("_top"))
        .when(pl.col("_by_low"))
        .then(pl.col("_low") * pl.col("_quotients"))
        .otherwise(pl.col("_product")),
        _ok=size + pl.col("_term_bits").clip(lower_bound=0) + _log2(pl.col("_count")) + 1 < bits,
    )
    terms = rows.join(common.filter(pl.col("_ok")).select(by, "_common"), on=by)
    sums = terms.group_by(by).agg(
        (n * (pl.col("_common") // d)).sum().alias(f"{out}_n"), pl.col("_common").first().alias(f"{out}_d")
    )
    return common.select(by, pl.col("_ok").alias(f"{out}_ok")).join(sums, on=by, how="left")
