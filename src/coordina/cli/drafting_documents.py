"""``coordina drafting export``, ``changes`` and ``counterproposal``: a stored version of the text
as Akoma Ntoso, DOCX or PDF; two versions as tracked changes (DOCX or HTML); a DOCX returned by
the other delegation stored as its counterproposal (issue 15, items 4 and 5).
``register(app)`` adds them to a Typer app."""

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from coordina.cli.errors import fail, user_errors
from coordina.cli.output import console
from coordina.cli.workspace import AsUser, acting_as
from coordina.services.drafting import akn, docx_render, pdf_render, tracked_changes
from coordina.services.drafting.attribution import store_attributed_counterproposal
from coordina.services.drafting.counterproposal import draft_document
from coordina.services.drafting.docx_package import MAX_UPLOAD


class DocumentFormat(StrEnum):
    akn = "akn"
    docx = "docx"
    pdf = "pdf"


class ChangesFormat(StrEnum):
    docx = "docx"
    html = "html"


Negotiation = Annotated[int, typer.Argument(metavar="NEGOTIATION_ID", help="Negotiation id.")]
Out = Annotated[Path, typer.Option("--out", metavar="FILE", help="The file to write.")]


def export(
    as_user: AsUser,
    negotiation_id: Negotiation,
    draft: Annotated[int, typer.Argument(metavar="DRAFT", help="The draft's number.")],
    out: Out,
    format_: Annotated[DocumentFormat, typer.Option("--format", help="akn, docx or pdf.")] = DocumentFormat.akn,
    language: Annotated[str | None, typer.Option(help="The language (default: the draft's own).")] = None,
    beside: Annotated[
        str | None, typer.Option(metavar="LANGUAGE", help="DOCX or PDF: this language side by side.")
    ] = None,
) -> None:
    """A version of the text as Akoma Ntoso 3.0 XML, DOCX or PDF.

    The Akoma Ntoso document is validated against the OASIS schema before it is written."""
    with acting_as(as_user) as (db, who):
        document = draft_document(db, who, negotiation_id, draft)
    chosen = language or document.language
    try:
        if format_ is DocumentFormat.akn:
            if beside:
                fail("--beside: an Akoma Ntoso document holds one language")
            data = akn.akn_expression(document, chosen)
            problems = akn.akn_problems(data)
            if problems:
                fail("the Akoma Ntoso document does not validate: " + "; ".join(problems[:5]))
        elif format_ is DocumentFormat.docx:
            data = docx_render.render_docx_bilingual(document, chosen, beside) if beside else \
                docx_render.render_docx(document, chosen)  # fmt: skip
        else:
            data = pdf_render.render_pdf_bilingual(document, chosen, beside) if beside else \
                pdf_render.render_pdf(document, chosen)  # fmt: skip
    except ValueError as error:
        fail(str(error))
    out.write_bytes(data)
    console.print(f"{out}: draft {draft} as {format_.value} ({len(data)} bytes)", markup=False)


def changes(
    as_user: AsUser,
    negotiation_id: Negotiation,
    first: Annotated[int, typer.Argument(metavar="FIRST", help="The earlier draft's number.")],
    second: Annotated[int, typer.Argument(metavar="SECOND", help="The later draft's number.")],
    out: Out,
    format_: Annotated[ChangesFormat, typer.Option("--format", help="docx or html.")] = ChangesFormat.docx,
) -> None:
    """Two versions as tracked changes: DOCX with Word revision marks, or HTML.

    Compared article by article, word by word; accept or reject each change in Word or LibreOffice."""
    with acting_as(as_user) as (db, who):
        before = draft_document(db, who, negotiation_id, first)
        after = draft_document(db, who, negotiation_id, second)
    if format_ is ChangesFormat.docx:
        out.write_bytes(tracked_changes.tracked_docx(before, after))
    else:
        out.write_text(tracked_changes.tracked_html(before, after), encoding="utf-8")
    console.print(f"{out}: draft {first} to draft {second} as tracked changes ({format_.value})", markup=False)


def counterproposal(
    as_user: AsUser,
    negotiation_id: Negotiation,
    file: Annotated[Path, typer.Argument(metavar="FILE.docx", help="The DOCX the delegation returns.")],
    answers: Annotated[int, typer.Option("--answers", metavar="DRAFT", help="The draft the DOCX answers.")],
) -> None:
    """Store a returned DOCX as your delegation's counterproposal.

    Every change it makes (from its revision marks, or against the draft it answers) is listed with
    who made it."""
    if not file.is_file():
        fail(f"{file}: no such file")
    if file.stat().st_size > MAX_UPLOAD:
        fail(f"{file}: larger than {MAX_UPLOAD // (1024 * 1024)} MiB")
    with user_errors("no counterproposal was stored"), acting_as(as_user) as (db, who):
        view, proposal = store_attributed_counterproposal(db, who, negotiation_id, file.read_bytes(), answers=answers)
    console.print(f"draft {view.number} (counterproposal of {view.party}), {len(view.articles)} articles, "
                  f"{len(proposal.changes)} changes", markup=False)  # fmt: skip
    for change in proposal.changes:
        who_made = ", ".join(change.authors) if change.authors else "not tracked"
        words = f"-[{change.before}] " if change.before else ""
        words += f"+[{change.after}]" if change.after else ""
        console.print(f"  Article {change.article} {change.part}: {words.strip()} ({who_made})", markup=False)


def register(app: typer.Typer) -> None:
    """Add ``export``, ``changes`` and ``counterproposal`` to the ``coordina drafting`` group."""
    app.command("export")(export)
    app.command("changes")(changes)
    app.command("counterproposal")(counterproposal)
