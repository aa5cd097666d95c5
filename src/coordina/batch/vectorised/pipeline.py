"""The vectorised decision, stage by stage, in the engine's order of reasoning
(``rules.engine.compute`` and ``rules.institution.decide``)."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import polars as pl

from coordina.batch.decisions import DECISIONS
from coordina.batch.vectorised import (
    ages,
    amounts,
    average_earnings,
    careers,
    counting,
    entitlement,
    export,
    facts,
    formulas,
    legislation,
    scope,
    validation,
)
from coordina.batch.vectorised import rational as q
from coordina.batch.vectorised.formulas import VECTORISED
from coordina.batch.vectorised.intervals import clip, intersect, units
from coordina.domain.agreement import Agreement
from coordina.domain.scheme import BenefitFormulaKind, Scheme
from coordina.domain.vocabulary import Branch
from coordina.rules import scope as scalar_scope
from coordina.rules.engine import _schemes_in_scope
from coordina.rules.export import provision_for

REFUSED = "a case the engine refuses (overlapping periods that disagree, or an unknown currency)"


DECIDED = [
    *(c for c in DECISIONS if c not in ("own_months", "foreign_months", "totalized_months", "pro_rata_fraction")),
    *("own", "foreign", "totalized", "fraction_n", "fraction_d", "totalizes", "age_fallback", "amount_fallback"),
]
"""The columns of a scheme's rows that the decision reads (``batch.vectorised.decide``): those of
``batch.decisions.DECISIONS`` but the months and the fraction, the units and the fraction's
terms they are shown from, and why a person falls back."""


@dataclass(frozen=True)
class Stages:
    persons: pl.DataFrame
    """person, claim facts, covered, fallback (why the person goes to the scalar engine, or null)."""
    legislation: pl.DataFrame
    schemes: pl.DataFrame
    """One row per person and scheme decided (``DECIDED``)."""


ORDER = ("person", "start", "end", "kind", "country")
"""The order of each person's periods in their case (``batch.kernel.decide`` sorts them so)."""


def prepared(periods: pl.DataFrame) -> pl.DataFrame:
    """The periods in ``ORDER`` (sorted here unless they come so), with their position in the
    case and their original days."""
    if not _in_order(periods):
        periods = periods.sort(*ORDER, maintain_order=True)
    row = pl.int_range(pl.len(), dtype=pl.Int64)
    first = pl.col("person") != pl.col("person").shift(1)  # the person's first row
    first_row = pl.when(first.fill_null(True)).then(row).forward_fill()
    return periods.with_columns(index=row - first_row, period_start=pl.col("start"), period_end=pl.col("end"))


def _in_order(periods: pl.DataFrame) -> bool:
    """Whether each row comes after the one before it in ``ORDER`` (one pass, no sort)."""
    after: pl.Expr = pl.lit(True)
    for name in reversed(ORDER):
        now, before = pl.col(name), pl.col(name).shift(1)
        after = (now > before) | ((now == before) & after)
    return bool(periods.select(after.fill_null(True).all()).item())


def stages(
    periods: pl.DataFrame,
    claims: pl.DataFrame,
    agreement: Agreement,
    schemes: Mapping[str, Scheme],
    earlier: Sequence[Agreement],
    branch: Branch = Branch.old_age,
) -> Stages:
    """Every stage for the claims of one branch."""
    rows = prepared(periods)
    refused = scope.contradictions(rows).get_column("person").to_list()
    people = rows.filter(pl.col("index") == 0).select("person", "birth_date", "sex", "nationality", "residence")
    people = claims.join(people, on="person", how="left")
    in_scope = scope.personal_scope(rows, agreement)
    people = people.join(in_scope, on="person", how="left").with_columns(
        covered=scope.claim_in_scope(agreement) & pl.col("in_personal_scope").fill_null(False)
    )
    covered = people.filter(pl.col("covered"))
    rows = rows.join(covered.select("person"), on="person", how="semi")
    law = legislation.applicable_legislation(rows, agreement, earlier)
    entries = scalar_scope.benefit_entries(agreement, branch)
    in_scope_schemes = _schemes_in_scope(entries, schemes)
    decided = _decided_schemes(entries, schemes)
    dates = covered.get_column("claim_date").unique().sort().to_list()  # the distinct claim dates
    spells_earnings = rows.select("person", "index", "period_start", "period_end", "earnings", "currency")
    attribution = counting.Attribution(law.spells, covered, in_scope_schemes)
    per_scheme = []
    for scheme in decided:
        per_scheme.append(
            _scheme_stages(covered, law.spells, attribution, spells_earnings, scheme, agreement, branch, dates)
        )
    schemes_table = pl.concat(per_scheme, how="diagonal_relaxed") if per_scheme else pl.DataFrame()
    conflicted = law.conflicted.get_column("person").to_list()
    reasons: list[pl.Expr] = [
        pl.when(pl.col("person").is_in(refused)).then(pl.lit(REFUSED)),
        pl.when(pl.col("person").is_in(conflicted)).then(pl.lit("exceptions that conflict")),
    ]
    if per_scheme:
        why = pl.coalesce("age_fallback", "amount_fallback").alias("scheme_fallback")
        flagged = schemes_table.lazy().select("person", why).filter(pl.col("scheme_fallback").is_not_null())
        first = flagged.group_by("person", maintain_order=True).agg(pl.col("scheme_fallback").first())
        by_person = first.collect(engine="in-memory")
        people = people.join(by_person, on="person", how="left")
        reasons.append(pl.col("scheme_fallback"))
    persons = people.with_columns(fallback=pl.coalesce(reasons))
    return Stages(persons, law.determinations, schemes_table)


def _scheme_stages(
    covered: pl.DataFrame,
    spells: pl.DataFrame,
    attribution: counting.Attribution,
    spells_earnings: pl.DataFrame,
    scheme: Scheme,
    agreement: Agreement,
    branch: Branch,
    dates: list,  # type: ignore[type-arg]
) -> pl.DataFrame:
    """One scheme's decision for every covered person (``rules.institution.decide_as``)."""
    base = covered.select("person", "birth_date", "sex", "nationality", "residence", "claim_date")
    aged = ages.pension_ages(base, scheme)
    dated = facts.counting_facts(scheme, agreement, branch, dates)
    table = ages.window_days(aged.join(dated, on="claim_date", how="left"))
    limit = dated.with_columns(
        window_kinds=pl.when(pl.col("window_qualification").fill_null(False)).then(pl.col("window_kinds"))
    )
    counted = counting.count(attribution, table, limit, scheme, agreement, branch)
    served = counted.months.select("person", pl.col("own").alias("own_served"))  # export reads the days served
    counted = validation.validated(counted, spells_earnings, table, scheme)
    rows = spells_earnings
    figures = amounts.amount_facts(scheme, dates)
    query = (
        table.lazy()
        .join(counted.months.lazy(), on="person", how="left")
        .join(_amount_units(counted, table).lazy(), on="person", how="left")
        .join(_own_earnings(spells, scheme).lazy(), on="person", how="left")
        .with_columns(pl.col("has_earnings").fill_null(False))
        .join(average_earnings.average(spells, scheme, table, figures).lazy(), on="person", how="left")
    )
    query = entitlement.eligibility(query, counted.rules, scheme.country).with_columns(
        country=pl.lit(scheme.country), scheme=pl.lit(scheme.id)
    )
    query = query.join(figures.lazy(), on="claim_date", how="left")
    query = query.with_columns(amounts.method_columns(agreement, scheme, branch, bool(counted.rules)))
    table = _formula_amounts(amounts.needs(query).collect(engine="in-memory"), counted, rows, scheme)
    table = amounts.rounded(amounts.amounts_due(table))
    provision = provision_for(agreement, scheme, branch)
    since = provision.own_periods_from if provision else None
    own_since = (
        clip(counted.own_days, first=pl.lit(since))
        .with_columns(units=units())
        .group_by("person")
        .agg(pl.col("units").sum().alias("own_since"))
        if since
        else served.select("person", pl.col("own_served").alias("own_since"))
    )
    query = (
        table.lazy()
        .join(own_since.lazy(), on="person", how="left")
        .with_columns(pl.col("own_since").fill_null(0))
        .join(served.lazy(), on="person", how="left")
        .join(export.export_facts(scheme, dates).lazy(), on="claim_date", how="left")
    )
    return (
        query.with_columns(
            payable_abroad=export.payable_abroad(agreement, scheme, branch),
            lump_sum_refund_available=export.lump_sum_refund(agreement, scheme),
        )
        .select(DECIDED)
        .collect(engine="in-memory")
    )


def _formula_amounts(
    table: pl.DataFrame, counted: counting.Counted, rows: pl.DataFrame, scheme: Scheme
) -> pl.DataFrame:
    """The scheme's earnings formula on own periods and on every totalized period, for the
    people whose decision reads them, where the formula is vectorised
    (``rules.formula_amounts.formula_amounts``)."""
    kinds = table.get_column("formula_kind").drop_nulls().unique().to_list()
    compute = {k: VECTORISED[BenefitFormulaKind(k)] for k in kinds if BenefitFormulaKind(k) in VECTORISED}
    table = table.with_columns(
        formula_vectorised=pl.col("formula_kind").is_in(list(compute)).fill_null(False),
        **{f"formula_{side}_{part}": pl.lit(None, dtype=q.I128) for side in ("own", "all") for part in ("n", "d")},
    )
    wanted = table.filter(pl.col("formula_vectorised") & (pl.col("needs_own") | pl.col("needs_all")))
    if wanted.height == 0:
        return table
    people = wanted.select(
        "person",
        "birth_date",
        "sex",
        "claim_date",
        "pension_age_on",
        "totalized",
        "currency",
        "formula_kind",
        "needs_all",
        formula_version=_formula_version(scheme, wanted.get_column("claim_date")),
    )
    own_days = counted.own_days.join(people.select("person"), on="person", how="semi")
    own = careers.own_career(own_days, counted.mine, rows, people.select("person", scheme_currency="currency"))
    results = []
    for kind, formula in compute.items():
        chosen = people.filter(pl.col("formula_kind") == kind)
        own_years = own.join(chosen.select("person"), on="person", how="semi").with_columns(
            own_months=pl.col("months"), attributed=pl.lit(False)
        )
        own_people = chosen.join(_months_of(own_years), on="person", how="left").with_columns(
            pl.col("months").fill_null(0), theoretical=pl.lit(False)
        )
        mine = formula(formulas.Careers(own_years, own_people), scheme).rename(
            {"amount_n": "formula_own_n", "amount_d": "formula_own_d"}
        )
        theirs = chosen.filter(pl.col("needs_all"))
        all_years = careers.theoretical_career(
            own.join(theirs.select("person"), on="person", how="semi"),
            counted.foreign_days.join(theirs.select("person"), on="person", how="semi"),
        )
        all_people = theirs.join(_months_of(all_years), on="person", how="left").with_columns(
            pl.col("months").fill_null(0), theoretical=pl.lit(True)
        )
        every = formula(formulas.Careers(all_years, all_people), scheme).rename(
            {"amount_n": "formula_all_n", "amount_d": "formula_all_d"}
        )
        results.append(mine.join(every, on="person", how="left"))
    found = pl.concat(results, how="vertical_relaxed")
    table = table.drop("formula_own_n", "formula_own_d", "formula_all_n", "formula_all_d")
    return table.join(found, on="person", how="left")


def _months_of(years: pl.DataFrame) -> pl.DataFrame:
    return years.group_by("person").agg(pl.col("months").sum())


def _formula_version(scheme: Scheme, dates: pl.Series) -> pl.Series:
    parameter = scheme.parameters.benefit_formula
    found = {}
    for day in dates.unique().to_list():
        value = parameter.at(day) if parameter else None
        found[day] = parameter.root.index(value) if parameter and value is not None else None
    return dates.replace_strict(found, default=None, return_dtype=pl.Int64)


def _amount_units(counted: counting.Counted, table: pl.DataFrame) -> pl.DataFrame:
    """``rules.institution._amount_months``: own days cut to an age window that limits only the
    amount (the window's kinds within it, other kinds whole); the own units where none applies
    or where the cut leaves nothing."""
    only_amount = table.filter(
        pl.col("window_kinds").is_not_null()
        & pl.col("window_amount").fill_null(False)
        & ~pl.col("window_qualification").fill_null(False)
        & ~pl.col("window_unknown")
    ).select("person", "window_first", "window_last", "window_kinds")
    own = counted.months.select("person", "own")
    if only_amount.height == 0:
        return own.select("person", amount_units=pl.col("own"))
    window = only_amount.select("person", pl.col("window_first").alias("start"), pl.col("window_last").alias("end"))
    others = counted.mine.join(only_amount.select("person", "window_kinds"), on="person", how="semi")
    others = others.join(only_amount.select("person", pl.col("window_kinds").alias("wk")), on="person")
    others = others.filter(~pl.col("counted_kind").is_in(pl.col("wk"))).select("person", "start", "end")
    allowed = pl.concat([window, others], how="vertical_relaxed")
    cut = intersect(counted.own_days.select("person", "start", "end"), allowed, ["person"])
    cut_units = cut.with_columns(units=units()).group_by("person").agg(pl.col("units").sum().alias("cut"))
    return own.join(cut_units, on="person", how="left").select(
        "person",
        pl.when(pl.col("cut").fill_null(0) > 0).then(pl.col("cut")).otherwise(pl.col("own")).alias("amount_units"),
    )


def _own_earnings(spells: pl.DataFrame, scheme: Scheme) -> pl.DataFrame:
    """Whether the scheme's own spells report earnings, and the currency of the first that does
    in the case's order (``rules.amounts_due._earnings_currency``)."""
    own = counting.attributed(spells, scheme).lazy().filter(pl.col("earnings").is_not_null())
    first = pl.col("currency").sort_by("index", "start").first().alias("earnings_currency")
    return own.group_by("person").agg(first).with_columns(has_earnings=pl.lit(True)).collect(engine="in-memory")


def _decided_schemes(entries: list, schemes: Mapping[str, Scheme]) -> list[Scheme]:  # type: ignore[type-arg]
    """The schemes decided, in the engine's order (``rules.engine.compute``)."""
    seen: list[str] = []
    for entry in entries:
        if not scalar_scope.decides_entitlement(entry):
            continue
        seen += [s for s in entry.schemes if s not in seen]
    return [schemes[s] for s in seen]
