"""``coordina drafting translate`` / ``changes-by`` and the API's translations and attributions, on
the demo's India–Brazil negotiation: a translation entered or uploaded becomes a new version; a
refusal names the article (no traceback; 422 problem+json)."""

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from coordina.api import create_app
from coordina.cli.drafting import app
from coordina.services.demo import DEMO_PASSWORD
from coordina.services.negotiation import drafts
from tests.drafting.translation_workspace import india_brazil
from tests.negotiation.conftest import api_client

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("translations-cli")
    db, nid, nair, _ = india_brazil(folder)
    sent = json.loads((FIXTURES / "counterproposal-base.json").read_text(encoding="utf-8"))
    drafts.create_draft(db, nair, nid, kind="revision", articles=sent["articles"])  # draft 2, the fixture's base
    db.engine.dispose()
    return {"COORDINA_DATABASE_URL": f"sqlite:///{folder / 'coordina.db'}", "NEGOTIATION": str(nid)}


def run(env: dict[str, str], *args: str, code: int = 0) -> str:
    result = CliRunner().invoke(app, [*args, "--as", "joao_silva"], env=env)
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    return result.output


def test_the_command_line_records_a_translation(env: dict[str, str], tmp_path: Path) -> None:
    nid = env["NEGOTIATION"]
    said = run(env, "translate", nid, "2", "--language", "fr", "--article", "w-scope", "--text", "Champ.",
               "--heading", "Champ d'application")  # fmt: skip
    assert "draft 3 (revision): draft 2 with 1 articles in fr" in said
    texts = tmp_path / "fr.json"
    texts.write_text(json.dumps({"art_1": "Définitions.", "art_2": "Champ.", "art_3": "Égalité."}), encoding="utf-8")
    assert "draft 4 (revision)" in run(env, "translate", nid, "3", "--language", "fr", "--file", str(texts))
    refused = run(env, "translate", nid, "2", "--language", "fr", "--article", "art_9", "--text", "X", code=1)
    assert "article 'art_9'" in refused
    assert "give --file FILE" in run(env, "translate", nid, "2", "--language", "fr", code=1)


def test_a_counterproposal_stored_from_the_command_line_lists_who_made_each_change(env: dict[str, str]) -> None:
    """``coordina drafting counterproposal`` keeps the attributions; ``changes-by`` reads them."""
    nid = env["NEGOTIATION"]
    assert "no attributed changes recorded" in run(env, "changes-by", nid, "2")
    stored = run(env, "counterproposal", nid, str(FIXTURES / "counterproposal.docx"), "--answers", "2")
    number = stored.split()[1]  # "draft N (counterproposal of BR), ..."
    listed = run(env, "changes-by", nid, number)
    assert "M. Santos" in listed and "J. Reyes" in listed and "answering draft 2, by BR" in listed
    record = json.loads(run(env, "changes-by", nid, number, "--json"))
    assert record["delegation"] == "BR" and any("responsible" in c["inserted"] for c in record["changes"])


@pytest.fixture(scope="module")
def client(env: dict[str, str]) -> Iterator[tuple[TestClient, dict[str, str]]]:
    api = create_app(env["COORDINA_DATABASE_URL"])
    with api_client(api) as test_client:
        token = test_client.post("/auth/token", data={"username": "joao_silva", "password": DEMO_PASSWORD}).json()
        yield test_client, {"Authorization": f"Bearer {token['access_token']}"}
    api.state.db.engine.dispose()


def test_the_api_stores_a_translation_and_refuses_naming_the_article(client: tuple[TestClient, dict[str, str]],
                                                                      env: dict[str, str]) -> None:  # fmt: skip
    test_client, headers = client
    path = f"/negotiations/{env['NEGOTIATION']}/drafts/1"
    body: dict[str, Any] = {"language": "fr", "texts": {"art_1": "Premier article."}}
    made = test_client.post(f"{path}/translations", json=body, headers=headers)
    assert made.status_code == 201, made.text
    assert made.json()["articles"][0]["texts"] == {"fr": "Premier article."}
    refused = test_client.post(f"{path}/translations", json={**body, "texts": {"art_42": "X"}}, headers=headers)
    assert refused.status_code == 422 and refused.headers["content-type"].startswith("application/problem+json")
    assert refused.json()["rule"] == "translation_article" and "art_42" in refused.json()["detail"]
    empty = test_client.post(f"{path}/translations", json={**body, "texts": {"art_1": ""}}, headers=headers)
    assert empty.status_code == 422 and "art_1" in empty.json()["detail"]
    attributions = test_client.get(f"{path}/attributions", headers=headers)
    assert attributions.status_code == 200 and attributions.json()["changes"] == []
    assert test_client.get(f"/negotiations/{env['NEGOTIATION']}/drafts/999/attributions",
                           headers=headers).status_code == 404  # fmt: skip
