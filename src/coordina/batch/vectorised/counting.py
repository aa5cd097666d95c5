"""Totalization over every person at once (the columnar form of ``rules.attribution``,
``rules.ages.limit_to_window`` and ``rules.totalization``): each scheme's own periods, the
other parties' periods its rules accept, each day once by the agreement's priority, months in
exact units.

Tables: ``spells`` from ``batch.vectorised.legislation`` (``legislation``: the State whose law
counts the piece, ``counted_kind``: its kind there); ``facts``: per person the claim date and
the scheme's facts on it (``batch.vectorised.facts``).
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import polars as pl

from coordina.batch.vectorised.intervals import ONE_DAY, clip, intersect, merge, share, units
from coordina.domain.agreement import Agreement
from coordina.domain.provisions import TotalizationRule
from coordina.domain.scheme import Scheme
from coordina.domain.vocabulary import Branch, PeriodKind
from coordina.rules.spells import _ACTIVITY_OF_KIND as SPELL_ACTIVITY_OF_KIND
from coordina.rules.totalization import _rank, totalization_rules, widen

_ACTIVITY_OF_KIND = {kind.value: activity.value for kind, activity in SPELL_ACTIVITY_OF_KIND.items()}
_PERSON = ["person"]


def activity_of(kind: str = "counted_kind") -> pl.Expr:
    """``rules.spells.activity_of`` of a spell (or, with ``kind="kind"``, of a reported period):
    its activity, or the one its kind implies."""
    return pl.coalesce("activity", pl.col(kind).replace_strict(_ACTIVITY_OF_KIND, default=None))


def attributed(spells: pl.DataFrame, scheme: Scheme) -> pl.DataFrame:
    """The scheme's own spells (``rules.attribution.scheme_attribution``), clipped to its existence.
    No period of a population names its scheme, so each is derived from country and activity."""
    insures = scheme.insures
    mine = spells.filter(pl.col("legislation") == scheme.country)
    if insures is not None:
        if insures.named_only:
            return mine.clear()
        if insures.activities:
            fits = activity_of().is_null() | activity_of().is_in([a.value for a in insures.activities])
            mine = mine.filter(fits)
        if insures.periods_until is not None:
            mine = clip(mine, last=pl.lit(insures.periods_until))
    if scheme.started is not None:
        mine = clip(mine, first=pl.lit(scheme.started.date))
    return mine


def party_periods(spells: pl.DataFrame, country: str, schemes: Sequence[Scheme]) -> pl.DataFrame:
    """A party's spells under one of its schemes in scope (all, where none is encoded)."""
    if not schemes:
        return spells.filter(pl.col("legislation") == country)
    pieces = pl.concat([attributed(spells, s) for s in schemes], how="vertical_relaxed")
    return pieces.unique(["person", "index", "start", "end"], keep="first", maintain_order=True)


@dataclass(frozen=True)
class Counted:
    """Per person (``months``: person, own, foreign, continuous units), with the days."""

    months: pl.DataFrame
    own_days: pl.DataFrame
    mine: pl.DataFrame
    """The scheme's own spells of the kinds it counts, before an age window limits them."""
    foreign_days: pl.DataFrame
    rules: list[TotalizationRule]


def count(
    spells: pl.DataFrame,
    facts: pl.DataFrame,
    scheme: Scheme,
    agreement: Agreement,
    branch: Branch,
    schemes_in_scope: Mapping[str, list[Scheme]],
) -> Counted:
    """Own and foreign units for ``scheme``, from the periods before each person's claim date.

    ``facts``: person, claim_date, own_kind (a list: the kinds the qualifying period counts),
    window_first, window_last, window_kinds (list; null: no window limits qualification)."""
    own = attributed(spells, scheme).join(facts, on="person", how="inner")
    own = own.filter(pl.col("counted_kind").is_in(pl.col("own_kinds")))
    own = own.with_columns(pl.col("window_kinds").fill_null([]))
    windowed = own.filter(pl.col("counted_kind").is_in(pl.col("window_kinds")))
    free = own.filter(~pl.col("counted_kind").is_in(pl.col("window_kinds")))
    qualification = pl.concat([free, clip(windowed, pl.col("window_first"), pl.col("window_last"))])
    rules = totalization_rules(agreement, scheme.country, branch)
    priority = agreement.totalization.overlap_priority if agreement.totalization else []
    classes = [_classed(qualification, True, priority)]
    for rule in rules:
        for country in sorted(set(rule.counts_from or agreement.parties) - {scheme.country}):
            theirs = party_periods(spells, country, schemes_in_scope.get(country, []))
            theirs = theirs.filter(pl.col("counted_kind").is_in([k.value for k in widen(rule.period_kinds)]))
            if rule.only_during:
                working = spells.filter(
                    (pl.col("legislation") == country) & activity_of().is_in([a.value for a in rule.only_during])
                )
                theirs = intersect(theirs, working, _PERSON)
            classes.append(_classed(theirs, False, priority))
    table = pl.concat(classes, how="vertical_relaxed").join(facts.select("person", "claim_date"), on="person")
    table = clip(table, last=pl.col("claim_date") - ONE_DAY).drop("claim_date")
    shared = share(table, _PERSON).with_columns(own=pl.col("rank") % 2 == 0, units=units())
    own_days = shared.filter(pl.col("own")).select("person", "start", "end", "units")
    foreign_days = shared.filter(~pl.col("own")).select("person", "start", "end", "units")
    continuous = (
        merge(own_days, _PERSON)
        .with_columns(units=units())
        .group_by("person")
        .agg(pl.col("units").max().alias("continuous"))
    )
    months = (
        facts.select("person")
        .join(own_days.group_by("person").agg(pl.col("units").sum().alias("own")), on="person", how="left")
        .join(foreign_days.group_by("person").agg(pl.col("units").sum().alias("foreign")), on="person", how="left")
        .join(continuous, on="person", how="left")
        .with_columns(pl.col("own", "foreign", "continuous").fill_null(0))
    )
    return Counted(months, own_days, own, foreign_days, rules)


def _classed(spells: pl.DataFrame, is_own: bool, priority: list) -> pl.DataFrame:  # type: ignore[type-arg]
    """Intervals with their overlap class: an even rank is own, an odd one foreign (the rank
    tuple of ``rules.totalization._rank``, ordered, times two, plus one for foreign)."""
    order = {(own, kind.value): _order(priority, own, kind) for own in (True, False) for kind in PeriodKind}
    ordered = sorted(order, key=lambda key: order[key])
    ranks = {key: 2 * position + (0 if key[0] else 1) for position, key in enumerate(ordered)}
    mapping = {kind: ranks[(is_own, kind)] for (own, kind) in ranks if own is is_own}
    return spells.select(
        "person", pl.col("counted_kind").replace_strict(mapping, return_dtype=pl.Int64).alias("rank"), "start", "end"
    )


def _order(priority: list, is_own: bool, kind: PeriodKind) -> tuple[int, ...]:  # type: ignore[type-arg]
    return _rank(priority, is_own, False, kind)
