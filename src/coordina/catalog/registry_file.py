"""Read registry CSV files: every bad row reported by row number and field; all or nothing."""

import csv
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from coordina.catalog.problems import Problem
from coordina.domain.registry import RegistryEntry

COLUMNS = ["id", "parties", "kind", "signed", "in_force", "branches", "source", "notes"]


@dataclass(frozen=True)
class Rejected:
    row: int
    values: dict[str, str]
    problems: list[str]


def read_registry(path: Path) -> tuple[list[RegistryEntry], list[Rejected], list[Problem]]:
    """Valid entries, rejected rows, and the problems (``file:row: field: message``).

    Row numbers count the header as row 1, as a spreadsheet shows them.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        return [], [], [Problem(path, 1, f"cannot read file: {error}")]
    reader = csv.DictReader(text.splitlines())
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        return [], [], [Problem(path, 1, f"missing column(s): {', '.join(missing)}; expected {', '.join(COLUMNS)}")]
    entries: list[RegistryEntry] = []
    rejected: list[Rejected] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for row_number, row in enumerate(reader, start=2):
        values = {c: (row.get(c) or "").strip() for c in COLUMNS}
        found = _row_problems(values, seen, row_number)
        if found:
            rejected.append(Rejected(row_number, values, found))
            problems += [Problem(path, row_number, message) for message in found]
            continue
        entries.append(RegistryEntry.model_validate(values))
        seen[values["id"]] = row_number
    return entries, rejected, problems


def _row_problems(values: dict[str, str], seen: dict[str, int], row: int) -> list[str]:
    found = []
    if values["id"] in seen:
        found.append(f"id: {values['id']!r} is already used on row {seen[values['id']]}")
    try:
        RegistryEntry.model_validate(values)
    except ValidationError as error:
        for err in error.errors():
            loc = [*err["loc"], *(err.get("ctx") or {}).get("at", ())]
            field = str(loc[0]) if loc else "row"
            found.append(f"{field}: {err['msg'].removeprefix('Value error, ')}")
    return found


def write_rejected(path: Path, rejected: list[Rejected]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["row", *COLUMNS, "problems"])
        writer.writeheader()
        for item in rejected:
            writer.writerow({"row": item.row, **item.values, "problems": " | ".join(item.problems)})
