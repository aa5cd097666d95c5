"""Invitations into a delegation: a head invites members and observers of their own delegation;
an administrator invites a head for any delegation. The invitee accepts with the token, chooses
a user name and a password, and takes part with the role the inviter chose.

A token is random (256 bits), shown once and stored only as its SHA-256 hash; it expires
(``COORDINA_INVITATION_SECONDS``, 7 days) and serves once (OWASP Forgot Password / invitation
tokens: single use, time-limited). Accepting re-checks the rules of the process at that moment
(``coordina.domain.permissions``: no new member after entry into force) and whether the inviter
still heads the delegation.
"""

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from coordina.domain.negotiation import Role, Status, Step
from coordina.domain.permissions import Write, refusal
from coordina.errors import Forbidden, NotFound, Refused, StaleVersion, Unauthorized
from coordina.services.accounts import users
from coordina.services.accounts.settings import now, settings
from coordina.services.accounts.tokens import digest
from coordina.store.db import Database, is_collision
from coordina.store.tables import AuditEntry, Delegation, Invitation, Membership, Negotiation, User

BY_HEADS = {Role.member, Role.observer}


@dataclass(frozen=True)
class NewInvitation:
    id: int
    token: str  # shown once
    negotiation_id: int
    party: str
    role: str
    expires_at: datetime


def _allowed_now(negotiation: Negotiation) -> None:
    refused = refusal(Write.add_member, Role.head, Step(negotiation.step), Status(negotiation.status))
    if refused is not None:
        raise Refused(refused.rule, refused.message)


def create(db: Database, user_id: int, negotiation_id: int, party: str, role: str) -> NewInvitation:
    """A head invites a member or observer of their own delegation; an administrator, a head."""
    try:
        chosen = Role(role)
    except ValueError:
        raise Refused("invitation_role", f"invite as head, member or observer, not {role!r}") from None
    if chosen is Role.facilitator:
        raise Refused("invitation_role", "a facilitator belongs to no delegation: a head adds one as a member")
    administrator = users.is_administrator(db, user_id)
    at = now()
    token = secrets.token_urlsafe(32)
    with db.transaction() as session:
        negotiation = session.get(Negotiation, negotiation_id)
        if negotiation is None:
            raise NotFound("negotiation", f"no negotiation {negotiation_id}")
        delegation = session.scalar(
            select(Delegation).where(Delegation.negotiation_id == negotiation_id, Delegation.party == party)
        )
        if delegation is None:
            raise NotFound("delegation", f"no delegation of {party} in this negotiation")
        if chosen is Role.head:
            if not administrator:
                raise Forbidden("administrator", "only an administrator invites a head of delegation")
        elif not _heads(session, user_id, delegation.id):
            raise Forbidden("heads_invite", f"only a head of {party}'s delegation invites its members and observers")
        _allowed_now(negotiation)
        expires = at + timedelta(seconds=settings().invitation_seconds)
        invitation = Invitation(token_hash=digest(token), negotiation_id=negotiation_id, party=party,
                                role=chosen.value, invited_by=user_id, created_at=at, expires_at=expires)  # fmt: skip
        session.add(invitation)
        session.flush()
        session.add(AuditEntry(negotiation_id=negotiation_id, user_id=user_id, action="invite",
                               detail={"party": party, "role": chosen.value, "invitation": invitation.id}))  # fmt: skip
        return NewInvitation(invitation.id, token, negotiation_id, party, chosen.value, expires)


def _heads(session: Session, user_id: int, delegation_id: int) -> bool:
    return (
        session.scalar(
            select(Membership.id).where(
                Membership.delegation_id == delegation_id,
                Membership.user_id == user_id,
                Membership.role == Role.head.value,
            )
        )
        is not None
    )


def accept(db: Database, token: str, username: str, full_name: str, password: str) -> int:
    """The new user's id: created with the chosen name and password, seated in the delegation."""
    at = now()
    try:
        with db.transaction() as session:
            invitation = session.scalar(select(Invitation).where(Invitation.token_hash == digest(token)))
            if invitation is None:
                raise Unauthorized("invitation", "unknown invitation token")
            if invitation.used_at is not None:
                raise Unauthorized("invitation_used", "this invitation was already accepted: an invitation serves once")
            if invitation.expires_at <= at:
                raise Unauthorized("invitation_expired", f"this invitation expired at "
                                   f"{invitation.expires_at:%Y-%m-%d %H:%M} UTC: ask for a new one")  # fmt: skip
            negotiation = session.get(Negotiation, invitation.negotiation_id, with_for_update=True)
            assert negotiation is not None
            role = Role(invitation.role)
            _allowed_now(negotiation)
            delegation = session.scalar(select(Delegation).where(Delegation.negotiation_id == negotiation.id,
                                                                 Delegation.party == invitation.party))  # fmt: skip
            assert delegation is not None
            inviter = session.get(User, invitation.invited_by)
            if role in BY_HEADS and not _heads(session, invitation.invited_by, delegation.id):
                raise Forbidden("heads_invite", "the inviter no longer heads the delegation: ask for a new invitation")
            if role is Role.head and (inviter is None or not inviter.administrator):
                raise Forbidden("administrator", "the inviter is no longer an administrator: ask for a new invitation")
            used = session.execute(
                update(Invitation)
                .where(Invitation.id == invitation.id, Invitation.used_at.is_(None))
                .values(used_at=at)
                .returning(Invitation.id)
            ).scalar_one_or_none()
            if used is None:
                raise Unauthorized("invitation_used", "this invitation was just accepted: an invitation serves once")
            user = users.add_user(session, username, full_name, password)
            session.execute(update(Invitation).where(Invitation.id == invitation.id).values(used_by=user.id))
            session.add(Membership(negotiation_id=negotiation.id, delegation_id=delegation.id, user_id=user.id,
                                   role=role.value))  # fmt: skip
            session.add(AuditEntry(negotiation_id=negotiation.id, user_id=user.id, action="accept_invitation",
                                   detail={"username": user.username, "role": role.value, "party": delegation.party,
                                           "invitation": invitation.id}))  # fmt: skip
            return user.id
    except StaleVersion as error:
        if is_collision(error):
            raise StaleVersion("unique_username", f"the user name {username!r} was taken a moment ago") from error
        raise
