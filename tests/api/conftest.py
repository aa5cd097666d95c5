"""A running API over real HTTP: uvicorn on a free port, on SQLite and on PostgreSQL
(``database_url``: a database of its own per test), filled with ``coordina demo``'s workspace."""

from collections.abc import Iterator
from dataclasses import dataclass, field

import httpx
import pytest

from coordina.api import create_app
from coordina.services import auth, demo
from coordina.services.negotiation import workspace
from tests.negotiation.conftest import database_url  # noqa: F401  # the fixture, on both databases
from tests.serving import serving

API = "/api/v1"


# Who acts in each demo negotiation: the head of the drafting party's delegation (a demo user),
# and a member and an observer of that delegation, added here to negotiation 2 (the demo has
# none). Negotiation 1 is in force and 3 suspended: nobody joins them, so there the member and
# the observer are outsiders.
HEADS = {1: "min_jun", 2: "priya_nair", 3: "sami_ben_ali"}
MEMBER, OBSERVER = "hana_member", "omar_observer"
ROLES = ("head", "member", "observer")


@dataclass
class DemoServer:
    """The running demo workspace: its root URL, the negotiations' parties, and bearer tokens."""

    root: str
    parties: dict[int, list[str]]
    tokens: dict[tuple[int, str], str] = field(default_factory=dict)  # (negotiation, role) -> token

    @property
    def api(self) -> str:
        return self.root + API

    def headers(self, negotiation_id: int, role: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[negotiation_id, role]}"}


def login(api: str, username: str) -> str:
    response = httpx.post(f"{api}/auth/token", data={"username": username, "password": demo.DEMO_PASSWORD})
    assert response.status_code == 200, response.text
    token: str = response.json()["access_token"]
    return token


@pytest.fixture
def demo_server(database_url: str) -> Iterator[DemoServer]:  # noqa: F811  # the imported fixture
    app = create_app(database_url)
    db = app.state.db
    ids = demo.fill(db)
    for username in (MEMBER, OBSERVER):
        auth.create_user(db, username, username.replace("_", " ").title(), demo.DEMO_PASSWORD)
    parties: dict[int, list[str]] = {}
    for negotiation_id, head in zip(ids, HEADS.values(), strict=True):
        head_id = auth.user_id_by_name(db, head)
        negotiation = workspace.get(db, head_id, negotiation_id)
        parties[negotiation_id] = negotiation.parties
        if negotiation.status == "active":
            own = negotiation.drafting_party
            workspace.add_member(db, head_id, negotiation_id, username=MEMBER, role="member", party=own)
            workspace.add_member(db, head_id, negotiation_id, username=OBSERVER, role="observer", party=own)
    assert list(parties) == list(HEADS), ids
    try:
        with serving(app) as root:
            running = DemoServer(root, parties)
            member, observer = login(running.api, MEMBER), login(running.api, OBSERVER)
            for negotiation_id, head in HEADS.items():
                running.tokens[negotiation_id, "head"] = login(running.api, head)
                running.tokens[negotiation_id, "member"] = member
                running.tokens[negotiation_id, "observer"] = observer
            yield running
    finally:
        db.engine.dispose()
