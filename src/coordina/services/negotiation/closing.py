"""Steps 4 to 8: review, signing, approval or ratification, the administrative arrangement, and
entry into force, after which the agreement joins the library the coordination engine uses."""

from datetime import date
from typing import Any

from pydantic import ValidationError
from sqlalchemy import func, select

from coordina.domain.agreement import Agreement
from coordina.domain.negotiation import (
    SIGNING_WITHOUT_FULL_POWERS,
    ApprovalProcedure,
    ReviewOutcome,
    Status,
    Step,
)
from coordina.domain.permissions import Write
from coordina.rules.periods import add_months
from coordina.services import arrangement_bodies, arrangement_forms, catalog
from coordina.services.errors import Refused
from coordina.services.negotiation.access import Acting, acting, check_version
from coordina.services.negotiation.encoding import CONCLUDED
from coordina.services.negotiation.views import NegotiationView
from coordina.store.db import Database
from coordina.store.tables import Arrangement, LibraryAgreement, Negotiation, Ratification, Review, Signature


def record_review(db: Database, user_id: int, negotiation_id: int, *, authority: str, outcome: str,
                  modifications: str | None = None) -> None:  # fmt: skip
    """A party's authorities (justice, foreign affairs…) review the agreed text."""
    if outcome not in ("approved", "modifications_requested"):
        raise Refused("review_outcome", "a review approves the text or requests modifications")
    if outcome == "modifications_requested" and not modifications:
        raise Refused("modifications_stated", "say which modifications are requested")
    with acting(db, negotiation_id, user_id) as act:
        act.allow(Write.record_review)
        assert act.party is not None
        act.session.add(Review(negotiation_id=negotiation_id, party=act.party, authority=authority, outcome=outcome,
                               modifications=modifications))  # fmt: skip
        act.audit("record_review", party=act.party, authority=authority, outcome=outcome)


def agree_modifications(db: Database, user_id: int, negotiation_id: int, review_id: int) -> None:
    """Requested modifications count as agreed once the text changed with every party's consent."""
    from coordina.services.negotiation.drafts import current_draft

    with acting(db, negotiation_id, user_id) as act:
        act.allow(Write.agree_modifications)
        review = act.session.get(Review, review_id)
        if review is None or review.negotiation_id != negotiation_id:
            raise Refused("review", f"no review {review_id}")
        current = current_draft(act)
        if current is None or current.kind != "change":
            raise Refused("modifications_agreed_by_all", "record the modified text as a 'change' draft and have "
                          "every party consent to it first")  # fmt: skip
        review.settled = True
        act.audit("agree_modifications", review=review_id, draft=current.number)


def choose_outcome(db: Database, user_id: int, negotiation_id: int, outcome: str,
                   expected_version: int) -> NegotiationView:  # fmt: skip
    """No agreement in review: repeat step 3, suspend, abandon, or officially cancel (ILO brief)."""
    chosen = ReviewOutcome(outcome)
    with acting(db, negotiation_id, user_id) as act:
        act.allow(Write.choose_outcome)
        act.bump(expected_version)
        if chosen is ReviewOutcome.repeat_negotiations:
            act.negotiation.step = Step.negotiations.value
        else:
            act.negotiation.status = {
                ReviewOutcome.suspend: Status.suspended, ReviewOutcome.abandon: Status.abandoned,
                ReviewOutcome.cancel: Status.cancelled,
            }[chosen].value  # fmt: skip
        act.audit("review_outcome", outcome=chosen.value)
        return NegotiationView.of(act.negotiation)


def resume(db: Database, user_id: int, negotiation_id: int, expected_version: int) -> NegotiationView:
    with acting(db, negotiation_id, user_id) as act:
        act.allow(Write.resume)
        act.bump(expected_version)
        act.negotiation.status = Status.active.value
        act.audit("resume", step=act.negotiation.step)
        return NegotiationView.of(act.negotiation)


def set_languages(db: Database, user_id: int, negotiation_id: int, languages: list[str],
                  expected_version: int, translations: dict[str, str] | None = None) -> NegotiationView:  # fmt: skip
    """The official languages of the authentic texts, and who translates the text into each of
    them (ILO brief, step 5: translation into the national languages where needed)."""
    translations = translations or {}
    if not languages:
        raise Refused("official_languages", "name at least one official language")
    strays = sorted(set(translations) - set(languages))
    if strays:
        raise Refused("translations", f"translations are into official languages; not official: {', '.join(strays)}")
    with acting(db, negotiation_id, user_id) as act:
        act.allow(Write.set_languages)
        act.bump(expected_version)
        act.negotiation.official_languages = languages
        act.negotiation.translations = translations
        act.audit("set_languages", languages=languages, translations=translations)
        return NegotiationView.of(act.negotiation)


def sign(db: Database, user_id: int, negotiation_id: int, *, signatory: str, capacity: str, signed_on: date,
         place: str, full_powers: str | None = None, deposited_in: str | None = None) -> None:  # fmt: skip
    """A party signs. Only a head of delegation records it; a signatory who is not Head of State,
    Head of Government or Minister of Foreign Affairs needs an instrument of full powers."""
    with acting(db, negotiation_id, user_id) as act:
        act.allow(Write.sign)
        if not act.negotiation.official_languages:
            raise Refused("official_languages", "agree on the official languages of the authentic texts first")
        if capacity not in SIGNING_WITHOUT_FULL_POWERS and not full_powers:
            raise Refused("full_powers", f"a signatory acting as {capacity!r} needs an instrument of full powers")
        assert act.party is not None
        if act.session.scalar(select(Signature).where(Signature.negotiation_id == negotiation_id,
                                                      Signature.party == act.party)):  # fmt: skip
            raise Refused("sign_once", f"{act.party} has already signed")
        act.session.add(Signature(negotiation_id=negotiation_id, party=act.party, signatory=signatory,
                                  capacity=capacity, full_powers=full_powers, signed_on=signed_on, place=place,
                                  languages=act.negotiation.official_languages, deposited_in=deposited_in,
                                  user_id=user_id))  # fmt: skip
        act.audit("sign", party=act.party, signatory=signatory, capacity=capacity, deposited_in=deposited_in)


def ratify(db: Database, user_id: int, negotiation_id: int, *, procedure: str, approved_on: date,
           notified_on: date) -> None:  # fmt: skip
    """Approval or ratification by the party's national procedure, and its notification."""
    chosen = ApprovalProcedure(procedure)
    if notified_on < approved_on:
        raise Refused("notification_after_approval", "the notification follows the approval")
    with acting(db, negotiation_id, user_id) as act:
        act.allow(Write.ratify)
        assert act.party is not None
        act.session.add(Ratification(negotiation_id=negotiation_id, party=act.party, procedure=chosen.value,
                                     approved_on=approved_on, notified_on=notified_on))  # fmt: skip
        act.audit("ratify", party=act.party, procedure=chosen.value, notified_on=notified_on.isoformat())


def conclude_arrangement(db: Database, user_id: int, negotiation_id: int, *, title: str,
                         forms: list[dict[str, Any]], data_protection: str, bodies: list[dict[str, Any]] | None = None,
                         expected_version: int = 0) -> None:  # fmt: skip
    """The administrative arrangement: its forms (per benefit, the personal data collected; for
    coordina's forms, the purpose, the fields and the retention, ``services.arrangement_forms``),
    the liaison agencies and competent institutions it names (``services.arrangement_bodies``;
    None keeps those already recorded) and its data-protection provisions."""
    forms = arrangement_forms.checked(forms)
    if not data_protection.strip():
        raise Refused("data_protection", "state the data-protection provisions")
    with acting(db, negotiation_id, user_id) as act:
        act.allow(Write.conclude_arrangement)
        named = None if bodies is None else arrangement_bodies.checked(bodies, act.negotiation.parties)
        row = act.session.scalar(select(Arrangement).where(Arrangement.negotiation_id == negotiation_id))
        if row is None:
            check_version(0, expected_version, "the arrangement")
            act.session.add(Arrangement(negotiation_id=negotiation_id, title=title, forms=forms,
                                        data_protection=data_protection, bodies=named))  # fmt: skip
        else:
            check_version(row.version, expected_version, "the arrangement")
            if row.signed_on is not None:
                raise Refused("arrangement_signed", "the arrangement is signed and can no longer change")
            row.title, row.forms, row.data_protection, row.version = title, forms, data_protection, row.version + 1
            row.bodies = row.bodies if named is None else named
        act.audit("conclude_arrangement", forms=[f["name"] for f in forms],
                  bodies=[b["id"] for b in named or []])  # fmt: skip


def sign_arrangement(db: Database, user_id: int, negotiation_id: int, signed_on: date) -> None:
    with acting(db, negotiation_id, user_id) as act:
        act.allow(Write.sign_arrangement)
        row = act.session.scalar(select(Arrangement).where(Arrangement.negotiation_id == negotiation_id))
        if row is None:
            raise Refused("arrangement", "conclude the administrative arrangement first")
        if row.signed_on is not None:
            raise Refused("arrangement_signed", f"the arrangement was signed on {row.signed_on.isoformat()}; "
                          "a signature is not replaced")  # fmt: skip
        first_signature = act.session.scalar(select(func.min(Signature.signed_on)).where(
            Signature.negotiation_id == negotiation_id))  # fmt: skip
        if first_signature is not None and signed_on < first_signature:
            raise Refused("arrangement_after_agreement", f"the arrangement ({signed_on.isoformat()}) implements "
                          f"the agreement signed on {first_signature.isoformat()}: not before it")  # fmt: skip
        row.signed_on = signed_on
        act.audit("sign_arrangement", signed_on=signed_on.isoformat())


def set_encoding(db: Database, user_id: int, negotiation_id: int, data: dict[str, Any]) -> None:
    """The agreed text encoded for the engine, in the library's agreement format."""
    try:
        agreement = Agreement.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise Refused("encoding", f"{where}: {first['msg']} ({error.error_count()} problem(s))") from None
    if agreement.id in catalog.library().agreements:
        raise Refused("agreement_id", f"the id {agreement.id!r} is a bundled agreement's")
    with acting(db, negotiation_id, user_id) as act:
        act.allow(Write.set_encoding)
        if sorted(agreement.parties) != sorted(act.negotiation.parties):
            raise Refused("encoding_parties", "the encoding's parties are the negotiation's parties")
        agreement = _as_amendment(act, agreement)
        act.negotiation.agreement_id = agreement.id
        existing = act.session.get(LibraryAgreement, agreement.id)
        if existing is not None and existing.negotiation_id != negotiation_id:
            raise Refused("agreement_id", f"the id {agreement.id!r} is used by another negotiation")
        if existing is None:
            act.session.add(LibraryAgreement(id=agreement.id, negotiation_id=negotiation_id,
                                             data=agreement.model_dump(mode="json", exclude_none=True)))  # fmt: skip
        else:
            existing.data = agreement.model_dump(mode="json", exclude_none=True)
        act.audit("set_encoding", agreement=agreement.id)


def _as_amendment(act: Acting, agreement: Agreement) -> Agreement:
    """An amending negotiation's agreement is a version of the one it amends (``version_of``,
    filled in where the encoding leaves it out); any other negotiation's is an agreement of its own."""
    amends = act.negotiation.amends
    if amends is None:
        if agreement.version_of is not None:
            raise Refused("amends", f"the encoding is a version of {agreement.version_of!r}, but this negotiation "
                          "amends nothing: open an amending negotiation (amends) to change an agreement")  # fmt: skip
        return agreement
    if agreement.version_of not in (None, amends):
        raise Refused("amends", f"this negotiation amends {amends!r}; the encoding is a version of "
                      f"{agreement.version_of!r}")  # fmt: skip
    if agreement.id == amends:
        raise Refused("agreement_id", f"the amendment is a version of {amends!r} with an id of its own")
    return agreement.model_copy(update={"version_of": amends})


def _check_after_amended(act: Acting, amends: str, in_force: date) -> None:
    """An amendment enters into force after every text in force of the agreement it amends."""
    texts = [a.in_force for a in catalog.library().agreements.values() if amends in (a.id, a.version_of)]
    rows = act.session.scalars(select(LibraryAgreement).join(Negotiation).where(
        Negotiation.status == Status.in_force.value))  # fmt: skip
    texts += [date.fromisoformat(r.data["in_force"]) for r in rows if amends in (r.id, r.data.get("version_of"))]
    latest = max((d for d in texts if d is not None), default=None)
    if latest is not None and in_force <= latest:
        raise Refused("amendment_after_amended", f"the amendment would enter into force on {in_force.isoformat()}, "
                      f"not after the text of {amends} in force since {latest.isoformat()}")  # fmt: skip


def entry_into_force_date(rule: dict[str, Any], last_notification: date) -> date:
    """The date the agreement's own rule gives, e.g. the first day of the Nth month after the last
    notification (France-Tunisia Art. 64: N = 2)."""
    kind, months, days = rule.get("kind"), rule.get("months"), rule.get("days")
    if kind in ("first_day_of_nth_month_after_last_notification",
                "first_day_of_nth_month_after_exchange_of_instruments") and isinstance(months, int):  # fmt: skip
        return add_months(last_notification.replace(day=1), months)
    if kind == "nth_day_after_deposit" and isinstance(days, int):
        from datetime import timedelta

        return last_notification + timedelta(days=days)
    raise Refused("entry_into_force_rule", "the negotiation has no usable entry-into-force rule")


def complete_entry_into_force(act: Acting) -> None:
    """Called by the transition to step 8: fix the date and hand the agreement to the library."""
    notified = act.session.scalars(select(Ratification.notified_on).where(
        Ratification.negotiation_id == act.negotiation.id)).all()  # fmt: skip
    in_force = entry_into_force_date(act.negotiation.entry_into_force_rule, max(notified))
    if act.negotiation.agreement_id is None:
        raise Refused("encoded_for_the_engine", "encode the agreed text for the engine (set_encoding) first")
    library_row = act.session.get(LibraryAgreement, act.negotiation.agreement_id)
    assert library_row is not None
    if act.negotiation.amends is not None:
        _check_after_amended(act, act.negotiation.amends, in_force)
    signatures = act.session.scalars(select(Signature.signed_on).where(
        Signature.negotiation_id == act.negotiation.id)).all()  # fmt: skip
    library_row.data = {**library_row.data, "in_force": in_force.isoformat(), "signed": max(signatures).isoformat(),
                        **_arrangement_signed(act, library_row.data)}  # fmt: skip
    act.negotiation.in_force = in_force
    act.negotiation.status = Status.in_force.value
    act.audit("entry_into_force", in_force=in_force.isoformat(), agreement=act.negotiation.agreement_id)


def _arrangement_signed(act: Acting, data: dict[str, Any]) -> dict[str, Any]:
    """The signature date of the arrangement, for an encoding that carried the arrangement over
    from the workspace before it was signed (``encoding.from_arrangement``)."""
    carried = data.get("administrative_arrangement") or {}
    if carried.get("source") != CONCLUDED or carried.get("signed"):
        return {}
    row = act.session.scalar(select(Arrangement).where(Arrangement.negotiation_id == act.negotiation.id))
    signed = row.signed_on if row is not None else None
    return {} if signed is None else {"administrative_arrangement": {**carried, "signed": signed.isoformat()}}
