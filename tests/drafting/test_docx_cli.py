"""The documents on the command line: a stored draft exported as AKN, DOCX and PDF, two drafts
as tracked changes, and a returned DOCX stored as a counterproposal (``cli/drafting_documents``)."""

import io
from pathlib import Path

import docx
import pytest
import typer
from typer.testing import CliRunner

from coordina.cli import drafting_documents
from coordina.services import auth
from coordina.services.database import open_database
from coordina.services.drafting.akn import akn_problems
from coordina.services.negotiation import drafts, profiles, workspace

PASSWORD = "correct horse battery"
app = typer.Typer()
drafting_documents.register(app)


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A Korea–Philippines negotiation in step 2 with Korea's initial draft (number 1)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('drafting-cli') / 'coordina.db'}"
    db = open_database(url)
    kim = auth.create_user(db, "kim", "Kim", PASSWORD)
    reyes = auth.create_user(db, "reyes", "Reyes", PASSWORD)
    made = workspace.open_negotiation(db, kim, title="KR-PH", parties=["KR", "PH"], branches=["old_age"],
                                      drafting_party="KR", own_party="KR")  # fmt: skip
    workspace.add_member(db, kim, made.id, username="reyes", role="head", party="PH")
    profiles.prefill_profile(db, kim, made.id, "KR", 0)
    profiles.prefill_profile(db, reyes, made.id, "PH", 0)
    workspace.take_step(db, kim, made.id, "complete_preliminary_discussions", workspace.get(db, kim, made.id).version)
    drafts.create_draft(db, kim, made.id, kind="initial", articles=[
        {"number": "1", "heading": "Scope", "text": "This Agreement applies to old-age pensions."},
        {"number": "2", "heading": "Export", "text": "Pensions are paid abroad."}])  # fmt: skip
    db.engine.dispose()
    return {"COORDINA_DATABASE_URL": url, "NEGOTIATION": str(made.id)}


def run(env: dict[str, str], who: str, *args: str) -> str:
    result = CliRunner().invoke(app, [*args, "--as", who], env=env)
    assert result.exit_code == 0, result.output
    return result.output


def test_export_changes_and_counterproposal(env: dict[str, str], tmp_path: Path) -> None:
    nid = env["NEGOTIATION"]
    run(env, "reyes", "export", nid, "1", "--out", str(tmp_path / "d.xml"))
    assert akn_problems((tmp_path / "d.xml").read_bytes()) == []
    run(env, "reyes", "export", nid, "1", "--format", "pdf", "--out", str(tmp_path / "d.pdf"))
    assert (tmp_path / "d.pdf").read_bytes().startswith(b"%PDF")
    run(env, "reyes", "export", nid, "1", "--format", "docx", "--out", str(tmp_path / "d.docx"))
    word = docx.Document(str(tmp_path / "d.docx"))
    paragraph = next(p for p in word.paragraphs if p.text == "Pensions are paid abroad.")
    paragraph.runs[0].text = "Pensions are paid abroad without reduction."
    edited = io.BytesIO()
    word.save(edited)
    (tmp_path / "back.docx").write_bytes(edited.getvalue())
    shown = run(env, "reyes", "counterproposal", nid, str(tmp_path / "back.docx"), "--answers", "1")
    assert (
        "draft 2 (counterproposal of PH)" in shown
        and "Article 2 text: -[abroad.] +[abroad without reduction.] (not tracked)" in shown
    )
    run(env, "kim", "changes", nid, "1", "2", "--format", "html", "--out", str(tmp_path / "c.html"))
    assert "<del>abroad. </del><ins>abroad without reduction.</ins>" in (tmp_path / "c.html").read_text(
        encoding="utf-8"
    )
    run(env, "kim", "changes", nid, "1", "2", "--out", str(tmp_path / "c.docx"))
    assert b"word/document.xml" in (tmp_path / "c.docx").read_bytes()


def test_a_bad_file_is_refused_without_a_traceback(env: dict[str, str], tmp_path: Path) -> None:
    (tmp_path / "bad.docx").write_bytes(b"not a document")
    result = CliRunner().invoke(app, ["counterproposal", env["NEGOTIATION"], str(tmp_path / "bad.docx"),
                                      "--answers", "1", "--as", "reyes"], env=env)  # fmt: skip
    assert result.exit_code != 0 and "not a ZIP" in result.output and "Traceback" not in result.output


def test_the_commands_are_in_the_drafting_group() -> None:
    from coordina.cli import app as coordina

    shown = CliRunner().invoke(coordina, ["drafting", "--help"]).output
    assert all(name in shown for name in ("export", "changes", "counterproposal"))
