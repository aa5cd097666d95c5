"""Opening a negotiation, its delegations and members (step 1), notes, the audit log, and moving
between steps through the declared state machine."""

from datetime import date

from pydantic import TypeAdapter, ValidationError
from sqlalchemy import select

from coordina.domain.negotiation import Role, Status, Step, transition
from coordina.domain.party import Party
from coordina.domain.permissions import Write
from coordina.domain.vocabulary import Branch
from coordina.services import library
from coordina.services.accounts.names import key as username_key
from coordina.services.errors import Forbidden, NotFound, Refused
from coordina.services.negotiation.access import Acting, acting, negotiation_row
from coordina.services.negotiation.closing import complete_entry_into_force
from coordina.services.negotiation.guards import GUARDS
from coordina.services.negotiation.views import AuditView, NegotiationView, NoteView
from coordina.store.db import Database
from coordina.store.tables import AuditEntry, Delegation, Membership, Negotiation, Note, User

_party = TypeAdapter(Party)


def open_negotiation(
    db: Database,
    user_id: int,
    *,
    title: str,
    parties: list[str],
    branches: list[str],
    drafting_party: str,
    own_party: str,
    time_frame_start: date | None = None,
    time_frame_end: date | None = None,
    entry_into_force_rule: dict[str, object] | None = None,
    amends: str | None = None,
) -> NegotiationView:
    """Open a negotiation between two or more parties; the opener heads the own party's delegation.

    ``amends`` names an agreement of the library (bundled, or negotiated here and in force) that
    this negotiation amends, between the same parties: on its entry into force, its agreement is
    a new version of that one, applied to claims from its own date; the amended text stays as it
    was (a concluded negotiation is read-only)."""
    try:
        parties = [_party.validate_python(p) for p in parties]
        drafting_party, own_party = _party.validate_python(drafting_party), _party.validate_python(own_party)
        branches = [Branch(b).value for b in branches]
    except ValidationError as error:
        raise Refused("vocabulary", error.errors()[0]["msg"]) from None
    except ValueError as error:
        raise Refused("vocabulary", str(error)) from None
    if len(set(parties)) < 2 or len(set(parties)) != len(parties):
        raise Refused("parties", "a negotiation has two or more different parties")
    if drafting_party not in parties or own_party not in parties:
        raise Refused("parties", "the drafting party and your own party must be among the parties")
    if not branches:
        raise Refused("branches", "name the branches in scope")
    if amends is not None:
        amends = _amended(db, amends, parties)
    with db.transaction() as session:
        negotiation = Negotiation(
            title=title, kind="bilateral" if len(parties) == 2 else "multilateral", parties=parties,
            branches=branches, drafting_party=drafting_party, time_frame_start=time_frame_start,
            time_frame_end=time_frame_end, entry_into_force_rule=entry_into_force_rule or {},
            step=Step.preliminary_discussions.value, status=Status.active.value, official_languages=[],
            translations={}, amends=amends,
        )  # fmt: skip
        session.add(negotiation)
        session.flush()
        for party in parties:
            session.add(Delegation(negotiation_id=negotiation.id, party=party, representatives=[]))
        session.flush()
        own = session.scalar(
            select(Delegation).where(Delegation.negotiation_id == negotiation.id, Delegation.party == own_party)
        )
        assert own is not None
        session.add(Membership(negotiation_id=negotiation.id, delegation_id=own.id, user_id=user_id,
                               role=Role.head.value))  # fmt: skip
        session.add(AuditEntry(negotiation_id=negotiation.id, user_id=user_id, action="open_negotiation",
                               detail={"title": title, "parties": parties, "branches": branches}))  # fmt: skip
        return NegotiationView.of(negotiation)


def _amended(db: Database, agreement_id: str, parties: list[str]) -> str:
    """The agreement an amendment amends (the first text of it, which its versions name)."""
    amended = library.agreement(db, agreement_id)
    if set(amended.parties) != set(parties):
        raise Refused("amendment_parties", f"{agreement_id} is between {', '.join(amended.parties)}: an amendment "
                      "is negotiated between the same parties")  # fmt: skip
    return amended.version_of or amended.id


def add_member(db: Database, user_id: int, negotiation_id: int, *, username: str, role: str,
               party: str | None) -> None:  # fmt: skip
    """Heads add members to their own delegation; any head may seat the first head of a delegation
    that has none, or a facilitator (who belongs to no party)."""
    with acting(db, negotiation_id, user_id) as act:
        act.allow(Write.add_member)
        new_role = Role(role)
        member = act.session.scalar(select(User).where(User.username_key == username_key(username)))
        if member is None:
            raise NotFound("user", f"no user {username!r}")
        delegation_id = None
        if new_role is Role.facilitator:
            if party is not None:
                raise Refused("facilitator", "a facilitator belongs to no party's delegation")
        else:
            if party is None:
                raise Refused("party", "name the delegation's party")
            delegation = act.delegation(party)
            if party != act.party and not (new_role is Role.head and not _has_head(act, delegation.id)):
                raise Forbidden("own_delegation", f"only {party}'s head adds members to {party}'s delegation")
            delegation_id = delegation.id
        if act.session.scalar(select(Membership).where(Membership.negotiation_id == negotiation_id,
                                                       Membership.user_id == member.id)):  # fmt: skip
            raise Refused("one_role", f"{username} already takes part in this negotiation")
        act.session.add(Membership(negotiation_id=negotiation_id, delegation_id=delegation_id,
                                   user_id=member.id, role=new_role.value))  # fmt: skip
        act.audit("add_member", username=username, role=new_role.value, party=party)


def _has_head(act: Acting, delegation_id: int) -> bool:
    return (
        act.session.scalar(
            select(Membership).where(Membership.delegation_id == delegation_id, Membership.role == Role.head.value)
        )
        is not None
    )


def set_representatives(db: Database, user_id: int, negotiation_id: int, party: str,
                        representatives: list[dict[str, str]]) -> None:  # fmt: skip
    """The checklist's list of representatives (name, ministry or institution, function)."""
    with acting(db, negotiation_id, user_id) as act:
        act.allow(Write.set_representatives)
        act.require_party(party)
        for index, person in enumerate(representatives):
            if not person.get("name") or not person.get("institution"):
                raise Refused("representatives", f"representative {index + 1} needs a name and an institution")
        act.delegation(party).representatives = representatives
        act.audit("set_representatives", party=party, count=len(representatives))


def get(db: Database, user_id: int, negotiation_id: int) -> NegotiationView:
    return NegotiationView.of(negotiation_row(db, negotiation_id, user_id))


def list_for(db: Database, user_id: int | None) -> list[NegotiationView]:
    """The negotiations a user takes part in (every negotiation when ``user_id`` is None: local CLI)."""
    with db.transaction() as session:
        query = select(Negotiation).order_by(Negotiation.id)
        if user_id is not None:
            query = query.join(Membership, Membership.negotiation_id == Negotiation.id).where(
                Membership.user_id == user_id
            )
        return [NegotiationView.of(n) for n in session.scalars(query)]


def take_step(db: Database, user_id: int, negotiation_id: int, event: str, expected_version: int) -> NegotiationView:
    """Move to the next step if every guard of the transition holds; a head decides."""
    with acting(db, negotiation_id, user_id) as act:
        act.allow(Write.take_step)
        try:
            chosen = transition(event, act.step, Status(act.negotiation.status))
        except ValueError as error:
            raise Refused("step_order", str(error)) from None
        for guard in chosen.guards:
            problem = GUARDS[guard](act)
            if problem:
                raise Refused(guard, problem)
        act.bump(expected_version)
        act.negotiation.step = chosen.target.value
        act.audit(event, from_step=chosen.source.value, to_step=chosen.target.value)
        if chosen.target is Step.entry_into_force:
            complete_entry_into_force(act)
        return NegotiationView.of(act.negotiation)


def add_note(db: Database, user_id: int, negotiation_id: int, text: str) -> NoteView:
    with acting(db, negotiation_id, user_id) as act:
        act.allow(Write.add_note)
        if act.party is None:
            raise Forbidden("own_delegation", "a facilitator has no delegation notes")
        note = Note(negotiation_id=negotiation_id, delegation_id=act.delegation(act.party).id, user_id=user_id,
                    text=text)  # fmt: skip
        act.session.add(note)
        act.session.flush()
        act.audit("add_note", party=act.party, note=note.id)  # shown to that delegation alone
        return NoteView(id=note.id, party=act.party, text=note.text, at=note.at)


def notes(db: Database, user_id: int, negotiation_id: int) -> list[NoteView]:
    """Only the notes of the user's own delegation: internal notes are never shared."""
    with acting(db, negotiation_id, user_id, write=False) as act:
        if act.party is None:
            return []
        delegation = act.delegation(act.party)
        rows = act.session.scalars(select(Note).where(Note.delegation_id == delegation.id).order_by(Note.id))
        return [NoteView(id=n.id, party=act.party, text=n.text, at=n.at) for n in rows]


def audit_log(db: Database, user_id: int, negotiation_id: int) -> list[AuditView]:
    with acting(db, negotiation_id, user_id, write=False) as act:
        rows = act.session.execute(
            select(AuditEntry, User.username)
            .outerjoin(User, User.id == AuditEntry.user_id)
            .where(AuditEntry.negotiation_id == negotiation_id)
            .order_by(AuditEntry.id)
        )
        return [
            AuditView(id=e.id, at=e.at, user=name, action=e.action, detail=e.detail)
            for e, name in rows
            if e.action != "add_note" or e.detail.get("party") == act.party
        ]
