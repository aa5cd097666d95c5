"""The ``coordina`` command line."""

import sys
from enum import StrEnum
from typing import Annotated

import typer

from coordina.cli import agreements, negotiation, registry, schemes, users
from coordina.cli.compute import compute
from coordina.cli.demo import demo
from coordina.cli.output import print_json
from coordina.cli.serve import serve
from coordina.library.schema import json_schema

app = typer.Typer(
    help="coordina: social security agreements as code.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.add_typer(agreements.app, name="agreements")
app.add_typer(schemes.app, name="schemes")
app.add_typer(negotiation.app, name="negotiation")
app.add_typer(users.app, name="users")
app.add_typer(registry.app, name="registry")
app.command()(compute)
app.command()(demo)
app.command()(serve)


class SchemaKind(StrEnum):
    agreement = "agreement"
    scheme = "scheme"


@app.command()
def schema(kind: Annotated[SchemaKind, typer.Argument(help="agreement or scheme")]) -> None:
    """Print the JSON Schema that agreement or scheme files are validated against."""
    print_json(json_schema(kind.value))


def main() -> None:
    sys.exit(app())
