"""Read registry CSV files: every bad row reported by row number and field; all or nothing."""

import csv
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from coordina.catalog.problems import Problem
from coordina.domain.registry import RegistryEntry

COLUMNS = ["id", "parties", "kind", "signed", "in_force", "branches", "source", "notes"]
MAX_BYTES = 16 * 1024 * 1024  # a registry file (the bundled one is well under 1 MiB)
MAX_FIELD = 4000  # characters in one field (a source's URL list, notes)


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
        with path.open("rb") as file:
            raw = file.read(MAX_BYTES + 1)
        if len(raw) > MAX_BYTES:
            return [], [], [Problem(path, 1, f"the file is larger than {MAX_BYTES // 2**20} MiB, the limit")]
        text = raw.decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        return [], [], [Problem(path, 1, f"cannot read file: {error}")]
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        return [], [], [Problem(path, line, "the file holds a NUL character: not a text CSV file")]
    reader = csv.DictReader(text.splitlines())
    try:
        return _read_rows(path, reader)
    except csv.Error as error:  # e.g. a field over the csv module's limit (131,072 characters)
        return [], [], [Problem(path, reader.line_num + 1, f"not readable as CSV: {error}")]  # the line being read


def _read_rows(path: Path, reader: "csv.DictReader[str]") -> tuple[list[RegistryEntry], list[Rejected], list[Problem]]:
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        return [], [], [Problem(path, 1, f"missing column(s): {', '.join(missing)}; expected {', '.join(COLUMNS)}")]
    entries: list[RegistryEntry] = []
    rejected: list[Rejected] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for row_number, row in enumerate(reader, start=2):
        values = {c: (row.get(c) or "").strip() for c in COLUMNS}
        too_long = [c for c, v in values.items() if len(v) > MAX_FIELD]
        if too_long:
            found = [f"{c}: longer than {MAX_FIELD} characters" for c in too_long]
            rejected.append(Rejected(row_number, {c: v[:MAX_FIELD] for c, v in values.items()}, found))
            problems += [Problem(path, row_number, message) for message in found]
            continue
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
