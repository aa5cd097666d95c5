"""A user's part in each negotiation, and the delegations they may invite into
(``coordina.services.memberships``): two negotiations, two heads each, one facilitator."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from coordina.errors import Unauthorized
from coordina.services import auth, memberships
from coordina.services.database import Database, open_database
from coordina.services.negotiation import workspace

PASSWORD = "a-password-for-tests"
NEGOTIATIONS = (
    ("India–Brazil Social Security Agreement", "priya_nair", "IN", "joao_silva", "BR"),
    ("Tunisia–Morocco Convention on Social Security", "sami_ben_ali", "TN", "youssef_amrani", "MA"),
)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    path: Path = tmp_path_factory.mktemp("memberships") / "coordina.db"
    database = open_database(f"sqlite:///{path}")
    auth.create_user(database, "admin", "Workspace Administrator", PASSWORD, administrator=True)
    ids = {name: auth.create_user(database, name, name.replace("_", " ").title(), PASSWORD)
           for name in ("priya_nair", "joao_silva", "sami_ben_ali", "youssef_amrani", "ilo_adviser")}  # fmt: skip
    for title, head, party, other, other_party in NEGOTIATIONS:
        made = workspace.open_negotiation(database, ids[head], title=title, parties=[party, other_party],
                                          branches=["old_age"], drafting_party=party, own_party=party)  # fmt: skip
        workspace.add_member(database, ids[head], made.id, username=other, role="head", party=other_party)
        workspace.add_member(database, ids[head], made.id, username="ilo_adviser", role="facilitator", party=None)
    yield database
    database.engine.dispose()


def test_a_head_has_one_part_per_negotiation(db: Database) -> None:
    found = memberships.account(db, auth.user_id_by_name(db, "priya_nair"))

    assert (found.username, found.full_name, found.administrator) == ("priya_nair", "Priya Nair", False)
    assert [(p.title, p.party, p.role) for p in found.parts] == [
        ("India–Brazil Social Security Agreement", "IN", "head")
    ]


def test_a_facilitator_acts_for_no_party(db: Database) -> None:
    parts = memberships.account(db, auth.user_id_by_name(db, "ilo_adviser")).parts

    assert len(parts) == 2
    assert {(p.party, p.role) for p in parts} == {(None, "facilitator")}


def test_a_head_invites_members_and_observers_of_their_own_delegation_only(db: Database) -> None:
    open_to = memberships.open_to_invitations(db, auth.user_id_by_name(db, "priya_nair"))

    assert [(d.party, d.roles) for d in open_to] == [("IN", ("member", "observer"))]


def test_an_administrator_invites_heads_of_every_delegation(db: Database) -> None:
    found = memberships.account(db, auth.user_id_by_name(db, "admin"))
    open_to = memberships.open_to_invitations(db, found.user_id)

    assert found.administrator and found.parts == ()
    assert [d.party for d in open_to] == ["BR", "IN", "MA", "TN"]  # by negotiation, then party
    assert {d.roles for d in open_to} == {("head",)}


def test_nobody_else_is_offered_a_delegation(db: Database) -> None:
    assert memberships.open_to_invitations(db, auth.user_id_by_name(db, "ilo_adviser")) == []
    with pytest.raises(Unauthorized):
        memberships.account(db, 10_000)
