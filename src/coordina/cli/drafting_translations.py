"""``coordina drafting translate`` and ``changes-by``: a translation of a draft entered or uploaded
by a delegation, stored as a new version (ILO brief, step 5); who made each change of a
counterproposal (issue 15, items 2 and 5). ``register(app)`` adds them to a Typer app."""

from pathlib import Path
from typing import Annotated

import typer

from coordina.cli.errors import fail
from coordina.cli.output import console, print_json, user_errors
from coordina.cli.workspace import AsUser, acting_as
from coordina.services.drafting import attribution, translations
from coordina.services.drafting.docx_package import MAX_UPLOAD
from coordina.services.negotiation import drafts

Negotiation = Annotated[int, typer.Argument(metavar="NEGOTIATION_ID", help="Negotiation id.")]
DraftNumber = Annotated[int, typer.Argument(metavar="DRAFT", help="The draft's number.")]


def translate(
    as_user: AsUser,
    negotiation_id: Negotiation,
    draft: DraftNumber,
    language: Annotated[str, typer.Option("--language", metavar="LANG", help="The language, e.g. fr.")],
    file: Annotated[
        Path | None, typer.Option("--file", metavar="FILE", help="The draft in LANG: a DOCX, or JSON {eId: text}.")
    ] = None,
    article: Annotated[str | None, typer.Option("--article", metavar="EID", help="One article's eId or wId.")] = None,
    text: Annotated[str | None, typer.Option("--text", metavar="TEXT", help="Its text in LANG.")] = None,
    heading: Annotated[str | None, typer.Option("--heading", metavar="TEXT", help="Its heading in LANG.")] = None,
) -> None:
    """Record a translation of a draft, stored as a new version (each article keeps its eId and wId).

    Give a whole file (--file F.docx, matched by article number, or F.json {eId or wId: text}), or
    one article (--article EID --text TEXT)."""
    if (file is None) == (article is None) or (article is not None and text is None):
        fail("give --file FILE, or --article EID with --text TEXT")
    with user_errors("no translation was stored"), acting_as(as_user) as (db, who):
        headings: dict[str, str] = {}
        if file is not None:
            if not file.is_file():
                fail(f"{file}: no such file")
            if file.stat().st_size > MAX_UPLOAD:
                fail(f"{file}: larger than {MAX_UPLOAD // (1024 * 1024)} MiB")
            data = file.read_bytes()
            if file.suffix.lower() == ".docx":
                base = translations.stored_articles(drafts.get_draft(db, who, negotiation_id, draft))
                texts, headings = translations.texts_from_docx(data, base)
            else:
                texts = translations.texts_from_json(data)
        else:
            assert article is not None and text is not None
            texts = {article: text}
            headings = {article: heading} if heading else {}
        view = translations.store_translation(db, who, negotiation_id, draft, language, texts, headings=headings)
    console.print(f"draft {view.number} ({view.kind}): draft {draft} with {len(texts)} articles in {language}",
                  markup=False)  # fmt: skip


def changes_by(
    as_user: AsUser,
    negotiation_id: Negotiation,
    draft: DraftNumber,
    json: Annotated[bool, typer.Option("--json", help="The changes as JSON.")] = False,
) -> None:
    """Who made each change of a counterproposal: article, words deleted and inserted, author, date."""
    with user_errors("nothing was read"), acting_as(as_user) as (db, who):
        record = attribution.changes_by(db, who, negotiation_id, draft)
    if json:
        print_json(record.model_dump(mode="json"))
        return
    if not record.changes:
        console.print(f"draft {draft}: no attributed changes recorded", markup=False)
        return
    console.print(f"draft {draft} (answering draft {record.answers}, by {record.delegation}): "
                  f"{len(record.changes)} changes", markup=False)  # fmt: skip
    for change in record.changes:
        who_made = ", ".join(change.authors) if change.authors else "author not recorded"
        words = f"-[{' '.join(change.deleted)}] " if change.deleted else ""
        words += f"+[{' '.join(change.inserted)}]" if change.inserted else ""
        console.print(f"  Article {change.article} {change.part}: {words.strip()} ({who_made}, "
                      f"{change.date or 'date not recorded'})", markup=False)  # fmt: skip


def register(app: typer.Typer) -> None:
    """Add ``translate`` and ``changes-by`` to the ``coordina drafting`` group."""
    app.command("translate")(translate)
    app.command("changes-by")(changes_by)
