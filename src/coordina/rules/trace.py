"""Trace steps: every decision the engine makes is recorded with its legal basis."""

from typing import Any

from coordina.domain.decision import TraceStep
from coordina.domain.legal import Citation


def step(rule: str, basis: Citation | str | None, outcome: str, **inputs: Any) -> TraceStep:
    """A trace step; ``basis`` is an agreement article (Citation) or a national provision."""
    article = str(basis) if basis is not None else None
    return TraceStep(rule=rule, article=article, inputs={k: _plain(v) for k, v in inputs.items()}, outcome=outcome)


def _plain(value: Any) -> Any:
    """Inputs as JSON-friendly values (dates and fractions as text)."""
    if isinstance(value, list | tuple | set):
        return [_plain(v) for v in value]
    if isinstance(value, bool | int | str) or value is None:
        return value
    return str(value)
