"""Parameter coverage: on which claim dates each scheme has every parameter the engine reads.

A claim on any day from the earliest entry into force of an agreement naming a scheme in its
material scope up to today must find, for each branch the agreement coordinates, a value in
force of every parameter the engine reads for that branch and kind of scheme (``REQUIREMENTS``).
A value holds from its ``valid_from`` until the next value starts or until its own
``valid_until`` (``DatedParameter.at``); spans are computed from the sorted values, never day
by day. Pure: no I/O.
"""

import itertools
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from coordina.domain import (
    Agreement,
    AgreementKind,
    Branch,
    DatedParameter,
    MaterialScopeEntry,
    Principle,
    Scheme,
    SchemeKind,
    SchemeParameters,
)
from coordina.domain.scheme import BenefitFormulaKind
from coordina.rules.formulas import FORMULAS, NationalFormula, TableNeed

_DAY = timedelta(days=1)
QUALIFYING_PERIOD = "qualifying_period"


@dataclass(frozen=True, order=True)
class Span:
    """Consecutive days, both ends included."""

    start: date
    end: date


@dataclass(frozen=True)
class Requirement:
    """Parameters the engine reads for a branch under some kinds of scheme, and why."""

    branches: tuple[Branch, ...]
    kinds: tuple[SchemeKind, ...]
    parameters: tuple[str, ...]
    reason: str


_INCAPACITY = (Branch.invalidity, Branch.survivors)
_SHORT_TERM = (Branch.unemployment, Branch.sickness, Branch.maternity, Branch.employment_injury)
_INSURANCE_OR_RESIDENCE = (SchemeKind.social_insurance, SchemeKind.residence_based)
_ACCOUNTS = (SchemeKind.individual_account, SchemeKind.provident_fund)

# The parameters the engine reads (rules/eligibility.py: qualifying period and pension age;
# rules/periods.py: counting ages; rules/institution.py: full career and benefit formula;
# rules/export.py: the national export rule). medical_care and family: nothing is read.
REQUIREMENTS: tuple[Requirement, ...] = (
    Requirement(
        (Branch.old_age,),
        (SchemeKind.residence_based,),
        ("pension_age", QUALIFYING_PERIOD, "counting_ages", "benefit_formula", "export"),
        "a residence pension: minimum residence counted between ages, then a fraction of the full rate per year",
    ),
    Requirement(
        (Branch.old_age,),
        (SchemeKind.social_insurance,),
        (QUALIFYING_PERIOD, "pension_age", "full_career", "benefit_formula", "export"),
        "an insurance pension: minimum insurance, pension age, and the full career capping the pro-rata denominator",
    ),
    Requirement(
        (Branch.old_age,),
        _ACCOUNTS,
        ("pension_age", "benefit_formula", "export"),
        "an account balance paid from the pension age: no minimum period, no career to count",
    ),
    Requirement(
        (Branch.old_age,),
        (SchemeKind.social_assistance,),
        ("pension_age", QUALIFYING_PERIOD, "benefit_formula"),
        "a means-tested benefit from the pension age after a minimum residence; not exported under its own law",
    ),
    Requirement(
        _INCAPACITY,
        _INSURANCE_OR_RESIDENCE,
        (QUALIFYING_PERIOD, "benefit_formula", "export"),
        "an invalidity or survivors' pension: the branch's minimum period (its own, where it has one), amount, export",
    ),
    Requirement(
        _INCAPACITY,
        (SchemeKind.individual_account,),
        ("benefit_formula",),
        "an invalidity or survivors' benefit from the account: only its formula",
    ),
    Requirement(
        _SHORT_TERM,
        (SchemeKind.social_insurance,),
        (QUALIFYING_PERIOD,),
        "a short-term insurance benefit: the engine decides entitlement from the minimum period only",
    ),
)

# An entry in scope for some principles only (``only_for``) needs only what those principles
# read: the export of benefits reads the scheme's national export rule (rules/export.py).
_PRINCIPLE_PARAMETERS: Mapping[Principle, tuple[str, ...]] = {Principle.export_of_benefits: ("export",)}


@dataclass(frozen=True)
class ParameterCoverage:
    """One parameter of a scheme: where it has a value in force, and where a claim finds none."""

    name: str
    required: bool
    spans: tuple[Span, ...]
    gaps: tuple[Span, ...]
    unverified: int


@dataclass(frozen=True)
class TableCoverage:
    """A yearly table a formula reads: the earnings years a claim in the window can reach
    (``TableNeed.first_year`` to the year before the window's end) and those without a figure."""

    name: str
    first_year: int
    last_year: int
    missing: tuple[int, ...]
    unverified: tuple[int, ...]
    provisional: tuple[int, ...]


@dataclass(frozen=True)
class SchemeCoverage:
    """A scheme's window of claim dates (None: no agreement in force names it) and its parameters."""

    scheme: str
    country: str
    kind: SchemeKind
    window: Span | None
    parameters: tuple[ParameterCoverage, ...]
    tables: tuple[TableCoverage, ...] = ()

    def gaps(self) -> list[tuple[str, Span]]:
        dated = [(p.name, gap) for p in self.parameters if p.required for gap in p.gaps]
        yearly = [(f"tables[{t.name}]", Span(date(y, 1, 1), date(y, 12, 31))) for t in self.tables for y in t.missing]
        return dated + yearly


def required_parameters(kind: SchemeKind, branch: Branch) -> tuple[str, ...]:
    """What the engine reads for a claim in ``branch`` on a scheme of ``kind`` (``REQUIREMENTS``)."""
    return tuple(name for r in REQUIREMENTS if branch in r.branches and kind in r.kinds for name in r.parameters)


def entry_parameters(kind: SchemeKind, entry: MaterialScopeEntry) -> tuple[str, ...]:
    """What one material-scope entry makes the engine read. Coverage-only entries
    (``benefits: false``) decide no benefit (rules/scope.py benefit_entries): nothing."""
    if not entry.benefits:
        return ()
    if entry.only_for:
        return tuple(name for p in entry.only_for for name in _PRINCIPLE_PARAMETERS.get(p, ()))
    return required_parameters(kind, entry.branch)


def effective_name(parameters: SchemeParameters, name: str, branch: Branch) -> str:
    """The parameter the engine actually reads: a branch's own qualifying period replaces the
    general one (rules/eligibility.py, rules/totalization.py)."""
    if name == QUALIFYING_PERIOD and branch in parameters.qualifying_period_by_branch:
        return f"{QUALIFYING_PERIOD}[{branch.value}]"
    return name


def claim_agreements(agreements: Iterable[Agreement], today: date) -> list[Agreement]:
    """Agreements a claim can be made under by ``today``: bilateral or multilateral, in force."""
    return [
        a
        for a in agreements
        if a.kind in (AgreementKind.bilateral, AgreementKind.multilateral)
        and a.in_force is not None
        and a.in_force <= today
    ]


def holding_spans(parameter: DatedParameter[Any]) -> Iterator[tuple[Span, bool]]:
    """Each value's span of days (``date.max`` when open) and whether it is verified: a value
    holds until the day before the next value starts, or its own ``valid_until`` if earlier."""
    ordered = sorted(parameter.root, key=lambda entry: entry.valid_from)
    for value, following in itertools.zip_longest(ordered, ordered[1:]):
        ends = [d for d in (value.valid_until, following.valid_from - _DAY if following else None) if d is not None]
        yield Span(value.valid_from, min(ends, default=date.max)), value.verified


def clip(span: Span, window: Span) -> Span | None:
    start, end = max(span.start, window.start), min(span.end, window.end)
    return Span(start, end) if start <= end else None


def merged(spans: Iterable[Span]) -> tuple[Span, ...]:
    """Sorted spans with overlapping or adjacent ones joined."""
    out: list[Span] = []
    for span in sorted(spans):
        if out and (span.start - out[-1].end).days <= 1:  # no overflow at date.max
            out[-1] = Span(out[-1].start, max(out[-1].end, span.end))
        else:
            out.append(span)
    return tuple(out)


def gaps_in(window: Span, covered: tuple[Span, ...]) -> tuple[Span, ...]:
    """The days of ``window`` outside ``covered`` (merged spans inside the window)."""
    gaps: list[Span] = []
    cursor = window.start
    for span in covered:
        if span.start > cursor:
            gaps.append(Span(cursor, span.start - _DAY))
        if span.end >= window.end:
            return tuple(gaps)
        cursor = span.end + _DAY
    return (*gaps, Span(cursor, window.end))


def parameter_coverage(
    name: str, parameter: DatedParameter[Any] | None, extent: Span, required: bool
) -> ParameterCoverage:
    """Spans of ``parameter`` inside ``extent``; gaps and their count only when ``required``
    (a missing required parameter is one gap over the whole extent)."""
    clipped = [(clip(span, extent), verified) for span, verified in holding_spans(parameter)] if parameter else []
    spans = merged(span for span, _ in clipped if span)
    unverified = sum(1 for span, verified in clipped if span and not verified)
    return ParameterCoverage(name, required, spans, gaps_in(extent, spans) if required else (), unverified)


def _order(name: str) -> tuple[int, int]:
    fields = list(SchemeParameters.model_fields)
    base, _, branch = name.partition("[")
    if branch and f"{base}_by_branch" in fields:
        return fields.index(f"{base}_by_branch"), list(Branch).index(Branch(branch.rstrip("]")))
    if branch:
        return (fields.index(base), 0) if base in fields else (len(fields), 0)
    return (fields.index(base), -1) if base in fields else (len(fields), 0)


def required_names(scheme: Scheme, entries: Iterable[MaterialScopeEntry]) -> set[str]:
    """The union, over the scheme's own branches that the ``entries`` naming it coordinate, of
    the parameters the engine reads (by the name of the one it actually reads), and the named
    values its national formulas read (``values[...]``)."""
    names = {
        effective_name(scheme.parameters, name, entry.branch)
        for entry in entries
        if entry.branch in scheme.branches
        for name in entry_parameters(scheme.kind, entry)
        if not (name == "full_career" and _no_full_career(scheme))
    }
    if "benefit_formula" in names:
        names |= {f"values[{value}]" for formula in _national_formulas(scheme) for value in formula.values}
        if "full_amount" in scheme.parameters.values:  # a flat amount by date (rules.amounts_due)
            names.add("values[full_amount]")
    return names


def _national_formulas(scheme: Scheme) -> list[NationalFormula]:
    """The national formulas (rules.formulas) the scheme's formula history uses."""
    parameter = scheme.parameters.benefit_formula
    kinds = {v.value.kind for v in parameter.root} if parameter else set()
    return [FORMULAS[kind] for kind in sorted(kinds) if kind in FORMULAS]


def table_coverage(scheme: Scheme, window: Span | None) -> tuple[TableCoverage, ...]:
    """The yearly tables the scheme's national formulas read, judged over the earnings years a
    claim in ``window`` can reach (not judged without a window)."""
    if window is None:
        return ()
    last_year = window.end.year - 1  # a claim reads the years before it; the current one may be provisional
    out: dict[str, TableCoverage] = {}
    needs = [need for formula in _national_formulas(scheme) for need in formula.tables]
    declared = {need.name for need in needs}
    needs += [
        TableNeed(name, table.needed_from, "the scheme data say from when a claim reads it")
        for name, table in scheme.parameters.tables.items()
        if table.needed_from is not None and name not in declared
    ]
    for need in needs:
        table = scheme.parameters.tables.get(need.name)
        values = table.values if table else {}
        years = range(need.first_year, last_year + 1)
        out[need.name] = TableCoverage(
            need.name, need.first_year, last_year, tuple(y for y in years if y not in values),
            tuple(sorted(table.unverified)) if table else (), tuple(sorted(table.provisional)) if table else (),
        )  # fmt: skip
    return tuple(out.values())


_ACCRUING = frozenset({BenefitFormulaKind.earnings_points, BenefitFormulaKind.value_per_month})
"""Formulas that accrue a value per year or month with no full-career length (SGB VI §64:
points x access factor x pension value; ALG §23: increments x pension value)."""


def _no_full_career(scheme: Scheme) -> bool:
    """The engine reads ``full_career`` only for the formula kinds that have one."""
    formula = scheme.parameters.benefit_formula
    return formula is not None and all(v.value.kind in _ACCRUING for v in formula.root)


def scheme_coverage(
    scheme: Scheme, entries: Iterable[MaterialScopeEntry], window: Span | None, today: date
) -> SchemeCoverage:
    """Judge ``scheme`` over ``window`` against what the material-scope ``entries`` naming it
    make the engine read; without a window, list its parameters up to ``today``, unjudged."""
    required = required_names(scheme, entries) if window else set()
    present = dict(scheme.parameters.named())
    extent = window or Span(date.min, today)
    parameters = tuple(
        parameter_coverage(name, present.get(name), extent, name in required)
        for name in sorted(required | set(present), key=_order)
    )
    return SchemeCoverage(scheme.id, scheme.country, scheme.kind, window, parameters, table_coverage(scheme, window))


def coverage(
    agreements: Iterable[Agreement], schemes: Iterable[Scheme], today: date | None = None
) -> list[SchemeCoverage]:
    """Every scheme, by id: its window from the earliest entry into force of an agreement in
    force naming it, up to ``today`` (default: the current date), and each parameter's spans
    and gaps. Schemes no such agreement names get no window and are not judged."""
    today = today or date.today()
    entries: dict[str, list[MaterialScopeEntry]] = {}
    starts: dict[str, date] = {}
    for agreement in claim_agreements(agreements, today):
        assert agreement.in_force is not None  # claim_agreements keeps only agreements in force
        for entry in agreement.material_scope:
            for scheme_id in entry.schemes:
                entries.setdefault(scheme_id, []).append(entry)
                starts[scheme_id] = min(starts.get(scheme_id, date.max), agreement.in_force)
    return [
        scheme_coverage(
            scheme,
            entries.get(scheme.id, []),
            Span(starts[scheme.id], today) if scheme.id in starts else None,
            today,
        )
        for scheme in sorted(schemes, key=lambda s: s.id)
    ]


def cohort_gaps(scheme: Scheme, born_from: date = date(1900, 1, 1)) -> list[tuple[date, str, Span]]:
    """Birth dates from ``born_from`` on for which a value of the scheme's pension-age table has
    no row, per sex: (the value's valid_from, the sex, the birth dates without an age)."""
    parameter = scheme.parameters.pension_age
    if parameter is None:
        return []
    gaps: list[tuple[date, str, Span]] = []
    for value in parameter.root:
        for sex in ("men", "women"):
            rows = sorted(
                (r.born_from or date.min, r.born_until or date.max) for r in value.value if r.sex in ("any", sex)
            )
            covered = merged(Span(a, b) for a, b in rows)
            gaps += [(value.valid_from, sex, gap) for gap in gaps_in(Span(born_from, date.max), covered)]
    return gaps
