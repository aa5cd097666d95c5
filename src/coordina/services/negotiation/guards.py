"""The guards of the state machine's transitions, evaluated on stored facts.

Each returns None when it holds, else the reason it does not (shown to the user).
"""

from collections.abc import Callable

from sqlalchemy import select

from coordina.domain.negotiation import PointStatus, Role
from coordina.services.negotiation.access import Acting
from coordina.services.negotiation.drafts import current_draft, text_is_initialled
from coordina.store.tables import (
    Arrangement,
    ContentiousPoint,
    Delegation,
    Draft,
    Initialling,
    Membership,
    Ratification,
    Review,
    Signature,
)


def _parties_with(act: Acting, rows: object) -> set[str]:
    return {row.party for row in rows}  # type: ignore[attr-defined]


def _missing(act: Acting, present: set[str], what: str) -> str | None:
    missing = [p for p in act.negotiation.parties if p not in present]
    return f"{what}: missing for {', '.join(missing)}" if missing else None


def every_party_has_a_head_of_delegation(act: Acting) -> str | None:
    heads = act.session.execute(
        select(Delegation.party)
        .join(Membership, Membership.delegation_id == Delegation.id)
        .where(Delegation.negotiation_id == act.negotiation.id, Membership.role == Role.head.value)
    )
    return _missing(act, {party for (party,) in heads}, "a head of delegation")


def a_draft_is_shared_with_every_party(act: Acting) -> str | None:
    shared = act.session.scalar(
        select(Draft).where(Draft.negotiation_id == act.negotiation.id, Draft.shared_at.is_not(None)).limit(1)
    )
    return None if shared else "no draft has been shared with all parties yet"


def no_open_contentious_points(act: Acting) -> str | None:
    open_points = act.session.scalars(
        select(ContentiousPoint).where(
            ContentiousPoint.negotiation_id == act.negotiation.id,
            ContentiousPoint.status.in_([PointStatus.open.value, PointStatus.postponed.value]),
        )
    ).all()
    if open_points:
        return "contentious points still open on article(s) " + ", ".join(p.article for p in open_points)
    return None


def every_head_initialled_the_current_text(act: Acting) -> str | None:
    draft = current_draft(act)
    if draft is None:
        return "there is no text to initial"
    if text_is_initialled(act):
        return None
    rows = act.session.scalars(
        select(Initialling).where(Initialling.draft_id == draft.id, Initialling.content_hash == draft.content_hash)
    )
    return _missing(act, _parties_with(act, rows), f"initials of draft {draft.number}")


def every_party_reviewed_without_open_modifications(act: Acting) -> str | None:
    reviews = act.session.scalars(select(Review).where(Review.negotiation_id == act.negotiation.id)).all()
    problem = _missing(act, {r.party for r in reviews}, "a review by the party's authorities")
    if problem:
        return problem
    pending = [r for r in reviews if r.outcome == "modifications_requested" and not r.settled]
    if pending:
        return "modifications requested by " + ", ".join(r.party for r in pending) + " are not yet agreed by all"
    return None


def every_party_signed(act: Acting) -> str | None:
    rows = act.session.scalars(select(Signature).where(Signature.negotiation_id == act.negotiation.id))
    return _missing(act, _parties_with(act, rows), "a signature")


def every_party_approved_or_ratified(act: Acting) -> str | None:
    rows = act.session.scalars(select(Ratification).where(Ratification.negotiation_id == act.negotiation.id))
    return _missing(act, _parties_with(act, rows), "approval or ratification")


def administrative_arrangement_signed(act: Acting) -> str | None:
    arrangement = act.session.scalar(select(Arrangement).where(Arrangement.negotiation_id == act.negotiation.id))
    if arrangement is None or arrangement.signed_on is None:
        return "the administrative arrangement is not signed"
    return None


GUARDS: dict[str, Callable[[Acting], str | None]] = {
    guard.__name__: guard
    for guard in (
        every_party_has_a_head_of_delegation,
        a_draft_is_shared_with_every_party,
        no_open_contentious_points,
        every_head_initialled_the_current_text,
        every_party_reviewed_without_open_modifications,
        every_party_signed,
        every_party_approved_or_ratified,
        administrative_arrangement_signed,
    )
}
