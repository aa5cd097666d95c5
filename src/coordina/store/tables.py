"""The tables of the negotiation workspace (SQLAlchemy 2 declarative mapping).

Structured content (articles, checklists, positions) is JSON; what rules query (step, status, party, role,
version) is in columns. ``version`` columns are optimistic locks: a write names the version it read; the services
set the next one, and ``_versioned`` makes each UPDATE require the one read (``WHERE version = :read``), so a
write that lost a race matches no row and is refused. ``Acting.bump`` bumps a negotiation's in one UPDATE.
"""

from datetime import UTC, date, datetime
from typing import Any, ClassVar

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint, event, false
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.schema import CheckConstraint
from sqlalchemy.types import BigInteger, TypeDecorator


def _now() -> datetime:
    return datetime.now(UTC)


class UtcDateTime(TypeDecorator[datetime]):
    """A time-zone-aware UTC timestamp, written and read back as such on every database.

    SQLite keeps no offset and returns naive datetimes (stored as UTC, so UTC is attached on read);
    PostgreSQL returns the session's time zone, converted here to UTC. A naive datetime is refused on
    write: its zone would be a guess."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"timestamp {value.isoformat()} has no time zone; give it in UTC")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _versioned(version: Any) -> dict[str, Any]:
    """Mapper options: optimistic locking on ``version``, whose next value the services set."""
    return {"version_id_col": version, "version_id_generator": False}


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, list[Any]: JSON}


class User(Base):
    """A user: ``username`` as displayed (NFKC), ``username_key`` its case fold and
    ``username_skeleton`` its look-alike form (``services.accounts.names``), both unique.
    ``administrator`` is the system role that creates users and invites heads of delegation."""

    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    username_key: Mapped[str] = mapped_column(String(80), unique=True, index=True)
    username_skeleton: Mapped[str] = mapped_column(String(160), unique=True, index=True)
    full_name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(200))
    administrator: Mapped[bool] = mapped_column(default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


class ApiToken(Base):
    """A bearer token, stored only as its SHA-256 hash: an ``access`` token or the ``refresh``
    token issued with it. Tokens of one login share a ``family``, kept across refreshes, so that
    logging out, or replaying a refresh token already used, revokes them all (RFC 9700 s 4.14.2)."""

    __tablename__ = "api_tokens"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(100), default="api")
    kind: Mapped[str] = mapped_column(String(10), default="access", server_default="access")  # access | refresh
    family: Mapped[str | None] = mapped_column(String(32), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class Invitation(Base):
    """A one-time invitation into a delegation with a role, stored only as its token's SHA-256 hash."""

    __tablename__ = "invitations"
    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    negotiation_id: Mapped[int] = mapped_column(ForeignKey("negotiations.id", ondelete="CASCADE"), index=True)
    party: Mapped[str] = mapped_column(String(6))
    role: Mapped[str] = mapped_column(String(20))
    invited_by: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=_now)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    used_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))


class LoginFailure(Base):
    """One failed login, by the account key tried and the client address, for throttling."""

    __tablename__ = "login_failures"
    id: Mapped[int] = mapped_column(primary_key=True)
    account: Mapped[str] = mapped_column(String(80), index=True)
    address: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)


class Negotiation(Base):
    __tablename__ = "negotiations"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(20))
    parties: Mapped[list[Any]] = mapped_column(JSON)
    branches: Mapped[list[Any]] = mapped_column(JSON)
    time_frame_start: Mapped[date | None] = mapped_column(Date)
    time_frame_end: Mapped[date | None] = mapped_column(Date)
    drafting_party: Mapped[str] = mapped_column(String(6))
    official_languages: Mapped[list[Any]] = mapped_column(JSON, default=list)
    translations: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # language -> who translates
    entry_into_force_rule: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    step: Mapped[int] = mapped_column(Integer, default=1)
    status: Mapped[str] = mapped_column(String(20), default="active")
    in_force: Mapped[date | None] = mapped_column(Date)
    agreement_id: Mapped[str | None] = mapped_column(String(40))
    amends: Mapped[str | None] = mapped_column(String(40))  # the agreement an amending negotiation amends
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=_now)


class Delegation(Base):
    __tablename__ = "delegations"
    __table_args__ = (UniqueConstraint("negotiation_id", "party"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    negotiation_id: Mapped[int] = mapped_column(ForeignKey("negotiations.id", ondelete="CASCADE"))
    party: Mapped[str] = mapped_column(String(6))
    representatives: Mapped[list[Any]] = mapped_column(JSON, default=list)  # checklist item 1


class Membership(Base):
    """A user acting in a negotiation: for a delegation with a role, or as facilitator."""

    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("negotiation_id", "user_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    negotiation_id: Mapped[int] = mapped_column(ForeignKey("negotiations.id", ondelete="CASCADE"))
    delegation_id: Mapped[int | None] = mapped_column(ForeignKey("delegations.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(20))


class CountryProfile(Base):
    """A party's answers to the brief's checklist (step 1)."""

    __tablename__ = "country_profiles"
    __table_args__ = (UniqueConstraint("negotiation_id", "party"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    negotiation_id: Mapped[int] = mapped_column(ForeignKey("negotiations.id", ondelete="CASCADE"))
    party: Mapped[str] = mapped_column(String(6))
    content: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    version: Mapped[int] = mapped_column(Integer, default=1)
    __mapper_args__ = _versioned(version)


class Draft(Base):
    """One version of the text, by articles; versions are never overwritten."""

    __tablename__ = "drafts"
    __table_args__ = (UniqueConstraint("negotiation_id", "number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    negotiation_id: Mapped[int] = mapped_column(ForeignKey("negotiations.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(30))  # initial | counterproposal | revision | review_change
    party: Mapped[str | None] = mapped_column(String(6))
    based_on: Mapped[str | None] = mapped_column(String(60))
    articles: Mapped[list[Any]] = mapped_column(JSON)
    content_hash: Mapped[str] = mapped_column(String(64))
    shared_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=_now)


class Round(Base):
    __tablename__ = "rounds"
    __table_args__ = (UniqueConstraint("negotiation_id", "number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    negotiation_id: Mapped[int] = mapped_column(ForeignKey("negotiations.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    held_on: Mapped[date] = mapped_column(Date)
    host_party: Mapped[str] = mapped_column(String(6))
    participants: Mapped[list[Any]] = mapped_column(JSON, default=list)
    minutes: Mapped[str | None] = mapped_column(Text)
    minutes_draft_id: Mapped[int | None] = mapped_column(ForeignKey("drafts.id"))
    version: Mapped[int] = mapped_column(Integer, default=1)
    __mapper_args__ = _versioned(version)


class ContentiousPoint(Base):
    __tablename__ = "contentious_points"
    id: Mapped[int] = mapped_column(primary_key=True)
    negotiation_id: Mapped[int] = mapped_column(ForeignKey("negotiations.id", ondelete="CASCADE"))
    article: Mapped[str] = mapped_column(String(20))
    subject: Mapped[str] = mapped_column(Text)
    positions: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(40), default="open")
    raised_in_round: Mapped[int | None] = mapped_column(ForeignKey("rounds.id"))
    settled_in_round: Mapped[int | None] = mapped_column(ForeignKey("rounds.id"))
    resolution: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, default=1)
    __mapper_args__ = _versioned(version)


class Initialling(Base):
    __tablename__ = "initiallings"
    __table_args__ = (UniqueConstraint("draft_id", "party"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    negotiation_id: Mapped[int] = mapped_column(ForeignKey("negotiations.id", ondelete="CASCADE"))
    draft_id: Mapped[int] = mapped_column(ForeignKey("drafts.id"))
    party: Mapped[str] = mapped_column(String(6))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    content_hash: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=_now)


class Consent(Base):
    """A party's consent to change a text after it was initialled."""

    __tablename__ = "consents"
    __table_args__ = (UniqueConstraint("draft_id", "party"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    negotiation_id: Mapped[int] = mapped_column(ForeignKey("negotiations.id", ondelete="CASCADE"))
    draft_id: Mapped[int] = mapped_column(ForeignKey("drafts.id"))
    party: Mapped[str] = mapped_column(String(6))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=_now)


class Review(Base):
    __tablename__ = "reviews"
    id: Mapped[int] = mapped_column(primary_key=True)
    negotiation_id: Mapped[int] = mapped_column(ForeignKey("negotiations.id", ondelete="CASCADE"))
    party: Mapped[str] = mapped_column(String(6))
    authority: Mapped[str] = mapped_column(String(200))
    outcome: Mapped[str] = mapped_column(String(30))  # approved | modifications_requested
    modifications: Mapped[str | None] = mapped_column(Text)
    settled: Mapped[bool] = mapped_column(default=False)  # requested modifications agreed by all
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=_now)


class Signature(Base):
    __tablename__ = "signatures"
    __table_args__ = (UniqueConstraint("negotiation_id", "party"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    negotiation_id: Mapped[int] = mapped_column(ForeignKey("negotiations.id", ondelete="CASCADE"))
    party: Mapped[str] = mapped_column(String(6))
    signatory: Mapped[str] = mapped_column(String(200))
    capacity: Mapped[str] = mapped_column(String(60))
    full_powers: Mapped[str | None] = mapped_column(String(200))
    signed_on: Mapped[date] = mapped_column(Date)
    place: Mapped[str] = mapped_column(String(100))
    languages: Mapped[list[Any]] = mapped_column(JSON)
    deposited_in: Mapped[str | None] = mapped_column(String(200))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))


class Ratification(Base):
    __tablename__ = "ratifications"
    __table_args__ = (UniqueConstraint("negotiation_id", "party"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    negotiation_id: Mapped[int] = mapped_column(ForeignKey("negotiations.id", ondelete="CASCADE"))
    party: Mapped[str] = mapped_column(String(6))
    procedure: Mapped[str] = mapped_column(String(40))
    approved_on: Mapped[date] = mapped_column(Date)
    notified_on: Mapped[date] = mapped_column(Date)


class Arrangement(Base):
    """The administrative arrangement (step 7): its forms, the bodies it names, its data protection."""

    __tablename__ = "arrangements"
    id: Mapped[int] = mapped_column(primary_key=True)
    negotiation_id: Mapped[int] = mapped_column(ForeignKey("negotiations.id", ondelete="CASCADE"), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    forms: Mapped[list[Any]] = mapped_column(JSON, default=list)
    data_protection: Mapped[str] = mapped_column(Text, default="")
    bodies: Mapped[list[Any] | None] = mapped_column(JSON)  # None: not recorded
    signed_on: Mapped[date | None] = mapped_column(Date)
    version: Mapped[int] = mapped_column(Integer, default=1)
    __mapper_args__ = _versioned(version)


class Note(Base):
    """A delegation's internal note: visible to that delegation alone."""

    __tablename__ = "notes"
    id: Mapped[int] = mapped_column(primary_key=True)
    negotiation_id: Mapped[int] = mapped_column(ForeignKey("negotiations.id", ondelete="CASCADE"))
    delegation_id: Mapped[int] = mapped_column(ForeignKey("delegations.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    text: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=_now)


class AuditEntry(Base):
    """Append-only: who did what, when. Never updated or deleted: the ORM refuses (below), and so
    does the database (triggers of migration 0005)."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    negotiation_id: Mapped[int | None] = mapped_column(ForeignKey("negotiations.id"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=_now)
    action: Mapped[str] = mapped_column(String(80))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


@event.listens_for(AuditEntry, "before_update")
@event.listens_for(AuditEntry, "before_delete")
def _append_only(*_: object) -> None:
    raise PermissionError("the audit log is append-only")


class LibraryAgreement(Base):
    """An agreement that entered into force in the workspace, for the coordination engine."""

    __tablename__ = "library_agreements"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    negotiation_id: Mapped[int] = mapped_column(ForeignKey("negotiations.id"))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)


class RegistryRow(Base):
    """A registry row imported by a user (e.g. a fuller ISSA export); same id replaces the bundled row."""

    __tablename__ = "registry_rows"
    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    origin: Mapped[str] = mapped_column(String(300))
    imported_at: Mapped[datetime] = mapped_column(UtcDateTime, default=_now)


class SimulationRun(Base):
    """A simulation run as a job (migration 0008), keyed by ``services.simulation_key`` (the same run
    is not redone); a worker claims it with one conditional UPDATE (``worker_claim``) and keeps
    ``heartbeat_at`` fresh: a stale heartbeat means a crashed worker, and the run may be claimed again."""

    __tablename__ = "simulation_runs"
    __table_args__ = (
        CheckConstraint("state IN ('queued', 'running', 'done', 'failed')", name="ck_simulation_runs_state"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    request: Mapped[dict[str, Any]] = mapped_column(JSON)
    state: Mapped[str] = mapped_column(String(10), default="queued", server_default="queued", index=True)
    stage: Mapped[str | None] = mapped_column(String(80))
    partitions_total: Mapped[int | None] = mapped_column(Integer)
    partitions_done: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    error: Mapped[str | None] = mapped_column(Text)
    run_dir: Mapped[str] = mapped_column(String(1000))  # the partitions' results
    out_dir: Mapped[str] = mapped_column(String(1000))  # the report
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=_now)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=_now)
    heartbeat_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    worker_pid: Mapped[int | None] = mapped_column(Integer)
    worker_host: Mapped[str | None] = mapped_column(String(255))
    worker_claim: Mapped[str | None] = mapped_column(String(32))


class SimulationPartition(Base):
    """A partition of a run's population (persons ``first_person`` to ``last_person``), marked done
    with its result's path in the transaction that beats the heart: together, the run's manifest."""

    __tablename__ = "simulation_partitions"
    __table_args__ = (
        UniqueConstraint("run_id", "index"),
        CheckConstraint("state IN ('pending', 'done')", name="ck_simulation_partitions_state"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("simulation_runs.id", ondelete="CASCADE"))
    index: Mapped[int] = mapped_column(Integer)
    first_person: Mapped[int] = mapped_column(BigInteger)
    last_person: Mapped[int] = mapped_column(BigInteger)
    state: Mapped[str] = mapped_column(String(10), default="pending", server_default="pending")
    result_path: Mapped[str | None] = mapped_column(String(1000))
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class SimulationRunOwner(Base):
    """A signed-in user who submitted a run (migration 0009): its pages show it to its owners and to
    administrators only (a run without owners: from the command line, or older)."""

    __tablename__ = "simulation_run_owners"
    run_id: Mapped[int] = mapped_column(ForeignKey("simulation_runs.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True)
    submitted_at: Mapped[datetime] = mapped_column(UtcDateTime, default=_now)
