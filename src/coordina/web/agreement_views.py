"""What the agreement pages show, as plain data: translated vocabulary, library rows and their
filter, an agreement's rules with the article each cites, and comparison cells.

The values are those of the data files (``coordina.domain.vocabulary`` and the provision
models): branches after ILO Convention No. 102, Parts II to X; principles after the ILO brief
on negotiating social security agreements, Box 1. Each label is marked with ``N_`` and
translated where it is shown (``label``).
"""

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from babel import Locale

from coordina.domain import Agreement, Branch, Citation, Principle, party_name
from coordina.web import i18n
from coordina.web.i18n import N_, _
from coordina.web.vocabulary import BRANCHES

PRINCIPLES = {  # ILO brief, Box 1
    "equality_of_treatment": N_("Equality of treatment"),
    "applicable_legislation": N_("Determination of the applicable legislation"),
    "export_of_benefits": N_("Maintenance of acquired rights and payment of benefits abroad"),
    "totalization": N_("Maintenance of rights in course of acquisition (totalization)"),
    "administrative_assistance": N_("Mutual administrative assistance"),
    "reciprocity": N_("Reciprocity"),
}
PERSONS = {
    "nationals": N_("Nationals of the parties"),
    "subject_to_legislation": N_("Persons who are or were subject to the legislation"),
    "residents": N_("Residents"),
    "workers": N_("Workers"),
    "self_employed": N_("Self-employed persons"),
    "unemployed_receiving_benefits": N_("Unemployed persons receiving benefits"),
    "refugees": N_("Refugees"),
    "stateless_persons": N_("Stateless persons"),
    "dependants": N_("Family members and dependants"),
    "survivors": N_("Survivors"),
    "civil_servants": N_("Civil servants"),
    "non_active_persons": N_("Non-active persons"),
}
KINDS = {
    "bilateral": N_("Bilateral"),
    "multilateral": N_("Multilateral"),
    "model": N_("Model agreement"),
    "original": N_("Original instrument"),
    "amending": N_("Amending instrument"),
    "supplementary": N_("Supplementary instrument"),
    "replacement": N_("Replacing instrument"),
}
LEGISLATION_RULES = {
    "lex_loci_laboris": N_("Place of work"),
    "posting": N_("Posted workers"),
    "self_employed": N_("Self-employed persons"),
    "seafarer": N_("Seafarers"),
    "air_crew": N_("Air crew"),
    "transport_crew": N_("International transport staff"),
    "diplomatic": N_("Diplomatic and consular staff"),
    "civil_servant": N_("Civil servants"),
    "residence": N_("Residence"),
    "mutual_agreement": N_("Exceptions by mutual agreement"),
    "place_of_work": N_("the State where the work is done"),
    "sending_state": N_("the sending State"),
    "residence_state": N_("the State of residence"),
    "flag_state": N_("the flag State"),
    "employer_seat_state": N_("the State of the employer's seat"),
    "employing_administration_state": N_("the State of the employing administration"),
    "agreed_state": N_("the State the competent authorities agree on"),
}
METHODS = {
    "independent": N_("National law alone"),
    "pro_rata": N_("Pro rata of the theoretical amount"),
    "higher_of_independent_and_pro_rata": N_("The higher of the national and the pro-rata amount"),
    "direct": N_("National formula on own periods once totalization opened the right"),
    "residence_proportional": N_("Proportion of a full residence pension"),
    "direct_deduction": N_("Full rate less the other parties' pensions"),
    "account_balance": N_("Individual account or provident fund balance"),
    "without_reduction": N_("Paid abroad without reduction"),
    "modified": N_("National export conditions modified by the agreement"),
    "national_law": N_("Left to national law"),
    "first_day_of_nth_month_after_last_notification": N_("First day of a month after the last notification"),
    "first_day_of_nth_month_after_exchange_of_instruments": N_(
        "First day of a month after the exchange of instruments"
    ),
    "nth_day_after_deposit": N_("A number of days after the deposit"),
    "fixed_date": N_("A fixed date"),
}
UNITS = {
    "days": N_("Days"),
    "weeks": N_("Weeks"),
    "months": N_("Months"),
    "quarters": N_("Quarters"),
    "years": N_("Years"),
}
_TABLES = (BRANCHES, PRINCIPLES, PERSONS, KINDS, LEGISLATION_RULES, METHODS, UNITS)


def label(value: object) -> str:
    """The translated name of a vocabulary value (the value itself where none is known)."""
    text = str(getattr(value, "value", value))
    for table in _TABLES:
        if text in table:
            return _(table[text])
    return text.replace("_", " ")


def person(category: object) -> str:
    """A category of persons (personal scope), translated: ``survivors`` as persons, not the branch."""
    text = str(getattr(category, "value", category))
    return _(PERSONS[text]) if text in PERSONS else label(text)


def party(code: str) -> str:
    """A party by name in the request's language: ``Argentine`` in French for ``AR``; a
    sub-national party with its ISO 3166-2 code (``Canada (CA-QC)``)."""
    country = code.split("-", 1)[0]
    names = Locale.parse(i18n.current()).territories
    name = names.get(country) or party_name(country)
    return name if country == code else f"{name} ({code})"


def parties(codes: list[str]) -> str:
    return ", ".join(party(c) for c in codes) if codes else _("Model agreement (no parties)")


@dataclass(frozen=True)
class Row:
    """One agreement of the library list."""

    id: str
    title: str
    kind: str
    parties: list[str]
    in_force: date | None
    origin: str  # "bundled" | "negotiated"
    version_of: str | None
    version: str | None
    branches: list[str]
    principles: list[str]


def rows(agreements: dict[str, Agreement], origins: dict[str, str]) -> list[Row]:
    """The library as rows, earlier versions after the agreement they are a version of."""
    found = [
        Row(
            a.id,
            a.title,
            a.kind.value,
            list(a.parties),
            a.in_force,
            origins.get(a.id, "bundled"),
            a.version_of,
            a.version,
            [b.value for b in Branch if any(e.branch == b for e in a.material_scope)],
            [p.value for p in Principle if p in a.principle_set()],
        )
        for a in agreements.values()
    ]
    return sorted(found, key=lambda r: (r.version_of or r.id, r.version_of is not None, r.id))


def matching(found: list[Row], party: str = "", branch: str = "", principles: tuple[str, ...] = ()) -> list[Row]:
    """The rows with ``party`` among their parties, ``branch`` in their material scope and every
    one of ``principles``; an empty criterion keeps every row."""
    return [
        r
        for r in found
        if (not party or party in r.parties or party in {p.split("-", 1)[0] for p in r.parties})
        and (not branch or branch in r.branches)
        and all(p in r.principles for p in principles)
    ]


@dataclass(frozen=True)
class Rule:
    """One provision of an agreement as the page shows it, with the article it implements."""

    anchor: str  # the element id of the rule on the page
    section: str
    label: str
    detail: str | None = None
    citation: Citation | None = None
    source: str | None = None

    @property
    def article(self) -> str | None:
        """The article of this agreement the rule cites (None: another instrument, or none)."""
        return self.citation.article if self.citation and self.citation.instrument is None else None


@dataclass
class Section:
    key: str
    title: str
    rules: list[Rule] = field(default_factory=list)


def article_anchor(number: str) -> str:
    return "art-" + re.sub(r"[^0-9A-Za-z.\-]", "-", number)


def _months(value: int | None) -> str:
    return _("up to %(months)s months") % {"months": value} if value else ""


def _join(*parts: str | None) -> str | None:
    text = "; ".join(p for p in parts if p)
    return text or None


def _each(code: str | None) -> str:
    return party(code) if code else _("Each party")


def _when(months: int | None, days: int | None) -> str | None:
    if months is not None:
        return _("N: %(n)s months") % {"n": months}
    return _("N: %(n)s days") % {"n": days} if days is not None else None


def sections(a: Agreement) -> list[Section]:
    """Every provision with the article it cites, by part of the agreement."""
    out = {
        key: Section(key, title)
        for key, title in (
            ("persons", _("Personal scope")),
            ("material", _("Material scope")),
            ("principles", _("Principles")),
            ("legislation", _("Applicable legislation")),
            ("totalization", _("Totalization")),
            ("calculation", _("Calculation of benefits")),
            ("export", _("Payment of benefits abroad")),
            ("other", _("Other provisions")),
            ("definitions", _("Definitions")),
        )
    }

    def add(
        key: str,
        anchor: str,
        text: str,
        detail: str | None = None,
        cite: Citation | None = None,
        source: str | None = None,
    ) -> None:
        out[key].rules.append(Rule("rule-" + anchor, key, text, detail, cite, source))

    for i, p in enumerate(a.personal_scope.persons):
        text = person(p.category) + (f" ({party(p.party)})" if p.party else "")
        add(
            "persons",
            f"persons-{i}",
            text + (" — " + _("conditional") if p.conditional else ""),
            p.description,
            p.article,
        )
    for i, m in enumerate(a.material_scope):
        add(
            "material",
            f"material-{i}",
            f"{_each(m.party)}: {label(m.branch)}",
            _join(m.legislation, _("only: %(limit)s") % {"limit": m.limited_to} if m.limited_to else None),
            m.article,
        )
    for i, x in enumerate(a.exclusions):
        add(
            "material",
            f"exclusion-{i}",
            _("Excluded (%(party)s)") % {"party": _each(x.party)},
            x.description,
            x.article,
            x.source,
        )
    for i, pr in enumerate(a.principles):
        add("principles", f"principle-{i}", label(pr.principle), pr.summary, pr.article)
    if a.applicable_legislation:
        al = a.applicable_legislation
        for i, r in enumerate([al.base, *al.exceptions]):
            text = _("%(rule)s: legislation of %(whose)s") % {"rule": label(r.rule), "whose": label(r.legislation_of)}
            kind = _("Base rule") if i == 0 else _("Exception to: %(rule)s") % {"rule": label(r.overrides)}
            add(
                "legislation",
                f"legislation-{i}",
                text,
                _join(kind, _months(r.max_months), r.condition),
                r.article,
                r.source,
            )
    if a.totalization:
        for i, t in enumerate(a.totalization.rules):
            add(
                "totalization",
                f"totalization-{i}",
                f"{_each(t.party)}: {', '.join(label(b) for b in t.branches)}",
                t.condition,
                t.article,
                t.source,
            )
        for i, u in enumerate(a.totalization.unit_conversion):
            add(
                "totalization",
                f"conversion-{i}",
                _("%(unit)s per month: %(ratio)s") % {"unit": label(u.unit), "ratio": u.per_month},
                None,
                u.article,
            )
        if a.totalization.overlap_article:
            add("totalization", "overlap", _("Overlapping periods"), None, a.totalization.overlap_article)
    for i, c in enumerate(a.calculation):
        add(
            "calculation",
            f"calculation-{i}",
            f"{_each(c.party)}: {', '.join(label(b) for b in c.branches)}",
            _join(label(c.method), c.description),
            c.article,
            c.source,
        )
    for i, e in enumerate(a.export):
        add(
            "export",
            f"export-{i}",
            f"{_each(e.party)}: {', '.join(label(b) for b in e.branches)}",
            _join(label(e.rule), e.condition),
            e.article,
            e.source,
        )
    if a.entry_into_force:
        f = a.entry_into_force
        add(
            "other",
            "entry-into-force",
            _("Entry into force"),
            _join(label(f.kind), _when(f.months, f.days)),
            f.article,
            f.source,
        )
    if a.administrative_arrangement:
        aa = a.administrative_arrangement
        add("other", "arrangement", _("Administrative arrangement"), aa.title, aa.article, aa.source)
    for i, s in enumerate(a.special_provisions):
        add("other", f"special-{i}", s.topic, s.description, s.article)
    for i, d in enumerate(a.definitions):
        add("definitions", f"definition-{i}", d.term, d.meaning, d.article)
    return [s for s in out.values() if s.rules]


def citing(found: list[Section]) -> dict[str, list[Rule]]:
    """The rules that cite each article of the agreement, by article number."""
    by_article: dict[str, list[Rule]] = {}
    for section in found:
        for rule in section.rules:
            if rule.article:
                by_article.setdefault(rule.article, []).append(rule)
    return by_article


_CATEGORY = re.compile(r"^([a-z_]+)(?: \(([A-Z]{2}(?:-[A-Z0-9]{1,3})?)\))?( \(conditional\))?$")


def person_cell(text: str) -> str:
    """A personal-scope label of the comparison (``workers (AU) (conditional)``) translated."""
    match = _CATEGORY.match(text)
    if not match:
        return text
    category, where, conditional = match.groups()
    shown = person(category) + (f" ({party(where)})" if where else "")
    return shown + (" (" + _("conditional") + ")" if conditional else "")


def limits(columns: list[Any]) -> dict[tuple[str, str, str], tuple[int, str]]:
    """The footnotes of the comparison: each limited cell (agreement, party, branch) numbered
    in table order, with the limit the agreement's data state."""
    notes: dict[tuple[str, str, str], tuple[int, str]] = {}
    for branch in Branch:
        for column in columns:
            for where, by_branch in column.material_scope.items():
                limit = by_branch.get(branch.value)
                if limit and limit != "covered":
                    notes[(column.id, where, branch.value)] = (len(notes) + 1, limit)
    return notes
