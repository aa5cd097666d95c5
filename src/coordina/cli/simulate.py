"""``coordina simulate``: what an agreement (or a draft's file) costs each party and whom it reaches
over a population of careers, year by year; ``coordina simulate compare``: two drafts side by side.

The services (and polars, matplotlib) are imported when a command runs, not at start-up.
"""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from coordina.cli.errors import fail, user_errors
from coordina.cli.output import console, print_json
from coordina.domain.simulation import SimulationRequest, parse_years

if TYPE_CHECKING:
    from coordina.services.simulation import Report

__all__ = ["compare", "simulate"]

Agreement = Annotated[str | None, typer.Option("--agreement", help="A bundled agreement id, or a draft's YAML file.")]
Population = Annotated[
    Path | None, typer.Option("--population", help="Parquet from `coordina population`, or a register (Parquet/CSV).")
]
Years = Annotated[str, typer.Option("--years", help="The horizon FIRST-LAST, between 1950 and 2150.")]
Assumptions = Annotated[
    Path | None, typer.Option("--assumptions", help="A file replacing values of data/simulation/assumptions.yaml.")
]
PartitionSize = Annotated[int, typer.Option("--partition-size", min=1, max=10_000_000, help="Persons per partition.")]
Out = Annotated[Path, typer.Option("--out", help="The folder the report, tables and charts are written to.")]
Json = Annotated[bool, typer.Option("--json", help="Print the report (or the problem) as JSON.")]
SkipInvalid = Annotated[
    Path | None, typer.Option("--skip-invalid", help="A register's bad rows are written here (CSV) and left out.")
]
Engine = Annotated[str, typer.Option("--engine", help="local (in this process) or dask.")]
Scheduler = Annotated[str | None, typer.Option("--scheduler", help="A Dask scheduler's address (with --engine dask).")]
InProcess = Annotated[bool, typer.Option("--in-process", help="Compute in this process, not as a job.")]
Charts = Annotated[bool, typer.Option("--charts/--no-charts", help="Draw the charts (PNG and SVG).")]


def _request(
    agreement: str,
    population: Path,
    years: str,
    assumptions: Path | None,
    partition_size: int,
    skip_invalid: Path | None,
) -> SimulationRequest:
    return SimulationRequest(
        agreement=agreement,
        population=population,
        years=parse_years(years),
        assumptions=assumptions,
        partition_size=partition_size,
        skip_invalid=skip_invalid,
    )


def _run(request: SimulationRequest, engine: str, scheduler: str | None, quiet: bool) -> "Report":
    from rich.progress import Progress

    from coordina.services import simulation

    if quiet:
        return simulation.simulate(request, engine=engine, scheduler=scheduler)
    with Progress(console=console, transient=True) as bar:
        task = bar.add_task(f"simulating {request.agreement}", total=None)
        return simulation.simulate(
            request,
            engine=engine,
            scheduler=scheduler,
            progress=lambda done, total: bar.update(task, completed=done, total=total),
        )


def _print_summary(document: dict[str, Any], out: Path) -> None:
    from rich.table import Table

    from coordina.services.simulation_output import SUMMARY_COLUMNS, cell

    counts = document["counts"]
    totals = document["tables"]["totals"]
    table = Table(title=f"{document['agreement']['id']}: {totals['title']}")
    for _, label in SUMMARY_COLUMNS:
        table.add_column(label, justify="left" if label == "party" else "right")
    for row in totals["rows"]:
        table.add_row(*(cell(row.get(column)) for column, _ in SUMMARY_COLUMNS))
    console.print(table)
    console.print(
        f"{counts['people']} people, {counts['claim_outcomes'].get('claims', 0)} claiming in {document['time_frame']};"
        f" kernel fallback {counts['fallback']}, refused {counts['refused']}; report.json, tables as Parquet and"
        f" charts as PNG and SVG in {out}",
        highlight=False,
    )


def simulate(
    agreement: Agreement = None,
    population: Population = None,
    years: Years = "2026-2050",
    assumptions: Assumptions = None,
    partition_size: PartitionSize = 50_000,
    out: Out = Path("simulation-report"),
    json: Json = False,
    skip_invalid: SkipInvalid = None,
    engine: Engine = "local",
    scheduler: Scheduler = None,
    in_process: InProcess = False,
    charts: Charts = True,
) -> None:
    """Compute every person of --population with and without --agreement over --years and report, per
    party and year, the people newly eligible through totalization, benefits added and paid abroad,
    contributions no longer paid for posted workers, pro-rata fractions, gains by cohort and sex, and
    present values (assumptions: data/simulation/assumptions.yaml, or --assumptions FILE). The run is
    a job computed by a worker process (coordina simulate status/runs/resume), unless --in-process,
    --no-charts or --engine dask."""
    if agreement is None or population is None:
        fail("coordina simulate needs --agreement ID|FILE and --population FILE")
    with user_errors("nothing was simulated"):
        request = _request(agreement, population, years, assumptions, partition_size, skip_invalid)
    if engine == "local" and not in_process and charts and _jobs() is not None:
        document = _as_job(request, out)
    else:
        from coordina.services import simulation

        with user_errors("nothing was simulated"):
            report = _run(request, engine, scheduler, quiet=json)
            simulation.write_report(report, out, charts=charts)
            document = report.to_json()
    if json:
        print_json(document)
    else:
        _print_summary(document, out)


def _jobs() -> Any:
    """The job commands (``cli/simulate_jobs``), where this installation has them."""
    try:
        from coordina.cli import simulate_jobs
    except ImportError:
        return None
    return simulate_jobs


def _as_job(request: SimulationRequest, out: Path) -> dict[str, Any]:
    import json as json_module

    _jobs().run_as_job(request, out)
    with user_errors("the report was not read"):
        document: dict[str, Any] = json_module.loads((out / "report.json").read_text(encoding="utf-8"))
    return document


def compare(
    agreement: Annotated[
        list[str], typer.Option("--agreement", help="Twice: scenario A, then scenario B (ids or draft files).")
    ],
    population: Population = None,
    years: Years = "2026-2050",
    assumptions: Assumptions = None,
    partition_size: PartitionSize = 50_000,
    out: Out = Path("simulation-comparison"),
    json: Json = False,
    skip_invalid: SkipInvalid = None,
    engine: Engine = "local",
    scheduler: Scheduler = None,
    charts: Charts = True,
) -> None:
    """Simulate two drafts over the same population and years (in this process) and put them side by
    side, with the difference B - A per party (in OUT: a/ and b/ as for `coordina simulate`, and
    comparison.json, comparison.txt, its tables and chart)."""
    if len(agreement) != 2 or population is None:
        fail("coordina simulate compare needs --agreement A --agreement B (two scenarios) and --population FILE")
    from coordina.services import simulation

    with user_errors("nothing was compared"):
        reports = []
        for label, scenario in zip(("a", "b"), agreement, strict=True):
            request = _request(scenario, population, years, assumptions, partition_size, skip_invalid)
            report = _run(request, engine, scheduler, quiet=json)
            simulation.write_report(report, out / label, charts=charts)
            reports.append(report)
        comparison = simulation.compare(reports[0], reports[1])
        simulation.write_comparison(comparison, out, charts=charts)
    if json:
        print_json(comparison.to_json())
        return
    _print_comparison(comparison.to_json(), out)


def _print_comparison(document: dict[str, Any], out: Path) -> None:
    from rich.table import Table

    table = Table(title=document["tables"]["totals"]["title"])
    for label in ("party", "metric", "A", "B", "B - A"):
        table.add_column(label, justify="left" if label in ("party", "metric") else "right")
    for row in document["tables"]["totals"]["rows"]:
        cells = [_figure(row[k]) for k in ("a", "b", "difference")]
        table.add_row(row["party"], row["metric"], *cells)
    console.print(table)
    console.print(
        f"A: {document['a']['agreement']}  B: {document['b']['agreement']}; written to {out}", highlight=False
    )


def _figure(value: Any) -> str:
    return "unknown" if value is None else f"{value:,.0f}"
