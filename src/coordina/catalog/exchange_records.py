"""An institution's register file (``domain.exchange_records``), read with the file, line and
field of any problem."""

from pathlib import Path

from coordina.catalog.validation import validate_document
from coordina.catalog.yaml_source import read_located_yaml
from coordina.domain.exchange_records import InstitutionRecords
from coordina.errors import DataError


def read_records(path: Path) -> InstitutionRecords:
    document, problems = read_located_yaml(path)
    if document is None:
        raise DataError(problems)
    found, problems = validate_document(InstitutionRecords, document, path)
    if found is None:
        raise DataError(problems)
    return found
