"""The ``coordina`` command line.

The library commands (agreements, schemes, schema, compute) load without the workspace's
database and web stack, so they start in a fraction of the time; the workspace commands are
added when one of them, or the full help, is asked for.
"""

import sys
from enum import StrEnum
from functools import cache
from typing import Annotated

import typer

from coordina.cli import agreements, node, schemes, trust
from coordina.cli.compute import compute
from coordina.cli.errors import fail, user_errors
from coordina.cli.output import print_json
from coordina.cli.population import population, register
from coordina.cli.verify import verify
from coordina.services import catalog

LIBRARY_COMMANDS = {"agreements", "schemes", "schema", "compute", "population", "register", "verify", "trust", "node"}
SIMULATION_COMMANDS = {"simulate"}  # the database, not the other workspace commands: a worker starts fast


class SchemaKind(StrEnum):
    agreement = "agreement"
    scheme = "scheme"
    form = "form"


def schema(
    kind: Annotated[SchemaKind, typer.Argument(help="agreement, scheme or form")],
    name: Annotated[str | None, typer.Argument(help="The form (without it: the list of forms).")] = None,
    version: Annotated[int | None, typer.Option("--version", help="The form's version (default: current).")] = None,
) -> None:
    """Print the JSON Schema that agreement or scheme files, or a form's documents, are validated against."""
    if (name is not None or version is not None) and kind is not SchemaKind.form:
        fail(f"only a form takes a name and a version, not {kind.value}")
    with user_errors():
        document = catalog.schema(kind.value, name, version)
    print_json(document)


@cache
def build(workspace: bool = True, simulation: bool = True) -> typer.Typer:
    """The command tree; ``workspace=False`` leaves out the commands that need the database,
    ``simulation=False`` the simulation's (``coordina simulate``)."""
    app = typer.Typer(
        help="coordina: social security agreements as code.", no_args_is_help=True, pretty_exceptions_enable=False
    )
    app.add_typer(agreements.app, name="agreements")
    app.add_typer(schemes.app, name="schemes")
    app.command()(schema)
    app.command()(compute)
    app.command()(population)
    app.command()(register)
    app.command()(verify)
    app.add_typer(trust.app, name="trust")
    app.add_typer(node.app, name="node")
    if simulation:
        from coordina.cli import simulate_jobs
        from coordina.cli.simulate import compare, simulate

        group = simulate_jobs.commands(simulate)
        group.command("compare")(compare)
        app.add_typer(group, name="simulate")
    if workspace:
        from coordina.cli import drafting, negotiation, registry, users
        from coordina.cli.demo import demo
        from coordina.cli.login import login, logout
        from coordina.cli.serve import serve

        app.add_typer(negotiation.app, name="negotiation")
        app.add_typer(drafting.app, name="drafting")
        app.add_typer(users.app, name="users")
        app.add_typer(registry.app, name="registry")
        app.command()(demo)
        app.command()(login)
        app.command()(logout)
        app.command()(serve)
    return app


def __getattr__(name: str) -> typer.Typer:
    if name == "app":  # the whole tree, e.g. for tests: coordina.cli.app
        return build()
    raise AttributeError(name)


def main() -> None:
    first = sys.argv[1] if len(sys.argv) > 1 else None
    light = first in LIBRARY_COMMANDS or first in SIMULATION_COMMANDS
    sys.exit(build(workspace=not light, simulation=first not in LIBRARY_COMMANDS)())
