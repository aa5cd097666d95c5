"""The registry in the workspace: the bundled rows plus the rows users import."""

from datetime import date
from pathlib import Path

from sqlalchemy import select

from coordina.catalog import registry as registry_lib
from coordina.catalog.problems import Problem
from coordina.catalog.registry_file import read_registry, write_rejected
from coordina.domain.registry import RegistryEntry
from coordina.errors import Refused
from coordina.store.db import Database
from coordina.store.tables import RegistryRow


def current(db: Database) -> registry_lib.Registry:
    with db.transaction() as session:
        imported = [RegistryEntry.model_validate(row.data) for row in session.scalars(select(RegistryRow))]
    return registry_lib.build(registry_lib.bundled_entries(), imported)


def search(
    db: Database,
    party: str | None = None,
    between: tuple[str, str] | None = None,
    branch: str | None = None,
    region: str | None = None,
    in_force_before: date | None = None,
) -> tuple[list[RegistryEntry], dict[str, str]]:
    """The rows matching every filter given, and which library agreement encodes which row.

    An unknown country, branch or region is refused by the rule ``registry_filter``."""
    registry = current(db)
    try:
        found = registry.search(
            party=party, between=between, branch=branch, region=region, in_force_before=in_force_before
        )
    except (KeyError, ValueError) as error:
        raise Refused("registry_filter", str(error.args[0])) from None
    return found, registry.encoded


def import_file(db: Database, path: Path, rejected_to: Path | None = None) -> tuple[int, list[Problem]]:
    """Import a registry CSV. With problems and no ``rejected_to``, nothing is imported; with it,
    the valid rows are imported and the rejected ones written there with their problems."""
    entries, rejected, problems = read_registry(path)
    if problems and (rejected_to is None or not rejected):
        return 0, problems
    if rejected_to is not None and rejected:
        write_rejected(rejected_to, rejected)
    with db.transaction() as session:
        for entry in entries:
            row = session.get(RegistryRow, entry.id)
            data = entry.model_dump(mode="json")
            if row is None:
                session.add(RegistryRow(id=entry.id, data=data, origin=path.name))
            else:
                row.data, row.origin = data, path.name
    return len(entries), problems
