"""A simulation run as its pages show it: the state and stage in words, and the report's tables
(``services.simulation_report``: ``totals``, ``by_party_year``, ``present_value``, ``cost_shift``,
``fractions``, ``gains``) with their columns named in the visitor's language and the time frame
in every caption (issue 13 item 3). The figures are the report's own; a figure the report leaves
unknown (null) is shown as "unknown", never as zero.
"""

import re
from dataclasses import dataclass
from typing import Any

from babel.numbers import format_decimal, format_percent

from coordina.web import i18n
from coordina.web.i18n import N_, _

STATES = {"queued": N_("queued"), "running": N_("running"), "done": N_("done"), "failed": N_("failed")}
STAGES = {  # services.simulation_worker's stages
    "starting": N_("starting"),
    "preparing": N_("reading and checking the inputs"),
    "listing partitions": N_("listing the partitions"),
    "computing partitions": N_("computing the partitions"),
    "combining": N_("combining the partitions"),
    "writing the report": N_("writing the report and drawing the charts"),
    "done": N_("done"),
    "resumable": N_("waiting to be resumed"),
    "interrupted": N_("interrupted, waiting for a worker"),
}
BANDS = {  # batch.outcomes.GAIN_BANDS
    "new entitlement": N_("new entitlement"),
    "more": N_("more"),
    "same": N_("same"),
    "less": N_("less"),
    "none": N_("no entitlement"),
    "unknown": N_("unknown"),
}
SEXES = {"men": N_("men"), "women": N_("women"), "unknown": N_("not recorded")}
CHARTS = (  # the charts services.simulation_charts draws, and what each shows
    ("benefits_added", N_("Benefits added by the agreement, by party and year (EUR a year, expected), %(frame)s"),
     "party-years"),
    ("contributions_saved", N_("Contributions no longer paid for posted workers, by party and year (EUR a year), "
                               "%(frame)s"), "party-years"),
    ("fractions", N_("Pro-rata fractions of the claims eligible with the agreement, by party, %(frame)s"),
     "fractions"),
    ("gains", N_("Gains by birth cohort, with against without the agreement, %(frame)s"), "gains"),
)  # fmt: skip
RANGE = re.compile(r"^(short range|whole horizon) (\d{4}-\d{4})$")


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: str = "count"  # count, money, share, party, band, sex, range, text


@dataclass(frozen=True)
class Table:
    id: str
    caption: str
    columns: list[Column]
    rows: list[dict[str, Any]]


def state(name: str) -> str:
    return _(STATES[name]) if name in STATES else name


def stage(name: str | None) -> str:
    if not name:
        return ""
    return _(STAGES[name]) if name in STAGES else name


def country(code: str) -> str:
    """The party's name in the visitor's language (CLDR through Babel) and its code."""
    name = i18n.locale().territories.get(code)
    return f"{name} ({code})" if name else code


def cell(value: Any, kind: str = "count") -> str:
    """A figure as shown: whole units of money, counts and shares in the visitor's language;
    "unknown" for a figure the report leaves unknown."""
    if value is None:
        return _("unknown")
    if kind == "money":
        return format_decimal(round(float(value)), locale=i18n.locale())
    if kind == "count":
        return format_decimal(value, locale=i18n.locale())
    if kind == "share":
        return format_percent(round(float(value), 4), locale=i18n.locale(), decimal_quantization=False)
    if kind == "party":
        return country(str(value))
    if kind == "band":
        return _(BANDS[value]) if value in BANDS else str(value)
    if kind == "sex":
        return _(SEXES[value]) if value in SEXES else str(value)
    if kind == "range":
        found = RANGE.match(str(value))
        if found:
            words = _("short range") if found.group(1) == "short range" else _("whole horizon")
            return f"{words} {found.group(2)}"
    return str(value)


def _rows(report: dict[str, Any], name: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = report.get("tables", {}).get(name, {}).get("rows", [])
    return rows


def tables(report: dict[str, Any]) -> list[Table]:
    """The totals, one table per party (and currency) by year, the present values and the cost per party."""
    frame = report["time_frame"]
    rate = report["assumptions"]["discount_rate"]["value"]
    found = [
        Table("totals", _("Totals per party over %(frame)s") % {"frame": frame}, [
            Column("party", _("Party"), "party"),
            Column("claimants", _("People claiming")),
            Column("newly_eligible", _("Newly eligible through totalization")),
            Column("eligible_with", _("Eligible with the agreement")),
            Column("eligible_without", _("Eligible without it")),
            Column("unknown_amounts", _("Claims with an unknown amount")),
            Column("benefits_added_eur", _("Benefits added (EUR)"), "money"),
            Column("contributions_saved_eur", _("Contributions no longer paid (EUR)"), "money"),
            Column("net_cost_eur", _("Net cost (EUR)"), "money"),
            Column("net_cost_present_value_eur", _("Net cost, present value (EUR)"), "money"),
        ], _rows(report, "totals")),
    ]  # fmt: skip
    by_party: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for row in _rows(report, "by_party_year"):
        by_party.setdefault((row["party"], row["currency"]), []).append(row)
    for (party, currency), rows in sorted(by_party.items()):
        caption = _("%(party)s by year, %(frame)s: people newly eligible, benefits added and paid abroad, "
                    "contributions no longer paid") % {"party": country(party), "frame": frame}  # fmt: skip
        found.append(Table(f"years-{party}-{currency}".lower(), caption, [
            Column("year", _("Year"), "text"),
            Column("claimants", _("People claiming")),
            Column("newly_eligible", _("Newly eligible")),
            Column("benefits_added", _("Benefits added (%(currency)s)") % {"currency": currency}, "money"),
            Column("benefits_added_eur", _("Benefits added (EUR)"), "money"),
            Column("abroad_with_eur", _("Paid abroad with the agreement (EUR)"), "money"),
            Column("abroad_without_eur", _("Paid abroad without it (EUR)"), "money"),
            Column("posted_workers", _("Posted workers")),
            Column("contributions_saved_eur", _("Contributions no longer paid (EUR)"), "money"),
            Column("net_cost_eur", _("Net cost (EUR)"), "money"),
        ], sorted(rows, key=lambda r: int(r["year"]))))  # fmt: skip
    discounted = _("Present value per party, discounted at %(rate)s a year to 1 January of the first year, %(frame)s")
    found.append(Table("present-value", discounted % {"rate": cell(rate, "share"), "frame": frame}, [
        Column("party", _("Party"), "party"),
        Column("range", _("Range"), "range"),
        Column("currency", _("Currency"), "text"),
        Column("benefits_added", _("Benefits added (in that currency)"), "money"),
        Column("benefits_added_eur", _("Benefits added (EUR)"), "money"),
        Column("contributions_saved_eur", _("Contributions no longer paid (EUR)"), "money"),
        Column("net_cost_eur", _("Net cost (EUR)"), "money"),
    ], _rows(report, "present_value")))  # fmt: skip
    found.append(Table("cost-shift", _("Cost per party and its share of the agreement's net cost, undiscounted, "
                                       "%(frame)s") % {"frame": frame}, [
        Column("party", _("Party"), "party"),
        Column("benefits_added_eur", _("Benefits added (EUR)"), "money"),
        Column("added_paid_abroad_eur", _("Of which paid abroad (EUR)"), "money"),
        Column("contributions_saved_eur", _("Contributions no longer received (EUR)"), "money"),
        Column("net_cost_eur", _("Net cost (EUR)"), "money"),
        Column("share_of_net_cost", _("Share of the net cost"), "share"),
    ], _rows(report, "cost_shift")))  # fmt: skip
    return found


def chart_tables(report: dict[str, Any]) -> dict[str, Table]:
    """The figures of the charts that no table above shows: pro-rata fractions and gains."""
    frame = report["time_frame"]
    return {
        "fractions": Table("fractions", _("Pro-rata fractions of the claims eligible with the agreement, %(frame)s")
                           % {"frame": frame}, [
            Column("party", _("Party"), "party"),
            Column("band", _("Pro-rata fraction"), "text"),
            Column("people", _("People")),
            Column("share", _("Share of the party's claims"), "share"),
        ], _rows(report, "fractions")),
        "gains": Table("gains", _("Gains by birth cohort and sex: yearly pension at the claim, with against "
                                  "without the agreement, %(frame)s") % {"frame": frame}, [
            Column("cohort", _("Born in the"), "text"),
            Column("sex", _("Sex"), "sex"),
            Column("band", _("With against without"), "band"),
            Column("people", _("People")),
        ], _rows(report, "gains")),
    }  # fmt: skip


def charts(report: dict[str, Any], names: list[str]) -> list[dict[str, str]]:
    """The charts drawn for the report (PNG and SVG), each with its caption and where its figures are."""
    frame = report["time_frame"]
    shown = []
    for name, caption, figures in CHARTS:
        if f"{name}.png" in names:
            shown.append({"name": name, "caption": _(caption) % {"frame": frame}, "figures": figures,
                          "svg": f"{name}.svg" if f"{name}.svg" in names else ""})  # fmt: skip
    return shown


def assumptions(report: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    """The assumptions echoed: what, the value, its source and its note."""
    a = report["assumptions"]
    rows = [
        (_("Discount rate (a year)"), cell(a["discount_rate"]["value"], "share"), a["discount_rate"]),
        (_("Take-up"), cell(a["take_up"]["value"], "share"), a["take_up"]),
        (_("Wage growth (a year)"), cell(a["wage_growth"]["value"], "share"), a["wage_growth"]),
        (_("Pension indexation (a year), other countries"), cell(a["indexation_default"]["value"], "share"),
         a["indexation_default"]),
    ]  # fmt: skip
    for code, share in sorted(a.get("indexation", {}).items()):
        rows.append((_("Pension indexation (a year), %(country)s") % {"country": country(code)},
                     cell(share["value"], "share"), share))  # fmt: skip
    rows.append((_("Mortality"), _("life table from age %(age)s") % {"age": a["life_table"]["from_age"]},
                 a["life_table"]))  # fmt: skip
    used = sorted({(r["currency"], r["rate_date"]) for r in _rows(report, "rates") if r.get("rate_date")})
    for currency, dated in used:
        quoted = next((r for r in a["exchange_rates"].get(currency, []) if r["date"] == dated), None)
        if quoted is not None:
            rows.append((_("Exchange rate, %(currency)s per EUR (%(date)s)") % {"currency": currency, "date": dated},
                         str(quoted["per_eur"]), quoted))  # fmt: skip
    return [
        (what, value, str(source.get("source") or ""), str(source.get("note") or "")) for what, value, source in rows
    ]
