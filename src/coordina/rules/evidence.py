"""Periods that came by the exchange (issue 14 item 4): each foreign period reported in another
institution's signed statement of insurance periods is named in the trace with that document, its
sender, its key and its signature, under the agreement's article on administrative assistance."""

from collections.abc import Sequence

from coordina.domain.agreement import Agreement
from coordina.domain.case import Period
from coordina.domain.decision import Rule, TraceStep
from coordina.domain.vocabulary import Principle
from coordina.domain.wording import say
from coordina.rules.trace import Citer, step


def certified_periods(agreement: Agreement, periods: Sequence[Period], cite: Citer) -> list[TraceStep]:
    """One step per signed document the case's periods were reported in (none for a case without)."""
    by_document: dict[str, list[Period]] = {}
    for period in periods:
        if period.evidence is not None:
            by_document.setdefault(period.evidence.document, []).append(period)
    if not by_document:
        return []
    basis = cite.first([p.article for p in agreement.principles if p.principle is Principle.administrative_assistance])
    steps = []
    for document, reported in by_document.items():
        evidence = reported[0].evidence
        assert evidence is not None
        steps.append(
            step(
                Rule.certified_periods,
                basis,
                say(
                    "{count} period(s) of {country} as certified by {sender} in document {document},"
                    " signed with key {kid}",
                    count=len(reported),
                    country=reported[0].country,
                    sender=evidence.sender,
                    document=document,
                    kid=evidence.kid,
                ),
                document=document,
                form=evidence.form,
                sender=evidence.sender,
                kid=evidence.kid,
                signature=evidence.signature,
                periods=[_period(p) for p in reported],
            )
        )
    return steps


def _period(period: Period) -> str:
    """A period as the trace lists it: country, kind, start to end."""
    return f"{period.country} {period.kind.value} {period.start.isoformat()} to {period.end.isoformat()}"
