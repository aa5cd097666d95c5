"""Parameter coverage: spans and gaps of the parameters the engine reads, over each scheme's
window of claim dates; the CLI report; and the gate on the bundled data."""

import json
import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from coordina.cli import app
from coordina.domain import Agreement, DatedParameter, Scheme, SchemeParameters
from coordina.rules.coverage import (
    REQUIREMENTS,
    SchemeCoverage,
    Span,
    coverage,
    parameter_coverage,
)
from coordina.services.coverage import bundled_coverage, coverage_records, formula_gaps_markdown

D = date
WINDOW = Span(D(2008, 10, 1), D(2025, 12, 31))
VALUES: dict[str, Any] = {
    "qualifying_period": {"duration": {"amount": 10, "unit": "years"}, "counts": ["insurance"]},
    "pension_age": [{"years": 65}],
    "counting_ages": {"from_age": {"years": 18}},
    "full_career": {"amount": 40, "unit": "years"},
    "benefit_formula": {"kind": "flat_rate", "description": "A flat amount."},
    "export": {"kind": "unrestricted"},
    "lump_sum_refund": {"available": True},
}
OLD_AGE_INSURANCE = ["qualifying_period", "pension_age", "full_career", "benefit_formula", "export"]


def dated(name: str, *starts: date, until: dict[int, date] | None = None, unverified: int = 0) -> list[Any]:
    """Values of ``name`` from ``starts``; ``until`` ends some early; the first ``unverified`` are unverified."""
    return [
        {
            "valid_from": start,
            "valid_until": (until or {}).get(i),
            "value": VALUES[name],
            "source": "unverified" if i < unverified else "https://example.org/law",
        }
        for i, start in enumerate(starts)
    ]


def param(name: str, *starts: date, **kwargs: Any) -> DatedParameter[Any]:
    return DatedParameter[Any].model_validate(dated(name, *starts, **kwargs))


def scheme(params: dict[str, Any], branches: tuple[str, ...] = ("old_age",), kind: str = "social_insurance") -> Scheme:
    return Scheme.model_validate(
        {
            "id": "kr-test",
            "country": "KR",
            "name": "Test pension",
            "institution": "Test institution",
            "branches": list(branches),
            "kind": kind,
            "contributory": True,
            "general": True,
            "public": True,
            "legal_basis": [{"reference": "Test Act", "source": "unverified"}],
            "parameters": params,
        }
    )


def agreement(*entries: dict[str, Any], in_force: date | None = WINDOW.start, kind: str = "bilateral") -> Agreement:
    scope = [{"party": "KR", "legislation": "Test Act", "schemes": ["kr-test"], "article": "2", **e} for e in entries]
    return Agreement.model_validate(
        {
            "id": "au-kr-test",
            "title": "Test agreement",
            "short_title": "Test",
            "kind": kind,
            "parties": ["AU", "KR"] if kind != "model" else [],
            "languages": ["en"],
            "in_force": in_force,
            "sources": ["https://example.org/agreement"],
            "articles": [{"number": "2", "source": "unverified"}],
            "personal_scope": {
                "irrespective_of_nationality": True,
                "persons": [{"category": "nationals", "article": "2"}],
            },
            "material_scope": scope,
            "principles": [{"principle": "equality_of_treatment", "article": "2"}],
        }
    )


def report_of(s: Scheme, *agreements: Agreement, today: date = WINDOW.end) -> SchemeCoverage:
    (only,) = coverage(agreements, [s], today)
    return only


def by_name(item: SchemeCoverage) -> dict[str, Any]:
    return {p.name: p for p in item.parameters}


def full(*names: str) -> dict[str, Any]:
    return {name: dated(name, D(1990, 1, 1)) for name in names}


# --- spans and gaps of one parameter -------------------------------------------------------


def test_valid_until_leaves_a_gap_until_the_next_value() -> None:
    p = param("export", D(2000, 1, 1), D(2010, 1, 1), until={0: D(2009, 6, 30)})

    result = parameter_coverage("export", p, WINDOW, required=True)

    assert result.spans == (Span(D(2008, 10, 1), D(2009, 6, 30)), Span(D(2010, 1, 1), D(2025, 12, 31)))
    assert result.gaps == (Span(D(2009, 7, 1), D(2009, 12, 31)),)


def test_a_late_first_value_leaves_the_window_start_uncovered() -> None:
    result = parameter_coverage("pension_age", param("pension_age", D(2012, 7, 1)), WINDOW, required=True)

    assert result.spans == (Span(D(2012, 7, 1), WINDOW.end),)
    assert result.gaps == (Span(WINDOW.start, D(2012, 6, 30)),)


def test_a_missing_required_parameter_is_one_gap_over_the_window() -> None:
    result = parameter_coverage("full_career", None, WINDOW, required=True)

    assert (result.spans, result.gaps, result.unverified) == ((), (WINDOW,), 0)


def test_consecutive_values_make_one_span_and_unverified_counts_only_values_in_the_window() -> None:
    p = param("export", D(1990, 1, 1), D(2000, 1, 1), D(2015, 1, 1), unverified=2)  # the first ends 1999

    result = parameter_coverage("export", p, WINDOW, required=True)

    assert (result.spans, result.gaps, result.unverified) == ((WINDOW,), (), 1)


def test_a_value_ending_before_the_window_covers_nothing() -> None:
    p = param("export", D(1990, 1, 1), until={0: D(2001, 12, 31)})

    assert parameter_coverage("export", p, WINDOW, required=True).gaps == (WINDOW,)


# --- what a scheme needs -------------------------------------------------------------------


def test_old_age_insurance_needs_its_five_parameters_and_lists_the_others_unjudged() -> None:
    s = scheme({**full(*OLD_AGE_INSURANCE[:-1], "lump_sum_refund")})

    item = report_of(s, agreement({"branch": "old_age"}))

    assert item.window == WINDOW
    assert [(p.name, p.required) for p in item.parameters] == [
        *((name, True) for name in OLD_AGE_INSURANCE),
        ("lump_sum_refund", False),
    ]
    assert item.gaps() == [("export", WINDOW)]
    assert by_name(item)["lump_sum_refund"].gaps == ()


def test_a_branch_specific_qualifying_period_replaces_the_general_one_for_its_branch() -> None:
    params = {
        **full("benefit_formula", "export", "qualifying_period"),
        "qualifying_period_by_branch": {"survivors": dated("qualifying_period", D(2015, 1, 1))},
    }
    s = scheme(params, branches=("old_age", "survivors"))

    survivors_only = by_name(report_of(s, agreement({"branch": "survivors"})))
    both = by_name(report_of(s, agreement({"branch": "survivors"}, {"branch": "old_age"})))

    assert survivors_only["qualifying_period[survivors]"].gaps == (Span(WINDOW.start, D(2014, 12, 31)),)
    assert not survivors_only["qualifying_period"].required
    assert both["qualifying_period"].required and both["qualifying_period"].gaps == ()


def test_without_its_own_qualifying_period_a_branch_needs_the_general_one() -> None:
    s = scheme(full("benefit_formula", "export"), branches=("invalidity",))

    item = report_of(s, agreement({"branch": "invalidity"}))

    assert item.gaps() == [("qualifying_period", WINDOW)]


def test_export_only_scope_needs_only_export_and_coverage_only_scope_needs_nothing() -> None:
    s = scheme({}, kind="social_insurance")

    export_only = report_of(s, agreement({"branch": "old_age", "only_for": ["export_of_benefits"]}))
    coverage_only = report_of(s, agreement({"branch": "old_age", "benefits": False}))

    assert export_only.gaps() == [("export", WINDOW)]
    assert coverage_only.window == WINDOW and coverage_only.gaps() == []


def test_branches_outside_the_scheme_and_medical_care_need_nothing() -> None:
    s = scheme({}, branches=("medical_care", "family"))

    item = report_of(s, agreement({"branch": "medical_care"}, {"branch": "family"}))

    assert item.parameters == () and item.gaps() == []


def test_the_window_starts_at_the_earliest_agreement_in_force_naming_the_scheme() -> None:
    s = scheme(full(*OLD_AGE_INSURANCE))
    later = agreement({"branch": "old_age"}, in_force=D(2012, 1, 1))
    earlier = agreement({"branch": "old_age"}, in_force=D(2001, 1, 1))
    unsigned = agreement({"branch": "old_age"}, in_force=None)

    assert report_of(s, later, earlier, unsigned).window == Span(D(2001, 1, 1), WINDOW.end)
    assert report_of(s, later, today=D(2011, 12, 31)).window is None  # not yet in force


def test_schemes_no_agreement_names_are_listed_with_no_window_and_not_judged() -> None:
    s = scheme({"export": dated("export", D(2015, 1, 1))})

    item = report_of(s, agreement({"branch": "old_age", "schemes": []}))

    assert item.window is None
    assert [(p.name, p.required, p.gaps, p.spans) for p in item.parameters] == [
        ("export", False, (), (Span(D(2015, 1, 1), WINDOW.end),))
    ]


def test_every_declared_requirement_names_a_scheme_parameter_and_gives_a_reason() -> None:
    fields = set(SchemeParameters.model_fields)

    for requirement in REQUIREMENTS:
        assert set(requirement.parameters) <= fields
        assert requirement.reason and "\n" not in requirement.reason


# --- properties ----------------------------------------------------------------------------

DAYS = (WINDOW.end - WINDOW.start).days


@st.composite
def parameter_values(draw: st.DrawFn, name: str) -> list[Any]:
    """Non-overlapping values around the window, some ending early, some unverified."""
    offsets = sorted(draw(st.sets(st.integers(-2000, DAYS + 500), max_size=5)))
    starts = [WINDOW.start + timedelta(days=o) for o in offsets]
    until: dict[int, date] = {}
    for i, start in enumerate(starts):
        room = (starts[i + 1] - start).days - 1 if i + 1 < len(starts) else 3000
        if draw(st.booleans()):
            until[i] = start + timedelta(days=draw(st.integers(0, max(room, 0))))
    return dated(name, *starts, until=until, unverified=draw(st.integers(0, len(starts))))


@st.composite
def schemes(draw: st.DrawFn) -> Scheme:
    names = draw(st.sets(st.sampled_from(sorted(VALUES)), min_size=1))
    return scheme({name: draw(parameter_values(name)) for name in names}, kind="residence_based")


def within(gap: tuple[str, Span], gaps: list[tuple[str, Span]]) -> bool:
    name, span = gap
    return any(other == name and o.start <= span.start and span.end <= o.end for other, o in gaps)


@settings(deadline=None, max_examples=60)
@given(schemes(), st.data())
def test_dropping_a_parameter_only_adds_gaps(s: Scheme, data: st.DataObject) -> None:
    # Not so for a branch-specific qualifying period: dropping it hands its branch to the general
    # one, which may cover more (rules/eligibility.py); these schemes have none.
    claims = agreement({"branch": "old_age"})
    dropped = data.draw(st.sampled_from([name for name, _ in s.parameters.named()]))
    fewer = s.model_copy(update={"parameters": s.parameters.model_copy(update={dropped: None})})

    before, after = report_of(s, claims), report_of(fewer, claims)

    assert all(within(gap, after.gaps()) for gap in before.gaps())
    if by_name(before)[dropped].required:
        assert (dropped, WINDOW) in after.gaps()


@settings(deadline=None, max_examples=60)
@given(parameter_values("export"), st.lists(st.integers(0, DAYS), max_size=20))
def test_spans_agree_with_the_value_in_force_on_each_day(values: list[Any], offsets: list[int]) -> None:
    p = DatedParameter[Any].model_validate(values)
    result = parameter_coverage("export", p, WINDOW, required=True)

    for day in (WINDOW.start + timedelta(days=o) for o in offsets):
        in_span = any(s.start <= day <= s.end for s in result.spans)
        in_gap = any(g.start <= day <= g.end for g in result.gaps)
        assert in_span == (p.at(day) is not None) != in_gap


# --- command line --------------------------------------------------------------------------

runner = CliRunner()
GAPPY = report_of(scheme(full("export")), agreement({"branch": "old_age"}))
COMPLETE = report_of(scheme(full(*OLD_AGE_INSURANCE)), agreement({"branch": "old_age"}))


def test_coverage_json_has_the_stable_keys() -> None:
    result = runner.invoke(app, ["schemes", "coverage", "--json"])

    records = json.loads(result.stdout)
    assert result.exit_code == 0  # a report, gaps or not
    assert all(list(r) == ["scheme", "country", "kind", "window", "parameters", "tables"] for r in records)
    tables = [t for r in records for t in r["tables"]]
    assert tables and all(list(t) == ["name", "years", "missing", "unverified", "provisional"] for t in tables)
    assert all(r["window"] is None or list(r["window"]) == ["from", "to"] for r in records)
    parameters = [p for r in records for p in r["parameters"]]
    assert parameters and all(list(p) == ["name", "required", "spans", "gaps", "unverified"] for p in parameters)
    assert all(list(s) == ["from", "to"] for p in parameters for s in p["spans"] + p["gaps"])


def test_coverage_json_of_a_gap() -> None:
    (record,) = coverage_records([GAPPY])

    assert record["window"] == {"from": "2008-10-01", "to": "2025-12-31"}
    assert record["parameters"][0] == {
        "name": "qualifying_period",
        "required": True,
        "spans": [],
        "gaps": [{"from": "2008-10-01", "to": "2025-12-31"}],
        "unverified": 0,
    }


@pytest.mark.parametrize(("report", "plain", "strict"), [([GAPPY, COMPLETE], 0, 1), ([COMPLETE], 0, 0)])
def test_coverage_strict_exits_1_on_any_gap(
    monkeypatch: pytest.MonkeyPatch, report: list[SchemeCoverage], plain: int, strict: int
) -> None:
    monkeypatch.setattr("coordina.cli.schemes.bundled_coverage", lambda: report)

    table = runner.invoke(app, ["schemes", "coverage"])

    assert table.exit_code == plain and "kr-test" in table.stdout
    assert runner.invoke(app, ["schemes", "coverage", "--strict"]).exit_code == strict
    assert runner.invoke(app, ["schemes", "coverage", "--json", "--strict"]).exit_code == strict


# --- the gate ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bundled_report() -> list[SchemeCoverage]:
    """The bundled library's coverage (the library loads once per session; the check takes ms)."""
    return bundled_coverage()


def test_every_scheme_an_agreement_uses_has_every_parameter_from_its_entry_into_force(
    bundled_report: list[SchemeCoverage],
) -> None:
    """The parameters the engine reads have no gap; the national formulas' own figures (named
    values and yearly tables) may, where no source was found, and the README lists them."""
    gaps = [
        f"{item.scheme} {name} {gap.start}..{gap.end}"
        for item in bundled_report
        for name, gap in item.gaps()
        if not name.startswith(("values[", "tables["))
    ]

    assert not gaps, f"{len(gaps)} gap(s) in the bundled scheme data:\n" + "\n".join(gaps)


def test_the_readme_lists_every_gap_in_the_formulas_figures(bundled_report: list[SchemeCoverage]) -> None:
    text = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    found = re.search(r"<!-- gaps:start -->\n(.*?)<!-- gaps:end -->", text, re.S)
    assert found, "README lacks the gaps list's markers"
    assert found.group(1) == formula_gaps_markdown(bundled_report), "run scripts/readme-unverified.sh"
