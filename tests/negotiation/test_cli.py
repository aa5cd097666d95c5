"""``coordina demo`` and ``coordina negotiation``: the same rules from the command line.

On SQLite the acting user is given with ``--as`` (the local owner of the file); on PostgreSQL
each user logs in with ``coordina login``, with a token file of their own.
"""

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from coordina.cli import app
from coordina.services.demo import DEMO_PASSWORD

runner = CliRunner()


@pytest.fixture
def env(database_url: str, tmp_path: Path) -> dict[str, str]:
    return {"COORDINA_DATABASE_URL": database_url, "COORDINA_PASSWORD": "correct horse battery",
            "COORDINA_TOKEN_FILE": str(tmp_path / "token")}  # fmt: skip


def run(env: dict[str, str], who: str, *args: str, password: str | None = None) -> Any:
    """``coordina ARGS`` acting as ``who``: ``--as`` on SQLite, a login of theirs on PostgreSQL."""
    if env["COORDINA_DATABASE_URL"].startswith("sqlite"):
        return runner.invoke(app, [*args, "--as", who], env=env)
    own = {**env, "COORDINA_TOKEN_FILE": f"{env['COORDINA_TOKEN_FILE']}.{who}"}
    if password:
        own["COORDINA_PASSWORD"] = password
    if not Path(own["COORDINA_TOKEN_FILE"]).exists():
        logged_in = runner.invoke(app, ["login", who], env=own)
        assert logged_in.exit_code == 0, logged_in.output
    return runner.invoke(app, list(args), env=own)


def test_demo_fills_a_fresh_database_with_the_three_examples(env: dict[str, str]) -> None:
    filled = runner.invoke(app, ["demo"], env=env)
    assert filled.exit_code == 0
    assert "admin (administrator)" in filled.stdout and DEMO_PASSWORD in filled.stdout

    listed = json.loads(runner.invoke(app, ["negotiation", "list", "--json"], env=env).stdout)

    assert [(n["step"], n["status"]) for n in listed] == [(8, "in_force"), (3, "active"), (4, "suspended")]
    assert set(listed[0]) == {"id", "title", "parties", "step", "status"}
    points = run(env, "joao_silva", "negotiation", "show", "2", "--json", password=DEMO_PASSWORD)
    assert json.loads(points.stdout)["step_name"] == "negotiations"
    again = runner.invoke(app, ["demo"], env=env)
    assert again.exit_code == 1 and "fresh" in again.stdout


def test_the_cli_runs_the_process_and_names_refusing_rules(env: dict[str, str]) -> None:
    for name in ("kim", "santos", "lee"):
        assert runner.invoke(app, ["users", "add", name, "--name", name.title()], env=env).exit_code == 0
    opened = run(env, "kim", "negotiation", "open", "--title", "KR-PH", "--parties", "KR,PH", "--branches", "old_age",
                 "--drafting-party", "KR", "--own-party", "KR", "--entry-into-force-months", "2")  # fmt: skip
    assert opened.exit_code == 0, opened.stdout

    refused = run(env, "kim", "negotiation", "step", "1", "complete_preliminary_discussions")
    assert refused.exit_code == 1
    assert "every_party_has_a_head_of_delegation" in refused.stderr and "PH" in refused.stderr

    run(env, "kim", "negotiation", "member", "1", "santos", "head", "--party", "PH")
    run(env, "kim", "negotiation", "member", "1", "lee", "member", "--party", "KR")
    profile = run(env, "lee", "negotiation", "profile", "1", "KR", "--prefill", "--json")
    assert json.loads(profile.stdout)["content"]["schemes"][0]["id"] == "kr-nps"
    moved = run(env, "kim", "negotiation", "step", "1", "complete_preliminary_discussions")
    assert "now in step 2" in moved.stdout
    signing = ["--signatory", "x", "--capacity", "ambassador", "--signed-on", "2027-01-01", "--place", "Seoul"]
    member_sign = run(env, "lee", "negotiation", "sign", "1", *signing)
    assert member_sign.exit_code == 1 and "only_heads_sign" in member_sign.stderr
    audit = json.loads(run(env, "santos", "negotiation", "audit", "1", "--json").stdout)
    assert [e["action"] for e in audit][:2] == ["open_negotiation", "add_member"]
