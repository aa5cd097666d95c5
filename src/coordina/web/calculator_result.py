"""A decision as the calculator shows it: the applicable legislation per country, each party's
figures in the visitor's language, and the trace with every step's legal basis linked.

Steps, outcomes and reasons are worded by ``coordina.web.wording`` (the engine's sentences in
the visitor's language). A step whose basis is an article of the applied agreement links to that article on the
agreement's page (``/agreements/<id>#art-<number>``); a national provision shows its source.
Unknown stays unknown: a ``None`` is shown as "unknown", never as "no" (DESIGN.md).
"""

import re
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from babel.numbers import format_currency, format_decimal, format_percent

from coordina.domain import Agreement
from coordina.domain.decision import Decision, LegislationPeriod
from coordina.domain.legal import LegalBasis
from coordina.domain.party import country_of
from coordina.web import i18n, wording
from coordina.web.agreement_views import article_anchor
from coordina.web.i18n import N_, _

_OWN_ARTICLE = re.compile(r"^Art\. ([0-9A-Za-z.\-]+)(?:\([0-9A-Za-z]+\))?$")

LEGISLATION_RULES = {  # how the legislation was determined (LegislationRule, and the engine's own two)
    "lex_loci_laboris": N_("where the work is done"),
    "posting": N_("posting: the sending State"),
    "self_employed": N_("self-employment"),
    "seafarer": N_("seafarer: the flag State"),
    "air_crew": N_("air crew"),
    "transport_crew": N_("international transport crew"),
    "diplomatic": N_("diplomatic mission"),
    "civil_servant": N_("civil servant: the employing State"),
    "residence": N_("residence"),
    "mutual_agreement": N_("agreed by the competent authorities"),
    "before_entry_into_force": N_("before the agreement entered into force: national law"),
    "outside_agreement": N_("not a party: outside the agreement"),
}
AMOUNT_PERIODS = {
    "monthly": N_("per month"),
    "fortnightly": N_("per fortnight"),
    "weekly": N_("per week"),
    "daily": N_("per day"),
    "yearly": N_("per year"),
    "annual": N_("per year"),
    "lump_sum": N_("once (lump sum)"),
}


def country(code: str | None) -> str:
    """A party's name in the visitor's language: ``Australia (AU)``, ``Canada (CA-QC)``."""
    if not code:
        return _("unknown")
    name = i18n.locale().territories.get(country_of(code), code)
    return f"{name} ({code})"


def known(value: bool | None) -> str:
    return _("unknown") if value is None else (_("yes") if value else _("no"))


def months(value: Fraction | None) -> str:
    if value is None:
        return _("unknown")
    return format_decimal(round(float(value), 2), locale=i18n.locale())


def share(value: Fraction | None) -> str:
    if value is None:
        return _("not applicable")
    percent = format_percent(float(value), format="#,##0.00 %", locale=i18n.locale())
    return f"{value.numerator}/{value.denominator} ({percent})"


def money(value: Decimal | None, currency: str | None) -> str:
    if value is None:
        return _("not computed")
    if not currency:
        return format_decimal(value, locale=i18n.locale())
    return f"{format_currency(value, currency, locale=i18n.locale())} ({currency})"


def amount_period(value: str | None) -> str:
    if not value:
        return _("not recorded")
    return _(AMOUNT_PERIODS[value]) if value in AMOUNT_PERIODS else value


def legislation_rule(rule: str) -> str:
    return _(LEGISLATION_RULES[rule]) if rule in LEGISLATION_RULES else rule


@dataclass(frozen=True)
class Basis:
    """A step's legal basis as shown: its text, a link to the article here, or the source."""

    text: str
    instrument: str
    href: str | None  # the article on the agreement's page
    source: str | None  # a URL the value or article was read in
    verified: bool


def basis(found: LegalBasis, agreement: Agreement) -> Basis:
    href = article_href(found.article, agreement) if found.eid else None
    source = found.source if found.source and found.source.startswith(("http://", "https://")) else None
    return Basis(str(found), found.instrument, href, source, found.verified)


def article_href(article: str | None, agreement: Agreement) -> str | None:
    """``/agreements/<id>#art-<n>`` for ``Art. n`` or ``Art. n(p)`` of the agreement itself, else None."""
    match = _OWN_ARTICLE.match(article or "")
    if not match or match.group(1) not in {a.number for a in agreement.articles}:
        return None
    return f"/agreements/{agreement.id}#{article_anchor(match.group(1))}"  # as the agreement's page names it


@dataclass(frozen=True)
class Timeline:
    country: str
    periods: list[LegislationPeriod]


def timelines(decision: Decision) -> list[Timeline]:
    """The applicable legislation, one timeline per country, each in date order."""
    by_country: dict[str, list[LegislationPeriod]] = {}
    for entry in decision.applicable_legislation:
        by_country.setdefault(entry.country, []).append(entry)
    return [Timeline(c, sorted(p, key=lambda e: (e.start, e.end))) for c, p in sorted(by_country.items())]


def helpers() -> dict[str, Any]:
    """The functions the result template uses."""
    return {
        "country": country, "known": known, "months": months, "share": share, "money": money,
        "amount_period": amount_period, "legislation_rule": legislation_rule,
        "rule_label": wording.rule_label, "outcome": wording.outcome, "reason": wording.reason,
        "details": wording.details,
        "reasons": wording.reasons, "basis": basis, "article_href": article_href,
    }  # fmt: skip
