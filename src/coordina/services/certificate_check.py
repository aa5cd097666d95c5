"""A certificate of coverage checked for the web page (issue 14 item 5): the CC1 text typed or
read from an uploaded image or PDF, verified offline against the trust list this server is given
(``COORDINA_TRUST_LIST`` and ``COORDINA_TRUST_ANCHORS``, files set up out of band), or against a
trust list and anchors the visitor brings (the verdict says which)."""

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from coordina.errors import DataError, Problem
from coordina.services.exchange_verify import Checked, verify

MAX_BYTES = 1 << 20


@dataclass(frozen=True)
class Upload:
    name: str
    data: bytes


def server_trust() -> tuple[Path, Path] | None:
    """The trust list and anchors files this server is configured with, if both are set."""
    found = os.environ.get("COORDINA_TRUST_LIST"), os.environ.get("COORDINA_TRUST_ANCHORS")
    return (Path(found[0]), Path(found[1])) if found[0] and found[1] else None


def check(*, text: str | None, upload: Upload | None, trust_list: Upload | None, anchors: Upload | None) -> Checked:
    """The verdict on the certificate in ``text`` or ``upload``: against the visitor's trust list
    and anchors where both are given, else the server's; ``DataError`` where neither is there, or
    the certificate or a file cannot be read."""
    for given in (upload, trust_list, anchors):
        if given is not None and len(given.data) > MAX_BYTES:
            raise DataError([Problem(Path(given.name), 0, f"the file is more than {MAX_BYTES} bytes")])
    with tempfile.TemporaryDirectory(prefix="coordina-verify-") as folder:
        base = Path(folder)
        if trust_list is not None and anchors is not None:
            trust = _written(base, "trust-list", trust_list), _written(base, "anchors", anchors)
        else:
            configured = server_trust()
            if configured is None:
                raise DataError([Problem(Path("trust list"), 0, "this server has no trust list: give the trust "
                                         "list and its anchors with the certificate")])  # fmt: skip
            trust = configured
        if upload is not None:
            source = str(_written(base, "certificate", upload))
        elif text and text.strip():
            source = text.strip()
        else:
            raise DataError([Problem(Path("certificate"), 0, "give the certificate's text or its image or PDF")])
        return verify(source, trust_list=trust[0], anchors=trust[1])


def _written(folder: Path, stem: str, upload: Upload) -> Path:
    suffix = Path(upload.name).suffix.lower()[:8] if upload.name else ""
    path = folder / f"{stem}{suffix if suffix.replace('.', '').isalnum() else ''}"
    path.write_bytes(upload.data)
    return path
