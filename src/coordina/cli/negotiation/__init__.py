"""``coordina negotiation``: the eight-step workspace from the command line (local database).

Each command acts as the user named by ``--as`` (or ``COORDINA_USER``), with that user's
delegation and role; the same rules as the REST API apply, since both call the services.
"""

from pathlib import Path
from typing import Annotated, Any

import typer

from coordina.services import catalog
from coordina.services.negotiation import workspace

app = typer.Typer(help="The negotiation workspace: the ILO brief's eight steps.", no_args_is_help=True)
JsonFlag = Annotated[bool, typer.Option("--json", help="Machine-readable output.")]
Id = Annotated[int, typer.Argument(metavar="ID", help="Negotiation id.")]


def load(path: Path) -> Any:
    """A YAML or JSON file given to a command, read with the same limits as data files."""
    return catalog.read_data(path)


def version(db: Any, who: int, negotiation_id: int) -> int:
    return workspace.get(db, who, negotiation_id).version


from coordina.cli.negotiation import closing, process, text  # noqa: E402  (commands register on app)

__all__ = ["app", "closing", "process", "text"]
