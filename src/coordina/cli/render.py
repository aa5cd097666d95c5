"""Readable renderings of agreements, schemes and comparisons for the terminal."""

from typing import Any

from pydantic import BaseModel
from rich.console import Group
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from coordina.cli.output import console
from coordina.domain import Agreement, Branch, Duration, Money, Principle, Scheme, party_name
from coordina.domain.scheme import PensionAge
from coordina.services.catalog import Comparison


def agreement_summary(agreement: Agreement) -> dict[str, Any]:
    """The stable JSON record of ``agreements list --json``."""
    return {
        "id": agreement.id,
        "title": agreement.title,
        "short_title": agreement.short_title,
        "kind": agreement.kind.value,
        "parties": agreement.parties,
        "signed": agreement.signed.isoformat() if agreement.signed else None,
        "in_force": agreement.in_force.isoformat() if agreement.in_force else None,
        "branches": [b.value for b in Branch if any(e.branch == b for e in agreement.material_scope)],
        "principles": [p.value for p in Principle if p in agreement.principle_set()],
        "registry_id": agreement.registry_id,
        "version": agreement.version,
        "version_of": agreement.version_of,
    }


def scheme_summary(scheme: Scheme) -> dict[str, Any]:
    """The stable JSON record of ``schemes list --json``."""
    return {
        "id": scheme.id,
        "country": scheme.country,
        "name": scheme.name,
        "institution": scheme.institution,
        "kind": scheme.kind.value,
        "branches": [b.value for b in scheme.branches],
        "contributory": scheme.contributory,
    }


def show_agreement(agreement: Agreement) -> None:
    parties = ", ".join(party_name(p) for p in agreement.parties) or "model (no parties)"
    console.print(f"[bold]{escape(agreement.title)}[/bold]  ({agreement.id})", highlight=False)
    console.print(f"{agreement.kind.value} — {parties}")
    console.print(
        f"signed {agreement.signed or '—'}"
        f"{' at ' + agreement.signed_at if agreement.signed_at else ''}, "
        f"in force {agreement.in_force or '—'}"
    )
    scope = agreement.personal_scope
    console.print(
        "\n[bold]Personal scope[/bold]"
        + (" (irrespective of nationality)" if scope.irrespective_of_nationality else "")
    )
    for person in scope.persons:
        where = f" [{person.party}]" if person.party else ""
        cond = " (conditional)" if person.conditional else ""
        console.print(f"  • {person.category.value}{where}{cond} — {person.article}", highlight=False)
    console.print("\n[bold]Material scope[/bold]")
    for entry in agreement.material_scope:
        limit = f" — only {entry.limited_to}" if entry.limited_to else ""
        console.print(
            f"  • {entry.party or 'each party'}: {entry.branch.value}{limit} "
            f"({escape(entry.legislation)}; {entry.article})",
            highlight=False,
        )
    for exclusion in agreement.exclusions:
        console.print(f"  ✗ {exclusion.party or ''} {escape(exclusion.description)}", highlight=False)
    console.print("\n[bold]Principles[/bold]")
    for provision in agreement.principles:
        cited = provision.article or "article not identified"
        console.print(f"  • {provision.principle.value} — {cited}", highlight=False)
    if agreement.applicable_legislation:
        console.print("\n[bold]Applicable legislation[/bold]")
        rules = [
            agreement.applicable_legislation.base,
            *agreement.applicable_legislation.exceptions,
        ]
        for rule in rules:
            limit = f", up to {rule.max_months} months" if rule.max_months else ""
            over = f" (overrides {rule.overrides.value})" if rule.overrides else " (base rule)"
            console.print(
                f"  • {rule.rule.value}{over}: legislation of {rule.legislation_of.value}{limit} — {rule.article}",
                highlight=False,
            )
    if agreement.special_provisions:
        console.print("\n[bold]Special provisions[/bold]")
        for special in agreement.special_provisions:
            cited = f" — {special.article}" if special.article else ""
            console.print(f"  • {special.topic}: {escape(special.description)}{cited}", highlight=False)
    console.print(f"\n{len(agreement.articles)} articles encoded; --json for everything.")


def show_scheme(scheme: Scheme) -> None:
    console.print(f"[bold]{escape(scheme.name)}[/bold]  ({scheme.id}, {party_name(scheme.country)})")
    console.print(
        f"{scheme.kind.value}, {'contributory' if scheme.contributory else 'non-contributory'}, "
        f"{'general' if scheme.general else 'special'}, {'public' if scheme.public else 'private'}"
        f" — {escape(scheme.institution)}",
        highlight=False,
    )
    console.print("branches: " + ", ".join(b.value for b in scheme.branches))
    for name, parameter in scheme.parameters.named():
        console.print(f"\n[bold]{escape(name)}[/bold]")
        for dated in sorted(parameter.root, key=lambda d: d.valid_from):
            value = dated.value
            text = "\n    ".join(_short(v) for v in value) if isinstance(value, list) else _short(value)
            until = f" to {dated.valid_until}" if dated.valid_until else ""
            source = "[yellow]unverified[/yellow]" if not dated.verified else escape(dated.source)
            console.print(f"  from {dated.valid_from}{until}: {escape(text)}", highlight=False)
            console.print(f"    {escape(dated.reference or '')} — source: {source}", highlight=False)
    for name, table in scheme.parameters.tables.items():
        years = sorted(table.values)
        console.print(f"\n[bold]{escape(f'tables[{name}]')}[/bold]  {escape(table.unit)}")
        console.print(f"  {years[0]}–{years[-1]}: {len(years)} years (every figure: --json)", highlight=False)
        for label, listed in (("unverified", table.unverified), ("provisional", table.provisional)):
            if listed:
                console.print(f"  {label}: {', '.join(str(y) for y in sorted(listed))}", highlight=False)
        source = "[yellow]unverified[/yellow]" if table.source == "unverified" else escape(table.source)
        console.print(f"    {escape(table.reference)} — source: {source}", highlight=False)


def _short(value: Any) -> str:
    """A compact one-line rendering of a parameter value (descriptions left to --json)."""
    if isinstance(value, Duration | Money):
        return str(value)
    if isinstance(value, PensionAge):
        age = f"{value.years} years" + (f" {value.months} months" if value.months else "")
        who = "" if value.sex == "any" else f" ({value.sex})"
        born = f" born {value.born_from or '…'} to {value.born_until or '…'}"
        return age + who + (born if value.born_from or value.born_until else "")
    if not isinstance(value, BaseModel):
        return str(value)
    parts = []
    for name in type(value).model_fields:
        field = getattr(value, name)
        if field is None or name == "description" or field == []:
            continue
        if isinstance(field, list):
            field = ", ".join(str(getattr(item, "value", item)) for item in field)
        parts.append(f"{name}={_short(getattr(field, 'value', field))}")
    return "; ".join(parts)


def comparison_table(comparison: Comparison) -> Group:
    """The matrix with short cells; limits, special provisions and exclusions spelled out below."""
    cols = comparison.columns
    table = Table(title="Comparison of agreements", show_lines=True)
    table.add_column("", no_wrap=True)
    for column in cols:
        table.add_column(column.id, overflow="fold")
    table.add_row("Parties", *[" ".join(c.parties) or "(model)" for c in cols])
    table.add_row(
        "Personal scope",
        *["\n".join(c.personal_scope) + ("\n(any nationality)" if c.irrespective_of_nationality else "") for c in cols],
    )
    notes: list[str] = []
    for branch in Branch:
        cells = []
        for column in cols:
            marks = []
            for party, by_branch in column.material_scope.items():
                if branch in by_branch:
                    limited = by_branch[branch] != "covered"
                    marks.append(party + ("*" if limited else ""))
                    if limited:
                        notes.append(f"{column.id} {party} {branch.value}*: only {by_branch[branch]}")
            cells.append(" ".join(marks))
        table.add_row(branch.value, *cells)
    for principle in Principle:
        table.add_row(principle.value, *["✓" if principle in c.principles else "" for c in cols])
    table.add_row("Special provisions", *["\n".join(c.special_provisions) for c in cols])
    table.add_row("Exclusions", *[str(len(c.exclusions)) if c.exclusions else "" for c in cols])
    lines = [Text(note) for note in notes]
    for column in cols:
        lines += [Text(f"{column.id} excludes: {exclusion}") for exclusion in column.exclusions]
    return Group(table, *lines)
