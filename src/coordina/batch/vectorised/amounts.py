"""Amounts over every person at once (the columnar form of ``rules.amounts_due`` and
``rules.amounts``): the agreement's calculation method, the pro-rata fraction, the simple
national amounts (a flat or maximum rate, a residence proportion, a share of a full amount),
the independent, theoretical, pro-rata and payable amounts, exact until rounded half-up to the
currency's minor unit.

An earnings formula of ``rules.formulas`` is computed here only where its result is not needed
(no right under it); a person whose decision needs one falls back to the scalar engine
(``FORMULA_NEEDED``) until the formula is vectorised.
"""

from datetime import date
from fractions import Fraction
from typing import Any

import numpy as np
import polars as pl
from babel.numbers import get_currency_precision

from coordina.batch.vectorised import average_earnings
from coordina.batch.vectorised import rational as q
from coordina.batch.vectorised.entitlement import Frame
from coordina.batch.vectorised.facts import per_date
from coordina.domain.agreement import Agreement
from coordina.domain.case import Person
from coordina.domain.provisions import CalculationMethod
from coordina.domain.scheme import BenefitFormulaKind, Scheme
from coordina.domain.vocabulary import Branch
from coordina.rules import amounts
from coordina.rules.amounts_due import _dated_full_amount, _full_career
from coordina.rules.formula_amounts import computes
from coordina.rules.money import legal_tender
from coordina.rules.periods import UNITS_PER_MONTH

FORMULA_NEEDED = "benefit formula {kind} ({scheme}) not vectorised"
_SIMPLE = {
    BenefitFormulaKind.flat_rate.value,
    BenefitFormulaKind.means_tested.value,
    BenefitFormulaKind.residence_proportional.value,
}
_NO_BASIS_WITHOUT_EARNINGS = {BenefitFormulaKind.earnings_related.value, BenefitFormulaKind.earnings_points.value}


def _method(agreement: Agreement, scheme: Scheme, branch: Branch, at_home: bool, totalizes: bool) -> dict[str, Any]:
    residence = scheme.country if at_home else next(p for p in [*agreement.parties, "ZZ"] if p != scheme.country)
    person = Person(birth_date=date(1950, 1, 1), residence=residence)
    rule = amounts.calculation_rule(agreement, scheme, branch, person)
    method = rule.method if rule else (CalculationMethod.pro_rata if totalizes else CalculationMethod.independent)
    return {
        "method": method.value,
        "denominator": rule.denominator_months if rule else None,
        "cap": bool(rule and rule.maximum_period_cap),
    }


AMOUNT_FACTS: dict[str, Any] = {
    "formula_kind": pl.Utf8,
    "formula_computes": pl.Boolean,
    "amount_period": pl.Utf8,
    "currency": pl.Utf8,
    "full_n": q.I128,
    "full_d": q.I128,
    "full_currency": pl.Utf8,
    "complete_years_only": pl.Boolean,
    "accrual_n": q.I128,
    "accrual_d": q.I128,
    "full_career_units": pl.Int64,
    "national_rounding": pl.Boolean,
}


def amount_facts(scheme: Scheme, dates: list[date]) -> pl.DataFrame:
    """The formula and figures in force on each claim date."""

    def fact(day: date) -> dict[str, Any]:
        parameter = scheme.parameters.benefit_formula
        formula = parameter.at(day) if parameter else None
        value = formula.value if formula else None
        full = (value.full_amount if value else None) or (_dated_full_amount(scheme, day) if value else None)
        career = _full_career(scheme, day)
        career_units = None if career is None else career * UNITS_PER_MONTH
        accrual = amounts.accrual(value) if value else None
        rounding = scheme.parameters.rounding.at(day) if scheme.parameters.rounding else None
        return {
            "formula_kind": value.kind.value if value else None,
            "formula_computes": computes(formula),
            "amount_period": value.amount_period if value else None,
            "currency": legal_tender(scheme.country, day),
            "full_n": Fraction(full.amount).numerator if full else None,
            "full_d": Fraction(full.amount).denominator if full else None,
            "full_currency": full.currency if full else None,
            "complete_years_only": bool(value and value.complete_years_only),
            "accrual_n": accrual.numerator if accrual is not None else None,
            "accrual_d": accrual.denominator if accrual is not None else None,
            "full_career_units": int(career_units)
            if career_units is not None and career_units.denominator == 1
            else (None if career_units is None else -1),
            "national_rounding": rounding is not None,
        }

    return per_date(dates, fact, AMOUNT_FACTS)


def method_columns(agreement: Agreement, scheme: Scheme, branch: Branch, totalizes: bool) -> list[pl.Expr]:
    """``method``, ``denominator``, ``cap``: the agreement's calculation rule for the person (one
    for persons at home and one for persons abroad, where a rule holds only abroad)."""
    home, abroad = (_method(agreement, scheme, branch, at, totalizes) for at in (True, False))
    at_home = pl.col("residence") == scheme.country
    return [
        pl.when(at_home).then(pl.lit(home[name])).otherwise(pl.lit(abroad[name])).alias(name)
        for name in ("method", "denominator", "cap")
    ]


def _years(months: tuple[pl.Expr, pl.Expr]) -> tuple[pl.Expr, pl.Expr]:
    """Years of a number of months: whole years where only complete years count."""
    whole = (months[0] // (months[1] * 12), pl.lit(1, dtype=q.I128))
    return q.choose(pl.col("complete_years_only"), whole, q.div(months, q.lit(12)))


def _national(months: tuple[pl.Expr, pl.Expr]) -> tuple[pl.Expr, pl.Expr]:
    """``rules.amounts.national_amount`` for the simple kinds (and a share of a full amount)."""
    one = q.lit(1)
    full = q.col("full")
    career = q.of_units(pl.col("full_career_units"), UNITS_PER_MONTH)
    share_of_career = q.mul(full, q.minimum(one, q.div(months, career)))
    has_career = pl.col("full_career_units").is_not_null() & (pl.col("full_career_units") > 0)
    by_accrual = q.mul(full, q.minimum(one, q.mul(q.col("accrual"), _years(months))))
    proportional = q.choose(pl.col("accrual_n").is_not_null(), by_accrual, q.choose(has_career, share_of_career, full))
    earnings = q.choose(has_career, share_of_career, q.null())
    kind = pl.col("formula_kind")
    return q.choose(
        kind.is_in(["flat_rate", "means_tested"]),
        full,
        q.choose(
            kind == "residence_proportional",
            proportional,
            q.choose(kind.is_in(list(_NO_BASIS_WITHOUT_EARNINGS)), earnings, q.null()),
        ),
    )


def needs(table: Frame) -> Frame:
    """Which formula results the decision reads: ``needs_own`` (the formula on own periods: an
    independent right, or a direct or account method with a right) and ``needs_all`` (on every
    totalized period: a theoretical amount under a pro-rata method)."""
    formula_path = pl.col("formula_computes") & ~pl.col("window_unknown")
    national, with_agreement = pl.col("eligible_national"), pl.col("eligible_totalized")
    pro_rata_methods = [m.value for m in amounts.PRO_RATA_METHODS]
    tot2 = pl.when(pl.col("totalizes")).then(with_agreement).otherwise(national)
    entitled = national.eq_missing(True) | tot2.eq_missing(True)
    own = national.eq_missing(True) | (pl.col("method").is_in(["direct", "account_balance"]) & entitled)
    return table.with_columns(
        needs_own=formula_path & own,
        needs_all=formula_path & pl.col("method").is_in(pro_rata_methods) & with_agreement.eq_missing(True),
    )


def amounts_due(table: pl.DataFrame) -> pl.DataFrame:
    """The four amounts, the fraction, the currency and the period; ``amount_fallback`` where a
    formula result is needed (or a figure falls outside what is vectorised here)."""
    table = average_earnings.national_amounts(table)
    months_own = q.of_units(pl.col("amount_units"), UNITS_PER_MONTH)
    months_all = q.of_units(pl.col("totalized"), UNITS_PER_MONTH)
    formula_path = pl.col("formula_computes") & ~pl.col("window_unknown")
    simple_basis = pl.col("full_n").is_not_null()  # no earnings formula below: see amount_fallback
    average_basis = pl.col("formula_kind").is_in(list(_NO_BASIS_WITHOUT_EARNINGS))
    average_basis = average_basis & pl.col("average_total").is_not_null()
    has_basis = formula_path | simple_basis | average_basis
    one = q.lit(1)
    on_average = pl.col("earnings_own_n").is_not_null()
    own_amount = q.choose(
        formula_path, q.col("formula_own"), q.choose(on_average, q.col("earnings_own"), _national(months_own))
    )
    all_amount = q.choose(
        formula_path, q.col("formula_all"), q.choose(on_average, q.col("earnings_all"), _national(months_all))
    )
    counted = q.choose(
        pl.col("complete_years_only"), ((months_own[0] // (months_own[1] * 12)) * 12, pl.lit(1, q.I128)), months_own
    )
    denominator = (pl.col("denominator").cast(q.I128), pl.lit(1, dtype=q.I128))
    residence = q.choose(
        pl.col("denominator").is_not_null() & simple_basis,
        q.mul(q.col("full"), q.minimum(one, q.div(counted, denominator))),
        own_amount,
    )
    table = table.with_columns(
        *q.named("own_amount", own_amount),
        *q.named("all_amount", all_amount),
        *q.named("residence_amount", residence),
        has_basis=has_basis,
    )
    # the currency: the legal tender on the formula path, else the full amount's, else the earnings'
    currency = (
        pl.when(formula_path)
        .then(pl.col("currency"))
        .when(simple_basis)
        .then(pl.col("full_currency"))
        .otherwise(pl.coalesce("earnings_currency", "currency"))
    )
    pro_rata_methods = [m.value for m in amounts.PRO_RATA_METHODS]
    national, with_agreement = pl.col("eligible_national"), pl.col("eligible_totalized")
    theoretical_needed = pl.col("method").is_in(pro_rata_methods) & with_agreement.eq_missing(True)
    tot2 = pl.when(pl.col("totalizes")).then(with_agreement).otherwise(national)
    entitled = (
        pl.when(national.eq_missing(True) | tot2.eq_missing(True))
        .then(True)
        .when(national.is_null() | tot2.is_null())
        .then(None)
        .otherwise(False)
    )
    own_needed = national.eq_missing(True) | (
        pl.col("method").is_in(["direct", "account_balance"]) & entitled.eq_missing(True)
    )
    needs_formula = formula_path & (own_needed | theoretical_needed) & ~pl.col("formula_vectorised")
    fallback = (
        pl.when(needs_formula)
        .then(pl.format(FORMULA_NEEDED.replace("{kind}", "{}").replace("{scheme}", "{}"), "formula_kind", "scheme"))
        .when(pl.col("national_rounding"))
        .then(pl.lit("a national rounding rule"))
        .when(pl.col("window_unknown"))
        .then(pl.lit("an age window ending at an unknown pension age"))
        .when((pl.col("full_career_units") == -1) | pl.col("needed_inexact"))
        .then(pl.lit("a period not in whole month units"))
        .otherwise(None)
    )
    table = table.with_columns(amount_currency=currency, amount_fallback=fallback, entitled=entitled, tot2=tot2)
    return _paid(table)


def _fraction(table: pl.DataFrame) -> pl.DataFrame:
    """``rules.amounts.pro_rata_fraction`` in month units (exact)."""
    capped = pl.col("cap") & pl.col("full_career_units").is_not_null() & (pl.col("full_career_units") > 0)
    denominator = (
        pl.when(capped).then(pl.min_horizontal("totalized", "full_career_units")).otherwise(pl.col("totalized"))
    )
    numerator = (
        pl.when(pl.col("totalized") == 0).then(0).when(pl.col("own") >= denominator).then(1).otherwise(pl.col("own"))
    )
    below = pl.when(pl.col("totalized") == 0).then(1).when(pl.col("own") >= denominator).then(1).otherwise(denominator)
    table = table.with_columns(fraction_n=numerator.cast(pl.Int64), fraction_d=below.cast(pl.Int64))
    # lowest terms (month units fit in 64 bits: numpy's gcd), so the pro-rata product stays within 128 bits
    n, d = table.get_column("fraction_n").to_numpy(), table.get_column("fraction_d").to_numpy()
    divisor = np.gcd(n, d)
    divisor[divisor == 0] = 1
    return table.with_columns(fraction_n=pl.Series(n // divisor), fraction_d=pl.Series(d // divisor))


def _paid(table: pl.DataFrame) -> pl.DataFrame:
    table = _fraction(table)
    national, tot2 = pl.col("eligible_national"), pl.col("tot2")
    zero = q.lit(0)
    independent = q.choose(national.eq_missing(True), q.col("own_amount"), zero)
    independent_known = pl.col("has_basis") & national.is_not_null()
    pro_rata_methods = [m.value for m in amounts.PRO_RATA_METHODS]
    theoretical_known = pl.col("method").is_in(pro_rata_methods) & pl.col("eligible_totalized").eq_missing(True)
    fraction = (pl.col("fraction_n").cast(q.I128), pl.col("fraction_d").cast(q.I128))
    pro_rata = q.mul(q.col("all_amount"), fraction)
    method = pl.col("method")
    payable_known = ~pl.col("entitled").eq_missing(False) & pl.col("has_basis")
    by_method = (
        pl.when(method == "independent")
        .then(pl.lit("independent"))
        .when(method.is_in(["pro_rata", "direct_deduction"]))
        .then(
            pl.when(national.ne_missing(False))
            .then(pl.lit("independent"))
            .when((method == "direct_deduction") | tot2.is_null())
            .then(pl.lit("none"))
            .otherwise(pl.lit("pro_rata"))
        )
        .when(method == "higher_of_independent_and_pro_rata")
        .then(
            pl.when(national.is_null() | tot2.is_null())
            .then(pl.lit("none"))
            .when(tot2.eq_missing(True))
            .then(pl.lit("higher"))
            .otherwise(pl.lit("independent"))
        )
        .when(method.is_in(["direct", "account_balance"]))
        .then(pl.when(pl.col("entitled").eq_missing(True)).then(pl.lit("own")).otherwise(pl.lit("none")))
        .when(method == "residence_proportional")
        .then(pl.when(pl.col("entitled").eq_missing(True)).then(pl.lit("residence")).otherwise(pl.lit("none")))
        .otherwise(pl.lit("none"))
    )
    table = table.with_columns(
        *q.named("independent", independent),
        *q.named("pro_rata", pro_rata),
        independent_known=independent_known,
        theoretical_known=theoretical_known,
        source=by_method,
        payable_zero=pl.col("entitled").eq_missing(False),
        payable_known=payable_known,
    )
    return table


def rounded(table: pl.DataFrame) -> pl.DataFrame:
    """The amounts in the currency's minor unit, as ``batch.decisions`` shows them."""
    currencies = table.get_column("amount_currency").drop_nulls().unique().to_list()
    digits = {c: get_currency_precision(c) for c in currencies}
    table = table.with_columns(
        digits=pl.col("amount_currency").replace_strict(digits, default=None, return_dtype=pl.Int64)
    )
    d = pl.col("digits")

    def money(value: tuple[pl.Expr, pl.Expr], known: pl.Expr) -> pl.Expr:
        return pl.when(known & pl.col("amount_currency").is_not_null() & value[0].is_not_null()).then(
            q.as_float(q.minor_units(value, d), d)
        )

    source = pl.col("source")
    payable = (
        pl.when(pl.col("payable_zero"))
        .then(pl.lit(0.0))
        .when(~pl.col("payable_known"))
        .then(None)
        .when(source == "independent")
        .then(money(q.col("independent"), pl.col("independent_known")))
        .when(source == "pro_rata")
        .then(money(q.col("pro_rata"), pl.col("theoretical_known")))
        .when(source == "higher")
        .then(
            pl.when(
                pl.col("independent_known")
                & pl.col("theoretical_known")
                & pl.col("all_amount_n").is_not_null()
                & pl.col("independent_n").is_not_null()
            ).then(  # rounding half-up is monotone: the higher rounded amount is the rounded higher one
                pl.max_horizontal(money(q.col("independent"), pl.lit(True)), money(q.col("pro_rata"), pl.lit(True)))
            )
        )
        .when(source == "own")
        .then(money(q.col("own_amount"), pl.lit(True)))
        .when(source == "residence")
        .then(money(q.col("residence_amount"), pl.lit(True)))
        .otherwise(None)
    )
    return table.with_columns(
        independent_amount=money(q.col("independent"), pl.col("independent_known")),
        theoretical_amount=money(q.col("all_amount"), pl.col("theoretical_known")),
        pro_rata_amount=money(q.col("pro_rata"), pl.col("theoretical_known")),
        payable_amount=pl.when(pl.col("amount_currency").is_not_null()).then(payable),
        amount_period=pl.when(pl.col("amount_currency").is_not_null()).then(pl.col("amount_period")),
        currency=pl.col("amount_currency"),
    )
