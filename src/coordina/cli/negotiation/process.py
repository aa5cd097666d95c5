"""Opening, members, country profiles, steps, notes and the audit log."""

import json as jsonlib
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from coordina.cli.negotiation import Id, JsonFlag, app, load, version
from coordina.cli.output import console, print_json
from coordina.cli.workspace import AsUser, acting_as, open_database
from coordina.services.negotiation import profiles, workspace


@app.command("list")
def list_negotiations(json: JsonFlag = False) -> None:
    """Every negotiation in the database: id, title, parties, step (1-8) and status."""
    db = open_database()
    rows = workspace.list_for(db, None)
    records = [{"id": n.id, "title": n.title, "parties": n.parties, "step": n.step, "status": n.status} for n in rows]
    if json:
        print_json(records)
        return
    table = Table(title=f"{len(rows)} negotiations")
    for heading in ("id", "title", "parties", "step", "status"):
        table.add_column(heading)
    for n in rows:
        table.add_row(str(n.id), n.title, " ".join(n.parties), f"{n.step} {n.step_name}", n.status)
    console.print(table)


@app.command("open")
def open_(
    as_user: AsUser,
    title: Annotated[str, typer.Option()],
    parties: Annotated[str, typer.Option(help="Comma-separated, e.g. KR,PH")],
    branches: Annotated[str, typer.Option(help="Comma-separated branches in scope")],
    drafting_party: Annotated[str, typer.Option("--drafting-party")],
    own_party: Annotated[str, typer.Option("--own-party")],
    entry_into_force_months: Annotated[
        int | None, typer.Option(help="First day of the Nth month after the last notification")
    ] = None,
    amends: Annotated[
        str | None, typer.Option(help="An agreement of the library this negotiation amends (a new version of it)")
    ] = None,
) -> None:
    """Open a negotiation (or an amendment of an agreement, --amends); you head your own party's delegation."""
    rule = (
        {"kind": "first_day_of_nth_month_after_last_notification", "months": entry_into_force_months}
        if entry_into_force_months
        else None
    )
    with acting_as(as_user) as (db, who):
        view = workspace.open_negotiation(
            db,
            who,
            title=title,
            parties=parties.split(","),
            branches=branches.split(","),
            drafting_party=drafting_party,
            own_party=own_party,
            entry_into_force_rule=rule,
            amends=amends,
        )
    amending = f", amending {view.amends}" if view.amends else ""
    console.print(f"negotiation {view.id} opened{amending}: step 1 (preliminary discussions)")


@app.command()
def show(negotiation_id: Id, as_user: AsUser, json: JsonFlag = False) -> None:
    with acting_as(as_user) as (db, who):
        view = workspace.get(db, who, negotiation_id)
    if json:
        print_json(view.model_dump(mode="json"))
    else:
        console.print(f"{view.title}: step {view.step} ({view.step_name}), {view.status}, version {view.version}")


@app.command()
def member(
    negotiation_id: Id, as_user: AsUser, username: str, role: str, party: Annotated[str | None, typer.Option()] = None
) -> None:
    """Add a user to a delegation (head, member, observer) or as facilitator."""
    with acting_as(as_user) as (db, who):
        workspace.add_member(db, who, negotiation_id, username=username, role=role, party=party)


@app.command()
def profile(
    negotiation_id: Id,
    party: str,
    as_user: AsUser,
    prefill: Annotated[bool, typer.Option(help="Fill empty items from bundled scheme data")] = False,
    file: Annotated[Path | None, typer.Option(help="YAML of checklist answers")] = None,
    json: JsonFlag = False,
) -> None:
    """Show, fill or prefill a country profile (the brief's checklist) and its completion."""
    with acting_as(as_user) as (db, who):
        current = profiles.get_profile(db, who, negotiation_id, party)
        if file:
            current = profiles.update_profile(db, who, negotiation_id, party, load(file), current.version)
        if prefill:
            current = profiles.prefill_profile(db, who, negotiation_id, party, current.version)
    if json:
        print_json(current.model_dump(mode="json"))
    else:
        console.print(f"{party}: {current.completion:.0%} complete; missing: {', '.join(current.missing) or 'nothing'}")


@app.command()
def step(negotiation_id: Id, event: str, as_user: AsUser) -> None:
    """Take a step: complete_preliminary_discussions, start_negotiations, conclude_negotiations, …"""
    with acting_as(as_user) as (db, who):
        view = workspace.take_step(db, who, negotiation_id, event, version(db, who, negotiation_id))
    console.print(f"now in step {view.step} ({view.step_name}), {view.status}")


@app.command()
def note(negotiation_id: Id, as_user: AsUser, text: str) -> None:
    """Add an internal note, visible to your delegation alone."""
    with acting_as(as_user) as (db, who):
        workspace.add_note(db, who, negotiation_id, text)


@app.command()
def notes(negotiation_id: Id, as_user: AsUser, json: JsonFlag = False) -> None:
    with acting_as(as_user) as (db, who):
        rows = workspace.notes(db, who, negotiation_id)
    if json:
        print_json([r.model_dump(mode="json") for r in rows])
    for row in [] if json else rows:
        console.print(f"{row.at:%Y-%m-%d} {row.text}", highlight=False)


@app.command()
def audit(negotiation_id: Id, as_user: AsUser, json: JsonFlag = False) -> None:
    """The audit log: who did what, when."""
    with acting_as(as_user) as (db, who):
        rows = workspace.audit_log(db, who, negotiation_id)
    if json:
        print_json([r.model_dump(mode="json") for r in rows])
        return
    for row in rows:
        console.print(
            f"{row.at:%Y-%m-%d %H:%M} {row.user or '-':12} {row.action} {jsonlib.dumps(row.detail)}",
            highlight=False,
            markup=False,
        )
