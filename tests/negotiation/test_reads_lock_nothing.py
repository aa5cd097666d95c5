"""Reads take no lock: ``acting(..., write=False)`` reads the negotiation without ``FOR UPDATE``,
so that on PostgreSQL a read never waits behind a writer of the same negotiation; it refuses
strangers and unknown negotiations as the write path does. Run on SQLite and PostgreSQL."""

import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import event

from coordina.errors import Forbidden, NotFound
from coordina.services import auth
from coordina.services.database import open_database
from coordina.services.negotiation import drafts, profiles, rounds, workspace
from coordina.services.negotiation.access import acting
from coordina.services.negotiation.views import NegotiationView
from coordina.store.db import Database

PASSWORD = "correct horse battery"


@pytest.fixture
def db(database_url: str) -> Iterator[Database]:
    database = open_database(database_url)
    yield database
    database.engine.dispose()


@pytest.fixture
def statements(db: Database) -> list[str]:
    """Every SQL statement the engine sends, in order."""
    sent: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        sent.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    return sent


def people(db: Database) -> tuple[int, int, int, int]:
    """A negotiation (KR–PH) headed by a KR user, with a PH head and a stranger to it."""
    kim, santos, stranger = (auth.create_user(db, name, name.title(), PASSWORD) for name in ("kim", "santos", "lee"))
    opened = workspace.open_negotiation(db, kim, title="KR–PH", parties=["KR", "PH"], branches=["old_age"],
                                        drafting_party="KR", own_party="KR")  # fmt: skip
    workspace.add_member(db, kim, opened.id, username="santos", role="head", party="PH")
    workspace.add_note(db, kim, opened.id, "KR's own note")
    return opened.id, kim, santos, stranger


def reads(nid: int) -> dict[str, Callable[[Database, int], Any]]:
    return {
        "get": lambda db, user: workspace.get(db, user, nid),
        "notes": lambda db, user: workspace.notes(db, user, nid),
        "audit_log": lambda db, user: workspace.audit_log(db, user, nid),
        "list_drafts": lambda db, user: drafts.list_drafts(db, user, nid),
        "list_rounds": lambda db, user: rounds.list_rounds(db, user, nid),
        "list_points": lambda db, user: rounds.list_points(db, user, nid),
        "get_profile": lambda db, user: profiles.get_profile(db, user, nid, "KR"),
    }


def test_reads_send_no_for_update_and_show_what_the_user_may_see(db: Database, statements: list[str]) -> None:
    nid, kim, santos, _ = people(db)
    del statements[:]
    for name, read in reads(nid).items():
        read(db, kim)
        locking = [s for s in statements if "FOR UPDATE" in s.upper()]
        assert not locking, f"{name} locked: {locking}"
    assert [n.text for n in workspace.notes(db, kim, nid)] == ["KR's own note"]
    assert workspace.notes(db, santos, nid) == []  # another delegation's notes stay hidden
    with acting(db, nid, santos) as act:  # what the write path sees
        locked = NegotiationView.of(act.negotiation)
    assert workspace.get(db, santos, nid) == locked
    assert (locked.id, locked.parties) == (nid, ["KR", "PH"])
    with acting(db, nid, santos, write=False) as act:
        assert (act.role.value, act.party) == ("head", "PH")


def test_a_write_still_locks_the_row_on_postgresql(db: Database, statements: list[str]) -> None:
    nid, kim, _, _ = people(db)
    del statements[:]
    workspace.add_note(db, kim, nid, "another note")
    if db.engine.dialect.name == "postgresql":  # SQLite has no row locks: its writers queue on the file
        assert any("FOR UPDATE" in s.upper() for s in statements)


def test_reads_refuse_strangers_and_unknown_negotiations(db: Database) -> None:
    nid, _, _, stranger = people(db)
    for name, read in reads(nid).items():
        with pytest.raises(Forbidden) as refused:
            read(db, stranger)
        assert refused.value.rule == "participant", name
    for name, read in reads(nid + 1000).items():
        with pytest.raises(NotFound) as missing:
            read(db, stranger)
        assert missing.value.rule == "negotiation", name


def test_a_read_does_not_wait_for_a_writer_holding_the_row(db: Database) -> None:
    """A writer holds the negotiation's row (FOR UPDATE on PostgreSQL) while another user reads."""
    nid, kim, santos, _ = people(db)
    result: list[Any] = []
    with acting(db, nid, kim):  # the write path: holds the row lock until the block ends
        reader = threading.Thread(target=lambda: result.append(workspace.get(db, santos, nid)))
        reader.start()
        reader.join(timeout=60)  # only for a regression: a read that waits would wait for this block
        assert not reader.is_alive(), "the read waited for the writer's lock"
    assert result and result[0].id == nid
