"""Drafts, rounds, minutes, contentious points and initialling."""

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from coordina.cli.negotiation import Id, JsonFlag, app, load
from coordina.cli.output import console, print_json
from coordina.cli.workspace import AsUser, acting_as
from coordina.services.negotiation import drafts, rounds


@app.command()
def draft(
    negotiation_id: Id,
    as_user: AsUser,
    kind: Annotated[str, typer.Option()],
    based_on: Annotated[str | None, typer.Option("--from", help="Library agreement to start from")] = None,
    file: Annotated[Path | None, typer.Option(help="YAML list of {number, heading, text}")] = None,
) -> None:
    """A new draft version: initial, counterproposal, revision, or change (after initialling)."""
    with acting_as(as_user) as (db, who):
        view = drafts.create_draft(
            db, who, negotiation_id, kind=kind, articles=load(file) if file else None, based_on=based_on
        )
    console.print(f"draft {view.number} ({view.kind}), {len(view.articles)} articles, hash {view.content_hash[:12]}")


@app.command()
def share(negotiation_id: Id, number: int, as_user: AsUser) -> None:
    with acting_as(as_user) as (db, who):
        drafts.share_draft(db, who, negotiation_id, number)


@app.command()
def initial(negotiation_id: Id, number: int, as_user: AsUser) -> None:
    """Initial the agreed text (heads of delegation)."""
    with acting_as(as_user) as (db, who):
        drafts.initial(db, who, negotiation_id, number)


@app.command()
def consent(negotiation_id: Id, number: int, as_user: AsUser) -> None:
    """Consent, for your party, to a change of the initialled text (heads)."""
    with acting_as(as_user) as (db, who):
        drafts.consent_to_change(db, who, negotiation_id, number)


@app.command()
def compare(negotiation_id: Id, first: int, second: int, as_user: AsUser, json: JsonFlag = False) -> None:
    """Compare two draft versions article by article."""
    with acting_as(as_user) as (db, who):
        changes = drafts.compare(db, who, negotiation_id, first, second)
    if json:
        print_json([c.model_dump() for c in changes])
        return
    for change in changes:
        console.print(f"Art. {change.article}: {change.change}", highlight=False)


@app.command("round")
def round_(
    negotiation_id: Id, as_user: AsUser, held_on: Annotated[str, typer.Option()], host: Annotated[str, typer.Option()]
) -> None:
    """Arrange a negotiation round, hosted by your party."""
    with acting_as(as_user) as (db, who):
        view = rounds.create_round(
            db, who, negotiation_id, held_on=date.fromisoformat(held_on), host_party=host, participants=[]
        )
    console.print(f"round {view.number} on {view.held_on} hosted by {view.host_party}")


@app.command()
def minutes(
    negotiation_id: Id,
    number: int,
    as_user: AsUser,
    text: Annotated[str, typer.Option()],
    annex: Annotated[int, typer.Option(help="Draft annexed")],
    participants: Annotated[str, typer.Option(help="Comma-separated")],
) -> None:
    """Record the minutes of a round (the host), with the revised draft annexed."""
    with acting_as(as_user) as (db, who):
        version = next(r.version for r in rounds.list_rounds(db, who, negotiation_id) if r.number == number)
        rounds.record_minutes(
            db,
            who,
            negotiation_id,
            number,
            text=text,
            annexed_draft=annex,
            participants=participants.split(","),
            expected_version=version,
        )


@app.command()
def point(
    negotiation_id: Id,
    as_user: AsUser,
    article: Annotated[str, typer.Option()],
    subject: Annotated[str, typer.Option()],
    position: Annotated[list[str], typer.Option(help="PARTY=position, repeatable")],
) -> None:
    """Raise a contentious point with each party's position."""
    with acting_as(as_user) as (db, who):
        view = rounds.raise_point(
            db,
            who,
            negotiation_id,
            article=article,
            subject=subject,
            positions=dict(p.split("=", 1) for p in position),
        )
    console.print(f"point {view.id} on article {view.article}")


@app.command()
def settle(
    negotiation_id: Id,
    point_id: int,
    as_user: AsUser,
    status: Annotated[str, typer.Option()],
    round_number: Annotated[int | None, typer.Option("--round")] = None,
    resolution: Annotated[str | None, typer.Option()] = None,
) -> None:
    """Settle a point: resolved_in_round, postponed, or resolved_by_correspondence."""
    with acting_as(as_user) as (db, who):
        version = next(p.version for p in rounds.list_points(db, who, negotiation_id) if p.id == point_id)
        rounds.settle_point(
            db,
            who,
            negotiation_id,
            point_id,
            status=status,
            round_number=round_number,
            resolution=resolution,
            expected_version=version,
        )
