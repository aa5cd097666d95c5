"""The registry in the workspace: the bundled rows plus the rows users import."""

import functools
import hashlib
import tempfile
import threading
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Literal

from sqlalchemy import select

from coordina.catalog import registry as registry_lib
from coordina.catalog.problems import Problem
from coordina.catalog.registry_file import read_registry, write_rejected
from coordina.domain.registry import RegistryEntry
from coordina.errors import Refused
from coordina.services import figures
from coordina.store.db import Database
from coordina.store.tables import RegistryRow

# Figures drawn, by (figure, format, registry content): a figure takes a second of CPU to draw
# and anyone may ask for it, so each is drawn once per content of the registry (OWASP API4:2023,
# unrestricted resource consumption), one at a time (matplotlib's pyplot is not thread-safe).
_DRAWN: dict[tuple[object, ...], tuple[bytes, str]] = {}
_DRAWN_AT_MOST = 12  # two contents' worth of the six figures: the registry rarely changes
_DRAWING = threading.Lock()


@functools.cache
def _bundled() -> tuple[RegistryEntry, ...]:
    """The rows shipped with the package: read once, they do not change while the process runs."""
    return tuple(registry_lib.bundled_entries())


def current(db: Database) -> registry_lib.Registry:
    with db.transaction() as session:
        imported = [RegistryEntry.model_validate(row.data) for row in session.scalars(select(RegistryRow))]
    return registry_lib.build(_bundled(), imported)


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


def _content_key(registry: registry_lib.Registry) -> str:
    digest = hashlib.sha256()
    for entry in registry.entries:
        digest.update(entry.model_dump_json().encode())
    digest.update(repr(sorted(registry.encoded.items())).encode())
    return digest.hexdigest()


def figure(db: Database, name: figures.FigureName, format: Literal["png", "svg"],
           words: Mapping[str, str] | None = None, caption: str | None = None) -> tuple[bytes, str]:  # fmt: skip
    """Figure 1, Figure 2 or the network of the registry as it is now: the file's bytes and its
    caption; ``words`` and ``caption`` draw it in another language (``figures.render``)."""
    registry = current(db)
    key = (name, format, _content_key(registry), tuple(sorted((words or {}).items())), caption)
    with _DRAWING:
        if key not in _DRAWN:
            with tempfile.TemporaryDirectory() as folder:
                out = Path(folder) / f"figure.{format}"
                drawn_caption = figures.render(registry, name, out, words, caption)
                drawn = out.read_bytes()
            if len(_DRAWN) >= _DRAWN_AT_MOST:
                _DRAWN.clear()
            _DRAWN[key] = (drawn, drawn_caption)
        return _DRAWN[key]
