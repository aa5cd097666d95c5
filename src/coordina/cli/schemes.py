"""``coordina schemes``: the bundled national schemes."""

from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from coordina.cli.output import console, print_json, user_errors
from coordina.cli.render import scheme_summary, show_scheme
from coordina.services import catalog
from coordina.services.coverage import (
    SchemeCoverage,
    Span,
    bundled_coverage,
    coverage_records,
    unverified_figures,
    unverified_markdown,
    year_runs,
)

app = typer.Typer(help="The bundled national schemes.", no_args_is_help=True)

JsonFlag = Annotated[bool, typer.Option("--json", help="Machine-readable output.")]


@app.command("list")
def list_schemes(
    country: Annotated[str | None, typer.Option("--country", metavar="CC")] = None,
    json: JsonFlag = False,
) -> None:
    """List the bundled national schemes, optionally of one country."""
    with user_errors():
        schemes = catalog.schemes(country)
    if json:
        print_json([scheme_summary(s) for s in schemes])
        return
    table = Table(title=f"{len(schemes)} schemes")
    table.add_column("id", no_wrap=True)
    for heading in ("country", "name", "kind", "branches"):
        table.add_column(heading, overflow="fold")
    for scheme in schemes:
        table.add_row(
            scheme.id,
            scheme.country,
            scheme.name,
            scheme.kind.value,
            ", ".join(b.value for b in scheme.branches),
        )
    console.print(table)


@app.command()
def show(scheme_id: Annotated[str, typer.Argument(metavar="ID")], json: JsonFlag = False) -> None:
    """Show one scheme and its dated parameters with their sources."""
    with user_errors():
        scheme = catalog.scheme(scheme_id)
    if json:
        print_json(scheme.model_dump(mode="json", exclude_none=True))
    else:
        show_scheme(scheme)


@app.command("coverage")
def coverage_report(
    json: JsonFlag = False,
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 if any required parameter has a gap.")] = False,
) -> None:
    """For every scheme and parameter, the claim dates covered and the gaps (a report: exit 0
    unless --strict)."""
    with user_errors():
        report = bundled_coverage()
    if json:
        print_json(coverage_records(report))
    else:
        console.print(_coverage_table(report))
    if strict and any(item.gaps() for item in report):
        raise typer.Exit(1)


@app.command("unverified")
def unverified_report(
    json: JsonFlag = False,
    markdown: Annotated[bool, typer.Option("--markdown", help="The README's list.")] = False,
) -> None:
    """Every figure of the bundled scheme data that no source confirms (`source: unverified`)."""
    with user_errors():
        items = unverified_figures()
    if json:
        print_json([{"scheme": i.scheme, "figure": i.figure, "when": list(i.when)} for i in items])
    elif markdown:
        console.print(unverified_markdown(items), end="", markup=False, highlight=False, soft_wrap=True)
    else:
        table = Table(title=f"{len(items)} parameters or tables with unverified figures")
        for heading in ("scheme", "figure", "dates or years"):
            table.add_column(heading, overflow="fold")
        for item in items:
            table.add_row(item.scheme, escape(item.figure), ", ".join(item.when))
        console.print(table)


def _coverage_table(report: list[SchemeCoverage]) -> Table:
    gaps = sum(len(item.gaps()) for item in report)
    table = Table(title=f"Parameter coverage of {len(report)} schemes: {gaps} gap(s)")
    for heading in ("scheme", "parameter", "covered", "gaps", "unverified"):
        table.add_column(heading, overflow="fold", no_wrap=heading == "scheme")
    for item in report:
        if item.window is None:
            table.add_row(item.scheme, "[dim]no agreement in force names it: not judged[/dim]", "", "", "")
            table.add_section()
            continue
        judged = any(p.required for p in item.parameters)
        window = f"window {_span_text(item.window)}" + ("" if judged else ": nothing required")
        table.add_row(item.scheme, f"[dim]{window}[/dim]", "", "", "", end_section=not item.parameters)
        for index, p in enumerate(item.parameters):
            name = escape(p.name) if p.required else f"[dim]{escape(p.name)} (not required)[/dim]"
            covered = ", ".join(_span_text(s) for s in p.spans) or "—"
            holes = "[bold red]" + ", ".join(_span_text(g) for g in p.gaps) + "[/bold red]" if p.gaps else ""
            last = index == len(item.parameters) - 1 and not item.tables
            table.add_row("", name, covered, holes, str(p.unverified or ""), end_section=last)
        for index, t in enumerate(item.tables):
            missing = "[bold red]" + _years_text(t.missing) + "[/bold red]" if t.missing else ""
            table.add_row(
                "", escape(f"tables[{t.name}]"), f"years {t.first_year}–{t.last_year}", missing,
                _years_text(t.unverified), end_section=index == len(item.tables) - 1,
            )  # fmt: skip
    return table


def _years_text(years: tuple[int, ...]) -> str:
    """1990, 1991, 1992, 1995 -> '1990–1992, 1995'."""
    return ", ".join(run.replace("-", "–") for run in year_runs(list(years)))


def _span_text(span: Span) -> str:
    return f"{span.start}–{span.end}"
