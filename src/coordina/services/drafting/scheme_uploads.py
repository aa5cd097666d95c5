"""Scheme files (and an agreement file) sent as text, not paths: the API's and a page's way to
apply a party's own schemes beside a user agreement (``coordina compute --scheme`` on the command
line). Read with the same bounded, located YAML loader and checks as files on disk
(``catalog.with_schemes``); problems name each file as it was sent (``ph-sss.yaml:12: kind: …``),
never the temporary path."""

import tempfile
from collections.abc import Sequence
from pathlib import Path, PurePath

from coordina.domain import Agreement
from coordina.errors import DataError, Problem
from coordina.services import catalog

MAX_BYTES = 1_048_576  # one file sent (the loader itself refuses files over 2 MiB)
MAX_FILES = 20


def _shown(name: str, fallback: str) -> str:
    return PurePath(name.replace("\\", "/")).name[:100] or fallback


def _unreadable(text: str) -> str | None:
    """Why a sent text cannot be a file: over the limit, or not encodable as UTF-8 (a lone surrogate)."""
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError:
        return "the text is not valid Unicode (a lone surrogate): send UTF-8"
    return f"the file is larger than {MAX_BYTES // 1024} KiB" if size > MAX_BYTES else None


def with_sent_files(
    schemes: Sequence[tuple[str, str]], agreement: tuple[str, str] | None = None
) -> tuple[catalog.Library, Agreement | None]:
    """The library with the sent scheme files (``(name, text)``) beside its schemes, and the sent
    agreement file checked against them; ``DataError`` with every problem of every file."""
    if not schemes or len(schemes) > MAX_FILES:
        raise DataError([Problem(Path("scheme_files"), 1, f"send 1 to {MAX_FILES} scheme files")])
    sent = [(_shown(name, f"scheme-{i + 1}.yaml"), text) for i, (name, text) in enumerate(schemes)]
    if agreement is not None:
        sent.append((_shown(agreement[0], "agreement.yaml"), agreement[1]))
    refused = [Problem(Path(name), 1, why) for name, text in sent if (why := _unreadable(text))]
    if refused:
        raise DataError(refused)
    with tempfile.TemporaryDirectory(prefix="coordina-schemes-") as folder:
        paths = {}
        for number, (name, text) in enumerate(sent):
            path = Path(folder) / f"{number}.yaml"
            path.write_bytes(text.encode("utf-8"))
            paths[path] = name
        written = list(paths)
        scheme_paths = written[: len(schemes)]
        agreement_path = written[-1] if agreement is not None else None
        try:
            return catalog.with_schemes(scheme_paths, agreement_path)
        except DataError as error:
            raise DataError([Problem(Path(paths.get(p.file, str(p.file))), p.line, p.message)
                             for p in error.problems]) from None  # fmt: skip
