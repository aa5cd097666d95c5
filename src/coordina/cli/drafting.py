"""``coordina drafting``: from the parties' country profiles to a draft (issue 15, step 2).

``feasibility`` reports what two or more profiles say about coordinating their schemes, from a
negotiation's stored profiles or from profile files; the draft commands are added to ``app``.
"""

from pathlib import Path
from typing import Annotated

import typer

from coordina.cli.output import console, print_json, user_errors
from coordina.cli.workspace import AsUser, acting_as
from coordina.domain.vocabulary import Branch
from coordina.services.drafting import feasibility_sources, profile_store, scheme_files
from coordina.services.drafting.feasibility import FeasibilityReport

app = typer.Typer(help="Drafting: profiles, feasibility, drafts.", no_args_is_help=True)


@app.command()
def feasibility(
    as_user: AsUser,
    negotiation_id: Annotated[int | None, typer.Argument(metavar="[NEGOTIATION_ID]", help="Negotiation id.")] = None,
    profile: Annotated[
        list[Path] | None,
        typer.Option("--profile", metavar="FILE", help="A profile file (YAML or JSON); twice or more."),
    ] = None,
    branch: Annotated[list[Branch] | None, typer.Option("--branch", help="Limit to these branches.")] = None,
    json: Annotated[bool, typer.Option("--json", help="The report as JSON.")] = False,
) -> None:
    """What the profiles say about coordinating: common branches, clashing scheme kinds, qualifying
    periods and export rules that need totalization or a waiver, groups outside scope, capacity —
    each finding citing the profile field and the R167 or agreement provision."""
    if (negotiation_id is None) == (not profile):
        console.print("[red]Give a negotiation id or --profile FILE twice or more, not both.[/red]")
        raise typer.Exit(2)
    if profile:
        with user_errors("no report was made"):
            report = feasibility_sources.for_files(profile, branch or ())
    else:
        assert negotiation_id is not None
        with acting_as(as_user) as (db, who):
            report = feasibility_sources.for_negotiation(db, who, negotiation_id)
    if json:
        print_json(report.model_dump(mode="json"))
    else:
        show(report)


def show(report: FeasibilityReport) -> None:
    """The report as text: one finding a paragraph, its fields and provisions beneath."""
    common = ", ".join(b.value for b in report.common_branches) or "none"
    console.print(f"[bold]Feasibility: {' – '.join(report.parties)}[/bold] (branches in common: {common})")
    for number, finding in enumerate(report.findings, start=1):
        console.print(f"\n{number}. [{finding.topic}] {finding.summary}", markup=False)
        if finding.note:
            console.print(f"   note: {finding.note}", markup=False)
        fields = "; ".join(
            f"{f.party} {f.field}" + (f" (source: {f.source})" if f.source else "") for f in finding.fields
        )
        console.print(f"   profile fields: {fields}", markup=False)
        for p in finding.provisions:
            heading = f" — {p.heading}" if p.heading else ""
            console.print(f"   provision: {p.agreement} art. {p.article}{heading} (source: {p.source})", markup=False)


@app.command("profile")
def profile(
    as_user: AsUser,
    negotiation_id: Annotated[int, typer.Argument(metavar="NEGOTIATION_ID", help="Negotiation id.")],
    party: Annotated[str, typer.Argument(metavar="PARTY", help="The party, e.g. PH.")],
    file: Annotated[Path | None, typer.Option("--file", metavar="FILE", help="Save this profile file.")] = None,
    json: Annotated[bool, typer.Option("--json", help="The profile as JSON.")] = False,
) -> None:
    """Show a party's structured profile in a negotiation, or save one from a profile file
    (its branches, schemes, groups and capacity replace those items of the checklist)."""
    with acting_as(as_user) as (db, who):
        if file is not None:
            given = feasibility_sources.read_profile(file)
            if given.party != party.upper():
                console.print(f"[red]The file is {given.party}'s profile, not {party.upper()}'s.[/red]")
                raise typer.Exit(1)
            profile_store.save_structured(db, who, negotiation_id, given)
        found = profile_store.get_structured(db, who, negotiation_id, party.upper())
    if json:
        print_json(found.model_dump(mode="json", exclude_none=True))
        return
    branches = ", ".join(b.value for b in found.covered_branches()) or "none"
    console.print(f"{found.party}: branches {branches}; {len(found.schemes)} schemes, "
                  f"{len(found.groups)} groups, {len(found.capacity)} capacity notes", markup=False)  # fmt: skip
    for scheme in found.schemes:
        origin = "library" if scheme.in_library else f"described (source: {scheme.source})"
        console.print(f"  {scheme.id or '-'} {scheme.name}: {scheme.kind.value}, {origin}", markup=False)


@app.command("schemes")
def schemes(
    profile_file: Annotated[Path, typer.Argument(metavar="PROFILE", help="A profile file (YAML or JSON).")],
    out: Annotated[Path, typer.Option("--out", metavar="DIR", help="Folder for the scheme files.")] = Path("."),
) -> None:
    """Compile the schemes a profile describes (not in the library) to scheme files.

    The files are in the documented format (docs/data-format.md), for
    ``coordina compute CASE --agreement FILE --scheme FILE``."""
    with user_errors("no scheme file was written"):
        written = scheme_files.write_scheme_files(feasibility_sources.read_profile(profile_file), out)
    for path in written:
        typer.echo(f"wrote {path}")  # unwrapped: a path stays whole
    if not written:
        console.print("the profile describes no scheme of its own (all are in the library)")


# The draft commands (issue 15 items 2-3): ``generate`` a draft from options, ``compile`` it to an agreement file.
from coordina.cli import drafting_generate  # noqa: E402

drafting_generate.register(app)

# The documents (issue 15 items 4-5): ``export`` a draft, tracked ``changes``, a returned DOCX as a ``counterproposal``.
from coordina.cli import drafting_documents  # noqa: E402

drafting_documents.register(app)

# Translations and attributions (issue 15 items 2 and 5): ``translate`` a draft, ``changes-by`` of a counterproposal.
from coordina.cli import drafting_translations  # noqa: E402

drafting_translations.register(app)
