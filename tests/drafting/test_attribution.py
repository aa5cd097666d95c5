"""Who made each change of a counterproposal, kept with the new draft (in the append-only audit
trail) and read back: the hand-written fixture's revision marks (two authors, their dates) and an
untracked edit (author not recorded), in the demo's India–Brazil negotiation."""

import io
import json
from pathlib import Path

import docx
import pytest

from coordina.errors import NotFound
from coordina.services.drafting import attribution
from coordina.services.drafting.counterproposal import draft_document
from coordina.services.drafting.docx_render import render_docx
from coordina.services.negotiation import drafts
from coordina.services.negotiation import workspace as workspaces
from coordina.store.db import Database
from tests.drafting.translation_workspace import india_brazil

FIXTURES = Path(__file__).parent / "fixtures"
Workspace = tuple[Database, int, int, int]


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    return india_brazil(tmp_path_factory.mktemp("attribution"))


def test_the_fixtures_marks_are_kept_with_the_counterproposal(workspace: Workspace) -> None:
    db, nid, nair, silva = workspace
    sent = json.loads((FIXTURES / "counterproposal-base.json").read_text(encoding="utf-8"))
    base = drafts.create_draft(db, nair, nid, kind="revision", articles=sent["articles"])
    data = (FIXTURES / "counterproposal.docx").read_bytes()
    view, proposal = attribution.store_attributed_counterproposal(db, silva, nid, data, answers=base.number)
    record = attribution.changes_by(db, nair, nid, view.number)  # read back by the other delegation
    assert (record.draft, record.answers, record.delegation) == (view.number, base.number, "BR")
    assert len(record.changes) == len(proposal.changes) > 0
    assert {tuple(c.authors) for c in record.changes} == {("M. Santos",), ("J. Reyes",)}
    responsible = next(c for c in record.changes if "responsible" in c.inserted)
    assert (responsible.article, responsible.part, responsible.deleted, responsible.authors, responsible.date) == (
        "1", "text", ["competent"], ["M. Santos"], "2026-03-02T09:15:00Z")  # fmt: skip
    inserted = [w for c in record.changes for w in c.inserted]
    deleted = [w for c in record.changes for w in c.deleted]
    assert inserted == proposal.words_added and deleted == proposal.words_removed
    assert all(c.tracked and c.delegation == "BR" for c in record.changes)
    audit = workspaces.audit_log(db, nair, nid)
    assert any(e.action == attribution.ACTION and e.detail["draft"] == view.number for e in audit)


def test_an_untracked_edit_is_attributed_to_the_delegation_without_an_author(workspace: Workspace) -> None:
    db, nid, _, silva = workspace
    word = docx.Document(io.BytesIO(render_docx(draft_document(db, silva, nid, 1))))
    body = next(p for p in word.paragraphs if p.style is not None and p.style.name == "Normal" and p.text
                and not p.text.startswith("Version"))  # fmt: skip
    body.runs[0].text = body.text + " Subject to the laws of Brazil."
    for run in body.runs[1:]:
        run._r.getparent().remove(run._r)
    edited = io.BytesIO()
    word.save(edited)
    view, _ = attribution.store_attributed_counterproposal(db, silva, nid, edited.getvalue(), answers=1)
    record = attribution.changes_by(db, silva, nid, view.number)
    assert [(c.inserted, c.tracked, c.authors, c.date, c.delegation) for c in record.changes] == [
        (["Subject", "to", "the", "laws", "of", "Brazil."], False, [], None, "BR")]  # fmt: skip


def test_a_draft_without_attributions_reads_as_none_and_an_unknown_draft_is_named(workspace: Workspace) -> None:
    db, nid, nair, _ = workspace
    record = attribution.changes_by(db, nair, nid, 1)
    assert record.changes == [] and record.delegation is None
    with pytest.raises(NotFound, match="no draft 999"):
        attribution.changes_by(db, nair, nid, 999)
