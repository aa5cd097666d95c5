"""Totalization over every person at once (the columnar form of ``rules.attribution``,
``rules.ages.limit_to_window`` and ``rules.totalization``): each scheme's own periods, the
other parties' periods its rules accept, each day once by the agreement's priority, months in
exact units.

Tables: ``spells`` from ``batch.vectorised.legislation`` (``legislation``: the State whose law
counts the piece, ``counted_kind``: its kind there), cut once at each person's claim date and
attributed once per scheme and party for every scheme decided (``Attribution``); the scheme's
facts by claim date (``batch.vectorised.facts``) joined per distinct date, not per spell.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import polars as pl

from coordina.batch.vectorised.intervals import ONE_DAY, intersect, merge, share, units, units_before
from coordina.domain.agreement import Agreement
from coordina.domain.provisions import TotalizationRule
from coordina.domain.scheme import Scheme
from coordina.domain.vocabulary import Branch, PeriodKind
from coordina.rules.spells import _ACTIVITY_OF_KIND as SPELL_ACTIVITY_OF_KIND
from coordina.rules.totalization import _rank, totalization_rules, widen

_ACTIVITY_OF_KIND = {kind.value: activity.value for kind, activity in SPELL_ACTIVITY_OF_KIND.items()}
_PERSON = ["person"]
EPOCH = date(1970, 1, 1)  # day 0 of a Polars date


def activity_of(kind: str = "counted_kind") -> pl.Expr:
    """``rules.spells.activity_of`` of a spell (or, with ``kind="kind"``, of a reported period):
    its activity, or the one its kind implies."""
    return pl.coalesce("activity", pl.col(kind).replace_strict(_ACTIVITY_OF_KIND, default=None))


def _attribution(scheme: Scheme) -> tuple[pl.Expr, pl.Expr, pl.Expr] | None:
    """Which spells of the scheme's country are its own and the days it keeps of them
    (``rules.attribution.scheme_attribution``): (fits, first day, last day); None if no spell is
    (a scheme insuring only the periods that name it: no period of a population names one)."""
    insures = scheme.insures
    fits: pl.Expr = pl.lit(True)
    last: pl.Expr = pl.col("end")
    if insures is not None:
        if insures.named_only:
            return None
        if insures.activities:
            fits = activity_of().is_null() | activity_of().is_in([a.value for a in insures.activities])
        if insures.periods_until is not None:
            last = pl.min_horizontal("end", pl.lit(insures.periods_until))
    first = pl.max_horizontal("start", pl.lit(scheme.started.date)) if scheme.started is not None else pl.col("start")
    return fits, first, last


def attributed(spells: pl.DataFrame, scheme: Scheme) -> pl.DataFrame:
    """The scheme's own spells (``rules.attribution.scheme_attribution``), clipped to its existence.
    No period of a population names its scheme, so each is derived from country and activity."""
    mine = spells.lazy().filter(pl.col("legislation") == scheme.country)
    found = _attribution(scheme)
    if found is None:
        return spells.clear()
    fits, first, last = found
    pieces = mine.filter(fits).with_columns(start=first, end=last).filter(pl.col("start") <= pl.col("end"))
    return pieces.collect(engine="in-memory")


def party_periods(spells: pl.DataFrame, country: str, schemes: Sequence[Scheme]) -> pl.DataFrame:
    """A party's spells under one of its schemes in scope (all, where none is encoded), each
    piece once where several schemes keep the same days of a spell."""
    here = spells.lazy().filter(pl.col("legislation") == country)
    found = [f for f in (_attribution(s) for s in schemes) if f is not None]
    if not schemes:
        return here.collect(engine="in-memory")
    kept = []
    for number, (fits, first, last) in enumerate(found):
        valid = fits & (first <= last)
        earlier = [f & (a == first) & (b == last) for f, a, b in found[:number]]
        keep = valid & ~pl.any_horizontal(earlier) if earlier else valid
        kept.append(here.filter(keep).with_columns(start=first, end=last))
    return pl.concat(kept).collect(engine="in-memory") if kept else spells.clear()


class Attribution:
    """The covered persons' spells as counted (``batch.vectorised.legislation``: ``spells``),
    each cut to the day before the person's claim date (``rules.totalization``: periods before
    the claim count), with each scheme's own spells and each party's periods worked out once for
    every scheme decided."""

    def __init__(self, spells: pl.DataFrame, claims: pl.DataFrame, schemes_in_scope: Mapping[str, list[Scheme]]):
        before = spells.lazy().join(claims.lazy().select("person", "claim_date"), on="person")
        before = before.with_columns(end=pl.min_horizontal("end", pl.col("claim_date") - ONE_DAY))
        columns = ["person", "index", "start", "end", "counted_kind", "legislation", "activity", "claim_date"]
        self.spells = before.filter(pl.col("start") <= pl.col("end")).select(columns).collect(engine="in-memory")
        bounds = self.spells.select(pl.col("start").min(), pl.col("end").max() + ONE_DAY).row(0)
        self._first_day: date | None = bounds[0]
        self._units_before = (
            pl.DataFrame({"day": pl.date_range(bounds[0], bounds[1], "1d", eager=True)})
            .select(units_before(pl.col("day")))
            .to_series()
            if bounds[0] is not None
            else pl.Series(dtype=pl.Int64)
        )
        self.schemes_in_scope = schemes_in_scope
        self._own: dict[str, pl.DataFrame] = {}
        self._party: dict[str, pl.DataFrame] = {}

    def units(self) -> pl.Expr:
        """``intervals.units`` of pieces of these spells' days, read from ``units_before`` worked
        out once for each day from the first start to the day after the last end."""
        if self._first_day is None:
            return units()
        offset = (self._first_day - EPOCH).days
        before = pl.lit(self._units_before)
        after_end = before.gather(pl.col("end").cast(pl.Int64) + 1 - offset)
        return after_end - before.gather(pl.col("start").cast(pl.Int64) - offset)

    def own(self, scheme: Scheme) -> pl.DataFrame:
        if scheme.id not in self._own:
            self._own[scheme.id] = attributed(self.spells, scheme)
        return self._own[scheme.id]

    def party(self, country: str) -> pl.DataFrame:
        if country not in self._party:
            schemes = self.schemes_in_scope.get(country, [])
            self._party[country] = party_periods(self.spells, country, schemes).select(
                "person", "start", "end", "counted_kind"
            )
        return self._party[country]


@dataclass(frozen=True)
class Counted:
    """Per person (``months``: person, own, foreign, continuous units), with the days."""

    months: pl.DataFrame
    own_days: pl.DataFrame
    mine: pl.DataFrame
    """The scheme's own spells of the kinds it counts before the claim date (person, index,
    start, end, counted_kind), before an age window limits them."""
    foreign_days: pl.DataFrame
    rules: list[TotalizationRule]


def count(
    attribution: Attribution,
    windows: pl.DataFrame,
    dated: pl.DataFrame,
    scheme: Scheme,
    agreement: Agreement,
    branch: Branch,
) -> Counted:
    """Own and foreign units for ``scheme``, from the periods before each person's claim date.

    ``windows``: person, window_first, window_last (one row per person decided); ``dated``: per
    claim date, own_kinds (the kinds the qualifying period counts), window_kinds (null: no window
    limits qualification)."""
    kinds = (
        dated.lazy()
        .select("claim_date", counted_kind=pl.col("own_kinds"), limited=pl.col("window_kinds"))
        .explode("counted_kind")
        .with_columns(windowed=pl.col("counted_kind").is_in(pl.col("limited")).fill_null(False))
        .drop("limited")
    )
    own = attribution.own(scheme).lazy().join(kinds, on=["claim_date", "counted_kind"])
    mine = own.select("person", "index", "start", "end", "counted_kind")
    window = windows.lazy().select("person", "window_first", "window_last")
    qualification = (
        own.join(window, on="person", how="left")
        .with_columns(
            start=pl.when("windowed").then(pl.max_horizontal("start", "window_first")).otherwise("start"),
            end=pl.when("windowed").then(pl.min_horizontal("end", "window_last")).otherwise("end"),
        )
        .filter(pl.col("start") <= pl.col("end"))
    )
    rules = totalization_rules(agreement, scheme.country, branch)
    priority = agreement.totalization.overlap_priority if agreement.totalization else []
    classes = [_classed(qualification, True, priority)]
    # each party's periods once for all the rules that take them whole (the union of their kinds:
    # a day taken twice at one rank is shared as once), once per rule that takes them only during
    # an activity
    whole: dict[str, set[str]] = {}
    during: dict[tuple[str, frozenset[str], frozenset[str]], None] = {}
    for rule in rules:
        accepted = {k.value for k in widen(rule.period_kinds)}
        for country in sorted(set(rule.counts_from or agreement.parties) - {scheme.country}):
            if rule.only_during:
                during[(country, frozenset(accepted), frozenset(a.value for a in rule.only_during))] = None
            else:
                whole.setdefault(country, set()).update(accepted)
    for country, taken in whole.items():
        theirs = attribution.party(country).lazy().filter(pl.col("counted_kind").is_in(sorted(taken)))
        classes.append(_classed(theirs, False, priority))
    for country, taken_during, activities in during:
        pieces = attribution.party(country).filter(pl.col("counted_kind").is_in(sorted(taken_during)))
        working = attribution.spells.filter(
            (pl.col("legislation") == country) & activity_of().is_in(sorted(activities))
        ).select("person", "start", "end")
        classes.append(_classed(intersect(pieces, working, _PERSON).lazy(), False, priority))
    table, mine_table = pl.collect_all([pl.concat(classes), mine], engine="in-memory")
    shared = _shared(table).lazy().with_columns(own=pl.col("rank") % 2 == 0, units=attribution.units())
    own_days = shared.filter(pl.col("own")).select("person", "start", "end", "units")
    foreign_days = shared.filter(~pl.col("own")).select("person", "start", "end", "units")
    sums = shared.group_by("person").agg(
        own=pl.col("units").filter(pl.col("own")).sum(), foreign=pl.col("units").filter(~pl.col("own")).sum()
    )
    months = windows.lazy().select("person").join(sums, on="person", how="left")
    own_table, foreign_table, months_table = pl.collect_all([own_days, foreign_days, months], engine="in-memory")
    continuous = pl.lit(0, dtype=pl.Int64).alias("continuous")
    if any(rule.minimum_own_continuous_months is not None for rule in rules):
        longest = (
            merge(own_table, _PERSON)
            .with_columns(units=units())
            .group_by("person")
            .agg(pl.col("units").max().alias("continuous"))
        )
        months_table = months_table.join(longest, on="person", how="left")
        continuous = pl.col("continuous").fill_null(0)
    months_table = months_table.with_columns(pl.col("own", "foreign").fill_null(0), continuous)
    return Counted(months_table, own_table, mine_table, foreign_table, rules)


def _shared(classes: pl.DataFrame) -> pl.DataFrame:
    """``intervals.share`` for the persons whose pieces overlap; the others' pieces as they are
    (each of their days is counted once already). Sorted by start, a person's pieces overlap
    where one starts before the end of the piece just before it (if two overlap, so do two
    neighbours between them)."""
    ordered = classes.lazy().sort("person", "start")
    clash = (pl.col("person") == pl.col("person").shift(1)) & (pl.col("start") <= pl.col("end").shift(1))
    overlapping = ordered.filter(clash).select("person").unique().collect(engine="in-memory")
    if overlapping.height == 0:
        return classes.select("person", "start", "end", "rank")
    apart = classes.join(overlapping, on="person", how="anti").select("person", "start", "end", "rank")
    return pl.concat([share(classes.join(overlapping, on="person", how="semi"), _PERSON), apart])


def _classed(spells: pl.LazyFrame, is_own: bool, priority: list) -> pl.LazyFrame:  # type: ignore[type-arg]
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
