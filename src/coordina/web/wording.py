"""The engine's words in the visitor's language: the name of each step of a decision, and each
step's outcome and reason (issue 11 item 6: "Translations cover labels, the engine's reasons and
trace wording").

The rules say every outcome and reason as ``say(template, **values)`` (``domain.wording``); the
templates are extracted from ``rules/`` into the ``engine`` catalogue (``web/catalogues.py``).
Here a template is translated, then filled with its values, which are shown in the language too:
vocabulary (branches, kinds of period, methods…), dates and amounts, and sentences inside
sentences. English is the engine's own text, exactly as the API and the CLI give it; a template
without a translation falls back to that English text whole, never to a mixture of languages.
"""

import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from functools import cache

from babel.dates import format_date
from babel.lists import format_list
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

from coordina.domain.decision import Decision, InstitutionDecision, Rule, TraceStep
from coordina.domain.provisions import CalculationMethod, LegislationRule
from coordina.domain.quantities import Duration
from coordina.domain.scheme import ExportKind
from coordina.domain.scope import PersonCategory
from coordina.domain.vocabulary import Branch, PeriodKind, Principle, TimeUnit
from coordina.domain.wording import Listing, Wording
from coordina.web import i18n
from coordina.web.i18n import N_, gettext

RULE_LABELS: dict[Rule, str] = {
    Rule.entry_into_force: N_("Entry into force of the agreement"),
    Rule.agreement_version: N_("Text of the agreement applied"),
    Rule.material_scope: N_("Material scope of the agreement"),
    Rule.personal_scope: N_("Personal scope of the agreement"),
    Rule.certified_periods: N_("Periods certified by another institution"),
    Rule.applicable_legislation: N_("Legislation applicable to each period"),
    Rule.posting_limit: N_("Time limit of a posting"),
    Rule.posting_extension: N_("Extension of a posting"),
    Rule.scheme_attribution: N_("Periods of each national scheme"),
    Rule.scheme_start: N_("Start of the national scheme"),
    Rule.counting_ages: N_("Ages between which periods count"),
    Rule.own_periods: N_("Periods under the institution's own legislation"),
    Rule.totalization: N_("Totalization of periods"),
    Rule.third_country_periods: N_("Periods completed in third States"),
    Rule.unit_conversion: N_("Conversion of periods into months"),
    Rule.qualifying_period: N_("Qualifying period under national law"),
    Rule.pension_age: N_("Pensionable age"),
    Rule.minimum_period: N_("Minimum period under the agreement"),
    Rule.eligibility: N_("Entitlement to benefit"),
    Rule.benefit_formula: N_("National benefit formula"),
    Rule.independent_amount: N_("Independent amount under national law"),
    Rule.theoretical_amount: N_("Theoretical amount on all totalized periods"),
    Rule.pro_rata_amount: N_("Pro-rata share of the theoretical amount"),
    Rule.payable_amount: N_("Amount payable by the institution"),
    Rule.export: N_("Export of benefits abroad"),
    Rule.lump_sum_refund: N_("Lump-sum refund of contributions"),
    Rule.equality_of_treatment: N_("Equality of treatment of non-nationals"),
}

TERMS: Mapping[type[StrEnum], Mapping[str, str]] = {
    Branch: {
        "medical_care": N_("medical care"),
        "sickness": N_("sickness"),
        "unemployment": N_("unemployment"),
        "old_age": N_("old age"),
        "employment_injury": N_("employment injury"),
        "family": N_("family benefits"),
        "maternity": N_("maternity"),
        "invalidity": N_("invalidity"),
        "survivors": N_("survivors"),
    },
    PeriodKind: {
        "insurance": N_("insurance"),
        "employment": N_("employment"),
        "self_employment": N_("self-employment"),
        "residence": N_("residence"),
        "credited": N_("credited periods"),
    },
    Principle: {
        "equality_of_treatment": N_("equality of treatment"),
        "applicable_legislation": N_("applicable legislation"),
        "export_of_benefits": N_("export of benefits"),
        "totalization": N_("totalization"),
        "administrative_assistance": N_("administrative assistance"),
        "reciprocity": N_("reciprocity"),
    },
    CalculationMethod: {
        "independent": N_("independent benefit"),
        "pro_rata": N_("pro rata temporis"),
        "higher_of_independent_and_pro_rata": N_("the higher of the independent and pro-rata amounts"),
        "direct": N_("direct calculation"),
        "residence_proportional": N_("proportion of the full residence pension"),
        "direct_deduction": N_("full rate less the other parties' pensions"),
        "account_balance": N_("account balance"),
    },
    ExportKind: {
        "unrestricted": N_("unrestricted"),
        "minimum_period": N_("after a minimum period"),
        "proportional": N_("proportional"),
        "restricted": N_("restricted"),
        "none": N_("none (not paid abroad)"),
    },
    LegislationRule: {
        "lex_loci_laboris": N_("lex loci laboris"),
        "posting": N_("posting"),
        "self_employed": N_("self-employment"),
        "seafarer": N_("seafarers"),
        "air_crew": N_("air crew"),
        "transport_crew": N_("international transport crew"),
        "diplomatic": N_("diplomatic staff"),
        "civil_servant": N_("civil servants"),
        "residence": N_("residence"),
        "mutual_agreement": N_("agreement between the competent authorities"),
    },
    PersonCategory: {
        "nationals": N_("nationals"),
        "subject_to_legislation": N_("persons subject to the legislation"),
        "residents": N_("residents"),
        "workers": N_("workers"),
        "self_employed": N_("self-employed persons"),
        "unemployed_receiving_benefits": N_("unemployed persons receiving benefits"),
        "refugees": N_("refugees"),
        "stateless_persons": N_("stateless persons"),
        "dependants": N_("dependants"),
        "survivors": N_("survivors"),
        "civil_servants": N_("civil servants"),
        "non_active_persons": N_("non-active persons"),
    },
    TimeUnit: {
        "days": N_("days"),
        "weeks": N_("weeks"),
        "months": N_("months"),
        "quarters": N_("quarters"),
        "years": N_("years"),
    },
}
"""Vocabulary the engine names in its sentences (by its code), as a caseworker reads it."""

NAMED: Mapping[str, Mapping[str, str]] = {
    "sex": {"men": N_("men"), "women": N_("women")},
    "applies_to": {"qualification": N_("qualification for the right"), "amount": N_("calculation of the amount")},
    "fields": {
        "own_months": N_("own months"),
        "foreign_months": N_("foreign months"),
        "totalized_months": N_("totalized months"),
        "eligible_national": N_("eligibility on national periods alone"),
        "eligible_totalized": N_("eligibility with totalization"),
        "pro_rata_fraction": N_("pro-rata fraction"),
        "independent_amount": N_("independent amount"),
        "theoretical_amount": N_("theoretical amount"),
        "pro_rata_amount": N_("pro-rata amount"),
        "payable_amount": N_("payable amount"),
        "currency": N_("currency"),
        "amount_period": N_("period of the amount"),
        "payable_abroad": N_("payment abroad"),
        "lump_sum_refund_available": N_("lump-sum refund"),
    },
    "branch": TERMS[Branch],
    "unit": TERMS[TimeUnit],
}
"""Plain text values the engine names by placeholder (a sex, what an age window limits, fields)."""

_DATES = frozenset({"date", "start", "end", "day"})  # dates read back from an English text
_NUMBERS = frozenset({"months", "required"})  # months already written as text: "12", "7.50"
_NESTED = frozenset({"outcome", "reason", "lead", "how", "verdict", "national", "totalized", "amount", "whose"})
_SENTENCES = {"needs": "; "}  # several sentences joined (rules.formula_amounts: what a formula misses)


def rule_label(rule: Rule | str) -> str:
    """The name of a step of a decision, in the visitor's language."""
    try:
        return gettext(RULE_LABELS[Rule(rule)])
    except ValueError:
        return str(rule).replace("_", " ")


def outcome(step: TraceStep) -> str:
    """What the step decided, in the visitor's language."""
    return say(step.wording) if step.wording is not None else text(step.outcome)


def details(step: TraceStep) -> list[str]:
    """A step's lines of working (a national formula's stages), in the visitor's language."""
    if step.details_wording:
        return [say(line) for line in step.details_wording]
    lines = [*step.inputs.get("working", []), *step.inputs.get("assumptions", [])]
    return [text(str(line)) for line in lines]


def reason(step_or_text: TraceStep | Wording | str | None) -> str:
    """What the caseworker is told, from a step, a wording or the English text (``Decision.reasons``)."""
    if isinstance(step_or_text, TraceStep):
        if step_or_text.reason_wording is not None:
            return say(step_or_text.reason_wording)
        return text(step_or_text.reason or "")
    if isinstance(step_or_text, Wording):
        return say(step_or_text)
    return text(step_or_text or "")


def reasons(decision: Decision | InstitutionDecision) -> list[str]:
    """The decision's reasons in order (as ``reasons_of`` derives them), each translated."""
    steps = {s.reason: s for s in reversed(decision.trace) if s.reason}
    return [reason(steps.get(item, item)) for item in decision.reasons]


def say(wording: Wording) -> str:
    """A sentence of the engine in the visitor's language; the English text where there is none."""
    if i18n.current() == i18n.SOURCE_LANGUAGE:
        return wording.text
    if wording.template not in _translated(i18n.current()):
        return wording.text  # not translated: English, whole
    template = gettext(wording.template)
    if not wording.values:
        return template
    try:
        return template.format(**{name: _value(name, v) for name, v in wording.values.items()})
    except (KeyError, IndexError, ValueError):
        return wording.text


def text(english: str) -> str:
    """An English sentence of the engine without its wording (read back from JSON): its translation
    where it matches a template of the ``engine`` catalogue, else the English text."""
    if not english or i18n.current() == i18n.SOURCE_LANGUAGE:
        return english
    translated = gettext(english)
    if translated != english:
        return translated
    for template, pattern in _patterns():
        found = pattern.fullmatch(english)
        if found:
            values = {name: _value_of_text(name, value) for name, value in found.groupdict().items()}
            try:
                return gettext(template).format(**values)
            except (KeyError, IndexError, ValueError):
                return english
    return english


def _value(name: str, value: object) -> object:
    """A value shown in the visitor's language."""
    if isinstance(value, Wording):
        return say(value)
    if isinstance(value, Listing):
        items = [str(_value(name, item)) for item in value.items]
        if value.separator == " and ":
            return format_list(items, locale=i18n.locale())
        return value.separator.join(items)
    if isinstance(value, StrEnum):
        term = TERMS.get(type(value), {}).get(value.value)
        return gettext(term) if term else value.value
    if isinstance(value, bool):
        return value
    if isinstance(value, date):
        return format_date(value, format="medium", locale=i18n.locale())
    if isinstance(value, Decimal):
        return format_decimal(value, locale=i18n.locale(), decimal_quantization=False)
    if isinstance(value, Duration):
        unit = gettext(TERMS[TimeUnit][value.unit.value])
        return f"{format_decimal(value.amount.normalize(), locale=i18n.locale(), decimal_quantization=False)} {unit}"
    if isinstance(value, str):
        return _value_of_text(name, value)
    return value


def _value_of_text(name: str, value: str) -> object:
    term = NAMED.get(name, {}).get(value)
    if term:
        return gettext(term)
    if name in _DATES:
        try:
            return _value(name, date.fromisoformat(value))
        except ValueError:
            return value
    if name in _NUMBERS:
        try:
            return _value(name, Decimal(value))
        except InvalidOperation:
            return value
    if name in _NESTED:
        return text(value)
    if name in _SENTENCES:
        return _SENTENCES[name].join(text(part) for part in value.split(_SENTENCES[name]))
    return value


_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


@cache
def _translated(language: str) -> frozenset[str]:
    """The message ids the catalogues of ``language`` translate (fuzzy ones left out, as when shown)."""
    found: set[str] = set()
    for po in (i18n.LOCALE_DIR / language / "LC_MESSAGES").glob("*.po"):
        with po.open("rb") as source:
            found.update(m.id for m in read_po(source) if isinstance(m.id, str) and m.string and not m.fuzzy)
    return frozenset(found)


@cache
def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    """The engine's templates with values, as patterns over their English text; the most
    specific (longest fixed text) first."""
    path = i18n.LOCALE_DIR / "fr" / "LC_MESSAGES" / "engine.po"
    if not path.exists():
        return []
    with path.open("rb") as source:
        templates = [m.id for m in read_po(source) if isinstance(m.id, str) and _PLACEHOLDER.search(m.id)]
    found = [(t, _pattern(t)) for t in templates]
    return sorted(found, key=lambda item: -len(_PLACEHOLDER.sub("", item[0])))


def _pattern(template: str) -> re.Pattern[str]:
    parts: list[str] = []
    seen: set[str] = set()
    position = 0
    for match in _PLACEHOLDER.finditer(template):
        parts.append(re.escape(template[position : match.start()]))
        name = match.group(1)
        parts.append(f"(?P={name})" if name in seen else f"(?P<{name}>.+?)")
        seen.add(name)
        position = match.end()
    parts.append(re.escape(template[position:]))
    return re.compile("".join(parts), re.DOTALL)
