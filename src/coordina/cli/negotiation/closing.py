"""Review, signing, ratification, the administrative arrangement and the encoding."""

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from coordina.cli.negotiation import Id, app, load, version
from coordina.cli.output import console
from coordina.cli.workspace import AsUser, acting_as
from coordina.errors import Refused
from coordina.services.negotiation import closing


@app.command()
def review(
    negotiation_id: Id,
    as_user: AsUser,
    authority: Annotated[str, typer.Option()],
    outcome: Annotated[str, typer.Option()],
    modifications: Annotated[str | None, typer.Option()] = None,
) -> None:
    """Record your authorities' review (approved or modifications_requested)."""
    with acting_as(as_user) as (db, who):
        closing.record_review(
            db, who, negotiation_id, authority=authority, outcome=outcome, modifications=modifications
        )


@app.command()
def outcome(negotiation_id: Id, choice: str, as_user: AsUser) -> None:
    """No agreement in review: repeat_negotiations, suspend, abandon or cancel."""
    with acting_as(as_user) as (db, who):
        view = closing.choose_outcome(db, who, negotiation_id, choice, version(db, who, negotiation_id))
    console.print(f"step {view.step}, {view.status}")


@app.command()
def resume(negotiation_id: Id, as_user: AsUser) -> None:
    with acting_as(as_user) as (db, who):
        closing.resume(db, who, negotiation_id, version(db, who, negotiation_id))


@app.command()
def languages(
    negotiation_id: Id,
    codes: str,
    as_user: AsUser,
    translation: Annotated[list[str], typer.Option(help="LANG=who translates, repeatable")] = [],  # noqa: B006
) -> None:
    """The official languages of the authentic texts, comma-separated, and their translations."""
    with acting_as(as_user) as (db, who):
        closing.set_languages(
            db,
            who,
            negotiation_id,
            codes.split(","),
            version(db, who, negotiation_id),
            dict(t.split("=", 1) for t in translation),
        )


@app.command()
def sign(
    negotiation_id: Id,
    as_user: AsUser,
    signatory: Annotated[str, typer.Option()],
    capacity: Annotated[str, typer.Option()],
    signed_on: Annotated[str, typer.Option()],
    place: Annotated[str, typer.Option()],
    full_powers: Annotated[str | None, typer.Option()] = None,
    deposited_in: Annotated[str | None, typer.Option()] = None,
) -> None:
    """Record your party's signature (heads); full powers unless Head of State/Government or MFA."""
    with acting_as(as_user) as (db, who):
        closing.sign(
            db,
            who,
            negotiation_id,
            signatory=signatory,
            capacity=capacity,
            signed_on=date.fromisoformat(signed_on),
            place=place,
            full_powers=full_powers,
            deposited_in=deposited_in,
        )


@app.command()
def ratify(
    negotiation_id: Id,
    as_user: AsUser,
    procedure: Annotated[str, typer.Option()],
    approved_on: Annotated[str, typer.Option()],
    notified_on: Annotated[str, typer.Option()],
) -> None:
    """Record your party's approval or ratification and its notification."""
    with acting_as(as_user) as (db, who):
        closing.ratify(
            db,
            who,
            negotiation_id,
            procedure=procedure,
            approved_on=date.fromisoformat(approved_on),
            notified_on=date.fromisoformat(notified_on),
        )


ARRANGEMENT_FILE = (
    "YAML: title, data_protection, forms (each: name, branch, personal_data; for one of coordina's forms also "
    "form, purpose, fields, retention such as P10Y) and bodies (each: id such as KR:nps, party, name, role "
    "liaison_agency or competent_institution, branches)"
)


@app.command()
def arrangement(
    negotiation_id: Id,
    as_user: AsUser,
    file: Annotated[Path, typer.Option(help=ARRANGEMENT_FILE)],
    signed_on: Annotated[str | None, typer.Option()] = None,
) -> None:
    """Conclude (and optionally sign) the administrative arrangement: its forms, the liaison agencies
    and competent institutions it names, and its data-protection provisions."""
    data = load(file)
    if not isinstance(data, dict) or not isinstance(data.get("title"), str):
        raise Refused("arrangement_file", f"{file}: give a mapping with a title, forms and data_protection")
    for key, kind in (("forms", list), ("data_protection", str), ("bodies", list), ("expected_version", int)):
        if key in data and not isinstance(data[key], kind):
            raise Refused("arrangement_file", f"{file}: {key} is a {kind.__name__}")
    with acting_as(as_user) as (db, who):
        closing.conclude_arrangement(
            db,
            who,
            negotiation_id,
            title=data["title"],
            forms=data.get("forms", []),
            data_protection=data.get("data_protection", ""),
            bodies=data.get("bodies"),
            expected_version=data.get("expected_version", 0),
        )
        if signed_on:
            closing.sign_arrangement(db, who, negotiation_id, date.fromisoformat(signed_on))
    bodies = ", ".join(f"{b['id']} ({b['role']})" for b in data.get("bodies") or []) or "none given"
    console.print(f"arrangement concluded: {len(data.get('forms', []))} form(s); bodies: {bodies}")


@app.command()
def encode(negotiation_id: Id, as_user: AsUser, file: Path) -> None:
    """Attach the agreed text's encoding (agreement YAML) for the coordination engine."""
    with acting_as(as_user) as (db, who):
        closing.set_encoding(db, who, negotiation_id, load(file))
