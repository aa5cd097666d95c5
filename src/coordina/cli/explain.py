"""The decision and its trace as text a caseworker can follow."""

from rich.markup import escape

from coordina.cli.output import console
from coordina.domain.decision import Decision, InstitutionDecision, TraceStep


def explain(decision: Decision, brief: bool = False) -> None:
    text = f" (text {decision.version})" if decision.version else ""
    console.print(
        f"[bold]{decision.branch.value} claim of {decision.claim_date} under {decision.agreement}{text}[/bold]"
    )
    console.print("covered by the agreement: " + ("yes" if decision.covered else "no"))
    for reason in decision.reasons:
        console.print(f"  – {escape(reason)}", highlight=False)
    if not brief:
        for item in decision.trace:
            _step(item)
    if decision.applicable_legislation:
        console.print("\n[bold]Applicable legislation[/bold]")
        for entry in decision.applicable_legislation:
            where = f" (worked in {entry.reported_country})" if entry.reported_country != entry.country else ""
            console.print(
                f"  {entry.start} – {entry.end}: {entry.country}{where} by {entry.rule}"
                + (f", {entry.article}" if entry.article else "")
                + (f" of {entry.version}" if entry.version and entry.version != decision.version else ""),
                highlight=False,
            )
    for institution in decision.decisions:
        _institution(institution, brief)


def _institution(item: InstitutionDecision, brief: bool) -> None:
    console.print(f"\n[bold]{item.country} — {item.scheme}[/bold]")
    console.print(
        f"  periods: own {item.own_months}, foreign {item.foreign_months}, totalized {item.totalized_months} months",
        highlight=False,
    )
    console.print(
        f"  entitled on national periods: {_yes(item.eligible_national)};"
        f" with totalization: {_yes(item.eligible_totalized)}",
        highlight=False,
    )
    if item.pro_rata_fraction is not None:
        console.print(f"  pro-rata fraction: {item.pro_rata_fraction}", highlight=False)
    amounts = [
        ("independent", item.independent_amount),
        ("theoretical", item.theoretical_amount),
        ("pro-rata", item.pro_rata_amount),
        ("payable", item.payable_amount),
    ]
    shown = [f"{name} {value} {item.currency or ''}".strip() for name, value in amounts if value is not None]
    console.print("  amounts: " + ("; ".join(shown) if shown else "not computed"), highlight=False)
    console.print(f"  payable abroad: {_yes(item.payable_abroad)}", highlight=False)
    if item.lump_sum_refund_available is not None:
        console.print(f"  lump-sum refund available: {_yes(item.lump_sum_refund_available)}", highlight=False)
    for reason in item.reasons:
        console.print(f"  – {escape(reason)}", highlight=False)
    if not brief:
        console.print("  why:")
        for entry in item.trace:
            _step(entry, indent="    ")


def _step(item: TraceStep, indent: str = "  ") -> None:
    basis = f" [{item.article}]" if item.article else ""
    console.print(f"{indent}• {escape(item.outcome)}{escape(basis)}", highlight=False)
    lines = [*item.inputs.get("working", []), *item.inputs.get("assumptions", [])]  # a national formula's stages
    for line in lines:
        console.print(f"{indent}    {escape(str(line))}", highlight=False)


def _yes(value: bool | None) -> str:
    return {True: "yes", False: "no", None: "not determined"}[value]
