"""``coordina population``: a reproducible synthetic population of careers as Parquet."""

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from coordina.cli.errors import user_errors
from coordina.cli.output import console
from coordina.domain.simulation import MAX_POPULATION as MAX_SIZE  # services.populations loads polars: not at start-up


def population(
    agreement: Annotated[str, typer.Option("--agreement", help="The agreement whose parties careers move between.")],
    out: Annotated[Path, typer.Option("--out", help="The Parquet file to write (one row per period).")],
    size: Annotated[int, typer.Option("--size", min=1, max=MAX_SIZE, help="People.")] = 1000,
    seed: Annotated[int, typer.Option("--seed", help="The same seed gives the same population.")] = 1,
    assumptions: Annotated[
        Path | None, typer.Option("--assumptions", help="An assumption file replacing the bundled one.")
    ] = None,
    until: Annotated[
        int, typer.Option("--until", min=1950, max=2150, help="Careers run until 31 December of this year.")
    ] = 2025,
) -> None:
    """Draw SIZE people's careers between the agreement's parties under the documented assumptions
    (data/simulation/population.yaml, or --assumptions FILE) until --until (for a simulation's
    horizon: careers into it, e.g. --until 2050) and write them to --out."""
    from coordina.services import populations

    with user_errors("no population was written"):
        table = populations.population(agreement, size, seed, assumptions, date(until, 12, 31))
        populations.write_population(table, out, deaths_drawn_until=date(until, 12, 31))
    people = table["person"].n_unique()
    console.print(
        f"{people} people, {table.height} periods between {', '.join(sorted(set(table['country'])))} "
        f"written to {out} (seed {seed}, assumptions {assumptions or 'bundled'})",
        highlight=False,
    )
    series = populations.wage_indices_named(agreement, assumptions)
    console.print(f"earnings along: {', '.join(f'{c} {s}' for c, s in series.items())}", highlight=False)


def register(
    path: Annotated[Path, typer.Argument(help="A register of careers: Parquet or CSV in the population's columns.")],
    skip_invalid: Annotated[
        Path | None, typer.Option("--skip-invalid", help="Write the bad rows here (CSV) and count them; exit 0.")
    ] = None,
) -> None:
    """Check a register of careers row by row: every bad row with its number, field and message
    (exit 1), or with --skip-invalid FILE written there and counted."""
    from coordina.services import populations

    with user_errors("the register was not read"):
        found = populations.read_register(path)
    bad_rows = len({p.row for p in found.problems})
    console.print(
        f"{found.rows_read} rows read: {found.table.height} valid, {bad_rows} invalid "
        f"({found.table['person'].n_unique()} people)",
        highlight=False,
    )
    for problem in found.problems[:50]:
        console.print(f"{path}: row {problem.row}: {problem.field}: {problem.message}", highlight=False)
    if len(found.problems) > 50:
        console.print(f"… and {len(found.problems) - 50} more", highlight=False)
    if skip_invalid is not None:
        populations.write_invalid(path, found, skip_invalid)
        console.print(f"the {bad_rows} invalid rows are in {skip_invalid}", highlight=False)
    elif found.problems:
        raise typer.Exit(1)
