"""Applicable legislation: one legislation at a time for each activity period.

The base rule (lex loci laboris) applies unless a labelled exception of the agreement
overrides it (posting, self-employed, seafarers, air crew, diplomatic staff, civil
servants). Two applicable exceptions designating different States are a ``Conflict``.
The agreement's rules apply from its entry into force: days before it are under national
law alone and are reported as ``before_entry_into_force``.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache

from coordina.domain.agreement import Agreement
from coordina.domain.case import Period, Person
from coordina.domain.decision import LegislationPeriod, Rule, TraceStep, trusted
from coordina.domain.legal import LegalBasis
from coordina.domain.provisions import ApplicableLegislationRule, LegislationOf, LegislationRule
from coordina.domain.vocabulary import Activity
from coordina.domain.wording import Wording, say
from coordina.rules.errors import Conflict
from coordina.rules.periods import ONE_DAY, add_months
from coordina.rules.spells import Spell, activity_of, spells_of
from coordina.rules.trace import Citer, step

BEFORE_ENTRY_INTO_FORCE = "before_entry_into_force"
OUTSIDE_AGREEMENT = "outside_agreement"


class _Grouped:
    """Applicable-legislation steps, one per distinct outcome with the periods it covers: the
    determinations already list every period, the trace says why once per rule and State."""

    def __init__(self) -> None:
        self._groups: dict[tuple[str, str], tuple[LegalBasis, Wording, list[int]]] = {}

    def add(self, basis: LegalBasis, outcome: Wording, index: int) -> None:
        key = (basis.article or basis.instrument, outcome.text)
        self._groups.setdefault(key, (basis, outcome, []))[2].append(index)

    def steps(self) -> list[TraceStep]:
        return [
            step(Rule.applicable_legislation, basis, outcome, periods=indices)
            for basis, outcome, indices in self._groups.values()
        ]


@dataclass(frozen=True)
class Legislation:
    """The result: who legislates for each stretch, and the spells as each party counts them."""

    determinations: list[LegislationPeriod]
    spells: list[Spell]


def designated_state(rule: ApplicableLegislationRule, period: Period, person: Person) -> str | None:
    """The State whose legislation the rule designates for this period, if the case says."""
    match rule.legislation_of:
        case LegislationOf.place_of_work:
            return period.country
        case (
            LegislationOf.sending_state
            | LegislationOf.employer_seat_state
            | LegislationOf.employing_administration_state
        ):
            return period.employer_country
        case LegislationOf.residence_state:
            return person.residence
        case LegislationOf.flag_state:
            return period.flag_country
        case LegislationOf.agreed_state:
            return None  # only the competent authorities can say
    return None  # pragma: no cover


def applicable_legislation(
    agreement: Agreement,
    person: Person,
    periods: Sequence[Period],
    cite: Citer,
    earlier: Sequence[tuple[Agreement, Citer]] = (),
) -> tuple[Legislation, list[TraceStep]]:
    """Who legislates for each activity period, and the spells moved to the designated State.

    Each day is decided under the text of the agreement in force on that day: ``earlier`` are
    the texts that preceded ``agreement`` (oldest first), so days before its entry into force
    fall under the text then in force, and only days before the first text under national law.
    """
    texts = [*earlier, (agreement, cite)]
    first, first_cite = texts[0]
    rules = agreement.applicable_legislation
    in_force = first.in_force
    determinations: list[LegislationPeriod] = []
    counted: list[Spell] = []
    trace: list[TraceStep] = []
    grouped = _Grouped()
    parties = set(agreement.parties)
    eif_basis = first_cite.first([first.entry_into_force.article if first.entry_into_force else None])
    eif_article = eif_basis.article
    for spell, period in zip(spells_of(list(periods)), periods, strict=True):
        activity = activity_of(period)
        if activity is None or rules is None:
            counted.append(spell)
            continue
        if period.country not in parties:
            determinations.append(_entry(spell, period, OUTSIDE_AGREEMENT, None))
            grouped.add(
                cite.article(rules.base.article),
                say(
                    "work in {country}, not a party: the agreement does not determine the legislation",
                    country=period.country,
                ),
                spell.index,
            )
            counted.append(spell)
            continue
        if in_force is not None and spell.start < in_force:
            before, after = _split_at_entry_into_force(spell, in_force)
            determinations.append(_entry(before, period, BEFORE_ENTRY_INTO_FORCE, eif_article))
            grouped.add(eif_basis, _before_entry_into_force(in_force, period.country), before.index)
            counted.append(before)
            if after is None:
                continue
            spell = after
        for text, text_cite, piece in _by_text(texts, spell):
            if text.applicable_legislation is None:
                counted.append(piece)  # that text has no rules on applicable legislation
                continue
            counted += _designate(text, person, period, piece, activity, determinations, grouped, trace, text_cite)
    determinations.sort(key=lambda entry: (entry.start, entry.end, entry.country, entry.rule))
    return Legislation(determinations, counted), grouped.steps() + trace


def _by_text(texts: Sequence[tuple[Agreement, Citer]], spell: Spell) -> list[tuple[Agreement, Citer, Spell]]:
    """The spell cut at each text's entry into force: each piece with the text in force then."""
    pieces = []
    for i, (text, text_cite) in enumerate(texts):
        start = max(spell.start, text.in_force or spell.start)
        following = texts[i + 1][0].in_force if i + 1 < len(texts) else None
        end = min(spell.end, following - ONE_DAY) if following else spell.end
        if start <= end:
            pieces.append(
                (text, text_cite, spell if (start, end) == (spell.start, spell.end) else spell.piece(start, end))
            )
    return pieces


def _designate(
    agreement: Agreement,
    person: Person,
    period: Period,
    spell: Spell,
    activity: Activity,
    determinations: list[LegislationPeriod],
    grouped: _Grouped,
    trace: list[TraceStep],
    cite: Citer,
) -> list[Spell]:
    """The base rule or the one exception that applies to one spell under the agreement (the text
    in force on the spell's days)."""
    rules = agreement.applicable_legislation
    assert rules is not None
    version = agreement.id if agreement.version else None
    parties = set(agreement.parties)
    applicable = [(r, designated_state(r, period, person)) for r in rules.exceptions if activity in r.activities]
    applicable = [(r, s) for r, s in applicable if s in parties and (r.party is None or r.party == s)]
    if len({s for _, s in applicable}) > 1:
        raise Conflict(
            f"periods[{spell.index}]",
            "exceptions "
            + ", ".join(f"{r.rule.value} ({r.article})" for r, _ in applicable)
            + " both apply and designate different States: the agreement gives no single answer",
        )
    if not applicable:
        base = cite.article(rules.base.article)
        determinations.append(_entry(spell, period, rules.base.rule.value, base.article, version=version))
        grouped.add(
            base, say("{rule}: legislation of {country}", rule=rules.base.rule, country=period.country), spell.index
        )
        return [spell]
    rule, state = applicable[0]
    assert state is not None
    counted: list[Spell] = []
    for piece, over_limit in _limit(rule, period, spell, trace, cite):
        if over_limit:
            determinations.append(
                _entry(piece, period, rules.base.rule.value, cite.article(rules.base.article).article, version=version)
            )
            counted.append(piece)
        else:
            determinations.append(
                _entry(piece, period, rule.rule.value, cite.article(rule.article).article, state, version)
            )
            counted.append(piece.under(state))
    grouped.add(
        cite.article(rule.article),
        say("{rule} overrides {base}: legislation of {country}", rule=rule.rule, base=rule.overrides, country=state)
        if rule.overrides
        else say("{rule} overrides the base rule: legislation of {country}", rule=rule.rule, country=state),
        spell.index,
    )
    return counted


def _limit(
    rule: ApplicableLegislationRule, period: Period, spell: Spell, trace: list[TraceStep], cite: Citer
) -> list[tuple[Spell, bool]]:
    """Split a posting at its limit (plus an approved extension): beyond it the host State applies.

    The limit runs from the start of the work, or from the first day of that month where the
    agreement says so (``limit_counted_from``), even where entry into force cut off earlier days.
    """
    if rule.rule is not LegislationRule.posting or rule.max_months is None:
        return [(spell, False)]
    months = rule.max_months
    if period.extension and rule.extension is not None:
        if rule.extension.max_months is None:
            trace.append(
                step(
                    Rule.posting_extension,
                    cite.article(rule.article),
                    say("approved extension without fixed limit"),
                    period=spell.index,
                )
            )
            return [(spell, False)]
        months += rule.extension.max_months
    counted_from = period.start.replace(day=1) if rule.limit_counted_from == "first_day_of_month" else period.start
    last_day = add_months(counted_from, months) - ONE_DAY
    if spell.end <= last_day:
        return [(spell, False)]
    trace.append(
        step(
            Rule.posting_limit,
            cite.article(rule.article),
            say(
                "posting beyond {months} months counted from {start}: from {date} the host State's legislation applies",
                months=months,
                start=counted_from,
                date=last_day + ONE_DAY,
            ),
            period=spell.index,
            limit_months=months,
            extension=period.extension,
        )
    )
    if spell.start > last_day:
        return [(spell, True)]
    return [(spell.piece(spell.start, last_day), False), (spell.piece(last_day + ONE_DAY, spell.end), True)]


@cache
def _before_entry_into_force(in_force: date, country: str) -> Wording:
    return say(
        "days before the entry into force ({date}): national law alone, legislation of {country} as reported",
        date=in_force,
        country=country,
    )


def _split_at_entry_into_force(spell: Spell, in_force: date) -> tuple[Spell, Spell | None]:
    if spell.end < in_force:
        return spell, None
    return spell.piece(spell.start, in_force - ONE_DAY), spell.piece(in_force, spell.end)


def _entry(
    piece: Spell,
    original: Period,
    rule: str,
    article: str | None,
    country: str | None = None,
    version: str | None = None,
) -> LegislationPeriod:
    return trusted(
        LegislationPeriod,
        version=version,
        start=piece.start,
        end=piece.end,
        country=country or piece.country,
        rule=rule,
        article=article,
        reported_country=original.country,
    )
