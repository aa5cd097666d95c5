"""``coordina registry``: agreements worldwide — search, statistics, figures, import."""

from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from coordina.cli.output import console, fail, print_json, report_problems, user_errors
from coordina.cli.workspace import open_database
from coordina.domain.registry import RegistryEntry
from coordina.services import figures
from coordina.services import registry as registry_service

app = typer.Typer(help="The registry of social security agreements worldwide.", no_args_is_help=True)
JsonFlag = Annotated[bool, typer.Option("--json", help="Machine-readable output.")]
REGION_HELP = "Europe, Americas, Asia and the Pacific, Africa or Arab States"


def _record(entry: RegistryEntry, encoded: dict[str, str]) -> dict[str, object]:
    return {**entry.model_dump(mode="json"), "encoded_as": encoded.get(entry.id)}


@app.command()
def search(
    party: Annotated[str | None, typer.Option(help="ISO code or English name")] = None,
    between: Annotated[tuple[str, str] | None, typer.Option(help="Two countries")] = None,
    branch: Annotated[str | None, typer.Option()] = None,
    region: Annotated[str | None, typer.Option(help=REGION_HELP)] = None,
    in_force_before: Annotated[
        str | None, typer.Option(help="YYYY-MM-DD; partial dates compare at their own precision")
    ] = None,
    json: JsonFlag = False,
) -> None:
    """Search agreements by party, pair of countries, branch, region, date of entry into force."""
    with user_errors():
        registry = registry_service.current(open_database())
        before = date.fromisoformat(in_force_before) if in_force_before else None
        found = registry.search(party=party, between=between, branch=branch, region=region, in_force_before=before)
    if json:
        print_json([_record(e, registry.encoded) for e in found])
        return
    table = Table(title=f"{len(found)} agreements")
    for heading in ("id", "parties", "kind", "in force", "branches", "encoded"):
        table.add_column(heading, overflow="fold")
    for e in found:
        table.add_row(
            e.id,
            " ".join(e.parties),
            e.kind,
            str(e.in_force or "—"),
            ", ".join(b.value for b in e.branches) or "—",
            registry.encoded.get(e.id, ""),
        )
    console.print(table)


@app.command()
def show(entry_id: Annotated[str, typer.Argument(metavar="ID")], json: JsonFlag = False) -> None:
    """One agreement of the registry, with its source."""
    with user_errors():
        registry = registry_service.current(open_database())
        entry = registry.entry(entry_id)
    record = _record(entry, registry.encoded)
    if json:
        print_json(record)
        return
    for key, value in record.items():
        console.print(f"[bold]{key}[/bold]: {value if value not in (None, '', []) else '—'}", highlight=False)


@app.command()
def stats(json: JsonFlag = False) -> None:
    """Counts by region, year (cumulative), branch, kind and country, with the share of complete rows."""
    with user_errors():
        result = registry_service.current(open_database()).stats()
    if json:
        print_json(result)
        return
    console.print(
        f"{result['rows']} agreements; {result['complete_rows']} complete rows "
        f"({result['complete_share']:.0%}: date of entry into force and branches known)"
    )
    console.print("by kind: " + ", ".join(f"{k} {v}" for k, v in result["kind"].items()))
    console.print(
        "by region (an agreement counts in each region of its parties): "
        + ", ".join(f"{k} {v}" for k, v in result["by_region"].items())
    )
    console.print(
        f"by branch ({result['branches_known']} rows state them): "
        + ", ".join(f"{k} {v:.0%}" for k, v in result["by_branch_share"].items())
    )
    years = result["by_year_cumulative"]
    console.print(
        f"in force by year, cumulative ({result['in_force_known']} rows dated): "
        + ", ".join(f"{y}: {n}" for y, n in years.items() if y % 5 == 0 or y == max(years))
    )
    top = list(result["by_country"].items())[:10]
    console.print("most agreements: " + ", ".join(f"{c} {d['agreements']}" for c, d in top))


@app.command()
def figure(
    name: Annotated[str, typer.Argument(metavar="1|2|network")],
    out: Annotated[Path, typer.Option(help="FILE.png or FILE.svg")],
) -> None:
    """Draw the brief's Figure 1 or 2, or the network of agreements, from the registry."""
    if name not in ("1", "2", "network"):
        fail(f"no figure {name!r}: choose 1, 2 or network")
    with user_errors():
        caption = figures.render(registry_service.current(open_database()), name, out)  # type: ignore[arg-type]
    console.print(f"{out}: {caption}")


@app.command("import")
def import_(
    file: Path,
    skip_invalid: Annotated[Path | None, typer.Option(help="Import the valid rows; write rejected rows here")] = None,
) -> None:
    """Import a registry CSV (same columns): every bad row by number and field; all or nothing."""
    count, problems = registry_service.import_file(open_database(), file, skip_invalid)
    if problems:
        report_problems(problems)
    if problems and skip_invalid is None:
        print("nothing was imported.", file=__import__("sys").stderr)
        raise typer.Exit(1)
    console.print(f"{count} rows imported" + (f"; rejected rows written to {skip_invalid}" if problems else ""))
