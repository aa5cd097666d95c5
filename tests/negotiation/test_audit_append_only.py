"""The audit log is append-only in the database itself, and its timestamps are UTC, on SQLite and PostgreSQL."""

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import Executable, delete, func, insert, select, text, update
from sqlalchemy.exc import DBAPIError, StatementError
from sqlalchemy.orm import Session

from coordina.services import auth
from coordina.services.negotiation import workspace
from coordina.store.db import Database
from coordina.store.migrate import downgrade, upgrade
from coordina.store.tables import AuditEntry

SEOUL = timezone(timedelta(hours=9))


@pytest.fixture
def db(database_url: str) -> Iterator[Database]:
    upgrade(database_url)
    database = Database(database_url)
    yield database
    database.engine.dispose()


def open_one(db: Database) -> tuple[int, int]:
    """A user and the negotiation they opened (which wrote its first audit row)."""
    kim = auth.create_user(db, "kim", "Kim", "correct horse battery")
    opened = workspace.open_negotiation(db, kim, title="KR-PH", parties=["KR", "PH"], branches=["old_age"],
                                        drafting_party="KR", own_party="KR")  # fmt: skip
    return kim, opened.id


def audit_rows(db: Database) -> list[tuple[int, str]]:
    with db.transaction() as session:
        return [(row.id, row.action) for row in session.execute(select(AuditEntry.id, AuditEntry.action))]


def triggers(session: Session) -> set[str]:
    if session.bind is not None and session.bind.dialect.name == "postgresql":
        query = "SELECT tgname FROM pg_trigger WHERE tgrelid = 'audit_log'::regclass AND NOT tgisinternal"
    else:
        query = "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'"
    return set(session.execute(text(query)).scalars())


REWRITES: dict[str, Executable] = {
    "core update": update(AuditEntry).values(action="rewritten"),
    "core delete": delete(AuditEntry),
    "sql update": text("UPDATE audit_log SET detail = '{}', user_id = NULL"),
    "sql delete": text("DELETE FROM audit_log"),
}


@pytest.mark.parametrize("statement", REWRITES.values(), ids=REWRITES.keys())
def test_the_database_refuses_to_rewrite_an_audit_row(db: Database, statement: Executable) -> None:
    open_one(db)
    before = audit_rows(db)

    with pytest.raises(DBAPIError, match="the audit log is append-only"), db.transaction() as session:
        session.execute(statement)

    assert audit_rows(db) == before == [(before[0][0], "open_negotiation")]


def test_the_orm_refuses_before_the_database_is_asked(db: Database) -> None:
    open_one(db)
    with pytest.raises(PermissionError), db.transaction() as session:
        entry = session.scalars(select(AuditEntry)).one()
        entry.action = "rewritten"
    with pytest.raises(PermissionError), db.transaction() as session:
        session.delete(session.scalars(select(AuditEntry)).one())
    assert [action for _, action in audit_rows(db)] == ["open_negotiation"]


def test_audit_rows_are_still_appended(db: Database) -> None:
    kim, negotiation = open_one(db)
    workspace.add_note(db, kim, negotiation, "our first position")  # audited through the service
    with db.transaction() as session:
        session.add(AuditEntry(negotiation_id=negotiation, user_id=kim, action="by_orm", detail={}))
        session.execute(insert(AuditEntry).values(negotiation_id=negotiation, user_id=kim, action="by_core",
                                                  detail={}, at=datetime.now(UTC)))  # fmt: skip

    assert [action for _, action in audit_rows(db)] == ["open_negotiation", "add_note", "by_orm", "by_core"]


def test_the_migration_goes_up_and_down(database_url: str) -> None:
    upgrade(database_url, "0004")
    db = Database(database_url)
    with db.engine.begin() as connection:  # a row written before the triggers existed (in SQL: the models are newer)
        connection.execute(text("INSERT INTO users (id, username, full_name, password_hash, created_at) "
                                "VALUES (1, 'kim', 'Kim', 'x', CURRENT_TIMESTAMP)"))  # fmt: skip
        connection.execute(text(
            "INSERT INTO negotiations (id, title, kind, parties, branches, drafting_party, official_languages, "
            "entry_into_force_rule, step, status, version, created_at) VALUES (1, 'KR-PH', 'bilateral', "
            "'[\"KR\", \"PH\"]', '[\"old_age\"]', 'KR', '[]', '{}', 1, 'active', 1, CURRENT_TIMESTAMP)"))  # fmt: skip
        connection.execute(text("INSERT INTO audit_log (negotiation_id, user_id, at, action, detail) "
                                "VALUES (1, 1, CURRENT_TIMESTAMP, 'open_negotiation', '{}')"))  # fmt: skip
    with db.transaction() as session:
        assert triggers(session) == set()

    upgrade(database_url, "0005")
    with db.transaction() as session:
        assert triggers(session)
    with pytest.raises(DBAPIError, match="append-only"), db.transaction() as session:
        session.execute(update(AuditEntry).values(action="rewritten"))

    downgrade(database_url, "0004")
    with db.transaction() as session:
        assert triggers(session) == set()
        session.execute(update(AuditEntry).values(action="rewritten"))  # no trigger left to refuse
    assert [action for _, action in audit_rows(db)] == ["rewritten"]

    upgrade(database_url)
    with pytest.raises(DBAPIError, match="append-only"), db.transaction() as session:
        session.execute(delete(AuditEntry))
    with db.transaction() as session:
        assert session.scalar(select(func.count()).select_from(AuditEntry)) == 1
    db.engine.dispose()


def test_audit_timestamps_come_back_in_utc(db: Database) -> None:
    start = datetime.now(UTC)
    kim, negotiation = open_one(db)
    with db.transaction() as session:  # an instant given in another zone is kept as that instant
        session.add(AuditEntry(negotiation_id=negotiation, user_id=kim, action="from_seoul", detail={},
                               at=datetime(2026, 12, 1, 20, 30, tzinfo=SEOUL)))  # fmt: skip

    listed = workspace.audit_log(db, kim, negotiation)

    assert [entry.at.tzinfo for entry in listed] == [UTC, UTC]
    assert start - timedelta(seconds=1) <= listed[0].at <= datetime.now(UTC)
    assert listed[1].at == datetime(2026, 12, 1, 11, 30, tzinfo=UTC)
    assert listed[1].model_dump(mode="json")["at"] == "2026-12-01T11:30:00Z"


def test_audit_timestamps_are_utc_whatever_the_session_time_zone(db: Database) -> None:
    open_one(db)
    with db.transaction() as session:
        if session.bind is not None and session.bind.dialect.name == "postgresql":
            session.execute(text("SET LOCAL TIME ZONE 'Asia/Seoul'"))
        (at,) = session.scalars(select(AuditEntry.at)).all()
    assert at.tzinfo is UTC


def test_a_timestamp_without_a_time_zone_is_refused(db: Database) -> None:
    kim, negotiation = open_one(db)
    with pytest.raises(StatementError, match="no time zone"), db.transaction() as session:
        session.add(AuditEntry(negotiation_id=negotiation, user_id=kim, action="naive", detail={},
                               at=datetime(2026, 12, 1, 11, 30)))  # fmt: skip
    assert [action for _, action in audit_rows(db)] == ["open_negotiation"]
