"""``coordina demo`` and ``coordina negotiation``: the same rules from the command line."""

import json

import pytest
from typer.testing import CliRunner

from coordina.cli import app

runner = CliRunner()


@pytest.fixture
def env(database_url: str) -> dict[str, str]:
    return {"COORDINA_DATABASE_URL": database_url, "COORDINA_PASSWORD": "correct horse battery"}


def test_demo_fills_a_fresh_database_with_the_three_examples(env: dict[str, str]) -> None:
    assert runner.invoke(app, ["demo"], env=env).exit_code == 0

    listed = json.loads(runner.invoke(app, ["negotiation", "list", "--json"], env=env).stdout)

    assert [(n["step"], n["status"]) for n in listed] == [(8, "in_force"), (3, "active"), (4, "suspended")]
    assert set(listed[0]) == {"id", "title", "parties", "step", "status"}
    points = runner.invoke(app, ["negotiation", "show", "2", "--as", "joao_silva", "--json"], env=env)
    assert json.loads(points.stdout)["step_name"] == "negotiations"
    again = runner.invoke(app, ["demo"], env=env)
    assert again.exit_code == 1 and "fresh" in again.stdout


def test_the_cli_runs_the_process_and_names_refusing_rules(env: dict[str, str]) -> None:
    for name in ("kim", "santos", "lee"):
        assert runner.invoke(app, ["users", "add", name, "--name", name.title()], env=env).exit_code == 0
    opened = runner.invoke(app, ["negotiation", "open", "--as", "kim", "--title", "KR-PH", "--parties", "KR,PH",
                                 "--branches", "old_age", "--drafting-party", "KR", "--own-party", "KR",
                                 "--entry-into-force-months", "2"], env=env)  # fmt: skip
    assert opened.exit_code == 0, opened.stdout

    refused = runner.invoke(app, ["negotiation", "step", "1", "complete_preliminary_discussions", "--as", "kim"],
                            env=env)  # fmt: skip
    assert refused.exit_code == 1
    assert "every_party_has_a_head_of_delegation" in refused.stderr and "PH" in refused.stderr

    runner.invoke(app, ["negotiation", "member", "1", "santos", "head", "--party", "PH", "--as", "kim"], env=env)
    runner.invoke(app, ["negotiation", "member", "1", "lee", "member", "--party", "KR", "--as", "kim"], env=env)
    profile = runner.invoke(app, ["negotiation", "profile", "1", "KR", "--prefill", "--as", "lee", "--json"], env=env)
    assert json.loads(profile.stdout)["content"]["schemes"][0]["id"] == "kr-nps"
    moved = runner.invoke(app, ["negotiation", "step", "1", "complete_preliminary_discussions", "--as", "kim"],
                          env=env)  # fmt: skip
    assert "now in step 2" in moved.stdout
    signing = ["--signatory", "x", "--capacity", "ambassador", "--signed-on", "2027-01-01", "--place", "Seoul"]
    member_sign = runner.invoke(app, ["negotiation", "sign", "1", "--as", "lee", *signing], env=env)
    assert member_sign.exit_code == 1 and "only_heads_sign" in member_sign.stderr
    audit = json.loads(runner.invoke(app, ["negotiation", "audit", "1", "--as", "santos", "--json"], env=env).stdout)
    assert [e["action"] for e in audit][:2] == ["open_negotiation", "add_member"]
