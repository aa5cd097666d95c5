"""Engine rules that need an agreement the library does not have: conflicts, posting limits.

The periods lie after the au-kr agreement's entry into force (2008-10-01), when its rules on
applicable legislation apply, and Korean periods after the National Pension began (1988)."""

from datetime import date

import pytest

import coordina
from coordina.domain import Agreement
from coordina.domain.case import Case
from coordina.domain.provisions import ApplicableLegislationRule
from coordina.rules.errors import Conflict

SEAFARER = {
    "agreement": "au-kr",
    "person": {"birth_date": "1960-01-01", "nationality": ["KR"], "residence": "KR"},
    "claim": {"branch": "old_age", "date": "2025-04-01"},
    "periods": [
        {"country": "AU", "kind": "employment", "activity": "seafarer", "flag_country": "KR",
         "employer_country": "AU", "start": "2010-01-01", "end": "2019-12-31"},
        {"country": "KR", "kind": "insurance", "start": "1990-01-01", "end": "1999-12-31"},
    ],
}  # fmt: skip


def _with_exception(**rule: object) -> Agreement:
    agreement = coordina.load_agreement("au-kr")
    assert agreement.applicable_legislation is not None
    extra = ApplicableLegislationRule.model_validate({"overrides": "lex_loci_laboris", "article": "10", **rule})
    legislation = agreement.applicable_legislation.model_copy(
        update={"exceptions": [*agreement.applicable_legislation.exceptions, extra]}
    )
    return agreement.model_copy(update={"applicable_legislation": legislation})


def test_two_exceptions_designating_different_states_are_a_conflict() -> None:
    agreement = _with_exception(rule="seafarer", legislation_of="flag_state", activities=["seafarer"])

    with pytest.raises(Conflict, match=r"periods\[0\].*different States"):
        coordina.compute(Case.model_validate(SEAFARER), agreement)


def test_two_exceptions_designating_the_same_state_are_no_conflict() -> None:
    agreement = _with_exception(rule="seafarer", legislation_of="sending_state", activities=["seafarer"])

    decision = coordina.compute(Case.model_validate(SEAFARER), agreement)

    assert [(e.country, e.rule) for e in decision.applicable_legislation] == [("AU", "seafarer")]


def test_the_bundled_seafarer_rule_follows_the_employer() -> None:
    decision = coordina.compute(Case.model_validate(SEAFARER))

    assert [(e.country, e.rule, e.article) for e in decision.applicable_legislation] == [("AU", "seafarer", "Art. 10")]


def test_a_posting_beyond_its_limit_is_split_and_the_rest_goes_to_the_host_state() -> None:
    case = {
        **SEAFARER,
        "periods": [{"country": "AU", "kind": "employment", "activity": "posted", "employer_country": "KR",
                     "start": "2010-03-15", "end": "2017-03-14"},
                    {"country": "KR", "kind": "insurance", "start": "1990-01-01", "end": "1999-12-31"}],
    }  # fmt: skip

    decision = coordina.compute(Case.model_validate(case))

    assert [(e.start, e.end, e.country, e.rule) for e in decision.applicable_legislation] == [
        (date(2010, 3, 15), date(2015, 3, 14), "KR", "posting"),
        (date(2015, 3, 15), date(2017, 3, 14), "AU", "lex_loci_laboris"),
    ]
    assert decision.decision_for("kr-nps").own_months == 120 + 60


def test_a_claim_after_the_text_was_replaced_says_so_in_the_trace() -> None:
    case = {
        "agreement": "ca-nl-1987",  # the 1987 text named for a 2020 claim (ca-nl gives the 2001 text)
        "person": {"birth_date": "1950-01-01", "nationality": ["NL"], "residence": "NL"},
        "claim": {"branch": "old_age", "date": "2020-01-01"},
        "periods": [{"country": "NL", "kind": "residence", "start": "1970-01-01", "end": "2014-12-31"}],
    }

    decision = coordina.compute(Case.model_validate(case))

    *_, warning = (step for step in decision.trace if step.rule == "agreement_version")  # after the text applied
    assert "replaced" in warning.outcome and "2004-04-01" in warning.outcome
