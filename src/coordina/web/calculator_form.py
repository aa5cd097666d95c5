"""The calculator's case form: form fields into a ``Case`` and back, and the case's validation
errors mapped to the fields at fault (GOV.UK Design System: error message beside the field,
error summary linking to it).

Field ids (also the names): ``agreement``; the person's ``birth_date``, ``nationality``,
``residence``, ``status``, ``sex``, ``derived_rights``; the claim's ``branch`` and
``claim_date``; one row per period, ``periods-<n>-<field>`` (``country``, ``kind``, ``start``,
``end``, ``activity``, ``employer_country``, ``flag_country``, ``certificate``, ``extension``,
``voluntary``, ``earnings_years`` (``2019: 30000000; 2020: 34000000``), ``earnings_amount``,
``earnings_currency``, ``scheme``); one row per reference
amount, ``amounts-<n>-<field>`` (``scheme``, ``amount``, ``currency``); one row per account,
``accounts-<n>-<field>`` (``scheme``, ``balance``, ``currency``, ``annuity_factor``). Every value
is kept as typed, so a form with errors is shown again with nothing lost.
"""

import re
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError
from starlette.datastructures import FormData

from coordina.domain.case import Case
from coordina.web.forms import FormErrors
from coordina.web.i18n import N_, _

TOP = ("agreement", "birth_date", "nationality", "residence", "status", "sex", "derived_rights", "branch",
       "claim_date")  # fmt: skip
PERIOD = ("country", "kind", "start", "end", "activity", "employer_country", "flag_country", "certificate",
          "extension", "voluntary", "earnings_years", "earnings_amount", "earnings_currency", "scheme")  # fmt: skip
AMOUNT = ("scheme", "amount", "currency")
ACCOUNT = ("scheme", "balance", "currency", "annuity_factor")
FLAGS = frozenset({"derived_rights", "certificate", "extension", "voluntary"})
MAX_ROWS = 100  # period rows in the form (a longer career is uploaded as a file)
_ROW = re.compile(r"^(periods|amounts|accounts)-(\d{1,4})-([a-z_]+)$")
_FIELDS = {"periods": PERIOD, "amounts": AMOUNT, "accounts": ACCOUNT}

REQUIRED = {  # the leaf field -> what to do when it is empty
    "agreement": N_("Choose an agreement."),
    "birth_date": N_("Enter the date of birth."),
    "residence": N_("Enter the country of residence."),
    "branch": N_("Choose the branch of the claim."),
    "claim_date": N_("Enter the date of the claim."),
    "country": N_("Enter the country of the period."),
    "kind": N_("Choose what the period is a period of."),
    "start": N_("Enter the first day of the period."),
    "end": N_("Enter the last day of the period."),
    "amount": N_("Enter the amount."),
    "balance": N_("Enter the balance."),
    "currency": N_("Enter the currency."),
    "scheme": N_("Enter the scheme."),
}
COUNTRY = N_("Enter a country as its ISO code, like KR, or a subdivision, like CA-QC.")
DATE = N_("Enter a real date as year-month-day, like 1958-03-10.")
CHOICE = N_("Choose one of the options.")
NUMBER = N_("Enter a number, like 1250.50.")
CURRENCY = N_("Enter a currency as its ISO 4217 code, like AUD.")
SCHEME = N_("Enter a scheme id, like au-age-pension.")
VALUE = N_("Enter a value.")


@dataclass
class CaseForm:
    """The form as typed: top fields, period rows, reference amount and account rows (strings)."""

    values: dict[str, str] = field(default_factory=dict)
    periods: list[dict[str, str]] = field(default_factory=list)
    amounts: list[dict[str, str]] = field(default_factory=list)
    accounts: list[dict[str, str]] = field(default_factory=list)

    def value(self, name: str) -> str:
        return self.values.get(name, "")


def blank() -> CaseForm:
    """An empty form: one period row."""
    return CaseForm({"status": "none"}, [dict.fromkeys(PERIOD, "")], [])


def from_form(form: FormData) -> CaseForm:
    """The case form as posted; rows in the order of their numbers, renumbered from 0."""
    found = CaseForm({name: _text(form, name) for name in TOP})
    rows: dict[str, dict[int, dict[str, str]]] = {kind: {} for kind in _FIELDS}
    for key in form:
        match = _ROW.match(key)
        if match and int(match.group(2)) < MAX_ROWS:
            kind, index, name = match.group(1), int(match.group(2)), match.group(3)
            if name in _FIELDS[kind]:
                rows[kind].setdefault(index, {})[name] = _text(form, key)
    found.periods, found.amounts, found.accounts = (
        [{n: row.get(n, "") for n in _FIELDS[kind]} for _, row in sorted(rows[kind].items())] for kind in _FIELDS
    )
    return found


def apply(case_form: CaseForm, action: str) -> bool:
    """Add or remove a row for ``action`` (``add_period``, ``remove_period_<n>``); whether it was one."""
    if action == "add_period":
        if len(case_form.periods) < MAX_ROWS:
            case_form.periods.append(dict.fromkeys(PERIOD, ""))
        return True
    if action.startswith("remove_period_") and action.removeprefix("remove_period_").isdigit():
        index = int(action.removeprefix("remove_period_"))
        if 0 <= index < len(case_form.periods):
            del case_form.periods[index]
        if not case_form.periods:
            case_form.periods.append(dict.fromkeys(PERIOD, ""))
        return True
    return False


def from_case(case: Case) -> CaseForm:
    """The form showing ``case`` (after an upload, to change and compute again)."""
    person = case.person
    values = {
        "agreement": case.agreement or "", "birth_date": person.birth_date.isoformat(),
        "nationality": " ".join(person.nationality), "residence": person.residence, "status": person.status.value,
        "sex": person.sex or "", "derived_rights": "1" if person.derived_rights else "",
        "branch": case.claim.branch.value, "claim_date": case.claim.date.isoformat(),
    }  # fmt: skip
    periods = []
    for p in case.periods:
        periods.append({
            "country": p.country, "kind": p.kind.value, "start": p.start.isoformat(), "end": p.end.isoformat(),
            "activity": p.activity.value if p.activity else "", "employer_country": p.employer_country or "",
            "flag_country": p.flag_country or "", "certificate": "1" if p.certificate else "",
            "extension": "1" if p.extension else "", "voluntary": "1" if p.voluntary else "",
            "earnings_years": "; ".join(f"{e.year}: {e.amount.amount:f}" for e in p.earnings_by_year),
            "earnings_amount": f"{p.earnings.amount:f}" if p.earnings else "",
            "earnings_currency": p.earnings.currency if p.earnings else (
                p.earnings_by_year[0].amount.currency if p.earnings_by_year else ""),
            "scheme": p.scheme or "",
        })  # fmt: skip
    amounts = [
        {"scheme": s, "amount": f"{m.amount:f}", "currency": m.currency} for s, m in case.reference_amounts.items()
    ]
    accounts = [
        {"scheme": s, "balance": f"{a.balance.amount:f}", "currency": a.balance.currency,
         "annuity_factor": f"{a.annuity_factor:f}" if a.annuity_factor is not None else ""}
        for s, a in case.accounts.items()
    ]  # fmt: skip
    return CaseForm(values, periods, amounts, accounts)


def to_case(case_form: CaseForm) -> tuple[Case | None, FormErrors]:
    """The case the form describes, or the errors by field id (blank rows are left out first)."""
    case_form.periods = [row for row in case_form.periods if any(row.values())] or [dict.fromkeys(PERIOD, "")]
    case_form.amounts = [row for row in case_form.amounts if any(row.values())]
    case_form.accounts = [row for row in case_form.accounts if any(row.values())]
    errors = FormErrors()
    if not case_form.value("agreement"):
        errors.add("agreement", _(REQUIRED["agreement"]))
    amounts: dict[str, Any] = {}
    for index, row in enumerate(case_form.amounts):
        if not row["scheme"]:
            errors.add(f"amounts-{index}-scheme", _(REQUIRED["scheme"]))
        elif row["scheme"] in amounts:
            errors.add(f"amounts-{index}-scheme", _("This scheme already has an amount."))
        amounts[row["scheme"] or f"?{index}"] = _given({"amount": row["amount"], "currency": row["currency"]})
    accounts: dict[str, Any] = {}
    for index, row in enumerate(case_form.accounts):
        if not row["scheme"]:
            errors.add(f"accounts-{index}-scheme", _(REQUIRED["scheme"]))
        elif row["scheme"] in accounts:
            errors.add(f"accounts-{index}-scheme", _("This scheme already has an account."))
        balance = _given({"amount": row["balance"], "currency": row["currency"]})
        accounts[row["scheme"] or f"?{index}"] = _given({"balance": balance, "annuity_factor": row["annuity_factor"]})
    data = {
        "agreement": case_form.value("agreement") or None,
        "person": _given({
            "birth_date": case_form.value("birth_date"), "residence": case_form.value("residence"),
            "nationality": [c for c in re.split(r"[\s,;]+", case_form.value("nationality")) if c],
            "status": case_form.value("status") or "none", "sex": case_form.value("sex") or None,
            "derived_rights": bool(case_form.value("derived_rights")),
        }),
        "claim": _given({"branch": case_form.value("branch"), "date": case_form.value("claim_date")}),
        "periods": [_period(row) for row in case_form.periods],
        "reference_amounts": amounts,
        "accounts": accounts,
    }  # fmt: skip
    try:
        case = Case.model_validate(data)
    except ValidationError as error:
        schemes = {"reference_amounts": list(amounts), "accounts": list(accounts)}
        for err in error.errors():
            place = field_id(_location(err), schemes)
            errors.add(place, message(err, place))
        return None, errors
    return (None if errors else case), errors


def field_id(loc: tuple[Any, ...], schemes: dict[str, list[str]] | None = None) -> str:
    """The id of the input for an error at ``loc`` (``("periods", 2, "end")`` -> ``periods-2-end``)."""
    if not loc:
        return "case-form"
    head = loc[0]
    if head == "person" and len(loc) > 1:
        return str(loc[1])
    if head == "claim" and len(loc) > 1:
        return "claim_date" if loc[1] == "date" else str(loc[1])
    if head == "periods":
        if len(loc) < 3 or not isinstance(loc[1], int):
            return "periods-0-country"
        name = str(loc[2])
        if name == "earnings":
            name = "earnings_currency" if len(loc) > 3 and loc[3] == "currency" else "earnings_amount"
        elif name == "earnings_by_year":
            name = "earnings_currency" if loc[-1] == "currency" else "earnings_years"
        return f"periods-{loc[1]}-{name if name in PERIOD else 'country'}"
    if head in ("reference_amounts", "accounts") and len(loc) > 1:
        known = (schemes or {}).get(head, [])
        index = known.index(loc[1]) if loc[1] in known else 0
        if head == "reference_amounts":
            part = str(loc[2]) if len(loc) > 2 and loc[2] in AMOUNT else "amount"
            return f"amounts-{index}-{part}"
        leaf = str(loc[-1]) if len(loc) > 2 else "balance"
        part = {"amount": "balance", "balance": "balance"}.get(leaf, leaf if leaf in ACCOUNT else "balance")
        return f"accounts-{index}-{part}"
    return str(head) if head in TOP else "case-form"


def field_of(dotted: str) -> str:
    """The field id for a field named like the engine names it (``periods[2].scheme``, ``agreement``)."""
    parts: list[Any] = [int(i) if i else n for n, i in re.findall(r"([A-Za-z_]+)|\[(\d+)\]", dotted)]
    return field_id(tuple(parts))


def message(err: Any, place: str) -> str:
    """What to tell the caseworker about one validation error, in their language."""
    kind, leaf = err["type"], place.rsplit("-", 1)[-1].removeprefix("earnings_")
    if kind == "missing" or (kind in ("string_too_short", "too_short") and leaf in REQUIRED):
        return _(REQUIRED.get(leaf, VALUE))
    if kind == "end_before_start":
        return _("The last day must be on or after the first day.")
    if kind == "period_before_birth":
        return _("The period starts before the date of birth.")
    if kind == "earnings_twice":
        return _("Give the earnings by year or over the whole period, not both.")
    if kind == "earnings_year_outside_period":
        return _("Year %(year)s is outside the period.") % {"year": (err.get("ctx") or {}).get("year", "")}
    if kind == "earnings_year_twice":
        return _("Year %(year)s is given twice.") % {"year": (err.get("ctx") or {}).get("year", "")}
    if kind == "earnings_currencies":
        return _("Give every year's earnings in one currency.")
    if leaf == "years":
        return _("Write each year as year: amount, like 2019: 30000000, separated by semicolons.")
    if kind.startswith(("date_", "datetime_")):
        return _(DATE)
    if kind in ("enum", "literal_error"):
        return _(CHOICE)
    if kind.startswith("decimal_"):
        return _(NUMBER)
    if kind == "greater_than":
        return _("Enter a number above %(limit)s.") % {"limit": (err.get("ctx") or {}).get("gt", 0)}
    if leaf in ("residence", "nationality", "country", "employer_country", "flag_country"):
        return _(COUNTRY)
    if leaf == "currency":
        return _(CURRENCY)
    if leaf == "scheme":
        return _(SCHEME)
    return _("This value is not accepted: %(detail)s") % {"detail": str(err["msg"]).removeprefix("Value error, ")}


def _location(err: Any) -> tuple[Any, ...]:
    ctx = err.get("ctx") or {}
    return (*err["loc"], *ctx.get("at", ()))


def _period(row: dict[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = _given({n: row[n] for n in ("country", "kind", "start", "end", "activity",
                                                      "employer_country", "flag_country", "scheme")})  # fmt: skip
    out.update({flag: bool(row[flag]) for flag in ("certificate", "extension", "voluntary")})
    if row["earnings_years"]:
        out["earnings_by_year"] = [_year(part, row["earnings_currency"]) for part in
                                   re.split(r"[;\n]+", row["earnings_years"]) if part.strip()]  # fmt: skip
        if row["earnings_amount"]:  # both given: the case refuses it, beside the yearly field
            out["earnings"] = _given({"amount": row["earnings_amount"], "currency": row["earnings_currency"]})
    elif row["earnings_amount"] or row["earnings_currency"]:
        out["earnings"] = _given({"amount": row["earnings_amount"], "currency": row["earnings_currency"]})
    return out


def _year(part: str, currency: str) -> dict[str, Any]:
    """``2019: 30000000`` as one year's earnings (a part that does not read so is left for the
    case's validation to refuse, beside the field)."""
    year, _sep, amount = part.partition(":")
    return {"year": year.strip(), "amount": _given({"amount": amount.strip(), "currency": currency})}


def _given(values: dict[str, Any]) -> dict[str, Any]:
    """The values entered: an empty text is a field left out (pydantic says what is missing)."""
    return {k: v for k, v in values.items() if v != ""}


def _text(form: FormData, name: str) -> str:
    value = form.get(name)
    return value.strip()[:200] if isinstance(value, str) else ""
