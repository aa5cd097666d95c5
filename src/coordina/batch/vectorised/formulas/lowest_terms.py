"""Exact rationals of the kernel (``<name>_n`` / ``<name>_d`` 128-bit pairs) reduced to lowest
terms in columns, so that the products taken after them stay within 128 bits (the ``Fraction``
of the scalar engine reduces after every operation; a pair does not)."""

import polars as pl


def reduced(table: pl.DataFrame, name: str, above: int = 0) -> pl.DataFrame:
    """``table`` with the rational ``name`` (numerator not negative, denominator positive) in
    lowest terms where its denominator exceeds ``above`` (other rows as they are): Euclid's
    algorithm over the column, a few dozen steps for 128-bit values, each step on the rows not
    yet done."""
    n, d = f"{name}_n", f"{name}_d"
    chosen = pl.col(d).is_not_null() & pl.col(n).is_not_null() & (pl.col(d) > above)
    work = table.with_row_index("_row").with_columns(_a=pl.col(n), _b=pl.col(d))
    todo, rest = work.filter(chosen), work.filter(~chosen.fill_null(False))
    done = []
    while todo.height:
        todo = todo.with_columns(_a=pl.col("_b"), _b=pl.col("_a") % pl.col("_b"))
        finished = pl.col("_b") == 0
        done.append(todo.filter(finished))
        todo = todo.filter(~finished)
    gcd = (
        pl.concat(done).with_columns((pl.col(n) // pl.col("_a")).alias(n), (pl.col(d) // pl.col("_a")).alias(d))
        if done
        else work.clear()
    )
    return pl.concat([rest, gcd]).sort("_row").drop("_row", "_a", "_b")
