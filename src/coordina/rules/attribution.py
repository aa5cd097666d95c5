"""Which periods are a scheme's own: the scheme that insured them, from the day it began.

A country's periods do not all count for every scheme of that country (issue: "periods
belong to the scheme that insured them"). A period that names its scheme belongs to it
alone; otherwise to each scheme whose ``insures`` it fits (a scheme without ``insures``
takes every period not named for another scheme). Days before the scheme began
(``started``) are not its periods: they are traced as not counted, and the decision goes on.
"""

from collections.abc import Sequence
from datetime import date

from coordina.domain.decision import Rule, TraceStep
from coordina.domain.scheme import Insures, Scheme
from coordina.domain.wording import say
from coordina.rules.periods import ONE_DAY, days
from coordina.rules.spells import Spell, activity_of
from coordina.rules.trace import national, step


def _fits(spell: Spell, insures: Insures | None) -> bool:
    if insures is None:
        return True
    if insures.named_only:
        return False
    activity = activity_of(spell)
    # A period that records no activity fits any group: the case does not say otherwise.
    return not insures.activities or activity is None or activity in insures.activities


def _clip(spell: Spell, first: date | None, last: date | None) -> Spell | None:
    start = max(spell.start, first) if first else spell.start
    end = min(spell.end, last) if last else spell.end
    if start > end:
        return None
    return spell if (start, end) == (spell.start, spell.end) else spell.piece(start, end)


def scheme_attribution(
    scheme: Scheme, spells: Sequence[Spell], several: bool = False
) -> tuple[list[Spell], list[TraceStep]]:
    """The spells of ``scheme``'s country that are the scheme's, clipped to its existence.

    ``several``: the country has several schemes for the branch, so the trace says how the
    periods were shared between them."""
    country = [s for s in spells if s.country == scheme.country]
    named = [s for s in country if s.scheme == scheme.id]
    unnamed = [s for s in country if s.scheme is None and _fits(s, scheme.insures)]
    others = sum(1 for s in country if s.scheme not in (None, scheme.id))
    until = scheme.insures.periods_until if scheme.insures else None
    derived = [c for s in unnamed if (c := _clip(s, None, until)) is not None]
    trace: list[TraceStep] = []
    if several or scheme.insures is not None or named or others:
        basis = (
            national(scheme)
            if scheme.insures is None or scheme.insures.reference is None
            else national(scheme).model_copy(
                update={"provision": scheme.insures.reference, "source": scheme.insures.source}
            )
        )
        description = scheme.insures.description if scheme.insures else None
        counts = {"country": scheme.country, "scheme": scheme.id, "named": len(named), "derived": len(derived)}
        trace.append(
            step(
                Rule.scheme_attribution,
                basis,
                say(
                    "periods of {country} insured by {scheme}: {named} naming {scheme}, {derived} derived from"
                    " country, activity and date ({description}); {others} named for another scheme",
                    **counts,
                    description=description,
                    others=others,
                )
                if description
                else say(
                    "periods of {country} insured by {scheme}: {named} naming {scheme}, {derived} derived from"
                    " country, activity and date; {others} named for another scheme",
                    **counts,
                    others=others,
                ),
                named=len(named),
                derived=len(derived),
                other_schemes=others,
            )
        )
    own = named + derived
    started = scheme.started
    if started is None:
        return own, trace
    kept = [c for s in own if (c := _clip(s, started.date, None)) is not None]
    before = [(s.start, min(s.end, started.date - ONE_DAY)) for s in own if s.start < started.date]
    if before:
        trace.append(
            step(
                Rule.scheme_start,
                national(scheme).model_copy(update={"provision": started.reference, "source": started.source}),
                say(
                    "{days} days before {scheme} began on {date} are not its periods: not counted",
                    days=days(before),
                    scheme=scheme.id,
                    date=started.date,
                ),
                started=started.date,
            )
        )
    return kept, trace
