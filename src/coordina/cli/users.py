"""``coordina users``: accounts for the workspace (passwords stored as Argon2id hashes)."""

from typing import Annotated

import typer

from coordina.cli.output import console
from coordina.cli.workspace import open_database, refusals
from coordina.services import auth

app = typer.Typer(help="Workspace users.", no_args_is_help=True)


@app.command()
def add(
    username: str,
    name: Annotated[str, typer.Option(help="Full name")],
    password: Annotated[
        str, typer.Option(prompt=True, hide_input=True, confirmation_prompt=True, envvar="COORDINA_PASSWORD")
    ],
) -> None:
    """Create a user; the password is asked for (or read from COORDINA_PASSWORD)."""
    db = open_database()
    with refusals():
        auth.create_user(db, username, name, password)
    console.print(f"user {username} created")


@app.command()
def token(
    username: str,
    password: Annotated[str, typer.Option(prompt=True, hide_input=True, envvar="COORDINA_PASSWORD")],
) -> None:
    """Issue a bearer token for the REST API (shown once)."""
    db = open_database()
    with refusals():
        user_id = auth.authenticate(db, username, password)
        print(auth.issue_token(db, user_id))
