"""LibreOffice (headless, from Debian) opens the DOCX files: it converts them to PDF without
error, and the tracked-changes DOCX files it saves again (ours and the hand-written fixture)
still read as the counterproposal: LibreOffice kept the revision marks, and its own are read.
Skipped when ``soffice`` is not installed (``scripts/test`` installs ``libreoffice-writer-nogui``)."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from coordina.services.drafting.document import DraftArticle
from coordina.services.drafting.docx_import import read_counterproposal
from coordina.services.drafting.docx_render import render_docx_bilingual
from coordina.services.drafting.tracked_changes import tracked_docx
from tests.drafting.documents import first, second, translated

SOFFICE = shutil.which("soffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
FIXTURE = Path(__file__).parent / "fixtures" / "counterproposal.docx"


def convert(folder: Path, target: str, *files: Path) -> None:
    assert SOFFICE is not None
    out = folder / "out"
    result = subprocess.run(  # our own files, a fixed command
        [SOFFICE, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless", "--norestore",
         "--convert-to", target, "--outdir", str(out), *map(str, files)],
        capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    for file in files:
        converted = out / f"{file.stem}.{target.split(':')[0]}"
        assert converted.exists() and converted.stat().st_size > 0, (result.stdout, result.stderr)


def test_libreoffice_converts_the_documents_to_pdf(tmp_path: Path) -> None:
    tracked = tmp_path / "tracked.docx"
    tracked.write_bytes(tracked_docx(first(), second()))
    bilingual = tmp_path / "bilingual.docx"
    bilingual.write_bytes(render_docx_bilingual(translated(), "en", "fr"))
    convert(tmp_path, "pdf", tracked, bilingual, FIXTURE)


def test_revision_marks_survive_libreoffice(tmp_path: Path) -> None:
    source = tmp_path / "tracked.docx"
    source.write_bytes(tracked_docx(first(), second(), author="Delegation of Korea"))
    fixture = tmp_path / "counterproposal.docx"
    fixture.write_bytes(FIXTURE.read_bytes())
    convert(tmp_path, "docx:MS Word 2007 XML", source, fixture)
    again = (tmp_path / "out" / "tracked.docx").read_bytes()
    proposal = read_counterproposal(again, first().articles, delegation="KR")
    assert proposal.tracked
    assert [(a["number"], a["heading"], a["text"]) for a in proposal.articles] == [
        (a.number, a.heading, a.text) for a in second().articles]  # fmt: skip
    assert {c.authors for c in proposal.changes if c.tracked} == {("Delegation of Korea",)}
    sent = json.loads((FIXTURE.parent / "counterproposal-base.json").read_text(encoding="utf-8"))
    base = [DraftArticle.model_validate(a) for a in sent["articles"]]
    saved = read_counterproposal((tmp_path / "out" / "counterproposal.docx").read_bytes(), base, delegation="PH")
    assert [{k: a[k] for k in ("number", "heading", "text")} for a in saved.articles] == sent["expected"]
    assert {c.authors for c in saved.changes} == {("M. Santos",), ("J. Reyes",)}
