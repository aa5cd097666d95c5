"""``coordina schemes``: the bundled national schemes."""

from typing import Annotated

import typer
from rich.table import Table

import coordina
from coordina.cli.output import console, print_json, user_errors
from coordina.cli.render import scheme_summary, show_scheme

app = typer.Typer(help="The bundled national schemes.", no_args_is_help=True)

JsonFlag = Annotated[bool, typer.Option("--json", help="Machine-readable output.")]


@app.command("list")
def list_schemes(
    country: Annotated[str | None, typer.Option("--country", metavar="CC")] = None,
    json: JsonFlag = False,
) -> None:
    """List the bundled national schemes, optionally of one country."""
    with user_errors():
        library = coordina.library()
    schemes = library.schemes_of(country) if country else list(library.schemes.values())
    if json:
        print_json([scheme_summary(s) for s in schemes])
        return
    table = Table(title=f"{len(schemes)} schemes")
    table.add_column("id", no_wrap=True)
    for heading in ("country", "name", "kind", "branches"):
        table.add_column(heading, overflow="fold")
    for scheme in schemes:
        table.add_row(
            scheme.id,
            scheme.country,
            scheme.name,
            scheme.kind.value,
            ", ".join(b.value for b in scheme.branches),
        )
    console.print(table)


@app.command()
def show(scheme_id: Annotated[str, typer.Argument(metavar="ID")], json: JsonFlag = False) -> None:
    """Show one scheme and its dated parameters with their sources."""
    with user_errors():
        scheme = coordina.load_scheme(scheme_id)
    if json:
        print_json(scheme.model_dump(mode="json", exclude_none=True))
    else:
        show_scheme(scheme)
