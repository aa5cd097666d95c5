"""A returned DOCX stored as the delegation's counterproposal in the demo's India–Brazil
negotiation, and a stored version rendered as a document."""

import io
from pathlib import Path

import docx
import pytest

from coordina.services import auth, demo
from coordina.services.database import open_database
from coordina.services.drafting.akn import akn_expression, akn_problems
from coordina.services.drafting.counterproposal import draft_document, store_counterproposal
from coordina.services.drafting.docx_render import render_docx
from coordina.services.negotiation import drafts
from coordina.store.db import Database


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> tuple[Database, int]:
    db = open_database(f"sqlite:///{Path(tmp_path_factory.mktemp('drafting')) / 'coordina.db'}")
    ids = demo.fill(db)
    return db, ids[1]  # India–Brazil, in negotiations: draft 1 by India


def test_a_returned_docx_becomes_brazils_counterproposal(workspace: tuple[Database, int]) -> None:
    db, nid = workspace
    silva = auth.user_id_by_name(db, "joao_silva")
    document = draft_document(db, silva, nid, 1)
    assert akn_problems(akn_expression(document)) == []
    word = docx.Document(io.BytesIO(render_docx(document)))
    body = next(p for p in word.paragraphs if p.style is not None and p.style.name == "Normal" and p.text
                and not p.text.startswith("Version"))  # fmt: skip
    body.runs[0].text = body.text + " Subject to the laws of Brazil."
    for run in body.runs[1:]:
        run._r.getparent().remove(run._r)
    edited = io.BytesIO()
    word.save(edited)
    view, proposal = store_counterproposal(db, silva, nid, edited.getvalue(), answers=1)
    assert view.kind == "counterproposal" and view.party == "BR" and view.number == 2
    assert proposal.delegation == "BR" and [c.after for c in proposal.changes] == ["Subject to the laws of Brazil."]
    stored = drafts.get_draft(db, silva, nid, 2)
    assert any(a.text.endswith("Subject to the laws of Brazil.") for a in stored.articles)
    assert draft_document(db, silva, nid, 2).earlier[0][0] == 1
