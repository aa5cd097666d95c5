"""What a national formula reads, and what it answers.

A formula is a pure function ``(career, parameters, formula) -> FormulaResult``: ``career`` is
the person's counted periods and earnings as this institution sees them (its own periods for the
independent amount; every totalized period, with earnings attributed to the foreign ones, for the
theoretical amount); ``parameters`` are the scheme's dated data (``values`` on the claim date,
``tables`` by earnings year); ``formula`` is the dated formula value in force on the claim date.
The result is the amount before rounding, per ``formula.amount_period``, with every figure used
and its provision, the working in words, and what was missing where no amount could be given
(never a made-up value).
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction

from coordina.domain.scheme import BenefitFormula, SchemeParameters
from coordina.domain.vocabulary import Branch
from coordina.domain.wording import Wording, listing, say
from coordina.rules.periods import interval_months, merge


@dataclass(frozen=True)
class Career:
    """The person and their periods as the formula counts them."""

    birth_date: date
    sex: str | None
    """'men', 'women', or None where the case does not say."""
    claim_date: date
    """The day the benefit is claimed from (its parameters are those in force that day)."""
    pension_age_on: date | None
    """The day the person reached the scheme's pension age, where the scheme has one."""
    branch: Branch
    months: Fraction
    """The months of periods the amount counts."""
    months_by_year: Mapping[int, Fraction]
    """Those months by calendar year (whole calendar months count 1, a part month its share)."""
    earnings: Mapping[int, Decimal]
    """Earnings by calendar year in ``currency``, for the years the case gives them."""
    currency: str | None
    earnings_missing: tuple[int, ...] = ()
    """Calendar years with counted months but no earnings in the case."""
    split_years: frozenset[int] = frozenset()
    """Years whose earnings are a share, by days, of one total over several years (an assumption)."""
    attributed_years: frozenset[int] = frozenset()
    """Years with other parties' months counted as if national (theoretical amount only). Their
    months are in ``months_by_year`` but carry no earnings of this scheme: a formula counts them
    for the duration and gives them, where it needs earnings for them, the average of the own
    years' earnings as it values them (revalued, capped) — the rule of Reg. (EC) No 883/2004
    art. 56(1)(c) that agreements follow unless they say otherwise. Averages of earnings are
    taken over the own months (``own_months_by_year``)."""
    own_months_by_year: Mapping[int, Fraction] | None = None
    """The scheme's own months by year, where they differ from ``months_by_year`` (theoretical
    amount); None: the same."""
    totalized_months: Fraction = Fraction(0)
    """Every party's periods added together (e.g. France's rate counts quarters in all schemes)."""
    theoretical: bool = False
    """True for the theoretical amount (as if every totalized period were national)."""

    @property
    def own_months(self) -> Mapping[int, Fraction]:
        """The own months by year: those the earnings were earned in."""
        return self.months_by_year if self.own_months_by_year is None else self.own_months_by_year


@dataclass(frozen=True)
class ValueUsed:
    """A figure the formula read, with where it comes from."""

    name: str
    """The figure's name in the scheme data: ``values.pension_value``, ``tables.average_earnings``."""
    value: Decimal
    at: str
    """The day (values) or year (tables) the figure is for."""
    reference: str | None
    source: str


@dataclass(frozen=True)
class FormulaResult:
    """The amount per ``amount_period`` before rounding, or None with what it needs."""

    amount: Fraction | None
    needs: tuple[Wording, ...] = ()
    """What was missing (earnings of some years, a figure for some year): why no amount."""
    used: tuple[ValueUsed, ...] = ()
    working: tuple[Wording, ...] = ()
    """The computation in words, one line a stage, with its figures."""


Compute = Callable[[Career, SchemeParameters, BenefitFormula], FormulaResult]
Validate = Callable[[Career, SchemeParameters], Mapping[int, Fraction]]
"""Months a scheme whose unit is earned rather than served credits each calendar year of own
periods, from the earnings where the case gives them (e.g. French quarters, CSS R351-9)."""


@dataclass(frozen=True)
class TableNeed:
    """A yearly table a formula reads, and the first earnings year it can reach for a claim under
    the bundled agreements (``coordina schemes coverage`` reports the years missing from it)."""

    name: str
    first_year: int
    why: str


@dataclass(frozen=True)
class NationalFormula:
    """One formula kind: its function and the scheme figures it reads."""

    compute: Compute
    values: tuple[str, ...] = ()
    tables: tuple[TableNeed, ...] = ()
    reads_earnings: bool = True
    description: str = ""
    validated_months: Validate | None = None
    """Where periods are validated by earnings: the months each own year counts."""


@dataclass
class Reading:
    """Collects the figures a formula reads and what it misses (a small helper for formulas)."""

    parameters: SchemeParameters
    used: list[ValueUsed] = field(default_factory=list)
    needs: list[Wording] = field(default_factory=list)
    working: list[Wording] = field(default_factory=list)

    def value(self, name: str, on: date) -> Decimal | None:
        """The named value in force on ``on``; records it, or what is missing."""
        parameter = self.parameters.values.get(name)
        dated = parameter.at(on) if parameter else None
        if dated is None:
            self.needs.append(say("the scheme data give no {name} on {day}", name=name, day=on))
            return None
        self.used.append(ValueUsed(f"values.{name}", dated.value, on.isoformat(), dated.reference, dated.source))
        return dated.value

    def table(self, name: str, year: int) -> Decimal | None:
        """The figure of ``year`` in the yearly table ``name``; records it, or what is missing."""
        table = self.parameters.tables.get(name)
        figure = table.values.get(year) if table else None
        if table is None or figure is None:
            self.needs.append(say("the scheme data give no {name} for {year}", name=name, year=year))
            return None
        self.used.append(ValueUsed(f"tables.{name}", figure, str(year), table.reference, table.source_of(year)))
        return figure

    def optional(self, name: str, on: date) -> Decimal | None:
        """A value the scheme may not have, or may not have on ``on``: read (and recorded) only
        where the data give it in force that day; None (the stage does not apply) otherwise."""
        parameter = self.parameters.values.get(name)
        return self.value(name, on) if parameter is not None and parameter.at(on) is not None else None

    def bounded(self, amount: Fraction, on: date, *, strict: bool = False) -> Fraction:
        """``amount`` raised to the scheme's ``minimum_amount`` and limited to its ``maximum_amount``
        where the data give them on ``on`` (a minimum pension, a maximum pension). ``strict``: a
        bound the scheme has but not on ``on`` is missing (no amount), not absent."""
        floor, ceiling = (self._bound(name, on, strict) for name in ("minimum_amount", "maximum_amount"))
        if floor is not None and amount < floor:
            self.say("raised to the minimum amount {floor}", floor=floor)
            amount = Fraction(floor)
        if ceiling is not None and amount > ceiling:
            self.say("limited to the maximum amount {ceiling}", ceiling=ceiling)
            amount = Fraction(ceiling)
        return amount

    def _bound(self, name: str, on: date, strict: bool) -> Decimal | None:
        if strict:
            return self.value(name, on) if name in self.parameters.values else None
        return self.optional(name, on)

    def say(self, template: str, **values: object) -> None:
        """One line of the working."""
        self.working.append(say(template, **values))

    def result(self, amount: Fraction | None) -> FormulaResult:
        """The answer: no amount where anything it needed is missing."""
        if self.needs:
            amount = None
        return FormulaResult(amount, tuple(self.needs), tuple(self.used), tuple(self.working))


def needs_earnings(career: Career, years: tuple[int, ...] | None = None) -> Wording | None:
    """Why no amount: the calendar years the formula reads whose earnings the case does not give."""
    missing = (
        career.earnings_missing
        if years is None
        else tuple(y for y in years if y not in career.earnings and career.own_months.get(y, Fraction(0)) > 0)
    )
    if not missing:
        return None
    return say("needs the earnings of {years}", years=listing(_ranges(sorted(missing))))


def _ranges(years: list[int]) -> list[str]:
    """1990, 1991, 1992, 1995 -> '1990-1992', '1995'."""
    out: list[str] = []
    for year in years:
        if out and out[-1].split("-")[-1] == str(year - 1):
            out[-1] = f"{out[-1].split('-')[0]}-{year}"
        else:
            out.append(str(year))
    return out


def months_by_year(intervals: Iterable[tuple[date, date]]) -> dict[int, Fraction]:
    """Months of ``intervals`` (overlaps once) in each calendar year, as ``rules.periods`` counts them."""
    out: dict[int, Fraction] = {}
    for start, end in merge(intervals):
        for year in range(start.year, end.year + 1):
            piece = (max(start, date(year, 1, 1)), min(end, date(year, 12, 31)))
            out[year] = out.get(year, Fraction(0)) + interval_months(*piece)
    return dict(sorted(out.items()))
