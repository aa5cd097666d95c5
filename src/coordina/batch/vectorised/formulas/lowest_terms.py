"""Exact rationals of the kernel (``<name>_n`` / ``<name>_d`` 128-bit pairs) reduced to lowest
terms in columns, so that the products taken after them stay within 128 bits (the ``Fraction``
of the scalar engine reduces after every operation; a pair does not)."""

import polars as pl

STEPS = 8
"""Euclid's steps per pass over the rows not yet done (one query each)."""


def _step(a: pl.Expr, b: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    """(a, b) -> (b, a mod b) where b is not 0; (a, 0) stays."""
    going = b != 0
    rest = a % pl.when(going).then(b).otherwise(1)
    return pl.when(going).then(b).otherwise(a), pl.when(going).then(rest).otherwise(0)


def reduced(table: pl.DataFrame, name: str, above: int = 0) -> pl.DataFrame:
    """``table`` with the rational ``name`` (numerator not negative, denominator positive) in
    lowest terms where its denominator exceeds ``above`` (other rows as they are): Euclid's
    algorithm over the column, a few dozen steps for 128-bit values, ``STEPS`` at a time on
    the rows not yet done."""
    n, d = f"{name}_n", f"{name}_d"
    chosen = pl.col(d).is_not_null() & pl.col(n).is_not_null() & (pl.col(d) > above)
    if table.height == 0 or not table.select(chosen.any()).item():
        return table
    todo = table.with_row_index("_row").filter(chosen).select("_row", _a=pl.col(n), _b=pl.col(d))
    done = []
    while todo.height:
        query = todo.lazy()
        for _ in range(STEPS):
            a, b = _step(pl.col("_a"), pl.col("_b"))
            query = query.with_columns(_a=a, _b=b)
        todo = query.collect()
        finished = pl.col("_b") == 0
        done.append(todo.filter(finished).select("_row", "_a"))
        todo = todo.filter(~finished)
    gcd = pl.concat(done)
    found = table.with_row_index("_row").join(gcd, on="_row", how="left", maintain_order="left")
    divisor = pl.col("_a").fill_null(1)
    return found.with_columns(pl.col(n) // divisor, pl.col(d) // divisor).drop("_row", "_a")
