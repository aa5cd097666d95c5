"""``POST /api/v1/library/compute``: a case applied to a user agreement file with user scheme files
sent as text, problems named by each file's name and line."""

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from fastapi.testclient import TestClient

from coordina.api import create_app
from coordina.errors import DataError
from coordina.services import auth
from coordina.services.drafting.feasibility_sources import read_profile
from coordina.services.drafting.scheme_files import compile_scheme, scheme_yaml
from coordina.services.drafting.scheme_uploads import with_sent_files
from tests.drafting.profile_helpers import PH
from tests.drafting.test_profile_schemes import CASE, _agreement
from tests.negotiation.conftest import api_client

PASSWORD = "a long test password, not secret"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, dict[str, str]]]:
    app = create_app(f"sqlite:///{tmp_path_factory.mktemp('api') / 'coordina.db'}")
    auth.create_user(app.state.db, "caseworker", "Case Worker", PASSWORD)
    with api_client(app) as test_client:
        token = test_client.post("/auth/token", data={"username": "caseworker", "password": PASSWORD}).json()
        yield test_client, {"Authorization": f"Bearer {token['access_token']}"}
    app.state.db.engine.dispose()


def _body(folder: Path, scheme_text: str) -> dict[str, Any]:
    agreement = _agreement(folder).read_text(encoding="utf-8")
    return {"case": CASE, "agreement_file": {"name": "kr-ph.yaml", "text": agreement},
            "scheme_files": [{"name": "ph-sss.yaml", "text": scheme_text}]}  # fmt: skip


def test_the_api_decides_a_case_with_a_sent_scheme_file(
    client: tuple[TestClient, dict[str, str]], tmp_path: Path
) -> None:
    test_client, headers = client

    response = test_client.post(
        "/library/compute", json=_body(tmp_path, scheme_yaml(read_profile(PH), 0)), headers=headers
    )

    assert response.status_code == 200, response.text
    decisions = {d["scheme"]: d for d in response.json()["decisions"]}
    assert decisions["ph-sss"]["eligible_totalized"] is True


def test_the_api_names_the_sent_file_and_line_of_a_problem(
    client: tuple[TestClient, dict[str, str]], tmp_path: Path
) -> None:
    test_client, headers = client
    text = yaml.safe_dump(compile_scheme(read_profile(PH), 0), sort_keys=False).replace("social_insurance", "banana")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "banana" in row)

    response = test_client.post("/library/compute", json=_body(tmp_path, text), headers=headers)
    anonymous = test_client.post("/library/compute", json=_body(tmp_path, text))

    assert response.status_code == 422 and anonymous.status_code == 401
    detail = response.json()["detail"]
    assert (
        f"ph-sss.yaml:{line}: kind:" in detail and "coordina-schemes-" not in detail
    )  # as sent, not the temporary path
    assert "kr-ph.yaml:" in detail  # the agreement names a scheme that did not load


@pytest.mark.parametrize(
    ("sent", "message"),
    [
        ([("ph.yaml", "\ud800")], "ph.yaml:1: the text is not valid Unicode"),
        ([("../../elsewhere/ph.yaml", "")], "ph.yaml:1: the file is empty"),  # the name only, never a path
        ([], "send 1 to 20 scheme files"),
    ],
)
def test_sent_files_that_cannot_be_read_are_named(sent: list[tuple[str, str]], message: str) -> None:
    with pytest.raises(DataError, match=re.escape(message)):
        with_sent_files(sent)
