"""The vectorised decision, stage by stage, in the engine's order of reasoning
(``rules.engine.compute`` and ``rules.institution.decide``)."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import polars as pl

from coordina.batch.vectorised import ages, counting, facts, legislation, scope
from coordina.domain.agreement import Agreement
from coordina.domain.scheme import Scheme
from coordina.domain.vocabulary import Branch
from coordina.rules import scope as scalar_scope
from coordina.rules.engine import _schemes_in_scope


@dataclass(frozen=True)
class Stages:
    persons: pl.DataFrame
    """person, claim facts, covered, fallback (why the person goes to the scalar engine, or null)."""
    legislation: pl.DataFrame
    schemes: pl.DataFrame
    """One row per person and scheme decided, with every intermediate column."""


def prepared(periods: pl.DataFrame) -> pl.DataFrame:
    """The periods in the order the case lists them, with their position and original start."""
    ordered = periods.sort("person", "start", "end", "kind", "country", maintain_order=True)
    return ordered.with_columns(index=pl.int_range(pl.len()).over("person"), period_start=pl.col("start"),
                                period_end=pl.col("end"))  # fmt: skip


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
    people = rows.group_by("person").agg(pl.col("birth_date", "sex", "nationality", "residence").first())
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
    dates = covered.get_column("claim_date").to_list()
    per_scheme = []
    for scheme in decided:
        base = covered.select("person", "birth_date", "sex", "residence", "claim_date")
        aged = ages.pension_ages(base, scheme)
        dated = facts.counting_facts(scheme, agreement, branch, dates)
        table = ages.window_days(aged.join(dated, on="claim_date", how="left"))
        limit = table.with_columns(
            window_kinds=pl.when(pl.col("window_qualification").fill_null(False)).then(pl.col("window_kinds"))
        )
        counted = counting.count(law.spells, limit, scheme, agreement, branch, in_scope_schemes)
        table = table.join(counted.months, on="person", how="left").with_columns(
            country=pl.lit(scheme.country), scheme=pl.lit(scheme.id)
        )
        per_scheme.append(table)
    schemes_table = pl.concat(per_scheme, how="diagonal_relaxed") if per_scheme else pl.DataFrame()
    fallback = pl.lit(None, dtype=pl.Utf8)
    persons = people.with_columns(fallback=fallback)
    conflicted = law.conflicted.get_column("person").to_list()
    persons = persons.with_columns(
        fallback=pl.when(pl.col("person").is_in(conflicted)).then(pl.lit("exceptions that conflict")).otherwise(
            pl.col("fallback"))
    )  # fmt: skip
    return Stages(persons, law.determinations, schemes_table)


def _decided_schemes(entries: list, schemes: Mapping[str, Scheme]) -> list[Scheme]:  # type: ignore[type-arg]
    """The schemes decided, in the engine's order (``rules.engine.compute``)."""
    seen: list[str] = []
    for entry in entries:
        if not scalar_scope.decides_entitlement(entry):
            continue
        seen += [s for s in entry.schemes if s not in seen]
    return [schemes[s] for s in seen]
