"""Who takes part in a negotiation: the user's own role and delegation, and every delegation with
its representatives (the brief's checklist item 1) and members, and the facilitators (read-only).

Members are shown to every participant (who sits at the table is shared); a delegation's notes are
not (``workspace.notes``).
"""

from typing import Any

from pydantic import BaseModel
from sqlalchemy import select

from coordina.services.negotiation.access import acting
from coordina.store.db import Database
from coordina.store.tables import Delegation, Membership, User


class Participation(BaseModel):
    """The user's part in a negotiation: a role, and a party (None for a facilitator)."""

    role: str
    party: str | None


class MemberView(BaseModel):
    username: str
    full_name: str
    role: str


class DelegationView(BaseModel):
    party: str
    representatives: list[dict[str, Any]]
    members: list[MemberView]


class ParticipantsView(BaseModel):
    delegations: list[DelegationView]
    facilitators: list[MemberView]


def participation(db: Database, user_id: int, negotiation_id: int) -> Participation:
    """The user's role and party; Forbidden (rule ``participant``) if the user takes no part."""
    with acting(db, negotiation_id, user_id, write=False) as act:
        return Participation(role=act.role.value, party=act.party)


def participants(db: Database, user_id: int, negotiation_id: int) -> ParticipantsView:
    """The delegations in the order of the negotiation's parties, with their members by role."""
    with acting(db, negotiation_id, user_id, write=False) as act:
        delegations = {
            d.party: d
            for d in act.session.scalars(select(Delegation).where(Delegation.negotiation_id == negotiation_id))
        }
        rows = act.session.execute(
            select(Membership.delegation_id, Membership.role, User.username, User.full_name)
            .join(User, User.id == Membership.user_id)
            .where(Membership.negotiation_id == negotiation_id)
            .order_by(Membership.id)
        ).all()
        by_delegation: dict[int | None, list[MemberView]] = {}
        for delegation_id, role, username, full_name in rows:
            by_delegation.setdefault(delegation_id, []).append(
                MemberView(username=username, full_name=full_name, role=role)
            )
        return ParticipantsView(
            delegations=[
                DelegationView(
                    party=party,
                    representatives=list(delegations[party].representatives or []),
                    members=by_delegation.get(delegations[party].id, []),
                )
                for party in act.negotiation.parties
                if party in delegations
            ],
            facilitators=by_delegation.get(None, []),
        )
