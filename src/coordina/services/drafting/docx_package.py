"""An uploaded DOCX read within bounds: a ZIP package (ECMA-376 Part 2, Open Packaging
Conventions) whose parts are XML.

Refused, with a ``Refused("docx_upload", ...)`` that says why: a file over ``MAX_UPLOAD``, not a
ZIP, with too many entries, a part that inflates past ``MAX_PART`` or by more than ``MAX_RATIO``
times (a ZIP bomb: sizes are counted while inflating, never taken from the headers), a part with
a DOCTYPE (OOXML parts have none; no entity is ever expanded, no DTD or network read), or XML
nested deeper than libxml2's default limit.
"""

import io
import posixpath
import zipfile
from typing import Any

from lxml import etree  # type: ignore[import-untyped]  # no stubs installed (lxml-stubs)

from coordina.errors import Refused

MAX_UPLOAD = 10 * 1024 * 1024
MAX_PART = 32 * 1024 * 1024
MAX_ENTRIES = 2000
MAX_RATIO = 200
RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
STYLES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"


def _refuse(message: str) -> Refused:
    return Refused("docx_upload", message)


class Package:
    """The parts of a DOCX, read on demand, each within the bounds."""

    def __init__(self, data: bytes) -> None:
        if len(data) > MAX_UPLOAD:
            raise _refuse(f"the file is larger than {MAX_UPLOAD // (1024 * 1024)} MiB")
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, ValueError):
            raise _refuse("the file is not a Word document (.docx): not a ZIP package") from None
        entries = self._zip.infolist()
        if len(entries) > MAX_ENTRIES:
            raise _refuse(f"the package has more than {MAX_ENTRIES} parts")
        self._entries = {e.filename: e for e in entries}
        self.main_name = "word/document.xml"

    def part(self, name: str) -> bytes | None:
        """The part's bytes, or None if the package has no such part."""
        entry = self._entries.get(name)
        if entry is None:
            return None
        limit = min(MAX_PART, max(entry.compress_size, 1024) * MAX_RATIO)
        out = bytearray()
        try:
            with self._zip.open(entry) as stream:
                while chunk := stream.read(65536):
                    out += chunk
                    if len(out) > limit:
                        raise _refuse(f"the part {name} inflates past the limit (a ZIP bomb?)")
        except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError) as error:
            raise _refuse(f"the part {name} cannot be read: {error}") from None
        return bytes(out)

    def xml(self, name: str) -> Any:
        """The part parsed as XML with entities, DTDs and the network off; None if absent."""
        data = self.part(name)
        if data is None:
            return None
        if b"<!DOCTYPE" in data[:4096].upper() or b"<!ENTITY" in data.upper():
            raise _refuse(f"the part {name} declares a DOCTYPE or entities, which Word documents never do")
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
        try:
            return etree.fromstring(data, parser)
        except etree.XMLSyntaxError as error:
            raise _refuse(f"the part {name} is not well-formed XML (line {error.lineno}): {error.msg}") from None

    def related(self, source: str, relation: str, default: str) -> str:
        """The part that ``source`` (``""`` for the package) relates to by ``relation``."""
        folder, base = posixpath.split(source)
        rels = self.xml(posixpath.join(folder, "_rels", f"{base}.rels"))
        if rels is not None:
            for element in rels.iter(f"{{{RELATIONSHIPS}}}Relationship"):
                if element.get("Type") == relation and element.get("TargetMode") != "External":
                    target = element.get("Target", "")
                    return posixpath.normpath(target.lstrip("/") if target.startswith("/") else
                                              posixpath.join(folder, target))  # fmt: skip
        return default

    def main_document(self) -> Any:
        """The main document part (``word/document.xml`` as a rule)."""
        name = self.related("", OFFICE_DOCUMENT, "word/document.xml")
        root = self.xml(name)
        if root is None:
            raise _refuse("the package has no main document part: not a Word document")
        self.main_name = name
        return root

    def styles(self) -> Any:
        return self.xml(self.related(self.main_name, STYLES, "word/styles.xml"))
