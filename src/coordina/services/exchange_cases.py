"""A claim decided on the institution's own register and the periods other institutions
certified (issue 14 item 4): each received statement of insurance periods becomes periods of the
case that carry the signed document they came in (``Period.evidence``), so the decision's trace
names it."""

from collections.abc import Sequence
from datetime import date

from coordina.domain.case import Case, Claim, Period, PeriodEvidence
from coordina.domain.decision import Decision
from coordina.domain.exchange_records import InstitutionRecords
from coordina.domain.forms import insurance_periods
from coordina.domain.forms.sections import case_person
from coordina.domain.vocabulary import Branch
from coordina.errors import ExchangeRefused, NotFound
from coordina.services import exchange_log
from coordina.services.compute import compute
from coordina.store.db import Database


def certified_periods(db: Database, message_id: str, *, actor: str) -> list[Period]:
    """The periods of a statement this node received, each with its evidence."""
    logged, payload = exchange_log.read(db, message_id, actor=actor, purpose="decide a claim on certified periods")
    if logged.direction != "received" or logged.form != "insurance_periods":
        raise ExchangeRefused("not_a_statement", f"{message_id} is not a statement of insurance periods received")
    if payload is None:
        raise ExchangeRefused("document_purged", f"{message_id} was purged at the end of its retention")
    statement = insurance_periods.InsurancePeriods.model_validate(payload)
    evidence = PeriodEvidence(document=logged.message_id, form=logged.form, sender=logged.sender, kid=logged.kid,
                              signature=logged.signature, received_at=logged.sent_at)  # fmt: skip
    return [period.model_copy(update={"evidence": evidence}) for period in insurance_periods.to_periods(statement)]


def decide(db: Database, records: InstitutionRecords, *, agreement: str, identifier: str, claim_date: date,
           statements: Sequence[str], actor: str, branch: Branch = Branch.old_age) -> Decision:  # fmt: skip
    """The claim of the register's person ``identifier`` under ``agreement``, on their own periods
    and the periods of the received ``statements`` (message ids)."""
    found = [p for p in records.people if p.person.identifier == identifier]
    if len(found) != 1:
        raise NotFound("person", f"{records.name} has no one record with number {identifier}")
    insured = found[0]
    foreign = [period for message_id in statements for period in certified_periods(db, message_id, actor=actor)]
    case = Case(agreement=agreement, person=case_person(insured.person), claim=Claim(branch=branch, date=claim_date),
                periods=[*insured.periods, *foreign])  # fmt: skip
    return compute(case, agreement)
