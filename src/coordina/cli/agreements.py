"""``coordina agreements``: list, show, validate and compare agreements."""

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from coordina.cli.output import console, print_json, report_problems, user_errors
from coordina.cli.render import agreement_summary, comparison_table, show_agreement
from coordina.domain import Agreement
from coordina.domain.citations import cited_articles, verified_share
from coordina.services import catalog

app = typer.Typer(help="The bundled library of agreements.", no_args_is_help=True)

JsonFlag = Annotated[bool, typer.Option("--json", help="Machine-readable output.")]


@app.command("list")
def list_agreements(json: JsonFlag = False) -> None:
    """List the bundled agreements."""
    with user_errors():
        agreements = catalog.agreements()
    if json:
        print_json([agreement_summary(a) for a in agreements])
        return
    table = Table(title=f"{len(agreements)} agreements in the library")
    table.add_column("id", no_wrap=True)
    for heading in ("kind", "parties", "signed", "in force", "branches"):
        table.add_column(heading, overflow="fold")
    for agreement in agreements:
        summary = agreement_summary(agreement)
        table.add_row(
            agreement.id + (f" (earlier text of {agreement.version_of})" if agreement.version_of else ""),
            agreement.kind.value,
            " ".join(agreement.parties) or "—",
            str(agreement.signed or "—"),
            str(agreement.in_force or "—"),
            ", ".join(summary["branches"]),
        )
    console.print(table)


@app.command()
def show(
    agreement_id: Annotated[str, typer.Argument(metavar="ID")],
    json: JsonFlag = False,
    sources: Annotated[
        bool, typer.Option("--sources", help="Each cited article with where it was read, or 'unverified'.")
    ] = False,
) -> None:
    """Show one agreement (a bundled id, or a path to a YAML file)."""
    with user_errors():
        agreement = catalog.agreement(agreement_id)
    if sources:
        show_sources(agreement, json)
    elif json:
        print_json(agreement.model_dump(mode="json", exclude_none=True))
    else:
        show_agreement(agreement)


def show_sources(agreement: Agreement, json: bool) -> None:
    cited = cited_articles(agreement)
    if json:
        print_json(
            [
                {"article": c.number, "heading": c.heading, "status": c.status, "source": c.source,
                 "cited_by": list(c.cited_by)}
                for c in cited
            ]
        )  # fmt: skip
        return
    share = verified_share(agreement)
    table = Table(title=f"{agreement.id}: {len(cited)} cited articles, {float(share):.0%} verified in the text")
    for heading in ("article", "heading", "status", "source", "cited by"):
        table.add_column(heading, overflow="fold")
    for c in cited:
        style = "" if c.status == "verified" else "yellow"
        table.add_row(c.number, c.heading or "", c.status, c.source or "", str(len(c.cited_by)), style=style)
    console.print(table)


@app.command()
def validate(paths: Annotated[list[Path], typer.Argument(metavar="PATH...")], json: JsonFlag = False) -> None:
    """Validate agreement or scheme files (or folders): every problem as file:line: message."""
    with user_errors():
        problems = catalog.validate(paths)
    if problems:
        report_problems(problems)
        raise typer.Exit(1)
    if json:
        print_json({"valid": True, "problems": []})
    else:
        console.print("all files valid")


@app.command()
def compare(
    agreement_ids: Annotated[list[str], typer.Argument(metavar="ID ID...")],
    json: JsonFlag = False,
) -> None:
    """Compare 2 to 7 agreements: scope, branches per party, principles, special provisions."""
    with user_errors():
        comparison = catalog.compare(agreement_ids)
    if json:
        print_json(comparison.model_dump(mode="json"))
    else:
        console.print(comparison_table(comparison))
