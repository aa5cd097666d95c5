"""Who may do what: users act for their delegation, with a role; every change is audited.

Concurrent writers: ``acting`` locks the negotiation's row (PostgreSQL); a version is checked and
bumped in one conditional UPDATE, so that of two writes naming the same version exactly one wins
(on SQLite too, which has no row locks); numbers the service assigns are retried on a collision.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import wraps
from typing import Any, ParamSpec, TypeVar

from sqlalchemy import Row, bindparam, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from coordina.domain.negotiation import Role, Status, Step
from coordina.domain.permissions import Write, refusal
from coordina.services.errors import Forbidden, NotFound, Refused, StaleVersion
from coordina.store.db import Database, is_collision
from coordina.store.tables import AuditEntry, Delegation, Membership, Negotiation

ATTEMPTS = 10  # tries of a transaction whose assigned number a concurrent one took

# The negotiation and the user's part in it, in one statement. Built once, with parameters:
# constructing a statement costs more than running it, and every read starts with this one.
_PART = (Membership.negotiation_id == Negotiation.id) & (Membership.user_id == bindparam("user_id"))
_READING = (
    select(Negotiation, Membership.role, Delegation.party)
    .outerjoin(Membership, _PART)
    .outerjoin(Delegation, Delegation.id == Membership.delegation_id)
    .where(Negotiation.id == bindparam("negotiation_id"))
)
_MEMBERSHIP = select(Membership).where(
    Membership.negotiation_id == bindparam("negotiation_id"), Membership.user_id == bindparam("user_id")
)
_READING_ROW = (  # the same as columns: no unit of work, no entity
    select(Negotiation.__table__, Membership.role)
    .outerjoin(Membership, _PART)
    .where(Negotiation.id == bindparam("negotiation_id"))
)

P = ParamSpec("P")
T = TypeVar("T")
R = TypeVar("R", bound=Row[*tuple[Any, ...]])  # a result row, of any columns


@dataclass
class Acting:
    """A user acting in one negotiation, inside one transaction."""

    session: Session
    negotiation: Negotiation
    user_id: int
    role: Role
    party: str | None  # None for a facilitator

    @property
    def step(self) -> Step:
        return Step(self.negotiation.step)

    def audit(self, action: str, **detail: Any) -> None:
        self.session.add(
            AuditEntry(negotiation_id=self.negotiation.id, user_id=self.user_id, action=action, detail=detail)
        )

    def allow(self, write: Write) -> None:
        """Refuse ``write`` unless the table of ``coordina.domain.permissions`` allows it to this
        role in the negotiation's current step and status (the one place writes are checked)."""
        refused = refusal(write, self.role, self.step, Status(self.negotiation.status))
        if refused is not None:
            raise (Forbidden if refused.forbidden else Refused)(refused.rule, refused.message)

    def require_party(self, party: str, rule: str = "own_delegation") -> None:
        if self.party != party:
            raise Forbidden(rule, f"you act for {self.party or 'no delegation'}, not {party}")

    def bump(self, expected_version: int | None) -> None:
        """Optimistic locking on the negotiation: a stale write is refused, never applied.

        The check and the increment are one statement (``UPDATE … WHERE version = :expected``):
        of two writers that read the same version, the second finds no row to update."""
        check_version(self.negotiation.version, expected_version, "negotiation")
        statement = update(Negotiation).where(Negotiation.id == self.negotiation.id)
        if expected_version is not None:
            statement = statement.where(Negotiation.version == expected_version)
        bumped = self.session.connection().execute(
            statement.values(version=Negotiation.version + 1).returning(Negotiation.version)
        )
        new_version = bumped.scalar_one_or_none()
        if new_version is None:
            current = self.session.scalar(select(Negotiation.version).where(Negotiation.id == self.negotiation.id))
            raise StaleVersion("optimistic_lock", f"negotiation is at version {current}, your change was based on "
                               f"{expected_version}: someone saved a change a moment ago")  # fmt: skip
        set_committed_value(self.negotiation, "version", new_version)

    def hold(self) -> None:
        """Make this transaction the negotiation's only writer until it ends, before reading what
        a write depends on (the next number): PostgreSQL holds the row lock ``acting`` took; SQLite,
        which has no row locks, takes its write lock on this first write (waiting for others)."""
        self.session.connection().execute(
            update(Negotiation).where(Negotiation.id == self.negotiation.id).values(version=Negotiation.version)
        )

    def delegation(self, party: str) -> Delegation:
        found = self.session.scalar(
            select(Delegation).where(Delegation.negotiation_id == self.negotiation.id, Delegation.party == party)
        )
        if found is None:
            raise NotFound("delegation", f"no delegation of {party} in this negotiation")
        return found


def check_version(current: int, expected: int | None, what: str) -> None:
    if expected is not None and expected != current:
        raise StaleVersion("optimistic_lock", f"{what} is at version {current}, your change was based on {expected}")


def retry_on_collision(action: Callable[P, T]) -> Callable[P, T]:
    """Run ``action`` (one whole transaction) again when a number it assigned was taken by a
    concurrent transaction; after ``ATTEMPTS`` tries the collision is refused as stale (409)."""

    @wraps(action)
    def retried(*args: P.args, **kwargs: P.kwargs) -> T:
        for _ in range(ATTEMPTS - 1):
            try:
                return action(*args, **kwargs)
            except StaleVersion as error:
                if not is_collision(error):
                    raise
        return action(*args, **kwargs)

    return retried


@contextmanager
def acting(db: Database, negotiation_id: int, user_id: int, *, write: bool = True) -> Iterator[Acting]:
    """Open a transaction as ``user_id`` in the negotiation; refuse users who take no part in it.

    ``write=False`` for a service that only reads: it takes no row lock (on PostgreSQL a read
    would otherwise wait for every writer of the negotiation to commit)."""
    if not write:
        with db.transaction() as session:
            yield _reading(session, negotiation_id, user_id)
        return
    with db.writing(), db.transaction() as session:
        negotiation = session.get(Negotiation, negotiation_id, with_for_update=True)
        if negotiation is None:
            raise NotFound("negotiation", f"no negotiation {negotiation_id}")
        membership = session.scalar(_MEMBERSHIP, {"negotiation_id": negotiation_id, "user_id": user_id})
        if membership is None:
            raise Forbidden("participant", "you take no part in this negotiation")
        party = None
        if membership.delegation_id is not None:
            delegation = session.get(Delegation, membership.delegation_id)
            party = delegation.party if delegation else None
        yield Acting(session, negotiation, user_id, Role(membership.role), party)


def _reading(session: Session, negotiation_id: int, user_id: int) -> Acting:
    """The negotiation and the user's part in it in one statement, without a lock."""
    found = session.execute(_READING, {"user_id": user_id, "negotiation_id": negotiation_id}).first()
    negotiation, role, party = _taking_part(found, negotiation_id)
    return Acting(session, negotiation, user_id, Role(role), party)


def negotiation_row(db: Database, negotiation_id: int, user_id: int) -> Row[Any]:
    """The negotiation's columns, for a user who takes part in it: one read on a connection, for
    the views that need nothing else (the most frequent request of the API)."""
    with db.engine.connect() as connection:
        found = connection.execute(_READING_ROW, {"user_id": user_id, "negotiation_id": negotiation_id}).first()
    return _taking_part(found, negotiation_id)


def _taking_part(found: R | None, negotiation_id: int) -> R:
    """``found`` if the negotiation exists and the user has a role in it (the row's ``role``)."""
    if found is None:
        raise NotFound("negotiation", f"no negotiation {negotiation_id}")
    if found.role is None:
        raise Forbidden("participant", "you take no part in this negotiation")
    return found
