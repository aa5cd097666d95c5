"""The batch kernel (issue 13 item 1): the engine's rules over a table of periods, keyed by
person, to tables of decisions (``batch.decisions``).

``decide`` routes each person: those whose case uses only vectorised rules are decided by
columnar expressions over the whole table (``batch.vectorised``); the others by the scalar
engine, person by person (the fallback), and the answer counts them with the reason. The
scalar engine is the oracle: both paths give the same fields (tests/test_batch_kernel.py).
Pure: tables in, tables out; no I/O.
"""

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import polars as pl
from pydantic import ValidationError

from coordina.batch import vectorised
from coordina.batch.cases import case_of, group_rows
from coordina.batch.decisions import PERSONS, decision_rows, tables
from coordina.domain.agreement import Agreement
from coordina.domain.scheme import Scheme
from coordina.domain.vocabulary import AgreementKind
from coordina.rules import engine
from coordina.rules.errors import CaseError

CLAIMS: dict[str, Any] = {"person": pl.Int64, "branch": pl.Utf8, "claim_date": pl.Date}
"""The claims table: one claim per person."""


@dataclass(frozen=True)
class BatchDecisions:
    """The decisions of a batch, and how they were reached."""

    persons: pl.DataFrame
    """One row per person claimed for (``batch.decisions.PERSONS``, plus ``problem``: why a case
    could not be decided, else null)."""
    decisions: pl.DataFrame
    legislation: pl.DataFrame
    fallback: int = 0
    """People decided by the scalar engine because a rule their case needs is not vectorised."""
    fallback_reasons: Mapping[str, int] = field(default_factory=dict)
    """How many people fell back, by the rule that sent them."""


def decide(
    periods: pl.DataFrame,
    claims: pl.DataFrame,
    agreement: Agreement,
    schemes: Mapping[str, Scheme],
    earlier: Sequence[Agreement] = (),
    vectorise: bool = True,
) -> BatchDecisions:
    """Decide every claim of ``claims`` on the person's rows of ``periods`` under ``agreement``.

    ``vectorise=False`` decides everyone with the scalar engine (the oracle)."""
    claims = claims.select(list(CLAIMS)).cast(CLAIMS)  # type: ignore[arg-type]
    # each person's periods in the order their case lists them (both paths read that order)
    periods = periods.join(claims.select("person"), on="person", how="semi")
    periods = periods.sort(*vectorised.ORDER, maintain_order=True)
    refused = _refused_agreement(agreement, schemes, claims)
    if vectorise and refused is None:
        fast = vectorised.decide(periods, claims, agreement, schemes, earlier)
        routes = fast.persons.select("person", "fallback")
    else:
        reason = "not asked to vectorise" if not vectorise else refused
        routes = claims.select("person", pl.lit(reason).alias("fallback"))
        vectorise = False
    slow = routes.filter(pl.col("fallback").is_not_null())
    if slow.height:
        slow_periods, slow_claims = (t.join(slow, on="person", how="semi") for t in (periods, claims))
    else:
        slow_periods, slow_claims = periods.clear(), claims.clear()
    parts = [_scalar(slow_periods, slow_claims, agreement, schemes, earlier)]
    if vectorise and not slow.height:  # every person decided in columns
        parts.append((fast.persons.drop("fallback"), fast.decisions, fast.legislation))
    elif vectorise:
        done = routes.filter(pl.col("fallback").is_null()).select("person")
        parts.append((
            fast.persons.join(done, on="person", how="semi").drop("fallback"),
            fast.decisions.join(done, on="person", how="semi"),
            fast.legislation.join(done, on="person", how="semi"),
        ))  # fmt: skip
    reasons = Counter(dict(slow.group_by("fallback").len().iter_rows()))
    return BatchDecisions(
        persons=pl.concat([p[0] for p in parts], how="vertical").sort("person"),
        decisions=pl.concat([p[1] for p in parts], how="vertical").sort("person", "scheme"),
        legislation=pl.concat([p[2] for p in parts], how="vertical").sort("person", "start", "end", "country", "rule"),
        fallback=slow.height,
        fallback_reasons=dict(sorted(reasons.items())),
    )


def _refused_agreement(agreement: Agreement, schemes: Mapping[str, Scheme], claims: pl.DataFrame) -> str | None:
    """Why the engine refuses every claim under the agreement (``rules.engine.check_case``): a
    model agreement, or a scheme of its material scope missing from the library; None if not."""
    if agreement.kind is AgreementKind.model:
        return "a model agreement (the engine refuses it)"
    branches = set(claims.get_column("branch").unique().to_list())
    for entry in agreement.material_scope:
        if entry.branch.value in branches and any(s not in schemes for s in entry.schemes):
            return "a scheme of the material scope not in the library (the engine refuses it)"
    return None


PERSONS_OUT: dict[str, Any] = {**PERSONS, "problem": pl.Utf8}


def _scalar(
    periods: pl.DataFrame,
    claims: pl.DataFrame,
    agreement: Agreement,
    schemes: Mapping[str, Scheme],
    earlier: Sequence[Agreement],
) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """The scalar engine, person by person; a case it refuses keeps its row, with the problem."""
    claimed: dict[int, tuple[str, date]] = {p: (b, d) for p, b, d in claims.iter_rows()}
    heads, rows, legislation = [], [], []
    for person, person_rows in group_rows(periods.iter_rows(named=True)):
        branch, claim_date = claimed[person]
        try:
            decision = engine.compute(case_of(person_rows, agreement.id, branch, claim_date), agreement, schemes,
                                      earlier)  # fmt: skip
        except CaseError as error:
            heads.append(_refused(person, agreement, branch, claim_date, f"{error.field}: {error.args[-1]}"))
            continue
        except ValidationError as error:
            first = error.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            heads.append(_refused(person, agreement, branch, claim_date, f"{where}: {first['msg']}"))
            continue
        head, scheme_rows, stretches = decision_rows(person, decision)
        heads.append({**head, "problem": None})
        rows += scheme_rows
        legislation += stretches
    persons, decisions, legislation_table = tables(heads, rows, legislation)
    return _with_problem(persons, heads), decisions, legislation_table


def _refused(person: int, agreement: Agreement, branch: str, claim_date: date, problem: str) -> dict[str, Any]:
    return {"person": person, "agreement": agreement.version_of or agreement.id,
            "version": agreement.id if agreement.version else None, "branch": branch, "claim_date": claim_date,
            "covered": None, "vectorised": False, "problem": problem}  # fmt: skip


def _with_problem(persons: pl.DataFrame, heads: list[dict[str, Any]]) -> pl.DataFrame:
    problems = [h.get("problem") for h in heads]
    return persons.with_columns(pl.Series("problem", problems, dtype=pl.Utf8))
