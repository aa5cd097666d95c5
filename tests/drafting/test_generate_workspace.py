"""A generated draft becomes a draft of the negotiation (step 2): the stored articles keep the
``{number, heading, text}`` shape and add eid, wid, texts and headings; the command line writes
a draft file and compiles it to an agreement file the loader accepts."""

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coordina.cli import app
from coordina.services import auth, catalog
from coordina.services.database import open_database
from coordina.services.drafting.compile import compile_to_file
from coordina.services.drafting.generated import draft_from_options, read_draft, store_draft
from coordina.services.negotiation import drafts, profiles, workspace
from coordina.store.db import Database
from tests.drafting.drafting_cases import options

PASSWORD = "correct horse battery"
EXAMPLE = Path(__file__).parents[2] / "examples" / "au-kr-old-age.yaml"


@pytest.fixture(scope="module")
def negotiation(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, int, int]]:
    """A Korea–Philippines negotiation past step 1, Korea drafting: (database, Korea's head, id)."""
    db = open_database(f"sqlite:///{tmp_path_factory.mktemp('drafting') / 'coordina.db'}")
    kim = auth.create_user(db, "kim", "Kim", PASSWORD)
    reyes = auth.create_user(db, "reyes", "Reyes", PASSWORD)
    made = workspace.open_negotiation(
        db, kim, title="KR-PH", parties=["KR", "PH"], branches=["old_age"], drafting_party="KR", own_party="KR"
    )
    workspace.add_member(db, kim, made.id, username="reyes", role="head", party="PH")
    profiles.prefill_profile(db, kim, made.id, "KR", 0)
    profiles.prefill_profile(db, reyes, made.id, "PH", 0)
    version = workspace.get(db, kim, made.id).version
    workspace.take_step(db, kim, made.id, "complete_preliminary_discussions", version)
    yield db, kim, made.id
    db.engine.dispose()


def test_a_generated_draft_is_stored_with_eid_wid_and_texts(negotiation: tuple[Database, int, int]) -> None:
    db, kim, nid = negotiation
    first = draft_from_options(options(parties=["KR", "PH"]))
    view = store_draft(db, kim, nid, first)
    assert [a.number for a in view.articles] == [a.number for a in first.articles]
    stored = drafts.get_draft(db, kim, nid, view.number).articles[6]
    assert (stored.eid, stored.wid, stored.heading) == (first.articles[6].eid, first.articles[6].wid, "Posted workers")
    assert stored.texts is not None and set(stored.texts) == {"en", "fr", "es"}
    assert stored.text == first.articles[6].text("en")
    # A revision with another option: the comparison of the two versions shows the posting article only.
    second = draft_from_options(options(parties=["KR", "PH"], posting={"max_months": 60}), previous=first)
    revised = store_draft(db, kim, nid, second)  # step 2: another initial draft
    changes = drafts.compare(db, kim, nid, view.number, revised.number)
    assert [(c.article, c.change) for c in changes] == [("7", "changed")]


def test_todays_articles_are_stored_as_before(negotiation: tuple[Database, int, int]) -> None:
    db, kim, nid = negotiation
    view = drafts.create_draft(db, kim, nid, kind="initial", articles=[{"number": "1", "text": "Scope."}])
    with db.transaction() as session:
        from coordina.store.tables import Draft

        row = session.get(Draft, view.id)
        assert row is not None and row.articles == [{"number": "1", "heading": None, "text": "Scope."}]


def test_the_command_line_generates_and_compiles(tmp_path: Path) -> None:
    runner = CliRunner()
    choices = tmp_path / "options.yaml"
    choices.write_text("posting: {max_months: 36}\nminimum_months: 12\nlanguages: [en, es]\n", encoding="utf-8")
    out = tmp_path / "draft.json"
    made = runner.invoke(
        app,
        [
            "drafting",
            "generate",
            "--parties",
            "AU,KR",
            "--branch",
            "old_age",
            "--options",
            str(choices),
            "--out",
            str(out),
        ],
    )
    assert made.exit_code == 0, made.output
    assert read_draft(out).languages == ["en", "es"]
    agreement = tmp_path / "agreement.yaml"
    compiled = runner.invoke(
        app, ["drafting", "compile", str(out), "--out", str(agreement), "--in-force", "2026-01-01"]
    )
    assert compiled.exit_code == 0, compiled.output
    loaded = catalog.agreement(agreement)
    assert loaded.applicable_legislation is not None and loaded.applicable_legislation.exceptions[0].max_months == 36
    bad = runner.invoke(app, ["drafting", "generate", "--parties", "AU", "--branch", "old_age", "--out", str(out)])
    assert bad.exit_code != 0 and "parties" in bad.output and "Traceback" not in bad.output


def test_a_draft_file_edited_out_of_shape_is_refused_without_traceback(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "draft.json"
    assert (
        runner.invoke(
            app, ["drafting", "generate", "--parties", "AU KR", "--branch", "old_age", "--out", str(out)]
        ).exit_code
        == 0
    )
    data = json.loads(out.read_text(encoding="utf-8"))
    data["articles"] = [a for a in data["articles"] if a["key"] != "posting"]  # the options still ask for one
    out.write_text(json.dumps(data), encoding="utf-8")
    missing = runner.invoke(app, ["drafting", "compile", str(out), "--out", str(tmp_path / "a.yaml")])
    assert missing.exit_code != 0 and "posting" in missing.output and "Traceback" not in missing.output
    data["articles"][0]["wid"] = "not-a-guid"
    out.write_text(json.dumps(data, indent=1), encoding="utf-8")
    bad = runner.invoke(app, ["drafting", "compile", str(out), "--out", str(tmp_path / "a.yaml")])
    assert bad.exit_code != 0 and "wid" in bad.output and "draft.json:" in bad.output and "Traceback" not in bad.output


def test_the_command_line_stores_a_draft_in_the_negotiation(
    negotiation: tuple[Database, int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    db, kim, nid = negotiation
    monkeypatch.setenv("COORDINA_DATABASE_URL", db.engine.url.render_as_string(hide_password=False))
    made = CliRunner().invoke(app, ["drafting", "generate", "--as", "kim", "--negotiation", str(nid)])
    assert made.exit_code == 0, made.output
    latest = drafts.list_drafts(db, kim, nid)[-1]
    assert latest.articles[0].texts == {"en": latest.articles[0].text}  # the options' default: English
    assert "Korea" in latest.articles[0].text and "Philippines" in latest.articles[0].text  # the negotiation's parties


def test_coordina_compute_applies_the_compiled_file(tmp_path: Path) -> None:
    agreement = tmp_path / "agreement.yaml"
    compile_to_file(draft_from_options(options()), agreement, in_force=date(2008, 10, 1))
    result = CliRunner().invoke(app, ["compute", str(EXAMPLE), "--agreement", str(agreement), "--json"])
    assert result.exit_code == 0, result.output
    decision = json.loads(result.output)
    assert decision["agreement"] == "au-kr-draft" and {d["scheme"] for d in decision["decisions"]} >= {"kr-nps"}
