"""The read-only services of the negotiation pages: where a negotiation stands (the transitions
out of its step, each with its failing guard) and who takes part in it."""

from collections.abc import Iterator

import pytest

from coordina.errors import Forbidden
from coordina.services import auth
from coordina.services.database import open_database
from coordina.services.negotiation import participants, progress, workspace
from coordina.store.db import Database

PASSWORD = "correct horse battery"


@pytest.fixture
def db(database_url: str) -> Iterator[Database]:
    database = open_database(database_url)
    yield database
    database.engine.dispose()


def test_the_next_step_names_the_guard_that_blocks_it_until_it_holds(db: Database) -> None:
    kim, santos, lee = (auth.create_user(db, name, name.title(), PASSWORD) for name in ("kim", "santos", "lee"))
    opened = workspace.open_negotiation(
        db, kim, title="KR–PH", parties=["KR", "PH"], branches=["old_age"], drafting_party="KR", own_party="KR"
    )
    [blocked] = progress.next_transitions(db, kim, opened.id)
    assert (blocked.event, blocked.target, blocked.guard) == (
        "complete_preliminary_discussions",
        2,
        "every_party_has_a_head_of_delegation",
    )
    assert blocked.reason == "a head of delegation: missing for PH"

    workspace.add_member(db, kim, opened.id, username="santos", role="head", party="PH")
    [ready] = progress.next_transitions(db, santos, opened.id)
    assert ready.guard is None and ready.reason is None
    workspace.take_step(db, kim, opened.id, ready.event, workspace.get(db, kim, opened.id).version)
    [next_one] = progress.next_transitions(db, kim, opened.id)
    assert next_one.guard == "a_draft_is_shared_with_every_party"

    with pytest.raises(Forbidden):  # a stranger to the negotiation reads nothing of it
        progress.next_transitions(db, lee, opened.id)


def test_participants_are_the_delegations_in_party_order_with_their_members(db: Database) -> None:
    kim, santos, _adviser = (auth.create_user(db, n, n.title(), PASSWORD) for n in ("kim", "santos", "adviser"))
    opened = workspace.open_negotiation(
        db, kim, title="KR–PH", parties=["PH", "KR"], branches=["old_age"], drafting_party="KR", own_party="KR"
    )
    workspace.add_member(db, kim, opened.id, username="santos", role="head", party="PH")
    workspace.add_member(db, kim, opened.id, username="adviser", role="facilitator", party=None)
    workspace.set_representatives(db, kim, opened.id, "KR", [{"name": "Kim", "institution": "NPS"}])

    found = participants.participants(db, santos, opened.id)
    assert [d.party for d in found.delegations] == ["PH", "KR"]
    assert [(m.username, m.role) for m in found.delegations[0].members] == [("santos", "head")]
    assert found.delegations[1].representatives == [{"name": "Kim", "institution": "NPS"}]
    assert [m.username for m in found.facilitators] == ["adviser"]
    assert participants.participation(db, santos, opened.id).model_dump() == {"role": "head", "party": "PH"}
    assert participants.participation(db, _adviser, opened.id).party is None
