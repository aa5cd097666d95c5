"""The engine's trace wording and reasons are translatable (issue 11 item 6) without changing a
word of its English: every step carries its outcome and reason as ``say(template, **values)``
(``domain.wording``), whose text is the step's English; the templates are extracted into the
``engine`` catalogue; the web (``web/wording.py``) shows them in French and Spanish.

Run over every engine case (``tests/cases``) and every example (``examples/``).
"""

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

import coordina
from coordina.domain.case import Case
from coordina.domain.decision import Decision, Rule, TraceStep
from coordina.domain.wording import Listing, Wording, listing, say
from coordina.web import i18n, wording
from coordina.web.catalogues import TRANSLATED, extracted
from tests.test_engine_cases import CASES

EXAMPLES = Path(__file__).parent.parent / "examples"
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def _decisions() -> list[Decision]:
    found = [
        coordina.compute(Case.model_validate(item["case"]), item.get("agreement"))
        for _, item in CASES
        if "error" not in item
    ]
    for path in sorted(EXAMPLES.glob("*.yaml")):
        found.append(coordina.compute(Case.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))))
    return found


DECISIONS = _decisions()
STEPS: list[TraceStep] = [s for d in DECISIONS for s in [*d.trace, *(s for i in d.decisions for s in i.trace)]]


def _wordings(item: Wording) -> Iterator[Wording]:
    """A wording and the wordings inside its values."""
    yield item
    for value in item.values.values():
        for inner in value.items if isinstance(value, Listing) else (value,):
            if isinstance(inner, Wording):
                yield from _wordings(inner)


def _all_wordings() -> list[Wording]:
    tops = [w for s in STEPS for w in (s.wording, s.reason_wording) if w is not None]
    return [w for top in tops for w in _wordings(top)]


@pytest.fixture
def language() -> Iterator[None]:
    yield
    i18n.use(i18n.SOURCE_LANGUAGE)


def test_the_cases_reach_enough_steps_and_rules() -> None:
    assert len(DECISIONS) >= 90
    assert len(STEPS) >= 3000
    assert len({s.rule for s in STEPS}) >= 20


def test_every_step_says_its_outcome_and_reason_from_a_template() -> None:
    for step in STEPS:
        assert step.wording is not None, step
        assert step.wording.text == step.outcome == step.wording.template.format(**step.wording.values)
        if step.reason is None:
            assert step.reason_wording is None, step
        else:
            assert step.reason_wording is not None, step
            assert step.reason_wording.text == step.reason


def test_every_template_is_extracted_and_names_exactly_its_values() -> None:
    messages = extracted()
    templates = {w.template for w in _all_wordings()}
    assert len(templates) >= 60
    for item in _all_wordings():
        assert item.template in messages, f"not extracted (say() needs a literal template): {item.template!r}"
        assert any(f.startswith("../rules/") for f in messages[item.template])
        assert set(_PLACEHOLDER.findall(item.template)) == set(item.values), item.template


def test_the_wording_is_never_serialized() -> None:
    decision = DECISIONS[0]
    assert "wording" not in decision.model_dump_json()
    assert "wording" not in str(Decision.model_json_schema(mode="serialization"))
    again = Decision.model_validate_json(decision.model_dump_json())  # read back: the English text only
    assert again.trace[0].wording is None and again.trace[0].outcome == decision.trace[0].outcome


def test_every_rule_has_a_label_in_every_language(language: None) -> None:
    assert set(wording.RULE_LABELS) == set(Rule)
    for code in TRANSLATED:
        i18n.use(code)
        for rule in Rule:
            label = wording.rule_label(rule)
            assert label and label != wording.RULE_LABELS[rule], (code, rule)
            assert wording.rule_label(rule.value) == label
    i18n.use("en")
    assert wording.rule_label(Rule.totalization) == "Totalization of periods"
    assert wording.rule_label("not_a_rule") == "not a rule"


def test_english_is_the_engine_text_word_for_word(language: None) -> None:
    i18n.use("en")
    for step in STEPS:
        assert wording.outcome(step) == step.outcome
        assert wording.reason(step) == (step.reason or "")
    for decision in DECISIONS:
        for item in [decision, *decision.decisions]:
            assert wording.reasons(item) == item.reasons


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_outcome_and_reason_is_translated(code: str, language: None) -> None:
    i18n.use(code)
    for step in STEPS:
        shown = wording.outcome(step)
        assert shown != step.outcome, (code, step.outcome)
        assert not _PLACEHOLDER.search(shown), shown
        if step.reason is not None:
            told = wording.reason(step)
            assert told != step.reason and not _PLACEHOLDER.search(told), (code, step.reason)
            assert wording.reason(step.reason) == told  # the English text alone finds its template


@pytest.mark.parametrize("code", TRANSLATED)
def test_the_reasons_of_a_decision_in_order(code: str, language: None) -> None:
    i18n.use(code)
    told = 0
    for decision in DECISIONS:
        for item in [decision, *decision.decisions]:
            translated = wording.reasons(item)
            assert len(translated) == len(item.reasons)
            assert translated == [wording.reason(text) for text in item.reasons]
            told += len(translated)
    assert told >= 50


def test_values_are_shown_in_the_language(language: None) -> None:
    from datetime import date
    from decimal import Decimal

    from coordina.domain.vocabulary import Branch, PeriodKind

    i18n.use("fr")
    sentence = say("the agreement does not cover {branch} benefits (material scope)", branch=Branch.old_age)
    assert wording.reason(sentence) == "l'accord ne couvre pas la branche vieillesse (champ d'application matériel)"
    dated = say("the claim date is before the agreement's entry into force ({date})", date=date(2008, 10, 1))
    assert (
        wording.reason(dated) == "la date de la demande est antérieure à l'entrée en vigueur de l'accord (1 oct. 2008)"
    )
    amount = say(
        "national law alone: {amount}", amount=say("{amount} {currency}", amount=Decimal("2277.82"), currency="AUD")
    )
    assert wording.reason(amount) == "législation nationale seule : 2\u202f277,82 AUD"
    kinds = say(
        "{kinds} counts from {start} to {end} (for {applies_to})",
        kinds=listing([PeriodKind.residence]),
        start=date(1974, 3, 10),
        end=date(2025, 3, 9),
        applies_to=listing(["qualification", "amount"], " and "),
    )
    assert wording.reason(kinds) == (
        "résidence : périodes prises en compte du 10 mars 1974 au 9 mars 2025"
        " (pour l'ouverture du droit et le calcul du montant)"
    )
    i18n.use("es")
    assert wording.reason(sentence) == "el convenio no cubre la rama de vejez (campo de aplicación material)"


def test_an_untranslated_template_stays_english_whole(language: None) -> None:
    i18n.use("fr")
    unknown = say("a sentence no catalogue has about {branch}", branch="old_age")
    assert wording.reason(unknown) == "a sentence no catalogue has about old_age"
    assert wording.reason("a reason nobody wrote") == "a reason nobody wrote"
    assert wording.reason(None) == ""
