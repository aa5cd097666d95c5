"""A figure of the registry is drawn once per content of the registry: asking again costs no
drawing, and an import that changes the registry draws it anew (services.registry.figure)."""

import csv
from pathlib import Path
from typing import Any

import pytest

from coordina.catalog.registry_file import COLUMNS
from coordina.services import figures
from coordina.services import registry as registry_service
from coordina.services.database import open_database

ROW = {"id": "es-ma", "parties": "ES;MA", "kind": "bilateral", "signed": "1979-11-08", "in_force": "1982",
       "branches": "old_age;invalidity", "source": "BOE 1982 (test)", "notes": ""}  # fmt: skip


def test_a_figure_is_drawn_once_per_content_of_the_registry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    drawn: list[str] = []
    render = figures.render

    def counted(registry: figures.Registry, name: figures.FigureName, out: Path, *language: Any) -> str:
        drawn.append(name)
        return render(registry, name, out, *language)

    monkeypatch.setattr(figures, "render", counted)
    monkeypatch.setattr(registry_service, "_DRAWN", {})  # none drawn yet by an earlier test
    db = open_database(f"sqlite:///{tmp_path / 'coordina.db'}")
    first = registry_service.figure(db, "1", "svg")
    again = registry_service.figure(db, "1", "svg")
    other_format = registry_service.figure(db, "1", "png")
    with (tmp_path / "issa.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerow(ROW)
    assert registry_service.import_file(db, tmp_path / "issa.csv") == (1, [])
    after_import = registry_service.figure(db, "1", "svg")
    db.engine.dispose()

    assert again == first and drawn == ["1", "1", "1"]  # svg, png, svg after the import
    assert other_format[0][:4] == b"\x89PNG" and first[0].lstrip().startswith(b"<?xml")
    assert after_import != first  # one more agreement in force in 1982: another curve, another caption
