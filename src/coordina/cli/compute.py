"""``coordina compute``: apply an agreement to a case file."""

from pathlib import Path
from typing import Annotated

import typer

import coordina
from coordina.catalog.cases import problem_at, read_case
from coordina.cli.explain import explain
from coordina.cli.output import console, print_json, report_problems, user_errors
from coordina.errors import CaseError, NotFound


def compute(
    case_file: Annotated[Path, typer.Argument(metavar="CASE", help="Case file, YAML or JSON.")],
    agreement: Annotated[str | None, typer.Option("--agreement", metavar="ID", help="Agreement id or path.")] = None,
    json: Annotated[bool, typer.Option("--json", help="The decision as JSON.")] = False,
    explain_: Annotated[bool, typer.Option("--explain", help="The trace as readable text.")] = False,
) -> None:
    """Apply an agreement to one person's career: legislation, totalization, amounts, export — and why."""
    with user_errors("nothing was computed"):
        case, document = read_case(case_file)
        try:
            decision = coordina.compute(case, _resolve(agreement or case.agreement))
        except CaseError as error:
            report_problems([problem_at(case_file, document, error.field, str(error))])
            raise typer.Exit(1) from None
    if json:
        print_json(decision.model_dump(mode="json"))
    elif explain_:
        explain(decision)
    else:
        explain(decision, brief=True)
    if not decision.covered and not json:
        console.print("[yellow]Not covered by the agreement.[/yellow]")


def _resolve(agreement: str | None) -> coordina.Agreement | str | None:
    """A bundled id or path as is; otherwise an agreement negotiated and in force in the workspace."""
    if agreement is None or agreement in coordina.library().agreements or agreement.endswith((".yaml", ".yml")):
        return agreement
    from coordina.cli.workspace import open_database
    from coordina.services import library

    try:
        return library.agreement(open_database(), agreement)
    except NotFound:
        return agreement  # unknown everywhere: the library's own error lists the known ids
