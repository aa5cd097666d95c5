"""Case files sent as bytes (an upload): read with the same bounded, located YAML loader and the
same validation as a case file on disk (``coordina.services.catalog.read_case``).

YAML 1.2 is a superset of JSON, so one reader takes both. Problems name the file as it was sent
(``case.yaml:4: periods[0].end: …``), never the temporary path.
"""

import tempfile
from pathlib import Path, PurePath

from coordina.domain.case import Case
from coordina.errors import DataError, Problem
from coordina.services import catalog

MAX_BYTES = 1_048_576  # an uploaded case (the loader itself refuses files over 2 MiB)


def read_case_bytes(data: bytes, name: str = "case.yaml") -> Case:
    """The case in ``data`` (YAML or JSON); ``DataError`` with every problem, each at its line."""
    shown = Path(PurePath(name.replace("\\", "/")).name[:100] or "case.yaml")
    if not data.strip():
        raise DataError([Problem(shown, 1, "the file is empty")])
    if len(data) > MAX_BYTES:
        raise DataError([Problem(shown, 1, f"the file is larger than {MAX_BYTES // 1024} KiB, the limit for a case")])
    with tempfile.TemporaryDirectory(prefix="coordina-case-") as folder:
        path = Path(folder) / "case.yaml"
        path.write_bytes(data)
        try:
            case, _document = catalog.read_case(path)
        except DataError as error:
            raise DataError([Problem(shown, p.line, p.message) for p in error.problems]) from None
    return case
