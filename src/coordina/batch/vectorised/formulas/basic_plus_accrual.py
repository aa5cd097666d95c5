"""Argentina, SIPA old-age benefit over every person (``rules.formulas.basic_plus_accrual``):
Ley 24.241 arts. 17, 20, 24 and 30 as amended by Leyes 26.222 and 26.417.

    PBU (art. 20)  = ``pbu`` on the claim date x (1 + ``pbu_increment_per_year`` x the counted
                     years above ``pbu_base_years``, up to ``pbu_max_years``)
    PC  (art. 24)  = ``pc_rate`` x counted years before 15 July 1994 x the reference salary
    PAP (art. 30)  = ``pap_rate`` x counted years from 15 July 1994 x the reference salary
    amount         = PBU + PC + PAP, between ``minimum_amount`` and ``maximum_amount`` (Ley 26.417
                     arts. 8 and 9), a bound the scheme has but not on the claim date: no amount

In columns, exact in integers: the counted years (whole years, one more for a remainder above
six months, art. 24 a), in month units x 93 so that the 1994 split (6 months and 14/31 of a
full 1994 before 15 July; a part year shared 50/93) stays whole; the PBU and the accrual rate
as 128-bit rationals; the last ``reference_months`` months of own service from the most recent
year back (the earliest year reached pro rata), and the years whose earnings are missing.

The reference salary (art. 24 a: the average monthly earnings of those months, revalued where
the scheme has a ``revaluation_index``) sums years whose earnings carry unrelated denominators
(the days of each period's years), so that sum, and the amount built on it, are Python
``Fraction`` per person over the grouped chosen years; the amount is handed back as
``fraction_pairs.pair`` gives it.
"""

from fractions import Fraction
from typing import Any

import polars as pl

from coordina.batch.vectorised import rational as q
from coordina.batch.vectorised.formulas import fraction_pairs as fp
from coordina.batch.vectorised.formulas.frames import Careers, dated_values, yearly_table
from coordina.domain.scheme import Scheme
from coordina.rules.periods import UNITS_PER_MONTH

U = UNITS_PER_MONTH
SPLIT_YEAR = 1994
SPLIT = 93
"""The split's months are kept in month units x 93, where both shares are whole."""
FULL_YEAR_BEFORE = 600 * U
"""6 months and 14/31 (1 January to 14 July 1994) in month units x 93."""
NAMES = (
    "pbu",
    "pbu_increment_per_year",
    "pbu_base_years",
    "pbu_max_years",
    "max_years",
    "pc_rate",
    "pap_rate",
    "reference_months",
    "minimum_amount",
    "maximum_amount",
)


def counted_years(scaled: pl.Expr, scale: int = 1) -> pl.Expr:
    """Whole years of ``scaled`` month units (x ``scale``), plus one for a remainder of more
    than six months (art. 24 a)."""
    year = 12 * U * scale
    return scaled // year + (scaled % year > 6 * U * scale).cast(pl.Int64)


def split_units(years: pl.DataFrame) -> pl.DataFrame:
    """person, before, after: the months of service before 15 July 1994 (PC) and from that day
    (PAP), in month units x 93."""
    year, months = pl.col("year"), pl.col("months")
    sums = years.group_by("person").agg(
        months.filter(year < SPLIT_YEAR).sum().alias("b"),
        months.filter(year > SPLIT_YEAR).sum().alias("a"),
        months.filter(year == SPLIT_YEAR).sum().alias("s"),
    )
    full = pl.col("s") >= 12 * U
    return sums.select(
        "person",
        before=SPLIT * pl.col("b") + pl.when(full).then(FULL_YEAR_BEFORE).otherwise(50 * pl.col("s")),
        after=SPLIT * pl.col("a")
        + pl.when(full).then(SPLIT * pl.col("s") - FULL_YEAR_BEFORE).otherwise(43 * pl.col("s")),
    )


def basic_benefit(scheme: Scheme) -> fp.Pair:
    """The PBU with its increment per counted year above the base (art. 20); null where a
    figure it reads is not in force."""
    pbu = q.col("pbu")
    if "pbu_increment_per_year" not in scheme.parameters.values:
        return pbu
    extra = pl.max_horizontal(
        pl.min_horizontal(counted_years(pl.col("months")), fp.whole("pbu_max_years")) - fp.whole("pbu_base_years"),
        pl.lit(0),
    )
    factor = fp.add(q.lit(1), q.mul(q.col("pbu_increment_per_year"), fp.of_int(extra)))
    known = pl.all_horizontal(pl.col(f"{n}_n").is_not_null() for n in ("pbu_base_years", "pbu_max_years"))
    return q.choose(known, q.mul(pbu, factor), q.null())


def chosen_years(careers: Careers, people: pl.DataFrame) -> pl.DataFrame:
    """The own years of the last ``reference_months`` months, latest first: person, year,
    share_n / share_d (the year's share: 1, or the earliest year's part), earnings_n /
    earnings_d."""
    wanted_n, wanted_d = pl.col("reference_months_n"), pl.col("reference_months_d")
    own = (
        careers.years.filter(pl.col("own_months") > 0)
        .join(people.select("person", "reference_months_n", "reference_months_d"), on="person")
        .sort(["person", "year"], descending=[False, True])
        .with_columns(prev=pl.col("own_months").cum_sum().over("person") - pl.col("own_months"))
    )
    prev, months = pl.col("prev").cast(q.I128), pl.col("own_months").cast(q.I128)
    left = wanted_n * U - prev * wanted_d  # remaining months x U x wanted_d
    chosen = own.filter(prev * wanted_d < wanted_n * U)
    whole_year = left >= months * wanted_d
    return chosen.with_columns(
        share_n=pl.when(whole_year).then(pl.lit(1, dtype=q.I128)).otherwise(left),
        share_d=pl.when(whole_year).then(pl.lit(1, dtype=q.I128)).otherwise(months * wanted_d),
    )


def revaluation(scheme: Scheme, chosen: pl.DataFrame, people: pl.DataFrame) -> pl.DataFrame:
    """level_n / level_d of each chosen year and last_n / last_d of the year before the claim,
    where the scheme has a ``revaluation_index`` (a missing or zero level: null)."""
    if "revaluation_index" not in scheme.parameters.tables:
        return chosen.with_columns(**{c: pl.lit(1, dtype=q.I128) for c in ("level_n", "level_d", "last_n", "last_d")})
    table = yearly_table(scheme, "revaluation_index")
    level = table.filter(pl.col("value_n") != 0).rename({"value_n": "level_n", "value_d": "level_d"})
    last = table.rename({"year": "last_year", "value_n": "last_n", "value_d": "last_d"})
    claims = people.select("person", last_year=pl.col("claim_date").dt.year() - 1)
    return (
        chosen.join(level, on="year", how="left")
        .join(claims, on="person", how="left")
        .join(last, on="last_year", how="left")
    )


def compute(careers: Careers, scheme: Scheme) -> pl.DataFrame:
    people = careers.people
    values = dated_values(scheme, NAMES, people.get_column("claim_date").unique().to_list())
    table = people.join(values, on="claim_date", how="left").join(split_units(careers.years), on="person", how="left")
    table = table.with_columns(pl.col("before", "after").fill_null(0))
    top = fp.whole("max_years")
    pc_years = pl.min_horizontal(counted_years(pl.col("before"), SPLIT), top)
    pap_years = pl.min_horizontal(counted_years(pl.col("after"), SPLIT), top)
    rate = fp.add(
        q.mul(q.col("pc_rate"), fp.of_int(pc_years)),
        q.mul(q.col("pap_rate"), fp.of_int(pap_years)),
    )
    table = table.with_columns(
        *q.named("basic", basic_benefit(scheme)),
        *q.named("rate", rate),
        accrues=(pc_years + pap_years) > 0,
    ).join(careers.years.group_by("person").agg(own_units=pl.col("own_months").sum()), on="person", how="left")
    salaried = table.filter(pl.col("accrues") & pl.col("reference_months_n").is_not_null())
    chosen = revaluation(scheme, chosen_years(careers, salaried), salaried)
    grouped = chosen.group_by("person").agg(
        pl.col("earnings_n", "earnings_d", "share_n", "share_d", "level_n", "level_d"),
        pl.col("last_n", "last_d").first(),
    )
    table = table.join(grouped, on="person", how="left")
    strict = {n: n in scheme.parameters.values for n in ("minimum_amount", "maximum_amount")}
    read = table.select(
        "person", "accrues", "own_units", "earnings_n", "earnings_d", "share_n", "share_d", "level_n", "level_d",
        *(f"{n}_{part}" for n in ("basic", "rate", "max_years", "minimum_amount", "maximum_amount",
                                   "reference_months", "last") for part in "nd"),
    )  # fmt: skip
    return fp.amounts((row["person"], _amount(row, strict)) for row in read.iter_rows(named=True))


def _amount(row: dict[str, Any], strict: dict[str, bool]) -> Fraction | None:
    """PBU + PC + PAP for one person, bounded (``rules.formulas.basic_plus_accrual.compute``)."""
    basic, rate = (
        fp.fraction(row["basic_n"], row["basic_d"]),
        fp.fraction(row["rate_n"], row["rate_d"]),
    )
    if basic is None or rate is None or row["max_years_n"] is None:
        return None
    salary = _salary(row) if row["accrues"] else Fraction(0)
    if salary is None:
        return None
    bounds = []
    for name in ("minimum_amount", "maximum_amount"):
        bound = fp.fraction(row[f"{name}_n"], row[f"{name}_d"])
        if strict[name] and bound is None:
            return None  # a haber mínimo or máximo the scheme has, not on file that day
        bounds.append(bound)
    return fp.bounded(basic + salary * rate, bounds[0], bounds[1])


def _salary(row: dict[str, Any]) -> Fraction | None:
    """The reference salary (art. 24 a): the chosen years' earnings (revalued) over their months."""
    wanted = fp.fraction(row["reference_months_n"], row["reference_months_d"])
    if wanted is None:
        return None
    months = min(wanted, Fraction(row["own_units"] or 0, U))
    earnings = row["earnings_n"]
    if months == 0 or earnings is None:
        return None
    if any(n is None for n in earnings) or any(n is None for n in row["level_n"]) or row["last_n"] is None:
        return None  # a year's earnings (or its index level) missing
    # each year's earnings x its share x last level / its level, summed as integer pairs over the
    # product of their denominators (one reduction), the last level taken out of the sum
    total_n, total_d = 0, 1
    for n, d, sn, sd, ln, ld in zip(
        earnings, row["earnings_d"], row["share_n"], row["share_d"], row["level_n"], row["level_d"], strict=True
    ):
        term_n, term_d = n * sn * ld, d * sd * ln
        total_n, total_d = total_n * term_d + term_n * total_d, total_d * term_d
    return Fraction(total_n * row["last_n"], total_d * row["last_d"]) / months
