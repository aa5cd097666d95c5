"""A period that came in another institution's signed statement is named in the decision's trace
with the document, its sender, key and signature (issue 14 item 4)."""

from datetime import date

from coordina.domain.case import Case, Claim, Period, PeriodEvidence, Person
from coordina.domain.decision import Rule
from coordina.domain.vocabulary import Branch, PeriodKind
from coordina.services import catalog
from coordina.services.compute import compute

EVIDENCE = PeriodEvidence(document="5b7c1d2e-0000-4000-8000-000000000001", form="insurance_periods",
                          sender="IN:epfo", kid="0123456789abcdef", signature="A" * 86)  # fmt: skip


def test_the_trace_names_the_document_each_foreign_period_came_from() -> None:
    case = Case(
        agreement="in-de",
        person=Person(birth_date=date(1958, 5, 1), nationality=["IN"], residence="DE", sex="men"),
        claim=Claim(branch=Branch.old_age, date=date(2026, 6, 1)),
        periods=[
            Period(country="DE", kind=PeriodKind.insurance, start=date(2000, 1, 1), end=date(2019, 12, 31)),
            Period(
                country="IN",
                kind=PeriodKind.insurance,
                start=date(1980, 1, 1),
                end=date(1999, 12, 31),
                evidence=EVIDENCE,
            ),
        ],
    )
    decision = compute(case, catalog.library().agreements["in-de"])
    steps = [s for s in decision.trace if s.rule is Rule.certified_periods]
    assert len(steps) == 1
    step = steps[0]
    assert step.inputs["document"] == EVIDENCE.document and step.inputs["signature"] == EVIDENCE.signature
    assert step.inputs["periods"] == ["IN insurance 1980-01-01 to 1999-12-31"]
    assert "IN:epfo" in step.outcome and EVIDENCE.kid in step.outcome
    assert step.basis.instrument  # in-de cites no article on administrative assistance: the agreement itself
