"""Unknown stays unknown: decisions for every value of a fact the case does not give.

Where the pension age depends on sex and the case gives none, the institution decides once
for each sex. What all variants agree on is definite ("met for either sex"); what they
disagree on is not determinable (``None``), with the reason.
"""

from collections.abc import Sequence
from typing import Any

from coordina.domain.decision import InstitutionDecision, Rule, TraceStep, trusted
from coordina.domain.wording import listing, say
from coordina.rules.trace import reasons_of, step, verdict

_AGREED = (
    "own_months",
    "foreign_months",
    "totalized_months",
    "eligible_national",
    "eligible_totalized",
    "pro_rata_fraction",
    "independent_amount",
    "theoretical_amount",
    "pro_rata_amount",
    "payable_amount",
    "currency",
    "amount_period",
    "payable_abroad",
    "lump_sum_refund_available",
)


def _age_steps(variant: InstitutionDecision) -> list[TraceStep]:
    return [s for s in variant.trace if s.rule is Rule.pension_age]


def _combined_age_step(variants: Sequence[InstitutionDecision]) -> TraceStep | None:
    steps = [next(iter(_age_steps(v)), None) for v in variants]
    if any(s is None for s in steps):
        return None
    first = steps[0]
    assert first is not None
    outcomes = [s.outcome for s in steps if s is not None]
    verdicts = {o.rsplit(": ", 1)[-1] for o in outcomes}
    detail = listing(
        [
            say("{sex}: {outcome}", sex=s.inputs.get("sex"), outcome=s.wording or s.outcome)
            for s in steps
            if s is not None
        ],
        "; ",
    )
    scheme = variants[0].scheme
    if len(verdicts) == 1 and verdicts <= {"met", "not met"}:
        met = verdicts.pop() == "met"
        return step(
            Rule.pension_age,
            first.basis,
            say("{verdict} for either sex (the case gives none) — {detail}", verdict=verdict(met), detail=detail),
            # the one reason of a pension-age step that decides: the age is not reached
            reason=say("{scheme}: the pensionable age for either sex is not reached on the claim date", scheme=scheme)
            if first.reason
            else None,
        )
    return step(
        Rule.pension_age,
        first.basis,
        say("depends on sex, which the case does not give — {detail}", detail=detail),
        reason=say(
            "{scheme}: whether the pensionable age is reached depends on sex, which the case does not give",
            scheme=scheme,
        ),
    )


def merge_variants(variants: Sequence[InstitutionDecision]) -> InstitutionDecision:
    """One decision: fields all variants agree on, ``None`` where they differ."""
    first = variants[0]
    values: dict[str, Any] = {}
    for name in _AGREED:
        seen = [getattr(v, name) for v in variants]
        values[name] = seen[0] if all(s == seen[0] for s in seen) else None
    combined = _combined_age_step(variants)
    trace = [combined if s.rule is Rule.pension_age and combined is not None else s for s in first.trace]
    differing = [name for name in _AGREED if values[name] is None and getattr(first, name) is not None]
    if differing:
        trace.append(
            step(
                Rule.eligibility,
                first.trace[-1].basis if first.trace else combined.basis if combined else first.trace[0].basis,
                say("not determined for this person: {fields} differ by sex", fields=listing(differing)),
                reason=say("the decision depends on sex, which the case does not give"),
            )
        )
    return trusted(
        InstitutionDecision,
        country=first.country,
        scheme=first.scheme,
        **values,
        reasons=reasons_of(trace),
        trace=trace,
    )
