"""Who a user is and where they take part: the account page and the invitation form read it.

A user acts in a negotiation with one role (``coordina.domain.negotiation.Role``): for a
delegation (head, member, observer) or as facilitator, with no party. The invitation rules
(``coordina.services.accounts.invitations``): a head invites members and observers of their own
delegation; an administrator invites the head of any delegation. ``open_to_invitations`` lists
the delegations a user may invite into by those rules; the invitation service checks them again
(and the step of the process) when an invitation is made and when it is accepted.
"""

from dataclasses import dataclass

from sqlalchemy import select

from coordina.domain.negotiation import Role
from coordina.errors import Unauthorized
from coordina.store.db import Database
from coordina.store.tables import Delegation, Membership, Negotiation, User

BY_HEADS = (Role.member.value, Role.observer.value)
BY_ADMINISTRATORS = (Role.head.value,)


@dataclass(frozen=True)
class Part:
    """A user's part in one negotiation."""

    negotiation_id: int
    title: str
    step: int
    status: str
    party: str | None  # None for a facilitator
    role: str


@dataclass(frozen=True)
class Account:
    user_id: int
    username: str
    full_name: str
    administrator: bool
    parts: tuple[Part, ...]


@dataclass(frozen=True)
class OpenDelegation:
    """A delegation a user may invite into, and the roles they may invite as."""

    negotiation_id: int
    title: str
    party: str
    roles: tuple[str, ...]


def account(db: Database, user_id: int) -> Account:
    """The user ``user_id`` and their part in each negotiation (by negotiation id)."""
    with db.transaction() as session:
        user = session.get(User, user_id)
        if user is None:
            raise Unauthorized("user", f"no user {user_id}")
        rows = session.execute(
            select(Negotiation.id, Negotiation.title, Negotiation.step, Negotiation.status, Delegation.party,
                   Membership.role)
            .join(Membership, Membership.negotiation_id == Negotiation.id)
            .outerjoin(Delegation, Delegation.id == Membership.delegation_id)
            .where(Membership.user_id == user_id)
            .order_by(Negotiation.id)
        ).all()  # fmt: skip
        parts = tuple(Part(row[0], row[1], row[2], row[3], row[4], row[5]) for row in rows)
        return Account(user.id, user.username, user.full_name, user.administrator, parts)


def open_to_invitations(db: Database, user_id: int) -> list[OpenDelegation]:
    """The delegations ``user_id`` may invite into: their own as head (members, observers), and
    every delegation as an administrator (heads), by negotiation and party."""
    found = account(db, user_id)
    roles: dict[tuple[int, str], list[str]] = {}
    titles: dict[int, str] = {}
    for part in found.parts:
        if part.role == Role.head.value and part.party is not None:
            roles.setdefault((part.negotiation_id, part.party), []).extend(BY_HEADS)
            titles[part.negotiation_id] = part.title
    if found.administrator:
        with db.transaction() as session:
            rows = session.execute(
                select(Negotiation.id, Negotiation.title, Delegation.party)
                .join(Delegation, Delegation.negotiation_id == Negotiation.id)
                .order_by(Negotiation.id, Delegation.party)
            ).all()
        for negotiation_id, title, party in rows:
            roles.setdefault((negotiation_id, party), [])[:0] = BY_ADMINISTRATORS
            titles[negotiation_id] = title
    return [OpenDelegation(nid, titles[nid], party, tuple(chosen)) for (nid, party), chosen in sorted(roles.items())]
