"""Trace steps: every decision the engine makes is recorded with its typed legal basis.

A step cites either an article of the agreement (its number, Akoma Ntoso eId and the source
the article was read in) or a national provision (the law, the provision and the source of the
parameter value). Neither is ever empty: a national step without a dated value cites the
scheme's own legal basis.
"""

from collections.abc import Sequence
from functools import cache
from typing import Any

from coordina.domain.agreement import Agreement
from coordina.domain.decision import Rule, TraceStep, trusted
from coordina.domain.legal import UNVERIFIED, Citation, LegalBasis
from coordina.domain.parameters import Dated
from coordina.domain.scheme import Scheme
from coordina.domain.wording import Wording, say


class Citer:
    """Turns the agreement's citations and the schemes' references into legal bases."""

    def __init__(self, agreement: Agreement) -> None:
        self.agreement = agreement
        self._sources = {a.number: a.source for a in agreement.articles}
        version = f" ({agreement.version})" if agreement.version else ""
        self._instrument = agreement.short_title + version  # the text cited, where there are several
        self._cache: dict[tuple[str, str | None, str | None], LegalBasis] = {}

    def article(self, citation: Citation) -> LegalBasis:
        """An article of the agreement (or of another instrument it names)."""
        key = (citation.article, citation.paragraph, citation.instrument)
        basis = self._cache.get(key)
        if basis is None:
            own = citation.instrument is None
            source = (self._sources.get(citation.article) or UNVERIFIED) if own else None
            instrument = self._instrument if own else str(citation.instrument)
            basis = self._cache[key] = _article_basis(instrument, citation, source)
        return basis

    def first(self, citations: Sequence[Citation | None]) -> LegalBasis:
        """The first citation given, else the agreement as a whole (where its data cite no article)."""
        for citation in citations:
            if citation is not None:
                return self.article(citation)
        return trusted(
            LegalBasis,
            instrument=self._instrument,
            article=None,
            eid=None,
            provision=None,
            source=self.agreement.sources[0],
        )


def national(scheme: Scheme, value: Dated[Any] | None = None) -> LegalBasis:
    """A national provision: the parameter value's reference and source, else the scheme's law."""
    law = scheme.legal_basis[0]
    if value is not None and value.reference:
        return _national(law.reference or scheme.name, value.reference, value.source)
    return _national(
        law.reference or scheme.name, law.reference or scheme.name, value.source if value is not None else law.source
    )


def provision(instrument: str, provision: str, source: str) -> LegalBasis:
    """A provision outside the scheme data (e.g. the euro conversion rates' regulation)."""
    return _national(instrument, provision, source)


@cache
def _article_basis(instrument: str, citation: Citation, source: str | None) -> LegalBasis:
    """One basis per distinct (instrument, article, source), shared across claims (immutable)."""
    return trusted(
        LegalBasis, instrument=instrument, article=str(citation), eid=citation.eid, provision=None, source=source
    )


@cache
def _national(instrument: str, provision: str, source: str) -> LegalBasis:
    """One basis per distinct (law, provision, source): bases are immutable, so they are shared."""
    return trusted(LegalBasis, instrument=instrument, article=None, eid=None, provision=provision, source=source)


def step(
    rule: Rule,
    basis: LegalBasis,
    outcome: Wording,
    *,
    reason: Wording | None = None,
    details: Sequence[Wording] = (),
    **inputs: Any,
) -> TraceStep:
    """A trace step; ``reason`` is what a caseworker is told where the step decides against.

    Both are ``say(template, **values)`` (``domain.wording``): the step keeps their English text
    (``outcome``, ``reason``) and the wordings an interface translates."""
    return trusted(
        TraceStep,
        rule=rule,
        article=basis.article or basis.provision or basis.instrument,  # as ``str(basis)``
        basis=basis,
        inputs={k: v if type(v) in _PLAIN else _plain(v) for k, v in inputs.items()},
        outcome=outcome.text,
        reason=reason.text if reason is not None else None,
        wording=outcome,
        reason_wording=reason,
        details_wording=tuple(details),
    )


_PLAIN = frozenset({str, int, bool, type(None)})

_VERDICTS = {True: say("met"), False: say("not met"), None: say("unknown")}


def verdict(met: bool | None) -> Wording:
    """Whether a condition is met, as the trace says it after a colon: met, not met, unknown."""
    return _VERDICTS[met]


def reasons_of(trace: Sequence[TraceStep]) -> list[str]:
    """The caseworker's reasons, in order, derived from the trace (never written twice)."""
    seen: list[str] = []
    for item in trace:
        if item.reason and item.reason not in seen:
            seen.append(item.reason)
    return seen


def _plain(value: Any) -> Any:
    """Inputs as JSON-friendly values (dates and fractions as text)."""
    if isinstance(value, list | tuple | set):
        return [v if type(v) in _PLAIN else _plain(v) for v in value]
    if isinstance(value, bool | int | str) or value is None:
        return value
    return str(value)
