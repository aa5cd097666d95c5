"""Each form's mappers to and from the domain: what a form carries comes back unchanged."""

from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import coordina
from coordina.domain.case import Case, Claim, Period
from coordina.domain.decision import Decision, LegislationPeriod
from coordina.domain.forms import coverage_certificate as cc
from coordina.domain.forms import decision_notification as dn
from coordina.domain.forms import insurance_periods as ip
from coordina.domain.forms import pension_claim as pc
from coordina.domain.forms import periods_request as pr
from coordina.domain.forms.sections import InstitutionSection, PersonIdentity, PersonSection
from coordina.domain.quantities import Money
from coordina.domain.vocabulary import Branch, PeriodKind, TimeUnit
from tests.forms.samples import DRV, EPFO, IDENTITY, PERSON

PERSON_ON_FORM = PersonSection.model_validate(PERSON)
IDENTITY_ON_FORM = PersonIdentity.model_validate(IDENTITY)
DRV_ON_FORM = InstitutionSection.model_validate(DRV)
EPFO_ON_FORM = InstitutionSection.model_validate(EPFO)


def _case(periods: list[dict[str, object]], claim: str = "2026-01-01") -> Case:
    return Case.model_validate(
        {
            "agreement": "in-de",
            "person": {"birth_date": "1958-01-01", "nationality": ["IN"], "residence": "IN"},
            "claim": {"branch": "old_age", "date": claim},
            "periods": periods,
        }
    )


def test_a_certificate_of_the_engines_posting_determination_and_back() -> None:
    case = _case(
        [
            {"country": "IN", "kind": "employment", "start": "1990-01-01", "end": "2017-12-31"},
            {"country": "DE", "kind": "employment", "activity": "posted", "employer_country": "IN",
             "start": "2018-01-01", "end": "2020-12-31", "certificate": True},
        ]
    )  # fmt: skip
    posting = next(d for d in coordina.compute(case).applicable_legislation if d.rule == "posting")
    institution = cc.IssuingInstitution(**EPFO, issued=date(2017, 12, 1), certificate_number="IN/DE/101/1")
    certificate = cc.from_determination(
        posting,
        agreement="in-de",
        person=PERSON_ON_FORM,
        status=cc.CoverageStatus.posted_employed,
        institution=institution,
    )
    assert certificate.legislation.party == "IN" and certificate.legislation.end == date(2020, 12, 31)
    assert certificate.legislation.article.article == posting.article == "Art. 7"
    assert [p.country for p in certificate.places_of_work] == ["DE"]
    assert cc.to_determination(certificate, agreement="in-de") == posting
    again = cc.CoverageCertificate.model_validate_json(certificate.model_dump_json())
    assert cc.to_determination(again, agreement="in-de") == posting


def test_a_determination_of_an_earlier_text_keeps_its_version() -> None:
    determination = LegislationPeriod(
        start=date(1990, 1, 1), end=date(1991, 6, 30), country="NL", rule="posting", article="Art. VI(1)",
        reported_country="CA", version="ca-nl-1987",
    )  # fmt: skip
    institution = cc.IssuingInstitution(**DRV, issued=date(1990, 1, 1), certificate_number="1")
    certificate = cc.from_determination(
        determination,
        agreement="ca-nl",
        person=PERSON_ON_FORM,
        status=cc.CoverageStatus("posted_employed"),
        institution=institution,
    )
    assert certificate.legislation.article.instrument == "ca-nl-1987"
    assert cc.to_determination(certificate, agreement="ca-nl") == determination


def test_no_certificate_without_an_article() -> None:
    determination = LegislationPeriod(
        start=date(1990, 1, 1), end=date(1991, 6, 30), country="DE", rule="outside_agreement", article=None,
        reported_country="US",
    )  # fmt: skip
    institution = cc.IssuingInstitution(**DRV, issued=date(1990, 1, 1), certificate_number="1")
    with pytest.raises(ValueError, match="cites no article"):
        cc.from_determination(
            determination, agreement="in-de", person=PERSON_ON_FORM, status=cc.CoverageStatus.posted_employed,
            institution=institution,
        )  # fmt: skip


PERIODS = [
    Period(country="DE", kind=PeriodKind.insurance, start=date(1990, 1, 1), end=date(1999, 12, 31)),
    Period(country="DE", kind=PeriodKind.credited, start=date(2000, 1, 1), end=date(2000, 6, 30), voluntary=True,
           earnings=Money(amount=Decimal("12000.00"), currency="EUR")),
    Period(country="IN", kind=PeriodKind.employment, start=date(2001, 1, 1), end=date(2010, 12, 31)),
]  # fmt: skip


@pytest.mark.parametrize(
    ("unit", "quantities"),
    [
        (unit, [Decimal(n) for n in counts])
        for unit, counts in [(TimeUnit.days, (3652, 182)), (TimeUnit.months, (120, 6)), (TimeUnit.quarters, (40, 2))]
    ],
)
def test_a_statement_of_periods_in_the_unit_reported_and_back(unit: TimeUnit, quantities: list[Decimal]) -> None:
    statement = ip.from_periods(PERIODS, person=IDENTITY_ON_FORM, institution=DRV_ON_FORM, party="DE", unit=unit)
    assert [p.unit for p in statement.periods] == [unit, unit]
    assert [p.quantity for p in statement.periods] == quantities
    assert {(t.kind, t.quantity) for t in statement.totals} == {
        (PeriodKind.insurance, quantities[0]), (PeriodKind.credited, quantities[1])
    }  # fmt: skip
    assert ip.to_periods(statement) == [p for p in PERIODS if p.country == "DE"]
    assert ip.to_periods(ip.InsurancePeriods.model_validate_json(statement.model_dump_json())) == PERIODS[:2]


def test_a_period_is_never_rounded_into_a_unit() -> None:
    with pytest.raises(ValueError, match="2000-01-01 to 2000-06-30 is not whole calendar years"):
        ip.from_periods(PERIODS, person=IDENTITY_ON_FORM, institution=DRV_ON_FORM, party="DE", unit=TimeUnit.years)
    with pytest.raises(ValueError, match="3652 days, not whole weeks"):
        ip.from_periods(PERIODS, person=IDENTITY_ON_FORM, institution=DRV_ON_FORM, party="DE", unit=TimeUnit.weeks)
    with pytest.raises(ValueError, match="no periods under the legislation of FR"):
        ip.from_periods(PERIODS, person=IDENTITY_ON_FORM, institution=DRV_ON_FORM, party="FR")
    assert ip.quantity_of(date(2024, 1, 1), date(2024, 1, 14), TimeUnit.weeks) == 2


@settings(deadline=None, max_examples=60)
@given(
    st.lists(
        st.tuples(
            st.dates(min_value=date(1950, 1, 1), max_value=date(2030, 12, 31)),
            st.integers(min_value=0, max_value=4000),
            st.sampled_from(list(PeriodKind)),
            st.booleans(),
        ),
        min_size=1,
        max_size=20,
    )
)
def test_any_career_in_days_comes_back_from_its_statement(spans: list[tuple[date, int, PeriodKind, bool]]) -> None:
    periods = [
        Period(country="IN", kind=kind, start=start, end=start + timedelta(days=length), voluntary=voluntary)
        for start, length, kind, voluntary in spans
    ]
    statement = ip.from_periods(periods, person=IDENTITY_ON_FORM, institution=EPFO_ON_FORM, party="IN")
    assert ip.to_periods(statement) == periods
    assert sum(t.quantity for t in statement.totals) == sum((p.end - p.start).days + 1 for p in periods)


def test_a_periods_request_of_a_claim_and_back() -> None:
    claim = Claim(branch=Branch.old_age, date=date(2035, 3, 1))
    request = pr.from_claim(claim, person=IDENTITY_ON_FORM, institution=EPFO_ON_FORM)
    assert request.reason is pr.RequestReason.claim
    assert pr.to_claim(request) == claim
    assert pr.to_claim(pr.PeriodsRequest.model_validate_json(request.model_dump_json())) == claim


def test_a_pension_claim_and_back_with_its_person() -> None:
    claim = Claim(branch=Branch.invalidity, date=date(2030, 2, 1))
    form = pc.from_claim(claim, person=PERSON_ON_FORM, residence="DE", lodged_with=DRV_ON_FORM, other_parties=["IN"])
    assert pc.to_claim(form) == claim
    person = pc.to_person(form)
    assert (person.birth_date, person.nationality, person.residence, person.sex) == (
        date(1970, 3, 14), ["DE"], "DE", "women"
    )  # fmt: skip


def test_a_decision_notified_and_back() -> None:
    case = _case(
        [
            {"country": "DE", "kind": "insurance", "start": "1980-01-01", "end": "1999-12-31"},
            {"country": "IN", "kind": "employment", "start": "2000-01-01", "end": "2019-12-31"},
        ]
    )
    decision = coordina.compute(case)
    german = decision.decision_for("de-grv")
    appeal = dn.Appeal(body="Widerspruchsstelle", time_limit="one month after notification")
    notification = dn.from_decision(
        decision, "de-grv", person=IDENTITY_ON_FORM, institution=DRV_ON_FORM, decision_date=date(2026, 3, 1),
        appeal=appeal,
    )  # fmt: skip
    assert notification.entitled is bool(german.eligible_national or german.eligible_totalized)
    assert notification.articles and len(set(notification.articles)) == len(notification.articles)
    assert any(a.instrument == "in-de" for a in notification.articles)
    back = dn.to_decision(dn.DecisionNotification.model_validate_json(notification.model_dump_json()), scheme="de-grv")
    assert (back.country, back.scheme) == ("DE", "de-grv")
    for field in ("own_months", "foreign_months", "totalized_months"):
        assert getattr(back, field) == getattr(german, field)
    assert notification.amount is None  # no earnings on the case: the engine computes no amount
    assert back.reasons == german.reasons


def test_an_amount_notified_and_back() -> None:
    decision = Decision.model_validate(
        {
            "agreement": "in-de", "branch": "old_age", "claim_date": "2026-01-01", "covered": True,
            "decisions": [{
                "country": "DE", "scheme": "de-grv", "own_months": 240, "foreign_months": Fraction(721, 3),
                "totalized_months": Fraction(1441, 3), "eligible_national": True, "eligible_totalized": None,
                "pro_rata_fraction": None, "independent_amount": "812.40", "theoretical_amount": None,
                "pro_rata_amount": None, "payable_amount": "812.40", "currency": "EUR", "amount_period": "monthly",
                "payable_abroad": True,
            }],
        }
    )  # fmt: skip
    appeal = dn.Appeal(body="Widerspruchsstelle", time_limit="one month after notification")
    notification = dn.from_decision(
        decision, "de-grv", person=IDENTITY_ON_FORM, institution=DRV_ON_FORM, decision_date=date(2026, 3, 1),
        appeal=appeal,
    )  # fmt: skip
    assert notification.entitled and notification.amount is not None
    assert (notification.amount.amount, notification.amount.frequency) == (Decimal("812.40"), dn.Frequency.monthly)
    assert notification.periods.foreign_months == Decimal("240.3333")
    back = dn.to_decision(notification, scheme="de-grv")
    assert (back.payable_amount, back.currency, back.amount_period, back.own_months) == (
        Decimal("812.40"), "EUR", "monthly", Fraction(240)
    )  # fmt: skip


def test_months_that_are_not_exact_decimals_are_kept_to_four_places() -> None:
    assert dn._decimal(Fraction(1, 3)) == Decimal("0.3333")
    assert dn._decimal(Fraction(15, 2)) == Decimal("7.5")
    assert dn._decimal(None) is None
