"""Engine cases written as data (tests/cases/*.yaml): a case, the expected decision, a source.

Each case names where its expectation comes from. ``expect`` lists only the fields that
matter; lists of applicable-legislation entries are compared in order on the keys given;
``decisions`` are keyed by scheme id; ``version`` is the text applied (its id). ``error``
instead expects the case to be refused, naming ``field``.

Trace checks, at the top of ``expect`` (the decision's own trace) or per scheme (that
institution's trace): ``trace_rules`` names rules that must be among the steps,
``trace_rules_absent`` rules that must not be; ``trace_lacks`` substrings that no step's
"article outcome" may contain. ``legislation_rules`` lists the applicable-legislation rules
in order; ``every_step_cited: true`` requires every step to cite a legal basis (not empty,
not a scheme id).
"""

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

import coordina
from coordina.domain.case import Case
from coordina.rules.errors import CaseError

CASES_DIR = Path(__file__).parent / "cases"


def _load() -> list[tuple[str, dict[str, Any]]]:
    cases = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        for item in yaml.safe_load(path.read_text(encoding="utf-8")):
            cases.append((f"{path.stem}: {item['name']}", item))
    return cases


CASES = _load()


def test_there_are_enough_cases_for_every_agreement() -> None:
    agreements = {item["case"].get("agreement") or item.get("agreement") for _, item in CASES}
    assert len(CASES) >= 40
    assert {"ar-cl", "ca-nl", "fr-tn", "in-de", "au-kr", "mercosur"} <= agreements
    assert all(item.get("source") for _, item in CASES)


def _params() -> list[Any]:
    """A case may carry ``xfail: reason`` while the engine lacks what it shows (strict)."""
    return [
        pytest.param(name, item, id=name, marks=[pytest.mark.xfail(reason=item["xfail"], strict=True)])
        if item.get("xfail")
        else pytest.param(name, item, id=name)
        for name, item in CASES
    ]


@pytest.mark.parametrize(("name", "item"), _params())
def test_case(name: str, item: dict[str, Any]) -> None:
    agreement = item.get("agreement")
    if "error" in item:
        with pytest.raises((CaseError, ValueError)) as raised:
            coordina.compute(Case.model_validate(item["case"]), agreement)
        assert item["error"]["field"] in _message(raised.value)
        return

    decision = coordina.compute(Case.model_validate(item["case"]), agreement).model_dump(mode="json")

    expect = item["expect"]
    for key in ("covered", "version"):  # version: the text applied, where an agreement has several
        if key in expect:
            assert decision[key] == expect[key], key
    for text in expect.get("reasons_contain", []):
        assert any(text in reason for reason in decision["reasons"]), (text, decision["reasons"])
    if "legislation_rules" in expect:
        assert [e["rule"] for e in decision["applicable_legislation"]] == expect["legislation_rules"]
    _check_trace(expect, decision["trace"])
    if expect.get("every_step_cited"):
        steps = [*decision["trace"], *(s for d in decision["decisions"] for s in d["trace"])]
        uncited = [f"{s['rule']}: {s['article']!r}" for s in steps if not _cites_law(s["article"])]
        assert not uncited, uncited
    if "applicable_legislation" in expect:
        got = decision["applicable_legislation"]
        assert len(got) == len(expect["applicable_legislation"]), got
        for wanted, actual in zip(expect["applicable_legislation"], got, strict=True):
            assert {k: actual[k] for k in wanted} == _as_json(wanted)
    decisions = {d["scheme"]: d for d in decision["decisions"]}
    for scheme, wanted in expect.get("decisions", {}).items():
        assert scheme in decisions, (scheme, list(decisions))
        actual = decisions[scheme]
        for key, value in wanted.items():
            if key == "reasons_contain":
                assert any(v in r for v in value for r in actual["reasons"]), actual["reasons"]
            elif key == "trace_contains":
                outcomes = " | ".join(f"{s['article']} {s['outcome']}" for s in actual["trace"])
                assert all(v in outcomes for v in value), outcomes
            elif key in TRACE_KEYS:
                continue
            else:
                assert actual[key] == _as_json(value), (scheme, key, actual[key])
        _check_trace(wanted, actual["trace"])
    for scheme in expect.get("no_decision_for", []):
        assert scheme not in decisions


TRACE_KEYS = ("trace_rules", "trace_rules_absent", "trace_lacks")
SCHEME_ID = re.compile(r"^[a-z]{2}(-[a-z0-9]+)+$")


def _check_trace(wanted: dict[str, Any], trace: list[dict[str, Any]]) -> None:
    """The trace keys of ``expect`` (or of one scheme's expectations) against a trace."""
    rules = {s["rule"] for s in trace}
    assert set(wanted.get("trace_rules", [])) <= rules, (wanted["trace_rules"], sorted(rules))
    assert not set(wanted.get("trace_rules_absent", [])) & rules, sorted(rules)
    outcomes = " | ".join(f"{s['article']} {s['outcome']}" for s in trace)
    assert not [t for t in wanted.get("trace_lacks", []) if t in outcomes], outcomes


def _cites_law(article: str | None) -> bool:
    """A legal basis: an article or a national provision, never empty nor a scheme id."""
    return bool(article and article.strip()) and not SCHEME_ID.match(str(article))


def _message(error: Exception) -> str:
    """Errors as users see them: pydantic locations written ``periods[1].end``."""
    if isinstance(error, ValidationError):
        return " | ".join(
            f"{_dotted((*e['loc'], *(e.get('ctx') or {}).get('at', ())))}: {e['msg']}" for e in error.errors()
        )
    return str(error)


def _dotted(loc: tuple[Any, ...]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _as_json(value: Any) -> Any:
    """YAML dates as ISO strings and numbers as the decision's JSON has them."""
    if isinstance(value, dict):
        return {k: _as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_json(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value
