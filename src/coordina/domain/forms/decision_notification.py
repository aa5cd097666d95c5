"""The notification of a decision on a claim, from the deciding institution to the person and the
other parties' institutions: entitled or not, the amount, the articles applied, the periods taken
into account, and how to appeal (the EESSI P6000-like "notification of decision", and the
summary of decisions many agreements' arrangements provide for).
"""

from datetime import date
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from typing import ClassVar

from pydantic import Field

from coordina.domain.decision import Decision, InstitutionDecision, TraceStep
from coordina.domain.forms.base import MAX_ITEMS, Amount, FormModel, Line, MonthCount, Name, Text
from coordina.domain.forms.identifiers import party_of
from coordina.domain.forms.sections import ArticleApplied, InstitutionSection, PersonIdentity, Section
from coordina.domain.quantities import CurrencyCode
from coordina.domain.vocabulary import Branch


class Frequency(StrEnum):
    """What an amount is paid for, as the national scheme states it."""

    monthly = "monthly"
    fortnightly = "fortnightly"
    weekly = "weekly"
    yearly = "yearly"


class Payment(Section):
    amount: Amount
    currency: CurrencyCode
    frequency: Frequency


class PeriodsTakenIntoAccount(Section):
    """In months: under this party's legislation, the other parties', and all together."""

    own_months: MonthCount | None = None
    foreign_months: MonthCount | None = None
    totalized_months: MonthCount | None = None


class Appeal(Section):
    """Where and by when the person may appeal, as national law states it."""

    body: Name = Field(description="The body an appeal is made to.")
    time_limit: Line = Field(description="As stated: 'within one month of notification'.")
    how: Text | None = None


class DecisionNotification(FormModel):
    """A decision on a claim, notified."""

    form: ClassVar[str] = "decision_notification"
    version: ClassVar[int] = 1
    purpose: ClassVar[str] = (
        "To notify the person and the other parties' institutions of a decision on a claim: its outcome, amount,"
        " legal basis and the periods it counted, and how to appeal."
    )

    person: PersonIdentity
    institution: InstitutionSection = Field(description="The institution deciding.")
    decision_date: date
    branch: Branch
    claim_date: date
    entitled: bool
    amount: Payment | None = None
    reasons: list[Text] = Field(default=[], max_length=20, description="Why not entitled, or what limits the amount.")
    articles: list[ArticleApplied] = Field(default=[], max_length=MAX_ITEMS)
    periods: PeriodsTakenIntoAccount
    appeal: Appeal


def from_decision(
    decision: Decision,
    scheme: str,
    *,
    person: PersonIdentity,
    institution: InstitutionSection,
    decision_date: date,
    appeal: Appeal,
) -> DecisionNotification:
    """The notification of the engine's decision under one scheme (``Decision.decision_for``):
    entitled where eligible under national law or with totalization; the payable amount; the
    articles and national provisions its trace names, in order, each once; the months counted."""
    result = decision.decision_for(scheme)
    entitled = bool(result.eligible_national) or bool(result.eligible_totalized)
    amount = None
    if entitled and result.payable_amount is not None and result.currency and result.amount_period:
        amount = Payment(amount=result.payable_amount, currency=result.currency, frequency=result.amount_period)
    return DecisionNotification(
        person=person,
        institution=institution,
        decision_date=decision_date,
        branch=decision.branch,
        claim_date=decision.claim_date,
        entitled=entitled,
        amount=amount,
        reasons=result.reasons[:20],
        articles=articles_of([*decision.trace, *result.trace], decision.version or decision.agreement)[:MAX_ITEMS],
        periods=PeriodsTakenIntoAccount(
            own_months=_decimal(result.own_months),
            foreign_months=_decimal(result.foreign_months),
            totalized_months=_decimal(result.totalized_months),
        ),
        appeal=appeal,
    )


def to_decision(notification: DecisionNotification, *, scheme: str) -> InstitutionDecision:
    """What the notification says of the decision under ``scheme``, as the engine writes it. It
    says entitled or not, not on which ground: ``eligible_totalized`` carries it and
    ``eligible_national`` is None; what it does not state (the pro-rata working) is None."""
    periods, amount = notification.periods, notification.amount
    return InstitutionDecision(
        country=party_of(notification.institution.body),
        scheme=scheme,
        own_months=_fraction(periods.own_months),
        foreign_months=_fraction(periods.foreign_months),
        totalized_months=_fraction(periods.totalized_months),
        eligible_national=None,
        eligible_totalized=notification.entitled,
        pro_rata_fraction=None,
        independent_amount=None,
        theoretical_amount=None,
        pro_rata_amount=None,
        payable_amount=amount.amount if amount else None,
        currency=amount.currency if amount else None,
        amount_period=amount.frequency.value if amount else None,
        payable_abroad=None,
        reasons=list(notification.reasons),
    )


def articles_of(trace: list[TraceStep], agreement: str) -> list[ArticleApplied]:
    """The articles of the agreement and the national provisions a trace cites, each once."""
    found: list[ArticleApplied] = []
    for step in trace:
        basis = step.basis
        cited = basis.article or basis.provision
        if cited is None:
            continue
        instrument = agreement if basis.article else basis.instrument
        entry = ArticleApplied(instrument=instrument[:200], article=cited[:200])
        if entry not in found:
            found.append(entry)
    return found


def _decimal(months: Fraction | None) -> Decimal | None:
    """Months as a decimal: exact where it can be, else to 4 places (a third of a month)."""
    if months is None:
        return None
    value = Decimal(months.numerator) / Decimal(months.denominator)
    exponent = value.as_tuple().exponent
    return value if isinstance(exponent, int) and exponent >= -4 else value.quantize(Decimal("0.0001"))


def _fraction(months: Decimal | None) -> Fraction | None:
    return None if months is None else Fraction(months)
