"""Scope over every person at once (the columnar form of ``rules.scope``): entry into force,
material scope and personal scope."""

import polars as pl

from coordina.domain.agreement import Agreement
from coordina.domain.scope import PersonalScopeEntry, PersonCategory
from coordina.domain.vocabulary import Branch
from coordina.rules import scope
from coordina.rules.money import is_currency
from coordina.rules.scope import _INSURED_KINDS, _NATIONALITY_CATEGORIES, _WORK_KINDS


def claim_in_scope(agreement: Agreement) -> pl.Expr:
    """Entry into force (``scope.entry_into_force``) and material scope (``scope.benefit_entries``)."""
    branches = [b.value for b in Branch if scope.benefit_entries(agreement, b)]
    in_force = agreement.in_force
    applies = pl.lit(False) if in_force is None else pl.col("claim_date") >= pl.lit(in_force)
    return applies & pl.col("branch").is_in(branches)


def _belongs(entry: PersonalScopeEntry, parties: list[str]) -> pl.Expr:
    """``scope.category_applies`` for one group, over a person's rows (an aggregation)."""
    where = [entry.party] if entry.party else parties
    here = pl.col("country").is_in(where)
    kind, activity = pl.col("kind"), pl.col("activity")
    match entry.category:
        case PersonCategory.nationals:
            return pl.col("nationality").first().is_in(where).fill_null(False)
        case PersonCategory.subject_to_legislation:
            insured = (here & kind.is_in([k.value for k in _INSURED_KINDS])).any()
            return insured | ((here & (kind == "residence")).any() if entry.party is not None else pl.lit(False))
        case PersonCategory.residents:
            return pl.col("residence").first().is_in(where) | (here & (kind == "residence")).any()
        case PersonCategory.workers:
            return (here & kind.is_in([k.value for k in _WORK_KINDS])).any()
        case PersonCategory.self_employed:
            return (here & ((kind == "self_employment") | (activity == "self_employed"))).any()
        case PersonCategory.civil_servants:
            return (here & (activity == "civil_servant")).any()
    return pl.lit(False)  # refugees, stateless, dependants, survivors, benefit receipt: not in a population


def personal_scope(periods: pl.DataFrame, agreement: Agreement) -> pl.DataFrame:
    """Per person, ``in_personal_scope`` (``scope.personal_scope``)."""
    persons = agreement.personal_scope
    parties = list(agreement.parties)
    matched = [_belongs(e, parties).alias(f"group_{i}") for i, e in enumerate(persons.persons)]
    table = periods.group_by("person").agg(matched) if matched else periods.select("person").unique()
    groups = [pl.col(f"group_{i}") for i in range(len(persons.persons))]
    nationality = [pl.col(f"group_{i}") for i, e in enumerate(persons.persons) if e.category in _NATIONALITY_CATEGORIES]
    activity = [
        pl.col(f"group_{i}") for i, e in enumerate(persons.persons) if e.category not in _NATIONALITY_CATEGORIES
    ]
    any_group = pl.any_horizontal(groups) if groups else pl.lit(False)
    if persons.irrespective_of_nationality:
        covered = any_group
    else:
        nationality_ok = pl.any_horizontal(nationality) if nationality else pl.lit(False)
        activity_ok = pl.any_horizontal(activity) if activity else pl.lit(True)
        covered = nationality_ok & activity_ok  # no derived rights in a population
    return table.select("person", covered.alias("in_personal_scope"))


def contradictions(rows: pl.DataFrame) -> pl.DataFrame:
    """``person`` of each case the scalar engine refuses (``rules.engine.check_case``): two
    periods of one country and kind that overlap but say something else about the same days
    (activity, employer), or earnings in a code that is not an ISO 4217 currency."""
    says = ["activity", "employer_country"]
    group = ["person", "country", "kind"]
    keyed = rows.lazy().select(*group, "start", "end", *says)
    # only a group of one person, country and kind whose periods say different things can hold
    # such a pair: the pairs are formed within those groups alone
    mixed = (
        keyed.group_by(group)
        .agg(pl.any_horizontal([pl.col(s).n_unique() > 1 for s in says]).alias("mixed"))
        .filter(pl.col("mixed"))
    )
    candidates = keyed.join(mixed.select(group), on=group, how="semi")
    pairs = candidates.join(candidates, on=group, suffix="_other")
    differ = pl.any_horizontal([pl.col(s).ne_missing(pl.col(f"{s}_other")) for s in says])
    overlap = (pl.col("start") <= pl.col("end_other")) & (pl.col("start_other") <= pl.col("end"))
    refused = pairs.filter(differ & overlap).select("person")
    earned = rows.lazy().filter(pl.col("earnings").is_not_null())
    named = earned.select(pl.col("currency").drop_nulls().unique()).collect().to_series()
    codes = [c for c in named if not is_currency(c)]
    unknown = earned.filter(pl.col("currency").is_in(codes)).select("person")
    return pl.concat([refused, unknown]).unique().collect()
