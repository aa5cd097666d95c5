"""Migrations and the store's own guarantees, on SQLite and PostgreSQL."""

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, select, text

from coordina.services import auth
from coordina.services.errors import Refused
from coordina.services.negotiation import workspace
from coordina.store import exchange_tables  # noqa: F401  (its tables on Base.metadata)
from coordina.store.db import Database, make_engine
from coordina.store.migrate import alembic_config, downgrade, upgrade
from coordina.store.tables import AuditEntry, Base


def test_an_empty_database_upgrades_to_the_models(database_url: str) -> None:
    upgrade(database_url)

    engine = make_engine(database_url)
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    engine.dispose()
    assert differences == []


def test_the_previous_migration_upgrades_without_loss(database_url: str) -> None:
    upgrade(database_url, "0001")
    engine = make_engine(database_url)
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO users (id, username, full_name, password_hash, created_at) "
            "VALUES (1, 'kim', 'Kim', 'x', CURRENT_TIMESTAMP)"))  # fmt: skip
        connection.execute(text(
            "INSERT INTO negotiations (id, title, kind, parties, branches, drafting_party, official_languages, "
            "entry_into_force_rule, step, status, version, created_at) VALUES (1, 'KR-PH', 'bilateral', "
            "'[\"KR\", \"PH\"]', '[\"old_age\"]', 'KR', '[]', '{}', 3, 'active', 7, CURRENT_TIMESTAMP)"))  # fmt: skip
        connection.execute(text(
            "INSERT INTO audit_log (negotiation_id, user_id, at, action, detail) "
            "VALUES (1, 1, CURRENT_TIMESTAMP, 'open_negotiation', '{}')"))  # fmt: skip

    upgrade(database_url)

    with engine.connect() as connection:
        row = connection.execute(text("SELECT title, step, version FROM negotiations")).one()
        audit = connection.execute(text("SELECT action FROM audit_log")).scalars().all()
        indexes = {i["name"] for i in inspect(connection).get_indexes("audit_log")}
    engine.dispose()
    assert tuple(row) == ("KR-PH", 3, 7) and audit == ["open_negotiation"]
    assert "ix_audit_log_negotiation_id" in indexes


def test_migrations_go_down_and_up_again(database_url: str) -> None:
    upgrade(database_url)
    downgrade(database_url, "base")
    engine = make_engine(database_url)
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    engine.dispose()
    command.upgrade(alembic_config(database_url), "head")


def test_the_audit_log_is_append_only(database_url: str) -> None:
    upgrade(database_url)
    db = Database(database_url)
    kim = auth.create_user(db, "kim", "Kim", "correct horse battery")
    workspace.open_negotiation(db, kim, title="KR-PH", parties=["KR", "PH"], branches=["old_age"],
                               drafting_party="KR", own_party="KR")  # fmt: skip

    with pytest.raises(PermissionError), db.transaction() as session:
        entry = session.scalars(select(AuditEntry)).first()
        assert entry is not None
        entry.action = "rewritten"
    with pytest.raises(PermissionError), db.transaction() as session:
        session.delete(session.scalars(select(AuditEntry)).first())

    with db.transaction() as session:
        assert [e.action for e in session.scalars(select(AuditEntry))] == ["open_negotiation"]
    db.engine.dispose()


def test_bad_input_is_refused_naming_what_is_wrong(database_url: str) -> None:
    upgrade(database_url)
    db = Database(database_url)
    kim = auth.create_user(db, "kim", "Kim", "correct horse battery")
    with pytest.raises(Refused, match="unknown country 'ZZ'"):
        workspace.open_negotiation(db, kim, title="x", parties=["KR", "ZZ"], branches=["old_age"],
                                   drafting_party="KR", own_party="KR")  # fmt: skip
    assert workspace.list_for(db, kim) == []
    db.engine.dispose()
