"""``coordina demo``: fill a fresh database with a realistic example workspace."""

import typer

from coordina.cli.output import console
from coordina.cli.workspace import open_database, refusals
from coordina.services import demo as demo_service
from coordina.services.negotiation import workspace


def demo() -> None:
    """One negotiation in force, one in step 3 with open points, one suspended in step 4."""
    db = open_database()
    if workspace.list_for(db, None):
        console.print("[red]the database already holds negotiations: use a fresh one[/red]")
        raise typer.Exit(1)
    with refusals():
        ids = demo_service.fill(db)
    console.print(
        f"demo negotiations {', '.join(map(str, ids))} created; users log in with the password "
        f"'{demo_service.DEMO_PASSWORD}': {demo_service.ADMINISTRATOR} (administrator), min_jun, maria_santos, "
        "priya_nair, joao_silva, sami_ben_ali, youssef_amrani, ilo_adviser"
    )
