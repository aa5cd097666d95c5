"""Applicable legislation over every period at once (the columnar form of
``rules.legislation.applicable_legislation``): each activity period is cut at the first text's
entry into force (days before it: national law alone, ``before_entry_into_force``), then at each
later text's entry into force, and each piece is decided under the text then in force — the base
rule (lex loci laboris) or the one exception whose activity and designated State fit, a posting
cut at its limit (beyond it, the base rule again).

``determinations`` has the columns of ``batch.decisions.LEGISLATION``; ``spells`` (``SPELLS``, in
no order) the pieces as the designated State counts them (a piece moved to the sending State becomes compulsory
insurance there, as ``rules.spells.Spell.under``). A person for whom two exceptions designate
different States is ``conflicted`` (the scalar engine refuses the case: they fall back).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

import polars as pl

from coordina.batch.vectorised.counting import activity_of
from coordina.domain.agreement import Agreement
from coordina.domain.provisions import ApplicableLegislationRule, LegislationOf, LegislationRule
from coordina.rules.legislation import BEFORE_ENTRY_INTO_FORCE, OUTSIDE_AGREEMENT
from coordina.rules.trace import Citer

_ONE_DAY = timedelta(days=1)
_READ = ["person", "index", "start", "end", "period_start", "period_end", "country", "kind", "activity",
         "employer_country", "residence", "earnings", "currency"]  # fmt: skip
SPELLS = ["person", "index", "start", "end", "period_start", "period_end", "legislation", "counted_kind", "activity",
          "earnings", "currency"]  # fmt: skip
"""The columns of ``Legislation.spells``: the piece, its period's own days, the State whose law
counts it and its kind there, the activity and earnings reported (``rules.spells.Spell``)."""


@dataclass(frozen=True)
class Legislation:
    determinations: pl.DataFrame
    spells: pl.DataFrame
    conflicted: pl.DataFrame
    """``person`` of each person whose case the agreement gives no single answer for."""


def applicable_legislation(periods: pl.DataFrame, agreement: Agreement, earlier: Sequence[Agreement]) -> Legislation:
    """``periods``: the population's rows, with ``index`` (the period's position in the person's case)."""
    texts = [*earlier, agreement]
    first = texts[0]
    rows = periods.lazy().select(_READ).with_columns(activity_of=activity_of("kind"))
    parties = list(agreement.parties)
    undecided = rows.filter(pl.col("activity_of").is_null() | pl.lit(agreement.applicable_legislation is None))
    active = rows.filter(pl.col("activity_of").is_not_null() & pl.lit(agreement.applicable_legislation is not None))
    outside = active.filter(~pl.col("country").is_in(parties))
    inside = active.filter(pl.col("country").is_in(parties))
    outside = _as_reported(outside, OUTSIDE_AGREEMENT, None)
    pieces = [_as_reported(undecided, None, None), outside]
    determinations = [_determined(outside)]
    eif = first.in_force
    if eif is not None:
        before = inside.filter(pl.col("start") < eif).with_columns(pl.min_horizontal("end", pl.lit(eif - _ONE_DAY)))
        eif_article = Citer(first).first([first.entry_into_force.article if first.entry_into_force else None]).article
        marked = _as_reported(before, BEFORE_ENTRY_INTO_FORCE, eif_article)
        pieces.append(marked)
        determinations.append(_determined(marked))
        inside = inside.filter(pl.col("end") >= eif).with_columns(pl.max_horizontal("start", pl.lit(eif)))
    conflicted = []
    for i, text in enumerate(texts):
        start = text.in_force
        following = texts[i + 1].in_force if i + 1 < len(texts) else None
        piece = inside
        if start is not None:
            piece = piece.filter(pl.col("end") >= start).with_columns(pl.max_horizontal("start", pl.lit(start)))
        if following is not None:
            piece = piece.filter(pl.col("start") < following).with_columns(
                pl.min_horizontal("end", pl.lit(following - _ONE_DAY))
            )
        if text.applicable_legislation is None:
            pieces.append(_as_reported(piece, None, None))
            continue
        decided, conflicts = _designate(piece, text)
        conflicted.append(conflicts)
        pieces.append(decided)
        determinations.append(_determined(decided.filter(pl.col("rule").is_not_null())))
    # one query: the pieces and their determinations (in no order: the kernel orders its answer)
    # and the conflicted persons, the common input once
    spells = pl.concat(pieces, how="diagonal_relaxed").select(SPELLS)
    table = pl.concat(determinations, how="diagonal_relaxed")
    conflicts = pl.concat(conflicted).unique() if conflicted else pl.LazyFrame(schema={"person": pl.Int64})
    spells_table, determined, conflicted_table = pl.collect_all([spells, table, conflicts], engine="in-memory")
    return Legislation(determinations=determined, spells=spells_table, conflicted=conflicted_table)


def _as_reported(rows: pl.LazyFrame, rule: str | None, article: str | None) -> pl.LazyFrame:
    """Pieces counted as reported (the State where the work was done), with their determination."""
    return rows.with_columns(
        rule=pl.lit(rule, dtype=pl.Utf8),
        article=pl.lit(article, dtype=pl.Utf8),
        legislation=pl.col("country"),
        version=pl.lit(None, dtype=pl.Utf8),
        counted_kind=pl.col("kind"),
    )


def _determined(pieces: pl.LazyFrame) -> pl.LazyFrame:
    return pieces.select(
        "person",
        "start",
        "end",
        pl.col("legislation").alias("country"),
        "rule",
        "article",
        pl.col("country").alias("reported_country"),
        "version",
    )


def _designated(rule: ApplicableLegislationRule) -> pl.Expr:
    """``rules.legislation.designated_state`` as a column."""
    match rule.legislation_of:
        case LegislationOf.place_of_work:
            return pl.col("country")
        case (
            LegislationOf.sending_state
            | LegislationOf.employer_seat_state
            | LegislationOf.employing_administration_state
        ):
            return pl.col("employer_country")
        case LegislationOf.residence_state:
            return pl.col("residence")
    return pl.lit(None, dtype=pl.Utf8)  # flag State (no ship in a population) or agreed State (authorities decide)


def _designate(pieces: pl.LazyFrame, text: Agreement) -> tuple[pl.LazyFrame, pl.LazyFrame]:
    """The base rule or the one applicable exception for each piece under ``text``."""
    rules = text.applicable_legislation
    assert rules is not None
    cite = Citer(text)
    version = text.id if text.version else None
    parties = list(text.parties)
    base_article = cite.article(rules.base.article).article
    states = []
    for number, exception in enumerate(rules.exceptions):
        state = _designated(exception)
        fits = pl.col("activity_of").is_in([a.value for a in exception.activities]) & state.is_in(parties)
        if exception.party is not None:
            fits = fits & (state == exception.party)
        states.append(pl.when(fits).then(state).otherwise(None).alias(f"state_{number}"))
    with_states = pieces.with_columns(states) if states else pieces
    names = [f"state_{n}" for n in range(len(rules.exceptions))]
    # two exceptions that fit and designate different States (``rules.legislation``: no single answer)
    differing = [pl.col(a).ne(pl.col(b)).fill_null(False) for i, a in enumerate(names) for b in names[i + 1 :]]
    with_states = with_states.with_columns(
        conflict=pl.any_horizontal(differing) if differing else pl.lit(False),
        chosen=pl.coalesce([pl.when(pl.col(n).is_not_null()).then(pl.lit(n[6:]).cast(pl.Int64)) for n in names])
        if names
        else pl.lit(None, dtype=pl.Int64),
    )
    conflicts = with_states.filter(pl.col("conflict")).select("person").unique()
    base = with_states.filter(pl.col("chosen").is_null()).with_columns(
        rule=pl.lit(rules.base.rule.value),
        article=pl.lit(base_article, dtype=pl.Utf8),
        legislation=pl.col("country"),
        version=pl.lit(version, dtype=pl.Utf8),
    )
    out = [base]
    for number, exception in enumerate(rules.exceptions):
        chosen = with_states.filter(pl.col("chosen") == number)
        out += _limited(
            chosen,
            exception,
            f"state_{number}",
            cite.article(exception.article).article,
            rules.base.rule.value,
            base_article,
            version,
        )
    table = pl.concat(out, how="diagonal_relaxed").drop(["conflict", "chosen", *names], strict=False)
    return table.with_columns(_under()), conflicts


def _limited(
    chosen: pl.LazyFrame,
    exception: ApplicableLegislationRule,
    state: str,
    article: str | None,
    base_rule: str,
    base_article: str | None,
    version: str | None,
) -> list[pl.LazyFrame]:
    """``rules.legislation._limit``: a posting beyond its limit falls back to the base rule."""
    exception_columns = {
        "rule": pl.lit(exception.rule.value),
        "article": pl.lit(article, dtype=pl.Utf8),
        "legislation": pl.col(state),
        "version": pl.lit(version, dtype=pl.Utf8),
    }
    if exception.rule is not LegislationRule.posting or exception.max_months is None:
        return [chosen.with_columns(**exception_columns)]
    counted_from = pl.col("period_start")
    if exception.limit_counted_from == "first_day_of_month":
        counted_from = counted_from.dt.truncate("1mo")
    limited = chosen.with_columns(last_day=counted_from.dt.offset_by(f"{exception.max_months}mo") - _ONE_DAY)
    within = limited.filter(pl.col("start") <= pl.col("last_day")).with_columns(
        pl.min_horizontal("end", "last_day").alias("end"), **exception_columns
    )
    beyond = limited.filter(pl.col("end") > pl.col("last_day")).with_columns(
        pl.max_horizontal("start", pl.col("last_day") + _ONE_DAY).alias("start"),
        rule=pl.lit(base_rule),
        article=pl.lit(base_article, dtype=pl.Utf8),
        legislation=pl.col("country"),
        version=pl.lit(version, dtype=pl.Utf8),
    )
    return [within.drop("last_day"), beyond.drop("last_day")]


def _under() -> list[pl.Expr]:
    """``Spell.under``: a piece moved to another State is compulsory insurance there."""
    moved = pl.col("legislation") != pl.col("country")
    return [
        pl.when(moved).then(pl.lit("insurance")).otherwise(pl.col("kind")).alias("counted_kind"),
    ]
