"""``coordina drafting generate`` and ``coordina drafting compile``: a draft from options, and the
agreement file it compiles to (issue 15, items 2 and 3). ``register(app)`` adds them to a Typer app."""

import re
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from coordina.cli.errors import fail, user_errors
from coordina.cli.output import console
from coordina.cli.workspace import AsUser, acting_as
from coordina.domain.drafting.draft import GeneratedDraft
from coordina.domain.vocabulary import Branch
from coordina.services.drafting import compile as compiling
from coordina.services.drafting import generated


def _split(values: list[str] | None) -> list[str] | None:
    """``--parties KR,PH``, ``--parties "KR PH"`` or ``--parties KR --parties PH``."""
    if not values:
        return None
    return [part.upper() for value in values for part in re.split(r"[\s,]+", value) if part]


def generate(
    as_user: AsUser,
    parties: Annotated[list[str] | None, typer.Option("--parties", metavar="KR,PH", help="The two parties.")] = None,
    branch: Annotated[list[Branch] | None, typer.Option("--branch", help="A branch covered; repeat for more.")] = None,
    language: Annotated[list[str] | None, typer.Option("--language", help="en, fr or es; repeat for more.")] = None,
    options: Annotated[
        Path | None, typer.Option("--options", metavar="FILE", help="YAML or JSON draft options.")
    ] = None,
    previous: Annotated[
        Path | None,
        typer.Option(
            "--previous", metavar="DRAFT.json", help="The draft this one revises: its articles keep their wIds."
        ),
    ] = None,
    out: Annotated[Path | None, typer.Option("--out", metavar="DRAFT.json", help="Write the draft here.")] = None,
    negotiation: Annotated[
        int | None, typer.Option("--negotiation", metavar="ID", help="Store it as a draft of this negotiation.")
    ] = None,
    kind: Annotated[str, typer.Option(help="With --negotiation: initial, counterproposal, revision.")] = "initial",
) -> None:
    """A draft agreement from options, in the outline of ILO R167's model provisions (eIds, wIds, text by language)."""
    if (out is None) == (negotiation is None):
        fail("give --out DRAFT.json or --negotiation ID (one of them)")
    given = {"parties": _split(parties), "branches": branch or None, "languages": language or None}
    if out is not None:
        with user_errors("no draft was made"):
            draft = _draft(options, previous, None, given)
            generated.write_draft(draft, out)
        console.print(f"{out}: {len(draft.articles)} articles in {', '.join(draft.languages)}", markup=False)
        return
    assert negotiation is not None
    with acting_as(as_user) as (db, who), user_errors("no draft was made"):
        defaults = generated.negotiation_defaults(db, who, negotiation)  # its parties and branches
        draft = _draft(options, previous, defaults, given)
        view = generated.store_draft(db, who, negotiation, draft, kind=kind)
    console.print(f"draft {view.number} ({view.kind}), {len(view.articles)} articles, hash {view.content_hash[:12]}")


def _draft(
    options: Path | None, previous: Path | None, defaults: dict[str, Any] | None, given: dict[str, Any]
) -> GeneratedDraft:
    chosen = generated.options_from(options, defaults, **given)
    return generated.draft_from_options(chosen, generated.read_draft(previous) if previous is not None else None)


def compile_(
    draft: Annotated[Path, typer.Argument(metavar="DRAFT.json", help="A draft written by 'drafting generate'.")],
    out: Annotated[Path, typer.Option("--out", metavar="AGREEMENT.yaml", help="The agreement file to write.")],
    in_force: Annotated[
        str | None,
        typer.Option(
            "--in-force", metavar="YYYY-MM-DD", help="Assume entry into force on this day (for compute and simulate)."
        ),
    ] = None,
) -> None:
    """The agreement file the draft stands for: each option as its rule data, citing its article."""
    try:
        day = date.fromisoformat(in_force) if in_force else None
    except ValueError:
        fail(f"--in-force: {in_force!r} is not a date YYYY-MM-DD")
    with user_errors("no agreement file was written"):
        agreement = compiling.compile_to_file(generated.read_draft(draft), out, in_force=day)
    console.print(f"{out}: agreement {agreement.id}, {len(agreement.articles)} articles", markup=False)


def register(app: typer.Typer) -> None:
    """Add ``generate`` and ``compile`` to the ``coordina drafting`` group."""
    app.command("generate")(generate)
    app.command("compile")(compile_)
