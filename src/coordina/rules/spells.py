"""Spells: the case's periods as the engine counts them, after applicable legislation.

A light, internal form of ``Period`` (the case keeps its own models untouched): where a
posting moves days to the sending State, or entry into force splits a period, the pieces
are spells that remember the period they came from.
"""

from dataclasses import dataclass, replace
from datetime import date

from coordina.domain.case import Period
from coordina.domain.quantities import Money
from coordina.domain.vocabulary import Activity, PeriodKind
from coordina.rules.earnings import total_earnings

_ACTIVITY_OF_KIND = {PeriodKind.employment: Activity.employed, PeriodKind.self_employment: Activity.self_employed}


@dataclass(slots=True)  # treated as immutable (``piece``/``under`` copy); not frozen, as that is slow to build
class Spell:
    index: int
    """Position of the period in the case (``periods[index]``)."""
    country: str
    kind: PeriodKind
    start: date
    end: date
    activity: Activity | None
    voluntary: bool
    scheme: str | None
    earnings: Money | None
    """Earnings over the whole period the spell comes from (``period_start``..``period_end``)."""
    employer_country: str | None
    period_start: date
    period_end: date

    @property
    def interval(self) -> tuple[date, date]:
        return (self.start, self.end)

    def piece(self, start: date, end: date) -> "Spell":
        """Part of the spell; it keeps the period's earnings, which stay over the whole period."""
        return replace(self, start=start, end=end)

    def under(self, country: str) -> "Spell":
        """The spell as the designated State counts it: compulsory insurance under its legislation."""
        if country == self.country:
            return self
        return replace(self, country=country, kind=PeriodKind.insurance, voluntary=False, scheme=None)


def activity_of(period: Period | Spell) -> Activity | None:
    """The activity a period records, or the one its kind implies (employment: employed)."""
    if period.activity is not None:
        return period.activity
    return _ACTIVITY_OF_KIND.get(period.kind)


def spells_of(periods: list[Period]) -> list[Spell]:
    return [
        Spell(
            index=i,
            country=p.country,
            kind=p.kind,
            start=p.start,
            end=p.end,
            activity=p.activity,
            voluntary=p.voluntary,
            scheme=p.scheme,
            earnings=total_earnings(p),  # the yearly figures summed, where every year is given
            employer_country=p.employer_country,
            period_start=p.start,
            period_end=p.end,
        )
        for i, p in enumerate(periods)
    ]
