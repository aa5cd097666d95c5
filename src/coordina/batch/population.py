"""A reproducible synthetic population of migrant careers between an agreement's parties
(issue 13 item 2), drawn from ``PopulationAssumptions`` with one seeded generator: the same
parties, size, seed and assumptions give the same rows, on any machine.

Each person has a birth date, a sex, a nationality (one of the parties) and a residence (the
country of their last spell), and a career from ``work_from_age`` of spells in the parties, each
possibly after a gap, some of them postings from the previous country (the employer stays
there), with earnings over each spell from the country's wage level (along the country's wage
index where the assumptions name one and the caller passes its yearly levels in, else grown by
``wage_growth``: ``coordina.batch.wage_levels``) and spread by person; a person may die from
age 50 (their career stops). A spell gives employment periods of whole calendar years over
which the wage moves by at most ``earnings_step`` (a posting: one period), each with its
earnings, and, where the person lives there (not a posting), a residence period. Pure: no I/O.
"""

import random
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from coordina.batch.wage_levels import wage_in
from coordina.domain.simulation import PopulationAssumptions

Indices = Mapping[str, Mapping[int, Decimal]]
"""Each country's wage index by year, as resolved from the scheme data (countries without one absent)."""

COLUMNS = ("person", "birth_date", "sex", "nationality", "residence", "death_date", "country", "kind",
           "activity", "employer_country", "start", "end", "earnings", "currency")  # fmt: skip
"""The columns of a population (and of a register a user brings), one row per period."""


@dataclass(frozen=True)
class PeriodRow:
    """One period of one person, with the person's facts repeated (a flat table)."""

    person: int
    birth_date: date
    sex: str
    nationality: str
    residence: str
    death_date: date | None
    country: str
    kind: str
    activity: str | None
    employer_country: str | None
    start: date
    end: date
    earnings: Decimal | None
    currency: str | None


def draw_population(
    parties: tuple[str, ...],
    size: int,
    seed: int,
    assumptions: PopulationAssumptions,
    until: date,
    indices: Indices | None = None,
) -> list[PeriodRow]:
    """``size`` people's periods, in person order, none after ``until``; earnings along
    ``indices`` (each country's wage index by year) where given."""
    rng = random.Random(seed)
    rows: list[PeriodRow] = []
    levels = _Levels(assumptions, indices or {})
    for person in range(size):
        rows += _person(rng, person, parties, assumptions, until, levels)
    return rows


class _Levels:
    """Each country's yearly wage level, computed once per country and year."""

    def __init__(self, a: PopulationAssumptions, indices: Indices) -> None:
        self.a, self.indices = a, indices
        self.growth = Decimal(1) + a.wage_growth.value
        self.known: dict[tuple[str, int], Decimal] = {}

    def of(self, country: str, year: int) -> Decimal:
        found = self.known.get((country, year))
        if found is None:
            wage = self.a.wages[country]
            found = self.known[(country, year)] = wage_in(wage, self.indices.get(country), self.growth, year)
        return found


def _person(
    rng: random.Random,
    person: int,
    parties: tuple[str, ...],
    a: PopulationAssumptions,
    until: date,
    levels: "_Levels",
) -> list[PeriodRow]:
    year = rng.randint(a.born_from, a.born_until)
    birth = date(year, 1, 1) + timedelta(days=rng.randrange(365))
    sex = "women" if rng.random() < float(a.share_women.value) else "men"
    death = _death(rng, birth, a, until)
    last_day = min(until, death or until, _at_age(birth, a.work_until_age))
    day, previous = _at_age(birth, a.work_from_age), None
    level = 1 + (rng.random() * 2 - 1) * float(a.earnings_spread.value)
    spells: list[tuple[str, str | None, date, date]] = []
    for _ in range(rng.randint(*a.spells_per_person)):
        if spells and rng.random() < float(a.gap_probability.value):
            day = _after_years(day, rng.randint(1, 3))
        if day > last_day:
            break
        posting = previous is not None and rng.random() < float(a.posting_probability.value)
        country = rng.choice([p for p in parties if p != previous] or list(parties))
        months = rng.randint(*a.posting_months) if posting else 12 * rng.randint(*a.spell_years)
        end = min(_after_months(day, months) - timedelta(days=1), last_day)
        spells.append((country, previous if posting else None, day, end))
        previous = country if not posting else previous
        day = end + timedelta(days=1)
    if not spells:
        return []
    residence = next(c for c, sender, _, _ in reversed(spells) if sender is None) if any(
        s[1] is None for s in spells) else spells[-1][0]  # fmt: skip
    nationality = rng.choice(parties)
    out: list[PeriodRow] = []
    common = (person, birth, sex, nationality, residence, death)
    for country, sender, start, end in spells:
        if sender is not None:  # a posted worker is paid at home; a posting stays one period
            earnings, currency = _earnings(a, levels, sender, start, end, level)
            out.append(PeriodRow(*common, country, "employment", "posted", sender, start, end, earnings, currency))
            continue
        for first, last in _pieces(levels, country, start, end):
            earnings, currency = _earnings(a, levels, country, first, last, level)
            out.append(PeriodRow(*common, country, "employment", "employed", None, first, last, earnings, currency))
        out.append(PeriodRow(*common, country, "residence", None, None, start, end, None, None))
    return out


def _pieces(levels: _Levels, country: str, start: date, end: date) -> list[tuple[date, date]]:
    """``start``-``end`` cut at the first of a calendar year where the country's wage has moved by
    more than ``earnings_step`` since the piece began (each year its own piece where it moves
    faster): a register gives earnings by contribution period, and one total spread evenly over
    years of very different wage levels would misstate each year, most where the index moves fast."""
    if country not in levels.a.wages:
        return [(start, end)]
    step = levels.a.earnings_step.value
    firsts = [start.year]
    for year in range(start.year + 1, end.year + 1):
        moved = levels.of(country, year) / levels.of(country, firsts[-1])
        if not 1 / (1 + step) <= moved <= 1 + step:
            firsts.append(year)
    lasts = [y - 1 for y in firsts[1:]] + [end.year]
    return [(max(start, date(f, 1, 1)), min(end, date(t, 12, 31))) for f, t in zip(firsts, lasts, strict=True)]


def _earnings(
    a: PopulationAssumptions, levels: _Levels, country: str, start: date, end: date, level: float
) -> tuple[Decimal | None, str | None]:
    wage = a.wages.get(country)
    if wage is None:
        return None, None
    total = Decimal(0)
    for year in range(start.year, end.year + 1):
        first, last = max(start, date(year, 1, 1)), min(end, date(year, 12, 31))
        share = Decimal((last - first).days + 1) / Decimal((date(year, 12, 31) - date(year, 1, 1)).days + 1)
        total += levels.of(country, year) * share
    return (total * Decimal(str(level))).quantize(Decimal(1), rounding=ROUND_HALF_UP), wage.currency


def _death(rng: random.Random, birth: date, a: PopulationAssumptions, until: date) -> date | None:
    year = birth.year + 50
    while year <= until.year:
        if rng.random() < float(a.yearly_death_probability.value):
            return date(year, 1, 1) + timedelta(days=rng.randrange(365))
        year += 1
    return None


def _at_age(birth: date, years: int) -> date:
    return _after_years(birth, years)


def _after_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _after_months(day: date, months: int) -> date:
    total = day.month - 1 + months
    year, month = day.year + total // 12, total % 12 + 1
    return date(year, month, min(day.day, 28))
