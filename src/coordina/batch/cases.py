"""One person's rows of a population table as the scalar engine's ``Case`` (the oracle, and the
fallback where a rule is not vectorised). Pure: rows in, cases out."""

from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from typing import Any

from coordina.domain.case import Case


def case_of(rows: Sequence[Mapping[str, Any]], agreement_id: str, branch: str, claim_date: date) -> Case:
    """The case of one person (``rows``: their periods, the person's facts repeated on each)."""
    first = rows[0]
    periods = []
    for r in rows:
        period: dict[str, Any] = {"country": r["country"], "kind": r["kind"], "start": r["start"], "end": r["end"]}
        if r.get("activity"):
            period["activity"] = r["activity"]
        if r.get("employer_country"):
            period["employer_country"] = r["employer_country"]
        if r.get("earnings") is not None:
            period["earnings"] = {"amount": str(r["earnings"]), "currency": r["currency"]}
        periods.append(period)
    person: dict[str, Any] = {"birth_date": first["birth_date"], "residence": first["residence"]}
    if first.get("nationality"):
        person["nationality"] = [first["nationality"]]
    if first.get("sex"):
        person["sex"] = first["sex"]
    return Case.model_validate(
        {"agreement": agreement_id, "person": person, "claim": {"branch": branch, "date": claim_date},
         "periods": periods}
    )  # fmt: skip


def group_rows(rows: Iterable[Mapping[str, Any]]) -> Iterator[tuple[int, list[Mapping[str, Any]]]]:
    """Rows sorted by person, grouped by person."""
    current: list[Mapping[str, Any]] = []
    for row in rows:
        if current and row["person"] != current[0]["person"]:
            yield int(current[0]["person"]), current
            current = []
        current.append(row)
    if current:
        yield int(current[0]["person"]), current
