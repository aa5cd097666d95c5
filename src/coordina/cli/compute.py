"""``coordina compute``: apply an agreement to a case file."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from coordina.cli.explain import explain
from coordina.cli.output import console, print_json, report_problems, user_errors
from coordina.errors import CaseError
from coordina.services import catalog
from coordina.services.compute import compute as compute_decision

if TYPE_CHECKING:
    from coordina.domain import Agreement
    from coordina.services.catalog import Library
    from coordina.services.database import Database


def compute(
    case_file: Annotated[Path, typer.Argument(metavar="CASE", help="Case file, YAML or JSON.")],
    agreement: Annotated[str | None, typer.Option("--agreement", metavar="ID", help="Agreement id or path.")] = None,
    scheme: Annotated[
        list[Path] | None,
        typer.Option("--scheme", metavar="FILE", help="A national scheme file beside the bundled ones (repeatable)."),
    ] = None,
    json: Annotated[bool, typer.Option("--json", help="The decision as JSON.")] = False,
    explain_: Annotated[bool, typer.Option("--explain", help="The trace as readable text.")] = False,
) -> None:
    """Apply an agreement to one person's career: legislation, totalization, amounts, export — and why."""
    with user_errors("nothing was computed"):
        case, document = catalog.read_case(case_file)
        library, chosen = _with_user_files(agreement, scheme or [])
        try:
            decision = compute_decision(case, chosen, library=library, workspace=_workspace)
        except CaseError as error:
            report_problems([catalog.problem_at(case_file, document, error.field, str(error))])
            raise typer.Exit(1) from None
    if json:
        print_json(decision.model_dump(mode="json"))
    elif explain_:
        explain(decision)
    else:
        explain(decision, brief=True)
    if not decision.covered and not json:
        console.print("[yellow]Not covered by the agreement.[/yellow]")


def _with_user_files(agreement: str | None, schemes: list[Path]) -> tuple["Library | None", "Agreement | str | None"]:
    """With ``--scheme``: the library with the user's scheme files, and a user agreement file
    checked against them (every problem as ``file:line``); without it, as given."""
    if not schemes:
        return None, agreement
    agreement_file = Path(agreement) if agreement is not None and catalog.is_path(agreement) else None
    library, loaded = catalog.with_schemes(schemes, agreement_file)
    return library, loaded if loaded is not None else agreement


def _workspace() -> "Database":
    """The workspace database, opened only for an agreement that is not bundled."""
    from coordina.cli.workspace import open_database

    return open_database()
