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
    # each (person, country, kind) and each (activity, employer) as one integer (the few distinct
    # values numbered), so that only the groups whose periods say different things are paired
    country, countries = _numbered(rows, "country")
    kind, kinds = _numbered(rows, "kind")
    activity, _ = _numbered(rows, "activity")
    employer, employers = _numbered(rows, "employer_country")
    keyed = rows.lazy().select(
        "person", "start", "end", group=(pl.col("person") * countries + country) * kinds + kind,
        says=activity * employers + employer,
    )  # fmt: skip
    mixed = keyed.group_by("group").agg(mixed=pl.col("says").min() != pl.col("says").max()).filter(pl.col("mixed"))
    candidates = keyed.join(mixed.select("group"), on="group", how="semi")
    pairs = candidates.join(candidates, on="group", suffix="_other")
    differ = pl.col("says") != pl.col("says_other")
    overlap = (pl.col("start") <= pl.col("end_other")) & (pl.col("start_other") <= pl.col("end"))
    refused = pairs.filter(differ & overlap).select("person")
    earned = rows.lazy().filter(pl.col("earnings").is_not_null())
    named = earned.select(pl.col("currency").drop_nulls().unique()).collect(engine="in-memory").to_series()
    codes = [c for c in named if not is_currency(c)]
    unknown = earned.filter(pl.col("currency").is_in(codes)).select("person")
    return pl.concat([refused, unknown]).unique().collect(engine="in-memory")


def _numbered(rows: pl.DataFrame, column: str) -> tuple[pl.Expr, int]:
    """The column's values as 1, 2, ... (null as 0), and how many numbers there are."""
    values = rows.get_column(column).drop_nulls().unique().to_list()
    numbers = {value: number for number, value in enumerate(values, start=1)}
    return pl.col(column).replace_strict(numbers, default=0, return_dtype=pl.Int64), len(values) + 1
